//! A sync stopped at any point resumes on the next run and ends with exactly the account's
//! content, and the sync already published in the file is never damaged meanwhile.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use connector::sync::{NoProgress, Progress, SyncError, SyncReport};
use tokio::sync::Notify;
use zoom_sim::tenant::UserStatus;
use zoom_sim::{Latency, Preset, SimConfig, Simulator};

use crate::support::start;
use crate::support::sync::{
    Content, actual, assert_exact, client, client_with_secret, draw, minimum_calls, sync_with,
    unlimited,
};

/// Counts progress events and raises `stop` at the `at`-th page (0: never).
#[derive(Default)]
struct StopAt {
    pages: AtomicU64,
    at: u64,
    stop: Notify,
}

impl Progress for StopAt {
    fn stream_started(&self, _stream: &str, _total: Option<u64>) {}

    fn page_done(&self, _stream: &str, _rows: u64, _total: Option<u64>) {
        if self.pages.fetch_add(1, Ordering::Relaxed) + 1 == self.at {
            self.stop.notify_one();
        }
    }

    fn stream_finished(&self, _stream: &str) {}
}

/// A small account answering a little late, so a sync spans many scheduling points.
async fn slow_small(seed: u64) -> Simulator {
    start(unlimited(
        SimConfig::preset(Preset::Small)
            .seed(seed)
            .latency(Latency::fixed(Duration::from_millis(3))),
    ))
    .await
}

/// Syncs once without interruption; returns the report, what the file holds for it, and
/// how many pages a whole run reports.
async fn first_sync(sim: &Simulator, file: &Path) -> (SyncReport, Content, u64) {
    let counter = StopAt::default();
    let report = sync_with(&client(sim), file, &counter)
        .await
        .expect("the first sync finishes");
    let content = actual(file, &report.sync_id);
    (report, content, counter.pages.load(Ordering::Relaxed))
}

#[tokio::test]
async fn syncs_cancelled_at_random_pages_resume_to_the_exact_result() {
    for seed in [21, 22] {
        let sim = slow_small(seed).await;
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("sync.c1z");
        let (first, first_content, pages) = first_sync(&sim, &file).await;

        // Five runs stopped at random pages (within the first half of what a whole run
        // reports, so most stop before finishing), then one left to finish.
        let mut cancelled = 0;
        let report = loop {
            let stop = StopAt {
                at: if cancelled < 5 {
                    1 + draw(seed, cancelled) % (pages / 2)
                } else {
                    0
                },
                ..StopAt::default()
            };
            let client = client(&sim);
            tokio::select! {
                report = sync_with(&client, &file, &stop) => break report.expect("the sync finishes"),
                () = stop.stop.notified() => {}
            }
            cancelled += 1;
            // The published file still holds the first sync, untouched.
            assert_eq!(actual(&file, &first.sync_id), first_content, "seed {seed}");
            if cancelled % 2 == 0 {
                // Resuming later than Zoom keeps page tokens: listings restart.
                sim.expire_page_tokens();
            }
        };
        assert!(
            cancelled >= 3,
            "seed {seed}: only {cancelled} cancellations"
        );
        assert!(
            report.resumed,
            "seed {seed}: the last run continued the cancelled one"
        );
        assert_ne!(report.sync_id, first.sync_id);
        assert_exact(&file, &report.sync_id, &sim.ground_truth());
        assert_eq!(actual(&file, &first.sync_id), first_content);
        assert!(!dir.path().join("sync.c1z.partial").exists());
    }
}

#[tokio::test]
async fn aborted_sync_tasks_resume_to_the_exact_result() {
    let seed = 23;
    let sim = slow_small(seed).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    let (first, first_content, _) = first_sync(&sim, &file).await;
    // Five runs aborted at random times within the first third of what a whole run took
    // (a resumed run has less to do), then one left to finish.
    let window = (first.elapsed.as_millis() as u64 / 3).max(1);
    let mut aborts = 0;
    let report = loop {
        let task = {
            let client = client(&sim);
            let file = file.clone();
            tokio::spawn(async move { sync_with(&client, &file, &NoProgress).await })
        };
        if aborts < 5 {
            tokio::time::sleep(Duration::from_millis(draw(seed, aborts) % window)).await;
            task.abort();
        }
        match task.await {
            Ok(report) => break report.expect("the sync finishes"),
            Err(join) => assert!(join.is_cancelled(), "the sync task panicked: {join}"),
        }
        aborts += 1;
        assert_eq!(actual(&file, &first.sync_id), first_content);
    };
    assert!(aborts >= 3, "only {aborts} aborts");
    assert!(report.resumed);
    assert_exact(&file, &report.sync_id, &sim.ground_truth());
    assert_eq!(actual(&file, &first.sync_id), first_content);
}

#[tokio::test]
async fn a_resumed_sync_lists_again_only_the_users_and_what_was_in_flight() {
    let sim = start(unlimited(SimConfig::preset(Preset::Medium).seed(24))).await;
    let truth = sim.ground_truth();
    let minimum: u64 = minimum_calls(&truth).values().sum();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    // Stop after about 60% of the pages a whole run reports.
    let stop = StopAt {
        at: (minimum + 15) * 6 / 10,
        ..StopAt::default()
    };
    let stopped = client(&sim);
    tokio::select! {
        _ = sync_with(&stopped, &file, &stop) => panic!("the sync finished before its stop"),
        () = stop.stop.notified() => {}
    }
    let report = sync_with(&client(&sim), &file, &NoProgress)
        .await
        .expect("the resumed sync finishes");
    assert!(report.resumed);
    assert_exact(&file, &report.sync_id, &truth);
    // Listed twice at most: the active and inactive users (their emails are needed for
    // the group admins), the group and contact-group lists (their ids), and the requests
    // in flight when the run stopped.
    let users = |status| truth.users_with_status(status).count().div_ceil(300).max(1) as u64;
    let relisted = users(UserStatus::Active)
        + users(UserStatus::Inactive)
        + 1
        + truth.contact_groups.len().div_ceil(50) as u64;
    let in_flight = 64 + 3;
    let both_runs = stopped.stats().total_calls() + report.api.total_calls();
    assert!(
        both_runs <= minimum + relisted + in_flight,
        "{both_runs} calls for a sync that needs {minimum}"
    );
    assert!(
        report.api.total_calls() < minimum / 2,
        "the resumed run made {} calls",
        report.api.total_calls()
    );
}

#[tokio::test]
async fn a_resumed_run_that_fails_before_storing_more_keeps_the_working_file_for_the_next() {
    let sim = slow_small(24).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    let working = dir.path().join("sync.c1z.partial");
    let stop = StopAt {
        at: 3,
        ..StopAt::default()
    };
    let first = client(&sim);
    tokio::select! {
        _ = sync_with(&first, &file, &stop) => panic!("the sync stops at its third page"),
        () = stop.stop.notified() => {}
    }

    let error = sync_with(
        &client_with_secret(&sim, "not-the-secret"),
        &file,
        &NoProgress,
    )
    .await
    .expect_err("the credentials are wrong");
    assert!(
        matches!(error, SyncError::Zoom(zoom_api::Error::Auth(_))),
        "{error:?}"
    );
    assert!(working.is_file(), "the stopped run's pages are kept");

    let report = sync_with(&client(&sim), &file, &NoProgress)
        .await
        .expect("the sync finishes");
    assert!(report.resumed);
    assert_exact(&file, &report.sync_id, &sim.ground_truth());
    assert!(!working.exists());
}
