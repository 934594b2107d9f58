//! Role privileges in a synced file: `access --privilege` lists exactly the users whose role
//! holds the privilege, as the simulator's ground truth says, and `resources -t role` shows
//! each role's privileges.

use std::collections::BTreeSet;

use zoom_sim::GroundTruth;

use crate::support::{Sim, error_line, json_of, run, stdout, sync_command, synced};

/// The CSV header of `resources -t role`.
const ROLE_CSV_COLUMNS: [&str; 8] = [
    "Resource Type ID",
    "ID",
    "Display Name",
    "Resource Type",
    "Parent Resource Type ID",
    "Parent Resource ID",
    "Parent Resource",
    "Privileges",
];

/// The records of a CSV answer, after its header (which must be `header`).
fn csv_records(text: &str, header: &[&str]) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().expect("a header"), header);
    reader
        .records()
        .map(|r| r.expect("valid CSV").iter().map(String::from).collect())
        .collect()
}

/// The (user id, role id) pairs holding `privilege` according to the ground truth.
fn holders(truth: &GroundTruth, privilege: &str) -> BTreeSet<(String, String)> {
    truth
        .roles
        .iter()
        .filter(|r| r.privileges.iter().any(|p| p == privilege))
        .flat_map(|r| r.member_ids.iter().map(|u| (u.clone(), r.id.clone())))
        .collect()
}

#[test]
fn access_by_privilege_lists_exactly_the_users_whose_role_holds_it() {
    let (_dir, file, truth) = synced();
    // Privileges Owner, Admin and some custom roles hold, and one Admin lacks (an owner's
    // own, which only a billing role shares).
    for privilege in [
        "User:Edit",
        "Recording:Read",
        "Dashboard:Read",
        "BillingInformation:Edit",
    ] {
        let want = holders(truth, privilege);
        assert!(!want.is_empty(), "the owner holds every privilege");
        let out = json_of(file, &["access", "--privilege", privilege]);
        let got: BTreeSet<(String, String)> = out["holders"]
            .as_array()
            .expect("a holders list")
            .iter()
            .map(|h| {
                assert_eq!(h["principal"]["id"]["resourceType"], "user");
                (
                    h["principal"]["id"]["resource"]
                        .as_str()
                        .expect("principal id")
                        .to_owned(),
                    h["role"]["id"]["resource"]
                        .as_str()
                        .expect("role id")
                        .to_owned(),
                )
            })
            .collect();
        assert_eq!(got, want, "{privilege}");
    }
    // Held by more roles than the owner's: custom roles add holders the built-in ones lack.
    let custom_holders = holders(truth, "User:Read")
        .into_iter()
        .filter(|(_, role)| !["0", "1", "2"].contains(&role.as_str()))
        .count();
    assert!(custom_holders > 0, "some custom role holder reads users");
}

#[test]
fn a_privilege_matches_whatever_its_case_and_csv_names_user_and_role() {
    let (_dir, file, truth) = synced();
    let csv = stdout(file, &["access", "--privilege", "user:edit", "-o", "csv"]);
    let rows = csv_records(
        &csv,
        &[
            "Principal Type ID",
            "Principal ID",
            "Principal",
            "Role ID",
            "Role",
            "Privilege",
        ],
    );
    assert_eq!(rows.len(), holders(truth, "User:Edit").len());
    let owner = truth
        .users
        .iter()
        .find(|u| u.role_id == "0")
        .expect("an owner");
    let owner_row = [
        "user",
        &owner.id,
        &owner.display_name,
        "0",
        "Owner",
        "User:Edit",
    ];
    assert!(rows.iter().any(|r| r == &owner_row), "{csv}");
}

#[test]
fn a_privilege_no_role_holds_is_refused_naming_those_held() {
    let (_dir, file, _truth) = synced();
    let output = run(file, &["access", "--privilege", "User:Edt"]);
    let line = error_line(&output);
    assert!(
        line.contains("no role in this sync holds privilege \"User:Edt\""),
        "{line}"
    );
    assert!(line.contains("User:Edit"), "{line}");
    let output = run(file, &["access", "--privilege", "User:Edit", "-t", "user"]);
    assert!(!output.status.success(), "--privilege names no principal");
}

#[test]
fn resources_of_type_role_show_each_roles_privileges() {
    let (_dir, file, truth) = synced();
    let csv = stdout(file, &["resources", "-t", "role", "-o", "csv"]);
    let rows = csv_records(&csv, &ROLE_CSV_COLUMNS);
    assert_eq!(rows.len(), truth.roles.len());
    for role in &truth.roles {
        let cell = match role.privileges.as_slice() {
            [] => "none".to_owned(),
            held => held.join(", "),
        };
        let row = rows
            .iter()
            .find(|r| r[1] == role.id)
            .unwrap_or_else(|| panic!("role {} in {csv}", role.id));
        assert_eq!(row[7], cell, "{}", role.name);
    }
    let console = stdout(file, &["resources", "-t", "role"]);
    assert!(
        console
            .lines()
            .next()
            .is_some_and(|h| h.contains("Privileges"))
    );
    let json = json_of(file, &["resources", "-t", "role"]);
    let profile_privileges = json["resources"][0]["resource"]["annotations"]
        .as_array()
        .and_then(|a| a.iter().find_map(|t| t["profile"].get("privileges")))
        .expect("the role trait's profile lists the privileges");
    assert!(profile_privileges.is_array());
}

#[test]
fn a_sync_without_role_details_says_which_scope_would_answer() {
    let sim = Sim::start();
    let app = sim.sim.add_app(zoom_sim::conductorone_scopes());
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    let synced = sync_command(&sim.sim, &file)
        .args(["--zoom-client-id", &app.client_id])
        .args(["--zoom-client-secret", &app.client_secret])
        .output()
        .expect("baton-zoom runs");
    assert!(synced.status.success(), "{synced:?}");
    let line = error_line(&run(&file, &["access", "--privilege", "User:Edit"]));
    assert!(line.contains("role:read:role:admin"), "{line}");
    let csv = stdout(&file, &["resources", "-t", "role", "-o", "csv"]);
    let rows = csv_records(&csv, &ROLE_CSV_COLUMNS);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r[7] == "(not synced)"), "{csv}");
}
