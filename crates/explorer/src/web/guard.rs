//! Who may talk to the explorer, and what a browser may do with its pages.
//!
//! The server prints one URL carrying a random token. The first request with it gets the
//! token back as an `HttpOnly`, `SameSite=Strict` cookie and is redirected to the same page
//! without it (so the token leaves the address bar and the history); every later request
//! must bring the cookie. Anything else gets 401: another local user, a web page trying
//! `http://127.0.0.1:port` from the browser, or a DNS-rebinding site (whose origin never
//! has the cookie).
//!
//! Every response carries a strict Content-Security-Policy: scripts and styles from the
//! explorer itself only, no inline script, no plugins, no framing, no outside connections.
//! With every value escaped by the templates, a display name such as
//! `<img src=x onerror=alert(1)>` is text, and even an escaping bug could not run script.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::state::AppState;

/// Name of the cookie holding the token.
pub const COOKIE: &str = "baton_zoom_explorer";
/// Name of the query parameter carrying the token in the printed URL.
pub const TOKEN_PARAM: &str = "token";

/// The Content-Security-Policy of every response.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
                       img-src 'self'; connect-src 'self'; form-action 'self'; \
                       base-uri 'none'; frame-ancestors 'none'";

/// A new random token: 32 bytes from the OS-seeded generator, as hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Lets a request through when it carries the token (cookie or, once, the URL), and sets
/// the security headers on every response.
pub async fn guard(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let mut response = if let Some(target) = token_in_url(&request, &state.token) {
        let mut redirect = Redirect::to(&target).into_response();
        let cookie = format!(
            "{COOKIE}={}; Path=/; HttpOnly; SameSite=Strict",
            state.token
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            redirect.headers_mut().insert(header::SET_COOKIE, value);
        }
        redirect
    } else if has_cookie(&request, &state.token) {
        next.run(request).await
    } else {
        (
            StatusCode::UNAUTHORIZED,
            "401 Unauthorized: open the URL that `baton-zoom explore` printed; it carries the access token.\n",
        )
            .into_response()
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// When the URL carries the right token: the same path and query without it.
fn token_in_url(request: &Request, token: &str) -> Option<String> {
    let query = request.uri().query()?;
    let mut found = false;
    let rest: Vec<&str> = query
        .split('&')
        .filter(|pair| match pair.split_once('=') {
            Some((TOKEN_PARAM, value)) => {
                found |= same(value, token);
                false
            }
            _ => true,
        })
        .collect();
    if !found {
        return None;
    }
    let path = request.uri().path();
    Some(if rest.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", rest.join("&"))
    })
}

fn has_cookie(request: &Request, token: &str) -> bool {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, value)| name == COOKIE && same(value, token))
}

/// Compares in time independent of where the strings differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn request(uri: &str, cookie: Option<&str>) -> Request {
        let mut builder = Request::builder().uri(uri);
        if let Some(cookie) = cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        builder.body(Body::empty()).expect("a valid request")
    }

    #[test]
    fn token_in_the_url_is_taken_out_of_it() {
        let token = "ab12";
        assert_eq!(
            token_in_url(&request("/users?token=ab12&q=x", None), token).as_deref(),
            Some("/users?q=x")
        );
        assert_eq!(
            token_in_url(&request("/?token=ab12", None), token).as_deref(),
            Some("/")
        );
        assert_eq!(token_in_url(&request("/?token=ab13", None), token), None);
        assert_eq!(token_in_url(&request("/", None), token), None);
    }

    #[test]
    fn only_the_right_cookie_lets_a_request_in() {
        let token = "ab12";
        assert!(has_cookie(
            &request("/", Some("a=b; baton_zoom_explorer=ab12")),
            token
        ));
        assert!(!has_cookie(
            &request("/", Some("baton_zoom_explorer=ab1")),
            token
        ));
        assert!(!has_cookie(&request("/", Some("other=ab12")), token));
        assert!(!has_cookie(&request("/", None), token));
    }

    #[test]
    fn tokens_are_64_hex_characters_and_differ() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
