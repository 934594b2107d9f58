//! An app without the scope of an optional listing still syncs: the file holds exactly the
//! ground truth without what that listing gives, the report names the listing and the scope
//! to add, and a resumed run remembers it. Without the user listing's scope, a sync fails.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use connector::sync::{NoProgress, OptionalListing, Progress, SyncError};
use tokio::sync::Notify;
use zoom_sim::{Endpoint, Latency, Preset, SimConfig};

use crate::support::start;
use crate::support::sync::{
    Content, assert_content, client, client_with_scopes, expected, sync, sync_with, unlimited,
};

/// The expected content for the account of `sim` without what the setup guide's scopes do
/// not allow: the contact-group member grants and the role privileges.
fn without_guide_omissions(content: Content) -> Content {
    content
        .without(|id| id.starts_with("contactGroup:") && id.contains(":member:"))
        .without_role_privileges()
}

fn omitted(listing: OptionalListing, scope: &str) -> BTreeMap<OptionalListing, Vec<String>> {
    BTreeMap::from([(listing, vec![scope.to_owned()])])
}

/// What a sync with the setup guide's scopes leaves out.
fn guide_left_out() -> BTreeMap<OptionalListing, Vec<String>> {
    let mut left_out = omitted(
        OptionalListing::ContactGroupMembers,
        "contact_group:read:list_members:admin",
    );
    left_out.extend(omitted(
        OptionalListing::RoleDetails,
        "role:read:role:admin",
    ));
    left_out
}

/// Every scope the simulator serves, without those `leave_out` picks.
fn all_scopes_but(leave_out: impl Fn(&str) -> bool) -> Vec<&'static str> {
    zoom_sim::all_scopes()
        .into_iter()
        .filter(|s| !leave_out(s))
        .collect()
}

#[tokio::test]
async fn the_setup_guides_15_scopes_sync_everything_but_contact_group_members_and_role_privileges()
{
    for seed in [1, 2] {
        let sim = start(unlimited(
            SimConfig::preset(Preset::Small)
                .seed(seed)
                .app_scopes(zoom_sim::scope_set("conductorone")),
        ))
        .await;
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("sync.c1z");
        let report = sync(&sim, &file).await.expect("the sync finishes");
        let truth = sim.ground_truth();
        let want = without_guide_omissions(expected(&truth));
        assert_content(&file, &report.sync_id, &want);
        assert_eq!(report.omitted, guide_left_out());
        assert_eq!(
            report.not_synced_lines(),
            [
                "not synced: role privileges — add role:read:role:admin",
                "not synced: contact-group members — add contact_group:read:list_members:admin",
            ]
        );
        // Scopes fail on the first call: the calls already in flight are refused, then none.
        let calls = sim.counters().by_endpoint;
        let refused = |endpoint: Endpoint| calls.get(endpoint.operation_id()).copied().unwrap_or(0);
        let member_calls = refused(Endpoint::ContactGroupMembers);
        assert!(
            (1..=8).contains(&member_calls),
            "{member_calls} member calls"
        );
        let detail_calls = refused(Endpoint::GetRoleInformation);
        assert!(
            (1..=4).contains(&detail_calls),
            "{detail_calls} role-detail calls"
        );
        assert!(report.skipped.dangling_contact_group_members.is_empty());
    }
}

#[tokio::test]
async fn refused_group_admins_leave_out_exactly_the_admin_grants() {
    let sim = start(unlimited(SimConfig::preset(Preset::Small).seed(3))).await;
    let scopes = all_scopes_but(|s| {
        matches!(
            s,
            "group:read:administrator:admin" | "group:read:admin" | "group:write:admin"
        )
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    let report = sync_with(&client_with_scopes(&sim, scopes), &file, &NoProgress)
        .await
        .expect("the sync finishes");
    let admin_grant = |id: &str| id.starts_with("group:") && id.contains(":admin:user:");
    let want = expected(&sim.ground_truth()).without(admin_grant);
    // The admin entitlements stay: they exist in Zoom and can be granted.
    assert!(want.entitlements.iter().any(|e| e.ends_with(":admin")));
    assert_content(&file, &report.sync_id, &want);
    assert_eq!(
        report.omitted,
        omitted(
            OptionalListing::GroupAdmins,
            "group:read:administrator:admin"
        )
    );
    assert!(report.skipped.unknown_admin_emails.is_empty());
}

#[tokio::test]
async fn refused_role_details_leave_a_complete_file_without_privileges_and_say_so() {
    let sim = start(unlimited(SimConfig::preset(Preset::Small).seed(6))).await;
    let scopes = all_scopes_but(|s| {
        matches!(
            s,
            "role:read:role:admin" | "role:read:admin" | "role:write:admin"
        )
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    let report = sync_with(&client_with_scopes(&sim, scopes), &file, &NoProgress)
        .await
        .expect("the sync finishes");
    // Every role, entitlement and grant is there; only the privileges are not.
    let want = expected(&sim.ground_truth()).without_role_privileges();
    assert_content(&file, &report.sync_id, &want);
    assert_eq!(
        report.omitted,
        omitted(OptionalListing::RoleDetails, "role:read:role:admin")
    );
    assert_eq!(
        report.not_synced_lines(),
        ["not synced: role privileges — add role:read:role:admin"]
    );
}

#[tokio::test]
async fn refused_groups_and_roles_leave_out_their_resources_and_every_grant_on_them() {
    let sim = start(unlimited(SimConfig::preset(Preset::Small).seed(4))).await;
    let scopes = all_scopes_but(|s| s.starts_with("group:") || s.starts_with("role:"));
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    let report = sync_with(&client_with_scopes(&sim, scopes), &file, &NoProgress)
        .await
        .expect("the sync finishes");
    // Contact-group members that are groups go with the groups.
    let want = expected(&sim.ground_truth()).without(|id| {
        id.starts_with("group:") || id.starts_with("role:") || id.contains(":member:group:")
    });
    assert_content(&file, &report.sync_id, &want);
    assert_eq!(
        report.omitted,
        BTreeMap::from([
            (
                OptionalListing::Groups,
                vec!["group:read:list_groups:admin".to_owned()]
            ),
            (
                OptionalListing::Roles,
                vec!["role:read:list_roles:admin".to_owned()]
            ),
        ])
    );
    assert!(report.skipped.dangling_contact_group_members.is_empty());
    let calls = sim.counters().by_endpoint;
    assert_eq!(calls.get(Endpoint::GroupAdmins.operation_id()), None);
}

#[tokio::test]
async fn a_refused_user_listing_fails_the_sync_with_one_clear_line() {
    let sim = start(unlimited(SimConfig::preset(Preset::Small))).await;
    let scopes = all_scopes_but(|s| s.starts_with("user:"));
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    let error = sync_with(&client_with_scopes(&sim, scopes), &file, &NoProgress)
        .await
        .expect_err("a sync needs the users");
    assert!(
        matches!(&error, SyncError::Zoom(zoom_api::Error::MissingScopes(s)) if s == &["user:read:list_users:admin"]),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(!text.contains('\n'));
    assert!(
        text.contains("user:read:list_users:admin: add them to the Server-to-Server OAuth app"),
        "{text}"
    );
    assert!(!file.exists(), "nothing is published by a failed sync");
    // With the scopes granted, the next run finishes: it resumes what the first one stored,
    // or starts afresh if the refusal came before any other listing stored a page.
    let report = sync_with(&client(&sim), &file, &NoProgress)
        .await
        .expect("the sync finishes");
    assert!(report.omitted.is_empty());
    assert_content(&file, &report.sync_id, &expected(&sim.ground_truth()));
}

/// Raises `stop` at the second page stored after the contact-group member listing ended.
#[derive(Default)]
struct StopAfterOmission {
    after: AtomicU64,
    stop: Notify,
}

impl Progress for StopAfterOmission {
    fn stream_started(&self, _stream: &str, _total: Option<u64>) {}

    fn page_done(&self, _stream: &str, _rows: u64, _total: Option<u64>) {
        let seen = self.after.load(Ordering::SeqCst);
        if seen > 0 && self.after.fetch_add(1, Ordering::SeqCst) == 2 {
            self.stop.notify_one();
        }
    }

    fn stream_finished(&self, stream: &str) {
        if stream == "contact group members" {
            self.after.store(1, Ordering::SeqCst);
        }
    }
}

#[tokio::test]
async fn a_resumed_run_remembers_what_was_left_out() {
    // Slow answers, ten pages of active users and two groups (whose admin listings go before
    // the contact-group members), so pages come well after the omission is stored.
    let sim = start(unlimited(
        SimConfig::preset(Preset::Small)
            .seed(5)
            .users(3_000)
            .groups(2)
            .latency(Latency::fixed(Duration::from_millis(20))),
    ))
    .await;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    let guide = client_with_scopes(&sim, zoom_sim::conductorone_scopes());
    let stop = StopAfterOmission::default();
    tokio::select! {
        finished = sync_with(&guide, &file, &stop) => panic!("the run was to be stopped: {finished:?}"),
        () = stop.stop.notified() => {}
    }
    // The next run has every scope, but the interrupted one left the members out: the
    // resumed run keeps them out rather than store half of a run's listings.
    sim.reset_counters();
    let report = sync_with(&client(&sim), &file, &NoProgress)
        .await
        .expect("the resumed sync finishes");
    assert!(report.resumed);
    assert_eq!(report.omitted, guide_left_out());
    assert_eq!(
        sim.counters()
            .by_endpoint
            .get(Endpoint::ContactGroupMembers.operation_id()),
        None
    );
    let want = without_guide_omissions(expected(&sim.ground_truth()));
    assert_content(&file, &report.sync_id, &want);
}
