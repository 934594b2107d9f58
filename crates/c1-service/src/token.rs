//! Access tokens for BatonService: the client assertion exchanged at
//! `https://<host>/auth/v1/token`, cached and reused until 10 seconds before it expires.
//!
//! A token is fetched only when a call needs one (nothing refreshes in the background), as
//! the Go SDK's `oauth2.ReuseTokenSource` does.

use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::assertion;
use crate::credentials::{ClientId, ClientSecret};
use crate::tls;
use crate::transport::Trust;

/// A token this close to expiry is replaced before use (oauth2's default expiry delta).
const EXPIRY_DELTA: Duration = Duration::from_secs(10);
/// The whole token request, as the Go SDK's HTTP client allows.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(300);

/// Why no token could be had.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// The token endpoint refused the credentials (any status but 200).
    #[error(
        "ConductorOne refused the client credentials ({status} from {url}): check --client-id and --client-secret"
    )]
    Rejected {
        /// The HTTP status.
        status: reqwest::StatusCode,
        /// The token URL.
        url: String,
    },
    /// The server's certificate is not trusted.
    #[error(
        "the TLS certificate of {url} is not trusted ({reason}): add its CA to the system store or point SSL_CERT_FILE at it"
    )]
    UntrustedCertificate {
        /// The token URL.
        url: String,
        /// What the TLS layer said.
        reason: String,
    },
    /// The request failed on the way (connection refused, timeout ...): worth retrying.
    #[error("cannot reach {url}: {reason}")]
    Unreachable {
        /// The token URL.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// A 200 reply without a usable token.
    #[error("the token endpoint {url} answered without an access token")]
    NoToken {
        /// The token URL.
        url: String,
    },
}

impl TokenError {
    /// True when retrying cannot help until someone changes the credentials or the trust
    /// store.
    pub fn is_permanent(&self) -> bool {
        match self {
            TokenError::Rejected { status, .. } => status.is_client_error(),
            TokenError::UntrustedCertificate { .. } => true,
            TokenError::Unreachable { .. } | TokenError::NoToken { .. } => false,
        }
    }
}

#[derive(Deserialize)]
struct TokenReply {
    #[serde(default)]
    access_token: String,
    #[serde(default)]
    token_type: String,
    #[serde(default)]
    expires_in: u64,
}

struct Token {
    /// `<Type> <token>`, ready for the `authorization` header.
    authorization: SecretString,
    expires_at: Instant,
}

/// Fetches and caches access tokens for one client.
pub struct TokenSource {
    http: reqwest::Client,
    url: String,
    audience: String,
    client_id: ClientId,
    secret: ClientSecret,
    /// An async mutex on purpose: a caller that finds the token stale fetches the next one
    /// while holding it, so concurrent calls wait for that one fetch instead of each
    /// signing and sending their own.
    cached: tokio::sync::Mutex<Option<Token>>,
}

impl std::fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSource")
            .field("url", &self.url)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

impl TokenSource {
    /// A source for `client_id` that posts to `https://<api_host>/auth/v1/token`, trusting
    /// the certificates `trust` says.
    pub fn new(
        client_id: ClientId,
        secret: ClientSecret,
        api_host: &str,
        trust: &Trust,
    ) -> Result<TokenSource, reqwest::Error> {
        let builder = match trust {
            Trust::System => reqwest::Client::builder(),
            Trust::Only(pem) => reqwest::Client::builder()
                .tls_certs_only([reqwest::Certificate::from_pem(pem.as_bytes())?]),
        };
        let http = builder
            .timeout(REQUEST_TIMEOUT)
            .user_agent(format!(
                "baton-c1-credential-provider baton-sdk/{}",
                crate::SDK_VERSION
            ))
            .https_only(true)
            .build()?;
        Ok(TokenSource {
            http,
            url: format!("https://{api_host}/auth/v1/token"),
            // The audience is the client id's host even when the API host is overridden.
            audience: assertion::audience(client_id.token_host()).to_owned(),
            client_id,
            secret,
            cached: tokio::sync::Mutex::new(None),
        })
    }

    /// The `authorization` header value for the next call, fetching a token if the cached
    /// one has 10 seconds or less left.
    pub async fn authorization(&self) -> Result<SecretString, TokenError> {
        let mut cached = self.cached.lock().await;
        if let Some(token) = cached.as_ref()
            && token.expires_at.saturating_duration_since(Instant::now()) > EXPIRY_DELTA
        {
            return Ok(token.authorization.clone());
        }
        let token = self.fetch().await?;
        let authorization = token.authorization.clone();
        *cached = Some(token);
        Ok(authorization)
    }

    async fn fetch(&self) -> Result<Token, TokenError> {
        let assertion = assertion::sign(&self.client_id, &self.secret, &self.audience);
        let form = [
            ("client_id", self.client_id.as_str()),
            ("grant_type", "client_credentials"),
            (
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ),
            ("client_assertion", assertion.as_str()),
        ];
        let sent = Instant::now();
        let response = self
            .http
            .post(&self.url)
            .form(&form)
            .send()
            .await
            .map_err(|error| self.transport_error(&error))?;
        let status = response.status();
        if status != reqwest::StatusCode::OK {
            return Err(TokenError::Rejected {
                status,
                url: self.url.clone(),
            });
        }
        let reply: TokenReply = response.json().await.map_err(|_| TokenError::NoToken {
            url: self.url.clone(),
        })?;
        if reply.access_token.is_empty() {
            return Err(TokenError::NoToken {
                url: self.url.clone(),
            });
        }
        tracing::debug!(
            expires_in = reply.expires_in,
            "fetched a ConductorOne access token"
        );
        Ok(Token {
            authorization: SecretString::from(format!(
                "{} {}",
                token_type(&reply.token_type),
                reply.access_token
            )),
            expires_at: sent + Duration::from_secs(reply.expires_in),
        })
    }

    fn transport_error(&self, error: &reqwest::Error) -> TokenError {
        let url = self.url.clone();
        match tls::certificate_problem(error) {
            Some(reason) => TokenError::UntrustedCertificate { url, reason },
            None => TokenError::Unreachable {
                url,
                reason: tls::innermost(error),
            },
        }
    }
}

/// The token type as oauth2 normalises it for the header: `bearer` in any case (or none) is
/// `Bearer`, `mac` is `MAC`, `basic` is `Basic`, anything else is kept.
fn token_type(kind: &str) -> &str {
    if kind.is_empty() || kind.eq_ignore_ascii_case("bearer") {
        "Bearer"
    } else if kind.eq_ignore_ascii_case("mac") {
        "MAC"
    } else if kind.eq_ignore_ascii_case("basic") {
        "Basic"
    } else {
        kind
    }
}

/// Exposes a header value only to put it on the wire.
pub(crate) fn expose(authorization: &SecretString) -> &str {
    authorization.expose_secret()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_types_are_normalised_as_oauth2_does() {
        assert_eq!(token_type("bearer"), "Bearer");
        assert_eq!(token_type("BEARER"), "Bearer");
        assert_eq!(token_type(""), "Bearer");
        assert_eq!(token_type("mac"), "MAC");
        assert_eq!(token_type("basic"), "Basic");
        assert_eq!(token_type("DPoP"), "DPoP");
    }

    #[test]
    fn client_errors_and_untrusted_certificates_are_permanent() {
        let url = String::from("https://h/auth/v1/token");
        let rejected = |status| TokenError::Rejected {
            status,
            url: url.clone(),
        };
        assert!(rejected(reqwest::StatusCode::UNAUTHORIZED).is_permanent());
        assert!(!rejected(reqwest::StatusCode::BAD_GATEWAY).is_permanent());
        assert!(
            !TokenError::Unreachable {
                url: url.clone(),
                reason: "refused".into()
            }
            .is_permanent()
        );
    }
}
