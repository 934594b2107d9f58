//! The daemon's own messages against the Go SDK's bytes: handed the fixtures' tasks, with a
//! connector answering with the fixtures' content, every message the daemon builds (poll,
//! heartbeat, upload, each kind of finish) encodes to exactly the bytes the Go SDK sent. The
//! message types are pinned in `c1-proto`; this pins how the daemon fills them in.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use c1_proto::baton::*;
use c1_proto::connector::*;
use c1_service::{Code, Connector, DaemonConfig, TaskError};
use c1z::{Entitlement, Grant, Resource, ResourceId};
use prost::{Message, Name};

use crate::support::{Call, FakeBaton, config};

/// The host id every client-sent fixture carries.
const HOST_ID: &str = "3f6c2a9d81b4";

/// The sync file the upload fixtures carry: the first nine bytes of a c1z (its magic and
/// the start of the zstd frame).
const SYNC_FILE: &[u8] = b"C1ZF\0\x28\xb5\x2f\xfd";

/// The text of the delete error in `finish_task_request_error_nonretryable`, as Go's
/// connector reported it through gRPC.
const DELETE_ERROR: &str = "rpc error: code = NotFound desc = error: delete resource failed: rpc error: code = NotFound desc = user pN3bXq7RTm2sVwYh5LkJdA not found";

/// The bytes of `c1-proto`'s copy of the fixture `<name>.binpb`.
fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../c1-proto/tests/fixtures/baton-service/{name}.binpb",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

fn decode<M: Message + Default>(name: &str) -> M {
    M::decode(fixture(name).as_slice()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The connector response packed in the success fixture `name`.
fn response_in<M: Message + Name + Default>(name: &str) -> M {
    let request: BatonServiceFinishTaskRequest = decode(name);
    let Some(FinalState::Success(FinishSuccess {
        response: Some(any),
        ..
    })) = request.final_state
    else {
        panic!("{name} is not a success with a response");
    };
    c1z::unpack(&any)
        .unwrap_or_else(|| panic!("{name} packs no {}", M::full_name()))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A connector whose answers are the fixtures' content: the upload fixtures' file, the
/// grant and account fixtures' responses, and a delete that succeeds once, then fails as
/// the error fixture says.
#[derive(Default)]
struct FixtureConnector {
    deletes: AtomicUsize,
}

impl Connector for FixtureConnector {
    fn metadata(&self) -> ConnectorMetadata {
        ConnectorMetadata::default()
    }

    async fn sync(&self, file: &Path, _temp_dir: &Path) -> Result<(), TaskError> {
        tokio::fs::write(file, SYNC_FILE)
            .await
            .map_err(|e| TaskError::transient(Code::Internal, e.to_string()))
    }

    async fn grant(
        &self,
        _entitlement: Entitlement,
        _principal: Resource,
    ) -> Result<GrantManagerServiceGrantResponse, TaskError> {
        Ok(response_in("finish_task_request_grant_success"))
    }

    async fn revoke(&self, _grant: Grant) -> Result<GrantManagerServiceRevokeResponse, TaskError> {
        Ok(GrantManagerServiceRevokeResponse::default())
    }

    async fn create_account(
        &self,
        _request: CreateAccountRequest,
    ) -> Result<CreateAccountResponse, TaskError> {
        Ok(response_in("finish_task_request_create_account_success"))
    }

    async fn delete_resource(
        &self,
        _resource_id: ResourceId,
    ) -> Result<DeleteResourceResponse, TaskError> {
        if self.deletes.fetch_add(1, Ordering::SeqCst) == 0 {
            Ok(DeleteResourceResponse::default())
        } else {
            Err(TaskError::permanent(Code::NotFound, DELETE_ERROR))
        }
    }
}

#[tokio::test(start_paused = true)]
async fn messages_the_daemon_builds_for_the_fixtures_tasks_are_the_go_sdks_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let api = Arc::new(FakeBaton::default());
    // The delete task comes twice: answered once with success, once with the error.
    api.tasks.lock().unwrap().extend(
        [
            "get_task_response_sync_full",
            "get_task_response_grant",
            "get_task_response_revoke",
            "get_task_response_create_account",
            "get_task_response_delete_resource",
            "get_task_response_delete_resource",
        ]
        .map(|name| Ok(decode(name))),
    );
    let connector = Arc::new(FixtureConnector::default());
    let config = DaemonConfig {
        host_id: HOST_ID.into(),
        ..config(dir.path())
    };
    c1_service::run(
        Arc::clone(&api),
        connector,
        config,
        tokio::time::sleep(Duration::from_secs(30)),
    )
    .await
    .unwrap();

    let calls = api.calls();
    let polls: Vec<_> = calls
        .iter()
        .filter_map(|(_, call)| match call {
            Call::GetTask(request) => Some(request.encode_to_vec()),
            _ => None,
        })
        .collect();
    assert!(polls.len() > 6, "{} polls", polls.len());
    assert!(
        polls
            .iter()
            .all(|bytes| *bytes == fixture("get_task_request"))
    );

    let heartbeats: Vec<_> = calls
        .iter()
        .filter_map(|(_, call)| match call {
            Call::Heartbeat(request) => Some(request.encode_to_vec()),
            _ => None,
        })
        .collect();
    assert_eq!(heartbeats, [fixture("heartbeat_request")]);

    let uploads: Vec<Vec<Vec<u8>>> = calls
        .iter()
        .filter_map(|(_, call)| match call {
            Call::Upload(messages) => Some(messages.iter().map(Message::encode_to_vec).collect()),
            _ => None,
        })
        .collect();
    let expected_upload = [
        "upload_asset_metadata",
        "upload_asset_data",
        "upload_asset_eof",
    ]
    .map(fixture)
    .to_vec();
    assert_eq!(uploads, [expected_upload]);

    let finishes = api.finishes();
    let sent: Vec<Vec<u8>> = finishes.iter().map(Message::encode_to_vec).collect();
    let expected = [
        "finish_task_request_sync_success",
        "finish_task_request_grant_success",
        "finish_task_request_revoke_success",
        "finish_task_request_create_account_success",
        "finish_task_request_delete_resource_success",
        "finish_task_request_error_nonretryable",
    ];
    assert_eq!(sent.len(), expected.len(), "{finishes:#?}");
    for name in expected {
        let bytes = fixture(name);
        assert!(
            sent.contains(&bytes),
            "{name} was not sent byte for byte: expected {:#?}, sent {finishes:#?}",
            BatonServiceFinishTaskRequest::decode(bytes.as_slice())
        );
    }
}
