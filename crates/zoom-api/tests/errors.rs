//! Typed errors for the failures a caller must tell apart, each naming its fix.

use futures::TryStreamExt;
use secrecy::SecretString;
use zoom_api::{AuthErrorKind, Client, Error, StartAt, UserQuery, UserStatus};
use zoom_sim::{AppCredentials, Endpoint as SimEndpoint, Preset, SimConfig};

use crate::support;

async fn small() -> zoom_sim::Simulator {
    support::start(SimConfig::preset(Preset::Small).seed(51)).await
}

#[tokio::test]
async fn missing_scope_is_named_with_the_scope_to_add() {
    let sim = small().await;
    let app = sim.add_app(["group:read:admin"]);
    let client = Client::new(support::config_with(&sim, &app)).expect("valid configuration");
    let err = client
        .users()
        .list(&UserQuery::status(UserStatus::Active), StartAt::Beginning)
        .try_next()
        .await
        .expect_err("the app lacks the users scope");
    match &err {
        Error::MissingScopes(scopes) => assert_eq!(scopes, &["user:read:list_users:admin"]),
        other => panic!("{other:?}"),
    }
    let text = err.to_string();
    assert!(text.contains("user:read:list_users:admin"), "{text}");
    assert!(
        text.contains("add them to the Server-to-Server OAuth app"),
        "{text}"
    );
}

#[tokio::test]
async fn wrong_client_secret_is_bad_credentials() {
    let sim = small().await;
    let mut config = support::config(&sim);
    config.client_secret = SecretString::from("not-the-secret".to_owned());
    let client = Client::new(config).expect("valid configuration");
    let err = client.groups().get("any").await.expect_err("refused");
    match &err {
        Error::Auth(auth) => assert_eq!(auth.kind, AuthErrorKind::BadCredentials),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("copy both again"), "{err}");
    // A refusal is final: one token request, no retries.
    assert_eq!(sim.counters().endpoint(SimEndpoint::OauthToken), 1);
}

#[tokio::test]
async fn unknown_account_is_named() {
    let sim = small().await;
    let mut config = support::config(&sim);
    config.account_id = "no-such-account".to_owned();
    let client = Client::new(config).expect("valid configuration");
    let err = client.granted_scopes().await.expect_err("refused");
    match &err {
        Error::Auth(auth) => assert_eq!(auth.kind, AuthErrorKind::UnknownAccount),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("copy the Account ID"), "{err}");
}

#[tokio::test]
async fn disabled_app_is_named() {
    let sim = small().await;
    let app: AppCredentials = sim.add_app(["user:read:admin"]);
    sim.set_app_enabled(&app.client_id, false);
    let client = Client::new(support::config_with(&sim, &app)).expect("valid configuration");
    let err = client.granted_scopes().await.expect_err("refused");
    match &err {
        Error::Auth(auth) => assert_eq!(auth.kind, AuthErrorKind::AppDisabled),
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string()
            .contains("activate the Server-to-Server OAuth app"),
        "{err}"
    );
    // A refusal is not cached: once the app is enabled again, the same client works.
    sim.set_app_enabled(&app.client_id, true);
    let granted = client
        .granted_scopes()
        .await
        .expect("token after re-enabling");
    assert_eq!(granted, ["user:read:admin"]);
}

#[tokio::test]
async fn unknown_user_group_and_role_are_not_found() {
    let sim = small().await;
    let client = support::client(&sim);
    let user = client
        .users()
        .get("nobody@example.invalid")
        .await
        .expect_err("no such user");
    assert!(
        matches!(user, Error::NotFound { code: 1001, .. }),
        "{user:?}"
    );
    assert!(user.to_string().contains("check the id"), "{user}");
    let group = client
        .groups()
        .get("no-such-group")
        .await
        .expect_err("no such group");
    assert!(
        matches!(group, Error::NotFound { code: 4130, .. }),
        "{group:?}"
    );
    let members = client
        .groups()
        .members("no-such-group", StartAt::Beginning)
        .try_next()
        .await
        .expect_err("no such group");
    assert!(
        matches!(members, Error::NotFound { code: 4130, .. }),
        "{members:?}"
    );
    let role = client
        .roles()
        .get("no-such-role")
        .await
        .expect_err("no such role");
    assert!(matches!(role, Error::NotFound { .. }), "{role:?}");
    // None of these is retried.
    assert_eq!(client.stats().retries, 0);
}
