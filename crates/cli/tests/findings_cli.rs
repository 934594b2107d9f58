//! `baton-zoom findings` on a file synced from the simulator: its answers in each format,
//! compared with the simulator's ground truth, and its errors.

use crate::support::{json_of, run, stdout, synced_file};
use serde_json::Value;
use zoom_sim::tenant::UserStatus;

#[test]
fn findings_report_the_account_in_json_csv_and_console() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    let truth = synced_file(&file);

    let json = json_of(&file, &["findings", "--as-of", "2026-01-01"]);
    assert_eq!(json["as_of"], "2026-01-01T00:00:00Z");
    assert_eq!(json["inactive_days"], 90);
    let ids_of = |kind: &str| -> Vec<String> {
        let mut ids: Vec<String> = json["findings"]
            .as_array()
            .expect("a findings list")
            .iter()
            .filter(|f| f["kind"] == kind)
            .map(|f| f["id"].as_str().expect("ids are text").to_owned())
            .collect();
        ids.sort();
        ids
    };
    let mut without_admin: Vec<String> = truth
        .groups
        .iter()
        .filter(|g| g.admin_ids.is_empty())
        .map(|g| format!("group-without-admin:group:{}", g.id))
        .collect();
    without_admin.sort();
    assert!(!without_admin.is_empty());
    assert_eq!(ids_of("group-without-admin"), without_admin);
    // The presets follow Zoom's rule that deactivation removes licences.
    assert_eq!(ids_of("deactivated-licensed"), Vec::<String>::new());
    let admins = truth.users.iter().filter(|u| u.role_id != "2").count();
    assert_eq!(ids_of("privileged-role").len(), admins);
    let count_of = |kind: &str| {
        json["counts"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["kind"] == kind))
            .map(|c| c["count"].clone())
    };
    assert_eq!(count_of("privileged-role"), Some(Value::from(admins)));

    let csv = stdout(&file, &["findings", "--as-of", "2026-01-01", "-o", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,kind,severity,resource_type,resource_id,name,email,related,detail")
    );
    assert_eq!(
        lines.count(),
        json["findings"].as_array().map_or(0, Vec::len)
    );

    let console = stdout(&file, &["findings", "--as-of", "2026-01-01"]);
    assert!(console.starts_with("Findings in sync "));
    let owner = truth
        .users_with_status(UserStatus::Active)
        .find(|u| u.role_id == "0")
        .expect("the account has an owner");
    assert!(console.contains(&format!(
        "medium  {} <{}>: holds the Owner role",
        owner.display_name, owner.email
    )));
}

#[test]
fn findings_default_to_the_time_of_the_sync() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    synced_file(&file);
    let json = json_of(&file, &["findings", "--inactive-days", "30"]);
    let syncs = json_of(&file, &["syncs"]);
    assert_eq!(json["sync_id"], syncs["syncs"][0]["id"]);
    let ended = syncs["syncs"][0]["endedAt"]
        .as_str()
        .expect("the sync ended");
    // Both in UTC; the sync's end keeps its fraction of a second.
    assert_eq!(json["as_of"].as_str().map(|t| &t[..19]), Some(&ended[..19]));
    assert_eq!(json["inactive_days"], 30);
}

#[test]
fn findings_refuse_a_bad_date_and_a_missing_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("none.c1z");
    let output = run(&file, &["findings", "--as-of", "soon"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is not a date: use 2026-03-01"), "{stderr}");
    let output = run(&file, &["findings"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.trim(),
        format!(
            "error: {} does not exist: run a sync first, or point --file at a .c1z file",
            file.display()
        )
    );
}
