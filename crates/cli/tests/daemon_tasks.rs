//! Self-hosted mode, task by task: every kind of task ConductorOne hands out ends with the
//! FinishTask the Go SDK sends (or, for hello and none, with none), syncs upload exactly
//! the Zoom account, and provisioning changes Zoom idempotently.

use std::time::Duration;

use c1_proto::baton::{CreateResourceTask, EventFeedTask, TaskType};
use c1_service::Code;
use c1_sim::{Finish, TaskSpec, task};
use c1z::{Resource, ResourceId};

use crate::support::daemon::{
    HOST_ID, PATIENCE, SelfHosted, log_events, only_finished_sync, quick_c1, small_zoom,
};

const TYPE_URL_PREFIX: &str = "type.googleapis.com/c1.connector.v2.";

#[track_caller]
fn assert_success(finish: &Finish, response: Option<&str>) {
    assert!(finish.is_success(), "{finish:?}");
    let expected = response.map(|name| format!("{TYPE_URL_PREFIX}{name}"));
    assert_eq!(finish.response_type_url(), expected.as_deref());
}

#[track_caller]
fn assert_error(finish: &Finish, code: Code, non_retryable: bool) {
    assert_eq!(finish.code(), Some(code), "{finish:?}");
    assert_eq!(finish.non_retryable(), Some(non_retryable), "{finish:?}");
}

fn member_grant(group: &str, user: &str) -> TaskSpec {
    TaskSpec::Grant {
        entitlement: format!("group:{group}:member"),
        principal: format!("user:{user}"),
    }
}

fn member_revoke(group: &str, user: &str) -> TaskSpec {
    TaskSpec::Revoke {
        entitlement: format!("group:{group}:member"),
        principal: format!("user:{user}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_task_kind_ends_with_the_finish_the_go_sdk_sends() {
    let setup = SelfHosted::start(quick_c1(), small_zoom(21)).await;
    let daemon = setup.start_daemon(&["--provisioning"]);

    // The startup Hello: who we are, where we run, what the connector can do. The
    // simulator serves only a Hello that passes ConductorOne's validation rules.
    let hellos = setup.c1.wait_hellos(1, PATIENCE).await.expect("a Hello");
    let hello = &hellos[0].request;
    assert_eq!(
        (hello.host_id.as_str(), hello.task_id.as_str()),
        (HOST_ID, "")
    );
    let build = hello.build_info.clone().unwrap_or_default();
    assert_eq!(build.package, "baton-zoom");
    assert_eq!(build.package_version, env!("CARGO_PKG_VERSION"));
    assert!(build.lang_version.starts_with("rustc 1."), "{build:?}");
    // Served, so it passed ConductorOne's validation: every OS field is filled.
    assert!(hello.os_info.is_some());
    let metadata = hello.connector_metadata.clone().unwrap_or_default();
    assert_eq!(metadata.display_name, "Zoom");
    let capabilities = metadata.capabilities.unwrap_or_default();
    assert_eq!(capabilities.resource_type_capabilities.len(), 6);
    assert!(!capabilities.connector_capabilities.is_empty());

    // A full sync: uploaded, checked by its checksum, exactly the account.
    let sync = setup.push(TaskSpec::SyncFull);
    assert_success(&setup.wait_finished(&sync).await, None);
    setup.assert_upload_exact(&sync);
    assert_eq!(setup.c1.heartbeats(&sync).len(), 1, "the first heartbeat");
    assert_eq!(
        setup.work_files(),
        Vec::<String>::new(),
        "nothing left behind"
    );

    // Grant and revoke change Zoom; repeating either is a success that changes nothing.
    let truth = setup.zoom.ground_truth();
    let group = truth.groups[0].id.clone();
    let user = truth
        .plain_member(&[&group])
        .expect("a user outside the group")
        .id
        .clone();
    let is_member = || {
        let truth = setup.zoom.ground_truth();
        truth
            .group(&group)
            .expect("the group")
            .member_ids
            .contains(&user)
    };
    for _ in 0..2 {
        let grant = setup.run(member_grant(&group, &user)).await;
        assert_success(&grant, Some("GrantManagerServiceGrantResponse"));
        assert!(is_member());
    }
    for _ in 0..2 {
        let revoke = setup.run(member_revoke(&group, &user)).await;
        assert_success(&revoke, Some("GrantManagerServiceRevokeResponse"));
        assert!(!is_member());
    }

    // A principal Zoom does not know: not retryable, NotFound.
    let unknown = setup.run(member_grant(&group, "no-such-user")).await;
    assert_error(&unknown, Code::NotFound, true);

    // Account creation and deletion.
    let email = "new.hire@example.com";
    let created = setup
        .run(TaskSpec::CreateAccount {
            email: email.into(),
            profile: serde_json::Map::new(),
        })
        .await;
    assert_success(&created, Some("CreateAccountResponse"));
    let truth = setup.zoom.ground_truth();
    assert!(
        truth.pending_users.iter().any(|p| p.email == email)
            || truth.users.iter().any(|u| u.email == email),
        "the account exists in Zoom"
    );
    let deleted = setup
        .run(TaskSpec::DeleteResource {
            resource: format!("user:{user}"),
        })
        .await;
    assert_success(&deleted, Some("DeleteResourceResponse"));
    assert!(setup.zoom.ground_truth().user(&user).is_none());

    // Kinds a Zoom connector does not serve: a clear error that retrying cannot fix.
    let rotate = setup
        .run(TaskSpec::RotateCredentials {
            resource: format!("user:{}", truth.users[0].id),
        })
        .await;
    assert_error(&rotate, Code::Unimplemented, true);
    let create_resource = setup
        .finish_of(task(TaskType::CreateResource(CreateResourceTask {
            resource: Some(Resource::reference(ResourceId::new("group", "new"))),
        })))
        .await;
    assert_error(&create_resource, Code::Unimplemented, true);
    let event_feed = setup
        .finish_of(task(TaskType::EventFeed(EventFeedTask::default())))
        .await;
    assert_error(&event_feed, Code::Unimplemented, true);

    // A hello task is answered with a Hello carrying its id, a none task with nothing; the
    // task after them shows they were handed out and passed.
    let hello_task = setup.push(TaskSpec::Hello);
    let none_task = setup.push(TaskSpec::None);
    let after = setup.run(TaskSpec::EventFeed).await;
    assert!(!after.is_success());
    let hellos = setup.c1.wait_hellos(2, PATIENCE).await.expect("two hellos");
    assert_eq!(hellos[1].request.task_id, hello_task);
    for id in [&hello_task, &none_task] {
        let state = setup.c1.task(id).expect("a scripted task");
        assert_eq!(state.handed_out.len(), 1);
        assert_eq!(state.finishes, vec![], "{id} is not finished");
    }

    setup.assert_no_invalid_requests();
    let (status, stderr) = daemon.stop(Duration::from_secs(10)).await;
    assert!(status.success(), "{status:?}: {stderr}");
    // Twelve tasks ran to an end, each with exactly one FinishTask, and the log says so.
    let finished = log_events(&stderr, "task finished");
    assert_eq!(finished.len(), 12, "{stderr}");
    for event in &finished {
        let id = event["task_id"].as_str().expect("a task id");
        assert_eq!(setup.c1.finished(id).len(), 1, "{id}");
    }
    assert!(
        !stderr.contains(&setup.c1.client_secret()),
        "the secret stays out of the log"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_provisioning_changes_are_refused_and_skip_full_sync_uploads_an_empty_sync() {
    let setup = SelfHosted::start(quick_c1(), small_zoom(22)).await;
    let daemon = setup.start_daemon(&["--skip-full-sync"]);
    let truth = setup.zoom.ground_truth();
    let group = &truth.groups[0].id;
    let user = &truth.plain_member(&[group]).expect("a user").id;

    let grant = setup.run(member_grant(group, user)).await;
    assert_error(&grant, Code::FailedPrecondition, true);
    let message = grant
        .status()
        .map(|s| s.message.clone())
        .unwrap_or_default();
    assert!(message.contains("--provisioning"), "{message}");
    let delete = setup
        .run(TaskSpec::DeleteResource {
            resource: format!("user:{user}"),
        })
        .await;
    assert_error(&delete, Code::FailedPrecondition, true);
    assert_eq!(setup.zoom.ground_truth(), truth, "Zoom is unchanged");

    let sync = setup.push(TaskSpec::SyncFull);
    assert!(setup.wait_finished(&sync).await.is_success());
    let uploads = setup.c1.uploads();
    assert_eq!(uploads.len(), 1);
    let file = setup.work_dir().join("../empty.c1z");
    uploads[0]
        .write_to(&file)
        .expect("the upload is written out");
    let sync_id = only_finished_sync(&file);
    let reader = c1z::Reader::open(&file, &c1z::ReadOptions::default()).expect("it opens");
    let stats = reader.view(Some(&sync_id)).and_then(|v| v.stats());
    assert_eq!(stats.expect("stats").grants, 0);

    setup.assert_no_invalid_requests();
    let (status, stderr) = daemon.stop(Duration::from_secs(10)).await;
    assert!(status.success(), "{status:?}: {stderr}");
}
