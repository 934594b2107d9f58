//! Server-to-Server OAuth access tokens: fetched once, shared, renewed before they expire.
//!
//! Zoom tokens live an hour and have no refresh token; a new one is simply requested, and
//! earlier ones stay valid. The manager renews the token in the background once 90% of its
//! lifetime has passed, while callers keep using the current one, so a long sync never sees
//! an expired token. A 401 code 124 (revoked or expired early) drops the token at once.
//!
//! Concurrent callers share one token request (single flight): the request runs in its own
//! task and callers await a shared handle to its result. The state mutex is only held to read
//! or swap the cached token, never across the HTTP call.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::FutureExt;
use futures::future::{BoxFuture, Shared};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use tokio::time::Instant;
use url::Url;

use crate::error::{AuthError, AuthErrorKind, Error, decode_oauth_error};
use crate::models::lenient;
use crate::retry::{Attempt, Retries, RetryAfter, RetryPolicy};
use crate::stats::Stats;

/// Share of a token's lifetime after which it is renewed in the background.
const REFRESH_AT: f64 = 0.9;
/// Lifetime assumed when Zoom's answer has no `expires_in` (Zoom documents one hour).
const DEFAULT_LIFETIME: Duration = Duration::from_secs(3600);

/// A bearer token with its timing and granted scopes.
pub(crate) struct AccessToken {
    secret: SecretString,
    /// Identifies the token, so a 401 only drops the token it was answered for.
    serial: u64,
    refresh_at: Instant,
    /// A little before Zoom's expiry, so a request sent with it still arrives in time.
    expires_at: Instant,
    scopes: Vec<String>,
}

impl AccessToken {
    /// The value for the `Authorization: Bearer` header.
    pub(crate) fn bearer(&self) -> &str {
        self.secret.expose_secret()
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &"[redacted]")
            .field("serial", &self.serial)
            .field("scopes", &self.scopes)
            .finish()
    }
}

/// What one token request needs; cloned into the refresh task.
pub(crate) struct TokenSource {
    pub(crate) http: reqwest::Client,
    pub(crate) oauth_url: Url,
    pub(crate) account_id: String,
    pub(crate) client_id: String,
    pub(crate) client_secret: SecretString,
    pub(crate) retry: RetryPolicy,
    pub(crate) stats: Arc<Stats>,
}

type Refresh = Shared<BoxFuture<'static, Result<Arc<AccessToken>, Error>>>;

struct TokenState {
    current: Option<Arc<AccessToken>>,
    /// The token request in flight, with its serial (the serial its token will get).
    refresh: Option<(u64, Refresh)>,
    next_serial: u64,
}

struct Inner {
    source: TokenSource,
    state: Mutex<TokenState>,
}

/// The cache and single-flight refresher, shared by every request of a client.
#[derive(Clone)]
pub(crate) struct TokenManager {
    inner: Arc<Inner>,
}

impl Inner {
    fn lock(&self) -> std::sync::MutexGuard<'_, TokenState> {
        // Every update is a single assignment; a poisoned lock holds a consistent state.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl TokenManager {
    pub(crate) fn new(source: TokenSource) -> TokenManager {
        TokenManager {
            inner: Arc::new(Inner {
                source,
                state: Mutex::new(TokenState {
                    current: None,
                    refresh: None,
                    next_serial: 1,
                }),
            }),
        }
    }

    /// A usable token: the cached one (starting a background renewal once 90% of its lifetime
    /// has passed), or a new one when there is none or it has expired.
    pub(crate) async fn token(&self) -> Result<Arc<AccessToken>, Error> {
        let pending = {
            let mut state = self.inner.lock();
            let now = Instant::now();
            match state.current.clone() {
                Some(t) if now < t.refresh_at => return Ok(t),
                Some(t) if now < t.expires_at => {
                    // The renewal runs in its own task; this caller goes on with `t`.
                    drop(start_refresh(&self.inner, &mut state));
                    return Ok(t);
                }
                _ => start_refresh(&self.inner, &mut state),
            }
        };
        pending.await
    }

    /// Zoom rejected `stale` (401 code 124): forget it unless it was already replaced, so the
    /// next [`TokenManager::token`] fetches a new one.
    pub(crate) fn invalidate(&self, stale: &AccessToken) {
        let mut state = self.inner.lock();
        if state
            .current
            .as_ref()
            .is_some_and(|t| t.serial == stale.serial)
        {
            state.current = None;
        }
    }

    /// The scopes Zoom granted with the current token (fetching one if needed).
    pub(crate) async fn granted_scopes(&self) -> Result<Vec<String>, Error> {
        Ok(self.token().await?.scopes.clone())
    }
}

/// Joins the running token request, or starts one in its own task. The task runs even if
/// every caller stops waiting, and stores its result itself.
fn start_refresh(inner: &Arc<Inner>, state: &mut TokenState) -> Refresh {
    if let Some((_, refresh)) = &state.refresh {
        return refresh.clone();
    }
    let serial = state.next_serial;
    state.next_serial += 1;
    let task_inner = Arc::clone(inner);
    let task = tokio::spawn(async move {
        let _done = RefreshDone {
            inner: Arc::clone(&task_inner),
            serial,
        };
        let token = Arc::new(AccessToken {
            serial,
            ..task_inner.source.fetch().await?
        });
        task_inner.lock().current = Some(Arc::clone(&token));
        Ok(token)
    });
    let refresh = async move {
        task.await.unwrap_or_else(|_| {
            Err(AuthError {
                kind: AuthErrorKind::Other,
                detail: "the token request stopped before it finished (runtime shutting down)"
                    .to_owned(),
            }
            .into())
        })
    }
    .boxed()
    .shared();
    state.refresh = Some((serial, refresh.clone()));
    refresh
}

/// Forgets a refresh when its task ends, however it ends (result, error, panic or runtime
/// shutdown), so the next caller starts a new request instead of joining a finished one.
struct RefreshDone {
    inner: Arc<Inner>,
    serial: u64,
}

impl Drop for RefreshDone {
    fn drop(&mut self) {
        let mut state = self.inner.lock();
        if state
            .refresh
            .as_ref()
            .is_some_and(|(serial, _)| *serial == self.serial)
        {
            state.refresh = None;
        }
    }
}

/// Zoom's token answer. Not `Debug`: it holds the token.
#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    expires_in: Option<u64>,
    #[serde(default)]
    scope: Option<String>,
}

impl TokenSource {
    /// Requests a token, retrying network failures, 429 and 5xx; refusals are typed errors.
    async fn fetch(&self) -> Result<AccessToken, Error> {
        let mut retries = Retries::new(&self.retry, &self.stats);
        loop {
            match self.request_once().await {
                Attempt::Done(result) => return result,
                Attempt::Failed { error, retry_after } => {
                    tokio::time::sleep(retries.next_wait(error, retry_after)?).await;
                }
                Attempt::Again => {}
            }
        }
    }

    async fn request_once(&self) -> Attempt<AccessToken> {
        let started = Instant::now();
        // The form body is Zoom's documented shape; the simulator also accepts the query form.
        let sent = self
            .http
            .post(self.oauth_url.clone())
            .basic_auth(&self.client_id, Some(self.client_secret.expose_secret()))
            .form(&[
                ("grant_type", "account_credentials"),
                ("account_id", self.account_id.as_str()),
            ])
            .send()
            .await;
        let response = match sent {
            Ok(r) => r,
            Err(e) => {
                return Attempt::Failed {
                    error: Error::transport(&e),
                    retry_after: None,
                };
            }
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(RetryAfter::parse)
            .map(|r| r.delay_from(time::OffsetDateTime::now_utc()));
        let body = match response.bytes().await {
            Ok(b) => b,
            Err(e) => {
                return Attempt::Failed {
                    error: Error::transport(&e),
                    retry_after: None,
                };
            }
        };
        if status == 429 || status >= 500 {
            return Attempt::Failed {
                error: decode_oauth_error(status, &body).into(),
                retry_after,
            };
        }
        if !(200..300).contains(&status) {
            let error = decode_oauth_error(status, &body);
            tracing::debug!(status, kind = ?error.kind, "token request refused");
            return Attempt::Done(Err(error.into()));
        }
        let parsed: TokenResponse = match serde_json::from_slice(&body) {
            Ok(p) => p,
            Err(e) => {
                return Attempt::Done(Err(AuthError {
                    kind: AuthErrorKind::Other,
                    detail: format!("unreadable token answer: {e}"),
                }
                .into()));
            }
        };
        self.stats.token_issued();
        let lifetime = parsed
            .expires_in
            .map(Duration::from_secs)
            .unwrap_or(DEFAULT_LIFETIME);
        let scopes: Vec<String> = parsed
            .scope
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        tracing::debug!(
            expires_in_s = lifetime.as_secs(),
            scopes = scopes.len(),
            "obtained access token"
        );
        Attempt::Done(Ok(AccessToken {
            secret: SecretString::from(parsed.access_token),
            serial: 0,
            refresh_at: started + lifetime.mul_f64(REFRESH_AT),
            expires_at: started + lifetime.mul_f64(0.97),
            scopes,
        }))
    }
}
