//! Heartbeats while a sync runs: at the server's interval, with the SDK's clamps; a reply
//! that cancels the task, or nine failed heartbeats in a row, stop it.

use std::time::Duration;

use c1_proto::baton::{BatonServiceHeartbeatRequest, BatonServiceHeartbeatResponse};

use crate::api::{BatonApi, RpcError};
use crate::daemon::timing::heartbeat_interval;

/// Failed heartbeats in a row after which the task is given up (the SDK counts at the top
/// of each round and stops when the count reaches ten, i.e. after nine failures).
const FAILURE_LIMIT: u32 = 10;

/// Sends one heartbeat for `task_id`.
pub(super) async fn beat<A: BatonApi>(
    api: &A,
    host_id: &str,
    task_id: &str,
) -> Result<BatonServiceHeartbeatResponse, RpcError> {
    api.heartbeat(BatonServiceHeartbeatRequest {
        host_id: host_id.to_owned(),
        task_id: task_id.to_owned(),
        annotations: Vec::new(),
    })
    .await
}

/// Keeps the task alive until it must stop, and returns why it must: resolves only on a
/// cancellation or too many failures, so the caller races it against the work.
pub(super) async fn keep_alive<A: BatonApi>(
    api: &A,
    host_id: &str,
    task_id: &str,
    mut interval: Duration,
) -> String {
    let mut failures = 0;
    loop {
        tokio::time::sleep(interval).await;
        failures += 1;
        if failures >= FAILURE_LIMIT {
            return "task failed heartbeat: ConductorOne did not answer nine heartbeats in a row"
                .to_owned();
        }
        match beat(api, host_id, task_id).await {
            Ok(reply) if reply.cancelled => {
                return "task cancelled by ConductorOne".to_owned();
            }
            Ok(reply) => {
                failures = 0;
                interval = heartbeat_interval(reply.next_heartbeat.as_ref());
            }
            Err(error) => tracing::warn!(task_id, %error, failures, "heartbeat failed"),
        }
    }
}
