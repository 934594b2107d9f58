//! GetTask replies carrying each kind of task.

use c1_proto::baton::*;
use c1_proto::connector::*;
use c1z::ResourceId;
use prost_types::Timestamp;

use crate::support::{
    JANE, JOSE, engineering_member, grant_to_jane, help_desk_member, jane, pinned, profile, seconds,
};

/// The reply carrying `task_type` in task `id`, with the fixtures' 1 s poll and 30 s heartbeat.
fn reply(id: &str, task_type: TaskType) -> BatonServiceGetTaskResponse {
    BatonServiceGetTaskResponse {
        task: Some(Task {
            id: id.into(),
            status: TaskStatus::Pending as i32,
            debug: false,
            task_type: Some(task_type),
        }),
        next_poll: seconds(1),
        next_heartbeat: seconds(30),
        annotations: vec![],
    }
}

#[test]
fn hello_and_sync_full_tasks_are_empty_members() {
    pinned(
        "get_task_response_hello",
        &reply(
            "2uVd5R0aZk4TnM8wXq2LbC6yPfG",
            TaskType::Hello(HelloTask::default()),
        ),
    );
    pinned(
        "get_task_response_sync_full",
        &reply(
            "2uVd5RmJ7pW1sE9vKx3NqD5tHbL",
            TaskType::SyncFull(SyncFullTask::default()),
        ),
    );
}

#[test]
fn grant_task_carries_full_entitlement_and_parentless_principal() {
    let expected = reply(
        "2uVd5SbT4kQ8zR2mYw6LnF1xCpV",
        TaskType::Grant(GrantTask {
            entitlement: Some(engineering_member()),
            principal: Some(jane()),
            annotations: vec![],
            duration: None,
        }),
    );
    pinned("get_task_response_grant", &expected);
    let Some(TaskType::Grant(grant)) = expected.task.and_then(|t| t.task_type) else {
        unreachable!("built as a grant task")
    };
    assert_eq!(grant.principal.and_then(|p| p.parent_resource_id), None);
}

#[test]
fn revoke_task_carries_the_full_grant() {
    pinned(
        "get_task_response_revoke",
        &reply(
            "2uVd5T7cN1vB5qK9hZx3MwR8dJs",
            TaskType::Revoke(RevokeTask {
                grant: Some(grant_to_jane(help_desk_member())),
                annotations: vec![],
            }),
        ),
    );
}

#[test]
fn create_account_task_carries_account_info_and_no_password() {
    pinned(
        "get_task_response_create_account",
        &reply(
            "2uVd5TzP6mX2wL8rQb4KcV0nYgE",
            TaskType::CreateAccount(CreateAccountTask {
                account_info: Some(AccountInfo {
                    emails: vec![AccountEmail {
                        address: "jose.martinez@example.com".into(),
                        is_primary: true,
                    }],
                    login: "jose.martinez@example.com".into(),
                    login_aliases: vec![],
                    profile: Some(profile(serde_json::json!({
                        "display_name": "José Martínez",
                        "email": "jose.martinez@example.com",
                        "first_name": "José",
                        "last_name": "Martínez",
                        "login": "jose.martinez@example.com",
                    }))),
                }),
                credential_options: Some(CredentialOptions {
                    options: Some(CredentialOption::NoPassword(NoPassword {})),
                }),
                encryption_configs: vec![],
            }),
        ),
    );
}

#[test]
fn delete_resource_task_carries_the_resource_id() {
    pinned(
        "get_task_response_delete_resource",
        &reply(
            "2uVd5UfH3tR7yN1kWq9BmZ5cLxA",
            TaskType::DeleteResource(DeleteResourceTask {
                resource_id: Some(ResourceId::new("user", JOSE)),
            }),
        ),
    );
}

#[test]
fn rotate_credentials_task_carries_password_rules_and_encryption_key() {
    let constraint = |char_set: &str, min_count| PasswordConstraint {
        char_set: char_set.into(),
        min_count,
    };
    pinned(
        "get_task_response_rotate_credentials",
        &reply(
            "2uVd5V2gK8bQ4nT6zXw1RcM7pJy",
            TaskType::RotateCredentials(RotateCredentialsTask {
                resource_id: Some(ResourceId::new("user", JANE)),
                credential_options: Some(CredentialOptions {
                    options: Some(CredentialOption::RandomPassword(RandomPassword {
                        length: 24,
                        constraints: vec![
                            constraint("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1),
                            constraint("0123456789", 2),
                        ],
                    })),
                }),
                encryption_configs: vec![EncryptionConfig {
                    principal: Some(c1z::Resource::reference(ResourceId::new("user", JANE))),
                    provider: "baton/jwk/v1".into(),
                    key_id: "2dd1055732fb6f873fd368976d7fbd2a2e9d351e4ab74c3c0b2cfb6de44fa963"
                        .into(),
                    config: Some(EncryptionKeyConfig::JwkPublicKeyConfig(JwkPublicKeyConfig {
                        pub_key: br#"{"kty":"OKP","crv":"Ed25519","x":"C_gk0doILiOtxS7jYwx298q-Pk1smW-sqFOK4awFu94"}"#.to_vec(),
                    })),
                }],
            }),
        ),
    );
}

#[test]
fn event_feed_task_carries_its_start() {
    pinned(
        "get_task_response_event_feed",
        &reply(
            "2uVd5VsM9cW3xL5qKb8NtH2rZfD",
            TaskType::EventFeed(EventFeedTask {
                annotations: vec![],
                start_at: Some(Timestamp {
                    seconds: 1_748_856_600,
                    nanos: 0,
                }),
            }),
        ),
    );
}
