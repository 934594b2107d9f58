//! Zoom's daily limits: a clear error naming the reset, or a wait for it when allowed.

mod common;

use std::time::Duration;

use time::format_description::well_known::Rfc3339;
use zoom_api::{Category, Client, Error};
use zoom_sim::{Endpoint as SimEndpoint, Preset, SimConfig};

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
    let sim = common::start(
        SimConfig::preset(Preset::Small)
            .seed(41)
            .daily_limit_override(zoom_sim::Category::Medium, 3),
    )
    .await;
    let mut config = common::config(&sim);
    config.max_daily_wait = Duration::from_secs(60);
    let client = Client::new(config).expect("valid configuration");
    for _ in 0..3 {
        common::rows(client.roles().list())
            .await
            .expect("within the daily limit");
    }
    let err = common::rows(client.roles().list())
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
    let again = common::rows(client.roles().list())
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
