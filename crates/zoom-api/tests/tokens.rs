//! Token lifecycle against the simulator: renewal during long listings, revocation,
//! single flight, granted scopes.

use std::time::Duration;

use zoom_api::{Client, Endpoint, UserStatus, missing_scopes};
use zoom_sim::{Endpoint as SimEndpoint, Preset, SimConfig};

use crate::support;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_users_list_completely_with_20_second_tokens() {
    let sim = support::start(
        SimConfig::preset(Preset::Medium)
            .seed(11)
            .token_ttl(Duration::from_secs(20)),
    )
    .await;
    let truth = sim.ground_truth();
    assert!(truth.users.len() + truth.pending_users.len() >= 10_000);
    // A budget of 1.2 Medium calls per second stretches the ~35 pages of the three status
    // listings over about 30 s, so tokens run out and are renewed during the listing.
    let mut config = support::config(&sim);
    config.budget_share = 1.2 / 60.0;
    let client = Client::new(config).expect("valid configuration");
    let started = std::time::Instant::now();
    let mut listed = support::users(&client, UserStatus::Active)
        .await
        .expect("active users");
    listed.extend(
        support::users(&client, UserStatus::Inactive)
            .await
            .expect("inactive users"),
    );
    let pending = support::users(&client, UserStatus::Pending)
        .await
        .expect("pending users");
    let elapsed = started.elapsed();
    assert!(
        elapsed > Duration::from_secs(22),
        "the listing spans more than one token lifetime ({elapsed:?})"
    );
    support::assert_users_match(&listed, &truth);
    support::assert_pending_match(&pending, &truth);
    let stats = client.stats();
    assert!(stats.token_refreshes >= 1, "{stats:?}");
    assert_eq!(
        stats.token_rejections, 0,
        "tokens are renewed before Zoom refuses them"
    );
    assert_eq!(stats.errors, 0);
    let counters = sim.counters();
    assert_eq!(counters.status(SimEndpoint::Users, 401), 0, "no 401 at all");
    assert_eq!(
        counters.endpoint(SimEndpoint::OauthToken),
        stats.tokens_issued
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoked_tokens_are_replaced_without_the_caller_noticing() {
    let sim = support::start(SimConfig::preset(Preset::Medium).seed(12)).await;
    let mut config = support::config(&sim);
    config.budget_share = 10.0 / 60.0;
    let client = Client::new(config).expect("valid configuration");
    let lister = client.clone();
    let listing = tokio::spawn(async move { support::users(&lister, UserStatus::Active).await });
    tokio::time::sleep(Duration::from_millis(1500)).await;
    sim.revoke_tokens();
    let listed = listing
        .await
        .expect("listing task finishes")
        .expect("listing succeeds");
    let mut truth = sim.ground_truth();
    truth
        .users
        .retain(|u| u.status == zoom_sim::tenant::UserStatus::Active);
    support::assert_users_match(&listed, &truth);
    let stats = client.stats();
    assert_eq!(stats.token_rejections, 1, "{stats:?}");
    assert_eq!(stats.tokens_issued, 2);
    assert_eq!(stats.errors, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_first_requests_share_one_token_request() {
    let sim = support::start(SimConfig::preset(Preset::Small).seed(13)).await;
    let client = support::client(&sim);
    let ids: Vec<String> = sim
        .ground_truth()
        .users
        .iter()
        .take(25)
        .map(|u| u.id.clone())
        .collect();
    let gets = ids.iter().map(|id| {
        let client = client.clone();
        async move { client.users().get(id).await }
    });
    let users = futures::future::join_all(gets).await;
    for (id, user) in ids.iter().zip(users) {
        assert_eq!(user.expect("get user").id.as_deref(), Some(id.as_str()));
    }
    assert_eq!(sim.counters().endpoint(SimEndpoint::OauthToken), 1);
    assert_eq!(client.stats().tokens_issued, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn granted_scopes_show_what_the_app_lacks() {
    let sim = support::start(SimConfig::preset(Preset::Small).seed(14)).await;
    let app = sim.add_app(["user:read:list_users:admin", "group:read:admin"]);
    let client = Client::new(support::config_with(&sim, &app)).expect("valid configuration");
    let mut granted = client.granted_scopes().await.expect("token");
    granted.sort();
    assert_eq!(granted, ["group:read:admin", "user:read:list_users:admin"]);
    let needed = [
        Endpoint::Users,
        Endpoint::GroupAdmins,
        Endpoint::Roles,
        Endpoint::ContactGroups,
    ];
    assert_eq!(
        missing_scopes(&granted, &needed),
        vec![
            (Endpoint::Roles, "role:read:list_roles:admin"),
            (
                Endpoint::ContactGroups,
                "contact_group:read:list_groups:admin"
            ),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_token_refused_again_is_retried_within_the_retry_policy() {
    // Every token is revoked by the first request that shows it: each try meets a 401.
    let sim = support::start(
        SimConfig::preset(Preset::Small)
            .seed(14)
            .faults(zoom_sim::Faults {
                token_revoke_rate: 1.0,
                ..zoom_sim::Faults::default()
            }),
    )
    .await;
    let config = support::config(&sim);
    let max_retries = config.retry.max_retries;
    let client = Client::new(config).expect("valid configuration");
    let error = support::users(&client, UserStatus::Active)
        .await
        .expect_err("no token is ever accepted");
    assert!(
        matches!(&error, zoom_api::Error::Auth(a) if a.kind == zoom_api::AuthErrorKind::TokenRejected),
        "{error:?}"
    );
    // One free refresh, then the retries: never an endless loop.
    let tries = u64::from(max_retries) + 2;
    assert_eq!(sim.counters().status(SimEndpoint::Users, 401), tries);
    let stats = client.stats();
    assert_eq!(stats.token_rejections, tries);
    assert_eq!(stats.retries, u64::from(max_retries));
}
