//! Identifiers shaped like Zoom's.
//!
//! Zoom user, group and role ids are 16 random bytes in unpadded base64url: 22 characters
//! such as `z8yCqRbnT3Ku7WABdFHZQA`. Contact-group ids carry a `dir.` prefix. Generating them
//! from the caller's RNG keeps seeded tenants reproducible.

use rand::Rng;

/// The base64url alphabet Zoom's ids are drawn from.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Length of a Zoom id: 16 bytes of base64url without padding.
const ID_LEN: usize = 22;

/// A 22-character Zoom-style id (users, groups, custom roles, the account).
pub fn zoom_id<R: Rng + ?Sized>(rng: &mut R) -> String {
    random_chars(rng, ID_LEN)
}

/// A contact-group id: `dir.` followed by a Zoom-style id.
pub fn contact_group_id<R: Rng + ?Sized>(rng: &mut R) -> String {
    format!("dir.{}", zoom_id(rng))
}

/// `len` characters of the base64url alphabet.
pub fn random_chars<R: Rng + ?Sized>(rng: &mut R, len: usize) -> String {
    (0..len)
        .map(|_| char::from(ALPHABET[(rng.next_u32() & 63) as usize]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn zoom_ids_are_22_base64url_characters() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let id = zoom_id(&mut rng);
        assert_eq!(id.len(), 22);
        assert!(id.bytes().all(|b| ALPHABET.contains(&b)));
    }

    #[test]
    fn contact_group_ids_carry_the_dir_prefix() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let id = contact_group_id(&mut rng);
        assert!(id.starts_with("dir."));
        assert_eq!(id.len(), 26);
    }
}
