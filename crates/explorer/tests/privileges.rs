//! Role privileges: a role's page lists what the role allows, and the users list filters
//! by privilege (people holding a role that has it). Once on a simulated account synced by
//! the connector, against the simulator's ground truth; once on a file written with the c1z
//! writer directly, with edge cases a sync does not produce (a Member role with an empty
//! list, privileges repeated or flattened into one string).

use std::collections::BTreeSet;
use std::path::Path;

use c1z::{
    Annotated, Batch, Entitlement, Grant, Resource, ResourceId, ResourceType, RoleTrait, SyncKind,
    Trait, UserStatusKind, UserTrait, Writer, WriterConfig, struct_from_json,
};
use reqwest::header::COOKIE;
use serde_json::{Value, json};

use crate::support::browser::Served;
use crate::support::{self, runtime};

/// A role of the account: id, name, and its `privileges` profile value.
struct Role {
    id: &'static str,
    name: &'static str,
    privileges: Value,
}

/// Owner and Admin with broad sets, Member with none, a custom role with a partial set,
/// and one whose privileges were written as a single comma-separated string.
fn roles() -> Vec<Role> {
    vec![
        Role {
            id: "0",
            name: "Owner",
            privileges: json!([
                "User:Read",
                "User:Edit",
                "Group:Edit",
                "AccountSetting:Edit",
                "Recording:Read"
            ]),
        },
        Role {
            id: "1",
            name: "Admin",
            privileges: json!(["User:Read", "User:Edit", "Group:Edit"]),
        },
        Role {
            id: "2",
            name: "Member",
            privileges: json!([]),
        },
        Role {
            id: "h1",
            name: "IT Helpdesk",
            privileges: json!(["User:Read", "User:Edit", "User:Read"]),
        },
        Role {
            id: "r1",
            name: "Recording Viewer",
            privileges: json!("Recording:Read, User:Read"),
        },
    ]
}

/// `(user id, role id)`: who holds which role.
const HOLDERS: [(&str, &str); 8] = [
    ("u1", "0"),
    ("u2", "1"),
    ("u3", "2"),
    ("u4", "2"),
    ("u5", "h1"),
    ("u6", "h1"),
    ("u7", "r1"),
    ("u8", "2"),
];

fn email(user: &str) -> String {
    format!("{user}@example.com")
}

/// Writes the account into `path`.
fn write_account(path: &Path) {
    let role_type = ResourceType::new("role", "Role", &[Trait::Role]);
    let user_type = ResourceType::new("user", "User", &[Trait::User]);
    let roles: Vec<Resource> = roles()
        .into_iter()
        .map(|role| {
            let profile = json!({
                "role_name": role.name,
                "role_id": role.id,
                "privileges": role.privileges,
            });
            let Value::Object(profile) = profile else {
                unreachable!("a JSON object literal")
            };
            Resource::new(ResourceId::new("role", role.id), role.name)
                .annotate(&RoleTrait::with_profile(struct_from_json(profile)))
        })
        .collect();
    let users = HOLDERS.iter().map(|(user, _)| {
        Resource::new(ResourceId::new("user", *user), format!("User {user}")).annotate(
            &UserTrait::new()
                .with_email(email(user), true)
                .with_status(UserStatusKind::Enabled, "active"),
        )
    });
    let entitlements = roles
        .iter()
        .map(|role| Entitlement::permission(role, "member"))
        .collect();
    let grants = HOLDERS
        .iter()
        .map(|(user, role)| {
            Grant::new(
                &ResourceId::new("role", *role),
                "member",
                ResourceId::new("user", *user),
            )
        })
        .collect();
    let mut writer = Writer::open(path, WriterConfig::default()).expect("the writer opens");
    writer.start_sync(SyncKind::Full).expect("a sync starts");
    writer
        .write_batch(&Batch {
            resource_types: vec![role_type, user_type],
            resources: roles.into_iter().chain(users).collect(),
            entitlements,
            grants,
            checkpoint: None,
        })
        .expect("the rows are written");
    writer.finish().expect("the sync is published");
}

/// The emails of the people holding a role that has `privilege`, by the account's truth.
fn expected_holders(privilege: &str) -> BTreeSet<String> {
    let roles: Vec<&str> = roles()
        .into_iter()
        .filter(|role| match &role.privileges {
            Value::Array(list) => list.iter().any(|p| p == privilege),
            Value::String(text) => text.split(',').any(|p| p.trim() == privilege),
            _ => false,
        })
        .map(|role| role.id)
        .collect();
    HOLDERS
        .iter()
        .filter(|(_, role)| roles.contains(role))
        .map(|(user, _)| email(user))
        .collect()
}

/// The texts of the `<li>` items of the list with HTML id `id` (empty when absent).
fn list_items(html: &str, id: &str) -> Vec<String> {
    let Some(start) = html.find(&format!("id=\"{id}\"")) else {
        return Vec::new();
    };
    let list = &html[start
        ..html[start..]
            .find("</ul>")
            .map_or(html.len(), |e| start + e)];
    list.split("<li>")
        .skip(1)
        .map(|item| {
            let text = item.split("</li>").next().unwrap_or_default();
            // Each item is one link: its text sits between `>` and `</a>`.
            let text = text.rsplit_once("</a>").map_or(text, |(before, _)| before);
            text.rsplit('>').next().unwrap_or_default().to_owned()
        })
        .collect()
}

/// The explorer of a file, asked over HTTP with its cookie.
struct Session {
    served: Served,
    client: reqwest::Client,
    cookie: String,
}

impl Session {
    fn start(file: &Path) -> Session {
        let served = Served::start(file);
        let token = served.url.split("token=").nth(1).expect("a token");
        let cookie = format!("baton_zoom_explorer={token}");
        Session {
            served,
            client: reqwest::Client::new(),
            cookie,
        }
    }

    /// The body of a successful GET of `path` with `query`.
    async fn get(&self, path: &str, query: &[(&str, &str)]) -> String {
        let response = self
            .client
            .get(self.served.at(path))
            .query(query)
            .header(COOKIE, &self.cookie)
            .send()
            .await
            .expect("a response");
        assert!(response.status().is_success(), "{path} {query:?}");
        response.text().await.expect("a body")
    }

    /// The emails of the users list filtered by `privilege`, read from its CSV.
    async fn holders_of(&self, privilege: &str) -> BTreeSet<String> {
        let csv = self
            .get("/users", &[("privilege", privilege), ("format", "csv")])
            .await;
        csv::Reader::from_reader(csv.as_bytes())
            .records()
            .map(|row| row.expect("a CSV row")[1].to_owned())
            .collect()
    }
}

#[test]
fn a_synced_account_shows_each_roles_privileges_and_filters_users_by_them() {
    let reviewed = support::reviewed();
    let truth = &reviewed.truth;
    let mut every: BTreeSet<&str> = BTreeSet::new();
    for role in &truth.roles {
        every.extend(role.privileges.iter().map(String::as_str));
    }
    assert!(every.len() > 3, "the account's roles hold privileges");
    let session = Session::start(&reviewed.account.file());
    runtime().block_on(async {
        for role in &truth.roles {
            let page = session.get(&format!("/roles/{}", role.id), &[]).await;
            let expected: BTreeSet<&str> = role.privileges.iter().map(String::as_str).collect();
            let shown = list_items(&page, "privileges");
            assert_eq!(shown, Vec::from_iter(expected), "role {}", role.name);
        }
        for privilege in &every {
            let expected: BTreeSet<String> = truth
                .users
                .iter()
                .filter(|user| {
                    truth.roles.iter().any(|r| {
                        r.id == user.role_id && r.privileges.iter().any(|p| p == privilege)
                    })
                })
                .map(|user| user.email.clone())
                .collect();
            assert!(!expected.is_empty(), "{privilege} has holders");
            assert_eq!(session.holders_of(privilege).await, expected, "{privilege}");
        }
    });
}

#[test]
fn a_role_page_lists_its_privileges_and_users_filter_by_privilege() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("sync.c1z");
    write_account(&file);

    let snapshot = support::snapshot(&file);
    let privileges_of = |id: &str| -> Vec<&str> {
        let (_, role) = snapshot.role(id).expect("the role is in the sync");
        role.privileges.iter().map(|p| &**p).collect()
    };
    assert_eq!(
        privileges_of("0"),
        [
            "AccountSetting:Edit",
            "Group:Edit",
            "Recording:Read",
            "User:Edit",
            "User:Read"
        ]
    );
    assert_eq!(privileges_of("2"), Vec::<&str>::new());
    assert_eq!(privileges_of("h1"), ["User:Edit", "User:Read"]);
    assert_eq!(privileges_of("r1"), ["Recording:Read", "User:Read"]);
    assert_eq!(
        snapshot.privileges(),
        [
            "AccountSetting:Edit",
            "Group:Edit",
            "Recording:Read",
            "User:Edit",
            "User:Read"
        ]
    );

    let session = Session::start(&file);
    runtime().block_on(async {
        let helpdesk = session.get("/roles/h1", &[]).await;
        assert_eq!(
            list_items(&helpdesk, "privileges"),
            ["User:Edit", "User:Read"]
        );
        assert!(helpdesk.contains("href=\"/users?privilege=User%3AEdit\""));
        let member = session.get("/roles/2", &[]).await;
        assert!(list_items(&member, "privileges").is_empty());
        assert!(!member.contains("id=\"privileges\""));

        for privilege in [
            "User:Edit",
            "Recording:Read",
            "AccountSetting:Edit",
            "No:Such",
        ] {
            let expected = expected_holders(privilege);
            assert_eq!(session.holders_of(privilege).await, expected, "{privilege}");
        }
        // Privileges are named in any case, as `access --privilege` takes them.
        assert_eq!(
            session.holders_of("user:EDIT").await,
            expected_holders("User:Edit")
        );

        let users = session.get("/users", &[("privilege", "Group:Edit")]).await;
        assert!(users.contains("<option value=\"Group:Edit\" selected>Group:Edit</option>"));
        assert!(users.contains("1–2 of 2"), "two users hold Group:Edit");
    });
}
