//! One handler per kind of task, each ending the task with exactly one FinishTask (hello
//! excepted: the Hello call is its whole answer).

mod heartbeat;
mod provision;
mod sync;
pub(crate) mod upload;

use std::sync::Arc;

use c1_proto::baton::{BatonServiceHelloRequest, Task, TaskType};
use tokio::sync::watch;
use tonic::Code;

use crate::DaemonConfig;
use crate::api::BatonApi;
use crate::connector::{Connector, TaskError};
use crate::finish::{self, Finish};

/// What every task handler works with.
pub(crate) struct TaskContext<A, C> {
    pub(crate) api: Arc<A>,
    pub(crate) connector: Arc<C>,
    pub(crate) config: Arc<DaemonConfig>,
    /// Turns true when the daemon shuts down: a running sync stops and stays resumable.
    pub(crate) stopping: watch::Receiver<bool>,
}

impl<A, C> Clone for TaskContext<A, C> {
    fn clone(&self) -> Self {
        TaskContext {
            api: Arc::clone(&self.api),
            connector: Arc::clone(&self.connector),
            config: Arc::clone(&self.config),
            stopping: self.stopping.clone(),
        }
    }
}

impl<A: BatonApi, C: Connector> TaskContext<A, C> {
    /// Sends the task's FinishTask.
    pub(crate) async fn finish(&self, task_id: &str, outcome: Finish) {
        finish::send(self.api.as_ref(), &self.config.host_id, task_id, outcome).await;
    }

    /// Sends a Hello for `task_id` (empty at start); `Err` when the call failed.
    pub(crate) async fn hello(&self, task_id: &str) -> Result<(), crate::RpcError> {
        let request = BatonServiceHelloRequest {
            host_id: self.config.host_id.clone(),
            task_id: task_id.to_owned(),
            build_info: Some(self.config.build_info.clone()),
            os_info: Some(crate::host::os_info()),
            connector_metadata: Some(self.connector.metadata()),
            annotations: Vec::new(),
        };
        self.api.hello(request).await
    }
}

/// Whether a task needs a handler at all: no type and `none` are nothing to do.
pub(crate) fn is_work(task: &Task) -> bool {
    !matches!(task.task_type, None | Some(TaskType::None(_)))
}

/// Runs one task to its end.
pub(crate) async fn run<A: BatonApi, C: Connector>(context: TaskContext<A, C>, task: Task) {
    let Some(task_type) = task.task_type else {
        return;
    };
    let id = task.id;
    tracing::info!(task_id = %id, kind = kind(&task_type), "task started");
    match task_type {
        TaskType::None(_) => {}
        TaskType::Hello(_) => {
            if let Err(error) = context.hello(&id).await {
                tracing::warn!(task_id = %id, %error, "Hello failed");
            }
        }
        TaskType::SyncFull(_) => sync::run(&context, &id).await,
        TaskType::Grant(_)
        | TaskType::Revoke(_)
        | TaskType::CreateAccount(_)
        | TaskType::DeleteResource(_) => {
            let outcome = provision::run(&context, task_type).await;
            context.finish(&id, outcome).await;
        }
        other => {
            let error = unsupported(&other);
            tracing::warn!(task_id = %id, kind = kind(&other), %error, "task not supported");
            context.finish(&id, Finish::Failure(error)).await;
        }
    }
}

/// The error for a task this connector cannot do: retrying cannot help.
fn unsupported(task_type: &TaskType) -> TaskError {
    let why = match task_type {
        TaskType::RotateCredentials(_) => {
            "resource type does not have credential manager configured: the connector cannot rotate credentials"
        }
        TaskType::CreateResource(_) => {
            "the connector cannot create resources; create users with account creation"
        }
        _ => "unsupported task type: the connector does not serve this kind of task",
    };
    TaskError::permanent(
        Code::Unimplemented,
        format!("{} ({})", why, kind(task_type)),
    )
}

/// The task kind's protobuf field name, for logs and messages.
pub(crate) fn kind(task_type: &TaskType) -> &'static str {
    task_type.field_name()
}
