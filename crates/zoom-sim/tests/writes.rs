//! Writes change the account as Zoom's do, and every read reflects them.

use reqwest::StatusCode;
use serde_json::json;
use zoom_sim::tenant::{LicenseType, UserStatus};

use crate::support::{sorted_field, start, start_with};

#[tokio::test]
async fn invited_users_are_pending_and_listed_by_email_only() {
    let (sim, api) = start().await;
    let created = api.post("/users", json!({"action": "create", "user_info": {"email": "Invitee@Example.com", "type": 2, "first_name": "In", "last_name": "Vitee"}})).await;
    assert_eq!(created.status, StatusCode::CREATED);
    assert_eq!(created.body["email"], "Invitee@Example.com");
    assert_eq!(created.body["type"], 2);
    let id = created.body["id"]
        .as_str()
        .expect("an internal id is returned")
        .to_owned();
    let pending = api
        .list_all("/users?status=pending&page_size=300", "users")
        .await;
    let row = pending
        .iter()
        .find(|r| r["email"] == "Invitee@Example.com")
        .expect("listed as pending");
    assert!(row.get("id").is_none());
    assert_eq!(row["status"], "pending");
    let truth = sim.ground_truth();
    assert!(
        truth
            .pending_users
            .iter()
            .any(|p| p.email == "Invitee@Example.com" && p.role_id == "2")
    );
    assert!(
        truth.user(&id).is_none(),
        "pending users are not among users with an id"
    );
    let again = api
        .post(
            "/users",
            json!({"action": "create", "user_info": {"email": "invitee@example.com", "type": 1}}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(
        again.body,
        json!({"code": 1005, "message": "Email \"invitee@example.com\" has already been used."})
    );
}

#[tokio::test]
async fn a_pending_user_is_put_in_a_group_with_patch_group_id_and_no_one_else_is() {
    let (sim, api) = start().await;
    let truth = sim.ground_truth();
    let group = truth.groups[0].clone();
    let created = api
        .post(
            "/users",
            json!({"action": "create", "user_info": {"email": "joiner@example.com", "type": 1}}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    let patched = api
        .patch("/users/joiner@example.com", json!({"group_id": group.id}))
        .await;
    assert_eq!(patched.status, StatusCode::NO_CONTENT, "{}", patched.body);
    let truth = sim.ground_truth();
    let pending = truth
        .pending_user("joiner@example.com")
        .expect("still pending");
    assert_eq!(pending.group_ids, std::slice::from_ref(&group.id));
    // Not a member until the invitation is accepted: the group's members are unchanged.
    assert_eq!(
        truth.group(&group.id).expect("the group").member_ids,
        group.member_ids
    );
    let unknown = api
        .patch(
            "/users/joiner@example.com",
            json!({"group_id": "NoSuchGroup"}),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.code(), Some(4130));
    let active = truth.users[0].id.clone();
    let refused = api
        .patch(&format!("/users/{active}"), json!({"group_id": group.id}))
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(refused.code(), Some(300));
}

#[tokio::test]
async fn auto_created_users_are_active_members() {
    let (sim, api) = start().await;
    let created = api.post("/users", json!({"action": "autoCreate", "user_info": {"email": "auto@example.com", "type": 1, "password": "s3cret-pass"}})).await;
    let id = created.body["id"].as_str().expect("id").to_owned();
    let user = sim
        .ground_truth()
        .user(&id)
        .cloned()
        .expect("an active user with an id");
    assert_eq!(
        (user.status, user.role_id.as_str(), user.license),
        (UserStatus::Active, "2", LicenseType::Basic)
    );
    let fetched = api.get(&format!("/users/{id}")).await;
    assert_eq!(fetched.body["email"], "auto@example.com");
    assert_eq!(fetched.body["role_name"], "Member");
}

#[tokio::test]
async fn deleting_a_user_removes_every_membership() {
    let (sim, api) = start().await;
    let truth = sim.ground_truth();
    let user = truth
        .users
        .iter()
        .find(|u| u.group_ids.len() >= 2 && u.role_id != "0")
        .expect("a user in two groups")
        .clone();
    let refused = api
        .delete(&format!("/users/{}?transfer_meeting=true", user.id))
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(refused.code(), Some(300));
    let to_self = api
        .delete(&format!(
            "/users/{}?transfer_meeting=true&transfer_email={}",
            user.id, user.email
        ))
        .await;
    assert_eq!(to_self.code(), Some(300));
    assert_eq!(
        api.delete(&format!("/users/{}", user.id)).await.status,
        StatusCode::NO_CONTENT
    );
    let after = sim.ground_truth();
    assert!(after.user(&user.id).is_none());
    for group_id in &user.group_ids {
        let members = api
            .list_all(
                &format!("/groups/{group_id}/members?page_size=300"),
                "members",
            )
            .await;
        assert!(!sorted_field(&members, "id").contains(&user.id));
    }
    assert!(
        !after
            .role(&user.role_id)
            .expect("role")
            .member_ids
            .contains(&user.id)
    );
    assert_eq!(
        api.get(&format!("/users/{}", user.id)).await.code(),
        Some(1001)
    );
}

#[tokio::test]
async fn pending_users_are_removed_by_disassociation_only() {
    let (sim, api) = start().await;
    let email = sim.ground_truth().pending_users[0].email.clone();
    assert_eq!(
        api.delete(&format!("/users/{email}?action=delete"))
            .await
            .code(),
        Some(300)
    );
    assert_eq!(
        api.delete(&format!("/users/{email}?action=disassociate"))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert!(sim.ground_truth().pending_user(&email).is_none());
}

#[tokio::test]
async fn deactivation_removes_the_licence_and_activation_restores_the_status() {
    let (sim, api) = start().await;
    let user = sim
        .ground_truth()
        .users
        .iter()
        .find(|u| {
            u.status == UserStatus::Active && u.license == LicenseType::Licensed && u.role_id != "0"
        })
        .expect("a licensed user")
        .clone();
    let path = format!("/users/{}/status", user.id);
    let done = api.put(&path, json!({"action": "deactivate"})).await;
    assert_eq!(done.status, StatusCode::OK);
    let inactive = api
        .list_all("/users?status=inactive&page_size=300", "users")
        .await;
    let row = inactive
        .iter()
        .find(|r| r["id"] == user.id.as_str())
        .expect("listed as inactive");
    assert_eq!(row["type"], 1);
    assert!(sim.ground_truth().licenses[&1].contains(&user.id));
    assert_eq!(
        api.put(&path, json!({"action": "activate"})).await.status,
        StatusCode::OK
    );
    assert_eq!(
        sim.ground_truth().user(&user.id).expect("user").status,
        UserStatus::Active
    );
    let owner = sim
        .ground_truth()
        .role("0")
        .expect("owner")
        .member_ids
        .iter()
        .next()
        .expect("one")
        .clone();
    assert_eq!(
        api.put(
            &format!("/users/{owner}/status"),
            json!({"action": "deactivate"})
        )
        .await
        .code(),
        Some(200)
    );
}

#[tokio::test]
async fn patching_type_changes_the_licence() {
    let (sim, api) = start().await;
    let user = sim
        .ground_truth()
        .users
        .iter()
        .find(|u| u.license == LicenseType::Basic)
        .expect("a basic user")
        .clone();
    let patched = api
        .patch(
            &format!("/users/{}", user.id),
            json!({"type": 2, "dept": "Research"}),
        )
        .await;
    assert_eq!(patched.status, StatusCode::NO_CONTENT);
    let truth = sim.ground_truth();
    assert!(truth.licenses[&2].contains(&user.id));
    assert_eq!(truth.user(&user.id).expect("user").dept, "Research");
    let row = api.get(&format!("/users/{}", user.id)).await;
    assert_eq!(
        (row.body["type"].as_i64(), row.body["dept"].as_str()),
        (Some(2), Some("Research"))
    );
}

#[tokio::test]
async fn group_member_changes_show_on_user_rows_and_member_lists() {
    let (sim, api) = start().await;
    let truth = sim.ground_truth();
    let group = truth.groups[0].clone();
    let outsiders: Vec<_> = truth
        .users
        .iter()
        .filter(|u| !group.member_ids.contains(&u.id))
        .take(2)
        .cloned()
        .collect();
    let existing = group
        .member_ids
        .iter()
        .next()
        .expect("group has members")
        .clone();
    let body = json!({"members": [{"id": outsiders[0].id}, {"email": outsiders[1].email}, {"id": existing}]});
    let added = api
        .post(&format!("/groups/{}/members", group.id), body)
        .await;
    assert_eq!(added.status, StatusCode::CREATED);
    let mut ids: Vec<&str> = added.body["ids"]
        .as_str()
        .expect("ids")
        .split(',')
        .collect();
    ids.sort();
    let mut expected = vec![outsiders[0].id.as_str(), outsiders[1].id.as_str()];
    expected.sort();
    assert_eq!(ids, expected, "only newly added members are listed");
    let row = api.get(&format!("/users/{}", outsiders[0].id)).await;
    assert!(
        row.body["group_ids"]
            .as_array()
            .expect("group_ids")
            .iter()
            .any(|g| g == group.id.as_str())
    );
    let removed = api
        .delete(&format!("/groups/{}/members/{}", group.id, outsiders[0].id))
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    let again = api
        .delete(&format!("/groups/{}/members/{}", group.id, outsiders[0].id))
        .await;
    assert_eq!(
        (again.status, &again.body),
        (
            StatusCode::BAD_REQUEST,
            &json!({"code": 4131, "message": "Group member does not exist."})
        )
    );
    let members = api
        .list_all(
            &format!("/groups/{}/members?page_size=300", group.id),
            "members",
        )
        .await;
    let mut expected: Vec<String> = group
        .member_ids
        .iter()
        .cloned()
        .chain([outsiders[1].id.clone()])
        .collect();
    expected.sort();
    assert_eq!(sorted_field(&members, "id"), expected);
}

#[tokio::test]
async fn group_admins_are_added_and_removed_by_email_or_id() {
    let (sim, api) = start().await;
    let truth = sim.ground_truth();
    let group = truth
        .groups
        .iter()
        .find(|g| !g.admin_ids.is_empty())
        .expect("a group with admins")
        .clone();
    let newcomer = truth
        .users
        .iter()
        .find(|u| !group.admin_ids.contains(&u.id))
        .expect("a non-admin")
        .clone();
    let added = api
        .post(
            &format!("/groups/{}/admins", group.id),
            json!({"admins": [{"email": newcomer.email}]}),
        )
        .await;
    assert_eq!(added.body["ids"], newcomer.id.as_str());
    let admins = api
        .list_all(
            &format!("/groups/{}/admins?page_size=300", group.id),
            "admins",
        )
        .await;
    assert!(sorted_field(&admins, "email").contains(&newcomer.email));
    assert_eq!(
        api.delete(&format!("/groups/{}/admins/{}", group.id, newcomer.id))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let again = api
        .delete(&format!("/groups/{}/admins/{}", group.id, newcomer.id))
        .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(again.body["code"], 4138);
    assert_eq!(
        again.body["message"],
        format!(
            "That user is not an administrator for the group: \"{}\".",
            group.id
        )
    );
    assert_eq!(sim.ground_truth().group(&group.id), Some(&group));
}

#[tokio::test]
async fn assigning_a_role_replaces_the_old_one_and_unassigning_falls_back_to_member() {
    let (sim, api) = start().await;
    let truth = sim.ground_truth();
    let custom = truth
        .roles
        .iter()
        .find(|r| r.id.len() > 1)
        .expect("a custom role")
        .clone();
    let user = truth
        .users
        .iter()
        .find(|u| u.role_id == "1")
        .expect("an admin")
        .clone();
    let assigned = api
        .post(
            &format!("/roles/{}/members", custom.id),
            json!({"members": [{"id": user.id}]}),
        )
        .await;
    assert_eq!(assigned.status, StatusCode::CREATED);
    assert_eq!(assigned.body["ids"], user.id.as_str());
    assert!(assigned.body["add_at"].is_string());
    let row = api.get(&format!("/users/{}", user.id)).await;
    assert_eq!(
        (row.body["role_id"].as_str(), row.body["role_name"].as_str()),
        (Some(custom.id.as_str()), Some(custom.name.as_str()))
    );
    let after = sim.ground_truth();
    assert!(
        !after
            .role("1")
            .expect("admin role")
            .member_ids
            .contains(&user.id)
    );
    assert!(
        after
            .role(&custom.id)
            .expect("custom role")
            .member_ids
            .contains(&user.id)
    );
    let members = api
        .list_all(
            &format!("/roles/{}/members?page_size=300", custom.id),
            "members",
        )
        .await;
    assert_eq!(
        sorted_field(&members, "id"),
        after
            .role(&custom.id)
            .expect("role")
            .member_ids
            .iter()
            .cloned()
            .collect::<Vec<_>>()
    );
    assert_eq!(
        api.delete(&format!("/roles/{}/members/{}", custom.id, user.id))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        sim.ground_truth().user(&user.id).expect("user").role_id,
        "2"
    );
}

#[tokio::test]
async fn contact_group_members_are_added_and_removed_but_never_emptied() {
    let (sim, api) = start().await;
    let truth = sim.ground_truth();
    let contact = truth.contact_groups[0].clone();
    let group = truth
        .groups
        .iter()
        .find(|g| !contact.members.iter().any(|m| m.id == g.id))
        .expect("a group not in it")
        .clone();
    let added = api
        .post(
            &format!("/contacts/groups/{}/members", contact.id),
            json!({"group_members": [{"type": 2, "id": group.id}]}),
        )
        .await;
    assert_eq!(
        (added.status, &added.body),
        (StatusCode::CREATED, &json!({"member_ids": [group.id]}))
    );
    let members = api
        .list_all(
            &format!("/contacts/groups/{}/members?page_size=7", contact.id),
            "group_members",
        )
        .await;
    assert_eq!(members.len(), contact.members.len() + 1);
    let removed = api
        .delete(&format!(
            "/contacts/groups/{}/members?member_ids={}",
            contact.id, group.id
        ))
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    assert_eq!(sim.ground_truth().contact_groups[0], contact);
    let small = truth
        .contact_groups
        .iter()
        .find(|c| c.members.len() <= 20)
        .expect("a contact group of at most 20 members");
    let everyone: Vec<&str> = small.members.iter().map(|m| m.id.as_str()).collect();
    let emptied = api
        .delete(&format!(
            "/contacts/groups/{}/members?member_ids={}",
            small.id,
            everyone.join(",")
        ))
        .await;
    assert_eq!(
        emptied.body,
        json!({"code": 300, "message": "A group must have at least one member"})
    );
    assert_eq!(
        sim.ground_truth()
            .contact_groups
            .iter()
            .find(|c| c.id == small.id)
            .map(|c| c.members.len()),
        Some(small.members.len())
    );
}

#[tokio::test]
async fn invitations_stop_at_the_daily_invite_cap() {
    let config = zoom_sim::SimConfig::preset(zoom_sim::Preset::Small).daily_invite_limit(2);
    let (_sim, api) = start_with(config).await;
    let invite = |n: u32| json!({"action": "create", "user_info": {"email": format!("invite{n}@example.com"), "type": 1}});
    assert_eq!(
        api.post("/users", invite(1)).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        api.post("/users", invite(1)).await.status,
        StatusCode::CONFLICT,
        "a refused invitation is not counted"
    );
    assert_eq!(
        api.post("/users", invite(2)).await.status,
        StatusCode::CREATED
    );
    let refused = api.post("/users", invite(3)).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        refused.body["message"],
        "You have exceeded the daily rate limit (2) of user invite requests permitted for this account. You can resume these user requests at GMT 00:00:00."
    );
    let direct =
        json!({"action": "custCreate", "user_info": {"email": "direct@example.com", "type": 1}});
    assert_eq!(
        api.post("/users", direct).await.status,
        StatusCode::CREATED,
        "only invitations are capped"
    );
}
