//! The one path every API request takes: budget, token, send, retry, decode.
//!
//! Endpoint code describes a request ([`ApiRequest`]) and reads the answer; it has no retry,
//! auth or rate-limit logic of its own. Here, in order, each try of a request:
//! 1. waits for its category's budget (or fails at once if the daily limit is spent and its
//!    reset is too far away);
//! 2. takes the current access token (renewed in the background when near expiry);
//! 3. sends, and reads the whole answer;
//! 4. on 401 drops the token and tries again with a fresh one (the first time without
//!    spending a retry); on a per-second 429 slows
//!    the category and retries after `Retry-After`; on a daily 429 holds the category until
//!    the reset (or fails naming it); on 5xx, timeouts and broken connections retries with
//!    jittered backoff; any other answer is final and decoded into a typed error.
//!
//! Writes are retried like reads. Every write this client offers is idempotent in effect
//! (adding an existing member, removing a missing one, setting a status twice), and when a
//! retry lands after a first try that Zoom did apply, the answer is `AlreadyExists` or
//! `NotFound`, which provisioning already treats as done.

use std::sync::Arc;

use reqwest::Method;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use serde::Serialize;
use serde::de::DeserializeOwned;
use time::OffsetDateTime;
use tokio::time::Instant;
use url::Url;

use crate::budget::{Budgets, Priority};
use crate::endpoint::{Category, Endpoint};
use crate::error::{Error, decode_api_error, parse_api_error};
use crate::retry::{Attempt, Retries, RetryAfter, RetryPolicy};
use crate::stats::Stats;
use crate::token::TokenManager;

/// Response header naming the rate-limit window a 429 is about (`QPS` or `Daily-limit`).
const RATE_LIMIT_TYPE: &str = "x-ratelimit-type";
/// Response header with the limit of that window.
const RATE_LIMIT_LIMIT: &str = "x-ratelimit-limit";
/// Response header naming the rate-limit category the answer counted in.
const RATE_LIMIT_CATEGORY: &str = "x-ratelimit-category";
/// Without a `QPS` type, a larger `X-RateLimit-Limit` is taken for a daily cap.
const MAX_PLAUSIBLE_PER_SECOND: f64 = 1_000.0;
/// Zoom's per-response tracking id, quoted to Zoom support when reporting a problem.
const TRACKING_ID: &str = "x-zm-trackingid";

/// A request as endpoint code describes it.
#[derive(Debug, Clone)]
pub(crate) struct ApiRequest {
    pub(crate) endpoint: Endpoint,
    pub(crate) method: Method,
    /// Path segments after the base URL; each is percent-encoded, so ids and emails cannot
    /// change the path.
    pub(crate) path: Vec<String>,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) body: Option<serde_json::Value>,
}

impl ApiRequest {
    pub(crate) fn new<S: AsRef<str>>(endpoint: Endpoint, method: Method, path: &[S]) -> ApiRequest {
        ApiRequest {
            endpoint,
            method,
            path: path.iter().map(|s| s.as_ref().to_owned()).collect(),
            query: Vec::new(),
            body: None,
        }
    }

    pub(crate) fn query(mut self, key: &'static str, value: impl Into<String>) -> ApiRequest {
        self.query.push((key, value.into()));
        self
    }

    pub(crate) fn json(mut self, body: &impl Serialize) -> ApiRequest {
        self.body =
            Some(serde_json::to_value(body).expect(
                "request bodies are plain structs with string keys, which always serialize",
            ));
        self
    }
}

/// The machinery behind a client. Cloning it shares the connection pool, token, budgets and
/// counters; only the priority is the clone's own.
#[derive(Clone)]
pub(crate) struct Transport {
    pub(crate) http: reqwest::Client,
    pub(crate) api_url: Url,
    pub(crate) tokens: TokenManager,
    pub(crate) budgets: Arc<Budgets>,
    pub(crate) stats: Arc<Stats>,
    pub(crate) retry: RetryPolicy,
    /// Which budget slots this client's requests take.
    pub(crate) priority: Priority,
}

impl Transport {
    /// Sends `req` and decodes a 2xx JSON answer into `T`.
    pub(crate) async fn json<T: DeserializeOwned>(&self, req: &ApiRequest) -> Result<T, Error> {
        let body = self.send(req).await?;
        serde_json::from_slice(&body).map_err(|e| {
            self.stats.error();
            Error::Decode {
                endpoint: req.endpoint,
                message: e.to_string(),
            }
        })
    }

    /// Sends `req`, expecting a 2xx answer whose body does not matter (204, or 200 "OK").
    pub(crate) async fn no_content(&self, req: &ApiRequest) -> Result<(), Error> {
        self.send(req).await.map(drop)
    }

    /// Sends `req` through budget, token and retries; returns the 2xx body.
    async fn send(&self, req: &ApiRequest) -> Result<Vec<u8>, Error> {
        let url = join_path(&self.api_url, &req.path);
        let mut retries = Retries::new(&self.retry, &self.stats);
        let mut once = OnceFlags::default();
        let result = loop {
            match self.attempt(req, &url, &mut once).await {
                Attempt::Done(result) => break result,
                Attempt::Failed { error, retry_after } => {
                    match retries.next_wait(error, retry_after) {
                        Ok(wait) => tokio::time::sleep(wait).await,
                        Err(error) => break Err(error),
                    }
                }
                Attempt::Again => {}
            }
        };
        if let Err(error) = &result {
            self.stats.error();
            tracing::debug!(endpoint = ?req.endpoint, %error, "request failed");
        }
        result
    }

    async fn attempt(&self, req: &ApiRequest, url: &Url, once: &mut OnceFlags) -> Attempt<Vec<u8>> {
        let category = req.endpoint.category();
        let budget = self.budgets.of(category);
        let slot = match budget.acquire(self.priority).await {
            Ok(slot) => slot,
            Err(e) => return Attempt::Done(Err(e)),
        };
        let token = match self.tokens.token().await {
            Ok(t) => t,
            Err(e) => return Attempt::Done(Err(e)),
        };
        self.stats.call(category);
        let started = Instant::now();
        let mut builder = self
            .http
            .request(req.method.clone(), url.clone())
            .bearer_auth(token.bearer());
        if !req.query.is_empty() {
            builder = builder.query(&req.query);
        }
        if let Some(body) = &req.body {
            builder = builder.json(body);
        }
        let response = match builder.send().await {
            Ok(r) => r,
            Err(e) => return failed(Error::transport(&e), None),
        };
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = match response.bytes().await {
            Ok(b) => Vec::from(b),
            Err(e) => return failed(Error::transport(&e), None),
        };
        tracing::debug!(
            endpoint = ?req.endpoint,
            method = %req.method,
            status,
            tracking_id = header(&headers, TRACKING_ID).unwrap_or("-"),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "zoom answered"
        );
        if let Some(limit) = announced_per_second_limit(&headers, category) {
            budget.limit_announced(limit);
        }
        if (200..300).contains(&status) {
            return Attempt::Done(Ok(body));
        }
        let retry_after = header(&headers, RETRY_AFTER.as_str()).and_then(RetryAfter::parse);
        match status {
            401 => {
                // Revoked, or expired earlier than its lifetime said: the next try takes a
                // fresh token, the first time at once. The fresh token can be revoked too
                // before it is used (keys rotated twice; the simulator's faults revoke tokens
                // at random), so a second 401 is retried like other passing failures, within
                // the retry policy. An app whose credentials no longer work does not loop
                // here: its token request fails.
                self.stats.token_rejected();
                self.tokens.invalidate(&token);
                if once.token_refreshed {
                    failed(decode_api_error(status, &body, req.endpoint), None)
                } else {
                    once.token_refreshed = true;
                    Attempt::Again
                }
            }
            429 => self.rate_limited(req, &headers, &body, retry_after, slot, once),
            500.. => failed(
                decode_api_error(status, &body, req.endpoint),
                retry_after.map(|r| r.delay_from(OffsetDateTime::now_utc())),
            ),
            _ => Attempt::Done(Err(decode_api_error(status, &body, req.endpoint))),
        }
    }

    fn rate_limited(
        &self,
        req: &ApiRequest,
        headers: &HeaderMap,
        body: &[u8],
        retry_after: Option<RetryAfter>,
        sent_at: Instant,
        once: &mut OnceFlags,
    ) -> Attempt<Vec<u8>> {
        let category = req.endpoint.category();
        let budget = self.budgets.of(category);
        let (_, message, _) = parse_api_error(body);
        let message = message.to_ascii_lowercase();
        let daily = header(headers, RATE_LIMIT_TYPE)
            .is_some_and(|t| t.eq_ignore_ascii_case("daily-limit"))
            || message.contains("daily");
        self.stats.rate_limited(daily);
        let now = OffsetDateTime::now_utc();
        if daily {
            let reset = retry_after
                .map(|r| r.instant_from(now))
                .unwrap_or_else(|| next_utc_midnight(now));
            tracing::warn!(%category, reset = %reset, "Zoom daily rate limit reached");
            if once.daily_waited {
                // Already waited for one reset and still refused: do not wait a second day.
                return Attempt::Done(Err(Error::RateLimited {
                    category,
                    retry_at: Some(reset),
                    daily: true,
                }));
            }
            once.daily_waited = true;
            let wait = std::time::Duration::try_from(reset - now).unwrap_or_default();
            budget.daily_limit_reached(Instant::now() + wait, reset);
            // The budget now makes the next try wait for the reset, or fail if it is too far.
            return Attempt::Again;
        }
        // "Too many concurrent requests" is Zoom's per-user lock on writes, not the rate:
        // retry it without slowing the whole category.
        if !message.contains("concurrent") {
            budget.rate_limited(Instant::now(), sent_at);
            tracing::debug!(
                %category,
                rate = budget.current_rate(),
                "per-second rate limit hit, slowing down"
            );
        }
        failed(
            Error::RateLimited {
                category,
                retry_at: retry_after.map(|r| r.instant_from(now)),
                daily: false,
            },
            retry_after.map(|r| r.delay_from(now)),
        )
    }
}

/// Things a request does at most once, whatever the retry limit (a fresh token without
/// spending a retry; one wait for a daily-limit reset).
#[derive(Default)]
struct OnceFlags {
    token_refreshed: bool,
    daily_waited: bool,
}

/// `base` with `path` appended, each segment percent-encoded.
fn join_path(base: &Url, path: &[String]) -> Url {
    let mut url = base.clone();
    url.path_segments_mut()
        .expect("the API URL was checked to be a base URL when the client was built")
        .pop_if_empty()
        .extend(path);
    url
}

fn failed<T>(error: Error, retry_after: Option<std::time::Duration>) -> Attempt<T> {
    Attempt::Failed { error, retry_after }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The per-second limit an answer announces for `category`: a numeric `X-RateLimit-Limit`
/// of a `QPS` window (or of no named window, if it is plausible as a per-second value), in
/// the request's category (or none named). Zoom does not document on which answers the
/// header comes, so any answer may lack it and nothing relies on it being there.
fn announced_per_second_limit(headers: &HeaderMap, category: Category) -> Option<f64> {
    let limit: f64 = header(headers, RATE_LIMIT_LIMIT)?.trim().parse().ok()?;
    if !(limit.is_finite() && limit >= 1.0) {
        return None;
    }
    let per_second = match header(headers, RATE_LIMIT_TYPE) {
        Some(kind) => kind.trim().eq_ignore_ascii_case("qps"),
        None => limit <= MAX_PLAUSIBLE_PER_SECOND,
    };
    let same_category = header(headers, RATE_LIMIT_CATEGORY)
        .is_none_or(|named| named.trim().eq_ignore_ascii_case(&category.to_string()));
    (per_second && same_category).then_some(limit)
}

/// Zoom's daily limits reset at 00:00 UTC; used when a daily 429 has no `Retry-After`.
fn next_utc_midnight(now: OffsetDateTime) -> OffsetDateTime {
    let today = now.to_offset(time::UtcOffset::UTC).date();
    today.next_day().unwrap_or(today).midnight().assume_utc()
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn next_midnight_is_the_following_utc_day() {
        assert_eq!(
            next_utc_midnight(datetime!(2026-11-28 13:45 UTC)),
            datetime!(2026-11-29 00:00 UTC)
        );
        assert_eq!(
            next_utc_midnight(datetime!(2026-11-28 23:30 -02:00)),
            datetime!(2026-11-30 00:00 UTC)
        );
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().expect("test header values are ASCII"));
        }
        map
    }

    #[test]
    fn a_per_second_limit_is_read_only_from_a_qps_header_of_the_category() {
        let limit = |pairs| announced_per_second_limit(&headers(pairs), Category::Medium);
        let qps = [
            ("x-ratelimit-category", "Medium"),
            ("x-ratelimit-type", "QPS"),
            ("x-ratelimit-limit", "60"),
        ];
        assert_eq!(limit(&qps), Some(60.0));
        assert_eq!(limit(&[("x-ratelimit-limit", "120")]), Some(120.0));
        assert_eq!(
            limit(&[
                ("x-ratelimit-type", "Daily-limit"),
                ("x-ratelimit-limit", "60000")
            ]),
            None
        );
        assert_eq!(limit(&[("x-ratelimit-limit", "60000")]), None);
        assert_eq!(
            limit(&[
                ("x-ratelimit-category", "Light"),
                ("x-ratelimit-limit", "80")
            ]),
            None
        );
        assert_eq!(limit(&[("x-ratelimit-limit", "unlimited")]), None);
        assert_eq!(limit(&[("x-ratelimit-limit", "0")]), None);
        assert_eq!(limit(&[]), None);
    }

    #[test]
    fn path_segments_are_appended_and_encoded() {
        let base = Url::parse("http://127.0.0.1:8080/v2").unwrap();
        let path = ["users".to_owned(), "a+b@c.d".to_owned(), "x/y?z".to_owned()];
        assert_eq!(
            join_path(&base, &path).as_str(),
            "http://127.0.0.1:8080/v2/users/a+b@c.d/x%2Fy%3Fz"
        );
        let slash = Url::parse("https://api.zoom.us/v2/").unwrap();
        assert_eq!(
            join_path(&slash, &["roles".to_owned()]).as_str(),
            "https://api.zoom.us/v2/roles"
        );
    }

    #[test]
    fn requests_describe_path_query_and_body() {
        let req = ApiRequest::new(
            Endpoint::GroupMembersDelete,
            Method::DELETE,
            &["groups", "g/1", "members", "a@b.c"],
        )
        .query("action", "delete")
        .json(&serde_json::json!({"x": 1}));
        assert_eq!(req.path, ["groups", "g/1", "members", "a@b.c"]);
        assert_eq!(req.query, [("action", "delete".to_owned())]);
        assert_eq!(req.body, Some(serde_json::json!({"x": 1})));
    }
}
