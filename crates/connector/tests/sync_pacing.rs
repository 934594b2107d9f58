//! Auto pacing on accounts whose plan the client is not told: Pro's limits, Business limits
//! and limits Zoom raised by agreement (Medium 120/s), with answers 100 ms late and without
//! the `X-RateLimit-Limit` header (so the limit has to be found from 429s). Each sync is
//! exact and meets at most ten 429s. How long they take is measured by the bench harness,
//! not here.

use std::time::Duration;

use connector::sync::NoProgress;
use zoom_api::{Category, Client, LimitSource, Pacing};
use zoom_sim::{Latency, Preset, SimConfig, ZoomPlan};

use crate::support::start;
use crate::support::sync::{assert_exact, sync_with};

/// Syncs the medium account of `config` with auto pacing; checks the file, the 429s and the
/// Medium limit learned.
async fn auto_sync_is_exact_with_few_429s(config: SimConfig, medium_limit: f64, announced: bool) {
    let sim = start(
        config
            .latency(Latency::fixed(Duration::from_millis(100)))
            .announce_limits(announced),
    )
    .await;
    let mut client_config = crate::support::sync::config(&sim);
    client_config.pacing = Pacing::Auto;
    let share = client_config.budget_share;
    let client = Client::new(client_config).expect("valid configuration");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    let report = sync_with(&client, &file, &NoProgress)
        .await
        .expect("the sync finishes");
    assert_exact(&file, &report.sync_id, &sim.ground_truth());
    let refused = report.api.rate_limited_per_second;
    assert!(refused <= 10, "{refused} answers 429");
    let medium = report
        .pacing
        .iter()
        .find(|p| p.category == Category::Medium)
        .expect("every category is reported");
    let (limit, source) = medium.limit.expect("the Medium limit was reached");
    let expected_source = if announced {
        LimitSource::Header
    } else {
        LimitSource::RateLimited
    };
    assert_eq!(source, expected_source);
    assert!(
        (medium_limit * 0.9..=medium_limit + 1.0).contains(&limit),
        "learned {limit}/s of {medium_limit}/s"
    );
    assert!(medium.rate <= share * limit, "{medium:?}");
}

#[tokio::test]
async fn auto_pacing_on_pro_limits_syncs_exactly_with_few_429s() {
    let config = SimConfig::preset(Preset::Medium)
        .seed(2)
        .plan(ZoomPlan::Pro);
    auto_sync_is_exact_with_few_429s(config, 20.0, false).await;
}

#[tokio::test]
async fn auto_pacing_on_business_limits_syncs_exactly_with_few_429s() {
    let config = SimConfig::preset(Preset::Medium)
        .seed(3)
        .plan(ZoomPlan::Business);
    auto_sync_is_exact_with_few_429s(config, 60.0, false).await;
}

#[tokio::test]
async fn auto_pacing_on_agreed_limits_above_any_plan_syncs_exactly_with_few_429s() {
    let config = SimConfig::preset(Preset::Medium)
        .seed(4)
        .plan(ZoomPlan::Pro)
        .per_second_limit(zoom_sim::Category::Medium, 120);
    auto_sync_is_exact_with_few_429s(config, 120.0, false).await;
}

#[tokio::test]
async fn auto_pacing_takes_an_announced_limit_without_a_429() {
    let config = SimConfig::preset(Preset::Small)
        .seed(5)
        .plan(ZoomPlan::Enterprise);
    auto_sync_is_exact_with_few_429s(config, 60.0, true).await;
}
