//! Bad input to the inspect subcommands: one clear line on stderr, a non-zero exit, and
//! nothing on stdout.

use std::path::Path;

use crate::support::{self, run, synced_file};

/// Runs a command that must fail and returns its error line, the only line it prints.
fn error_line(file: &Path, args: &[&str]) -> String {
    let output = run(file, args);
    assert!(output.stdout.is_empty(), "{args:?} printed to stdout");
    assert_eq!(
        output.stderr.iter().filter(|&&b| b == b'\n').count(),
        1,
        "{args:?}: not one line: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    support::error_line(&output)
}

#[test]
fn a_missing_file_says_to_sync_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("nowhere.c1z");
    let line = error_line(&file, &["grants"]);
    assert!(line.contains("nowhere.c1z does not exist"), "{line}");
    assert!(line.contains("run a sync first"), "{line}");
}

#[test]
fn a_file_that_is_not_a_c1z_is_named_as_such() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "just some text, not a sync").expect("written");
    let line = error_line(&file, &["resources"]);
    assert!(line.contains("not a c1z file"), "{line}");
}

#[test]
fn unknown_sync_ids_and_resource_types_are_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    synced_file(&file);

    let line = error_line(&file, &["grants", "--sync-id", "2nope"]);
    assert!(line.contains("sync \"2nope\" is not in"), "{line}");
    assert!(line.contains("baton-zoom syncs"), "{line}");

    let line = error_line(&file, &["diff", "--base", "2nope"]);
    assert!(line.contains("sync \"2nope\" is not in"), "{line}");

    let line = error_line(&file, &["resources", "-t", "users"]);
    assert_eq!(
        line,
        "error: unknown resource type \"users\"; this sync has: contactGroup, group, invite, \
         license, role, user"
    );

    let line = error_line(&file, &["access", "-t", "user", "-r", "no-such-user"]);
    assert!(
        line.contains("no user \"no-such-user\" in this sync"),
        "{line}"
    );

    let line = error_line(&file, &["grants", "-e", "group:none:member"]);
    assert!(
        line.contains("no entitlement \"group:none:member\""),
        "{line}"
    );
}

#[test]
fn diff_of_a_single_sync_asks_for_a_second() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    synced_file(&file);
    let line = error_line(&file, &["diff"]);
    assert!(line.contains("no finished full sync older than"), "{line}");
}

#[test]
fn flags_that_need_each_other_are_checked_before_reading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("absent.c1z");
    // -r without -t, and -r with -e: clap refuses before the file is opened.
    for args in [
        &["grants", "-r", "x"][..],
        &["grants", "-t", "group", "-r", "x", "-e", "y"],
        &["access", "-t", "user"],
    ] {
        let output = run(&file, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("does not exist"), "{args:?}: {stderr}");
    }
}

#[test]
fn closing_the_pipe_early_ends_the_listing_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    synced_file(&file);
    // JSON of every grant is far larger than a pipe's buffer, so the writer meets the
    // closed pipe, as `baton-zoom grants -o json | head -c 100` does.
    let mut child = Command::new(env!("CARGO_BIN_EXE_baton-zoom"))
        .arg("--file")
        .arg(&file)
        .args(["grants", "-o", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut first = Vec::new();
    BufReader::new(child.stdout.take().expect("piped"))
        .read_until(b',', &mut first)
        .expect("the listing starts");
    let output = child.wait_with_output().expect("the binary ends");
    assert!(first.starts_with(b"{\"grants\":["));
    assert!(output.status.success(), "exit {:?}", output.status);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
