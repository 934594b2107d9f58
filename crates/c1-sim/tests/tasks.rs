//! The task script over the wire: order, intervals, handing a task out again, cancelling
//! through heartbeats, and the refusals of calls that break the rules.

use std::time::Duration;

use c1_proto::baton::{
    BatonServiceFinishTaskRequest, FinalState, FinishSuccess, HelloTask, SyncFullTask, TaskType,
};
use c1_sim::{C1SimConfig, Rpc};
use tonic::Code;

use crate::support::{Baton, HOST_ID, RPC_USER_AGENT, fixture, start};

fn sync() -> TaskType {
    TaskType::SyncFull(SyncFullTask::default())
}

fn success(task_id: &str) -> BatonServiceFinishTaskRequest {
    BatonServiceFinishTaskRequest {
        host_id: HOST_ID.into(),
        task_id: task_id.into(),
        status: None,
        final_state: Some(FinalState::Success(FinishSuccess::default())),
    }
}

fn seconds(duration: Option<prost_types::Duration>) -> Option<f64> {
    duration.map(|d| d.seconds as f64 + f64::from(d.nanos) / 1e9)
}

#[tokio::test]
async fn tasks_are_handed_out_in_order_with_the_configured_intervals() {
    let config = C1SimConfig::default()
        .next_poll(Duration::from_millis(250))
        .next_heartbeat(Duration::from_secs(2));
    let sim = start(config).await;
    let first = sim.push_task(sync());
    let second = sim.push_task(TaskType::Hello(HelloTask::default()));
    let mut client = Baton::connect(&sim).await;

    let reply = client.get_task(HOST_ID).await.expect("served");
    assert_eq!(reply.task.map(|t| t.id), Some(first.clone()));
    assert_eq!(seconds(reply.next_poll), Some(0.25));
    assert_eq!(seconds(reply.next_heartbeat), Some(2.0));
    let reply = client.get_task(HOST_ID).await.expect("served");
    assert_eq!(reply.task.map(|t| t.id), Some(second.clone()));
    let reply = client.get_task(HOST_ID).await.expect("served");
    assert_eq!(reply.task, None);
    assert_eq!(seconds(reply.next_poll), Some(0.25));
    assert_eq!(reply.next_heartbeat, None);

    let beat = client.heartbeat(&first).await.expect("served");
    assert_eq!(seconds(beat.next_heartbeat), Some(2.0));
    sim.set_next_heartbeat(Duration::from_secs(7));
    let beat = client.heartbeat(&first).await.expect("served");
    assert_eq!(seconds(beat.next_heartbeat), Some(7.0));

    let polls = sim.polls();
    let handed: Vec<_> = polls.iter().map(|p| p.task_id.clone()).collect();
    assert_eq!(handed, [Some(first), Some(second), None]);
    assert!(polls.iter().all(|p| p.host_id == HOST_ID));
    let agent = polls[0].user_agent.clone().unwrap_or_default();
    assert!(agent.starts_with(RPC_USER_AGENT), "{agent}");
}

#[tokio::test]
async fn a_task_handed_out_again_comes_first_and_keeps_its_history() {
    let sim = start(C1SimConfig::default()).await;
    let sync_id = sim.push_task(sync());
    let other = sim.push_task(sync());
    let mut client = Baton::connect(&sim).await;
    client.get_task(HOST_ID).await.expect("served");
    client.heartbeat(&sync_id).await.expect("served");
    assert!(sim.hand_out_again(&sync_id));
    let reply = client.get_task(HOST_ID).await.expect("served");
    assert_eq!(reply.task.map(|t| t.id), Some(sync_id.clone()));
    client.finish_task(success(&sync_id)).await.expect("served");
    let state = sim.task(&sync_id).expect("known");
    assert_eq!(state.handed_out.len(), 2);
    assert_eq!(state.heartbeats.len(), 1);
    assert_eq!(state.finishes.len(), 1);
    assert!(state.finishes[0].is_success());
    assert_eq!(sim.queued_tasks(), 1, "{other} still waits");
}

#[tokio::test]
async fn tasks_added_while_running_are_handed_out_and_waited_for() {
    let sim = start(C1SimConfig::default()).await;
    let mut client = Baton::connect(&sim).await;
    assert_eq!(client.get_task(HOST_ID).await.expect("served").task, None);
    let id = sim.push_task(sync());
    let poll = client.get_task(HOST_ID).await.expect("served");
    assert_eq!(poll.task.map(|t| t.id), Some(id.clone()));
    let finisher = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        client.finish_task(success(&id)).await.expect("served");
    };
    let (finish, ()) = tokio::join!(sim.wait_finished(&id, Duration::from_secs(5)), finisher);
    assert!(finish.expect("finished in time").is_success());
    let timeout = sim
        .wait_heartbeats(&id, 1, Duration::from_millis(100))
        .await
        .expect_err("no heartbeat came");
    assert_eq!(
        timeout.to_string(),
        format!("waited 100ms for 1 heartbeats of task {id}, in vain")
    );
}

#[tokio::test]
async fn heartbeats_and_finishes_for_tasks_never_handed_out_are_not_found() {
    let sim = start(C1SimConfig::default()).await;
    let queued = sim.push_task(sync());
    let mut client = Baton::connect(&sim).await;
    let status = client.heartbeat(&queued).await.expect_err("refused");
    assert_eq!(status.code(), Code::NotFound);
    let status = client
        .finish_task(success("2uVd5RmJ7pW1sE9vKx3NqD5tHbL"))
        .await
        .expect_err("refused");
    assert_eq!(status.code(), Code::NotFound);
    assert_eq!(sim.counters().not_found, 2);
    assert!(sim.finished(&queued).is_empty());
}

#[tokio::test]
async fn messages_breaking_validation_rules_are_invalid_arguments_on_record() {
    let sim = start(C1SimConfig::default()).await;
    let id = sim.push_task(sync());
    let mut client = Baton::connect(&sim).await;
    client.get_task(HOST_ID).await.expect("served");

    let mut hello: c1_proto::baton::BatonServiceHelloRequest = fixture("hello_request");
    if let Some(os) = hello.os_info.as_mut() {
        os.virtualization_system.clear();
    }
    let status = client.hello(hello).await.expect_err("refused");
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(
        status.message(),
        "os_info.virtualization_system: must be 1 to 256 characters, got 0"
    );
    let status = client.get_task("").await.expect_err("refused");
    assert_eq!(status.code(), Code::InvalidArgument);
    let status = client.heartbeat(&id[1..]).await.expect_err("refused");
    assert_eq!(status.code(), Code::InvalidArgument);
    let no_state = BatonServiceFinishTaskRequest {
        final_state: None,
        ..success(&id)
    };
    let status = client.finish_task(no_state).await.expect_err("refused");
    assert_eq!(status.message(), "final_state: required");

    let rpcs: Vec<Rpc> = sim.invalid_requests().iter().map(|r| r.rpc).collect();
    assert_eq!(
        rpcs,
        [Rpc::Hello, Rpc::GetTask, Rpc::Heartbeat, Rpc::FinishTask]
    );
    assert!(sim.hellos().is_empty());
    assert!(sim.finished(&id).is_empty());
    assert_eq!(sim.counters().invalid_argument, 4);
}
