//! Role privileges: a role's page lists what the role allows, and the users list filters
//! by privilege (people holding a role that has it). The file is written with the c1z
//! writer directly, its roles carrying their privileges in the role trait's profile under
//! `privileges`, where baton-zoom's sync stores them.

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

    let served = Served::start(&file);
    runtime().block_on(async {
        let client = reqwest::Client::new();
        let token = served.url.split("token=").nth(1).expect("a token");
        let cookie = format!("baton_zoom_explorer={token}");
        let get = |path: String| {
            let request = client.get(served.at(&path)).header(COOKIE, &cookie);
            async move {
                let response = request.send().await.expect("a response");
                assert!(response.status().is_success(), "{path}");
                response.text().await.expect("a body")
            }
        };

        let helpdesk = get("/roles/h1".into()).await;
        assert_eq!(
            list_items(&helpdesk, "privileges"),
            ["User:Edit", "User:Read"]
        );
        assert!(helpdesk.contains("href=\"/users?privilege=User%3AEdit\""));
        let member = get("/roles/2".into()).await;
        assert!(list_items(&member, "privileges").is_empty());
        assert!(!member.contains("id=\"privileges\""));

        for privilege in [
            "User:Edit",
            "Recording:Read",
            "AccountSetting:Edit",
            "No:Such",
        ] {
            let csv = get(format!("/users?privilege={privilege}&format=csv")).await;
            let mut rows = csv::Reader::from_reader(csv.as_bytes());
            let emails: BTreeSet<String> = rows
                .records()
                .map(|row| row.expect("a CSV row")[1].to_owned())
                .collect();
            assert_eq!(emails, expected_holders(privilege), "{privilege}");
        }

        let users = get("/users?privilege=Group:Edit".into()).await;
        assert!(users.contains("<option value=\"Group:Edit\" selected>Group:Edit</option>"));
        assert!(users.contains("1–2 of 2"), "two users hold Group:Edit");
    });
}
