//! `/diff`: who gained or lost what between two syncs of the file.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use crate::diff::Change;
use crate::web::layout::{page, person_href, resource_href, sync_time};
use crate::web::state::AppState;
use crate::web::table::{Cell, Pager, Table};

/// `?base=&applied=` (sync ids; default: the two newest finished full syncs).
#[derive(Debug, Default, Deserialize)]
pub struct DiffQuery {
    base: Option<String>,
    applied: Option<String>,
    page: Option<usize>,
    format: Option<String>,
}

const DIFF_COLUMNS: &[&str] = &["Person", "Email", "Change", "Access", "On", "Detail"];

fn table(rows: &[crate::diff::Row]) -> Table {
    Table {
        columns: DIFF_COLUMNS,
        rows: rows
            .iter()
            .map(|r| {
                let (access, on) = match &r.access {
                    Some(a) => (
                        format!("{} {}", a.resource_type, a.slug),
                        match resource_href(a.resource_type, &a.id) {
                            Some(href) => Cell::Link {
                                text: a.name.clone(),
                                href,
                            },
                            None => Cell::from(a.name.clone()),
                        },
                    ),
                    None => (String::new(), Cell::from("")),
                };
                vec![
                    Cell::Link {
                        text: r.name.clone(),
                        href: person_href(r.kind, &r.id),
                    },
                    r.email.clone().into(),
                    r.change.as_str().into(),
                    access.into(),
                    on,
                    r.detail.clone().into(),
                ]
            })
            .collect(),
    }
}

/// The diff page.
pub async fn diff(State(state): State<Arc<AppState>>, Query(query): Query<DiffQuery>) -> Response {
    let s = &state.snapshot;
    if state.syncs.len() < 2 {
        let body = html! { p { "The file holds one finished sync: there is nothing to compare yet. Sync again into the same file to see what changes." } };
        return page(s, "Changes", "/diff", body).into_response();
    }
    let base = query
        .base
        .clone()
        .unwrap_or_else(|| state.syncs[1].id.to_string());
    let applied = query
        .applied
        .clone()
        .unwrap_or_else(|| state.syncs[0].id.to_string());
    let known = |id: &str| state.syncs.iter().any(|r| r.id.as_str() == id);
    if !known(&base) || !known(&applied) {
        let body = html! { p { "Pick two finished full syncs of the file." } };
        return (StatusCode::NOT_FOUND, page(s, "Changes", "/diff", body)).into_response();
    }
    let computing = Arc::clone(&state);
    let (b, a) = (base.clone(), applied.clone());
    let diff = match tokio::task::spawn_blocking(move || computing.diff(&b, &a)).await {
        Ok(Ok(diff)) => diff,
        Ok(Err(error)) => {
            let body = html! { p { "Cannot compare the syncs: " (error) } };
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                page(s, "Changes", "/diff", body),
            )
                .into_response();
        }
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if query.format.as_deref() == Some("csv") {
        return table(&diff.rows).csv("changes");
    }
    let pager = Pager::new(query.page, diff.rows.len());
    let pairs = [("base", base.as_str()), ("applied", applied.as_str())];
    let sync_option = |run: &c1z::SyncRun, chosen: &str| {
        html! {
            option value=(run.id.as_str()) selected[run.id.as_str() == chosen] {
                (sync_time(run.ended_at)) " · " (run.id.as_str())
            }
        }
    };
    let body = html! {
        form.filters method="get" action="/diff" {
            label { "From " select name="base" { @for run in &state.syncs { (sync_option(run, &base)) } } }
            label { " to " select name="applied" { @for run in &state.syncs { (sync_option(run, &applied)) } } }
            button type="submit" { "Compare" }
        }
        ul.inline #diff-summary {
            @for change in [Change::Added, Change::Removed, Change::Status, Change::Gained, Change::Lost] {
                li { (change.as_str()) ": " span data-count=(change.as_str()) { (diff.count(change)) } }
            }
        }
        (pager.html("/diff", &pairs))
        (table(pager.slice(&diff.rows)).html("changes"))
    };
    page(s, "Changes", "/diff", body).into_response()
}
