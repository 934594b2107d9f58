//! Helpers of the sync tests: a client for the simulator, the exact
//! expected content of a `.c1z` derived from the simulator's ground truth, the content a
//! file actually holds, and the minimum number of API calls the sync strategy needs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;

use c1z::{
    Annotated, GrantExpandable, GrantFilter, ReadOptions, Reader, RoleTrait, UserTrait,
    json_from_struct,
};
use connector::sync::{NoProgress, Progress, SyncError, SyncOptions, SyncReport};
use secrecy::SecretString;
use zoom_api::{Client, ClientConfig};
use zoom_sim::tenant::{ContactMemberType, GroundTruth, UserStatus};
use zoom_sim::{Endpoint, RateLimitMode, SimConfig, Simulator};

/// A simulator config with rate limits off, for tests about content rather than pacing.
pub fn unlimited(config: SimConfig) -> SimConfig {
    config.rate_limits(RateLimitMode::Off)
}

/// A client configuration for `sim` on the Business plan, with retries quick enough for
/// tests.
pub fn config(sim: &Simulator) -> ClientConfig {
    super::client_config(sim, sim.credentials(), 10, Duration::from_secs(1))
}

/// A client for `sim` presenting `secret` instead of the app's, which Zoom refuses.
pub fn client_with_secret(sim: &Simulator, secret: &str) -> Client {
    let mut config = config(sim);
    config.client_secret = SecretString::from(secret.to_owned());
    Client::new(config).expect("the test configuration is valid")
}

/// A fresh client for `sim` (fresh, so its counters are one sync's).
pub fn client(sim: &Simulator) -> Client {
    Client::new(config(sim)).expect("the test configuration is valid")
}

/// A fresh client for a new app of `sim` holding exactly `scopes`.
pub fn client_with_scopes<S: Into<String>>(
    sim: &Simulator,
    scopes: impl IntoIterator<Item = S>,
) -> Client {
    let app = sim.add_app(scopes);
    let config = super::client_config(sim, &app, 10, Duration::from_secs(1));
    Client::new(config).expect("the test configuration is valid")
}

/// Syncs `sim` into `file` with a fresh client.
pub async fn sync(sim: &Simulator, file: &Path) -> Result<SyncReport, SyncError> {
    sync_with(&client(sim), file, &NoProgress).await
}

/// Syncs into `file` with `client` and `progress`, waiting while a cancelled run's writer
/// still holds the file (it stores its queued batches before letting go).
pub async fn sync_with(
    client: &Client,
    file: &Path,
    progress: &dyn Progress,
) -> Result<SyncReport, SyncError> {
    let options = SyncOptions::new(file).with_cleanup(c1z::Cleanup::Skip);
    for _ in 0..200 {
        match connector::sync::sync(client, &options, progress).await {
            Err(SyncError::Busy { .. }) => tokio::time::sleep(Duration::from_millis(25)).await,
            other => return other,
        }
    }
    panic!("the file stayed busy for 5 s after a cancelled sync");
}

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

/// What the tests say of a role whose privileges were not synced.
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

impl Content {
    /// The content without the resources, entitlements and grants whose ids `drop` picks
    /// (resources by `type:id`).
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

/// Calls a listing of `rows` rows needs at `page_size` per page (an empty listing still
/// takes one call).
fn pages(rows: usize, page_size: usize) -> u64 {
    rows.div_ceil(page_size).max(1) as u64
}

/// The fewest calls per operation the sync strategy needs for `truth`: every user status
/// once at 300 per page, groups at 300, roles once and each role's details once, contact
/// groups at 50, then one admin listing per group (300 per page) and one member listing per
/// contact group (50 per page).
pub fn minimum_calls(truth: &GroundTruth) -> BTreeMap<&'static str, u64> {
    let count = |status| truth.users_with_status(status).count();
    let users = pages(count(UserStatus::Active), 300)
        + pages(count(UserStatus::Inactive), 300)
        + pages(truth.pending_users.len(), 300);
    let admins = truth
        .groups
        .iter()
        .map(|g| pages(g.admin_ids.len(), 300))
        .sum();
    let members = truth
        .contact_groups
        .iter()
        .map(|cg| pages(cg.members.len(), 50))
        .sum();
    BTreeMap::from([
        (Endpoint::Users.operation_id(), users),
        (
            Endpoint::Groups.operation_id(),
            pages(truth.groups.len(), 300),
        ),
        (Endpoint::Roles.operation_id(), 1),
        (
            Endpoint::GetRoleInformation.operation_id(),
            truth.roles.len() as u64,
        ),
        (
            Endpoint::ContactGroups.operation_id(),
            pages(truth.contact_groups.len(), 50),
        ),
        (Endpoint::GroupAdmins.operation_id(), admins),
        (Endpoint::ContactGroupMembers.operation_id(), members),
    ])
}

/// The API calls the simulator saw, per operation, without the token requests.
pub fn api_calls(sim: &Simulator) -> BTreeMap<String, u64> {
    let mut calls = sim.counters().by_endpoint;
    calls.remove(Endpoint::OauthToken.operation_id());
    calls
}

/// A number drawn from `seed` and `i` (SplitMix64), for reproducible "random" points.
pub fn draw(seed: u64, i: u64) -> u64 {
    let mut z = seed
        .wrapping_add(i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
