//! The Medium budget at Zoom's full Business rate: a burst of 2,000 calls.
//!
//! The client paces on timers, not on CPU, so the tests running beside it in the same binary
//! leave its elapsed time as it is alone (34.35 s, as in BENCHMARKS.md).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures::TryStreamExt;
use zoom_api::{Category, Client};
use zoom_sim::{Endpoint as SimEndpoint, Preset, SimConfig};

use crate::support;

const CALLS: usize = 2_000;
const TASKS: usize = 40;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn burst_of_2000_medium_calls_holds_the_business_rate_with_few_429s() {
    let sim = support::start(SimConfig::preset(Preset::Small).seed(31)).await;
    let mut config = support::config(&sim);
    config.budget_share = 1.0;
    let client = Client::new(config).expect("valid configuration");
    client.granted_scopes().await.expect("token before timing");
    sim.reset_counters();

    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| {
            let client = client.clone();
            let next = Arc::clone(&next);
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < CALLS {
                    // GET /roles: one Medium call, one page.
                    let pages: Vec<_> = client.roles().list().try_collect().await?;
                    assert_eq!(pages.len(), 1);
                }
                Ok::<(), zoom_api::Error>(())
            })
        })
        .collect();
    for task in tasks {
        task.await
            .expect("task finishes")
            .expect("every call succeeds");
    }
    let elapsed = started.elapsed();
    let stats = client.stats();
    let counters = sim.counters();
    let answered_429 = counters.status(SimEndpoint::Roles, 429);
    println!(
        "burst: {CALLS} Medium calls in {:.2} s (ideal {:.2} s at 60/s), 429 answers: {answered_429}, retries: {}",
        elapsed.as_secs_f64(),
        CALLS as f64 / 60.0,
        stats.retries
    );
    assert_eq!(
        stats.calls_in(Category::Medium),
        CALLS as u64 + answered_429
    );
    assert!(answered_429 <= 5, "{answered_429} answers were 429");
    let ideal = Duration::from_secs_f64(CALLS as f64 / 60.0);
    assert!(
        elapsed >= ideal.mul_f64(0.9) && elapsed <= ideal.mul_f64(1.1),
        "{elapsed:?} is not within 10% of {ideal:?}"
    );
}
