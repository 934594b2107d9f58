//! What a correct sync of a simulated Zoom account holds, derived from the simulator's
//! ground truth, and what a `.c1z` actually holds, in one comparable form ([`Content`]), so
//! every test that syncs (the connector's, the daemon's, the CLI's) checks the same way.
//!
//! It reads the file with the `c1z` reader and the account with `zoom-sim`'s
//! [`GroundTruth`]; it shares nothing with the connector, so a connector that misreads Zoom
//! fails here. Made for tests: a file that cannot be read panics with what failed.
//!
//! ```no_run
//! # fn check(file: &std::path::Path, sync_id: &str, truth: &zoom_sim::GroundTruth) {
//! sync_check::assert_exact(file, sync_id, truth);
//! # }
//! ```

#![warn(missing_docs)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use c1z::{
    Annotated, GrantExpandable, GrantFilter, ReadOptions, Reader, RoleTrait, UserTrait,
    json_from_struct,
};
use zoom_sim::tenant::{ContactMemberType, GroundTruth, UserStatus};

/// What a `.c1z` sync holds, in comparable form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Content {
    /// Resource type ids.
    pub resource_types: BTreeSet<String>,
    /// Resource id → key fields (display name; for users and invites email and status; for
    /// roles the privileges).
    pub resources: BTreeMap<(String, String), String>,
    /// Entitlement ids.
    pub entitlements: BTreeSet<String>,
    /// Grant ids, with the expandable entitlement ids where a grant carries them.
    pub grants: BTreeMap<String, Vec<String>>,
}

/// The key fields of a user-like resource as the tests compare them.
fn user_fields(name: &str, email: &str, status: i32) -> String {
    format!("{name} <{email}> status {status}")
}

/// What the comparison says of a role whose privileges were not synced.
const PRIVILEGES_NOT_SYNCED: &str = "privileges not synced";

/// The key fields of a role: its name and privileges (`None`: not synced).
fn role_fields(name: &str, privileges: Option<&[String]>) -> String {
    match privileges {
        Some(privileges) => format!("{name} privileges [{}]", privileges.join(", ")),
        None => format!("{name} {PRIVILEGES_NOT_SYNCED}"),
    }
}

/// The content a correct sync of `truth` stores.
pub fn expected(truth: &GroundTruth) -> Content {
    let mut c = Content {
        resource_types: ["contactGroup", "group", "invite", "license", "role", "user"]
            .map(String::from)
            .into(),
        ..Content::default()
    };
    let mut resource = |t: &str, id: &str, fields: String| {
        c.resources.insert((t.to_owned(), id.to_owned()), fields);
    };
    for user in &truth.users {
        let status = match user.status {
            UserStatus::Active => 1,
            UserStatus::Inactive => 2,
            UserStatus::Pending => 0,
        };
        resource(
            "user",
            &user.id,
            user_fields(&user.display_name, &user.email, status),
        );
    }
    for pending in &truth.pending_users {
        let name = format!("{} {}", pending.first_name, pending.last_name);
        resource(
            "invite",
            &pending.email,
            user_fields(&name, &pending.email, 0),
        );
    }
    for group in &truth.groups {
        resource("group", &group.id, group.name.clone());
    }
    for role in &truth.roles {
        resource(
            "role",
            &role.id,
            role_fields(&role.name, Some(&role.privileges)),
        );
    }
    for cg in &truth.contact_groups {
        resource("contactGroup", &cg.id, cg.name.clone());
    }
    for (id, name) in [
        ("1", "Basic"),
        ("2", "Licensed"),
        ("4", "Unassigned"),
        ("99", "None"),
    ] {
        resource("license", id, name.to_owned());
    }
    let mut grant = |id: String, expands: Vec<String>| {
        c.grants.insert(id, expands);
    };
    for group in &truth.groups {
        for user in &group.member_ids {
            grant(format!("group:{}:member:user:{user}", group.id), vec![]);
        }
        for user in &group.admin_ids {
            grant(format!("group:{}:admin:user:{user}", group.id), vec![]);
        }
    }
    for role in &truth.roles {
        for user in &role.member_ids {
            grant(format!("role:{}:member:user:{user}", role.id), vec![]);
        }
    }
    for (code, users) in &truth.licenses {
        for user in users {
            grant(format!("license:{code}:assigned:user:{user}"), vec![]);
        }
    }
    for cg in &truth.contact_groups {
        for member in &cg.members {
            match member.member_type {
                ContactMemberType::User => grant(
                    format!("contactGroup:{}:member:user:{}", cg.id, member.id),
                    vec![],
                ),
                ContactMemberType::Group if cg.dangling_group_ids.contains(&member.id) => {}
                ContactMemberType::Group => grant(
                    format!("contactGroup:{}:member:group:{}", cg.id, member.id),
                    vec![format!("group:{}:member", member.id)],
                ),
            }
        }
    }
    let mut entitlements = BTreeSet::new();
    for group in &truth.groups {
        entitlements.insert(format!("group:{}:member", group.id));
        entitlements.insert(format!("group:{}:admin", group.id));
    }
    for role in &truth.roles {
        entitlements.insert(format!("role:{}:member", role.id));
    }
    for cg in &truth.contact_groups {
        entitlements.insert(format!("contactGroup:{}:member", cg.id));
    }
    for code in ["1", "2", "4", "99"] {
        entitlements.insert(format!("license:{code}:assigned"));
    }
    c.entitlements = entitlements;
    c
}

/// The content of sync `sync_id` in `file`.
pub fn actual(file: &Path, sync_id: &str) -> Content {
    let reader = Reader::open(file, &ReadOptions::default()).expect("the .c1z opens");
    let view = reader.view(Some(sync_id)).expect("the sync is in the file");
    let mut c = Content::default();
    for rt in view.resource_types() {
        c.resource_types
            .insert(rt.expect("resource types decode").id);
    }
    for resource in view.resources(None) {
        let resource = resource.expect("resources decode");
        let id = resource.id.clone().expect("resources carry an id");
        let fields = match resource.annotation::<UserTrait>().expect("traits decode") {
            Some(user) => user_fields(
                &resource.display_name,
                &user
                    .emails
                    .first()
                    .map(|e| e.address.clone())
                    .unwrap_or_default(),
                user.status.map_or(-1, |s| s.status),
            ),
            None => match resource.annotation::<RoleTrait>().expect("traits decode") {
                Some(role) => {
                    let profile = role.profile.as_ref().map(json_from_struct);
                    let privileges: Option<Vec<String>> = profile
                        .and_then(|p| p.get("privileges").cloned())
                        .map(|list| serde_json::from_value(list).expect("a list of strings"));
                    role_fields(&resource.display_name, privileges.as_deref())
                }
                None => resource.display_name.clone(),
            },
        };
        let previous = c.resources.insert((id.resource_type, id.resource), fields);
        assert!(previous.is_none(), "resource stored twice: {resource:?}");
    }
    for entitlement in view.entitlements(None) {
        let id = entitlement.expect("entitlements decode").id;
        assert!(
            c.entitlements.insert(id.clone()),
            "entitlement {id} stored twice"
        );
    }
    for grant in view.grants(GrantFilter::All) {
        let grant = grant.expect("grants decode");
        let expands = grant
            .annotation::<GrantExpandable>()
            .expect("annotations decode")
            .map(|e| e.entitlement_ids)
            .unwrap_or_default();
        let id = grant.id.clone();
        assert!(
            c.grants.insert(id.clone(), expands).is_none(),
            "grant {id} stored twice"
        );
    }
    c
}

impl Content {
    /// The content without the resources, entitlements and grants whose ids `drop` picks
    /// (resources by `type:id`): what a sync holds when a listing is left out.
    pub fn without(mut self, drop: impl Fn(&str) -> bool) -> Content {
        self.resources
            .retain(|(t, id), _| !drop(&format!("{t}:{id}")));
        self.entitlements.retain(|id| !drop(id));
        self.grants.retain(|id, _| !drop(id));
        self
    }

    /// The content with every role's privileges not synced (the role-detail calls refused).
    pub fn without_role_privileges(mut self) -> Content {
        for ((resource_type, _), fields) in &mut self.resources {
            if resource_type == "role"
                && let Some((name, _)) = fields.rsplit_once(" privileges ")
            {
                *fields = format!("{name} {PRIVILEGES_NOT_SYNCED}");
            }
        }
        self
    }
}

/// Asserts that sync `sync_id` in `file` holds exactly `want`, naming the first differences.
pub fn assert_content(file: &Path, sync_id: &str, want: &Content) {
    let got = actual(file, sync_id);
    assert_eq!(got.resource_types, want.resource_types);
    assert_eq!(
        differences(&got.resources, &want.resources),
        (vec![], vec![]),
        "resources (extra, missing)"
    );
    assert_eq!(
        differences_set(&got.entitlements, &want.entitlements),
        (vec![], vec![]),
        "entitlements (extra, missing)"
    );
    assert_eq!(
        differences(&got.grants, &want.grants),
        (vec![], vec![]),
        "grants (extra, missing)"
    );
}

/// Asserts that sync `sync_id` in `file` holds exactly what a sync of `truth` must hold,
/// naming the first differences.
pub fn assert_exact(file: &Path, sync_id: &str, truth: &GroundTruth) {
    assert_content(file, sync_id, &expected(truth));
}

/// Entries found only in the file, and entries only expected.
type Differences<K, V> = (Vec<(K, V)>, Vec<(K, V)>);

/// Up to 5 entries only in `got`, and up to 5 only in `want` (comparing keys and values).
fn differences<K: Ord + Clone, V: PartialEq + Clone>(
    got: &BTreeMap<K, V>,
    want: &BTreeMap<K, V>,
) -> Differences<K, V> {
    let only = |a: &BTreeMap<K, V>, b: &BTreeMap<K, V>| {
        a.iter()
            .filter(|(k, v)| b.get(k) != Some(v))
            .take(5)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    (only(got, want), only(want, got))
}

fn differences_set<K: Ord + Clone>(got: &BTreeSet<K>, want: &BTreeSet<K>) -> (Vec<K>, Vec<K>) {
    (
        got.difference(want).take(5).cloned().collect(),
        want.difference(got).take(5).cloned().collect(),
    )
}
