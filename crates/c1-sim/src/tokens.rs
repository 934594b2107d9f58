//! Bearer tokens the token endpoint hands out and every RPC must carry, and the nonces of
//! the assertions they were exchanged for.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Why a bearer token is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenRefusal {
    /// No `authorization` header, or not `Bearer <token>`.
    Missing,
    /// Never issued, or revoked.
    Unknown,
    /// Issued, but its lifetime is over.
    Expired,
}

impl TokenRefusal {
    /// The message of the UNAUTHENTICATED status.
    pub(crate) fn message(self) -> &'static str {
        match self {
            TokenRefusal::Missing => "missing bearer token",
            TokenRefusal::Unknown => "unknown or revoked bearer token",
            TokenRefusal::Expired => "expired bearer token",
        }
    }
}

#[derive(Default)]
struct Issued {
    expiry: HashMap<String, Instant>,
    nonces: HashSet<String>,
}

/// The issued tokens with their expiry, and every nonce seen.
#[derive(Default)]
pub(crate) struct TokenStore {
    issued: Mutex<Issued>,
}

impl TokenStore {
    /// Remembers `nonce`; false when it was seen before.
    pub(crate) fn claim_nonce(&self, nonce: &str) -> bool {
        self.lock().nonces.insert(nonce.to_owned())
    }

    /// A new opaque token valid for `ttl`.
    pub(crate) fn issue(&self, ttl: Duration) -> String {
        let mut bytes = [0u8; 32];
        rand::fill(&mut bytes);
        let token = URL_SAFE_NO_PAD.encode(bytes);
        self.lock()
            .expiry
            .insert(token.clone(), Instant::now() + ttl);
        token
    }

    /// Checks an `authorization` header value. The scheme is matched case-insensitively,
    /// as HTTP auth schemes are; the SDK sends `Bearer`.
    pub(crate) fn check(&self, authorization: Option<&str>) -> Result<(), TokenRefusal> {
        let token = authorization
            .and_then(|value| value.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|token| !token.is_empty())
            .ok_or(TokenRefusal::Missing)?;
        match self.lock().expiry.get(token) {
            None => Err(TokenRefusal::Unknown),
            Some(expiry) if *expiry <= Instant::now() => Err(TokenRefusal::Expired),
            Some(_) => Ok(()),
        }
    }

    /// Forgets every token issued so far.
    pub(crate) fn revoke_all(&self) {
        self.lock().expiry.clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Issued> {
        self.issued.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_token_passes_until_it_expires_or_is_revoked() {
        let store = TokenStore::default();
        let token = store.issue(Duration::from_secs(60));
        assert_eq!(store.check(Some(&format!("Bearer {token}"))), Ok(()));
        assert_eq!(store.check(Some(&format!("bearer {token}"))), Ok(()));
        store.revoke_all();
        assert_eq!(
            store.check(Some(&format!("Bearer {token}"))),
            Err(TokenRefusal::Unknown)
        );
        let short = store.issue(Duration::ZERO);
        assert_eq!(
            store.check(Some(&format!("Bearer {short}"))),
            Err(TokenRefusal::Expired)
        );
    }

    #[test]
    fn header_without_bearer_token_is_missing() {
        let store = TokenStore::default();
        let token = store.issue(Duration::from_secs(60));
        for header in [
            None,
            Some(token.as_str()),
            Some("Basic abc"),
            Some("Bearer "),
        ] {
            assert_eq!(
                store.check(header),
                Err(TokenRefusal::Missing),
                "{header:?}"
            );
        }
    }

    #[test]
    fn a_nonce_is_accepted_once() {
        let store = TokenStore::default();
        assert!(store.claim_nonce("abc"));
        assert!(!store.claim_nonce("abc"));
        assert!(store.claim_nonce("abd"));
    }
}
