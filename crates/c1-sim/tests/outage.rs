//! The server going away: for a period it answers nothing (port closed, connections
//! dropped) or answers UNAVAILABLE, then serves again on the same port.

use std::time::Duration;

use tonic::Code;

use crate::support::{Assertion, Baton, HOST_ID, sim, token_request};

/// True when a poll is served within three tries: a client reconnects on its own, and the
/// first call after an outage may still see the broken connection, as with a real server.
async fn served_again(client: &mut Baton) -> bool {
    for _ in 0..3 {
        if client.get_task(HOST_ID).await.is_ok() {
            return true;
        }
    }
    false
}

#[tokio::test]
async fn gone_server_refuses_connections_then_serves_on_the_same_port() {
    let sim = sim().await;
    let mut client = Baton::connect(&sim).await;
    client.get_task(HOST_ID).await.expect("served before");
    let port = sim.addr().port();

    sim.go_away(Duration::from_millis(700)).await;
    // The first call may see the dropped connection (cancelled), later ones a refused
    // connection (unavailable); none is served.
    for _ in 0..2 {
        let status = client.get_task(HOST_ID).await.expect_err("nothing answers");
        assert!(
            matches!(
                status.code(),
                Code::Unavailable | Code::Cancelled | Code::Unknown
            ),
            "{status:?}"
        );
    }
    assert!(
        std::net::TcpStream::connect(sim.addr()).is_err(),
        "the port is closed while away"
    );
    assert_eq!(sim.counters().get_task, 1, "no call got through");

    tokio::time::sleep(Duration::from_millis(900)).await;
    assert_eq!(sim.addr().port(), port);
    let served = served_again(&mut client).await;
    assert!(served, "served again after the outage");
    assert_eq!(sim.polls().len(), 2);
}

#[tokio::test]
async fn unavailable_period_answers_unavailable_then_serves() {
    let sim = sim().await;
    let mut client = Baton::connect(&sim).await;
    sim.unavailable_for(Duration::from_millis(500));
    let status = client.get_task(HOST_ID).await.expect_err("unavailable");
    assert_eq!(status.code(), Code::Unavailable);
    let response = token_request(&sim, &Assertion::of(&sim).sign(), &[]).await;
    assert_eq!(response.status(), 503);
    tokio::time::sleep(Duration::from_millis(600)).await;
    client.get_task(HOST_ID).await.expect("served again");
    assert_eq!(sim.counters().unavailable, 1);
    assert_eq!(sim.polls().len(), 1);
}

#[tokio::test]
async fn reset_period_counts_each_connection_attempt_then_serves() {
    let sim = sim().await;
    let mut client = Baton::connect(&sim).await;
    client.get_task(HOST_ID).await.expect("served before");
    sim.reset_connections_for(Duration::from_millis(600)).await;
    let mut failures = 0;
    for _ in 0..3 {
        if client.get_task(HOST_ID).await.is_err() {
            failures += 1;
        }
    }
    assert_eq!(failures, 3, "nothing is served while resetting");
    let resets = sim.counters().reset_connections;
    assert!(
        (2..=3).contains(&resets),
        "each new connection is counted: {resets}"
    );
    assert_eq!(sim.counters().get_task, 1);
    tokio::time::sleep(Duration::from_millis(700)).await;
    let served = served_again(&mut client).await;
    assert!(served, "served again after the period");
}
