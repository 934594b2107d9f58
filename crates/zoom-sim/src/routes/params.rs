//! Request extractors that never fail with axum's plain-text rejections: a malformed query or
//! body gets Zoom's 400/300 validation answer instead, as on the real API.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// The query string as name/value pairs (percent-decoded; bad encodings are kept as sent).
#[derive(Debug, Default)]
pub(crate) struct QueryParams(Vec<(String, String)>);

impl QueryParams {
    /// Parses form-encoded pairs (a query string or an `x-www-form-urlencoded` body).
    pub(crate) fn parse(encoded: &[u8]) -> Self {
        QueryParams(url::form_urlencoded::parse(encoded).into_owned().collect())
    }

    /// These parameters, then `fallback`'s: a name present in both resolves to this one.
    pub(crate) fn before(mut self, fallback: QueryParams) -> Self {
        self.0.extend(fallback.0);
        self
    }

    /// The first non-empty value of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, value)| key == name && !value.is_empty())
            .map(|(_, value)| value.as_str())
    }

    /// A boolean flag: `true` (any case) is true, anything else false.
    pub(crate) fn flag(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for QueryParams {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(QueryParams::parse(
            parts.uri.query().unwrap_or("").as_bytes(),
        ))
    }
}

/// A JSON body decoded into `T`: not JSON at all → "Request Body should be a valid JSON
/// object."; JSON of the wrong shape → "Validation Failed." naming the problem.
#[derive(Debug)]
pub(crate) struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|_| ApiError::malformed_body())?;
        let value: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|_| ApiError::malformed_body())?;
        if !value.is_object() {
            return Err(ApiError::malformed_body());
        }
        T::deserialize(value)
            .map(JsonBody)
            .map_err(|e| ApiError::invalid_field("body", e.to_string()))
    }
}
