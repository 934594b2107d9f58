//! Self-hosted mode stopped by SIGTERM (how Kubernetes stops a pod): a running sync stops
//! at once and resumes when the restarted daemon is handed the task again; a running grant
//! finishes first. Either way the exit is 0.

use std::time::Duration;

use c1_sim::TaskSpec;
use zoom_sim::Latency;

use crate::support::daemon::{PATIENCE, SelfHosted, log_events, quick_c1, slow_zoom, small_zoom};

/// How soon the daemon must be gone after SIGTERM.
const PROMPT_EXIT: Duration = Duration::from_secs(5);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_during_a_sync_exits_zero_and_the_restarted_daemon_resumes_it_exactly() {
    let setup = SelfHosted::start(quick_c1(), slow_zoom(51, Duration::from_millis(500))).await;
    let first = setup.start_daemon(&[]);
    let sync = setup.push(TaskSpec::SyncFull);
    setup
        .c1
        .wait_heartbeats(&sync, 1, PATIENCE)
        .await
        .expect("the sync starts");
    // Let it store a few pages first.
    setup
        .c1
        .wait_until("some Zoom pages", PATIENCE, |_| {
            (setup.zoom.counters().total >= 8).then_some(())
        })
        .await
        .expect("Zoom is being listed");
    let (status, stderr) = first.stop(PROMPT_EXIT).await;
    assert!(status.success(), "{status:?}: {stderr}");
    assert_eq!(
        setup.c1.finished(&sync),
        vec![],
        "a stopped sync is not finished"
    );
    let calls_before_restart = setup.zoom.counters().total;
    assert!(
        setup
            .work_files()
            .iter()
            .any(|name| name.starts_with(&format!("baton-sync-{sync}"))),
        "the sync's working file is kept: {:?}",
        setup.work_files()
    );

    // ConductorOne hands the task out again to the restarted daemon, which resumes it.
    let second = setup.start_daemon(&[]);
    assert!(setup.c1.hand_out_again(&sync));
    let finish = setup.wait_finished(&sync).await;
    assert!(finish.is_success(), "{finish:?}");
    setup.assert_upload_exact(&sync);
    assert_eq!(
        setup.work_files(),
        Vec::<String>::new(),
        "nothing left behind"
    );
    let (status, stderr) = second.stop(PROMPT_EXIT).await;
    assert!(status.success(), "{status:?}: {stderr}");
    let finished = log_events(&stderr, "sync finished");
    assert_eq!(finished.len(), 1, "{stderr}");
    assert_eq!(finished[0]["resumed"], true, "{stderr}");
    assert!(setup.zoom.counters().total > calls_before_restart);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_while_a_grant_runs_lets_it_finish_then_exits_zero() {
    let setup = SelfHosted::start(quick_c1(), small_zoom(52)).await;
    let daemon = setup.start_daemon(&["--provisioning"]);
    setup.c1.wait_polls(1, PATIENCE).await.expect("polling");
    let truth = setup.zoom.ground_truth();
    let group = truth.groups[0].id.clone();
    let user = truth.plain_member(&[&group]).expect("a user").id.clone();
    // Every Zoom answer takes a second from now on, so the grant is mid-way at SIGTERM.
    setup
        .zoom
        .set_latency(Latency::fixed(Duration::from_secs(1)));
    let grant = setup.push(TaskSpec::Grant {
        entitlement: format!("group:{group}:member"),
        principal: format!("user:{user}"),
    });
    let calls = setup.zoom.counters().total;
    setup
        .c1
        .wait_until("the grant to reach Zoom", PATIENCE, |_| {
            (setup.zoom.counters().total > calls).then_some(())
        })
        .await
        .expect("the grant runs");
    let (status, stderr) = daemon.stop(Duration::from_secs(15)).await;
    assert!(status.success(), "{status:?}: {stderr}");
    let finishes = setup.c1.finished(&grant);
    assert_eq!(finishes.len(), 1, "{stderr}");
    assert!(finishes[0].is_success(), "{finishes:?}");
    let truth = setup.zoom.ground_truth();
    assert!(
        truth
            .group(&group)
            .expect("the group")
            .member_ids
            .contains(&user)
    );
}
