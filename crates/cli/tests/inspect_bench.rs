//! Benchmark, not a test (ignored by default): `grants` on a large file — time to the first
//! line, total time and peak memory of the binary, per output format.
//!
//! Run: `cargo test --release -p baton-zoom --test integration inspect_bench -- --ignored
//! --nocapture`
//!
//! The file is the `large` simulated account (100,000 users, 2,000 groups, 500 contact
//! groups) written with the connector's builders, with extra group memberships so it holds
//! 1,000,000 grants. Peak memory is the child's `VmHWM`, sampled every 10 ms. Set
//! `INSPECT_BENCH_FILE=/path/large.c1z` to keep the file for later runs.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use c1z::{SyncKind, Writer, WriterConfig};

use connector::kinds::group;
use zoom_sim::generator::{Preset, generate};

use crate::support::PeakMemory;
use crate::support::rows::rows;

const TARGET_GRANTS: usize = 1_000_000;

/// Writes the large account, padded with group memberships to a million grants.
fn write_large(path: &Path) -> usize {
    let truth = generate(&Preset::Large.spec(), 7).ground_truth();
    let mut batch = rows(&truth);
    let groups = truth.groups.len();
    let mut k = 0;
    while batch.grants.len() < TARGET_GRANTS {
        let u = &truth.users[k % truth.users.len()];
        let g = &truth.groups[(k * 7 + k / truth.users.len() * 101) % groups];
        if !u.group_ids.contains(&g.id) {
            batch.grants.push(group::member_grant(&g.id, &u.id));
        }
        k += 1;
    }
    let grants = batch.grants.len();
    let mut writer = Writer::open(path, WriterConfig::default()).expect("writer opens");
    writer.start_sync(SyncKind::Full).expect("sync starts");
    writer.write_batch(&batch).expect("rows are written");
    writer.finish().expect("sync is published");
    grants
}

/// Runs `baton-zoom <args>` and reports first line, total time, lines, bytes and peak RSS.
fn measure(file: &Path, args: &[&str]) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_baton-zoom"))
        .arg("--file")
        .arg(file)
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let pid = child.id();
    let peak_memory = PeakMemory::watch(pid);
    let mut out = BufReader::with_capacity(1 << 20, child.stdout.take().expect("piped"));
    // JSON is one line: the first bytes are what a reader sees first.
    let first_bytes = out.fill_buf().expect("first output").len();
    let first_output = started.elapsed();
    let mut first = String::new();
    out.read_line(&mut first).expect("first line");
    let first_line = started.elapsed();
    let mut bytes = first.len() as u64;
    let mut lines = 1u64;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = out.read(&mut buf).expect("reading output");
        if n == 0 {
            break;
        }
        bytes += n as u64;
        lines += buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
    }
    // Sample once more before reaping: the process has written everything by now.
    let peak = peak_memory.finish();
    let status = child.wait().expect("the binary ends");
    assert!(status.success(), "{args:?} failed");
    println!(
        "{:<44} first output {:>6.3} s ({first_bytes} B), first line {:>6.3} s, total {:>6.2} s, \
         {:>8} lines, {:>7.1} MiB out, peak RSS {:>5.1} MiB",
        args.join(" "),
        first_output.as_secs_f64(),
        first_line.as_secs_f64(),
        started.elapsed().as_secs_f64(),
        lines,
        bytes as f64 / (1 << 20) as f64,
        peak
    );
}

#[test]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
fn grants_on_a_million_grant_file_streams_in_bounded_memory() {
    // INSPECT_BENCH_FILE keeps the file between runs (it is written when missing).
    let dir = tempfile::tempdir().expect("temp dir");
    let file = std::env::var_os("INSPECT_BENCH_FILE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("large.c1z"));
    let written = Instant::now();
    let grants = if file.exists() {
        TARGET_GRANTS
    } else {
        write_large(&file)
    };
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    println!(
        "large.c1z: {grants} grants, {:.1} MiB, written in {:.1} s",
        size as f64 / (1 << 20) as f64,
        written.elapsed().as_secs_f64()
    );
    for args in [
        &["grants"][..],
        &["grants", "-o", "json"],
        &["grants", "-o", "csv"],
        &["grants", "-t", "group", "-o", "json"],
        &["principals", "-e", "role:2:member", "-o", "json"],
        &["stats"],
    ] {
        measure(&file, args);
    }
}
