//! The inspect subcommands against a file synced from the simulator: every JSON answer is
//! compared with what the simulator's ground truth predicts.

use std::collections::BTreeSet;

use c1z::{ReadOptions, Reader};
use serde_json::Value;
use zoom_sim::GroundTruth;

use crate::support::{json_of, sorted_at, stdout, synced};

fn sorted(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut items: Vec<String> = items.into_iter().collect();
    items.sort();
    items
}

#[test]
fn resource_types_lists_the_six_kinds_with_trait_names() {
    let (_dir, file, _truth) = synced();
    let out = json_of(file, &["resource-types"]);
    let list = &out["resourceTypes"];
    assert_eq!(
        sorted_at(list, "/resourceType/id"),
        ["contactGroup", "group", "invite", "license", "role", "user"]
    );
    let user = list
        .as_array()
        .and_then(|l| l.iter().find(|t| t["resourceType"]["id"] == "user"))
        .expect("user type listed");
    assert_eq!(
        user["resourceType"]["traits"],
        serde_json::json!(["TRAIT_USER"])
    );
    assert_eq!(
        user["resourceType"]["annotations"][0]["@type"],
        "type.googleapis.com/c1.connector.v2.SkipEntitlementsAndGrants"
    );
}

#[test]
fn resources_of_type_user_are_exactly_the_users_with_their_emails() {
    let (_dir, file, truth) = synced();
    let out = json_of(file, &["resources", "-t", "user"]);
    let list = &out["resources"];
    assert_eq!(
        sorted_at(list, "/resource/id/resource"),
        sorted(truth.users.iter().map(|u| u.id.clone()))
    );
    for row in list.as_array().expect("a list") {
        let id = row["resource"]["id"]["resource"].as_str().expect("id");
        let user = truth.user(id).expect("a known user");
        assert_eq!(row["resource"]["displayName"], user.display_name.as_str());
        assert_eq!(row["resourceType"]["displayName"], "User");
        let trait_ = &row["resource"]["annotations"][0];
        assert_eq!(
            trait_["@type"],
            "type.googleapis.com/c1.connector.v2.UserTrait"
        );
        assert_eq!(trait_["emails"][0]["address"], user.email.as_str());
    }
    let invites = json_of(file, &["resources", "-t", "invite"]);
    assert_eq!(
        sorted_at(&invites["resources"], "/resource/id/resource"),
        sorted(truth.pending_users.iter().map(|p| p.email.clone()))
    );
}

#[test]
fn entitlements_of_groups_are_member_and_admin_of_each_group() {
    let (_dir, file, truth) = synced();
    let out = json_of(file, &["entitlements", "-t", "group"]);
    let expected = sorted(truth.groups.iter().flat_map(|g| {
        [
            format!("group:{}:member", g.id),
            format!("group:{}:admin", g.id),
        ]
    }));
    assert_eq!(sorted_at(&out["entitlements"], "/entitlement/id"), expected);
    for row in out["entitlements"].as_array().expect("a list") {
        let group_id = row["resource"]["id"]["resource"].as_str().expect("id");
        let group = truth.group(group_id).expect("a known group");
        assert_eq!(row["resource"]["displayName"], group.name.as_str());
        assert_eq!(row["entitlement"]["purpose"], "PURPOSE_VALUE_ASSIGNMENT");
    }
}

#[test]
fn grants_of_a_group_admin_entitlement_are_its_admins() {
    let (_dir, file, truth) = synced();
    let group = truth
        .groups
        .iter()
        .find(|g| g.admin_ids.len() >= 2)
        .expect("the generator makes groups with several admins");
    let entitlement = format!("group:{}:admin", group.id);
    let out = json_of(file, &["grants", "-e", &entitlement]);
    let grants = &out["grants"];
    assert_eq!(
        sorted_at(grants, "/principal/id/resource"),
        group.admin_ids.iter().cloned().collect::<Vec<_>>()
    );
    for row in grants.as_array().expect("a list") {
        assert_eq!(row["entitlement"]["id"], entitlement.as_str());
        assert_eq!(row["resource"]["displayName"], group.name.as_str());
        assert_eq!(row["resourceType"]["id"], "group");
        let principal = row["principal"]["id"]["resource"].as_str().expect("id");
        let user = truth.user(principal).expect("admins are users");
        assert_eq!(row["principal"]["displayName"], user.display_name.as_str());
    }
}

#[test]
fn grants_on_one_group_are_its_members_and_admins() {
    let (_dir, file, truth) = synced();
    let group = &truth.groups[0];
    let out = json_of(file, &["grants", "-t", "group", "-r", &group.id]);
    let expected = sorted(
        group
            .member_ids
            .iter()
            .map(|u| format!("group:{}:member:user:{u}", group.id))
            .chain(
                group
                    .admin_ids
                    .iter()
                    .map(|u| format!("group:{}:admin:user:{u}", group.id)),
            ),
    );
    assert_eq!(sorted_at(&out["grants"], "/grant/id"), expected);
}

#[test]
fn grants_of_type_role_give_every_user_exactly_one_role() {
    let (_dir, file, truth) = synced();
    let out = json_of(file, &["grants", "-t", "role"]);
    let expected = sorted(
        truth
            .users
            .iter()
            .map(|u| format!("role:{}:member:user:{}", u.role_id, u.id)),
    );
    assert_eq!(sorted_at(&out["grants"], "/grant/id"), expected);
}

#[test]
fn principals_of_a_role_are_its_members_once_each() {
    let (_dir, file, truth) = synced();
    let role = truth
        .roles
        .iter()
        .max_by_key(|r| r.member_ids.len())
        .expect("roles exist");
    let out = json_of(
        file,
        &["principals", "-e", &format!("role:{}:member", role.id)],
    );
    assert_eq!(
        sorted_at(&out["resources"], "/resource/id/resource"),
        role.member_ids.iter().cloned().collect::<Vec<_>>()
    );
    let group = &truth.groups[0];
    let everyone: BTreeSet<&String> = group.member_ids.iter().chain(&group.admin_ids).collect();
    let out = json_of(file, &["principals", "-t", "group", "-r", &group.id]);
    assert_eq!(
        sorted_at(&out["resources"], "/resource/id/resource"),
        everyone.into_iter().cloned().collect::<Vec<_>>()
    );
}

/// What `access` must list for a user: (resource type, resource id) → slugs.
fn expected_access(truth: &GroundTruth, user_id: &str) -> Vec<(String, String, Vec<String>)> {
    let user = truth.user(user_id).expect("a known user");
    let mut out = Vec::new();
    for group in &truth.groups {
        let mut slugs = Vec::new();
        if group.admin_ids.contains(user_id) {
            slugs.push("admin".to_owned());
        }
        if group.member_ids.contains(user_id) {
            slugs.push("member".to_owned());
        }
        if !slugs.is_empty() {
            out.push(("group".to_owned(), group.id.clone(), slugs));
        }
    }
    for contact in &truth.contact_groups {
        let member = contact
            .members
            .iter()
            .any(|m| m.id == user_id && u8::from(m.member_type) == 1);
        if member {
            out.push((
                "contactGroup".to_owned(),
                contact.id.clone(),
                vec!["member".into()],
            ));
        }
    }
    out.push((
        "role".to_owned(),
        user.role_id.clone(),
        vec!["member".into()],
    ));
    out.push((
        "license".to_owned(),
        u8::from(user.license).to_string(),
        vec!["assigned".into()],
    ));
    out.sort();
    out
}

#[test]
fn access_of_a_user_lists_exactly_their_groups_admin_groups_role_licence_and_contact_groups() {
    let (_dir, file, truth) = synced();
    // A user who is an admin somewhere and in a contact group exercises every kind.
    let user = truth
        .users
        .iter()
        .find(|u| {
            truth.groups.iter().any(|g| g.admin_ids.contains(&u.id))
                && truth
                    .contact_groups
                    .iter()
                    .any(|c| c.members.iter().any(|m| m.id == u.id))
        })
        .expect("the generator makes admins who are in contact groups");
    let out = json_of(file, &["access", "-t", "user", "-r", &user.id]);
    assert_eq!(out["principal"]["id"]["resource"], user.id.as_str());
    let mut actual: Vec<(String, String, Vec<String>)> = out["access"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|a| {
            let slugs = sorted_at(&a["entitlements"], "/slug");
            (
                a["resource"]["id"]["resourceType"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                a["resource"]["id"]["resource"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                slugs,
            )
        })
        .collect();
    actual.sort();
    assert_eq!(actual, expected_access(truth, &user.id));
}

#[test]
fn ids_starting_with_a_dash_are_values_not_flags() {
    let (_dir, file, truth) = synced();
    let user = truth
        .users
        .iter()
        .find(|u| u.id.starts_with('-'))
        .expect("Zoom ids may start with '-', and the seeded account has one");
    let out = json_of(file, &["access", "-t", "user", "-r", &user.id]);
    assert_eq!(out["principal"]["id"]["resource"], user.id.as_str());
    let out = json_of(file, &["grants", "-t", "user", "-r", &user.id]);
    assert_eq!(out, Value::Object(Default::default()));
}

#[test]
fn stats_count_every_kind_of_row() {
    let (_dir, file, truth) = synced();
    let out = json_of(file, &["stats"]);
    let groups = truth.groups.len();
    let grants: usize = truth
        .groups
        .iter()
        .map(|g| g.member_ids.len() + g.admin_ids.len())
        .sum::<usize>()
        + 2 * truth.users.len()
        + truth
            .contact_groups
            .iter()
            .map(|c| c.members.len() - c.dangling_group_ids.len())
            .sum::<usize>();
    let entitlements = 2 * groups + truth.roles.len() + truth.contact_groups.len() + 4;
    assert_eq!(out["resourceTypes"], "6");
    assert_eq!(out["resources"]["user"], truth.users.len().to_string());
    assert_eq!(out["resources"]["group"], groups.to_string());
    assert_eq!(out["resources"]["license"], "4");
    assert_eq!(out["entitlements"], entitlements.to_string());
    assert_eq!(out["grants"], grants.to_string());
}

#[test]
fn syncs_lists_the_finished_full_sync() {
    let (_dir, file, _truth) = synced();
    let out = json_of(file, &["syncs"]);
    let syncs = out["syncs"].as_array().expect("a list");
    assert_eq!(syncs.len(), 1);
    assert_eq!(syncs[0]["syncType"], "full");
    assert_eq!(syncs[0]["id"].as_str().map(str::len), Some(27));
    for key in ["startedAt", "endedAt"] {
        let at = syncs[0][key].as_str().expect("a time");
        assert!(at.ends_with('Z') && at.len() >= 20, "{key}: {at}");
    }
    let stats = json_of(
        file,
        &["stats", "--sync-id", syncs[0]["id"].as_str().unwrap_or("")],
    );
    assert_eq!(stats["syncId"], syncs[0]["id"]);
}

#[test]
fn syncs_show_a_short_token_on_the_console_and_the_whole_token_in_json_and_csv() {
    let (_dir, file, _truth) = synced();
    let reader = Reader::open(file, &ReadOptions::default()).expect("the file opens");
    let runs = reader.sync_runs().expect("sync runs");
    let [run] = runs.as_slice() else {
        panic!("one sync run: {runs:?}");
    };
    let token = run.sync_token.as_str();
    let length = token.chars().count();
    assert!(length > 100, "a sync keeps its last checkpoint: {token}");

    let json = json_of(file, &["syncs"]);
    assert_eq!(json["syncs"][0]["syncToken"].as_str(), Some(token));

    let csv = stdout(file, &["syncs", "-o", "csv"]);
    let mut records = csv::Reader::from_reader(csv.as_bytes()).into_records();
    let record = records.next().expect("a record").expect("valid CSV");
    assert_eq!(record.get(5), Some(token));

    let console = stdout(file, &["syncs"]);
    let prefix: String = token.chars().take(12).collect();
    let row = console
        .lines()
        .nth(2)
        .expect("a row under the header and its rule");
    assert!(row.starts_with(run.id.as_str()), "{row}");
    assert!(
        row.ends_with(&format!("{prefix}… ({length} chars)")),
        "{row}"
    );
    assert!(!console.contains(token), "{console}");
}

#[test]
fn console_tables_are_aligned_with_names_and_free_of_escape_codes() {
    let (_dir, file, truth) = synced();
    let group = &truth.groups[0];
    let text = stdout(file, &["grants", "-t", "group", "-r", &group.id]);
    let mut lines = text.lines();
    let header = lines.next().expect("a header");
    assert!(
        header.starts_with("ID") && header.contains("Principal"),
        "{header}"
    );
    assert!(lines.next().is_some_and(|rule| rule.starts_with("--")));
    assert!(!text.contains('\x1b'), "escape codes in piped output");
    let principal_column = header.find("Principal").expect("a principal column");
    let admin = group.admin_ids.first().expect("groups have admins");
    let admin_name = &truth.user(admin).expect("a user").display_name;
    let row = text
        .lines()
        .find(|l| l.starts_with(&format!("group:{}:admin:user:{admin}", group.id)))
        .expect("the admin's grant is listed");
    assert_eq!(row.get(principal_column..), Some(admin_name.as_str()));
}

#[test]
fn console_tables_fit_the_width_in_columns() {
    let (_dir, file, _truth) = synced();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_baton-zoom"))
        .args(["grants", "--file"])
        .arg(file)
        .env("COLUMNS", "60")
        .output()
        .expect("the binary runs");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(text.lines().count() > 100);
    for line in text.lines() {
        assert!(line.chars().count() <= 60, "{line:?}");
    }
    assert!(text.contains('…'), "long ids are cut");
}

#[test]
fn csv_has_a_header_and_one_quoted_record_per_grant() {
    let (_dir, file, truth) = synced();
    let group = &truth.groups[0];
    let text = stdout(
        file,
        &["grants", "-t", "group", "-r", &group.id, "-o", "csv"],
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("a header").clone();
    assert_eq!(&header[0], "ID");
    assert_eq!(header.len(), 10);
    let records: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV");
    assert_eq!(
        records.len(),
        group.member_ids.len() + group.admin_ids.len()
    );
    for record in &records {
        assert_eq!(&record[1], "group");
        assert_eq!(&record[3], group.id.as_str());
        assert_eq!(&record[4], group.name.as_str());
    }
}

#[test]
fn an_empty_listing_is_an_empty_protojson_object() {
    let (_dir, file, _truth) = synced();
    let out = json_of(file, &["grants", "-t", "invite"]);
    assert_eq!(out, Value::Object(Default::default()));
}
