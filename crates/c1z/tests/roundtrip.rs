//! Writing syncs and reading them back: every message kind and annotation round-trips,
//! several syncs live in one file, and readers pick syncs as baton does.

use c1z::{
    Annotated, Batch, Cleanup, GrantExpandable, GrantFilter, ReadOptions, Reader, ResourceId,
    SyncKind, SyncType, UserTrait, Writer, WriterConfig,
};

use crate::support::{all, graph, read};

fn write_sync(path: &std::path::Path, batch: &Batch, config: WriterConfig) -> c1z::SyncId {
    let mut writer = Writer::open(path, config).expect("writer opens");
    let id = writer.start_sync(SyncKind::Full).expect("sync starts");
    writer.write_batch(batch).expect("batch commits");
    let report = writer.finish().expect("sync publishes");
    assert_eq!(report.sync_id, id);
    id
}

#[test]
fn every_message_kind_and_annotation_round_trips_across_syncs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sync.c1z");
    let ids: Vec<_> = (0..3)
        .map(|generation| {
            write_sync(
                &path,
                &graph(generation),
                WriterConfig {
                    cleanup: Cleanup::Skip,
                    ..Default::default()
                },
            )
        })
        .collect();

    let reader = read(&path);
    let runs = reader.sync_runs().expect("runs");
    assert_eq!(runs.iter().map(|r| r.id.clone()).collect::<Vec<_>>(), ids);
    assert!(
        runs.iter()
            .all(|r| r.finished && r.sync_type == SyncType::Full && r.ended_at.is_some())
    );

    for (generation, id) in ids.iter().enumerate() {
        let expected = graph(generation);
        let view = reader
            .view(Some(id.as_str()))
            .expect("explicit sync exists");
        assert_eq!(all(view.resource_types()), expected.resource_types);
        assert_eq!(all(view.resources(None)), expected.resources);
        assert_eq!(all(view.entitlements(None)), expected.entitlements);
        assert_eq!(all(view.grants(GrantFilter::All)), expected.grants);
        assert_eq!(grant_keys(&view), keys_of(&expected.grants), "sync {id}");
        // A parallel view reads the same sync on another thread.
        let parallel = view.parallel().expect("a second connection");
        let on_another_thread = std::thread::scope(|scope| {
            let read = scope.spawn(move || all(parallel.view().resources(None)));
            read.join().expect("the thread reads")
        });
        assert_eq!(on_another_thread, expected.resources, "sync {id}");
    }

    // Without an id, lists read the newest finished full sync.
    let latest = reader.view(None).expect("view");
    assert_eq!(latest.sync().map(|s| &s.id), ids.last());
    let users = all(latest.resources(Some("user")));
    assert_eq!(users.len(), 5);
    let trait_ = users[0]
        .annotation::<UserTrait>()
        .expect("decodes")
        .expect("present");
    assert_eq!(trait_.emails[0].address, "user1@example.com");
    assert_eq!(trait_.employee_ids, ["E1"]);
}

/// (entitled resource type, resource, entitlement id, slug, principal type, principal).
type Key = (String, String, String, Option<String>, String, String);

/// The keys of a sync's grants as `grant_keys` reads them from the index columns.
fn grant_keys(view: &c1z::SyncView<'_>) -> Vec<Key> {
    let mut keys = Vec::new();
    let count = view
        .grant_keys(|k| {
            keys.push((
                k.resource_type.to_owned(),
                k.resource.to_owned(),
                k.entitlement_id.to_owned(),
                k.slug().map(str::to_owned),
                k.principal_type.to_owned(),
                k.principal.to_owned(),
            ))
        })
        .expect("the grant columns read");
    assert_eq!(count, keys.len() as u64);
    keys
}

/// The same keys taken from the decoded messages (the test graph's ids hold no `:`, so the
/// slug is the entitlement id's last part).
fn keys_of(grants: &[c1z::Grant]) -> Vec<Key> {
    grants
        .iter()
        .map(|g| {
            let resource = g.entitled_resource().expect("an entitled resource");
            let principal = g.principal_id().expect("a principal");
            let entitlement_id = &g.entitlement.as_ref().expect("an entitlement").id;
            (
                resource.resource_type.clone(),
                resource.resource.clone(),
                entitlement_id.clone(),
                entitlement_id.rsplit(':').next().map(str::to_owned),
                principal.resource_type.clone(),
                principal.resource.clone(),
            )
        })
        .collect()
}

#[test]
fn lookups_and_filters_return_exactly_the_matching_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sync.c1z");
    write_sync(&path, &graph(1), WriterConfig::default());
    let expected = graph(1);
    let reader = read(&path);
    let view = reader.view(None).expect("view");

    let g1 = ResourceId::new("group", "g1");
    let u1 = ResourceId::new("user", "u1");
    assert_eq!(
        view.resource(&g1).expect("lookup").as_ref(),
        expected
            .resources
            .iter()
            .find(|r| r.id.as_ref() == Some(&g1))
    );
    assert_eq!(
        view.resource(&ResourceId::new("group", "nope"))
            .expect("lookup"),
        None
    );
    assert_eq!(
        view.resource_type("role")
            .expect("lookup")
            .map(|t| t.display_name),
        Some("Role".to_owned())
    );
    assert_eq!(
        view.entitlement("group:g1:admin")
            .expect("lookup")
            .map(|e| e.display_name),
        Some("Group 1 group admin".to_owned())
    );
    let grant = view
        .grant("group:g1:member:group:g2")
        .expect("lookup")
        .expect("present");
    assert_eq!(
        grant
            .annotation::<GrantExpandable>()
            .expect("decodes")
            .map(|g| g.entitlement_ids),
        Some(vec!["group:g2:member".to_owned()])
    );

    let ids = |grants: Vec<c1z::Grant>| grants.into_iter().map(|g| g.id).collect::<Vec<_>>();
    assert_eq!(
        ids(all(view.grants(GrantFilter::Entitlement("group:g2:member")))),
        ["group:g2:member:user:u1", "group:g2:member:user:u3"]
    );
    assert_eq!(
        ids(all(view.grants(GrantFilter::Principal(&u1)))),
        ["group:g2:member:user:u1", "role:r1:member:user:u1"]
    );
    assert_eq!(
        ids(all(view.grants(GrantFilter::Resource(&g1)))),
        [
            "group:g1:member:user:u2",
            "group:g1:member:user:u4",
            "group:g1:member:group:g2"
        ]
    );
    assert_eq!(
        ids(all(view.grants(GrantFilter::ResourceType("role")))),
        ["role:r1:member:user:u1"]
    );
    let on_g1: Vec<_> = all(view.entitlements(Some(&g1)))
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(on_g1, ["group:g1:member", "group:g1:admin"]);

    let stats = view.stats().expect("stats");
    assert_eq!(stats.resource_types, 4);
    assert_eq!(
        stats.resources_by_type,
        [
            ("app".to_owned(), 1),
            ("group".to_owned(), 2),
            ("role".to_owned(), 1),
            ("user".to_owned(), 4)
        ]
    );
    assert_eq!((stats.entitlements, stats.grants), (5, 6));
}

#[test]
fn pages_follow_baton_tokens_until_the_last_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sync.c1z");
    write_sync(&path, &graph(4), WriterConfig::default());
    let reader = read(&path);
    let view = reader.view(None).expect("view");
    let expected: Vec<String> = graph(4)
        .resources
        .into_iter()
        .map(|r| r.display_name)
        .collect();

    let mut token: Option<String> = None;
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let page = view
            .resources(None)
            .page(token.as_deref(), 3)
            .expect("page");
        pages += 1;
        seen.extend(page.items.into_iter().map(|r| r.display_name));
        match page.next_page_token {
            Some(next) => {
                assert!(next.parse::<i64>().is_ok(), "token is a row id: {next}");
                token = Some(next);
            }
            None => break,
        }
    }
    assert_eq!(seen, expected);
    assert_eq!(pages, expected.len().div_ceil(3));
    assert!(
        matches!(view.resources(None).page(Some("abc"), 3), Err(c1z::Error::InvalidPageToken(t)) if t == "abc")
    );
}

#[test]
fn cleanup_keeps_the_newest_full_syncs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sync.c1z");
    let ids: Vec<_> = (0..4)
        .map(|g| write_sync(&path, &graph(g), WriterConfig::default()))
        .collect();
    let reader = read(&path);
    let kept: Vec<_> = reader
        .sync_runs()
        .expect("runs")
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(kept, ids[2..]);
    // Rows of deleted syncs are gone too.
    let old = reader.view(None).expect("view");
    assert_eq!(
        old.stats().expect("stats").grants,
        graph(3).grants.len() as u64
    );
    assert!(matches!(
        reader.view(Some(ids[0].as_str())),
        Err(c1z::Error::SyncNotFound(_))
    ));
}

#[test]
fn partial_sync_is_recorded_with_its_parent_and_lists_still_read_the_full_sync() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sync.c1z");
    let full = write_sync(&path, &graph(0), WriterConfig::default());
    let mut writer = Writer::open(&path, WriterConfig::default()).expect("opens");
    let partial = writer
        .start_sync(SyncKind::Partial {
            parent: full.clone(),
        })
        .expect("starts");
    writer
        .write_batch(&Batch {
            resources: graph(5).resources[..1].to_vec(),
            ..Batch::default()
        })
        .expect("commits");
    writer.finish().expect("publishes");

    let reader = read(&path);
    let run = reader
        .sync_run(partial.as_str())
        .expect("query")
        .expect("partial run exists");
    assert_eq!(
        (run.sync_type, run.parent_sync_id),
        (SyncType::Partial, full.to_string())
    );
    let view = reader.view(None).expect("view");
    assert_eq!(view.sync().map(|s| s.id.clone()), Some(full));
    // Lookups by id of grants/entitlements/types use the newest finished sync of any type.
    assert_eq!(
        reader
            .latest_finished_sync(None)
            .expect("query")
            .map(|r| r.id),
        Some(partial)
    );
}

#[test]
fn a_row_sent_twice_in_one_sync_is_stored_once_with_the_last_content() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sync.c1z");
    let g = graph(0);
    let original = g.grants.last().expect("fixture has grants").clone();
    let changed = c1z::Grant {
        annotations: Vec::new(),
        sources: None,
        ..original.clone()
    };
    assert_ne!(changed, original);
    let mut writer = Writer::open(&path, WriterConfig::default()).expect("opens");
    writer.start_sync(SyncKind::Full).expect("starts");
    writer.write_batch(&g).expect("first copy commits");
    writer
        .write_batch(&Batch {
            grants: vec![changed.clone()],
            ..Batch::default()
        })
        .expect("second copy commits");
    writer.finish().expect("publishes");

    let reader = read(&path);
    let view = reader.view(None).expect("view");
    let grants = all(view.grants(GrantFilter::All));
    assert_eq!(grants.len(), g.grants.len());
    assert_eq!(
        grants
            .iter()
            .filter(|x| x.id == changed.id)
            .collect::<Vec<_>>(),
        [&changed]
    );
    assert_eq!(view.grant(&changed.id).expect("lookup"), Some(changed));
}

#[test]
fn a_reader_decompresses_into_its_temp_dir_and_removes_the_copy() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sync.c1z");
    write_sync(&path, &graph(0), WriterConfig::default());
    let temp = dir.path().join("temp");
    std::fs::create_dir(&temp).expect("temp folder");
    let options = ReadOptions {
        temp_dir: Some(temp.clone()),
        ..ReadOptions::default()
    };
    let entries = || std::fs::read_dir(&temp).expect("temp folder lists").count();
    let reader = Reader::open(&path, &options).expect("the file opens");
    assert_eq!(entries(), 1, "the decompressed copy is in the temp folder");
    assert_eq!(
        all(reader.view(None).expect("a sync").resources(None)),
        graph(0).resources
    );
    drop(reader);
    assert_eq!(entries(), 0);
}
