//! Every kind of task ends as the protocol says: one FinishTask with the right response type
//! or error code and retryability; hello answered by Hello; none skipped.

use std::sync::Arc;
use std::time::Duration;

use c1_proto::baton::*;
use c1_proto::connector::CreateAccountRequest;
use c1z::{Entitlement, Grant, Resource, ResourceId};
use sha2::{Digest, Sha256};

use crate::support::{Call, FakeBaton, FakeConnector, config, run_for, task};

fn success_type(request: &BatonServiceFinishTaskRequest) -> Option<String> {
    match &request.final_state {
        Some(FinalState::Success(success)) => Some(
            success
                .response
                .as_ref()
                .map(|any| any.type_url.clone())
                .unwrap_or_default(),
        ),
        _ => None,
    }
}

fn error_of(request: &BatonServiceFinishTaskRequest) -> (i32, bool, String) {
    let status = request.status.clone().unwrap_or_default();
    match &request.final_state {
        Some(FinalState::Error(error)) => (status.code, error.non_retryable, status.message),
        other => panic!("not an error finish: {other:?}"),
    }
}

/// Hands `tasks` to a daemon with provisioning on and a connector that syncs no users
/// instantly, runs it for ten (paused) seconds, and returns both fakes to inspect.
async fn run_tasks(tasks: impl IntoIterator<Item = Task>) -> (Arc<FakeBaton>, Arc<FakeConnector>) {
    let dir = tempfile::tempdir().unwrap();
    let api = Arc::new(FakeBaton::with_tasks(tasks));
    let connector = Arc::new(FakeConnector::new(0, Duration::ZERO));
    run_for(
        &api,
        &connector,
        config(dir.path()),
        Duration::from_secs(10),
    )
    .await
    .unwrap();
    (api, connector)
}

fn provisioning_tasks() -> Vec<Task> {
    let group = Resource::new(ResourceId::new("group", "g1"), "G");
    let user = ResourceId::new("user", "u1");
    vec![
        task(
            1,
            TaskType::Grant(GrantTask {
                entitlement: Some(Entitlement::assignment(&group, "member")),
                principal: Some(Resource::reference(user.clone())),
                ..Default::default()
            }),
        ),
        task(
            2,
            TaskType::Revoke(RevokeTask {
                grant: Some(Grant::new(&ResourceId::new("group", "g1"), "member", user)),
                annotations: vec![],
            }),
        ),
        task(
            3,
            TaskType::CreateAccount(CreateAccountRequest {
                account_info: Some(c1_proto::connector::AccountInfo {
                    login: "ada@example.com".into(),
                    ..Default::default()
                }),
                ..Default::default()
            }),
        ),
        task(
            4,
            TaskType::DeleteResource(DeleteResourceTask {
                resource_id: Some(ResourceId::new("user", "u9")),
            }),
        ),
    ]
}

#[tokio::test(start_paused = true)]
async fn provisioning_tasks_finish_with_their_packed_responses() {
    let (api, connector) = run_tasks(provisioning_tasks()).await;

    assert_eq!(
        *connector.provisioned.lock().unwrap(),
        [
            "grant group:g1:member to u1",
            "revoke group:g1:member:user:u1",
            "create ada@example.com",
            "delete u9"
        ]
    );
    let finishes = api.finishes();
    let types: Vec<_> = finishes
        .iter()
        .map(|f| (f.task_id.clone(), success_type(f)))
        .collect();
    let url = |name: &str| Some(format!("type.googleapis.com/c1.connector.v2.{name}"));
    assert_eq!(
        types,
        [
            (
                task(1, TaskType::None(NoneTask::default())).id,
                url("GrantManagerServiceGrantResponse")
            ),
            (
                task(2, TaskType::None(NoneTask::default())).id,
                url("GrantManagerServiceRevokeResponse")
            ),
            (
                task(3, TaskType::None(NoneTask::default())).id,
                url("CreateAccountResponse")
            ),
            (
                task(4, TaskType::None(NoneTask::default())).id,
                url("DeleteResourceResponse")
            ),
        ]
    );
    assert!(
        finishes
            .iter()
            .all(|f| f.status.is_none() && f.host_id == "test-host")
    );
}

#[tokio::test(start_paused = true)]
async fn provisioning_without_the_flag_is_refused_as_failed_precondition() {
    let dir = tempfile::tempdir().unwrap();
    let api = Arc::new(FakeBaton::with_tasks(provisioning_tasks()));
    let connector = Arc::new(FakeConnector::new(0, Duration::ZERO));
    let config = c1_service::DaemonConfig {
        provisioning: false,
        ..config(dir.path())
    };
    run_for(&api, &connector, config, Duration::from_secs(10))
        .await
        .unwrap();

    assert!(connector.provisioned.lock().unwrap().is_empty());
    let finishes = api.finishes();
    assert_eq!(finishes.len(), 4);
    for finish in &finishes {
        let (code, non_retryable, message) = error_of(finish);
        assert_eq!((code, non_retryable), (9, true));
        assert!(
            message.starts_with("provisioning is not enabled"),
            "{message}"
        );
        assert!(
            message.ends_with("\ntask failed and is non-retryable"),
            "{message}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn connector_errors_and_malformed_tasks_are_non_retryable() {
    let (api, _) = run_tasks([
        task(
            1,
            TaskType::DeleteResource(DeleteResourceTask {
                resource_id: Some(ResourceId::new("user", "missing")),
            }),
        ),
        task(2, TaskType::Grant(GrantTask::default())),
        task(3, TaskType::DeleteResource(DeleteResourceTask::default())),
    ])
    .await;

    let errors: Vec<_> = api.finishes().iter().map(error_of).collect();
    assert_eq!(
        errors,
        [
            (5, true, "user missing not found\ntask failed and is non-retryable".into()),
            (
                2,
                true,
                "malformed grant task: it needs an entitlement and a principal\ntask failed and is non-retryable".into()
            ),
            (
                2,
                true,
                "malformed delete resource task: it needs a resource type and id\ntask failed and is non-retryable".into()
            ),
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn unsupported_kinds_are_unimplemented_hello_is_answered_and_none_is_skipped() {
    let (api, _) = run_tasks([
        task(1, TaskType::RotateCredentials(Default::default())),
        task(2, TaskType::EventFeed(EventFeedTask::default())),
        task(3, TaskType::Hello(HelloTask::default())),
        task(4, TaskType::None(NoneTask::default())),
    ])
    .await;

    let finishes = api.finishes();
    let ids: Vec<_> = finishes.iter().map(|f| f.task_id.clone()).collect();
    assert_eq!(ids, [format!("{:0>27}", 1), format!("{:0>27}", 2)]);
    for finish in &finishes {
        let (code, non_retryable, _) = error_of(finish);
        assert_eq!((code, non_retryable), (12, true));
    }
    let hellos: Vec<_> = api
        .calls()
        .into_iter()
        .filter_map(|(_, call)| match call {
            Call::Hello(hello) => Some(hello),
            _ => None,
        })
        .collect();
    assert_eq!(hellos.len(), 2, "startup and the hello task");
    assert_eq!(hellos[0].task_id, "");
    assert_eq!(hellos[1].task_id, format!("{:0>27}", 3));
    let first = &hellos[0];
    let build = first.build_info.as_ref().unwrap();
    let os = first.os_info.as_ref().unwrap();
    assert!(
        !build.lang_version.is_empty() && build.package == "fake" && build.package_version == "1.0"
    );
    assert!(!os.hostname.is_empty() && !os.virtualization_system.is_empty());
    assert_eq!(
        first.connector_metadata.as_ref().unwrap().display_name,
        "Fake"
    );
}

#[tokio::test(start_paused = true)]
async fn sync_task_uploads_the_file_in_chunks_with_its_checksum_and_finishes_empty() {
    let dir = tempfile::tempdir().unwrap();
    let api = Arc::new(FakeBaton::with_tasks([task(
        7,
        TaskType::SyncFull(SyncFullTask::default()),
    )]));
    // Enough users for a file over one 512 KiB chunk.
    let connector = Arc::new(FakeConnector::new(40_000, Duration::from_secs(5)));
    run_for(
        &api,
        &connector,
        config(dir.path()),
        Duration::from_secs(60),
    )
    .await
    .unwrap();

    let calls = api.calls();
    let upload = calls
        .iter()
        .find_map(|(_, call)| match call {
            Call::Upload(messages) => Some(messages.clone()),
            _ => None,
        })
        .expect("the file was uploaded");
    let id = format!("{:0>27}", 7);
    let mut data = Vec::new();
    let mut sizes = Vec::new();
    let (first, rest) = upload.split_first().unwrap();
    assert!(
        matches!(&first.msg, Some(UploadMessage::Metadata(m)) if m.task_id == id && m.host_id == "test-host")
    );
    let (last, chunks) = rest.split_last().unwrap();
    for chunk in chunks {
        let Some(UploadMessage::Data(chunk)) = &chunk.msg else {
            panic!("data expected")
        };
        sizes.push(chunk.data.len());
        data.extend_from_slice(&chunk.data);
    }
    assert!(sizes.len() >= 2, "{sizes:?}");
    assert!(
        sizes[..sizes.len() - 1].iter().all(|&s| s == 512 * 1024),
        "{sizes:?}"
    );
    let Some(UploadMessage::Eof(eof)) = &last.msg else {
        panic!("eof expected")
    };
    assert_eq!(eof.sha256_checksum, Sha256::digest(&data).to_vec());
    assert_eq!(&data[..5], b"C1ZF\0");

    // Read back, the upload holds the sync.
    let copy = dir.path().join("uploaded.c1z");
    std::fs::write(&copy, &data).unwrap();
    let reader = c1z::Reader::open(&copy, &c1z::ReadOptions::default()).unwrap();
    let stats = reader.view(None).unwrap().stats().unwrap();
    assert_eq!(stats.resources_by_type, [("user".to_owned(), 40_000)]);

    let finishes = api.finishes();
    assert_eq!(finishes.len(), 1);
    assert_eq!(
        finishes[0].final_state,
        Some(FinalState::Success(FinishSuccess::default()))
    );
    assert!(
        !dir.path().join(format!("baton-sync-{id}.c1z")).exists(),
        "the uploaded file is removed"
    );
    let heartbeats = calls
        .iter()
        .filter(|(_, c)| matches!(c, Call::Heartbeat(_)))
        .count();
    assert!(
        heartbeats >= 5,
        "an initial heartbeat and one a second during the 5 s sync: {heartbeats}"
    );
}
