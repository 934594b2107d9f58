//! Self-hosted mode over time: a sync that outlives its ConductorOne and Zoom tokens many
//! times over, heartbeats at the interval ConductorOne asks for, a sync cancelled through a
//! heartbeat reply, ConductorOne going away for ten seconds, and its token endpoint failing
//! for a few.

use std::time::Duration;

use c1_service::Code;
use c1_sim::{TaskSpec, TokenOutcome};
use zoom_sim::Endpoint;

use crate::support::daemon::{PATIENCE, SelfHosted, quick_c1, slow_zoom, small_zoom};

/// The heartbeat interval ConductorOne asks for in these tests (the SDK's minimum).
const HEARTBEAT: Duration = Duration::from_secs(1);

/// After an outage, the daemon is back on its own: it polls again and a sync is done exactly.
async fn assert_recovers_and_syncs(setup: &SelfHosted) {
    let sync = setup.push(TaskSpec::SyncFull);
    let finish = setup
        .c1
        .wait_finished(&sync, Duration::from_secs(30))
        .await
        .expect("the daemon recovers and syncs");
    assert!(finish.is_success(), "{finish:?}");
    setup.assert_upload_exact(&sync);
    setup.assert_no_invalid_requests();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_sync_with_five_second_tokens_on_both_sides_uploads_exactly() {
    let token_life = Duration::from_secs(5);
    let setup = SelfHosted::start(
        quick_c1().token_ttl(token_life).next_heartbeat(HEARTBEAT),
        slow_zoom(41, Duration::from_millis(1500)).token_ttl(token_life),
    )
    .await;
    let daemon = setup.start_daemon(&[]);
    let sync = setup.push(TaskSpec::SyncFull);
    let finish = setup.wait_finished(&sync).await;
    assert!(finish.is_success(), "{finish:?}");
    setup.assert_upload_exact(&sync);

    let beats = setup.c1.heartbeats(&sync);
    let took = finish.at - beats[0];
    assert!(
        took > 2 * token_life,
        "the sync must outlive two tokens to prove anything (took {took:?})"
    );
    // Tokens were renewed on both sides, and no call was refused for an expired one.
    assert!(setup.c1.counters().tokens_issued >= 3);
    assert_eq!(setup.c1.counters().unauthenticated, 0);
    assert!(setup.zoom.counters().endpoint(Endpoint::OauthToken) >= 3);
    // Heartbeats at the server's interval: never faster, and not missing.
    let gaps: Vec<Duration> = beats.windows(2).map(|pair| pair[1] - pair[0]).collect();
    assert!(
        gaps.iter().all(|gap| *gap >= HEARTBEAT * 4 / 5),
        "heartbeats faster than asked: {gaps:?}"
    );
    let expected = took.as_secs_f64() / HEARTBEAT.as_secs_f64();
    assert!(
        beats.len() as f64 >= expected / 2.0,
        "{} heartbeats in {took:?}: {gaps:?}",
        beats.len()
    );
    setup.assert_no_invalid_requests();
    let (status, stderr) = daemon.stop(Duration::from_secs(10)).await;
    assert!(status.success(), "{status:?}: {stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_heartbeat_reply_that_cancels_stops_the_sync_and_finishes_it_with_an_error() {
    let setup = SelfHosted::start(
        quick_c1().next_heartbeat(HEARTBEAT),
        slow_zoom(42, Duration::from_millis(800)),
    )
    .await;
    let daemon = setup.start_daemon(&[]);
    let sync = setup.push(TaskSpec::SyncFull);
    assert!(setup.c1.cancel_after_heartbeats(&sync, 2));
    let finish = setup.wait_finished(&sync).await;
    assert_eq!(finish.code(), Some(Code::Cancelled), "{finish:?}");
    assert_eq!(finish.non_retryable(), Some(false));
    assert_eq!(setup.c1.heartbeats(&sync).len(), 3);
    assert_eq!(setup.c1.uploads(), vec![]);

    // The sync really stopped: Zoom hears nothing more from it.
    let calls = setup.zoom.counters().total;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(setup.zoom.counters().total, calls);
    assert_eq!(
        setup.work_files(),
        Vec::<String>::new(),
        "nothing left behind"
    );
    setup.assert_no_invalid_requests();
    let (status, stderr) = daemon.stop(Duration::from_secs(10)).await;
    assert!(status.success(), "{status:?}: {stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conductorone_away_for_ten_seconds_means_a_handful_of_attempts_then_recovery() {
    let setup = SelfHosted::start(quick_c1(), small_zoom(43)).await;
    let daemon = setup.start_daemon(&[]);
    // Polling every 200 ms.
    setup.c1.wait_polls(5, PATIENCE).await.expect("polls");

    let away = Duration::from_secs(10);
    setup.c1.reset_connections_for(away).await;
    let polls_before = setup.c1.counters().get_task;
    tokio::time::sleep(away).await;
    let attempts = setup.c1.counters().reset_connections;
    // Backoff of 1, 4, 9 s between failed polls: four attempts, five at most.
    assert!(
        (2..=5).contains(&attempts),
        "{attempts} connection attempts in {away:?}"
    );
    assert_eq!(setup.c1.counters().get_task, polls_before);

    assert_recovers_and_syncs(&setup).await;
    let (status, stderr) = daemon.stop(Duration::from_secs(10)).await;
    assert!(status.success(), "{status:?}: {stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_endpoint_failing_while_running_means_backoff_then_recovery() {
    // Five-second tokens: every call needs a fresh one (reuse stops 10 s before expiry).
    let setup =
        SelfHosted::start(quick_c1().token_ttl(Duration::from_secs(5)), small_zoom(44)).await;
    let daemon = setup.start_daemon(&[]);
    setup.c1.wait_polls(3, PATIENCE).await.expect("polls");

    let outage = Duration::from_secs(3);
    let since = setup.c1.elapsed();
    setup.c1.set_token_endpoint_status(Some(503));
    tokio::time::sleep(outage).await;
    setup.c1.set_token_endpoint_status(None);
    let refused = setup
        .c1
        .token_requests()
        .iter()
        .filter(|request| request.at >= since)
        .filter(|request| matches!(request.outcome, TokenOutcome::Refused { status: 503, .. }))
        .count();
    // Backoff of 1 s, then 4 s: two or three attempts in three seconds, not a spin.
    assert!(
        (1..=3).contains(&refused),
        "{refused} token requests in {outage:?}"
    );
    // A poll already on its way may still land; none after that.
    let settled = since + Duration::from_millis(500);
    let polls = setup.c1.polls();
    let during: Vec<_> = polls
        .iter()
        .filter(|poll| (settled..since + outage).contains(&poll.at))
        .collect();
    assert_eq!(
        during,
        Vec::<&c1_sim::Poll>::new(),
        "no poll without a token"
    );

    assert_recovers_and_syncs(&setup).await;
    let (status, stderr) = daemon.stop(Duration::from_secs(10)).await;
    assert!(status.success(), "{status:?}: {stderr}");
}
