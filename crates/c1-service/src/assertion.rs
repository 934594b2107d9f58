//! The client assertion: a compact EdDSA JWS that proves possession of the client secret's
//! key, with a fresh nonce for every token request.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::Signer;
use serde_json::{Value, json};

use crate::credentials::{ClientId, ClientSecret};

/// How far `exp` lies ahead of and `nbf` behind the signing time, as in the Go SDK.
const VALIDITY_SECS: u64 = 120;

/// Signs an assertion for `client_id`, valid for `audience` (the token host without port).
pub(crate) fn sign(client_id: &ClientId, secret: &ClientSecret, audience: &str) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let nonce: [u8; 16] = rand::random();
    let mut header = json!({ "alg": "EdDSA", "nonce": hex(&nonce) });
    if let Some(kid) = secret.kid() {
        header["kid"] = Value::from(kid);
    }
    // `aud` is one string, not an array; there is no `jti`.
    let claims = json!({
        "iss": client_id.as_str(),
        "sub": client_id.as_str(),
        "aud": audience,
        "iat": now,
        "nbf": now.saturating_sub(VALIDITY_SECS),
        "exp": now + VALIDITY_SECS,
    });
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = secret.key().sign(signing_input.as_bytes());
    format!(
        "{signing_input}.{}",
        URL_SAFE_NO_PAD.encode(signature.to_bytes())
    )
}

/// The audience for a token host: the host without its port (and without IPv6 brackets).
pub(crate) fn audience(token_host: &str) -> &str {
    if let Some(rest) = token_host.strip_prefix('[') {
        return rest.split_once(']').map_or(rest, |(host, _)| host);
    }
    match token_host.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') && port.chars().all(|c| c.is_ascii_digit()) => {
            host
        }
        _ => token_host,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::tests::{jwk_for, secret_with};
    use ed25519_dalek::{Signature, Verifier};

    fn decode(part: &str) -> Value {
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
    }

    #[test]
    fn assertion_is_signed_with_the_go_claims_and_a_fresh_nonce() {
        let mut jwk = jwk_for([3; 32]);
        jwk["kid"] = Value::from("k1");
        let secret = ClientSecret::parse(&secret_with(jwk)).unwrap();
        let id = ClientId::parse("fake@127.0.0.1:8443/pcc").unwrap();
        let token = sign(&id, &secret, audience(id.token_host()));
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);

        let header = decode(parts[0]);
        assert_eq!(header["alg"], "EdDSA");
        assert_eq!(header["kid"], "k1");
        let nonce = header["nonce"].as_str().unwrap();
        assert!(
            nonce.len() == 32
                && nonce
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert!(header.get("typ").is_none());

        let claims = decode(parts[1]);
        assert_eq!(claims["iss"], "fake@127.0.0.1:8443/pcc");
        assert_eq!(claims["sub"], "fake@127.0.0.1:8443/pcc");
        assert_eq!(claims["aud"], "127.0.0.1");
        let iat = claims["iat"].as_u64().unwrap();
        assert_eq!(claims["exp"].as_u64(), Some(iat + 120));
        assert_eq!(claims["nbf"].as_u64(), Some(iat - 120));

        let signature = Signature::from_slice(&URL_SAFE_NO_PAD.decode(parts[2]).unwrap()).unwrap();
        let signed = format!("{}.{}", parts[0], parts[1]);
        secret
            .key()
            .verifying_key()
            .verify(signed.as_bytes(), &signature)
            .unwrap();

        let again = sign(&id, &secret, "127.0.0.1");
        assert_ne!(
            decode(again.split('.').next().unwrap())["nonce"],
            header["nonce"]
        );
    }

    #[test]
    fn audience_drops_the_port_and_ipv6_brackets() {
        assert_eq!(audience("tenant.conductor.one"), "tenant.conductor.one");
        assert_eq!(audience("127.0.0.1:8443"), "127.0.0.1");
        assert_eq!(audience("[::1]:8443"), "::1");
        assert_eq!(audience("::1"), "::1");
    }
}
