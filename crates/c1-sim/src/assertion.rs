//! Checking the client assertion a connector signs to get a token: an EdDSA JWS in compact
//! form whose claims name the client and the token host.
//!
//! The rules are those the Go SDK's client is written against: header `alg` `EdDSA` with a
//! `nonce`; claims `iss` = `sub` = the full client id, `aud` = the token host without its
//! port as a single string, `exp` in the future, `nbf` and `iat` not in the future; an
//! Ed25519 signature over `header.claims` by the client's key. Freshness of the nonce is
//! the caller's business (it needs the set of nonces already seen).

use aws_lc_rs::signature::{ED25519, UnparsedPublicKey};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;
use serde_json::Value;

/// Clock skew allowed on `exp`, `nbf` and `iat`, in seconds. The real server's value is
/// unknown; one minute is the default of the JOSE library Go servers commonly use.
const LEEWAY_SECS: i64 = 60;

/// The longest lifetime an assertion may claim (`exp` − now), in seconds. The SDK asks for
/// 120 s; a server refuses long-lived assertions, the exact bound is unknown.
const MAX_LIFETIME_SECS: i64 = 300;

/// What the token endpoint expects of an assertion.
pub(crate) struct Expected<'a> {
    /// The full client id (`name@host:port/pcc`).
    pub(crate) client_id: &'a str,
    /// The token host without its port.
    pub(crate) audience: &'a str,
    /// The client's Ed25519 public key.
    pub(crate) public_key: &'a [u8],
    /// Unix seconds now.
    pub(crate) now: i64,
}

/// Why an assertion is refused. The text goes into the token endpoint's
/// `error_description` and into the simulator's record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssertionError {
    /// Not three base64url (no padding) parts of JSON header, JSON claims and signature.
    #[error("malformed assertion: {0}")]
    Malformed(String),
    /// The header's `alg` is not `EdDSA`.
    #[error("assertion alg is {0:?}, expected \"EdDSA\"")]
    Algorithm(String),
    /// The header has no `nonce` (or an empty one).
    #[error("assertion header has no nonce")]
    MissingNonce,
    /// The nonce was used by an earlier assertion.
    #[error("assertion nonce was already used")]
    ReusedNonce,
    /// The signature does not verify with the client's key.
    #[error("assertion signature does not verify with the client's key")]
    Signature,
    /// `iss` is not the client id.
    #[error("assertion iss is {0:?}, expected the client id")]
    Issuer(String),
    /// `sub` is not the client id.
    #[error("assertion sub is {0:?}, expected the client id")]
    Subject(String),
    /// `aud` is not the token host without port, as a single string.
    #[error("assertion aud is {found}, expected the string {expected:?}")]
    Audience {
        /// The `aud` value as JSON.
        found: String,
        /// The host it should name.
        expected: String,
    },
    /// `exp` is missing.
    #[error("assertion has no exp")]
    MissingExpiry,
    /// `exp` is in the past.
    #[error("assertion expired at {exp} (now {now})")]
    Expired {
        /// Its `exp`.
        exp: i64,
        /// The server's time.
        now: i64,
    },
    /// `exp` is too far ahead.
    #[error("assertion lives until {exp}, more than {MAX_LIFETIME_SECS} s after now ({now})")]
    TooLong {
        /// Its `exp`.
        exp: i64,
        /// The server's time.
        now: i64,
    },
    /// `nbf` is in the future.
    #[error("assertion is not valid before {nbf} (now {now})")]
    NotYetValid {
        /// Its `nbf`.
        nbf: i64,
        /// The server's time.
        now: i64,
    },
    /// `iat` is in the future.
    #[error("assertion issued at {iat}, in the future (now {now})")]
    IssuedInFuture {
        /// Its `iat`.
        iat: i64,
        /// The server's time.
        now: i64,
    },
}

#[derive(Deserialize)]
struct Header {
    alg: Option<String>,
    nonce: Option<String>,
}

#[derive(Deserialize)]
struct Claims {
    iss: Option<String>,
    sub: Option<String>,
    aud: Option<Value>,
    exp: Option<i64>,
    nbf: Option<i64>,
    iat: Option<i64>,
}

/// Checks everything but nonce freshness; returns the nonce for the caller to check.
pub(crate) fn verify(jws: &str, expected: &Expected<'_>) -> Result<String, AssertionError> {
    let mut parts = jws.split('.');
    let (Some(header_b64), Some(claims_b64), Some(signature_b64), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed("not three dot-separated parts"));
    };
    let header: Header = decode_json(header_b64, "header")?;
    let alg = header.alg.unwrap_or_default();
    if alg != "EdDSA" {
        return Err(AssertionError::Algorithm(alg));
    }
    let nonce = header
        .nonce
        .filter(|n| !n.is_empty())
        .ok_or(AssertionError::MissingNonce)?;
    let signature = URL_SAFE_NO_PAD
        .decode(signature_b64)
        .map_err(|e| malformed(format!("signature is not base64url without padding: {e}")))?;
    let signed = &jws[..header_b64.len() + 1 + claims_b64.len()];
    UnparsedPublicKey::new(&ED25519, expected.public_key)
        .verify(signed.as_bytes(), &signature)
        .map_err(|_| AssertionError::Signature)?;
    let claims: Claims = decode_json(claims_b64, "claims")?;
    check_claims(&claims, expected)?;
    Ok(nonce)
}

fn check_claims(claims: &Claims, expected: &Expected<'_>) -> Result<(), AssertionError> {
    let iss = claims.iss.clone().unwrap_or_default();
    if iss != expected.client_id {
        return Err(AssertionError::Issuer(iss));
    }
    let sub = claims.sub.clone().unwrap_or_default();
    if sub != expected.client_id {
        return Err(AssertionError::Subject(sub));
    }
    // The SDK sends `aud` as one string; a list, even of the right host, is a different
    // client and is refused so tests notice.
    match &claims.aud {
        Some(Value::String(aud)) if aud == expected.audience => {}
        other => {
            return Err(AssertionError::Audience {
                found: other.as_ref().map_or("missing".into(), Value::to_string),
                expected: expected.audience.to_owned(),
            });
        }
    }
    let now = expected.now;
    let exp = claims.exp.ok_or(AssertionError::MissingExpiry)?;
    if exp + LEEWAY_SECS <= now {
        return Err(AssertionError::Expired { exp, now });
    }
    if exp - now > MAX_LIFETIME_SECS + LEEWAY_SECS {
        return Err(AssertionError::TooLong { exp, now });
    }
    // `nbf` and `iat` are checked when present, as JOSE validators do; the SDK sends both.
    if let Some(nbf) = claims.nbf
        && nbf - LEEWAY_SECS > now
    {
        return Err(AssertionError::NotYetValid { nbf, now });
    }
    if let Some(iat) = claims.iat
        && iat - LEEWAY_SECS > now
    {
        return Err(AssertionError::IssuedInFuture { iat, now });
    }
    Ok(())
}

fn decode_json<T: for<'de> Deserialize<'de>>(part: &str, what: &str) -> Result<T, AssertionError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|e| malformed(format!("{what} is not base64url without padding: {e}")))?;
    serde_json::from_slice(&bytes)
        .map_err(|e| malformed(format!("{what} is not the JSON expected: {e}")))
}

fn malformed(reason: impl Into<String>) -> AssertionError {
    AssertionError::Malformed(reason.into())
}

#[cfg(test)]
mod tests {
    use aws_lc_rs::signature::{Ed25519KeyPair, KeyPair};
    use serde_json::json;

    use super::*;

    const CLIENT: &str = "c1-sim@127.0.0.1:8443/pcc";
    const NOW: i64 = 1_750_000_000;

    fn pair() -> Ed25519KeyPair {
        Ed25519KeyPair::from_seed_unchecked(&[7u8; 32]).expect("seed")
    }

    fn sign(header: Value, claims: Value, pair: &Ed25519KeyPair) -> String {
        let signed = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let signature = pair.sign(signed.as_bytes());
        format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature.as_ref()))
    }

    fn good_header() -> Value {
        json!({"alg": "EdDSA", "nonce": "0123456789abcdef0123456789abcdef"})
    }

    fn good_claims() -> Value {
        json!({"iss": CLIENT, "sub": CLIENT, "aud": "127.0.0.1", "exp": NOW + 120, "iat": NOW, "nbf": NOW - 120})
    }

    fn check(jws: &str) -> Result<String, AssertionError> {
        let pair = pair();
        verify(
            jws,
            &Expected {
                client_id: CLIENT,
                audience: "127.0.0.1",
                public_key: pair.public_key().as_ref(),
                now: NOW,
            },
        )
    }

    fn with_claim(key: &str, value: Value) -> String {
        let mut claims = good_claims();
        claims[key] = value;
        sign(good_header(), claims, &pair())
    }

    #[test]
    fn assertion_as_the_sdk_signs_it_passes_and_yields_its_nonce() {
        let jws = sign(good_header(), good_claims(), &pair());
        assert_eq!(check(&jws), Ok("0123456789abcdef0123456789abcdef".into()));
    }

    #[test]
    fn signature_by_another_key_is_refused() {
        let other = Ed25519KeyPair::from_seed_unchecked(&[8u8; 32]).expect("seed");
        let jws = sign(good_header(), good_claims(), &other);
        assert_eq!(check(&jws), Err(AssertionError::Signature));
    }

    #[test]
    fn claims_changed_after_signing_are_refused() {
        let jws = sign(good_header(), good_claims(), &pair());
        let mut parts: Vec<String> = jws.split('.').map(str::to_owned).collect();
        let mut claims = good_claims();
        claims["sub"] = json!("someone-else");
        parts[1] = URL_SAFE_NO_PAD.encode(claims.to_string());
        assert_eq!(check(&parts.join(".")), Err(AssertionError::Signature));
    }

    #[test]
    fn header_needs_eddsa_and_a_nonce() {
        let rs256 = sign(
            json!({"alg": "RS256", "nonce": "ab"}),
            good_claims(),
            &pair(),
        );
        assert_eq!(
            check(&rs256),
            Err(AssertionError::Algorithm("RS256".into()))
        );
        let no_nonce = sign(json!({"alg": "EdDSA"}), good_claims(), &pair());
        assert_eq!(check(&no_nonce), Err(AssertionError::MissingNonce));
    }

    #[test]
    fn issuer_and_subject_must_be_the_full_client_id() {
        assert_eq!(
            check(&with_claim("iss", json!("c1-sim"))),
            Err(AssertionError::Issuer("c1-sim".into()))
        );
        assert_eq!(
            check(&with_claim("sub", json!("c1-sim"))),
            Err(AssertionError::Subject("c1-sim".into()))
        );
    }

    #[test]
    fn audience_is_the_host_without_port_as_a_string() {
        for aud in [json!("127.0.0.1:8443"), json!(["127.0.0.1"]), json!(null)] {
            assert!(
                matches!(
                    check(&with_claim("aud", aud.clone())),
                    Err(AssertionError::Audience { .. })
                ),
                "{aud}"
            );
        }
    }

    #[test]
    fn time_claims_outside_the_window_are_refused() {
        assert!(matches!(
            check(&with_claim("exp", json!(NOW - 61))),
            Err(AssertionError::Expired { .. })
        ));
        assert!(matches!(
            check(&with_claim("exp", json!(NOW + 3600))),
            Err(AssertionError::TooLong { .. })
        ));
        assert!(matches!(
            check(&with_claim("nbf", json!(NOW + 120))),
            Err(AssertionError::NotYetValid { .. })
        ));
        assert!(matches!(
            check(&with_claim("iat", json!(NOW + 120))),
            Err(AssertionError::IssuedInFuture { .. })
        ));
    }

    #[test]
    fn padded_or_truncated_tokens_are_malformed() {
        let jws = sign(good_header(), good_claims(), &pair());
        assert!(matches!(
            check(&format!("{jws}=")),
            Err(AssertionError::Malformed(_))
        ));
        let two_parts = jws
            .rsplit_once('.')
            .map(|(head, _)| head)
            .unwrap_or_default();
        assert!(matches!(
            check(two_parts),
            Err(AssertionError::Malformed(_))
        ));
    }
}
