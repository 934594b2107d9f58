//! Throughput and memory of the `.c1z` writer and reader at tenant scale: 100,000 user
//! resources and 1,000,000 grants written through the async writer handle (the path the
//! sync engine uses), published, then read back and decoded.
//!
//! A second sync is then appended to the same file, the steady state of repeated syncs
//! (the first is kept, so the finish indexes both).
//!
//! Run: `cargo bench -p c1z --bench write_read` (release profile). Peak memory is the
//! process's VmHWM, reset between phases through `/proc/self/clear_refs`.

use std::collections::VecDeque;
use std::time::Instant;

use c1z::{
    Annotated, Batch, Grant, GrantFilter, ReadOptions, Reader, Resource, ResourceId, ResourceType,
    SyncKind, Trait, UserTrait, Writer, WriterConfig, struct_from_json,
};
use prost_types::Timestamp;
use serde_json::json;

const USERS: usize = 100_000;
const GROUPS: usize = 1_000;
const GROUPS_PER_USER: usize = 10;
const BATCH_ROWS: usize = 10_000;
const IN_FLIGHT: usize = 4;

fn user(n: usize) -> Resource {
    let email = format!("user{n}@example.com");
    let serde_json::Value::Object(profile) = json!({
        "first_name": format!("First{n}"),
        "last_name": "Last",
        "login": email,
        "user_id": format!("u{n}"),
        "type": 1,
        "dept": "Engineering",
    }) else {
        unreachable!("literal is an object")
    };
    Resource::new(
        ResourceId::new("user", format!("u{n}")),
        format!("User {n}"),
    )
    .annotate(
        &UserTrait::new()
            .with_email(&email, true)
            .with_login(&email)
            .with_profile(struct_from_json(profile))
            .with_created_at(Timestamp {
                seconds: 1_700_000_000,
                nanos: 0,
            })
            .with_employee_id(format!("E{n}")),
    )
}

fn grant(n: usize) -> Grant {
    let user = n / GROUPS_PER_USER;
    let group = (user * 7 + n % GROUPS_PER_USER * 101) % GROUPS;
    Grant::new(
        &ResourceId::new("group", format!("g{group}")),
        "member",
        ResourceId::new("user", format!("u{user}")),
    )
}

/// Peak resident memory of this process so far, in MiB.
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

fn reset_peak_rss() {
    // "5" resets VmHWM to the current RSS (Linux >= 4.0); harmless if unsupported.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Writes the sync; returns the seconds until every batch was committed, and the file size.
async fn write(path: &std::path::Path) -> (f64, u64) {
    let started = Instant::now();
    let mut writer = Writer::open(path, WriterConfig::default()).expect("writer opens");
    writer.start_sync(SyncKind::Full).expect("sync starts");
    let handle = writer.spawn(IN_FLIGHT).expect("writer thread starts");
    let mut pending = VecDeque::new();
    let send = |batch: Batch, pending: &mut VecDeque<_>| {
        let handle = handle.clone();
        pending.push_back(tokio::spawn(async move { handle.write(batch).await }));
    };
    send(
        Batch {
            resource_types: vec![
                ResourceType::new("user", "User", &[Trait::User]),
                ResourceType::new("group", "Group", &[Trait::Group]),
            ],
            ..Batch::default()
        },
        &mut pending,
    );
    let resource_batches = (0..USERS).step_by(BATCH_ROWS).map(|start| Batch {
        resources: (start..(start + BATCH_ROWS).min(USERS)).map(user).collect(),
        ..Batch::default()
    });
    let total_grants = USERS * GROUPS_PER_USER;
    let grant_batches = (0..total_grants).step_by(BATCH_ROWS).map(|start| Batch {
        grants: (start..(start + BATCH_ROWS).min(total_grants))
            .map(grant)
            .collect(),
        checkpoint: Some(format!("grants:{start}")),
        ..Batch::default()
    });
    for batch in resource_batches.chain(grant_batches) {
        if pending.len() >= IN_FLIGHT {
            let done = pending.pop_front().expect("queue is non-empty");
            done.await.expect("task joins").expect("batch commits");
        }
        send(batch, &mut pending);
    }
    for done in pending {
        done.await.expect("task joins").expect("batch commits");
    }
    let streamed = started.elapsed().as_secs_f64();
    let size = handle.finish().await.expect("publishes").file_size;
    (streamed, size)
}

fn read(path: &std::path::Path) -> (usize, f64) {
    let opened = Instant::now();
    let reader = Reader::open(path, &ReadOptions::default()).expect("reader opens");
    let decompress = opened.elapsed().as_secs_f64();
    let view = reader.view(None).expect("view");
    let mut rows = 0;
    for resource in view.resources(None) {
        let resource = resource.expect("resource decodes");
        assert!(resource.id.is_some());
        rows += 1;
    }
    for grant in view.grants(GrantFilter::All) {
        let grant = grant.expect("grant decodes");
        assert!(grant.principal.is_some());
        rows += 1;
    }
    (rows, decompress)
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument is a filter we do not support.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.c1z");
    let rows = USERS + USERS * GROUPS_PER_USER;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");

    reset_peak_rss();
    let started = Instant::now();
    let (streamed_secs, size) = runtime.block_on(write(&path));
    let write_secs = started.elapsed().as_secs_f64();
    let write_peak = peak_rss_mib();

    reset_peak_rss();
    let started = Instant::now();
    let (read_rows, decompress_secs) = read(&path);
    let read_secs = started.elapsed().as_secs_f64();
    let read_peak = peak_rss_mib();
    assert_eq!(read_rows, rows);

    reset_peak_rss();
    let started = Instant::now();
    let (_, appended_size) = runtime.block_on(write(&path));
    let append_secs = started.elapsed().as_secs_f64();
    let append_peak = peak_rss_mib();

    println!(
        "rows: {rows} ({USERS} resources + {} grants), file {:.1} MiB",
        rows - USERS,
        size as f64 / 1048576.0
    );
    println!(
        "write (open..publish): {write_secs:.2} s = {:.0} rows/s, peak RSS {write_peak:.0} MiB",
        rows as f64 / write_secs
    );
    println!(
        "  streaming (open..last batch committed): {streamed_secs:.2} s = {:.0} rows/s; finish (index, compress, publish): {:.2} s",
        rows as f64 / streamed_secs,
        write_secs - streamed_secs
    );
    println!(
        "read (open+decode all): {read_secs:.2} s = {:.0} rows/s (decompress {decompress_secs:.2} s), peak RSS {read_peak:.0} MiB",
        rows as f64 / read_secs
    );
    println!(
        "second sync appended to the same file (both kept): {append_secs:.2} s = {:.0} rows/s, file {:.1} MiB, peak RSS {append_peak:.0} MiB",
        rows as f64 / append_secs,
        appended_size as f64 / 1048576.0
    );
}
