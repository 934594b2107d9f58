//! Every RPC needs a live bearer token: none, an unknown one, an expired one and a revoked
//! one are all UNAUTHENTICATED, and recorded.

use std::time::Duration;

use c1_sim::{C1SimConfig, Rpc};
use tonic::Code;

use crate::support::{Baton, HOST_ID, sim, start, token};

#[tokio::test]
async fn call_without_a_token_is_unauthenticated() {
    let sim = sim().await;
    let mut client = Baton::anonymous(&sim);
    let status = client.get_task(HOST_ID).await.expect_err("refused");
    assert_eq!(status.code(), Code::Unauthenticated);
    assert_eq!(status.message(), "missing bearer token");
    let refusals = sim.refusals();
    assert_eq!(refusals.len(), 1);
    assert_eq!(refusals[0].rpc, Rpc::GetTask);
    assert_eq!(refusals[0].code(), Code::Unauthenticated);
    assert!(sim.polls().is_empty(), "a refused poll is not served");
    assert_eq!(sim.counters().get_task, 1);
    assert_eq!(sim.counters().unauthenticated, 1);
}

#[tokio::test]
async fn call_with_a_token_never_issued_is_unauthenticated() {
    let sim = sim().await;
    let mut client = Baton::anonymous(&sim).with_token("made-up");
    let status = client.get_task(HOST_ID).await.expect_err("refused");
    assert_eq!(status.code(), Code::Unauthenticated);
    assert_eq!(status.message(), "unknown or revoked bearer token");
}

#[tokio::test]
async fn token_works_until_its_lifetime_is_over() {
    let sim = start(C1SimConfig::default().token_ttl(Duration::from_secs(1))).await;
    let mut client = Baton::connect(&sim).await;
    client.get_task(HOST_ID).await.expect("a fresh token works");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let status = client.get_task(HOST_ID).await.expect_err("refused");
    assert_eq!(status.code(), Code::Unauthenticated);
    assert_eq!(status.message(), "expired bearer token");
}

#[tokio::test]
async fn revoked_tokens_stop_working_and_new_ones_work() {
    let sim = sim().await;
    let mut client = Baton::connect(&sim).await;
    client.get_task(HOST_ID).await.expect("works");
    sim.revoke_tokens();
    let status = client.get_task(HOST_ID).await.expect_err("refused");
    assert_eq!(status.code(), Code::Unauthenticated);
    let mut client = client.with_token(&token(&sim).await);
    client.get_task(HOST_ID).await.expect("a new token works");
    assert_eq!(sim.polls().len(), 2);
}
