//! GetTask and Heartbeat requests and replies without a task payload.

use c1_proto::baton::*;

use crate::support::{HOST_ID, pinned, seconds};

const SYNC_TASK: &str = "2uVd5RmJ7pW1sE9vKx3NqD5tHbL";

#[test]
fn get_task_request_carries_the_host_id() {
    pinned(
        "get_task_request",
        &BatonServiceGetTaskRequest {
            host_id: HOST_ID.into(),
        },
    );
}

#[test]
fn reply_without_task_has_only_next_poll() {
    pinned(
        "get_task_response_none",
        &BatonServiceGetTaskResponse {
            next_poll: seconds(1),
            ..Default::default()
        },
    );
}

#[test]
fn none_task_is_an_empty_member_written_with_zero_length() {
    pinned(
        "get_task_response_none_task",
        &BatonServiceGetTaskResponse {
            task: Some(Task {
                id: "2uVd5QqLx8RbN3tKm7WzY1pHcJe".into(),
                status: TaskStatus::Pending as i32,
                debug: false,
                task_type: Some(TaskType::None(NoneTask::default())),
            }),
            next_poll: seconds(5),
            next_heartbeat: seconds(30),
            annotations: vec![],
        },
    );
}

#[test]
fn heartbeat_request_names_host_and_task() {
    pinned(
        "heartbeat_request",
        &BatonServiceHeartbeatRequest {
            host_id: HOST_ID.into(),
            task_id: SYNC_TASK.into(),
            annotations: vec![],
        },
    );
}

#[test]
fn heartbeat_replies_carry_interval_and_cancellation() {
    pinned(
        "heartbeat_response",
        &BatonServiceHeartbeatResponse {
            next_heartbeat: seconds(30),
            ..Default::default()
        },
    );
    pinned(
        "heartbeat_response_cancelled",
        &BatonServiceHeartbeatResponse {
            next_heartbeat: seconds(30),
            cancelled: true,
            annotations: vec![],
        },
    );
}
