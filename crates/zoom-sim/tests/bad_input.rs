//! Bad input gets Zoom's 400 validation answer (code 300), never a panic or a 5xx.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{answer, start};

fn members(count: usize, key: &str) -> Value {
    let items: Vec<Value> = (0..count)
        .map(|i| json!({"id": format!("user{i}")}))
        .collect();
    json!({ key: items })
}

#[tokio::test]
async fn malformed_json_is_a_validation_error() {
    let (sim, api) = start().await;
    let group = sim.ground_truth().groups[0].id.clone();
    for body in ["{not json", "", "[1,2]", "\"text\""] {
        let response = api
            .http
            .post(format!("{}/groups/{group}/members", api.base))
            .bearer_auth(&api.token)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("answered");
        let answer = answer(response).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body:?}");
        assert_eq!(
            answer.body,
            json!({"code": 300, "message": "Request Body should be a valid JSON object."})
        );
    }
}

#[tokio::test]
async fn wrong_types_are_validation_failures() {
    let (sim, api) = start().await;
    let truth = sim.ground_truth();
    let group = &truth.groups[0].id;
    let user = &truth.users[1].id;
    let cases = [
        (
            Method::POST,
            format!("/groups/{group}/members"),
            json!({"members": "everyone"}),
        ),
        (
            Method::POST,
            format!("/groups/{group}/admins"),
            json!({"admins": [{"id": 7}]}),
        ),
        (
            Method::POST,
            "/users".to_owned(),
            json!({"action": "create", "user_info": {"email": "a@b.co", "type": "licensed"}}),
        ),
        (
            Method::POST,
            "/users".to_owned(),
            json!({"action": "create", "user_info": {"email": "a@b.co", "type": 3}}),
        ),
        (
            Method::POST,
            "/users".to_owned(),
            json!({"action": "create", "user_info": {"email": "not-an-email", "type": 1}}),
        ),
        (
            Method::POST,
            "/users".to_owned(),
            json!({"action": "promote", "user_info": {"email": "a@b.co", "type": 1}}),
        ),
        (
            Method::POST,
            "/users".to_owned(),
            json!({"action": "create"}),
        ),
        (Method::PATCH, format!("/users/{user}"), json!({"type": 5})),
        (
            Method::PATCH,
            format!("/users/{user}"),
            json!({"first_name": "x".repeat(65)}),
        ),
        (
            Method::PUT,
            format!("/users/{user}/status"),
            json!({"action": "pause"}),
        ),
        (
            Method::PUT,
            format!("/users/{user}/status"),
            json!({"status": "active"}),
        ),
        (
            Method::POST,
            format!("/contacts/groups/{}/members", truth.contact_groups[0].id),
            json!({"group_members": [{"type": 9, "id": user}]}),
        ),
    ];
    for (method, path, body) in cases {
        let answer = api.send(method.clone(), &path, Some(body.clone())).await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{method} {path} {body}: {}",
            answer.body
        );
        assert_eq!(
            answer.code(),
            Some(300),
            "{method} {path} {body}: {}",
            answer.body
        );
    }
    assert_eq!(sim.ground_truth(), truth, "refused requests change nothing");
}

#[tokio::test]
async fn over_limit_batches_are_refused_whole() {
    let (sim, api) = start().await;
    let truth = sim.ground_truth();
    let group = &truth.groups[0].id;
    let contact = &truth.contact_groups[0].id;
    let custom_role = &truth
        .roles
        .iter()
        .find(|r| r.id.len() > 1)
        .expect("custom role")
        .id;
    let users: Vec<Value> = (0..51)
        .map(|i| json!({"type": 1, "id": format!("u{i}")}))
        .collect();
    let groups: Vec<Value> = (0..4)
        .map(|i| json!({"type": 2, "id": format!("g{i}")}))
        .collect();
    let ids: Vec<String> = (0..21).map(|i| format!("m{i}")).collect();
    let cases = [
        (
            Method::POST,
            format!("/groups/{group}/members"),
            Some(members(31, "members")),
        ),
        (
            Method::POST,
            format!("/groups/{group}/admins"),
            Some(members(11, "admins")),
        ),
        (
            Method::POST,
            format!("/roles/{custom_role}/members"),
            Some(members(31, "members")),
        ),
        (
            Method::POST,
            format!("/contacts/groups/{contact}/members"),
            Some(json!({"group_members": users})),
        ),
        (
            Method::POST,
            format!("/contacts/groups/{contact}/members"),
            Some(json!({"group_members": groups})),
        ),
        (
            Method::DELETE,
            format!(
                "/contacts/groups/{contact}/members?member_ids={}",
                ids.join(",")
            ),
            None,
        ),
        (
            Method::POST,
            format!("/groups/{group}/members"),
            Some(json!({"members": []})),
        ),
    ];
    for (method, path, body) in cases {
        let answer = api.send(method.clone(), &path, body).await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{method} {path}: {}",
            answer.body
        );
        assert_eq!(answer.code(), Some(300), "{method} {path}: {}", answer.body);
    }
    let thirty = members(31, "members")["members"].as_array().expect("array")[..30].to_vec();
    let answer = api
        .post(
            &format!("/groups/{group}/members"),
            json!({"members": thirty}),
        )
        .await;
    assert_eq!(
        answer.code(),
        Some(1001),
        "30 is within the limit; the unknown ids are what is refused"
    );
}

#[tokio::test]
async fn bad_query_values_are_validation_errors() {
    let (_sim, api) = start().await;
    for path in [
        "/users?page_size=many",
        "/users?status=asleep",
        "/roles?type=secret",
        "/groups?page_size=-x",
    ] {
        let answer = api.get(path).await;
        assert_eq!(
            (answer.status, answer.code()),
            (StatusCode::BAD_REQUEST, Some(300)),
            "{path}"
        );
    }
    let clamped = api.get("/users?page_size=5000").await;
    assert_eq!(clamped.body["page_size"], 300);
}

#[tokio::test]
async fn no_input_makes_the_server_fail() {
    let (sim, api) = start().await;
    let truth = sim.ground_truth();
    let user = &truth.users[3].id;
    let group = &truth.groups[1].id;
    let bodies = [
        json!(null),
        json!({}),
        json!({"members": null}),
        json!({"members": [{}]}),
        json!({"members": [null]}),
        json!({"action": null, "user_info": null}),
        json!({"group_members": [{"type": 1}]}),
        json!({"type": 1e30}),
        json!({"members": [{"id": ""}]}),
        json!({"admins": [{"email": "x".repeat(10_000)}]}),
    ];
    let targets = [
        (Method::POST, "/users".to_owned()),
        (Method::PATCH, format!("/users/{user}")),
        (Method::PUT, format!("/users/{user}/status")),
        (Method::POST, format!("/groups/{group}/members")),
        (Method::POST, format!("/groups/{group}/admins")),
        (Method::POST, "/roles/1/members".to_owned()),
        (
            Method::POST,
            format!("/contacts/groups/{}/members", truth.contact_groups[1].id),
        ),
        (Method::DELETE, "/users/%00".to_owned()),
        (Method::GET, "/users?next_page_token=%FF%FE".to_owned()),
    ];
    for (method, path) in &targets {
        for body in &bodies {
            let answer = api.send(method.clone(), path, Some(body.clone())).await;
            assert!(
                answer.status.is_client_error() || answer.status.is_success(),
                "{method} {path} {body}: {}",
                answer.status
            );
        }
    }
    assert_eq!(
        sim.counters()
            .by_status
            .values()
            .flat_map(|s| s.keys())
            .filter(|s| **s >= 500)
            .count(),
        0
    );
}
