//! The gate every API request passes, in Zoom's order: count it, check the bearer token and
//! its scopes, take the rate-limit budget, apply injected faults, run the handler, wait out
//! the simulated latency, and stamp the `X-RateLimit-*` headers.

use std::io;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_LENGTH, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::ItemCount;
use crate::auth::TokenRefusal;
use crate::endpoint::{Category, Endpoint};
use crate::error::ApiError;
use crate::faults::FaultPlan;
use crate::rate_limit::Admission;
use crate::scopes::missing_scope;
use crate::state::AppState;

/// The rate-limit headers of one answer.
struct RateHeaders {
    category: Category,
    daily: bool,
    limit: u64,
    remaining: u64,
    retry_after: Option<String>,
}

impl RateHeaders {
    /// Stamps the headers; the limit and what remains of it only when `announce_limits`.
    fn apply(&self, headers: &mut HeaderMap, announce_limits: bool) {
        headers.insert(
            "x-ratelimit-category",
            HeaderValue::from_static(self.category.label()),
        );
        let kind = if self.daily { "Daily-limit" } else { "QPS" };
        headers.insert("x-ratelimit-type", HeaderValue::from_static(kind));
        if announce_limits {
            headers.insert("x-ratelimit-limit", HeaderValue::from(self.limit));
            headers.insert("x-ratelimit-remaining", HeaderValue::from(self.remaining));
        }
        if let Some(value) = self
            .retry_after
            .as_deref()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            headers.insert(RETRY_AFTER, value);
        }
    }
}

/// The middleware around every `/v2` handler.
pub(crate) async fn guard(
    State((state, endpoint)): State<(AppState, Endpoint)>,
    request: Request,
    next: Next,
) -> Response {
    state.counters.request(endpoint);
    let plan = state.faults.draw();
    let (mut response, rate) = match admit(&state, endpoint, &plan, &request) {
        Err((error, rate)) => (error.into_response(), rate),
        Ok(rate) => match plan.server_error {
            Some(status) => (ApiError::server_error(status).into_response(), Some(rate)),
            None => (next.run(request).await, Some(rate)),
        },
    };
    let items = response.extensions().get::<ItemCount>().map_or(0, |c| c.0);
    let delay = state.latency().delay(items) + plan.slow_by.unwrap_or_default();
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    state
        .counters
        .answered(endpoint, response.status().as_u16());
    if let Some(rate) = rate {
        rate.apply(response.headers_mut(), state.announce_limits);
    }
    if plan.reset {
        response = break_connection(response);
    }
    response
}

type Refusal = (ApiError, Option<RateHeaders>);

/// Token, scope, rate limit and page-token checks; the headers to send on success.
fn admit(
    state: &AppState,
    endpoint: Endpoint,
    plan: &FaultPlan,
    request: &Request,
) -> Result<RateHeaders, Refusal> {
    let token = bearer_token(request.headers()).ok_or((ApiError::invalid_token(), None))?;
    if plan.revoke_token {
        state.auth.revoke(token);
    }
    let scopes = state.auth.verify(token).map_err(|refusal| {
        let error = match refusal {
            TokenRefusal::Expired => ApiError::expired_token(),
            TokenRefusal::Invalid => ApiError::invalid_token(),
        };
        (error, None)
    })?;
    if let Some(scope) = missing_scope(endpoint, &scopes) {
        return Err((ApiError::missing_scope(scope), None));
    }
    let category = endpoint
        .info()
        .category
        .expect("every gated operation has a rate-limit category");
    let admission = if plan.burst_429 {
        Admission::OverRate {
            limit: state.limiter.limit(category),
            retry_after_secs: 1,
        }
    } else {
        state.limiter.admit(category)
    };
    let rate = match admission {
        Admission::Admitted { limit, remaining } => RateHeaders {
            category,
            daily: false,
            limit: limit.into(),
            remaining: remaining.into(),
            retry_after: None,
        },
        Admission::OverRate {
            limit,
            retry_after_secs,
        } => {
            let headers = RateHeaders {
                category,
                daily: false,
                limit: limit.into(),
                remaining: 0,
                retry_after: Some(retry_after_secs.to_string()),
            };
            return Err((ApiError::over_rate(), Some(headers)));
        }
        Admission::OverDaily { limit, retry_at } => {
            let headers = RateHeaders {
                category,
                daily: true,
                limit,
                remaining: 0,
                retry_after: Some(retry_at),
            };
            return Err((ApiError::over_daily(), Some(headers)));
        }
    };
    let carries_page_token = request.uri().query().is_some_and(|q| {
        q.split('&').any(|p| {
            p.strip_prefix("next_page_token=")
                .is_some_and(|v| !v.is_empty())
        })
    });
    if plan.expire_page_token && carries_page_token {
        return Err((ApiError::page_token_invalid(), Some(rate)));
    }
    Ok(rate)
}

/// The token of an `Authorization: Bearer …` header.
fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Keeps status and headers but makes the body fail after its first bytes, so the client
/// sees the connection break mid-answer. The failure comes a moment after the first chunk:
/// had it been ready at once, the server would drop the connection before sending even the
/// headers.
fn break_connection(response: Response) -> Response {
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(CONTENT_LENGTH);
    let chunks = futures::stream::unfold(0u8, |step| async move {
        match step {
            0 => Some((Ok(Bytes::from_static(b"{\"")), 1)),
            1 => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                let reset =
                    io::Error::new(io::ErrorKind::ConnectionReset, "simulated connection reset");
                Some((Err(reset), 2))
            }
            _ => None,
        }
    });
    Response::from_parts(parts, Body::from_stream(chunks))
}
