//! A sync stores exactly the simulated account: every user, invite, group, role, contact
//! group, licence, entitlement and grant, and nothing else, with the fewest API calls the
//! strategy allows, also when the network and Zoom misbehave.

use std::collections::BTreeMap;

use zoom_sim::tenant::UserStatus;
use zoom_sim::{Faults, Preset, SimConfig};

use crate::support::start;
use crate::support::sync::{api_calls, assert_exact, expected, minimum_calls, sync, unlimited};

#[tokio::test]
async fn small_accounts_sync_exactly_with_the_minimum_of_calls() {
    for seed in [1, 2, 3] {
        let sim = start(SimConfig::preset(Preset::Small).seed(seed)).await;
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("sync.c1z");
        let report = sync(&sim, &file).await.expect("the sync finishes");
        let truth = sim.ground_truth();
        assert_exact(&file, &report.sync_id, &truth);

        let minimum = minimum_calls(&truth);
        let minimum_total: u64 = minimum.values().sum();
        let expected: BTreeMap<String, u64> = minimum
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        assert_eq!(
            api_calls(&sim),
            expected,
            "seed {seed}: calls per operation"
        );
        assert_eq!(report.api.total_calls(), minimum_total, "seed {seed}");
        assert_eq!(report.api.retries, 0);
        assert!(!report.resumed);

        let count = |t: &str| report.resources.get(t).copied().unwrap_or(0);
        assert_eq!(count("user"), truth.users.len() as u64);
        assert_eq!(count("invite"), truth.pending_users.len() as u64);
        assert_eq!(count("group"), truth.groups.len() as u64);
        assert_eq!(count("license"), 4);
        let dangling: usize = truth
            .contact_groups
            .iter()
            .map(|cg| cg.dangling_group_ids.len())
            .sum();
        assert_eq!(
            report.skipped.dangling_contact_group_members.len(),
            dangling,
            "seed {seed}: every member naming a deleted group is reported"
        );
        assert!(report.skipped.unknown_admin_emails.is_empty());
        assert_eq!(
            report.file_size,
            std::fs::metadata(&file).expect("file").len()
        );
    }
}

#[tokio::test]
async fn medium_account_syncs_exactly_with_the_minimum_of_calls() {
    let sim = start(unlimited(SimConfig::preset(Preset::Medium).seed(5))).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("medium.c1z");
    let report = sync(&sim, &file).await.expect("the sync finishes");
    let truth = sim.ground_truth();
    assert_exact(&file, &report.sync_id, &truth);
    let minimum: u64 = minimum_calls(&truth).values().sum();
    assert_eq!(report.api.total_calls(), minimum);
    assert_eq!(report.grants as usize, expected(&truth).grants.len());
    assert_eq!(
        report.resources.get("user").copied(),
        Some(
            (truth.users_with_status(UserStatus::Active).count()
                + truth.users_with_status(UserStatus::Inactive).count()) as u64
        )
    );
    eprintln!(
        "medium: {} API calls, {:.2} s, {} grants, {} bytes",
        report.api.total_calls(),
        report.elapsed.as_secs_f64(),
        report.grants,
        report.file_size
    );
}

/// Server errors, dropped connections, revoked tokens, expired page tokens and 429 bursts.
fn faults() -> Faults {
    Faults {
        seed: 17,
        server_error_rate: 0.08,
        reset_rate: 0.04,
        token_revoke_rate: 0.03,
        page_token_expiry_rate: 0.1,
        burst_429_rate: 0.02,
        burst_429_len: 2,
        ..Faults::default()
    }
}

#[tokio::test]
async fn faults_cost_retries_but_not_exactness() {
    let small = [4, 6].map(|seed| SimConfig::preset(Preset::Small).seed(seed).faults(faults()));
    // Rate limits off for the larger account, so it is quick. An expired page token restarts
    // its listing from the first page (Zoom's tokens cannot be renewed), so the expiry rate
    // must leave the 32-page active-user listing a fair chance to get through.
    let medium = unlimited(SimConfig::preset(Preset::Medium).seed(8)).faults(Faults {
        page_token_expiry_rate: 0.01,
        ..faults()
    });
    for config in small.into_iter().chain([medium]) {
        let sim = start(config).await;
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("faults.c1z");
        let report = sync(&sim, &file)
            .await
            .expect("the sync rides out the faults");
        let truth = sim.ground_truth();
        let users = truth.users.len();
        assert_exact(&file, &report.sync_id, &truth);
        assert!(report.api.retries > 0, "{users} users: faults were met");
        assert!(
            report.api.token_refreshes > 0,
            "{users} users: revoked tokens were replaced"
        );
    }
}

#[tokio::test]
async fn each_role_resource_lists_its_privileges_in_its_profile_and_description() {
    let sim = start(unlimited(SimConfig::preset(Preset::Small).seed(8))).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    let report = sync(&sim, &file).await.expect("the sync finishes");
    let truth = sim.ground_truth();
    let reader = c1z::Reader::open(&file, &c1z::ReadOptions::default()).expect("opens");
    let view = reader.view(Some(&report.sync_id)).expect("the sync");
    let mut seen = 0;
    for resource in view.resources(Some("role")) {
        let resource = resource.expect("decodes");
        let id = resource.id.clone().expect("an id").resource;
        let role = truth.role(&id).expect("a role of the account");
        let list = match role.privileges.as_slice() {
            [] => "none".to_owned(),
            held => held.join(", "),
        };
        assert_eq!(
            resource.description,
            format!("{}\nPrivileges: {list}", role.description)
        );
        let t: c1z::RoleTrait = c1z::Annotated::annotation(&resource)
            .expect("decodes")
            .expect("a role trait");
        let profile = c1z::json_from_struct(t.profile.as_ref().expect("a profile"));
        assert_eq!(profile["privileges"], serde_json::json!(role.privileges));
        assert_eq!(profile["description"], role.description.as_str());
        seen += 1;
    }
    assert_eq!(seen, truth.roles.len());
    assert!(truth.roles.iter().any(|r| r.privileges.is_empty()));
}
