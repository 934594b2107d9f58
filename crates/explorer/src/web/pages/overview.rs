//! `/`: what the sync holds, its findings, and when it was taken.

use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use maud::html;

use crate::findings::Tally;
use crate::snapshot::Status;
use crate::web::layout::{license_href, page, sync_time, with_query};
use crate::web::state::AppState;

/// The overview page.
pub async fn overview(State(state): State<Arc<AppState>>) -> Response {
    let s = &state.snapshot;
    let statuses = s.status_counts();
    let severity = |tally: &Tally| tally.worst.map_or("none", |s| s.as_str());
    let body = html! {
        section.cards #counts {
            @for (status, count) in statuses {
                @if count > 0 || status != Status::Unknown {
                    a.card href=(with_query("/users", &[("status", status.as_str())])) {
                        span.number data-count=(format!("status-{}", status.as_str())) { (count) }
                        span.label { (status.as_str()) " users" }
                    }
                }
            }
            a.card href="/groups" { span.number data-count="groups" { (s.groups.len()) } span.label { "groups" } }
            a.card href="/roles" { span.number data-count="roles" { (s.roles.len()) } span.label { "roles" } }
            a.card href="/contact-groups" {
                span.number data-count="contact-groups" { (s.contact_groups.len()) } span.label { "contact groups" }
            }
            div.card { span.number data-count="grants" { (s.grant_count) } span.label { "grants" } }
        }
        h2 { "Licences" }
        ul.inline #licenses {
            @for l in &s.licenses {
                li { a href=(license_href(&l.id)) { (l.name) } ": " span data-count=(format!("license-{}", l.id)) { (l.holders.len()) } }
            }
        }
        h2 { "Findings" }
        table #finding-counts {
            thead { tr { th { "Finding" } th { "Worst severity" } th { "Count" } } }
            tbody {
                @for (kind, tally) in &state.tally {
                    tr {
                        td { a href=(with_query("/findings", &[("kind", kind.as_str())])) { (kind.title()) } }
                        td class=(severity(tally)) { (severity(tally)) }
                        td data-count=(kind.as_str()) { (tally.count) }
                    }
                }
            }
        }
        h2 { "Sync" }
        dl.facts #sync {
            dt { "Id" } dd #sync-id { code { (s.sync.id.as_str()) } }
            dt { "Started" } dd { (sync_time(s.sync.started_at)) }
            dt { "Ended" } dd #sync-ended { (sync_time(s.sync.ended_at)) }
            dt { "Findings as of" } dd { (crate::dates::rfc3339(state.settings.as_of)) ", threshold " (state.settings.inactive_days) " days" }
            dt { "Syncs in the file" } dd { (state.syncs.len()) " finished full syncs" @if state.syncs.len() > 1 { " · " a href="/diff" { "what changed" } } }
        }
    };
    page(s, "Overview", "/", body).into_response()
}
