//! `baton-zoom demo` with its output captured as `> file 2>&1` captures it: stdout and
//! stderr on one pipe, neither a terminal, so log lines are JSON.

use std::io::Read;
use std::process::Command;

use serde_json::Value;
use zoom_sim::generator::{Preset, generate};

const DANGLING_MEMBER_WARNING: &str =
    "contact-group member names a group that does not exist: no grant";

#[test]
fn demo_report_is_one_block_after_every_log_line_and_counts_the_warnings() {
    let folder = tempfile::tempdir().unwrap();
    let (mut output, writer) = std::io::pipe().unwrap();
    // The command is dropped once spawned, so the child holds the last write ends and
    // reading stops when it exits.
    let mut child = Command::new(env!("CARGO_BIN_EXE_baton-zoom"))
        .args([
            "demo", "--size", "small", "--seed", "1", "--file", "demo.c1z",
        ])
        .current_dir(folder.path())
        .env_remove("BATON_LOG_LEVEL")
        .env_remove("BATON_LOG_FORMAT")
        .env_remove("BATON_CONFIG_PATH")
        .stdout(writer.try_clone().unwrap())
        .stderr(writer)
        .spawn()
        .unwrap();
    let mut text = String::new();
    output.read_to_string(&mut text).unwrap();
    assert!(child.wait().unwrap().success(), "{text}");

    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|line| line.starts_with("Simulated Zoom account "))
        .unwrap_or_else(|| panic!("no report in {text}"));
    let (logs, report) = lines.split_at(start);
    let logs: Vec<Value> = logs
        .iter()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    assert!(
        report.iter().all(|line| !line.starts_with('{')),
        "a log line inside the report:\n{text}"
    );
    assert!(
        report[1].starts_with("Synced into demo.c1z (new sync "),
        "{text}"
    );
    assert_eq!(
        report.last(),
        Some(&"  baton-zoom diff -f demo.c1z        (after a second sync)")
    );

    let truth = generate(&Preset::Small.spec(), 1).ground_truth();
    let dangling: usize = truth
        .contact_groups
        .iter()
        .map(|group| group.dangling_group_ids.len())
        .sum();
    assert!(dangling > 0, "the demo account has members to warn about");
    let warned = logs
        .iter()
        .filter(|log| log["level"] == "WARN" && log["message"] == DANGLING_MEMBER_WARNING)
        .count();
    assert_eq!(warned, dangling, "{text}");
    let skipped = format!(
        "  skipped       {dangling} contact-group member(s) naming a group that no longer exists"
    );
    assert!(report.contains(&skipped.as_str()), "{text}");
}
