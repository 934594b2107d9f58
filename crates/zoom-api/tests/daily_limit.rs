//! Zoom's daily limits: a clear error naming the reset, or a wait for it when allowed.

use std::time::Duration;

use time::format_description::well_known::Rfc3339;
use zoom_api::{Category, Client, Error};
use zoom_sim::{Endpoint as SimEndpoint, Preset, SimConfig};

use crate::support;

fn next_utc_midnight() -> time::OffsetDateTime {
    let today = time::OffsetDateTime::now_utc().date();
    today
        .next_day()
        .expect("tomorrow exists")
        .midnight()
        .assume_utc()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spent_daily_limit_fails_naming_the_reset_time() {
    let sim = support::start(
        SimConfig::preset(Preset::Small)
            .seed(41)
            .daily_limit_override(zoom_sim::Category::Medium, 3),
    )
    .await;
    let mut config = support::config(&sim);
    config.max_daily_wait = Duration::from_secs(60);
    let client = Client::new(config).expect("valid configuration");
    for _ in 0..3 {
        support::rows(client.roles().list())
            .await
            .expect("within the daily limit");
    }
    let err = support::rows(client.roles().list())
        .await
        .expect_err("over the daily limit");
    let reset = next_utc_midnight();
    match &err {
        Error::RateLimited {
            category: Category::Medium,
            retry_at: Some(at),
            daily: true,
        } => assert_eq!(*at, reset),
        other => panic!("{other:?}"),
    }
    let text = err.to_string();
    assert!(
        text.contains(&reset.format(&Rfc3339).expect("formats")),
        "{text}"
    );
    assert!(text.contains("daily"), "{text}");
    // Further Medium calls fail at once, without spending requests on Zoom.
    let before = sim.counters().endpoint(SimEndpoint::Roles);
    let again = support::rows(client.roles().list())
        .await
        .expect_err("still spent");
    assert!(matches!(again, Error::RateLimited { daily: true, .. }));
    assert_eq!(sim.counters().endpoint(SimEndpoint::Roles), before);
    // Other categories are not affected.
    let user_id = sim.ground_truth().users[0].id.clone();
    client
        .users()
        .get(&user_id)
        .await
        .expect("Light calls still work");
    let stats = client.stats();
    assert_eq!(stats.rate_limited_daily, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spent_daily_limit_within_the_allowed_wait_holds_calls_until_the_reset() {
    let sim = support::start(
        SimConfig::preset(Preset::Small)
            .seed(42)
            .daily_limit_override(zoom_sim::Category::Medium, 2),
    )
    .await;
    let mut config = support::config(&sim);
    // The reset (next 00:00 UTC) is always less than a day away.
    config.max_daily_wait = Duration::from_secs(25 * 3600);
    let client = Client::new(config).expect("valid configuration");
    for _ in 0..2 {
        support::rows(client.roles().list())
            .await
            .expect("within the daily limit");
    }
    let waiting = {
        let client = client.clone();
        tokio::spawn(async move { support::rows(client.roles().list()).await })
    };
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(
        !waiting.is_finished(),
        "the call waits for the reset instead of failing"
    );
    // It asked once, was told the reset time, and does not ask again before it.
    assert_eq!(sim.counters().endpoint(SimEndpoint::Roles), 3);
    assert_eq!(sim.counters().status(SimEndpoint::Roles, 429), 1);
    let stats = client.stats();
    assert_eq!(stats.rate_limited_daily, 1);
    assert_eq!(stats.errors, 0);
    waiting.abort();
}
