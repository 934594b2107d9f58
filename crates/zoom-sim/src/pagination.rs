//! Zoom-style pagination: opaque `next_page_token`s that expire, and page sizes with
//! per-endpoint defaults and maxima.
//!
//! A token carries its own state (the key to resume after, the page number, when it was
//! issued, and an "epoch" that [`PageTokens::expire_all`] bumps), sealed with a keyed
//! checksum bound to the listing it came from. Nothing is stored per token, so serving
//! thousands of pages a second costs no memory, and a token from another listing, an edited
//! token or garbage is refused exactly like an expired one: HTTP 400, code 300.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Where the next page of a listing starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cursor {
    /// The last key the previous page returned.
    pub after: String,
    /// 1-based number of the page this cursor leads to.
    pub page_number: u64,
}

/// Issues and checks page tokens.
pub(crate) struct PageTokens {
    key: u64,
    epoch: AtomicU64,
    ttl: Duration,
    started: Instant,
}

/// A token that is expired, from another listing, or not a token at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct InvalidPageToken;

impl PageTokens {
    /// Tokens sealed with `key` that live `ttl` after issue.
    pub(crate) fn new(key: u64, ttl: Duration) -> Self {
        PageTokens {
            key,
            epoch: AtomicU64::new(0),
            ttl,
            started: Instant::now(),
        }
    }

    /// A token for the page after `after` of `listing` (e.g. `users:active`).
    pub(crate) fn issue(&self, listing: &str, after: &str, page_number: u64) -> String {
        let payload = format!(
            "{}.{}.{}.{}",
            self.epoch.load(Ordering::Relaxed),
            self.started.elapsed().as_millis(),
            page_number,
            after
        );
        let seal = self.seal(listing, &payload);
        URL_SAFE_NO_PAD.encode(format!("{seal:016x}{payload}"))
    }

    /// The cursor a token stands for, if it is valid for `listing` and not expired.
    pub(crate) fn resolve(&self, token: &str, listing: &str) -> Result<Cursor, InvalidPageToken> {
        let raw = URL_SAFE_NO_PAD
            .decode(token)
            .map_err(|_| InvalidPageToken)?;
        let raw = String::from_utf8(raw).map_err(|_| InvalidPageToken)?;
        let (seal, payload) = raw.split_at_checked(16).ok_or(InvalidPageToken)?;
        let seal = u64::from_str_radix(seal, 16).map_err(|_| InvalidPageToken)?;
        if seal != self.seal(listing, payload) {
            return Err(InvalidPageToken);
        }
        let mut parts = payload.splitn(4, '.');
        let mut number = || -> Result<u64, InvalidPageToken> {
            parts
                .next()
                .and_then(|p| p.parse().ok())
                .ok_or(InvalidPageToken)
        };
        let (epoch, issued_ms, page_number) = (number()?, number()?, number()?);
        let after = parts.next().ok_or(InvalidPageToken)?.to_owned();
        let age = self
            .started
            .elapsed()
            .saturating_sub(Duration::from_millis(issued_ms));
        if epoch != self.epoch.load(Ordering::Relaxed) || age > self.ttl {
            return Err(InvalidPageToken);
        }
        Ok(Cursor { after, page_number })
    }

    /// Makes every token issued so far invalid.
    pub(crate) fn expire_all(&self) {
        self.epoch.fetch_add(1, Ordering::Relaxed);
    }

    /// FNV-1a over the key, the listing and the payload: not cryptographic, but enough that a
    /// token cannot be replayed on another listing or edited by accident.
    fn seal(&self, listing: &str, payload: &str) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ self.key;
        for byte in listing.bytes().chain([0]).chain(payload.bytes()) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        hash
    }
}

/// Page-size rules of one endpoint.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageSizeRule {
    /// Used when the request names none (`None`: the whole listing, as `GET /groups` does).
    pub default: Option<usize>,
    /// Larger requests are clamped to this, silently, as Zoom appears to do.
    pub max: usize,
}

/// Users, group members and admins, role members: default 30, max 300.
pub(crate) const MEMBER_PAGES: PageSizeRule = PageSizeRule {
    default: Some(30),
    max: 300,
};
/// Groups: everything without `page_size`, else at most 300.
pub(crate) const GROUP_PAGES: PageSizeRule = PageSizeRule {
    default: None,
    max: 300,
};
/// Contact groups and their members: default 10, max 50.
pub(crate) const CONTACT_PAGES: PageSizeRule = PageSizeRule {
    default: Some(10),
    max: 50,
};

/// A requested page size that is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct InvalidPageSize;

impl PageSizeRule {
    /// The page size to serve for the raw `page_size` query value; zero or negative values
    /// fall back to the default.
    pub(crate) fn resolve(self, raw: Option<&str>) -> Result<usize, InvalidPageSize> {
        let requested = match raw.map(str::trim).filter(|r| !r.is_empty()) {
            None => None,
            Some(raw) => Some(raw.parse::<i64>().map_err(|_| InvalidPageSize)?),
        };
        Ok(match requested {
            Some(n) if n > 0 => usize::try_from(n).unwrap_or(usize::MAX).min(self.max),
            _ => self.default.unwrap_or(usize::MAX),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_resolves_to_its_cursor_on_its_own_listing_only() {
        let tokens = PageTokens::new(42, Duration::from_secs(60));
        let token = tokens.issue("users:active", "abc.def", 3);
        assert_eq!(
            tokens.resolve(&token, "users:active"),
            Ok(Cursor {
                after: "abc.def".into(),
                page_number: 3
            })
        );
        assert_eq!(
            tokens.resolve(&token, "users:inactive"),
            Err(InvalidPageToken)
        );
        assert_eq!(
            tokens.resolve("garbage", "users:active"),
            Err(InvalidPageToken)
        );
    }

    #[test]
    fn tokens_expire_after_the_ttl_and_on_demand() {
        let tokens = PageTokens::new(1, Duration::from_secs(60));
        let token = tokens.issue("groups", "g1", 2);
        tokens.expire_all();
        assert_eq!(tokens.resolve(&token, "groups"), Err(InvalidPageToken));
        let short_lived = PageTokens::new(1, Duration::ZERO);
        let token = short_lived.issue("groups", "g1", 2);
        std::thread::sleep(Duration::from_millis(2));
        assert_eq!(short_lived.resolve(&token, "groups"), Err(InvalidPageToken));
    }

    #[test]
    fn page_sizes_default_and_clamp() {
        assert_eq!(MEMBER_PAGES.resolve(None), Ok(30));
        assert_eq!(MEMBER_PAGES.resolve(Some("2000")), Ok(300));
        assert_eq!(MEMBER_PAGES.resolve(Some("0")), Ok(30));
        assert_eq!(CONTACT_PAGES.resolve(Some("51")), Ok(50));
        assert_eq!(GROUP_PAGES.resolve(None), Ok(usize::MAX));
        assert_eq!(MEMBER_PAGES.resolve(Some("ten")), Err(InvalidPageSize));
    }
}
