//! FinishTask requests: successes with packed connector responses, errors with statuses.

use c1_proto::baton::*;
use c1_proto::connector::*;
use c1_proto::rpc::Status;
use c1z::{
    Annotated, Entitlement, RateLimitDescription, RateLimitStatus, UserStatus, UserTrait, pack,
};
use prost_types::{Any, Timestamp};

use crate::support::{HOST_ID, JOSE, engineering, grant_to_jane, human, pinned, resource};

fn success(
    task_id: &str,
    annotations: Vec<Any>,
    response: Option<Any>,
) -> BatonServiceFinishTaskRequest {
    BatonServiceFinishTaskRequest {
        host_id: HOST_ID.into(),
        task_id: task_id.into(),
        status: None,
        final_state: Some(FinalState::Success(FinishSuccess {
            annotations,
            response,
        })),
    }
}

fn error(
    task_id: &str,
    code: i32,
    message: &str,
    non_retryable: bool,
) -> BatonServiceFinishTaskRequest {
    BatonServiceFinishTaskRequest {
        host_id: HOST_ID.into(),
        task_id: task_id.into(),
        status: Some(Status {
            code,
            message: message.into(),
            details: vec![],
        }),
        final_state: Some(FinalState::Error(FinishError {
            non_retryable,
            ..FinishError::default()
        })),
    }
}

const GRANT_TASK: &str = "2uVd5SbT4kQ8zR2mYw6LnF1xCpV";
const DELETE_TASK: &str = "2uVd5UfH3tR7yN1kWq9BmZ5cLxA";

#[test]
fn grant_success_packs_the_response_and_copies_its_annotations() {
    let rate_limit = pack(&RateLimitDescription {
        status: RateLimitStatus::Ok as i32,
        limit: 80,
        remaining: 79,
        reset_at: Some(Timestamp {
            seconds: 1_748_856_601,
            nanos: 0,
        }),
    });
    let entitlement = Entitlement {
        id: "group:Rk2x8JmQTqW3vN5bLpYc7g:member".into(),
        resource: Some(engineering()),
        ..Entitlement::default()
    };
    let response = GrantManagerServiceGrantResponse {
        annotations: vec![rate_limit.clone()],
        grants: vec![grant_to_jane(entitlement)],
    };
    pinned(
        "finish_task_request_grant_success",
        &success(GRANT_TASK, vec![rate_limit], Some(pack(&response))),
    );
}

#[test]
fn zoom_grant_and_revoke_successes_pack_empty_responses() {
    pinned(
        "finish_task_request_grant_success_zoom",
        &success(
            GRANT_TASK,
            vec![],
            Some(pack(&GrantManagerServiceGrantResponse::default())),
        ),
    );
    pinned(
        "finish_task_request_revoke_success",
        &success(
            "2uVd5T7cN1vB5qK9hZx3MwR8dJs",
            vec![],
            Some(pack(&GrantManagerServiceRevokeResponse::default())),
        ),
    );
    pinned(
        "finish_task_request_delete_resource_success",
        &success(
            DELETE_TASK,
            vec![],
            Some(pack(&DeleteResourceResponse::default())),
        ),
    );
}

#[test]
fn sync_success_is_an_empty_success_written_with_zero_length() {
    pinned(
        "finish_task_request_sync_success",
        &success("2uVd5RmJ7pW1sE9vKx3NqD5tHbL", vec![], None),
    );
}

#[test]
fn create_account_success_packs_the_new_user() {
    let user_trait = UserTrait {
        status: Some(UserStatus::default()),
        ..human("jose.martinez@example.com", "José", "Martínez", JOSE)
    };
    let response = CreateAccountResponse {
        result: Some(CreateAccountResult::Success(SuccessResult {
            resource: Some(resource("user", JOSE, "").annotate(&user_trait)),
            is_create_account_result: true,
        })),
        ..CreateAccountResponse::default()
    };
    pinned(
        "finish_task_request_create_account_success",
        &success("2uVd5TzP6mX2wL8rQb4KcV0nYgE", vec![], Some(pack(&response))),
    );
}

#[test]
fn connector_errors_are_non_retryable_with_their_code() {
    pinned(
        "finish_task_request_error_nonretryable",
        &error(
            DELETE_TASK,
            5,
            "rpc error: code = NotFound desc = error: delete resource failed: rpc error: code = NotFound desc = user pN3bXq7RTm2sVwYh5LkJdA not found\ntask failed and is non-retryable",
            true,
        ),
    );
    pinned(
        "finish_task_request_error_zoom_404",
        &error(
            DELETE_TASK,
            2,
            "rpc error: code = Unknown desc = error: delete resource failed: request failed with status code 404: {\"code\":1001,\"message\":\"User does not exist: pN3bXq7RTm2sVwYh5LkJdA.\"}\ntask failed and is non-retryable",
            true,
        ),
    );
    pinned(
        "finish_task_request_rotate_unimplemented",
        &error(
            "2uVd5V2gK8bQ4nT6zXw1RcM7pJy",
            12,
            "rpc error: code = Unimplemented desc = resource type does not have credential manager configured\ntask failed and is non-retryable",
            true,
        ),
    );
}

#[test]
fn unsupported_task_is_a_retryable_unknown_with_an_empty_error_member() {
    pinned(
        "finish_task_request_error_unsupported",
        &error(
            "2uVd5VsM9cW3xL5qKb8NtH2rZfD",
            2,
            "unsupported task type",
            false,
        ),
    );
}
