//! `diff` after a sync of the simulator, changes made in the simulated account, and a
//! second sync into the same file: it reports exactly those changes, and says so in words.

use std::collections::BTreeSet;

use serde_json::Value;
use zoom_sim::GroundTruth;
use zoom_sim::tenant::{
    ContactMemberType, DeleteAction, LicenseType, Tenant, UserPatch, UserRef, UserStatus,
};

use crate::support::{Sim, json_of, sorted_at, stdout};

/// Every grant id the account implies, from the ground truth's own relations.
fn grant_ids(truth: &GroundTruth) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for g in &truth.groups {
        ids.extend(
            g.member_ids
                .iter()
                .map(|u| format!("group:{}:member:user:{u}", g.id)),
        );
        ids.extend(
            g.admin_ids
                .iter()
                .map(|u| format!("group:{}:admin:user:{u}", g.id)),
        );
    }
    for u in &truth.users {
        ids.insert(format!("role:{}:member:user:{}", u.role_id, u.id));
        ids.insert(format!(
            "license:{}:assigned:user:{}",
            u8::from(u.license),
            u.id
        ));
    }
    for c in &truth.contact_groups {
        for m in &c.members {
            match m.member_type {
                ContactMemberType::User => {
                    ids.insert(format!("contactGroup:{}:member:user:{}", c.id, m.id));
                }
                ContactMemberType::Group if !c.dangling_group_ids.contains(&m.id) => {
                    ids.insert(format!("contactGroup:{}:member:group:{}", c.id, m.id));
                }
                ContactMemberType::Group => {}
            }
        }
    }
    ids
}

/// The changes made between the two syncs, with the people they concern.
struct Changes {
    group: String,
    new_admins: Vec<String>,
    licensed: String,
    deleted: String,
    deleted_name: String,
    renamed: String,
}

/// Two new admins of one group, a Basic user licensed, a user deleted, a user renamed.
fn change(tenant: &mut Tenant) -> Changes {
    let truth = tenant.ground_truth();
    let group = truth.groups[0].clone();
    let active = || truth.users_with_status(UserStatus::Active);
    let new_admins: Vec<String> = active()
        .filter(|u| !group.admin_ids.contains(&u.id) && u.role_id != "0")
        .take(2)
        .map(|u| u.id.clone())
        .collect();
    let licensed = active()
        .find(|u| u.license == LicenseType::Basic && !new_admins.contains(&u.id))
        .expect("the account has Basic users")
        .id
        .clone();
    let deleted_user = active()
        .find(|u| {
            u.role_id != "0"
                && u.id != licensed
                && !new_admins.contains(&u.id)
                && !group.member_ids.contains(&u.id)
                && !group.admin_ids.contains(&u.id)
        })
        .expect("a deletable user");
    let (deleted, deleted_name) = (deleted_user.id.clone(), deleted_user.display_name.clone());
    let renamed = active()
        .find(|u| ![&licensed, &deleted].contains(&&u.id) && !new_admins.contains(&u.id))
        .expect("another user")
        .id
        .clone();
    let refs: Vec<UserRef> = new_admins.iter().cloned().map(UserRef::Id).collect();
    tenant
        .add_group_admins(&group.id, &refs)
        .expect("admins are added");
    tenant
        .update_user(
            &licensed,
            UserPatch {
                license: Some(LicenseType::Licensed),
                ..UserPatch::default()
            },
        )
        .expect("licence changes");
    tenant
        .delete_user(&deleted, DeleteAction::Delete)
        .expect("user is deleted");
    tenant
        .update_user(
            &renamed,
            UserPatch {
                display_name: Some("Renamed Person".into()),
                ..UserPatch::default()
            },
        )
        .expect("user is renamed");
    Changes {
        group: group.id,
        new_admins,
        licensed,
        deleted,
        deleted_name,
        renamed,
    }
}

fn ids_at(list: &Value, pointer: &str) -> BTreeSet<String> {
    if list.is_null() {
        return BTreeSet::new();
    }
    sorted_at(list, pointer).into_iter().collect()
}

#[test]
fn diff_reports_exactly_the_changes_made_between_two_syncs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    let sim = Sim::start();
    sim.sync(&file);
    let before = sim.truth();
    let changes = change(&mut sim.sim.tenant().write());
    sim.sync(&file);
    let after = sim.truth();

    let out = json_of(&file, &["diff"]);

    let old_grants = grant_ids(&before);
    let new_grants = grant_ids(&after);
    let created: BTreeSet<String> = new_grants.difference(&old_grants).cloned().collect();
    let deleted: BTreeSet<String> = old_grants.difference(&new_grants).cloned().collect();
    assert_eq!(ids_at(&out["grants"]["created"], "/id"), created);
    assert_eq!(ids_at(&out["grants"]["deleted"], "/id"), deleted);
    assert!(out["grants"]["modified"].is_null());
    // The changes themselves, spelled out.
    for admin in &changes.new_admins {
        assert!(created.contains(&format!("group:{}:admin:user:{admin}", changes.group)));
    }
    assert!(created.contains(&format!("license:2:assigned:user:{}", changes.licensed)));
    assert!(deleted.contains(&format!("license:1:assigned:user:{}", changes.licensed)));
    assert!(
        deleted
            .iter()
            .any(|g| g.ends_with(&format!(":user:{}", changes.deleted)))
    );
    assert_eq!(created.len(), 3);

    assert_eq!(
        ids_at(&out["resources"]["deleted"], "/id/resource"),
        BTreeSet::from([changes.deleted.clone()])
    );
    assert!(out["resources"]["created"].is_null());
    // A user's resource changes exactly when Zoom's record of the user changes (the
    // deleted user's group and role relations leave others' records as they were).
    let modified_users: BTreeSet<String> = after
        .users
        .iter()
        .filter(|u| before.user(&u.id).is_some_and(|old| old != *u))
        .map(|u| u.id.clone())
        .collect();
    assert!(modified_users.contains(&changes.renamed));
    assert!(modified_users.contains(&changes.licensed));
    assert_eq!(
        ids_at(&out["resources"]["modified"], "/id/resource"),
        modified_users
    );
    assert_eq!(out["entitlements"], Value::Object(Default::default()));
}

#[test]
fn diff_summary_says_who_gained_and_lost_what() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    let sim = Sim::start();
    sim.sync(&file);
    let changes = change(&mut sim.sim.tenant().write());
    sim.sync(&file);
    let after = sim.truth();

    let text = stdout(&file, &["diff"]);
    let group = after.group(&changes.group).expect("the group");
    let licensed = after.user(&changes.licensed).expect("the user");
    for line in [
        format!("2 users gained admin in group {}", group.name),
        format!("user {} gained license Licensed", licensed.display_name),
        format!("user {} deleted", changes.deleted_name),
    ] {
        assert!(text.contains(&line), "{line:?} missing from:\n{text}");
    }
    assert!(text.contains("lost license"), "{text}");
    assert!(
        text.contains("users modified: ") && text.contains("Renamed Person"),
        "{text}"
    );
    assert!(!text.contains('\x1b'));

    // The same two syncs named explicitly, and in reverse: creations become deletions.
    let syncs = json_of(&file, &["syncs"]);
    let ids = sorted_at(&syncs["syncs"], "/id");
    let first = syncs["syncs"][0]["id"].as_str().expect("an id").to_owned();
    let second = syncs["syncs"][1]["id"].as_str().expect("an id").to_owned();
    assert_eq!(ids.len(), 2);
    let forward = json_of(&file, &["diff", "--base", &first, "--applied", &second]);
    let backward = json_of(&file, &["diff", "--base", &second, "--applied", &first]);
    assert_eq!(
        ids_at(&forward["grants"]["created"], "/id"),
        ids_at(&backward["grants"]["deleted"], "/id")
    );
}
