//! In-memory stand-ins: a scripted BatonService that records every call, and a connector
//! whose sync writes a small c1z and whose provisioning calls are recorded.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use c1_proto::baton::*;
use c1_proto::connector::*;
use c1_service::{BatonApi, Code, Connector, DaemonConfig, RpcError, TaskError};
use c1z::{Entitlement, Grant, Resource, ResourceId};
use futures::{Stream, StreamExt};
use tokio::time::Instant;

/// One call the daemon made, with when it was made.
#[derive(Debug, Clone)]
pub enum Call {
    Hello(Box<BatonServiceHelloRequest>),
    GetTask(BatonServiceGetTaskRequest),
    Heartbeat(BatonServiceHeartbeatRequest),
    Finish(BatonServiceFinishTaskRequest),
    Upload(Vec<BatonServiceUploadAssetRequest>),
}

/// A scripted BatonService.
#[derive(Default)]
pub struct FakeBaton {
    /// Replies to GetTask, in order; when empty, "nothing to do, poll again in 1 s".
    pub tasks: Mutex<VecDeque<Result<BatonServiceGetTaskResponse, ()>>>,
    /// Replies to Heartbeat, in order; when empty, "keep going, next in 1 s".
    pub heartbeats: Mutex<VecDeque<BatonServiceHeartbeatResponse>>,
    /// Whether Hello fails with a refused token.
    pub refuse_hello: bool,
    /// How long GetTask takes to answer.
    pub poll_latency: Duration,
    pub calls: Mutex<Vec<(Instant, Call)>>,
}

impl FakeBaton {
    pub fn with_tasks(tasks: impl IntoIterator<Item = Task>) -> FakeBaton {
        let fake = FakeBaton::default();
        fake.tasks
            .lock()
            .unwrap()
            .extend(tasks.into_iter().map(|task| {
                Ok(BatonServiceGetTaskResponse {
                    task: Some(task),
                    next_poll: Some(prost_types::Duration {
                        seconds: 1,
                        nanos: 0,
                    }),
                    ..Default::default()
                })
            }));
        fake
    }

    fn record(&self, call: Call) {
        self.calls.lock().unwrap().push((Instant::now(), call));
    }

    pub fn calls(&self) -> Vec<(Instant, Call)> {
        self.calls.lock().unwrap().clone()
    }

    /// Seconds after `start` at which the calls `pick` selects were made.
    pub fn seconds_of(&self, start: Instant, pick: impl Fn(&Call) -> bool) -> Vec<u64> {
        self.calls()
            .into_iter()
            .filter(|(_, call)| pick(call))
            .map(|(at, _)| (at - start).as_secs())
            .collect()
    }

    pub fn finishes(&self) -> Vec<BatonServiceFinishTaskRequest> {
        self.calls()
            .into_iter()
            .filter_map(|(_, call)| match call {
                Call::Finish(request) => Some(request),
                _ => None,
            })
            .collect()
    }
}

fn unavailable(method: &'static str) -> RpcError {
    RpcError::Status {
        method,
        code: Code::Unavailable,
        message: "connection refused".into(),
    }
}

impl BatonApi for FakeBaton {
    async fn hello(&self, request: BatonServiceHelloRequest) -> Result<(), RpcError> {
        self.record(Call::Hello(Box::new(request)));
        if self.refuse_hello {
            return Err(RpcError::Status {
                method: "Hello",
                code: Code::Unauthenticated,
                message: "invalid token".into(),
            });
        }
        Ok(())
    }

    async fn get_task(
        &self,
        request: BatonServiceGetTaskRequest,
    ) -> Result<BatonServiceGetTaskResponse, RpcError> {
        self.record(Call::GetTask(request));
        let next = self.tasks.lock().unwrap().pop_front();
        tokio::time::sleep(self.poll_latency).await;
        match next {
            Some(Ok(reply)) => Ok(reply),
            Some(Err(())) => Err(unavailable("GetTask")),
            None => Ok(BatonServiceGetTaskResponse {
                next_poll: Some(prost_types::Duration {
                    seconds: 1,
                    nanos: 0,
                }),
                ..Default::default()
            }),
        }
    }

    async fn heartbeat(
        &self,
        request: BatonServiceHeartbeatRequest,
    ) -> Result<BatonServiceHeartbeatResponse, RpcError> {
        self.record(Call::Heartbeat(request));
        let next = self.heartbeats.lock().unwrap().pop_front();
        Ok(next.unwrap_or(BatonServiceHeartbeatResponse {
            next_heartbeat: Some(prost_types::Duration {
                seconds: 1,
                nanos: 0,
            }),
            ..Default::default()
        }))
    }

    async fn finish_task(
        &self,
        request: BatonServiceFinishTaskRequest,
        _deadline: Duration,
    ) -> Result<(), RpcError> {
        self.record(Call::Finish(request));
        Ok(())
    }

    async fn upload_asset<S>(&self, messages: S) -> Result<(), RpcError>
    where
        S: Stream<Item = BatonServiceUploadAssetRequest> + Send + 'static,
    {
        let messages = messages.collect().await;
        self.record(Call::Upload(messages));
        Ok(())
    }
}

/// A connector whose sync writes a c1z of `users` users (after `sync_time`), and whose
/// provisioning succeeds and is recorded.
pub struct FakeConnector {
    pub users: usize,
    pub sync_time: Duration,
    pub running: AtomicUsize,
    pub most_running: AtomicUsize,
    pub provisioned: Mutex<Vec<String>>,
}

impl FakeConnector {
    pub fn new(users: usize, sync_time: Duration) -> FakeConnector {
        FakeConnector {
            users,
            sync_time,
            running: AtomicUsize::new(0),
            most_running: AtomicUsize::new(0),
            provisioned: Mutex::new(Vec::new()),
        }
    }
}

impl Connector for FakeConnector {
    fn metadata(&self) -> ConnectorMetadata {
        ConnectorMetadata {
            display_name: "Fake".into(),
            ..Default::default()
        }
    }

    async fn sync(&self, file: &Path, _temp_dir: &Path) -> Result<(), TaskError> {
        let now = self.running.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_running.fetch_max(now, Ordering::SeqCst);
        let running = Running(&self.running);
        tokio::time::sleep(self.sync_time).await;
        drop(running);
        let (file, users) = (file.to_owned(), self.users);
        tokio::task::spawn_blocking(move || write_c1z(&file, users))
            .await
            .unwrap()
            .map_err(|e| TaskError::transient(Code::Internal, e.to_string()))
    }

    async fn grant(
        &self,
        entitlement: Entitlement,
        principal: Resource,
    ) -> Result<GrantManagerServiceGrantResponse, TaskError> {
        let who = principal.id.map(|id| id.resource).unwrap_or_default();
        self.provisioned
            .lock()
            .unwrap()
            .push(format!("grant {} to {who}", entitlement.id));
        Ok(GrantManagerServiceGrantResponse::default())
    }

    async fn revoke(&self, grant: Grant) -> Result<GrantManagerServiceRevokeResponse, TaskError> {
        self.provisioned
            .lock()
            .unwrap()
            .push(format!("revoke {}", grant.id));
        Ok(GrantManagerServiceRevokeResponse::default())
    }

    async fn create_account(
        &self,
        request: CreateAccountRequest,
    ) -> Result<CreateAccountResponse, TaskError> {
        let login = request.account_info.map(|a| a.login).unwrap_or_default();
        self.provisioned
            .lock()
            .unwrap()
            .push(format!("create {login}"));
        Ok(CreateAccountResponse::default())
    }

    async fn delete_resource(
        &self,
        resource_id: ResourceId,
    ) -> Result<DeleteResourceResponse, TaskError> {
        if resource_id.resource == "missing" {
            return Err(TaskError::permanent(
                Code::NotFound,
                "user missing not found",
            ));
        }
        self.provisioned
            .lock()
            .unwrap()
            .push(format!("delete {}", resource_id.resource));
        Ok(DeleteResourceResponse::default())
    }
}

/// Counts a sync as running until it ends or its future is dropped.
struct Running<'a>(&'a AtomicUsize);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Writes a finished c1z holding `users` users.
fn write_c1z(file: &Path, users: usize) -> c1z::Result<()> {
    let mut writer = c1z::Writer::open(file, c1z::WriterConfig::default())?;
    writer.start_sync(c1z::SyncKind::Full)?;
    writer.write_batch(&c1z::Batch {
        resource_types: vec![c1z::ResourceType::new("user", "User", &[c1z::Trait::User])],
        resources: (0..users)
            .map(|i| {
                Resource::new(
                    ResourceId::new("user", format!("u{i}")),
                    format!("User {i}"),
                )
            })
            .collect(),
        checkpoint: Some("done".into()),
        ..c1z::Batch::default()
    })?;
    writer.finish().map(drop)
}

/// A task of `task_type` with a 27-character id made from `n`.
pub fn task(n: u32, task_type: TaskType) -> Task {
    Task {
        id: format!("{n:0>27}"),
        status: TaskStatus::Pending as i32,
        debug: false,
        task_type: Some(task_type),
    }
}

/// A daemon configuration with provisioning on and files in `dir`.
pub fn config(dir: &Path) -> DaemonConfig {
    DaemonConfig {
        provisioning: true,
        temp_dir: dir.to_owned(),
        ..DaemonConfig::new("test-host", c1_service::build_info("fake", "1.0"))
    }
}

/// Runs the daemon for `duration` of (paused) time, then shuts it down.
pub async fn run_for(
    api: &Arc<FakeBaton>,
    connector: &Arc<FakeConnector>,
    config: DaemonConfig,
    duration: Duration,
) -> Result<(), c1_service::DaemonError> {
    c1_service::run(
        Arc::clone(api),
        Arc::clone(connector),
        config,
        tokio::time::sleep(duration),
    )
    .await
}
