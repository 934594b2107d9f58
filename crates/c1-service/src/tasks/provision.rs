//! Grant, revoke, create-account and delete-resource tasks: checked, refused without
//! `--provisioning` as the SDK does, passed to the connector, answered with its packed
//! response.

use c1_proto::baton::TaskType;
use c1z::ResourceId;
use tonic::Code;

use super::TaskContext;
use crate::api::BatonApi;
use crate::connector::{Connector, TaskError};
use crate::finish::Finish;

/// Runs a provisioning task and returns how it ends.
pub(super) async fn run<A: BatonApi, C: Connector>(
    context: &TaskContext<A, C>,
    task_type: TaskType,
) -> Finish {
    if !context.config.provisioning {
        return Finish::Failure(TaskError::permanent(
            Code::FailedPrecondition,
            "provisioning is not enabled: start the connector with --provisioning (BATON_PROVISIONING=true) to let ConductorOne change access",
        ));
    }
    let connector = context.connector.as_ref();
    let result = match task_type {
        TaskType::Grant(task) => match (task.entitlement, task.principal) {
            (Some(entitlement), Some(principal)) => connector
                .grant(entitlement, principal)
                .await
                .map(|response| Finish::packed(&response, &response.annotations)),
            _ => Err(malformed(
                "malformed grant task: it needs an entitlement and a principal",
            )),
        },
        TaskType::Revoke(task) => match task.grant {
            Some(grant) => connector
                .revoke(grant)
                .await
                .map(|response| Finish::packed(&response, &response.annotations)),
            None => Err(malformed("malformed revoke task: it carries no grant")),
        },
        TaskType::CreateAccount(request) => match request.account_info {
            Some(_) => connector
                .create_account(request)
                .await
                .map(|response| Finish::packed(&response, &response.annotations)),
            None => Err(malformed(
                "malformed create account task: it carries no account info",
            )),
        },
        TaskType::DeleteResource(task) => match task.resource_id {
            Some(id) if is_complete(&id) => connector
                .delete_resource(id)
                .await
                .map(|response| Finish::packed(&response, &response.annotations)),
            _ => Err(malformed(
                "malformed delete resource task: it needs a resource type and id",
            )),
        },
        other => unreachable!("{} is not a provisioning task", super::kind(&other)),
    };
    result.unwrap_or_else(Finish::Failure)
}

fn malformed(reason: &str) -> TaskError {
    TaskError::permanent(Code::Unknown, reason)
}

fn is_complete(id: &ResourceId) -> bool {
    !id.resource_type.is_empty() && !id.resource.is_empty()
}
