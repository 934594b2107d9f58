//! `/findings`: every finding, or those of one kind, with links to what they concern.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::people::resource_links;
use crate::findings::{Finding, Kind, report};
use crate::web::layout::{page, with_query};
use crate::web::state::AppState;
use crate::web::table::{Pager, csv_response};

/// `?kind=`, `?page=`, `?format=csv`.
#[derive(Debug, Default, Deserialize)]
pub struct FindingQuery {
    kind: Option<String>,
    page: Option<usize>,
    format: Option<String>,
}

/// The findings page.
pub async fn findings(
    State(state): State<Arc<AppState>>,
    Query(query): Query<FindingQuery>,
) -> Response {
    let s = &state.snapshot;
    let kind = query.kind.as_deref().and_then(Kind::parse);
    let shown: Vec<Finding> = state
        .findings()
        .await
        .iter()
        .filter(|f| kind.is_none_or(|k| f.kind == k))
        .cloned()
        .collect();
    if query.format.as_deref() == Some("csv") {
        let mut body = Vec::new();
        return match report::write_csv(&mut body, &shown) {
            Ok(()) => csv_response("findings", body),
            Err(_) => axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
    }
    let kind_text = kind.map_or("", Kind::as_str);
    let pager = Pager::new(query.page, shown.len());
    let title = kind.map_or("Findings", Kind::title);
    let body = html! {
        nav.kinds {
            a href="/findings" { "all" }
            @for k in Kind::ALL {
                a href=(with_query("/findings", &[("kind", k.as_str())])) { (k.as_str()) }
            }
        }
        (pager.html("/findings", &[("kind", kind_text)]))
        table #findings {
            thead { tr { th { "Severity" } th { "Finding" } th { "Concerns" } th { "Detail" } } }
            tbody {
                @for f in pager.slice(&shown) {
                    tr data-id=(f.id) {
                        td class=(f.severity.as_str()) { (f.severity.as_str()) }
                        td { (f.kind.title()) }
                        td { (resource_links(&f.resources)) }
                        td { (f.detail) }
                    }
                }
            }
        }
    };
    page(s, title, "/findings", body).into_response()
}
