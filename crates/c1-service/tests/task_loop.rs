//! Polling, backoff, concurrency, heartbeats and shutdown.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use c1_proto::baton::*;

use crate::support::{Call, FakeBaton, FakeConnector, config, run_for, task};

fn sync_task(n: u32) -> Task {
    task(n, TaskType::SyncFull(SyncFullTask::default()))
}

#[tokio::test(start_paused = true)]
async fn failed_polls_back_off_by_the_square_of_the_errors_and_recover() {
    let dir = tempfile::tempdir().unwrap();
    let api = Arc::new(FakeBaton::default());
    // The server is away for the first five polls, then back.
    api.tasks
        .lock()
        .unwrap()
        .extend([Err(()), Err(()), Err(()), Err(()), Err(())]);
    let connector = Arc::new(FakeConnector::new(0, Duration::ZERO));
    let start = tokio::time::Instant::now();
    run_for(
        &api,
        &connector,
        config(dir.path()),
        // Half a second short of the minute: a poll due at 60 s would race the stop.
        Duration::from_millis(59_500),
    )
    .await
    .unwrap();

    let polls: Vec<u64> = api.seconds_of(start, |call| matches!(call, Call::GetTask(_)));
    // Failures at 0, 1, 5, 14, 30; back at 55, then every second (next_poll 1 s).
    assert_eq!(&polls[..7], [0, 1, 5, 14, 30, 55, 56]);
    assert_eq!(
        polls.len(),
        10,
        "recovered and polling each second: {polls:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn at_most_three_tasks_run_at_once_and_no_poll_while_full() {
    let dir = tempfile::tempdir().unwrap();
    let api = Arc::new(FakeBaton::with_tasks((1..=5).map(sync_task)));
    let connector = Arc::new(FakeConnector::new(10, Duration::from_secs(20)));
    let start = tokio::time::Instant::now();
    run_for(
        &api,
        &connector,
        config(dir.path()),
        Duration::from_secs(120),
    )
    .await
    .unwrap();

    assert_eq!(connector.most_running.load(Ordering::SeqCst), 3);
    assert_eq!(api.finishes().len(), 5);
    let polls: Vec<u64> = api.seconds_of(start, |call| matches!(call, Call::GetTask(_)));
    // Three tasks taken at 0, 1, 2; the fourth poll waits for a free slot (~20 s).
    assert_eq!(&polls[..3], [0, 1, 2]);
    assert!(polls[3] >= 20, "{polls:?}");
}

#[tokio::test(start_paused = true)]
async fn heartbeat_cancellation_stops_the_sync_with_a_retryable_error() {
    let dir = tempfile::tempdir().unwrap();
    let api = Arc::new(FakeBaton::with_tasks([sync_task(1)]));
    let keep = BatonServiceHeartbeatResponse {
        next_heartbeat: Some(prost_types::Duration {
            seconds: 2,
            nanos: 0,
        }),
        ..Default::default()
    };
    api.heartbeats.lock().unwrap().extend([
        keep.clone(),
        keep.clone(),
        BatonServiceHeartbeatResponse {
            cancelled: true,
            ..keep
        },
    ]);
    let connector = Arc::new(FakeConnector::new(10, Duration::from_secs(600)));
    let start = tokio::time::Instant::now();
    run_for(
        &api,
        &connector,
        config(dir.path()),
        Duration::from_secs(30),
    )
    .await
    .unwrap();

    let beats: Vec<u64> = api.seconds_of(
        start,
        |call| matches!(call, Call::Heartbeat(beat) if beat.task_id == sync_task(1).id),
    );
    // The first at the start, then every 2 s as the server asked, until the cancel at 4 s.
    assert_eq!(beats, [0, 2, 4]);
    let finishes = api.finishes();
    assert_eq!(finishes.len(), 1);
    let status = finishes[0].status.clone().unwrap();
    assert_eq!(
        (status.code, status.message.as_str()),
        (1, "task cancelled by ConductorOne")
    );
    assert!(matches!(
        finishes[0].final_state,
        Some(FinalState::Error(FinishError {
            non_retryable: false,
            ..
        }))
    ));
    assert_eq!(
        connector.running.load(Ordering::SeqCst),
        0,
        "the sync stopped"
    );
}

#[tokio::test(start_paused = true)]
async fn shutdown_during_a_sync_leaves_it_unfinished_and_returns_ok() {
    let dir = tempfile::tempdir().unwrap();
    let api = Arc::new(FakeBaton::with_tasks([sync_task(1)]));
    let connector = Arc::new(FakeConnector::new(10, Duration::from_secs(600)));
    run_for(&api, &connector, config(dir.path()), Duration::from_secs(5))
        .await
        .unwrap();

    assert!(
        api.finishes().is_empty(),
        "no FinishTask: the task is handed out again"
    );
    assert_eq!(
        connector.running.load(Ordering::SeqCst),
        0,
        "the sync stopped"
    );
}

#[tokio::test(start_paused = true)]
async fn a_task_from_a_poll_under_way_at_shutdown_is_not_lost() {
    let grant = task(
        1,
        TaskType::Grant(GrantTask {
            entitlement: Some(c1z::Entitlement::assignment(
                &c1z::Resource::new(c1z::ResourceId::new("group", "g1"), "G"),
                "member",
            )),
            principal: Some(c1z::Resource::reference(c1z::ResourceId::new("user", "u1"))),
            ..Default::default()
        }),
    );
    for (handed_out, runs) in [(grant, true), (sync_task(2), false)] {
        let dir = tempfile::tempdir().unwrap();
        let mut fake = FakeBaton::with_tasks([handed_out]);
        // The first poll answers at 2 s; shutdown comes at 1 s.
        fake.poll_latency = Duration::from_secs(2);
        let api = Arc::new(fake);
        let connector = Arc::new(FakeConnector::new(10, Duration::from_secs(600)));
        run_for(&api, &connector, config(dir.path()), Duration::from_secs(1))
            .await
            .unwrap();

        if runs {
            // The grant runs in the grace period and is finished.
            assert_eq!(connector.provisioned.lock().unwrap().len(), 1);
            assert_eq!(api.finishes().len(), 1);
        } else {
            // The sync is not started: no heartbeat, no finish; it is handed out again.
            let calls = api.calls();
            let heartbeats = calls
                .iter()
                .filter(|(_, call)| matches!(call, Call::Heartbeat(_)))
                .count();
            assert_eq!(heartbeats, 0);
            assert_eq!(connector.most_running.load(Ordering::SeqCst), 0);
            assert!(api.finishes().is_empty());
        }
    }
}

#[tokio::test(start_paused = true)]
async fn refused_credentials_at_hello_stop_the_daemon_with_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let api = Arc::new(FakeBaton {
        refuse_hello: true,
        ..FakeBaton::default()
    });
    let connector = Arc::new(FakeConnector::new(0, Duration::ZERO));
    let error = run_for(&api, &connector, config(dir.path()), Duration::from_secs(5))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("Unauthenticated"), "{error}");
    assert_eq!(api.calls().len(), 1, "nothing after the refused Hello");
}
