//! Writes against the simulator: each change reaches the account, and repeats are told apart
//! by typed errors or by what Zoom reports as added.

use zoom_api::{
    Client, ContactGroupMember, ContactMemberType, DeleteAction, Error, MemberRef, NewUser,
    StatusAction, UserType, UserUpdate,
};
use zoom_sim::tenant::{GroundTruth, LicenseType, UserStatus};
use zoom_sim::{Endpoint as SimEndpoint, Preset, SimConfig};

use crate::support;

/// A small generated account (seeded) and a client for its full-scope app.
async fn small(seed: u64) -> (zoom_sim::Simulator, Client) {
    let sim = support::start(SimConfig::preset(Preset::Small).seed(seed)).await;
    let client = support::client(&sim);
    (sim, client)
}

/// The group as the simulator holds it now.
fn group_now(sim: &zoom_sim::Simulator, id: &str) -> zoom_sim::tenant::Group {
    sim.ground_truth()
        .group(id)
        .cloned()
        .expect("the group exists")
}

/// An active user who is neither the owner nor an admin.
fn plain_user(truth: &GroundTruth) -> zoom_sim::tenant::User {
    truth
        .users
        .iter()
        .find(|u| u.status == UserStatus::Active && u.role_id == "2")
        .cloned()
        .expect("the generated account has active members")
}

#[tokio::test]
async fn invitation_is_pending_and_a_second_one_already_exists() {
    let (sim, client) = small(61).await;
    let email = "new.person@example.com";
    let created = client
        .users()
        .create(&NewUser::invite(email, UserType::Licensed))
        .await
        .expect("invited");
    assert_eq!(created.email, email);
    assert_eq!(created.user_type, UserType::Licensed);
    let truth = sim.ground_truth();
    let pending = truth
        .pending_user(email)
        .expect("the invitation is pending");
    assert_eq!(pending.license, LicenseType::Licensed);

    let again = client
        .users()
        .create(&NewUser::invite(email, UserType::Licensed))
        .await
        .expect_err("the email is taken");
    assert!(
        matches!(again, Error::AlreadyExists { code: 1005, .. }),
        "{again:?}"
    );

    client
        .users()
        .delete(email, DeleteAction::Disassociate)
        .await
        .expect("invitation withdrawn");
    assert!(sim.ground_truth().pending_user(email).is_none());
}

#[tokio::test]
async fn status_licence_and_deletion_reach_the_account() {
    let (sim, client) = small(62).await;
    let user = plain_user(&sim.ground_truth());
    let users = client.users();

    users
        .set_status(&user.id, StatusAction::Deactivate)
        .await
        .expect("deactivated");
    assert_eq!(
        sim.ground_truth().user(&user.id).expect("user").status,
        UserStatus::Inactive
    );
    users
        .set_status(&user.id, StatusAction::Activate)
        .await
        .expect("activated");
    assert_eq!(
        sim.ground_truth().user(&user.id).expect("user").status,
        UserStatus::Active
    );

    let new_type = if user.license == LicenseType::Licensed {
        UserType::Basic
    } else {
        UserType::Licensed
    };
    users
        .update(
            &user.id,
            &UserUpdate {
                user_type: Some(new_type),
                ..UserUpdate::default()
            },
        )
        .await
        .expect("licence changed");
    let read = users.get(&user.id).await.expect("read back");
    assert_eq!(read.user_type, new_type);

    users
        .delete(&user.id, DeleteAction::Delete)
        .await
        .expect("deleted");
    assert!(sim.ground_truth().user(&user.id).is_none());
    let again = users
        .delete(&user.id, DeleteAction::Delete)
        .await
        .expect_err("already gone");
    assert!(
        matches!(again, Error::NotFound { code: 1001, .. }),
        "{again:?}"
    );
}

#[tokio::test]
async fn group_membership_add_is_idempotent_and_a_second_remove_is_not_found() {
    let (sim, client) = small(63).await;
    let truth = sim.ground_truth();
    let group = &truth.groups[0];
    let user = truth
        .users
        .iter()
        .find(|u| !group.member_ids.contains(&u.id))
        .expect("someone is not in the group");

    let added = client
        .groups()
        .add_members(&group.id, &[MemberRef::Id(user.id.clone())])
        .await
        .expect("added");
    assert_eq!(added.ids, std::slice::from_ref(&user.id));
    assert!(added.added_at.is_some());
    assert!(group_now(&sim, &group.id).member_ids.contains(&user.id));

    let repeat = client
        .groups()
        .add_members(&group.id, &[MemberRef::Email(user.email.clone())])
        .await
        .expect("repeat answers 201");
    assert!(repeat.ids.is_empty(), "nothing new was added: {repeat:?}");

    client
        .groups()
        .remove_member(&group.id, &user.id)
        .await
        .expect("removed");
    assert!(!group_now(&sim, &group.id).member_ids.contains(&user.id));
    let again = client
        .groups()
        .remove_member(&group.id, &user.id)
        .await
        .expect_err("not a member any more");
    assert!(matches!(again, Error::NotFound { .. }), "{again:?}");
}

#[tokio::test]
async fn adding_45_members_takes_two_calls_of_at_most_30() {
    let (sim, client) = small(64).await;
    let truth = sim.ground_truth();
    let group = &truth.groups[0];
    let outsiders: Vec<String> = truth
        .users
        .iter()
        .filter(|u| !group.member_ids.contains(&u.id))
        .take(45)
        .map(|u| u.id.clone())
        .collect();
    assert_eq!(outsiders.len(), 45);
    let refs: Vec<MemberRef> = outsiders.iter().cloned().map(MemberRef::Id).collect();
    let added = client
        .groups()
        .add_members(&group.id, &refs)
        .await
        .expect("added");
    let mut ids = added.ids.clone();
    ids.sort();
    let mut want = outsiders.clone();
    want.sort();
    assert_eq!(ids, want);
    assert_eq!(sim.counters().endpoint(SimEndpoint::GroupMembersCreate), 2);
    let after = sim.ground_truth();
    let members = &after.group(&group.id).expect("group").member_ids;
    assert!(outsiders.iter().all(|id| members.contains(id)));
}

#[tokio::test]
async fn group_admin_add_and_remove() {
    let (sim, client) = small(65).await;
    let truth = sim.ground_truth();
    let group = &truth.groups[0];
    let user = truth
        .users
        .iter()
        .find(|u| !group.admin_ids.contains(&u.id) && u.status == UserStatus::Active)
        .expect("someone is not an admin");
    let added = client
        .groups()
        .add_admins(&group.id, &[MemberRef::Email(user.email.clone())])
        .await
        .expect("added");
    assert_eq!(added.ids, std::slice::from_ref(&user.id));
    assert!(group_now(&sim, &group.id).admin_ids.contains(&user.id));
    client
        .groups()
        .remove_admin(&group.id, &user.id)
        .await
        .expect("removed");
    assert!(!group_now(&sim, &group.id).admin_ids.contains(&user.id));
    let again = client
        .groups()
        .remove_admin(&group.id, &user.id)
        .await
        .expect_err("not an admin any more");
    assert!(
        matches!(again, Error::NotFound { code: 4138, .. }),
        "{again:?}"
    );
}

#[tokio::test]
async fn role_assignment_moves_the_user_and_the_owner_role_is_forbidden() {
    let (sim, client) = small(66).await;
    let user = plain_user(&sim.ground_truth());
    let added = client
        .roles()
        .assign("1", &[MemberRef::Id(user.id.clone())])
        .await
        .expect("assigned");
    assert_eq!(added.ids, std::slice::from_ref(&user.id));
    assert_eq!(
        sim.ground_truth().user(&user.id).expect("user").role_id,
        "1"
    );
    client
        .roles()
        .unassign("1", &user.id)
        .await
        .expect("unassigned");
    assert_eq!(
        sim.ground_truth().user(&user.id).expect("user").role_id,
        "2"
    );

    let owner = client
        .roles()
        .assign("0", &[MemberRef::Id(user.id.clone())])
        .await
        .expect_err("the owner role is not assignable");
    assert!(matches!(owner, Error::ForbiddenForRole { .. }), "{owner:?}");
    assert!(owner.to_string().contains("assign the user another role"));
}

#[tokio::test]
async fn contact_group_member_add_and_remove() {
    let (sim, client) = small(67).await;
    let truth = sim.ground_truth();
    let cg = &truth.contact_groups[0];
    let user = truth
        .users
        .iter()
        .find(|u| !cg.members.iter().any(|m| m.id == u.id))
        .expect("someone is not in the contact group");
    let member = ContactGroupMember {
        member_type: ContactMemberType::User,
        id: user.id.clone(),
        name: None,
    };
    client
        .contact_groups()
        .add_members(&cg.id, &[member])
        .await
        .expect("added");
    let has = |truth: &GroundTruth| {
        truth
            .contact_groups
            .iter()
            .find(|g| g.id == cg.id)
            .expect("contact group")
            .members
            .iter()
            .any(|m| m.id == user.id)
    };
    assert!(has(&sim.ground_truth()));
    client
        .contact_groups()
        .remove_members(&cg.id, std::slice::from_ref(&user.id))
        .await
        .expect("removed");
    assert!(!has(&sim.ground_truth()));
}
