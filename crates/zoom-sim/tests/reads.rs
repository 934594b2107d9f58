//! Listing endpoints return exactly the ground truth, page by page.

use zoom_sim::tenant::UserStatus;

use crate::support::{sorted_field, start};

#[tokio::test]
async fn listing_users_by_status_returns_exactly_the_ground_truth() {
    let (sim, api) = start().await;
    let truth = sim.ground_truth();
    for status in [UserStatus::Active, UserStatus::Inactive] {
        let rows = api
            .list_all(
                &format!("/users?status={}&page_size=17", status.as_str()),
                "users",
            )
            .await;
        let expected: Vec<String> = truth
            .users_with_status(status)
            .map(|u| u.id.clone())
            .collect();
        assert_eq!(sorted_field(&rows, "id"), expected);
        for row in &rows {
            let user = truth
                .user(row["id"].as_str().expect("id"))
                .expect("listed users exist");
            assert_eq!(row["email"], user.email.as_str());
            assert_eq!(row["role_id"], user.role_id.as_str());
            assert_eq!(row["type"], u8::from(user.license));
            let groups: Vec<&str> = row["group_ids"]
                .as_array()
                .expect("group_ids")
                .iter()
                .filter_map(|g| g.as_str())
                .collect();
            assert_eq!(
                groups,
                user.group_ids
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
            );
        }
    }
    let pending = api
        .list_all("/users?status=pending&page_size=300", "users")
        .await;
    assert!(
        pending.iter().all(|row| row.get("id").is_none()),
        "pending rows carry no id"
    );
    let expected: Vec<String> = truth
        .pending_users
        .iter()
        .map(|p| p.email.clone())
        .collect();
    assert_eq!(sorted_field(&pending, "email"), expected);
}

#[tokio::test]
async fn first_page_reports_totals_and_default_page_size() {
    let (sim, api) = start().await;
    let truth = sim.ground_truth();
    let active = truth.users_with_status(UserStatus::Active).count();
    let page = api.get("/users").await;
    assert_eq!(page.body["page_size"], 30);
    assert_eq!(page.body["total_records"], active);
    assert_eq!(page.body["page_count"], active.div_ceil(30));
    assert_eq!(page.body["page_number"], 1);
    assert_eq!(page.body["users"].as_array().expect("users").len(), 30);
    assert!(page.header("x-zm-trackingid").is_some());
    assert_eq!(page.header("x-ratelimit-category"), Some("Medium"));
}

#[tokio::test]
async fn me_is_the_account_owner_wherever_a_user_id_is_taken() {
    let (sim, api) = start().await;
    let truth = sim.ground_truth();
    let owner = truth
        .users
        .iter()
        .find(|u| u.role_id == "0")
        .expect("every account has an owner");
    let me = api.get("/users/me").await;
    assert_eq!(me.status, reqwest::StatusCode::OK, "{}", me.body);
    assert_eq!(me.body["id"], owner.id.as_str());
    assert_eq!(me.body["email"], owner.email.as_str());
    assert_eq!(me.body["account_id"], truth.account_id.as_str());
    let renamed = api
        .patch(
            "/users/me",
            serde_json::json!({"dept": "Office of the Owner"}),
        )
        .await;
    assert_eq!(renamed.status, reqwest::StatusCode::NO_CONTENT);
    assert_eq!(
        sim.ground_truth().user(&owner.id).expect("owner").dept,
        "Office of the Owner"
    );
}

#[tokio::test]
async fn each_role_answers_its_privileges_as_the_ground_truth_has_them() {
    let (sim, api) = start().await;
    let truth = sim.ground_truth();
    for role in &truth.roles {
        let detail = api.get(&format!("/roles/{}", role.id)).await;
        assert_eq!(detail.status, reqwest::StatusCode::OK, "{}", detail.body);
        assert_eq!(
            detail.body,
            serde_json::json!({
                "id": role.id,
                "name": role.name,
                "description": role.description,
                "type": "common",
                "total_members": role.member_ids.len(),
                "privileges": role.privileges,
                "sub_account_privileges": {"second_level": 0},
            })
        );
    }
    let held = |id: &str| truth.role(id).expect("built-in role").privileges.len();
    let all = zoom_sim::tenant::privileges::ALL.len();
    assert_eq!(held("0"), all, "the owner holds every privilege");
    assert!((10..all).contains(&held("1")), "Admin holds a broad set");
    assert_eq!(held("2"), 0, "Member holds none");
    let custom: Vec<usize> = truth
        .roles
        .iter()
        .filter(|r| !["0", "1", "2"].contains(&r.id.as_str()))
        .map(|r| r.privileges.len())
        .collect();
    assert!(!custom.is_empty());
    assert!(custom.iter().all(|n| (1..all).contains(n)), "{custom:?}");
}
