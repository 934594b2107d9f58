//! A scripted round trip driven by the Go SDK's own serialised messages: the simulator
//! hands out the fixtures' tasks and its replies encode to exactly the fixtures' bytes;
//! the client's fixture messages (hello, heartbeat, upload, every kind of finish) are
//! accepted, pass validation, and are recorded as sent.

use c1_proto::baton::{
    BatonServiceFinishTaskRequest, BatonServiceGetTaskResponse, BatonServiceHelloRequest,
    BatonServiceUploadAssetRequest,
};
use prost::Message;

use crate::support::{Baton, HOST_ID, fixture, fixture_bytes, sim};

/// Each task fixture, and the fixture of the finish a connector sends for it (none for
/// hello and none tasks).
const TASKS: [(&str, Option<&str>); 9] = [
    ("get_task_response_hello", None),
    ("get_task_response_none_task", None),
    (
        "get_task_response_sync_full",
        Some("finish_task_request_sync_success"),
    ),
    (
        "get_task_response_grant",
        Some("finish_task_request_grant_success"),
    ),
    (
        "get_task_response_revoke",
        Some("finish_task_request_revoke_success"),
    ),
    (
        "get_task_response_create_account",
        Some("finish_task_request_create_account_success"),
    ),
    (
        "get_task_response_delete_resource",
        Some("finish_task_request_error_zoom_404"),
    ),
    (
        "get_task_response_rotate_credentials",
        Some("finish_task_request_rotate_unimplemented"),
    ),
    (
        "get_task_response_event_feed",
        Some("finish_task_request_error_unsupported"),
    ),
];

#[tokio::test]
async fn fixture_tasks_are_handed_out_byte_for_byte_and_their_answers_recorded() {
    let sim = sim().await;
    let mut client = Baton::connect(&sim).await;

    let hello: BatonServiceHelloRequest = fixture("hello_request");
    let reply = client.hello(hello.clone()).await.expect("hello served");
    assert_eq!(reply.encode_to_vec(), fixture_bytes("hello_response"));

    for (name, _) in TASKS {
        let reply: BatonServiceGetTaskResponse = fixture(name);
        let task = reply.task.expect("a task fixture");
        // The none-task fixture polls after 5 s; the simulator's replies carry one
        // next_poll, so that fixture's reply is compared for its task only.
        sim.push(task);
    }
    for (name, finish) in TASKS {
        let reply = client.get_task(HOST_ID).await.expect("poll served");
        let expected: BatonServiceGetTaskResponse = fixture(name);
        if name == "get_task_response_none_task" {
            assert_eq!(reply.task, expected.task);
        } else {
            assert_eq!(reply.encode_to_vec(), fixture_bytes(name), "{name}");
        }
        let task_id = reply.task.map(|t| t.id).unwrap_or_default();
        match name {
            "get_task_response_hello" => {
                client
                    .hello(fixture("hello_request_task"))
                    .await
                    .expect("hello for the task served");
            }
            "get_task_response_sync_full" => answer_sync(&sim, &mut client, &task_id).await,
            _ => {}
        }
        if let Some(finish) = finish {
            let request: BatonServiceFinishTaskRequest = fixture(finish);
            let reply = client
                .finish_task(request.clone())
                .await
                .expect("finish served");
            assert_eq!(reply.encode_to_vec(), fixture_bytes("finish_task_response"));
            let finishes = sim.finished(&task_id);
            assert_eq!(finishes.len(), 1, "{name}");
            assert_eq!(finishes[0].request, request, "{name}");
        }
    }

    let empty = client.get_task(HOST_ID).await.expect("poll served");
    assert_eq!(
        empty.encode_to_vec(),
        fixture_bytes("get_task_response_none")
    );

    let hellos = sim.hellos();
    assert_eq!(hellos.len(), 2);
    assert_eq!(hellos[0].request, hello);
    assert_eq!(hellos[1].request, fixture("hello_request_task"));
    assert_eq!(sim.polls().len(), TASKS.len() + 1);
    assert!(sim.refusals().is_empty(), "{:?}", sim.refusals());
}

/// Heartbeats (one cancelled) and the upload of the sync task, from the fixtures.
async fn answer_sync(sim: &c1_sim::C1Sim, client: &mut Baton, task_id: &str) {
    let beat = client.heartbeat(task_id).await.expect("heartbeat served");
    assert_eq!(beat.encode_to_vec(), fixture_bytes("heartbeat_response"));
    assert!(sim.cancel_after_heartbeats(task_id, 1));
    let beat = client.heartbeat(task_id).await.expect("heartbeat served");
    assert_eq!(
        beat.encode_to_vec(),
        fixture_bytes("heartbeat_response_cancelled")
    );
    assert_eq!(sim.heartbeats(task_id).len(), 2);

    let stream: Vec<BatonServiceUploadAssetRequest> = ["metadata", "data", "eof"]
        .iter()
        .map(|part| fixture(&format!("upload_asset_{part}")))
        .collect();
    let reply = client.upload(stream).await.expect("upload accepted");
    assert_eq!(
        reply.encode_to_vec(),
        fixture_bytes("upload_asset_response")
    );
    let uploads = sim.uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0].task_id, task_id);
    assert_eq!(uploads[0].host_id, HOST_ID);
    assert_eq!(uploads[0].bytes(), b"C1ZF\0\x28\xb5\x2f\xfd");
    assert_eq!(uploads[0].chunks, 1);
}
