//! Benchmark, not a test (ignored by default): `baton-zoom explore` on a large sync — time
//! to the first byte of the overview after start, search latency, a user page, a group of
//! 5,000 members, and the peak memory of the binary.
//!
//! Run: `cargo test --release -p baton-zoom --test integration explore_bench -- --ignored
//! --nocapture`
//!
//! The file is the `large` simulated account (100,000 users, 2,000 groups, 500 contact
//! groups) written with the connector's builders, with one group grown to 5,000 members.
//! "Start" is the moment the process is spawned: the time includes decompressing the file
//! and reading it into memory. Peak memory is the child's `VmHWM`, sampled every 10 ms.
//! Set `EXPLORE_BENCH_FILE=/path/large.c1z` to keep the file for later runs.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::PeakMemory;
use crate::support::rows::rows;
use c1z::{SyncKind, Writer, WriterConfig};
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use zoom_sim::GroundTruth;
use zoom_sim::generator::{Preset, generate};
use zoom_sim::tenant::UserRef;

/// Members of the big group.
const BIG_GROUP: usize = 5_000;

/// Writes the large account with one group of 5,000 members; returns its truth and the
/// big group's id.
fn write_large(path: &Path) -> (GroundTruth, String) {
    let mut tenant = generate(&Preset::Large.spec(), 7);
    let before = tenant.ground_truth();
    let group = before.groups[0].id.clone();
    let members: Vec<UserRef> = before
        .users
        .iter()
        .take(BIG_GROUP + 200)
        .map(|u| UserRef::Id(u.id.clone()))
        .collect();
    tenant
        .add_group_members(&group, &members)
        .expect("generated users join a generated group");
    let truth = tenant.ground_truth();
    if !path.exists() {
        let mut writer = Writer::open(path, WriterConfig::default()).expect("writer opens");
        writer.start_sync(SyncKind::Full).expect("sync starts");
        writer.write_batch(&rows(&truth)).expect("rows are written");
        writer.finish().expect("sync is published");
    }
    (truth, group)
}

/// One HTTP/1.1 GET: (status line, time to first byte, total time, body bytes).
fn get(addr: &str, path: &str, cookie: &str) -> (String, Duration, Duration, usize) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).expect("the explorer accepts");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
    )
    .expect("the request is sent");
    let mut reader = BufReader::new(stream);
    reader.fill_buf().expect("a first byte");
    let first_byte = started.elapsed();
    let mut status = String::new();
    reader.read_line(&mut status).expect("a status line");
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).expect("the whole answer");
    (
        status.trim().to_owned(),
        first_byte,
        started.elapsed(),
        rest.len(),
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    ms(sorted[i])
}

#[test]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
fn explore_on_a_large_sync() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = std::env::var_os("EXPLORE_BENCH_FILE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("large.c1z"));
    let writing = Instant::now();
    let (truth, big_group) = write_large(&file);
    let grants = rows(&truth).grants.len();
    println!(
        "file: {} users, {} invites, {grants} grants, {:.1} MiB (ready in {:.1} s)",
        truth.users.len(),
        truth.pending_users.len(),
        std::fs::metadata(&file).map_or(0, |m| m.len()) as f64 / (1 << 20) as f64,
        writing.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_baton-zoom"))
        .arg("explore")
        .arg("--file")
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let pid = child.id();
    let peak_memory = PeakMemory::watch(pid);
    let mut url = String::new();
    BufReader::new(child.stdout.take().expect("piped"))
        .read_line(&mut url)
        .expect("the URL is printed");
    let url_printed = started.elapsed();
    let rest = url.trim().strip_prefix("http://").expect("an http URL");
    let (addr, query) = rest.split_once("/?").expect("a token in the URL");
    let cookie = format!(
        "baton_zoom_explorer={}",
        query.strip_prefix("token=").expect("token=")
    );
    let asked = started.elapsed();
    let (status, first_byte, _, _) = get(addr, "/", &cookie);
    let overview = asked + first_byte;
    assert!(status.ends_with("200 OK"), "{status}");
    println!(
        "start: URL printed after {:.0} ms; overview's first byte {:.0} ms after spawn",
        ms(url_printed),
        ms(overview)
    );

    let mut rng = ChaCha8Rng::seed_from_u64(42);
    let mut latencies = Vec::new();
    for _ in 0..100 {
        let user = truth.users.choose(&mut rng).expect("users");
        let path = match rng.random_range(0..4) {
            0 => format!("/users?q={}", user.first_name.to_lowercase()),
            1 => format!("/users?q={}", &user.email[..user.email.len().min(6)]),
            2 => format!(
                "/users?q={}&status=active&license=2",
                user.last_name.to_lowercase()
            ),
            _ => format!(
                "/users?q={}&role={}",
                user.display_name.replace(' ', "+"),
                user.role_id
            ),
        };
        let (status, _, total, _) = get(addr, &path, &cookie);
        assert!(status.ends_with("200 OK"), "{path}: {status}");
        latencies.push(total);
    }
    latencies.sort();
    println!(
        "search (100 queries): p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.95),
        ms(latencies[latencies.len() - 1])
    );

    let mut user_pages = Vec::new();
    for user in truth.users.sample(&mut rng, 20) {
        let (status, _, total, _) = get(addr, &format!("/user/{}", user.id), &cookie);
        assert!(status.ends_with("200 OK"), "{status}");
        user_pages.push(total);
    }
    user_pages.sort();
    println!(
        "user page (20 users): p50 {:.1} ms, max {:.1} ms",
        percentile(&user_pages, 0.5),
        ms(user_pages[user_pages.len() - 1])
    );
    let members = truth.group(&big_group).map_or(0, |g| g.member_ids.len());
    let (status, _, page, page_bytes) = get(addr, &format!("/groups/{big_group}"), &cookie);
    assert!(status.ends_with("200 OK"), "{status}");
    let (status, _, csv, csv_bytes) = get(
        addr,
        &format!("/groups/{big_group}?list=members&format=csv"),
        &cookie,
    );
    assert!(status.ends_with("200 OK"), "{status}");
    let (_, _, users_csv, users_bytes) = get(addr, "/users?format=csv", &cookie);
    println!(
        "group of {members} members: page {:.1} ms ({} KiB), all members as CSV {:.1} ms ({} KiB); \
         all users as CSV {:.0} ms ({} KiB)",
        ms(page),
        page_bytes / 1024,
        ms(csv),
        csv_bytes / 1024,
        ms(users_csv),
        users_bytes / 1024
    );

    let peak = peak_memory.finish();
    let _ = child.kill();
    let _ = child.wait();
    println!("peak RSS of the explorer: {peak:.1} MiB");
}
