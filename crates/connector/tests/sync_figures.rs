//! Measurement, not a check: syncs `small` and `medium` accounts with Zoom's Business limits
//! enforced and 100 ms answers, and prints API calls against the strategy's minimum, the
//! floors Zoom's Medium limit sets for them (at the full limit, and at the client's default
//! share of it), and the wall time. Ignored by default (it runs for a while); BENCHMARKS.md
//! gives the command and the figures.

use std::time::Duration;

use connector::sync::NoProgress;
use zoom_api::{Category, DEFAULT_BUDGET_SHARE};
use zoom_sim::{Latency, Preset, SimConfig};

use crate::support::start;
use crate::support::sync::{assert_exact, client, minimum_calls, sync_with};

/// Zoom's Medium limit on the Business plan, per second.
const BUSINESS_MEDIUM_PER_SECOND: f64 = 60.0;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "measurement; run with --ignored --nocapture"]
async fn print_sync_figures_for_small_and_medium() {
    for (name, preset) in [("small", Preset::Small), ("medium", Preset::Medium)] {
        let sim = start(
            SimConfig::preset(preset)
                .seed(1)
                .latency(Latency::fixed(Duration::from_millis(100))),
        )
        .await;
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("sync.c1z");
        let report = sync_with(&client(&sim), &file, &NoProgress)
            .await
            .expect("the sync finishes");
        let truth = sim.ground_truth();
        assert_exact(&file, &report.sync_id, &truth);
        let minimum: u64 = minimum_calls(&truth).values().sum();
        let medium = report.api.calls_in(Category::Medium);
        let floor = medium as f64 / BUSINESS_MEDIUM_PER_SECOND;
        let share_floor = floor / DEFAULT_BUDGET_SHARE;
        let wall = report.elapsed.as_secs_f64();
        println!(
            "{name}: {} API calls (minimum {minimum}; Medium {medium}), 429s {}, retries {}, \
             wall {wall:.2} s, Medium floor {floor:.2} s at 60/s ({:.2}x), {share_floor:.2} s \
             at the default share ({:.2}x), {} resources, {} grants, {} bytes",
            report.api.total_calls(),
            report.api.rate_limited_per_second,
            report.api.retries,
            wall / floor,
            wall / share_floor,
            report.resources.values().sum::<u64>(),
            report.grants,
            report.file_size,
        );
    }
}
