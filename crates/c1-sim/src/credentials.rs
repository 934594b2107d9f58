//! The client credentials ConductorOne issues for a self-hosted connector, made up here.
//!
//! A client id names the client and the token host: `<name>@<host:port>/pcc`. A client
//! secret carries the client's Ed25519 private key as a JSON Web Key:
//! `secret-token:<domain>:v1:<base64url-nopad JWK>`. The connector signs its token request
//! with that key; the simulator keeps only the public half to check the signature.

use aws_lc_rs::signature::{Ed25519KeyPair, KeyPair};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::SimError;

/// The suffix after the token host in a client id. Real ids end in `/pcc` in every example
/// seen; connectors do not check it.
const CLIENT_ID_SUFFIX: &str = "pcc";

/// One client's credentials: what the connector is configured with, and the public key the
/// token endpoint verifies its assertions with.
#[derive(Clone)]
pub(crate) struct ClientCredentials {
    /// `<name>@<host:port>/pcc`.
    pub(crate) client_id: String,
    /// `secret-token:<domain>:v1:<base64url JWK>`.
    pub(crate) client_secret: String,
    /// The raw 32-byte Ed25519 public key.
    pub(crate) public_key: Vec<u8>,
}

impl ClientCredentials {
    /// A fresh key pair for client `name` of the token host `host` (`127.0.0.1:PORT`).
    pub(crate) fn generate(name: &str, host: &str) -> Result<ClientCredentials, SimError> {
        let mut seed = [0u8; 32];
        rand::fill(&mut seed);
        let pair = Ed25519KeyPair::from_seed_unchecked(&seed).map_err(|_| SimError::KeyPair)?;
        let public_key = pair.public_key().as_ref().to_vec();
        let jwk = serde_json::json!({
            "kty": "OKP",
            "crv": "Ed25519",
            "x": URL_SAFE_NO_PAD.encode(&public_key),
            "d": URL_SAFE_NO_PAD.encode(seed),
        });
        // The second part is believed to be the tenant's domain; connectors do not read it.
        // It must not contain `:`, so the host goes in without its port.
        let domain = host_without_port(host);
        let client_secret = format!(
            "secret-token:{domain}:v1:{}",
            URL_SAFE_NO_PAD.encode(jwk.to_string())
        );
        Ok(ClientCredentials {
            client_id: format!("{name}@{host}/{CLIENT_ID_SUFFIX}"),
            client_secret,
            public_key,
        })
    }
}

/// The host part of `host[:port]`, IPv6 brackets removed: what a client assertion's `aud`
/// names.
pub(crate) fn host_without_port(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if !name.contains(':') && port.parse::<u16>().is_ok() => name,
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_id_names_client_host_and_suffix() {
        let creds = ClientCredentials::generate("c1-sim", "127.0.0.1:8443").expect("keys");
        assert_eq!(creds.client_id, "c1-sim@127.0.0.1:8443/pcc");
        assert_eq!(creds.public_key.len(), 32);
    }

    #[test]
    fn secret_carries_the_private_jwk_of_the_kept_public_key() {
        let creds = ClientCredentials::generate("c1-sim", "127.0.0.1:8443").expect("keys");
        let parts: Vec<&str> = creds.client_secret.splitn(4, ':').collect();
        assert_eq!(parts[..3], ["secret-token", "127.0.0.1", "v1"]);
        let jwk: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[3]).expect("base64url"))
                .expect("JSON");
        assert_eq!(jwk["kty"], "OKP");
        assert_eq!(jwk["crv"], "Ed25519");
        let seed = URL_SAFE_NO_PAD
            .decode(jwk["d"].as_str().expect("d"))
            .expect("d is base64url");
        let pair = Ed25519KeyPair::from_seed_unchecked(&seed).expect("a 32-byte seed");
        assert_eq!(pair.public_key().as_ref(), creds.public_key.as_slice());
        assert_eq!(
            jwk["x"].as_str(),
            Some(URL_SAFE_NO_PAD.encode(&creds.public_key).as_str())
        );
    }

    #[test]
    fn audience_host_drops_port_and_brackets() {
        assert_eq!(host_without_port("127.0.0.1:8443"), "127.0.0.1");
        assert_eq!(
            host_without_port("tenant.conductor.one"),
            "tenant.conductor.one"
        );
        assert_eq!(host_without_port("[::1]:8443"), "::1");
        assert_eq!(host_without_port("::1"), "::1");
    }
}
