//! Each documented error path answers with Zoom's status, code, message and headers.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;
use zoom_sim::{Category, Preset, RateLimitMode, SimConfig, ZoomPlan};

use crate::support::{Api, answer, request_token, start, start_with};

#[tokio::test]
async fn bad_client_credentials_get_invalid_client() {
    let (sim, _) = start().await;
    let http = reqwest::Client::new();
    let mut wrong = sim.credentials().clone();
    wrong.client_secret.push('x');
    let refused = request_token(&http, &sim, &wrong).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        refused.body,
        json!({"reason": "Invalid client_id or client_secret", "error": "invalid_client"})
    );
    let anonymous = http
        .post(sim.oauth_url())
        .form(&[
            ("grant_type", "account_credentials"),
            ("account_id", sim.account_id()),
        ])
        .send()
        .await
        .expect("answered");
    assert_eq!(answer(anonymous).await.body["error"], "invalid_client");
}

#[tokio::test]
async fn unknown_account_and_wrong_grant_are_refused_as_zoom_does() {
    let (sim, _) = start().await;
    let http = reqwest::Client::new();
    let creds = sim.credentials();
    let post = |params: Vec<(&'static str, String)>| {
        http.post(sim.oauth_url())
            .basic_auth(&creds.client_id, Some(&creds.client_secret))
            .form(&params)
            .send()
    };
    let other_account = answer(
        post(vec![
            ("grant_type", "account_credentials".into()),
            ("account_id", "nope".into()),
        ])
        .await
        .expect("answered"),
    )
    .await;
    assert_eq!(other_account.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        other_account.body,
        json!({"reason": "Account does not exist", "error": "invalid_request"})
    );
    let wrong_grant = answer(
        post(vec![
            ("grant_type", "client_credentials".into()),
            ("account_id", sim.account_id().into()),
        ])
        .await
        .expect("answered"),
    )
    .await;
    assert_eq!(wrong_grant.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        wrong_grant.body,
        json!({"reason": "unsupported grant type", "error": "unsupported_grant_type"})
    );
}

#[tokio::test]
async fn token_parameters_may_come_in_the_query_string() {
    let (sim, _) = start().await;
    let creds = sim.credentials();
    let url = format!(
        "{}?grant_type=account_credentials&account_id={}",
        sim.oauth_url(),
        sim.account_id()
    );
    let response = reqwest::Client::new()
        .post(url)
        .basic_auth(&creds.client_id, Some(&creds.client_secret))
        .send()
        .await
        .expect("answered");
    let granted = answer(response).await;
    assert_eq!(granted.status, StatusCode::OK);
    assert_eq!(granted.body["token_type"], "bearer");
    assert_eq!(granted.body["expires_in"], 3600);
    assert_eq!(granted.body["api_url"], sim.base_url());
    let scopes: Vec<&str> = granted.body["scope"]
        .as_str()
        .expect("scope")
        .split(' ')
        .collect();
    assert!(
        scopes.contains(&"user:read:list_users:admin")
            && scopes.contains(&"group:write:member:admin")
    );
}

#[tokio::test]
async fn a_disabled_app_gets_no_token_and_its_tokens_stop_working() {
    let (sim, api) = start().await;
    assert!(sim.set_app_enabled(&sim.credentials().client_id, false));
    let refused = request_token(&api.http, &sim, sim.credentials()).await;
    assert_eq!(
        refused.body,
        json!({"reason": "The app has been disabled", "error": "invalid_client"})
    );
    let call = api.get("/users").await;
    assert_eq!(call.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        call.body,
        json!({"code": 124, "message": "Invalid access token."})
    );
}

#[tokio::test]
async fn expired_and_unknown_tokens_get_401_code_124() {
    let (sim, api) =
        start_with(SimConfig::preset(Preset::Small).token_ttl(Duration::from_millis(300))).await;
    let second = Api::new(&sim, sim.credentials()).await;
    assert_eq!(
        api.get("/users").await.status,
        StatusCode::OK,
        "tokens of one app are valid side by side"
    );
    assert_eq!(second.get("/users").await.status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let expired = api.get("/users").await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        expired.body,
        json!({"code": 124, "message": "Access token is expired."})
    );
    let forged = Api {
        token: "not-a-token".into(),
        ..second
    };
    let unknown = forged.get("/users").await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        unknown.body,
        json!({"code": 124, "message": "Invalid access token."})
    );
}

#[tokio::test]
async fn revoked_tokens_are_invalid() {
    let (sim, api) = start().await;
    sim.revoke_tokens();
    assert_eq!(
        api.get("/roles").await.body,
        json!({"code": 124, "message": "Invalid access token."})
    );
}

#[tokio::test]
async fn a_missing_scope_gets_4711_naming_the_granular_scope() {
    let (sim, _) = start().await;
    let read_only = Api::new(&sim, sim.read_only_credentials()).await;
    let group = sim.ground_truth().groups[0].id.clone();
    assert_eq!(
        read_only
            .get(&format!("/groups/{group}/members"))
            .await
            .status,
        StatusCode::OK
    );
    let refused = read_only
        .post(
            &format!("/groups/{group}/members"),
            json!({"members": [{"id": "x"}]}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        refused.body,
        json!({"code": 4711, "message": "Invalid access token, does not contain scopes:[group:write:member:admin]."})
    );
    let users_only = sim.add_app(["user:read:admin"]);
    let narrow = Api::new(&sim, &users_only).await;
    assert_eq!(narrow.get("/users").await.status, StatusCode::OK);
    assert_eq!(
        narrow.get("/contacts/groups").await.body["message"],
        "Invalid access token, does not contain scopes:[contact_group:read:list_groups:admin]."
    );
}

#[tokio::test]
async fn the_conductorone_app_gets_its_15_scopes_and_4711_for_contact_group_members_and_role_details()
 {
    let (sim, api) = start_with(
        SimConfig::preset(Preset::Small)
            .seed(7)
            .rate_limits(RateLimitMode::Off)
            .app_scopes(zoom_sim::scope_set("conductorone")),
    )
    .await;
    let granted = request_token(&api.http, &sim, sim.credentials()).await;
    let mut scopes: Vec<&str> = granted.body["scope"]
        .as_str()
        .expect("scope")
        .split(' ')
        .collect();
    scopes.sort();
    let mut expected = zoom_sim::conductorone_scopes();
    expected.sort();
    assert_eq!(scopes, expected);
    assert_eq!(api.get("/contacts/groups").await.status, StatusCode::OK);
    let group = sim.ground_truth().contact_groups[0].id.clone();
    let refused = api.get(&format!("/contacts/groups/{group}/members")).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        refused.body,
        json!({"code": 4711, "message": "Invalid access token, does not contain scopes:[contact_group:read:list_members:admin]."})
    );
    assert_eq!(api.get("/roles").await.status, StatusCode::OK);
    let refused = api.get("/roles/1").await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        refused.body,
        json!({"code": 4711, "message": "Invalid access token, does not contain scopes:[role:read:role:admin]."})
    );
}

#[tokio::test]
async fn unknown_user_group_and_role_get_zoom_codes() {
    let (_sim, api) = start().await;
    let user = api.get("/users/nobody@example.com").await;
    assert_eq!(user.status, StatusCode::NOT_FOUND);
    assert_eq!(
        user.body,
        json!({"code": 1001, "message": "User does not exist: nobody@example.com."})
    );
    let group = api.get("/groups/NoSuchGroup/members").await;
    assert_eq!(group.status, StatusCode::NOT_FOUND);
    assert_eq!(group.code(), Some(4130));
    let role = api.get("/roles/NoSuchRole/members").await;
    assert_eq!(role.status, StatusCode::BAD_REQUEST);
    assert_eq!(role.code(), Some(1034));
    let detail = api.get("/roles/NoSuchRole").await;
    assert_eq!(detail.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        detail.body,
        json!({"code": 1034, "message": "Role does not exist: NoSuchRole."})
    );
    let contact = api.get("/contacts/groups/dir.none/members").await;
    assert_eq!(contact.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        contact.body,
        json!({"code": 300, "message": "A group with this groupId: dir.none does not exist."})
    );
}

#[tokio::test]
async fn owner_and_member_roles_refuse_member_changes() {
    let (sim, api) = start().await;
    let truth = sim.ground_truth();
    let member = truth
        .users
        .iter()
        .find(|u| u.role_id == "2")
        .expect("a Member");
    let expected =
        json!({"code": 300, "message": "Can't delete or add members for Normal/Owner roles"});
    for role in ["0", "2"] {
        let add = api
            .post(
                &format!("/roles/{role}/members"),
                json!({"members": [{"id": member.id}]}),
            )
            .await;
        assert_eq!(
            (add.status, &add.body),
            (StatusCode::BAD_REQUEST, &expected)
        );
        let remove = api
            .delete(&format!("/roles/{role}/members/{}", member.id))
            .await;
        assert_eq!(
            (remove.status, &remove.body),
            (StatusCode::BAD_REQUEST, &expected)
        );
    }
    assert_eq!(sim.ground_truth(), truth, "nothing changed");
}

#[tokio::test]
async fn expired_or_foreign_page_tokens_get_code_300() {
    let (sim, api) =
        start_with(SimConfig::preset(Preset::Small).page_token_ttl(Duration::from_millis(300)))
            .await;
    let expected = json!({"code": 300, "message": "The next page token is invalid or expired."});
    let first = api.get("/users?page_size=10").await;
    let token = first.body["next_page_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let foreign = api
        .get(&format!("/users?status=inactive&next_page_token={token}"))
        .await;
    assert_eq!(
        (foreign.status, &foreign.body),
        (StatusCode::BAD_REQUEST, &expected)
    );
    tokio::time::sleep(Duration::from_millis(400)).await;
    let late = api
        .get(&format!("/users?page_size=10&next_page_token={token}"))
        .await;
    assert_eq!(
        (late.status, &late.body),
        (StatusCode::BAD_REQUEST, &expected)
    );
    let fresh = api.get("/users?page_size=10").await.body["next_page_token"]
        .as_str()
        .expect("token")
        .to_owned();
    sim.expire_page_tokens();
    let revoked = api
        .get(&format!("/users?page_size=10&next_page_token={fresh}"))
        .await;
    assert_eq!(
        (revoked.status, &revoked.body),
        (StatusCode::BAD_REQUEST, &expected)
    );
}

#[tokio::test]
async fn over_the_per_second_budget_answers_429_with_headers() {
    let (sim, api) = start_with(SimConfig::preset(Preset::Small).plan(ZoomPlan::Pro)).await;
    let user = sim.ground_truth().users[0].id.clone();
    let path = format!("/users/{user}");
    let started = std::time::Instant::now();
    let answers = futures::future::join_all((0..45).map(|_| api.get(&path))).await;
    let ok = answers
        .iter()
        .filter(|a| a.status == StatusCode::OK)
        .count();
    // The burst takes milliseconds; only on a badly stalled machine could it span more than
    // one window, and then each further second may admit another 30.
    let windows = started.elapsed().as_secs() as usize + 1;
    assert!(
        ok == 30 || (windows > 1 && ok <= 30 * windows),
        "Pro allows 30 Light requests per second, {ok} passed"
    );
    let limited = answers
        .iter()
        .find(|a| a.status == StatusCode::TOO_MANY_REQUESTS)
        .expect("a 429");
    assert_eq!(
        limited.body,
        json!({"code": 429, "message": "You have reached the maximum per-second rate limit for this API. Try again later."})
    );
    assert_eq!(limited.header("x-ratelimit-category"), Some("Light"));
    assert_eq!(limited.header("x-ratelimit-type"), Some("QPS"));
    assert_eq!(limited.header("x-ratelimit-limit"), Some("30"));
    assert_eq!(limited.header("x-ratelimit-remaining"), Some("0"));
    assert_eq!(limited.header("retry-after"), Some("1"));
    assert_eq!(
        sim.counters().status(zoom_sim::Endpoint::User, 429),
        45 - ok as u64
    );
}

#[tokio::test]
async fn over_the_daily_cap_answers_429_with_a_date_time_retry_after() {
    let config = SimConfig::preset(Preset::Small).daily_limit_override(Category::Medium, 3);
    let (_sim, api) = start_with(config).await;
    for _ in 0..3 {
        assert_eq!(api.get("/groups").await.status, StatusCode::OK);
    }
    let limited = api.get("/roles").await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        limited.body["message"],
        "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request."
    );
    assert_eq!(limited.header("x-ratelimit-type"), Some("Daily-limit"));
    assert_eq!(limited.header("x-ratelimit-limit"), Some("3"));
    let tomorrow = time::OffsetDateTime::now_utc()
        .date()
        .next_day()
        .expect("not the end of time");
    assert_eq!(
        limited.header("retry-after"),
        Some(format!("{tomorrow}T00:00:00Z").as_str())
    );
    assert_eq!(
        api.get(&format!("/users/{}", "nobody")).await.code(),
        Some(1001),
        "Light has its own budget"
    );
}
