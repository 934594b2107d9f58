//! Contact groups: the list and one contact group's people, groups and deleted groups.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::html;

use super::people::people_list;
use super::{ListQuery, not_found};
use crate::web::layout::{contact_group_href, group_href, page};
use crate::web::state::AppState;
use crate::web::table::{Cell, Pager, Table};

const CONTACT_GROUP_COLUMNS: &[&str] =
    &["Contact group", "People", "Groups", "Deleted groups", "Id"];

/// `/contact-groups`.
pub async fn contact_groups(
    State(state): State<Arc<AppState>>,
    Query(query): Query<ListQuery>,
) -> Response {
    let s = &state.snapshot;
    let table = Table {
        columns: CONTACT_GROUP_COLUMNS,
        rows: s
            .contact_groups
            .iter()
            .map(|c| {
                vec![
                    Cell::Link {
                        text: c.name.to_string(),
                        href: contact_group_href(&c.id),
                    },
                    c.members.len().to_string().into(),
                    c.member_groups.len().to_string().into(),
                    c.missing_groups.len().to_string().into(),
                    c.id.to_string().into(),
                ]
            })
            .collect(),
    };
    if query.csv() {
        return table.csv("contact-groups");
    }
    let body = html! {
        p { a.csv href="/contact-groups?format=csv" { "Download CSV" } }
        (table.html("contact-groups"))
    };
    page(s, "Contact groups", "/contact-groups", body).into_response()
}

/// `/contact-groups/{id}`.
pub async fn contact_group(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(query): Query<ListQuery>,
) -> Response {
    let s = &state.snapshot;
    let Some((_, c)) = s.contact_group(&id) else {
        return not_found(s, "contact group");
    };
    if query.csv() {
        return people_list(s, &c.members).csv(&format!("contact-group-{}", c.id));
    }
    let href = contact_group_href(&c.id);
    let pager = Pager::new(query.page, c.members.len());
    let body = html! {
        p { "Contact group " code { (c.id) } "." }
        @if !c.member_groups.is_empty() || !c.missing_groups.is_empty() {
            h2 { "Groups listed" }
            ul #member-groups {
                @for &g in &c.member_groups {
                    @let g = &s.groups[g as usize];
                    li { a href=(group_href(&g.id)) { (g.name) } }
                }
                @for missing in &c.missing_groups {
                    li.warning { code { (missing) } " (this group no longer exists)" }
                }
            }
        }
        h2 { "People listed" }
        (pager.html(&href, &[]))
        (people_list(s, pager.slice(&c.members)).html("members"))
    };
    page(s, &c.name, "/contact-groups", body).into_response()
}
