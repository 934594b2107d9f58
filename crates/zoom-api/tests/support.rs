//! Helpers shared by the end-to-end tests: a simulator, a client pointed at it, and exact
//! comparison of what the client listed with the simulator's ground truth.

use std::collections::BTreeSet;
use std::time::Duration;

use futures::TryStreamExt;
use time::format_description::well_known::Rfc3339;
use zoom_api::{
    Client, ClientConfig, ContactMemberType, Error, Pacing, Page, PageStream, RetryPolicy, StartAt,
    User, UserQuery, UserStatus, ZoomPlan,
};
use zoom_sim::tenant::GroundTruth;
use zoom_sim::{AppCredentials, SimConfig, Simulator};

/// Starts a simulator; a test cannot go on without one.
pub async fn start(config: SimConfig) -> Simulator {
    Simulator::start(config)
        .await
        .expect("the simulator starts on a free loopback port")
}

/// A client configuration for `sim` with `credentials`, with the default plan (Business)
/// and share, and retries quick enough for tests.
pub fn config_with(sim: &Simulator, credentials: &AppCredentials) -> ClientConfig {
    let mut config = sim_client::config_for(sim, credentials).expect("the simulator's URLs parse");
    config.pacing = Pacing::Plan(ZoomPlan::Business);
    config.retry = RetryPolicy {
        max_retries: 8,
        initial_backoff: Duration::from_millis(50),
        max_backoff: Duration::from_secs(2),
    };
    config
}

/// [`config_with`] the simulator's full-scope app.
pub fn config(sim: &Simulator) -> ClientConfig {
    config_with(sim, sim.credentials())
}

/// A client for the simulator's full-scope app.
pub fn client(sim: &Simulator) -> Client {
    Client::new(config(sim)).expect("the test configuration is valid")
}

/// Every page of a listing, in order.
pub async fn pages<T>(stream: PageStream<T>) -> Result<Vec<Page<T>>, Error> {
    stream.try_collect().await
}

/// Every row of a listing. Rows taken before a restart are dropped, as a caller that
/// restarts its listing must.
pub async fn rows<T>(stream: PageStream<T>) -> Result<Vec<T>, Error> {
    let mut rows = Vec::new();
    let mut stream = stream;
    while let Some(page) = stream.try_next().await? {
        if page.restarted {
            rows.clear();
        }
        rows.extend(page.items);
    }
    Ok(rows)
}

/// Every user of one status.
pub async fn users(client: &Client, status: UserStatus) -> Result<Vec<User>, Error> {
    rows(
        client
            .users()
            .list(&UserQuery::status(status), StartAt::Beginning),
    )
    .await
}

fn time_text(t: Option<time::OffsetDateTime>) -> Option<String> {
    t.map(|t| t.format(&Rfc3339).expect("UTC times format as RFC 3339"))
}

fn text(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// A listed user in the ground truth's terms: (id, the fields a list row carries).
fn listed_row(u: &User) -> (String, serde_json::Value) {
    let mut groups = u.group_ids.clone();
    groups.sort();
    let id = u.id.clone().expect("active and inactive users have ids");
    let row = serde_json::json!({
        "email": u.email,
        "first_name": text(&u.first_name),
        "last_name": text(&u.last_name),
        "display_name": text(&u.display_name),
        "status": u.status.map(|s| s.as_str()),
        "type": u.user_type.code(),
        "role_id": text(&u.role_id),
        "group_ids": groups,
        "dept": text(&u.dept),
        "employee_unique_id": u.employee_unique_id,
        "user_created_at": time_text(u.user_created_at),
        "last_login_time": time_text(u.last_login_time),
        "timezone": text(&u.timezone),
        "verified": u.verified,
        "pmi": u.pmi,
    });
    (id, row)
}

fn truth_row(u: &zoom_sim::tenant::User) -> (String, serde_json::Value) {
    let row = serde_json::json!({
        "email": u.email,
        "first_name": u.first_name,
        "last_name": u.last_name,
        "display_name": u.display_name,
        "status": Some(u.status.as_str()),
        "type": i64::from(u.license.code()),
        "role_id": u.role_id,
        "group_ids": u.group_ids.iter().collect::<Vec<_>>(),
        "dept": u.dept,
        "employee_unique_id": u.employee_unique_id,
        "user_created_at": Some(&u.user_created_at),
        "last_login_time": u.last_login_time,
        "timezone": u.timezone,
        "verified": Some(u.verified == 1),
        "pmi": Some(i64::try_from(u.pmi).expect("pmi fits in i64")),
    });
    (u.id.clone(), row)
}

/// Asserts that `listed` (active and inactive users, any order) is exactly the ground
/// truth's users, field by field.
pub fn assert_users_match(listed: &[User], truth: &GroundTruth) {
    let mut got: Vec<_> = listed.iter().map(listed_row).collect();
    got.sort_by(|a, b| a.0.cmp(&b.0));
    let want: Vec<_> = truth.users.iter().map(truth_row).collect();
    assert_eq!(got.len(), want.len(), "number of users");
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w);
    }
}

/// Asserts that `listed` pending users are exactly the ground truth's invitations.
pub fn assert_pending_match(listed: &[User], truth: &GroundTruth) {
    let mut got: Vec<_> = listed
        .iter()
        .map(|u| {
            (
                u.email.clone(),
                text(&u.first_name),
                text(&u.last_name),
                u.user_type.code(),
                text(&u.role_id),
                time_text(u.user_created_at),
            )
        })
        .collect();
    got.sort();
    let want: Vec<_> = truth
        .pending_users
        .iter()
        .map(|p| {
            (
                p.email.clone(),
                p.first_name.clone(),
                p.last_name.clone(),
                i64::from(p.license.code()),
                p.role_id.clone(),
                Some(p.user_created_at.clone()),
            )
        })
        .collect();
    assert_eq!(got, want);
}

/// Lists the whole account the way a sync does and compares every part with the ground
/// truth: users per status, groups with members and admins, roles with members, contact
/// groups with members.
pub async fn assert_full_listing_matches(client: &Client, truth: &GroundTruth) {
    let mut listed = users(client, UserStatus::Active)
        .await
        .expect("active users");
    listed.extend(
        users(client, UserStatus::Inactive)
            .await
            .expect("inactive users"),
    );
    assert_users_match(&listed, truth);
    let pending = users(client, UserStatus::Pending)
        .await
        .expect("pending users");
    assert_pending_match(&pending, truth);

    let email_to_id: std::collections::HashMap<String, String> = listed
        .iter()
        .map(|u| (u.email.to_lowercase(), u.id.clone().unwrap_or_default()))
        .collect();
    let groups = rows(client.groups().list(StartAt::Beginning))
        .await
        .expect("groups");
    let group_ids: Vec<String> = groups.iter().map(|g| g.id.clone()).collect();
    let want_ids: Vec<String> = truth.groups.iter().map(|g| g.id.clone()).collect();
    let mut sorted = group_ids.clone();
    sorted.sort();
    assert_eq!(sorted, want_ids, "group ids");
    for g in &truth.groups {
        let listed = groups.iter().find(|l| l.id == g.id).expect("listed group");
        assert_eq!(listed.name, g.name);
        let members: BTreeSet<String> = rows(client.groups().members(&g.id, StartAt::Beginning))
            .await
            .expect("group members")
            .into_iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(members, g.member_ids, "members of group {}", g.id);
        let admins: BTreeSet<String> = rows(client.groups().admins(&g.id, StartAt::Beginning))
            .await
            .expect("group admins")
            .into_iter()
            .map(|a| {
                a.id.clone()
                    .or_else(|| email_to_id.get(&a.email.to_lowercase()).cloned())
                    .expect("every admin is a listed user")
            })
            .collect();
        assert_eq!(admins, g.admin_ids, "admins of group {}", g.id);
    }

    let roles = rows(client.roles().list()).await.expect("roles");
    let mut role_rows: Vec<(String, String)> = roles
        .iter()
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect();
    role_rows.sort();
    let want_roles: Vec<(String, String)> = truth
        .roles
        .iter()
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect();
    assert_eq!(role_rows, want_roles, "roles");
    for r in &truth.roles {
        let members: BTreeSet<String> = rows(client.roles().members(&r.id, StartAt::Beginning))
            .await
            .expect("role members")
            .into_iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(members, r.member_ids, "members of role {}", r.id);
    }

    let contact_groups = rows(client.contact_groups().list(StartAt::Beginning))
        .await
        .expect("contact groups");
    assert_eq!(contact_groups.len(), truth.contact_groups.len());
    for cg in &truth.contact_groups {
        let listed = contact_groups
            .iter()
            .find(|l| l.id == cg.id)
            .expect("listed contact group");
        assert_eq!(listed.name, cg.name);
        assert_eq!(listed.privacy, Some(i64::from(cg.privacy)));
        let mut members: Vec<(u8, String, String)> =
            rows(client.contact_groups().members(&cg.id, StartAt::Beginning))
                .await
                .expect("contact group members")
                .into_iter()
                .map(|m| {
                    let kind = match m.member_type {
                        ContactMemberType::User => 1,
                        ContactMemberType::Group => 2,
                        ContactMemberType::Other(n) => panic!("unexpected member type {n}"),
                    };
                    (kind, m.id, m.name.unwrap_or_default())
                })
                .collect();
        members.sort();
        let want: Vec<(u8, String, String)> = cg
            .members
            .iter()
            .map(|m| (m.member_type.code(), m.id.clone(), m.name.clone()))
            .collect();
        assert_eq!(members, want, "members of contact group {}", cg.id);
    }
}
