//! How a task ends: exactly one FinishTask, a success with the packed connector response or
//! an error with a `google.rpc.Status`, sent with its own deadline that a cancelled task
//! cannot cut short.

use std::time::Duration;

use c1_proto::baton::{BatonServiceFinishTaskRequest, FinalState, FinishError, FinishSuccess};
use c1_proto::rpc::Status;
use prost_types::Any;

use crate::api::BatonApi;
use crate::connector::TaskError;

/// FinishTask's own deadline.
const DEADLINE: Duration = Duration::from_secs(30);

/// The end of a task.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Finish {
    /// Done: the connector's response, if any, and its annotations (sent beside it too).
    Success {
        response: Option<Any>,
        annotations: Vec<Any>,
    },
    /// Failed.
    Failure(TaskError),
}

impl Finish {
    /// A success packing `response`, whose annotations are copied beside it as the SDK does.
    pub(crate) fn packed<R: prost::Message + prost::Name>(
        response: &R,
        annotations: &[Any],
    ) -> Finish {
        Finish::Success {
            response: Some(c1z::pack(response)),
            annotations: annotations.to_vec(),
        }
    }
}

/// The FinishTask request for `finish`. A failure's message is the error text, followed by
/// the SDK's line `task failed and is non-retryable` when it is.
pub(crate) fn request(
    host_id: &str,
    task_id: &str,
    finish: Finish,
) -> BatonServiceFinishTaskRequest {
    let (status, final_state) = match finish {
        Finish::Success {
            response,
            annotations,
        } => (
            None,
            FinalState::Success(FinishSuccess {
                annotations,
                response,
            }),
        ),
        Finish::Failure(error) => {
            let non_retryable = !error.retryable;
            let message = if non_retryable {
                format!("{}\ntask failed and is non-retryable", error.message)
            } else {
                error.message
            };
            (
                Some(Status {
                    code: error.code as i32,
                    message,
                    details: Vec::new(),
                }),
                FinalState::Error(FinishError {
                    non_retryable,
                    ..FinishError::default()
                }),
            )
        }
    };
    BatonServiceFinishTaskRequest {
        host_id: host_id.to_owned(),
        task_id: task_id.to_owned(),
        status,
        final_state: Some(final_state),
    }
}

/// Sends the task's FinishTask; a failure is logged and not retried, as in the SDK.
pub(crate) async fn send<A: BatonApi>(api: &A, host_id: &str, task_id: &str, finish: Finish) {
    let outcome = match &finish {
        Finish::Success { .. } => "success",
        Finish::Failure(_) => "error",
    };
    match api
        .finish_task(request(host_id, task_id, finish), DEADLINE)
        .await
    {
        Ok(()) => tracing::info!(task_id, outcome, "task finished"),
        Err(error) => tracing::warn!(task_id, outcome, %error, "FinishTask failed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonic::Code;

    #[test]
    fn non_retryable_failures_say_so_in_the_message() {
        let request = request(
            "h",
            "t",
            Finish::Failure(TaskError::permanent(Code::NotFound, "user x not found")),
        );
        let status = request.status.unwrap();
        assert_eq!(status.code, 5);
        assert_eq!(
            status.message,
            "user x not found\ntask failed and is non-retryable"
        );
        assert_eq!(
            request.final_state,
            Some(FinalState::Error(FinishError {
                non_retryable: true,
                ..FinishError::default()
            }))
        );
    }

    #[test]
    fn retryable_failures_keep_their_message() {
        let request = request(
            "h",
            "t",
            Finish::Failure(TaskError::transient(Code::Cancelled, "cancelled")),
        );
        assert_eq!(
            request.status.map(|s| (s.code, s.message)),
            Some((1, "cancelled".into()))
        );
        assert!(matches!(
            request.final_state,
            Some(FinalState::Error(FinishError {
                non_retryable: false,
                ..
            }))
        ));
    }
}
