//! The rate limiter holds its budget; injected faults look to a client like the real ones;
//! the generator is deterministic across runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;
use zoom_sim::{Endpoint, Faults, Latency, Preset, RateLimitMode, SimConfig, Simulator, ZoomPlan};

use crate::support::{Api, start_with};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_category_is_held_to_its_budget_within_five_percent_over_five_seconds() {
    let (_sim, api) = start_with(SimConfig::preset(Preset::Small).plan(ZoomPlan::Pro)).await;
    let api = Arc::new(api);
    let admitted = Arc::new(AtomicU64::new(0));
    let window = Duration::from_secs(5);
    let start = Instant::now();
    let workers: Vec<_> = (0..6)
        .map(|_| {
            let (api, admitted) = (Arc::clone(&api), Arc::clone(&admitted));
            tokio::spawn(async move {
                while start.elapsed() < window {
                    if api.get("/groups").await.status == StatusCode::OK && start.elapsed() < window
                    {
                        admitted.fetch_add(1, Ordering::Relaxed);
                    }
                    tokio::time::sleep(Duration::from_millis(2)).await;
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("worker finished");
    }
    let budget = 20.0 * window.as_secs_f64();
    let admitted = admitted.load(Ordering::Relaxed) as f64;
    assert!(
        (admitted - budget).abs() <= budget * 0.05,
        "admitted {admitted} Medium calls in 5 s; Pro's budget is {budget}"
    );
}

#[tokio::test]
async fn agreed_limits_replace_the_plans_and_plans_above_business_share_its_limits() {
    let (_sim, api) = start_with(
        SimConfig::preset(Preset::Small)
            .plan(ZoomPlan::Pro)
            .per_second_limit(zoom_sim::Category::Medium, 120),
    )
    .await;
    let groups = api.get("/groups").await;
    assert_eq!(groups.header("x-ratelimit-limit"), Some("120"));
    assert_eq!(
        api.get("/users/me").await.header("x-ratelimit-limit"),
        Some("30")
    );
    let (_sim, api) = start_with(SimConfig::preset(Preset::Small).plan(ZoomPlan::Enterprise)).await;
    assert_eq!(
        api.get("/groups").await.header("x-ratelimit-limit"),
        Some("60")
    );
    let (_sim, api) = start_with(SimConfig::preset(Preset::Small).announce_limits(false)).await;
    let quiet = api.get("/groups").await;
    assert_eq!(quiet.status, StatusCode::OK);
    assert_eq!(quiet.header("x-ratelimit-category"), Some("Medium"));
    assert_eq!(quiet.header("x-ratelimit-limit"), None);
    assert_eq!(quiet.header("x-ratelimit-remaining"), None);
}

#[tokio::test]
async fn server_errors_are_injected_at_the_configured_share() {
    let faults = Faults {
        seed: 3,
        server_error_rate: 0.3,
        ..Faults::default()
    };
    let (sim, api) = start_with(
        SimConfig::preset(Preset::Small)
            .rate_limits(RateLimitMode::Off)
            .faults(faults),
    )
    .await;
    let mut errors = 0;
    for _ in 0..400 {
        let answer = api.get("/roles").await;
        if answer.status.is_server_error() {
            assert!([500, 502, 503].contains(&answer.status.as_u16()));
            assert_eq!(
                answer.body["code"].as_u64(),
                Some(u64::from(answer.status.as_u16()))
            );
            errors += 1;
        }
    }
    assert!((80..160).contains(&errors), "{errors} of 400");
    assert_eq!(sim.counters().endpoint(Endpoint::Roles), 400);
    sim.set_faults(Faults::default());
    assert_eq!(api.get("/roles").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_connection_reset_breaks_the_body_mid_answer() {
    let faults = Faults {
        reset_rate: 1.0,
        ..Faults::default()
    };
    let (_sim, api) = start_with(SimConfig::preset(Preset::Small).faults(faults)).await;
    let response = api
        .http
        .get(format!("{}/users", api.base))
        .bearer_auth(&api.token)
        .send()
        .await
        .expect("headers arrive");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.bytes().await.is_err(), "the body stream fails");
}

#[tokio::test]
async fn bursts_of_429_and_token_revocation_can_be_injected() {
    let (sim, api) = start_with(SimConfig::preset(Preset::Small)).await;
    sim.set_faults(Faults {
        burst_429_rate: 1.0,
        burst_429_len: 3,
        ..Faults::default()
    });
    let limited = api.get("/users").await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.header("retry-after"), Some("1"));
    assert_eq!(limited.header("x-ratelimit-limit"), Some("60"));
    sim.set_faults(Faults {
        token_revoke_rate: 1.0,
        ..Faults::default()
    });
    assert_eq!(
        api.get("/users").await.body,
        json!({"code": 124, "message": "Invalid access token."})
    );
    sim.set_faults(Faults::default());
    let fresh = Api::new(&sim, sim.credentials()).await;
    assert_eq!(fresh.get("/users").await.status, StatusCode::OK);
}

#[tokio::test]
async fn page_token_expiry_can_be_injected() {
    let (sim, api) = start_with(SimConfig::preset(Preset::Small)).await;
    let token = api.get("/users?page_size=5").await.body["next_page_token"]
        .as_str()
        .expect("token")
        .to_owned();
    sim.set_faults(Faults {
        page_token_expiry_rate: 1.0,
        ..Faults::default()
    });
    assert_eq!(
        api.get("/users?page_size=5").await.status,
        StatusCode::OK,
        "first pages are unaffected"
    );
    let expired = api
        .get(&format!("/users?page_size=5&next_page_token={token}"))
        .await;
    assert_eq!(
        expired.body,
        json!({"code": 300, "message": "The next page token is invalid or expired."})
    );
}

#[tokio::test]
async fn latency_and_slow_answers_delay_the_answer() {
    let latency = Latency {
        base: Duration::from_millis(40),
        per_item: Duration::from_millis(1),
        jitter: Duration::ZERO,
    };
    let (sim, api) = start_with(SimConfig::preset(Preset::Small).latency(latency)).await;
    let started = Instant::now();
    api.get("/users?page_size=60").await;
    assert!(
        started.elapsed() >= Duration::from_millis(100),
        "{:?}",
        started.elapsed()
    );
    sim.set_latency(Latency::default());
    sim.set_faults(Faults {
        slow_rate: 1.0,
        slow_by: Duration::from_millis(150),
        ..Faults::default()
    });
    let started = Instant::now();
    api.get("/roles").await;
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn the_same_seed_serves_a_byte_identical_ground_truth() {
    let http = reqwest::Client::new();
    let mut exports = Vec::new();
    for seed in [11, 11, 12] {
        let sim = Simulator::start(SimConfig::preset(Preset::Small).seed(seed))
            .await
            .expect("started");
        let body = http
            .get(format!("{}/_sim/ground-truth", sim.base_url()))
            .send()
            .await
            .expect("answered")
            .bytes()
            .await
            .expect("body");
        assert_eq!(
            serde_json::from_slice::<zoom_sim::GroundTruth>(&body).expect("ground truth JSON"),
            sim.ground_truth()
        );
        exports.push(body);
        sim.shutdown().await;
    }
    assert_eq!(exports[0], exports[1]);
    assert_ne!(exports[0], exports[2]);
}

#[tokio::test]
async fn sim_control_paths_steer_a_running_simulator() {
    let (sim, api) = start_with(SimConfig::preset(Preset::Small)).await;
    let base = format!("{}/_sim", sim.base_url());
    api.get("/roles").await;
    let counters: serde_json::Value = api
        .http
        .get(format!("{base}/counters"))
        .send()
        .await
        .expect("answered")
        .json()
        .await
        .expect("json");
    assert_eq!(counters["by_endpoint"]["roles"], 1);
    assert_eq!(counters["by_endpoint"]["oauthToken"], 1);
    assert_eq!(counters["by_status"]["roles"]["200"], 1);
    assert_eq!(counters["writes"], 0);
    let put = api
        .http
        .put(format!("{base}/faults"))
        .json(&json!({"server_error_rate": 1.0}))
        .send()
        .await
        .expect("answered");
    assert_eq!(put.status(), StatusCode::NO_CONTENT);
    assert!(api.get("/roles").await.status.is_server_error());
    api.http
        .put(format!("{base}/faults"))
        .json(&json!({}))
        .send()
        .await
        .expect("answered");
    api.http
        .post(format!("{base}/revoke-tokens"))
        .send()
        .await
        .expect("answered");
    assert_eq!(api.get("/roles").await.status, StatusCode::UNAUTHORIZED);
    api.http
        .post(format!("{base}/counters/reset"))
        .send()
        .await
        .expect("answered");
    assert_eq!(sim.counters().total, 0);
}
