//! Interrupted syncs: a killed or abandoned run resumes from its last checkpoint, the
//! previous `.c1z` is never touched before the final rename, and producers on async tasks
//! feed one writer thread.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use c1z::{Batch, Error, GrantFilter, SyncId, SyncKind, Writer, WriterConfig, WriterHandle};

use crate::support::{all, graph, read};

/// Environment variable telling the child test where to write.
const CHILD_TARGET: &str = "C1Z_TEST_CHILD_TARGET";

fn finished_sync(path: &Path, generation: usize) -> SyncId {
    let mut writer = Writer::open(path, WriterConfig::default()).expect("opens");
    let id = writer.start_sync(SyncKind::Full).expect("starts");
    writer.write_batch(&graph(generation)).expect("commits");
    writer.finish().expect("publishes");
    id
}

fn working_file(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    name.push(".partial");
    name.into()
}

/// A sync of `graph(1)` as three checkpointed pages.
fn pages() -> [Batch; 3] {
    let g = graph(1);
    let page = |checkpoint: &str| Batch {
        checkpoint: Some(checkpoint.into()),
        ..Batch::default()
    };
    [
        Batch {
            resource_types: g.resource_types,
            resources: g.resources,
            ..page("resources-done")
        },
        Batch {
            entitlements: g.entitlements,
            ..page("entitlements-done")
        },
        Batch {
            grants: g.grants,
            ..page("grants-done")
        },
    ]
}

/// The first half of a sync: pages 1 and 2.
fn first_half(writer: &mut Writer) {
    for page in &pages()[..2] {
        writer.write_batch(page).expect("page commits");
    }
}

/// The rest after a resume: page 2 again (re-fetched from its checkpoint), then page 3.
fn second_half(writer: &mut Writer) {
    for page in &pages()[1..] {
        writer.write_batch(page).expect("page commits");
    }
}

/// Ids of the runs in the file, in row order.
fn run_ids(path: &Path) -> Vec<SyncId> {
    read(path)
        .sync_runs()
        .expect("runs")
        .into_iter()
        .map(|r| r.id)
        .collect()
}

fn assert_complete_sync(path: &Path, id: &SyncId) {
    let reader = read(path);
    let view = reader.view(None).expect("view");
    assert_eq!(view.sync().map(|s| &s.id), Some(id));
    let expected = graph(1);
    assert_eq!(all(view.resources(None)), expected.resources);
    assert_eq!(
        all(view.entitlements(None)),
        expected.entitlements,
        "re-sent rows are not duplicated"
    );
    assert_eq!(all(view.grants(GrantFilter::All)), expected.grants);
}

#[test]
#[ignore = "child process of killed_sync_resumes_from_its_last_checkpoint_and_the_previous_file_survives"]
fn child_writes_half_a_sync_then_waits_to_be_killed() {
    let Some(target) = std::env::var_os(CHILD_TARGET).map(PathBuf::from) else {
        return;
    };
    let mut writer = Writer::open(&target, WriterConfig::default()).expect("child opens");
    let id = writer.start_sync(SyncKind::Full).expect("child starts");
    first_half(&mut writer);
    std::fs::write(target.with_extension("ready"), id.as_str()).expect("child signals");
    std::thread::sleep(Duration::from_secs(120));
}

#[test]
fn killed_sync_resumes_from_its_last_checkpoint_and_the_previous_file_survives() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("sync.c1z");
    let first = finished_sync(&target, 0);
    let previous = std::fs::read(&target).expect("previous file");

    let mut child = Command::new(std::env::current_exe().expect("test binary path"))
        .args([
            "resume::child_writes_half_a_sync_then_waits_to_be_killed",
            "--exact",
            "--ignored",
            "--nocapture",
        ])
        .env(CHILD_TARGET, &target)
        .stdout(Stdio::null())
        .spawn()
        .expect("child starts");
    let ready = target.with_extension("ready");
    let deadline = Instant::now() + Duration::from_secs(60);
    while !ready.exists() {
        assert!(Instant::now() < deadline, "child never got ready");
        assert!(
            child.try_wait().expect("child status").is_none(),
            "child exited early"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("SIGKILL the child");
    child.wait().expect("child reaped");
    let killed_id = SyncId::from(std::fs::read_to_string(&ready).expect("sync id"));

    assert_eq!(
        std::fs::read(&target).expect("target"),
        previous,
        "previous .c1z untouched"
    );
    assert_eq!(run_ids(&target), std::slice::from_ref(&first));

    let mut writer = Writer::open(&target, WriterConfig::default()).expect("reopens");
    let offered = writer.resumable().expect("the killed run is offered");
    assert_eq!(
        (&offered.sync_id, offered.token.as_str()),
        (&killed_id, "entitlements-done")
    );
    writer.resume_sync().expect("resumes");
    second_half(&mut writer);
    writer.finish().expect("publishes");

    assert_complete_sync(&target, &killed_id);
    let runs = run_ids(&target);
    assert_eq!(runs, [first, killed_id]);
    assert!(!working_file(&target).exists());
}

#[test]
fn dropped_writer_leaves_a_resumable_run_with_its_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("sync.c1z");
    let mut writer = Writer::open(&target, WriterConfig::default()).expect("opens");
    assert_eq!(writer.resumable(), None);
    let id = writer.start_sync(SyncKind::Full).expect("starts");
    first_half(&mut writer);
    drop(writer);
    assert!(!target.exists(), "nothing published before finish");

    let mut writer = Writer::open(&target, WriterConfig::default()).expect("reopens");
    let point = writer.resume_sync().expect("resumes");
    assert_eq!(
        (point.sync_id, point.token.as_str()),
        (id.clone(), "entitlements-done")
    );
    assert!(
        matches!(writer.start_sync(SyncKind::Full), Err(Error::SyncInProgress(running)) if running == id)
    );
    second_half(&mut writer);
    writer.finish().expect("publishes");
    assert_complete_sync(&target, &id);
}

#[test]
fn unfinished_run_older_than_seven_days_is_not_offered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("sync.c1z");
    let first = finished_sync(&target, 0);
    let mut writer = Writer::open(&target, WriterConfig::default()).expect("opens");
    let stale = writer.start_sync(SyncKind::Full).expect("starts");
    first_half(&mut writer);
    drop(writer);
    let conn = rusqlite::Connection::open(working_file(&target)).expect("working db");
    let eight_days_ago =
        c1z::wall_clock::format(c1z::wall_clock::now_local() - time::Duration::days(8));
    conn.execute(
        "update v1_sync_runs set started_at = ?1 where sync_id = ?2",
        (&eight_days_ago, stale.as_str()),
    )
    .expect("age the run");
    drop(conn);

    let mut writer = Writer::open(&target, WriterConfig::default()).expect("reopens");
    assert_eq!(writer.resumable(), None);
    assert!(matches!(writer.resume_sync(), Err(Error::NothingToResume)));
    let fresh = writer.start_sync(SyncKind::Full).expect("starts");
    writer.write_batch(&graph(1)).expect("commits");
    writer.finish().expect("publishes");
    let runs = run_ids(&target);
    assert_eq!(
        runs,
        [first, fresh],
        "the stale run was discarded with its working file"
    );
}

#[test]
fn starting_anew_instead_of_resuming_drops_the_abandoned_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("sync.c1z");
    let mut writer = Writer::open(&target, WriterConfig::default()).expect("opens");
    let abandoned = writer.start_sync(SyncKind::Full).expect("starts");
    first_half(&mut writer);
    drop(writer);

    let mut writer = Writer::open(&target, WriterConfig::default()).expect("reopens");
    assert_eq!(writer.resumable().map(|p| &p.sync_id), Some(&abandoned));
    let fresh = writer.start_sync(SyncKind::Full).expect("starts");
    assert_eq!(writer.resumable(), None);
    writer.write_batch(&graph(1)).expect("commits");
    let report = writer.finish().expect("publishes");
    assert_eq!(report.removed_syncs, [abandoned]);
    assert_complete_sync(&target, &fresh);
}

#[test]
fn second_writer_on_the_same_file_is_refused_while_the_first_runs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("sync.c1z");
    let mut first = Writer::open(&target, WriterConfig::default()).expect("opens");
    first.start_sync(SyncKind::Full).expect("starts");
    let err = Writer::open(&target, WriterConfig::default())
        .err()
        .expect("second writer refused");
    assert!(
        matches!(err, Error::Busy { ref path } if *path == working_file(&target)),
        "{err}"
    );
    first
        .write_batch(&graph(0))
        .expect("first writer unaffected");
}

#[test]
fn writes_without_a_run_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut writer =
        Writer::open(dir.path().join("sync.c1z"), WriterConfig::default()).expect("opens");
    assert!(matches!(
        writer.write_batch(&graph(0)),
        Err(Error::NoActiveSync)
    ));
    assert!(matches!(writer.spawn(4), Err(Error::NoActiveSync)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_producers_feed_one_writer_thread_and_finish_publishes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("sync.c1z");
    let mut writer = Writer::open(&target, WriterConfig::default()).expect("opens");
    let id = writer.start_sync(SyncKind::Full).expect("starts");
    let handle = writer.spawn(4).expect("thread starts");
    assert_eq!(handle.sync_id(), &id);

    let g = graph(1);
    let producers = [
        Batch {
            resource_types: g.resource_types.clone(),
            resources: g.resources.clone(),
            ..Batch::default()
        },
        Batch {
            entitlements: g.entitlements.clone(),
            ..Batch::default()
        },
        Batch {
            grants: g.grants.clone(),
            checkpoint: Some("all".into()),
            ..Batch::default()
        },
    ]
    .map(|batch| {
        let handle = handle.clone();
        tokio::spawn(async move { handle.write(batch).await })
    });
    for producer in producers {
        producer.await.expect("task joins").expect("batch commits");
    }
    let straggler = handle.clone();
    let report = handle.finish().await.expect("publishes");
    assert_eq!(report.sync_id, id);
    assert!(matches!(
        straggler.write(Batch::default()).await,
        Err(Error::WriterStopped)
    ));

    let reader = read(&target);
    let view = reader.view(None).expect("view");
    let mut resources = all(view.resources(None));
    resources.sort_by(|a, b| a.id.cmp(&b.id));
    let mut expected = g.resources;
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(resources, expected);
    assert_eq!(all(view.grants(GrantFilter::All)).len(), g.grants.len());
    assert_eq!(
        reader
            .sync_run(id.as_str())
            .expect("query")
            .map(|r| r.sync_token),
        Some("all".to_owned())
    );
}

/// A run started on `target` and moved to its thread, with one checkpointed page stored.
async fn handle_with_one_page(target: &Path) -> (SyncId, WriterHandle) {
    let mut writer = Writer::open(target, WriterConfig::default()).expect("opens");
    let id = writer.start_sync(SyncKind::Full).expect("starts");
    let handle = writer.spawn(1).expect("thread starts");
    handle
        .write(Batch {
            resources: graph(1).resources,
            checkpoint: Some("page-1".into()),
            ..Batch::default()
        })
        .await
        .expect("commits");
    (id, handle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_the_handle_keeps_the_run_resumable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("sync.c1z");
    let (id, handle) = handle_with_one_page(&target).await;
    handle.close().await.expect("closes");

    let target2 = target.clone();
    let point = tokio::task::spawn_blocking(move || {
        let writer = Writer::open(&target2, WriterConfig::default()).expect("reopens");
        writer.resumable().cloned()
    })
    .await
    .expect("joins")
    .expect("run offered");
    assert_eq!((point.sync_id, point.token.as_str()), (id, "page-1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discarding_the_handle_deletes_the_working_file_and_keeps_the_previous_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("sync.c1z");
    let first = finished_sync(&target, 0);
    let previous = std::fs::read(&target).expect("previous file");
    let (_, handle) = handle_with_one_page(&target).await;
    assert!(working_file(&target).is_file());
    handle.discard().await.expect("discards");

    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("the folder lists")
        .map(|entry| entry.expect("an entry").file_name())
        .collect();
    assert_eq!(left, ["sync.c1z"], "no working or side file is left");
    assert_eq!(std::fs::read(&target).expect("still there"), previous);
    assert_eq!(run_ids(&target), [first]);
}

#[test]
fn repeated_rows_of_an_abandoned_run_do_not_block_a_later_finish() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("sync.c1z");
    let keep_all = WriterConfig {
        cleanup: c1z::Cleanup::Skip,
        ..WriterConfig::default()
    };
    let mut writer = Writer::open(&target, keep_all).expect("opens");
    let abandoned = writer.start_sync(SyncKind::Full).expect("starts");
    first_half(&mut writer);
    first_half(&mut writer);
    drop(writer);

    let mut writer = Writer::open(&target, keep_all).expect("reopens");
    assert_eq!(writer.resumable().map(|p| &p.sync_id), Some(&abandoned));
    let fresh = writer.start_sync(SyncKind::Full).expect("starts anew");
    writer.write_batch(&graph(1)).expect("commits");
    writer
        .finish()
        .expect("publishes despite the abandoned run's repeats");

    assert_complete_sync(&target, &fresh);
    let reader = read(&target);
    let view = reader
        .view(Some(abandoned.as_str()))
        .expect("abandoned run kept");
    assert_eq!(all(view.entitlements(None)), graph(1).entitlements);
}

#[test]
fn a_run_left_beside_a_file_that_is_not_a_c1z_never_replaces_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("sync.c1z");
    let mut writer = Writer::open(&target, WriterConfig::default()).expect("opens");
    writer.start_sync(SyncKind::Full).expect("starts");
    first_half(&mut writer);
    drop(writer);
    // Something else takes the target's place while the run waits to be resumed.
    std::fs::write(&target, b"not a sync file").expect("writes");

    let refused = Writer::open(&target, WriterConfig::default()).err();
    assert!(
        matches!(&refused, Some(Error::NotC1z { path }) if *path == target),
        "{refused:?}"
    );
    assert_eq!(std::fs::read(&target).expect("reads"), b"not a sync file");
}
