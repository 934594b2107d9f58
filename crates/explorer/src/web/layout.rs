//! The page shell (title, navigation, sync line) and the URLs of the explorer's pages.

use maud::{DOCTYPE, Markup, html};
use url::form_urlencoded::byte_serialize;

use crate::dates::rfc3339;
use crate::snapshot::{PersonKind, Snapshot};

/// The navigation entries: (path, label).
const NAV: [(&str, &str); 8] = [
    ("/", "Overview"),
    ("/users", "Users"),
    ("/groups", "Groups"),
    ("/roles", "Roles"),
    ("/contact-groups", "Contact groups"),
    ("/licenses", "Licences"),
    ("/findings", "Findings"),
    ("/diff", "Changes"),
];

/// A full page: `title`, the navigation with `active` marked, and `body`.
pub fn page(snapshot: &Snapshot, title: &str, active: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Zoom access explorer" }
                link rel="stylesheet" href="/assets/app.css";
                script src="/assets/app.js" defer {}
            }
            body {
                header {
                    a.brand href="/" { "Zoom access" }
                    nav {
                        @for (path, label) in NAV {
                            @if path == active {
                                a.active href=(path) aria-current="page" { (label) }
                            } @else {
                                a href=(path) { (label) }
                            }
                        }
                    }
                    span.sync title="the sync shown" {
                        "sync " code { (snapshot.sync.id.as_str()) }
                    }
                }
                main {
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}

/// The stored time of a sync as UTC text, or "unknown".
pub fn sync_time(at: Option<time::PrimitiveDateTime>) -> String {
    at.and_then(c1z::wall_clock::instant)
        .map(|z| rfc3339(z.timestamp().as_second()))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// `path?k=v&...` with the values URL-encoded (empty values left out).
pub fn with_query(path: &str, pairs: &[(&str, &str)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

fn encode(text: &str) -> String {
    byte_serialize(text.as_bytes()).collect()
}

/// The page of a user or invite.
pub fn person_href(kind: PersonKind, id: &str) -> String {
    format!("/{}/{}", kind.resource_type(), encode(id))
}

/// The page of a group.
pub fn group_href(id: &str) -> String {
    format!("/groups/{}", encode(id))
}

/// The page of a role.
pub fn role_href(id: &str) -> String {
    format!("/roles/{}", encode(id))
}

/// The page of a licence.
pub fn license_href(id: &str) -> String {
    format!("/licenses/{}", encode(id))
}

/// The page of a contact group.
pub fn contact_group_href(id: &str) -> String {
    format!("/contact-groups/{}", encode(id))
}

/// The page of any resource of the sync, by baton type and id.
pub fn resource_href(resource_type: &str, id: &str) -> Option<String> {
    use crate::snapshot::{CONTACT_GROUP, GROUP, INVITE, LICENSE, ROLE, USER};
    Some(match resource_type {
        USER => person_href(PersonKind::User, id),
        INVITE => person_href(PersonKind::Invite, id),
        GROUP => group_href(id),
        ROLE => role_href(id),
        LICENSE => license_href(id),
        CONTACT_GROUP => contact_group_href(id),
        _ => return None,
    })
}
