//! Roles and licences: resources with one entitlement, each a list of holders.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::html;

use super::people::people_list;
use super::{ListQuery, not_found};
use crate::snapshot::{Holding, Snapshot};
use crate::web::layout::{license_href, page, role_href, with_query};
use crate::web::state::AppState;
use crate::web::table::{Cell, Pager, Table};

/// Roles or licences: where they live in the snapshot and how they are named.
#[derive(Clone, Copy)]
struct Family {
    title: &'static str,
    singular: &'static str,
    path: &'static str,
    items: fn(&Snapshot) -> &[Holding],
    href: fn(&str) -> String,
}

const ROLES: Family = Family {
    title: "Roles",
    singular: "role",
    path: "/roles",
    items: |s| &s.roles,
    href: role_href,
};

const LICENSES: Family = Family {
    title: "Licences",
    singular: "licence",
    path: "/licenses",
    items: |s| &s.licenses,
    href: license_href,
};

const HOLDING_COLUMNS: &[&str] = &["Name", "Holders", "Id"];

/// `/roles`.
pub async fn roles(state: State<Arc<AppState>>, query: Query<ListQuery>) -> Response {
    list(ROLES, state, query)
}

/// `/licenses`.
pub async fn licenses(state: State<Arc<AppState>>, query: Query<ListQuery>) -> Response {
    list(LICENSES, state, query)
}

/// `/roles/{id}`.
pub async fn role(
    state: State<Arc<AppState>>,
    id: Path<String>,
    query: Query<ListQuery>,
) -> Response {
    holders(ROLES, state, id, query)
}

/// `/licenses/{id}`.
pub async fn license(
    state: State<Arc<AppState>>,
    id: Path<String>,
    query: Query<ListQuery>,
) -> Response {
    holders(LICENSES, state, id, query)
}

fn list(
    family: Family,
    State(state): State<Arc<AppState>>,
    Query(query): Query<ListQuery>,
) -> Response {
    let s = &state.snapshot;
    let table = Table {
        columns: HOLDING_COLUMNS,
        rows: (family.items)(s)
            .iter()
            .map(|h| {
                vec![
                    Cell::Link {
                        text: h.name.to_string(),
                        href: (family.href)(&h.id),
                    },
                    h.holders.len().to_string().into(),
                    h.id.to_string().into(),
                ]
            })
            .collect(),
    };
    if query.csv() {
        return table.csv(family.singular);
    }
    let body = html! {
        p { a.csv href=(format!("{}?format=csv", family.path)) { "Download CSV" } }
        (table.html(family.singular))
    };
    page(s, family.title, family.path, body).into_response()
}

fn holders(
    family: Family,
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(query): Query<ListQuery>,
) -> Response {
    let s = &state.snapshot;
    let Some(h) = (family.items)(s).iter().find(|h| *h.id == *id) else {
        return not_found(s, family.singular);
    };
    if query.csv() {
        return people_list(s, &h.holders).csv(&format!("{}-{}", family.singular, h.id));
    }
    let pager = Pager::new(query.page, h.holders.len());
    let body = html! {
        p { (family.singular) " " code { (h.id) } ": " (h.holders.len()) " holders." }
        @if !h.privileges.is_empty() {
            h2 { "Privileges" }
            ul.inline #privileges {
                @for privilege in &h.privileges {
                    li { a href=(with_query("/users", &[("privilege", privilege)])) { (privilege) } }
                }
            }
            h2 { "Holders" }
        }
        (pager.html(&(family.href)(&h.id), &[]))
        (people_list(s, pager.slice(&h.holders)).html("holders"))
    };
    page(s, &h.name, family.path, body).into_response()
}
