//! Golden checks of the on-disk format against baton-sdk v0.3.12: the SQLite schema column
//! for column, the container header, timestamp text, sync ids and index column contents.
//!
//! The expectations below are transcribed from the SDK's DDL; they are deliberately not
//! derived from the crate's own schema text.

use std::path::Path;

use c1z::{Cleanup, Limits, SyncKind, Writer, WriterConfig, decompress_file};
use rusqlite::Connection;

use crate::support;

/// (name, declared type, not null, default, primary key) per column, in DDL order.
type Column = (&'static str, &'static str, bool, Option<&'static str>, bool);

const RECORD_TAIL: [Column; 3] = [
    ("data", "BLOB", true, None, false),
    ("sync_id", "TEXT", true, None, false),
    ("discovered_at", "DATETIME", true, None, false),
];

fn golden_tables() -> Vec<(&'static str, Vec<Column>)> {
    let id: Column = ("id", "INTEGER", false, None, true);
    let text_nn = |name| (name, "TEXT", true, None, false);
    let text_null = |name| (name, "TEXT", false, None, false);
    let record = |middle: Vec<Column>| {
        let mut columns = vec![id];
        columns.extend(middle);
        columns.extend(RECORD_TAIL);
        columns
    };
    vec![
        ("v1_resource_types", record(vec![text_nn("external_id")])),
        (
            "v1_resources",
            record(vec![
                text_nn("resource_type_id"),
                text_nn("external_id"),
                text_null("parent_resource_type_id"),
                text_null("parent_resource_id"),
            ]),
        ),
        (
            "v1_entitlements",
            record(vec![
                text_nn("resource_type_id"),
                text_nn("resource_id"),
                text_nn("external_id"),
            ]),
        ),
        (
            "v1_grants",
            record(vec![
                text_nn("resource_type_id"),
                text_nn("resource_id"),
                text_nn("entitlement_id"),
                text_nn("principal_resource_type_id"),
                text_nn("principal_resource_id"),
                text_nn("external_id"),
            ]),
        ),
        (
            "v1_sync_runs",
            vec![
                id,
                text_nn("sync_id"),
                ("started_at", "DATETIME", true, None, false),
                ("ended_at", "DATETIME", false, None, false),
                text_nn("sync_token"),
                ("sync_type", "TEXT", true, Some("'full'"), false),
                ("parent_sync_id", "TEXT", true, Some("''"), false),
            ],
        ),
        (
            "v1_assets",
            vec![
                id,
                text_nn("external_id"),
                text_nn("content_type"),
                ("data", "BLOB", true, None, false),
                text_nn("sync_id"),
                ("discovered_at", "DATETIME", true, None, false),
            ],
        ),
    ]
}

/// (index name, table, unique, columns).
const GOLDEN_INDEXES: [(&str, &str, bool, &[&str]); 11] = [
    (
        "idx_resource_types_external_sync_v1",
        "v1_resource_types",
        true,
        &["external_id", "sync_id"],
    ),
    (
        "idx_resources_resource_type_id_v1",
        "v1_resources",
        false,
        &["resource_type_id"],
    ),
    (
        "idx_resources_external_sync_v1",
        "v1_resources",
        false,
        &["parent_resource_type_id", "parent_resource_id"],
    ),
    (
        "idx_resources_parent_resource_id_v1",
        "v1_resources",
        true,
        &["external_id", "sync_id"],
    ),
    (
        "idx_entitlements_resource_id_v1",
        "v1_entitlements",
        false,
        &["resource_type_id", "resource_id"],
    ),
    (
        "idx_entitlements_external_sync_v1",
        "v1_entitlements",
        true,
        &["external_id", "sync_id"],
    ),
    (
        "idx_grants_resource_type_id_resource_id_v1",
        "v1_grants",
        false,
        &["resource_type_id", "resource_id"],
    ),
    (
        "idx_grants_principal_id_v1",
        "v1_grants",
        false,
        &["principal_resource_type_id", "principal_resource_id"],
    ),
    (
        "idx_grants_entitlement_id_principal_id_v1",
        "v1_grants",
        false,
        &[
            "entitlement_id",
            "principal_resource_type_id",
            "principal_resource_id",
        ],
    ),
    (
        "idx_grants_external_sync_v1",
        "v1_grants",
        true,
        &["external_id", "sync_id"],
    ),
    (
        "idx_sync_runs_sync_id_v1",
        "v1_sync_runs",
        true,
        &["sync_id"],
    ),
];
const GOLDEN_ASSET_INDEX: (&str, &str, bool, &[&str]) = (
    "idx_assets_external_sync_v1",
    "v1_assets",
    true,
    &["external_id", "sync_id"],
);

/// Writes two syncs and returns the decompressed database.
fn written_database(dir: &Path) -> (Vec<u8>, Connection) {
    let path = dir.join("sync.c1z");
    for generation in 0..2 {
        let mut writer = Writer::open(
            &path,
            WriterConfig {
                cleanup: Cleanup::Skip,
                ..Default::default()
            },
        )
        .expect("writer opens");
        writer.start_sync(SyncKind::Full).expect("sync starts");
        writer
            .write_batch(&support::graph(generation))
            .expect("batch commits");
        writer.finish().expect("publishes");
    }
    let db = dir.join("plain.db");
    decompress_file(&path, &db, Limits::default()).expect("decompresses");
    let bytes = std::fs::read(&path).expect("c1z readable");
    (bytes, Connection::open(&db).expect("sqlite opens"))
}

#[test]
fn schema_matches_the_sdk_tables_and_indexes_column_for_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, conn) = written_database(dir.path());

    let tables: Vec<String> = conn
        .prepare("select name from sqlite_master where type = 'table' order by rowid")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    let golden = golden_tables();
    assert_eq!(
        tables,
        golden
            .iter()
            .map(|(name, _)| name.to_string())
            .collect::<Vec<_>>()
    );

    for (table, columns) in &golden {
        let actual: Vec<(String, String, bool, Option<String>, bool)> = conn
            .prepare(&format!("pragma table_info({table})"))
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok((
                        r.get(1)?,
                        r.get::<_, String>(2)?.to_uppercase(),
                        r.get(3)?,
                        r.get(4)?,
                        r.get::<_, i64>(5)? == 1,
                    ))
                })?
                .collect()
            })
            .expect("table_info");
        let expected: Vec<_> = columns
            .iter()
            .map(|(n, t, nn, d, pk)| (n.to_string(), t.to_string(), *nn, d.map(str::to_owned), *pk))
            .collect();
        assert_eq!(actual, expected, "columns of {table}");
    }

    let mut expected_indexes: Vec<_> = GOLDEN_INDEXES.iter().chain([&GOLDEN_ASSET_INDEX]).collect();
    expected_indexes.sort_by_key(|(name, ..)| *name);
    let actual_indexes: Vec<(String, String)> = conn
        .prepare("select name, tbl_name from sqlite_master where type = 'index' and sql is not null order by name")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("indexes");
    assert_eq!(
        actual_indexes,
        expected_indexes
            .iter()
            .map(|(n, t, ..)| (n.to_string(), t.to_string()))
            .collect::<Vec<_>>()
    );
    for (name, table, unique, columns) in expected_indexes {
        let is_unique: bool = conn
            .query_row(
                &format!("select \"unique\" from pragma_index_list('{table}') where name = ?1"),
                [name],
                |r| r.get(0),
            )
            .expect("index listed");
        assert_eq!(is_unique, *unique, "uniqueness of {name}");
        let actual: Vec<String> = conn
            .prepare(&format!(
                "select name from pragma_index_info('{name}') order by seqno"
            ))
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("index_info");
        assert_eq!(actual, *columns, "columns of {name}");
    }
}

#[test]
fn container_is_the_magic_then_one_checksummed_zstd_frame_of_a_rollback_journal_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (bytes, conn) = written_database(dir.path());
    assert_eq!(&bytes[..5], [0x43, 0x31, 0x5A, 0x46, 0x00]);
    assert_eq!(&bytes[5..9], [0x28, 0xB5, 0x2F, 0xFD]);
    let descriptor = bytes[9];
    assert_eq!(descriptor & 0x04, 0x04, "content checksum flag");
    assert_eq!(descriptor & 0x03, 0, "no dictionary");

    let plain = std::fs::read(dir.path().join("plain.db")).expect("db readable");
    assert_eq!(&plain[..16], b"SQLite format 3\0");
    assert_eq!(
        (plain[18], plain[19]),
        (1, 1),
        "legacy (non-WAL) journal, no WAL needed to read"
    );
    assert_eq!(
        u16::from_be_bytes([plain[16], plain[17]]),
        4096,
        "page size"
    );
    let encoding: String = conn
        .query_row("pragma encoding", [], |r| r.get(0))
        .expect("encoding");
    assert_eq!(encoding, "UTF-8");
    assert!(
        !dir.path().join("sync.c1z.partial").exists(),
        "working file removed"
    );
    assert!(!dir.path().join("sync.c1z.partial-wal").exists());
}

/// True for Go's `2006-01-02 15:04:05.999999999` layout: no zone, no trailing zeros.
fn is_go_time(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let base = b.len() >= 19
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
            .into_iter()
            .all(digit)
        && (b[4], b[7], b[10], b[13], b[16]) == (b'-', b'-', b' ', b':', b':');
    match b.get(19) {
        None => base,
        Some(b'.') => {
            base && b.len() > 20
                && b.len() <= 29
                && (20..b.len()).all(digit)
                && b[b.len() - 1] != b'0'
        }
        Some(_) => false,
    }
}

#[test]
fn timestamps_and_sync_ids_have_the_sdk_shapes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, conn) = written_database(dir.path());
    let runs: Vec<(String, String, Option<String>, String, String, String)> = conn
        .prepare("select sync_id, started_at, ended_at, sync_token, sync_type, parent_sync_id from v1_sync_runs order by id")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?.collect())
        .expect("runs");
    assert_eq!(runs.len(), 2);
    for (id, started, ended, token, kind, parent) in &runs {
        assert_eq!(id.len(), 27, "{id}");
        assert!(id.bytes().all(|c| c.is_ascii_alphanumeric()), "{id}");
        assert!(is_go_time(started), "{started}");
        assert!(ended.as_deref().is_some_and(is_go_time), "{ended:?}");
        assert_eq!(
            (token.as_str(), kind.as_str(), parent.as_str()),
            ("", "full", "")
        );
    }
    let stamps: Vec<String> = conn
        .prepare(
            "select discovered_at from v1_grants union all select discovered_at from v1_resources",
        )
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("stamps");
    assert!(
        !stamps.is_empty() && stamps.iter().all(|s| is_go_time(s)),
        "{stamps:?}"
    );
    // The checker itself rejects near misses.
    for bad in [
        "2026-03-03 09:45:13.060",
        "2026-03-03T09:45:13",
        "2026-03-03 09:45:13Z",
        "2026-03-03 09:45:13.",
    ] {
        assert!(!is_go_time(bad), "{bad}");
    }
}

#[test]
fn index_columns_hold_the_sdk_ids_and_grants_point_at_the_entitled_resource() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, conn) = written_database(dir.path());
    let sync: String = conn
        .query_row(
            "select sync_id from v1_sync_runs order by id desc limit 1",
            [],
            |r| r.get(0),
        )
        .expect("sync");

    let grant: Vec<String> = conn
        .query_row(
            "select resource_type_id, resource_id, entitlement_id, principal_resource_type_id, \
             principal_resource_id, external_id from v1_grants where external_id = ?1 and sync_id = ?2",
            ["role:r1:member:user:u1", &sync],
            |r| (0..6).map(|i| r.get(i)).collect(),
        )
        .expect("grant row");
    assert_eq!(
        grant,
        [
            "role",
            "r1",
            "role:r1:member",
            "user",
            "u1",
            "role:r1:member:user:u1"
        ]
    );

    let entitlement: (String, String) = conn
        .query_row(
            "select resource_type_id || '|' || resource_id, external_id from v1_entitlements where external_id = 'group:g2:admin' and sync_id = ?1",
            [&sync],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("entitlement row");
    assert_eq!(
        entitlement,
        ("group|g2".to_owned(), "group:g2:admin".to_owned())
    );

    let resources: Vec<(String, String, Option<String>, Option<String>)> = conn
        .prepare("select resource_type_id, external_id, parent_resource_type_id, parent_resource_id from v1_resources where sync_id = ?1 and external_id in ('user:u1', 'app:a1') order by external_id")
        .and_then(|mut s| s.query_map([&sync], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect())
        .expect("resource rows");
    assert_eq!(
        resources,
        [
            (
                "app".to_owned(),
                "app:a1".to_owned(),
                Some("group".to_owned()),
                Some("g1".to_owned())
            ),
            ("user".to_owned(), "user:u1".to_owned(), None, None),
        ]
    );
    let types: Vec<String> = conn
        .prepare("select external_id from v1_resource_types where sync_id = ?1 order by id")
        .and_then(|mut s| s.query_map([&sync], |r| r.get(0))?.collect())
        .expect("type rows");
    assert_eq!(types, ["user", "group", "role", "app"]);
}
