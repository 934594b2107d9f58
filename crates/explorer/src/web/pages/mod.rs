//! One module per page family, each with the same shape: read the query, select from the
//! snapshot, answer a [`super::table::Table`] as HTML or CSV.

pub mod contact_groups;
pub mod diff;
pub mod findings;
pub mod groups;
pub mod holdings;
pub mod overview;
pub mod people;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::layout::page;
use crate::snapshot::Snapshot;

/// `?page=` and `?format=csv`, which every list accepts.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    /// 1-based page of the HTML list.
    pub page: Option<usize>,
    /// `csv` for the whole list as CSV.
    pub format: Option<String>,
    /// Search text, on the lists that have a search box.
    pub q: Option<String>,
    /// Which list of a page with several (`members`, `admins`, ...).
    pub list: Option<String>,
}

impl ListQuery {
    /// True when the CSV of the list is asked for.
    pub fn csv(&self) -> bool {
        self.format.as_deref() == Some("csv")
    }

    /// The search text, trimmed and lower-cased ("" for none).
    pub fn needle(&self) -> String {
        self.q.as_deref().unwrap_or("").trim().to_lowercase()
    }
}

/// The 404 page for a `what` that is not in the sync.
pub fn not_found(snapshot: &Snapshot, what: &str) -> Response {
    let body = html! { p { "There is no " (what) " in this sync." } };
    (StatusCode::NOT_FOUND, page(snapshot, "Not found", "", body)).into_response()
}
