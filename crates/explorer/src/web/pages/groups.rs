//! Groups: the list (with member and admin counts) and one group's admins and members.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::html;

use super::people::people_list;
use super::{ListQuery, not_found};
use crate::web::layout::{contact_group_href, group_href, page, with_query};
use crate::web::state::AppState;
use crate::web::table::{Cell, Pager, Table};

const GROUP_COLUMNS: &[&str] = &["Group", "Members", "Admins", "Contact groups", "Id"];

/// `/groups`: every group, searchable by name.
pub async fn groups(
    State(state): State<Arc<AppState>>,
    Query(query): Query<ListQuery>,
) -> Response {
    let s = &state.snapshot;
    let needle = query.needle();
    let matching: Vec<_> = s
        .groups
        .iter()
        .filter(|g| needle.is_empty() || g.name.to_lowercase().contains(&needle))
        .collect();
    let pager = Pager::new(query.page, matching.len());
    let shown = if query.csv() {
        &matching[..]
    } else {
        pager.slice(&matching)
    };
    let table = Table {
        columns: GROUP_COLUMNS,
        rows: shown
            .iter()
            .map(|g| {
                vec![
                    Cell::Link {
                        text: g.name.to_string(),
                        href: group_href(&g.id),
                    },
                    g.members.len().to_string().into(),
                    g.admins.len().to_string().into(),
                    g.contact_groups.len().to_string().into(),
                    g.id.to_string().into(),
                ]
            })
            .collect(),
    };
    if query.csv() {
        return table.csv("groups");
    }
    let q = query.q.as_deref().unwrap_or("");
    let body = html! {
        form.filters method="get" action="/groups" role="search" {
            input #search type="search" name="q" value=(q) placeholder="Group name  ( / )"
                autofocus aria-label="Search groups";
            button type="submit" { "Search" }
        }
        (pager.html("/groups", &[("q", q)]))
        (table.html("groups"))
    };
    page(s, "Groups", "/groups", body).into_response()
}

/// `/groups/{id}`: admins, members (paged) and the contact groups listing the group;
/// `?list=admins|members&format=csv` downloads one list.
pub async fn group(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(query): Query<ListQuery>,
) -> Response {
    let s = &state.snapshot;
    let Some((_, g)) = s.group(&id) else {
        return not_found(s, "group");
    };
    let href = group_href(&g.id);
    if query.csv() {
        let (list, name) = match query.list.as_deref() {
            Some("admins") => (&g.admins, "admins"),
            _ => (&g.members, "members"),
        };
        return people_list(s, list).csv(&format!("group-{name}-{}", g.id));
    }
    let pager = Pager::new(query.page, g.members.len());
    let body = html! {
        p { "Group " code { (g.id) } ": " (g.members.len()) " members, " (g.admins.len()) " admins." }
        h2 { "Admins" }
        p { a.csv href=(with_query(&href, &[("list", "admins"), ("format", "csv")])) { "Download CSV" } }
        @if g.admins.is_empty() { p.warning { "Nobody administers this group." } }
        @else { (people_list(s, &g.admins).html("admins")) }
        h2 { "Members" }
        (pager.html(&href, &[("list", "members")]))
        (people_list(s, pager.slice(&g.members)).html("members"))
        @if !g.contact_groups.is_empty() {
            h2 { "Listed in contact groups" }
            ul {
                @for &c in &g.contact_groups {
                    @let c = &s.contact_groups[c as usize];
                    li { a href=(contact_group_href(&c.id)) { (c.name) } }
                }
            }
        }
    };
    page(s, &g.name, "/groups", body).into_response()
}
