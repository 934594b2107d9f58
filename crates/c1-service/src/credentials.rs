//! ConductorOne client credentials: the client id names the tenant's token host, the client
//! secret carries the Ed25519 key that signs every token request.
//!
//! Both are checked when parsed, before any network traffic, and neither error repeats the
//! secret.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::SigningKey;
use serde::Deserialize;

/// Why a client id or secret was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialsError {
    /// The client id is not `<name>@<host>[:<port>]/<suffix>`.
    #[error(
        "invalid client id: {0}; expected <name>@<host>[:<port>]/<suffix> as shown in ConductorOne, e.g. my-connector@tenant.conductor.one/pcc"
    )]
    ClientId(&'static str),
    /// The client secret is not `<a>:<b>:v1:<base64url Ed25519 private JWK>`.
    #[error(
        "invalid client secret: {0}; copy the whole secret ConductorOne showed when the credential was created"
    )]
    ClientSecret(&'static str),
}

/// A parsed client id, e.g. `my-connector@tenant.conductor.one/pcc`.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientId {
    full: String,
    name: String,
    token_host: String,
}

impl ClientId {
    /// Parses as the Go SDK does: split at the first `@`, then the rest at the first `/`; the
    /// host may carry a port and the suffix is not checked.
    pub fn parse(text: &str) -> Result<ClientId, CredentialsError> {
        let (name, rest) = text
            .split_once('@')
            .ok_or(CredentialsError::ClientId("it has no @"))?;
        let (host, _suffix) = rest
            .split_once('/')
            .ok_or(CredentialsError::ClientId("it has no / after the host"))?;
        if host.is_empty() {
            return Err(CredentialsError::ClientId("the host after @ is empty"));
        }
        if host.chars().any(|c| c.is_whitespace() || c == '@') {
            return Err(CredentialsError::ClientId(
                "the host after @ is not a host name",
            ));
        }
        Ok(ClientId {
            full: text.to_owned(),
            name: name.to_owned(),
            token_host: host.to_owned(),
        })
    }

    /// The whole id, the JWT's `iss` and `sub` and the token request's `client_id`.
    pub fn as_str(&self) -> &str {
        &self.full
    }

    /// The part before `@`, used in the user agent.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The host (and port, if any) between `@` and `/`.
    pub fn token_host(&self) -> &str {
        &self.token_host
    }
}

impl fmt::Debug for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full)
    }
}

impl fmt::Display for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full)
    }
}

/// A parsed client secret: the Ed25519 key and its optional key id. `Debug` prints nothing
/// of the key.
#[derive(Clone)]
pub struct ClientSecret {
    key: SigningKey,
    kid: Option<String>,
}

/// The JSON Web Key inside a client secret.
#[derive(Deserialize)]
struct Jwk {
    kty: String,
    #[serde(default)]
    crv: String,
    #[serde(default)]
    x: Option<String>,
    #[serde(default)]
    d: Option<String>,
    #[serde(default)]
    kid: Option<String>,
}

impl ClientSecret {
    /// Parses `<a>:<b>:v1:<jwk>`: four `:`-separated parts, the third `v1`, the fourth the
    /// unpadded base64url of a private Ed25519 JWK. The public key is derived from `d`; a
    /// JWK whose `x` does not match it is refused (Go would sign with a broken key pair).
    pub fn parse(text: &str) -> Result<ClientSecret, CredentialsError> {
        use CredentialsError::ClientSecret as Invalid;
        let parts: Vec<&str> = text.trim().splitn(4, ':').collect();
        let [_, _, version, jwk] = parts.as_slice() else {
            return Err(Invalid("it does not have four :-separated parts"));
        };
        if *version != "v1" {
            return Err(Invalid("its third part is not v1"));
        }
        let json = URL_SAFE_NO_PAD
            .decode(jwk.trim_end_matches('='))
            .map_err(|_| Invalid("its key is not base64url"))?;
        let jwk: Jwk =
            serde_json::from_slice(&json).map_err(|_| Invalid("its key is not a JSON Web Key"))?;
        if jwk.kty != "OKP" || jwk.crv != "Ed25519" {
            return Err(Invalid("its key is not an Ed25519 key"));
        }
        let seed = decode_32(
            jwk.d
                .as_deref()
                .ok_or(Invalid("its key is not a private key"))?,
        )
        .ok_or(Invalid("its private key is not 32 bytes of base64url"))?;
        let key = SigningKey::from_bytes(&seed);
        if let Some(x) = jwk.x.as_deref() {
            let public =
                decode_32(x).ok_or(Invalid("its public key is not 32 bytes of base64url"))?;
            if public != key.verifying_key().to_bytes() {
                return Err(Invalid("its public key does not match its private key"));
            }
        }
        Ok(ClientSecret { key, kid: jwk.kid })
    }

    /// The signing key.
    pub(crate) fn key(&self) -> &SigningKey {
        &self.key
    }

    /// The JWK's `kid`, copied into every assertion's header.
    pub(crate) fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }
}

impl fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientSecret([redacted])")
    }
}

fn decode_32(text: &str) -> Option<[u8; 32]> {
    URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .ok()?
        .try_into()
        .ok()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::json;

    /// A client secret for `seed`, with the JWK fields given.
    pub(crate) fn secret_with(jwk: serde_json::Value) -> String {
        format!(
            "secret-token:conductorone.com:v1:{}",
            URL_SAFE_NO_PAD.encode(jwk.to_string())
        )
    }

    pub(crate) fn jwk_for(seed: [u8; 32]) -> serde_json::Value {
        let key = SigningKey::from_bytes(&seed);
        json!({
            "kty": "OKP",
            "crv": "Ed25519",
            "x": URL_SAFE_NO_PAD.encode(key.verifying_key().to_bytes()),
            "d": URL_SAFE_NO_PAD.encode(seed),
        })
    }

    #[test]
    fn client_id_splits_name_host_and_keeps_the_port() {
        let id = ClientId::parse("fake@127.0.0.1:8443/pcc").unwrap();
        assert_eq!(
            (id.name(), id.token_host(), id.as_str()),
            ("fake", "127.0.0.1:8443", "fake@127.0.0.1:8443/pcc")
        );
        let id = ClientId::parse("a@b@tenant.conductor.one/x/y");
        assert!(id.is_err(), "the host holds an @");
        let id = ClientId::parse("name@tenant.conductor.one/pcc/extra").unwrap();
        assert_eq!(id.token_host(), "tenant.conductor.one");
    }

    #[test]
    fn malformed_client_ids_are_refused() {
        for bad in ["", "no-at-sign/pcc", "name@host-without-slash", "name@/pcc"] {
            assert!(
                matches!(ClientId::parse(bad), Err(CredentialsError::ClientId(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn secret_key_is_derived_from_d_and_kid_is_kept() {
        let mut jwk = jwk_for([7; 32]);
        jwk["kid"] = json!("key-1");
        let secret = ClientSecret::parse(&secret_with(jwk)).unwrap();
        assert_eq!(secret.key().to_bytes(), [7; 32]);
        assert_eq!(secret.kid(), Some("key-1"));
        assert_eq!(format!("{secret:?}"), "ClientSecret([redacted])");
    }

    #[test]
    fn malformed_secrets_are_refused_without_echoing_them() {
        let good = jwk_for([9; 32]);
        let mut mismatched = good.clone();
        mismatched["x"] = jwk_for([1; 32])["x"].clone();
        let mut public_only = good.clone();
        public_only.as_object_mut().unwrap().remove("d");
        let rsa = json!({"kty": "RSA", "n": "AQAB", "e": "AQAB", "d": "AQAB"});
        let cases = [
            "only:three:k3yXq".to_owned(),
            secret_with(good.clone()).replace(":v1:", ":v2:"),
            "a:b:v1:!!!not-base64!!!".to_owned(),
            format!("a:b:v1:{}", URL_SAFE_NO_PAD.encode("not json")),
            secret_with(rsa),
            secret_with(public_only),
            secret_with(mismatched),
        ];
        for case in cases {
            let error = ClientSecret::parse(&case).unwrap_err();
            let text = error.to_string();
            assert!(text.starts_with("invalid client secret: "), "{text}");
            let key_part = case.rsplit(':').next().unwrap();
            assert!(!text.contains(key_part), "the secret is echoed: {text}");
        }
    }
}
