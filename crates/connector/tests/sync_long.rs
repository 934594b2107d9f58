//! A sync that outlives its access tokens finishes correctly: a medium account paced to
//! take longer than a token lives (30 seconds here, an hour at Zoom) renews its token
//! midway and stores exactly the account.

use std::time::Duration;

use connector::sync::NoProgress;
use zoom_api::{Client, Pacing, ZoomPlan};
use zoom_sim::{Preset, SimConfig};

use crate::support::start;
use crate::support::sync::{assert_exact, config, sync_with};

#[tokio::test]
async fn medium_sync_outlasting_its_tokens_is_exact() {
    let token_life = Duration::from_secs(30);
    let sim = start(
        SimConfig::preset(Preset::Medium)
            .seed(9)
            .plan(zoom_sim::ZoomPlan::Pro)
            .token_ttl(token_life),
    )
    .await;
    // Half of the Pro plan's Medium budget (10 calls a second) makes the ~340 calls take
    // about 35 seconds.
    let mut config = config(&sim);
    config.pacing = Pacing::Plan(ZoomPlan::Pro);
    config.budget_share = 0.5;
    let client = Client::new(config).expect("valid configuration");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("long.c1z");
    let report = sync_with(&client, &file, &NoProgress)
        .await
        .expect("the sync finishes across token renewals");
    assert!(
        report.elapsed > token_life,
        "the sync must outlive a token to prove anything (took {:?})",
        report.elapsed
    );
    assert!(report.api.tokens_issued >= 2, "{:?}", report.api);
    assert_eq!(report.api.rate_limited_per_second, 0);
    assert_exact(&file, &report.sync_id, &sim.ground_truth());
}
