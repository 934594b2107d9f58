//! Listings and failures under the simulator's injected faults.

use std::time::{Duration, Instant};

use zoom_api::{Client, Error, RetryPolicy, TransportKind};
use zoom_sim::{Endpoint as SimEndpoint, Faults, Preset, SimConfig};

use crate::support;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listings_match_ground_truth_through_5xx_resets_and_429_bursts() {
    let faults = Faults {
        seed: 21,
        server_error_rate: 0.10,
        reset_rate: 0.02,
        burst_429_rate: 0.01,
        burst_429_len: 3,
        ..Faults::default()
    };
    let sim = support::start(
        SimConfig::preset(Preset::Small)
            .seed(21)
            .users(3000)
            .groups(60)
            .contact_groups(40)
            .faults(faults),
    )
    .await;
    let client = support::client(&sim);
    support::assert_full_listing_matches(&client, &sim.ground_truth()).await;
    let stats = client.stats();
    let counters = sim.counters();
    let server_errors: u64 = [500, 502, 503]
        .iter()
        .map(|s| counters.status_total(*s))
        .sum();
    let too_many = counters.status_total(429);
    println!("{stats:?}; 5xx answers: {server_errors}, 429 answers: {too_many}");
    // Every request got through within its retry limit: none ended in an error.
    assert_eq!(stats.errors, 0, "{stats:?}");
    assert!(server_errors > 0 && too_many > 0, "faults were injected");
    assert_eq!(stats.rate_limited_per_second, too_many);
    // Every 5xx and 429 was retried, and so was every reset connection on top.
    assert!(stats.retries >= server_errors + too_many, "{stats:?}");
}

/// A simulator whose every API answer suffers `faults`, and a client with 3 quick retries
/// that already holds its token (the faults apply to API calls only).
async fn failing(seed: u64, faults: Faults) -> (zoom_sim::Simulator, Client) {
    let sim = support::start(SimConfig::preset(Preset::Small).seed(seed)).await;
    let mut config = support::config(&sim);
    config.retry = RetryPolicy {
        max_retries: 3,
        initial_backoff: Duration::from_millis(20),
        max_backoff: Duration::from_millis(100),
    };
    let client = Client::new(config).expect("valid configuration");
    client
        .granted_scopes()
        .await
        .expect("token before the faults");
    sim.set_faults(Faults { seed, ..faults });
    (sim, client)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn constant_server_errors_end_in_a_typed_error_within_the_retry_budget() {
    let (sim, client) = failing(
        22,
        Faults {
            server_error_rate: 1.0,
            ..Faults::default()
        },
    )
    .await;
    let user_id = sim.ground_truth().users[0].id.clone();
    sim.reset_counters();
    let started = Instant::now();
    let err = client
        .users()
        .get(&user_id)
        .await
        .expect_err("every try fails");
    let elapsed = started.elapsed();
    assert!(
        matches!(
            err,
            Error::Server {
                status: 500..=599,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("retry later"));
    // One try and three retries, each waiting at most 100 ms.
    assert_eq!(sim.counters().endpoint(SimEndpoint::User), 4);
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    let stats = client.stats();
    assert_eq!(stats.retries, 3);
    assert_eq!(stats.errors, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn constant_connection_resets_end_in_a_transport_error() {
    let (sim, client) = failing(
        23,
        Faults {
            reset_rate: 1.0,
            ..Faults::default()
        },
    )
    .await;
    let err = client
        .groups()
        .get("any")
        .await
        .expect_err("every try fails");
    assert!(
        matches!(
            err,
            Error::Transport {
                kind: TransportKind::Connection | TransportKind::Connect,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("check the network"));
    assert_eq!(client.stats().retries, 3);
    assert_eq!(sim.counters().endpoint(SimEndpoint::Group), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn constant_429s_end_in_a_rate_limited_error_after_honouring_retry_after() {
    let (sim, client) = failing(
        24,
        Faults {
            burst_429_rate: 1.0,
            burst_429_len: 1,
            ..Faults::default()
        },
    )
    .await;
    let started = Instant::now();
    let err = support::rows(client.roles().list())
        .await
        .expect_err("every try is refused");
    let elapsed = started.elapsed();
    assert!(
        matches!(
            err,
            Error::RateLimited {
                category: zoom_api::Category::Medium,
                daily: false,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("lower the budget share"), "{err}");
    // Three retries, each after the simulator's `Retry-After: 1`.
    assert_eq!(sim.counters().status(SimEndpoint::Roles, 429), 4);
    assert!(
        elapsed >= Duration::from_secs(3) && elapsed < Duration::from_secs(5),
        "{elapsed:?}"
    );
    assert_eq!(client.stats().rate_limited_per_second, 4);
}
