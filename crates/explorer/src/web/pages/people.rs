//! The users list (search and filters, paged) and the page of one user or invite.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::{ListQuery, not_found};
use crate::dates::day;
use crate::findings::Concerned;
use crate::snapshot::{Person, PersonIx, PersonKind, Snapshot, Status};
use crate::web::layout::{page, person_href, resource_href, with_query};
use crate::web::state::AppState;
use crate::web::table::{Cell, Pager, Table, csv_body, csv_response};

/// Columns of every list of people.
const PEOPLE_COLUMNS: &[&str] = &[
    "Name",
    "Email",
    "Status",
    "Role",
    "Licence",
    "Groups",
    "Last sign-in",
];

/// A list of people: shown one page at a time as a [`Table`], or streamed row by row as
/// CSV, since all 100,000 users of a large account as cells would take some 60 MB.
pub struct PeopleList<'s> {
    s: &'s Snapshot,
    ixs: &'s [PersonIx],
}

impl PeopleList<'_> {
    /// The list as an HTML table; `id` names it.
    pub fn html(&self, id: &str) -> Markup {
        let rows = self.ixs.iter().map(|&ix| person_row(self.s, ix)).collect();
        Table {
            columns: PEOPLE_COLUMNS,
            rows,
        }
        .html(id)
    }

    /// The list as a CSV download named `name`.csv.
    pub fn csv(&self, name: &str) -> Response {
        let rows = self.ixs.iter().map(|&ix| person_row(self.s, ix));
        csv_response(name, csv_body(PEOPLE_COLUMNS, rows))
    }
}

/// The people at `ixs`, in that order.
pub fn people_list<'s>(s: &'s Snapshot, ixs: &'s [PersonIx]) -> PeopleList<'s> {
    PeopleList { s, ixs }
}

/// The row of [`PEOPLE_COLUMNS`] of the person at `ix`.
fn person_row(s: &Snapshot, ix: PersonIx) -> Vec<Cell> {
    let p = s.at(ix);
    let names = |list: &[u32], name: &dyn Fn(u32) -> String| {
        list.iter().map(|&i| name(i)).collect::<Vec<_>>().join(", ")
    };
    vec![
        Cell::Link {
            text: p.name.to_string(),
            href: person_href(p.kind, &p.id),
        },
        p.email.to_string().into(),
        p.status.as_str().into(),
        names(&p.roles, &|r| s.roles[r as usize].name.to_string()).into(),
        names(&p.licenses, &|l| s.licenses[l as usize].name.to_string()).into(),
        p.groups.len().to_string().into(),
        p.last_login.map_or_else(|| "never".to_owned(), day).into(),
    ]
}

/// Filters of the users list.
#[derive(Debug, Default, Deserialize)]
pub struct UserFilter {
    #[serde(flatten)]
    list: ListQuery,
    status: Option<String>,
    role: Option<String>,
    license: Option<String>,
    group: Option<String>,
    privilege: Option<String>,
}

impl UserFilter {
    fn value(field: &Option<String>) -> &str {
        field.as_deref().unwrap_or("")
    }

    /// The people matching every filter given, in name order.
    fn select(&self, s: &Snapshot) -> Vec<PersonIx> {
        let needle = self.list.needle();
        let status = Status::parse(Self::value(&self.status));
        let position = |value: &str, ix: Option<u32>| (!value.is_empty()).then_some(ix);
        let role = position(
            Self::value(&self.role),
            s.role(Self::value(&self.role)).map(|r| r.0),
        );
        let license = position(
            Self::value(&self.license),
            s.license(Self::value(&self.license)).map(|l| l.0),
        );
        let group = position(
            Self::value(&self.group),
            s.group(Self::value(&self.group)).map(|g| g.0),
        );
        // People holding a role that has the privilege.
        let privilege = Self::value(&self.privilege);
        let privileged_roles = (!privilege.is_empty()).then(|| s.roles_with(privilege));
        let holds = |list: &[u32], wanted: Option<Option<u32>>| match wanted {
            None => true,
            Some(None) => false,
            Some(Some(ix)) => list.contains(&ix),
        };
        s.people
            .iter()
            .enumerate()
            .filter(|(_, p)| needle.is_empty() || p.matches(&needle))
            .filter(|(_, p)| status.is_none_or(|st| p.status == st))
            .filter(|(_, p)| holds(&p.roles, role))
            .filter(|(_, p)| holds(&p.licenses, license))
            .filter(|(_, p)| holds(&p.groups, group))
            .filter(|(_, p)| {
                privileged_roles
                    .as_ref()
                    .is_none_or(|roles| p.roles.iter().any(|r| roles.contains(r)))
            })
            .map(|(ix, _)| ix as PersonIx)
            .collect()
    }

    fn pairs(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("q", Self::value(&self.list.q)),
            ("status", Self::value(&self.status)),
            ("role", Self::value(&self.role)),
            ("license", Self::value(&self.license)),
            ("group", Self::value(&self.group)),
            ("privilege", Self::value(&self.privilege)),
        ]
    }
}

/// `/users`: search by name or email, filter by status, role, licence and group.
pub async fn users(
    State(state): State<Arc<AppState>>,
    Query(filter): Query<UserFilter>,
) -> Response {
    let s = &state.snapshot;
    let matches = filter.select(s);
    if filter.list.csv() {
        return people_list(s, &matches).csv("users");
    }
    let pager = Pager::new(filter.list.page, matches.len());
    let table = people_list(s, pager.slice(&matches));
    let selected = |field: &Option<String>, value: &str| UserFilter::value(field) == value;
    let body = html! {
        form.filters method="get" action="/users" role="search" {
            input #search type="search" name="q" value=(UserFilter::value(&filter.list.q))
                placeholder="Name or email  ( / )" autofocus aria-label="Search users";
            select name="status" aria-label="Status" {
                option value="" { "any status" }
                @for status in Status::ALL {
                    option value=(status.as_str()) selected[selected(&filter.status, status.as_str())] { (status.as_str()) }
                }
            }
            select name="role" aria-label="Role" {
                option value="" { "any role" }
                @for role in &s.roles {
                    option value=(role.id) selected[selected(&filter.role, &role.id)] { (role.name) }
                }
            }
            select name="license" aria-label="Licence" {
                option value="" { "any licence" }
                @for license in &s.licenses {
                    option value=(license.id) selected[selected(&filter.license, &license.id)] { (license.name) }
                }
            }
            select name="group" aria-label="Group" {
                option value="" { "any group" }
                @for group in &s.groups {
                    option value=(group.id) selected[selected(&filter.group, &group.id)] { (group.name) }
                }
            }
            @let privileges = s.privileges();
            @if !privileges.is_empty() {
                select name="privilege" aria-label="Privilege" {
                    option value="" { "any privilege" }
                    @for privilege in privileges {
                        option value=(privilege) selected[selected(&filter.privilege, privilege)] { (privilege) }
                    }
                }
            }
            button type="submit" { "Search" }
        }
        (pager.html("/users", &filter.pairs()))
        (table.html("people"))
    };
    page(s, "Users", "/users", body).into_response()
}

/// `/user/{id}`.
pub async fn user(
    state: State<Arc<AppState>>,
    id: Path<String>,
    query: Query<ListQuery>,
) -> Response {
    person(state, PersonKind::User, id, query).await
}

/// `/invite/{email}`.
pub async fn invite(
    state: State<Arc<AppState>>,
    id: Path<String>,
    query: Query<ListQuery>,
) -> Response {
    person(state, PersonKind::Invite, id, query).await
}

const ACCESS_COLUMNS: &[&str] = &["Access", "Type", "Name", "Id"];

/// What a person holds, as rows of [`ACCESS_COLUMNS`].
fn access_table(s: &Snapshot, p: &Person) -> Table {
    let rows = s
        .held_by(p)
        .map(|held| {
            let href = resource_href(held.resource_type, held.id).unwrap_or_default();
            vec![
                Cell::from(held.label()),
                Cell::from(held.resource_type),
                Cell::Link {
                    text: held.name.to_owned(),
                    href,
                },
                Cell::from(held.id),
            ]
        })
        .collect();
    Table {
        columns: ACCESS_COLUMNS,
        rows,
    }
}

async fn person(
    State(state): State<Arc<AppState>>,
    kind: PersonKind,
    Path(id): Path<String>,
    Query(query): Query<ListQuery>,
) -> Response {
    let s = &state.snapshot;
    let Some((_, p)) = s.person(kind, &id) else {
        return not_found(s, kind.resource_type());
    };
    let access = access_table(s, p);
    if query.csv() {
        return access.csv(&format!("access-{}", p.id));
    }
    let concerns_p = |r: &Concerned| r.resource_type == kind.resource_type() && *r.id == *p.id;
    let findings: Vec<_> = state
        .findings()
        .await
        .iter()
        .filter(|f| f.resources.iter().any(concerns_p))
        .collect();
    let since = |at: i64| (state.settings.as_of - at) / 86_400;
    let body = html! {
        dl.facts {
            dt { "Email" } dd #email { (p.email) }
            dt { "Kind" } dd { (kind.resource_type()) " " code { (p.id) } }
            dt { "Status" } dd #status { (p.status.as_str()) }
            dt { @if kind == PersonKind::Invite { "Invited" } @else { "Created" } }
            dd { (p.created_at.map_or_else(|| "unknown".to_owned(), day)) }
            @if kind == PersonKind::User {
                dt { "Last sign-in" }
                dd #last-login {
                    @match p.last_login {
                        Some(at) => { (day(at)) " (" (since(at)) " days before the sync)" }
                        None => "never",
                    }
                }
            }
        }
        @if !findings.is_empty() {
            h2 { "Findings" }
            ul.findings {
                @for f in &findings {
                    li class=(f.severity.as_str()) { strong { (f.kind.title()) } ": " (f.detail) }
                }
            }
        }
        h2 { "Access" }
        p { a.csv href=(with_query(&person_href(kind, &p.id), &[("format", "csv")])) { "Download CSV" } }
        @if access.rows.is_empty() { p { "Holds nothing in this sync." } }
        @else { (access.html("access")) }
    };
    page(s, &p.name, "/users", body).into_response()
}

/// Links to the resources a finding concerns, for the findings list.
pub fn resource_links(resources: &[Concerned]) -> Markup {
    html! {
        @for (i, r) in resources.iter().enumerate() {
            @if i > 0 { ", " }
            @match resource_href(r.resource_type, &r.id).filter(|_| !r.name.is_empty()) {
                Some(href) => a href=(href) { (r.name) },
                None => (r.resource_id()),
            }
        }
    }
}
