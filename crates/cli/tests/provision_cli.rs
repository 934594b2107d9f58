//! The provisioning interfaces of the built binary against an in-process simulator: the Go
//! SDK's flags (and their environment variables) and the readable subcommands, their output,
//! error lines and exit codes.

use std::process::{Command, Output};

use zoom_sim::AppCredentials;
use zoom_sim::tenant::{LicenseType, UserStatus};

use crate::support::{Account, error_line, succeeded};

/// Runs the binary against `account` as the app holding `credentials`, with `args` and
/// `env` and no other `BATON_*` variable.
async fn run_as(
    account: &Account,
    credentials: &AppCredentials,
    args: &[&str],
    env: &[(&str, &str)],
) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_baton-zoom"));
    // `--flag=value`: generated ids and secrets may start with '-'.
    command
        .env_clear()
        .arg(format!("--file={}", account.file.display()))
        .arg(format!("--account-id={}", account.sim.account_id()))
        .arg(format!("--zoom-client-id={}", credentials.client_id))
        .arg(format!(
            "--zoom-client-secret={}",
            credentials.client_secret
        ))
        .arg(format!("--zoom-api-url={}", account.sim.api_url()))
        .arg(format!("--zoom-oauth-url={}", account.sim.oauth_url()))
        .arg("--zoom-plan=business")
        .args(args)
        .envs(env.iter().copied());
    tokio::task::spawn_blocking(move || command.output().expect("the binary runs"))
        .await
        .expect("the runner thread does not panic")
}

async fn run(account: &Account, args: &[&str]) -> Output {
    run_as(account, account.sim.credentials(), args, &[]).await
}

#[tokio::test]
async fn go_grant_and_revoke_flags_change_zoom_and_repeat_harmlessly() {
    let account = Account::start(401).await;
    let truth = account.truth();
    let group = truth.groups[0].id.clone();
    let user = account.plain_user(&[&group]).id.clone();
    let entitlement = format!("group:{group}:member");
    let grant = [
        "--grant-entitlement",
        &entitlement,
        "--grant-principal",
        &user,
        "--grant-principal-type",
        "user",
    ];
    assert_eq!(
        succeeded(&run(&account, &grant).await),
        format!("granted {entitlement} to user:{user}")
    );
    assert!(account.group(&group).member_ids.contains(&user));
    assert_eq!(
        succeeded(&run(&account, &grant).await),
        format!("already granted: user:{user} holds {entitlement}")
    );

    let grant_id = format!("{entitlement}:user:{user}");
    let revoke = ["--revoke-grant", grant_id.as_str()];
    assert_eq!(
        succeeded(&run(&account, &revoke).await),
        format!("revoked {entitlement} from user:{user}")
    );
    assert!(!account.group(&group).member_ids.contains(&user));
    assert_eq!(
        succeeded(&run(&account, &revoke).await),
        format!("already revoked: user:{user} does not hold {entitlement}")
    );
}

#[tokio::test]
async fn go_flags_are_read_from_baton_environment_variables() {
    let account = Account::start(402).await;
    let user = account.plain_user(&[]).id.clone();
    let output = run_as(
        &account,
        account.sim.credentials(),
        &[],
        &[
            ("BATON_GRANT_ENTITLEMENT", "role:1:member"),
            ("BATON_GRANT_PRINCIPAL", &user),
            ("BATON_GRANT_PRINCIPAL_TYPE", "user"),
        ],
    )
    .await;
    assert_eq!(
        succeeded(&output),
        format!("granted role:1:member to user:{user}, replacing role:2:member")
    );
    assert_eq!(account.user(&user).role_id, "1");
}

#[tokio::test]
async fn go_flag_rules_refuse_before_any_call() {
    let account = Account::start(403).await;
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "--grant-entitlement",
                "role:1:member",
                "--grant-principal",
                "u1",
            ],
            "error: --grant-principal-type is required with --grant-entitlement and --grant-principal",
        ),
        (
            &["--grant-entitlement", "role:1:member"],
            "error: the following required arguments were not provided:",
        ),
        (
            &[
                "--revoke-grant",
                "role:1:member:user:u1",
                "--delete-resource",
                "u1",
                "--delete-resource-type",
                "user",
            ],
            "error: the argument '--revoke-grant <REVOKE_GRANT>' cannot be used with",
        ),
        (
            &["--create-account-profile", "{\"email\": "],
            "error: invalid account profile: not valid JSON",
        ),
        (
            &["--create-account-profile", r#"{"first_name": "Ada"}"#],
            "error: missing required account field email: set \"email\" in the profile or pass --create-account-email",
        ),
    ];
    for (args, expected) in cases {
        let line = error_line(&run(&account, args).await);
        assert!(line.starts_with(expected), "{args:?}: {line}");
    }
    assert_eq!(account.sim.counters().total, 0, "nothing reached Zoom");
}

#[tokio::test]
async fn go_create_account_and_delete_resource() {
    let account = Account::start(404).await;
    let output = run(
        &account,
        &[
            "--create-account-email",
            "go.created@example.com",
            "--create-account-profile",
            r#"{"first_name":"Go","last_name":"Created","license":"licensed"}"#,
        ],
    )
    .await;
    let line = succeeded(&output);
    assert!(
        line.starts_with("created go.created@example.com (user:")
            && line.ends_with(", pending until the invitation is accepted"),
        "{line}"
    );
    let truth = account.truth();
    let invite = truth
        .pending_user("go.created@example.com")
        .expect("invited");
    assert_eq!(invite.license, LicenseType::Licensed);

    let delete = [
        "--delete-resource",
        "go.created@example.com",
        "--delete-resource-type",
        "invite",
    ];
    assert_eq!(
        succeeded(&run(&account, &delete).await),
        "disassociated invite:go.created@example.com"
    );
    assert!(
        account
            .truth()
            .pending_user("go.created@example.com")
            .is_none()
    );
}

#[tokio::test]
async fn subcommands_create_deactivate_activate_and_delete_a_user() {
    let account = Account::start(405).await;
    let email = "typed@example.com";
    let created = succeeded(
        &run(
            &account,
            &[
                "user",
                "create",
                email,
                "--action",
                "ssoCreate",
                "--license",
                "2",
                "-o",
                "json",
            ],
        )
        .await,
    );
    let report: serde_json::Value = serde_json::from_str(&created).expect("JSON output");
    assert_eq!(report["outcome"]["result"], "created");
    let id = report["outcome"]["user_id"]
        .as_str()
        .expect("the new id")
        .to_owned();
    assert_eq!(account.user(&id).status, UserStatus::Active);
    assert_eq!(account.user(&id).license, LicenseType::Licensed);

    assert_eq!(
        succeeded(&run(&account, &["user", "deactivate", &id]).await),
        format!("deactivated user:{id}")
    );
    assert_eq!(account.user(&id).status, UserStatus::Inactive);
    assert_eq!(
        succeeded(&run(&account, &["user", "activate", email]).await),
        format!("activated user:{email}")
    );
    assert_eq!(account.user(&id).status, UserStatus::Active);
    assert_eq!(
        succeeded(&run(&account, &["user", "delete", &id, "--action", "delete"]).await),
        format!("deleted user:{id}")
    );
    assert!(account.truth().user(&id).is_none());
}

#[tokio::test]
async fn dry_run_prints_the_calls_and_writes_nothing() {
    let account = Account::start(406).await;
    let truth = account.truth();
    let group = truth.groups[0].id.clone();
    let user = account.plain_user(&[&group]).clone();
    let entitlement = format!("group:{group}:admin");
    let output = run(&account, &["grant", &entitlement, &user.email, "--dry-run"]).await;
    assert_eq!(
        succeeded(&output),
        format!(
            "dry run, nothing changed: granted {entitlement} to user:{}; Zoom calls it would make:\n  POST /groups/{group}/admins {{\"admins\":[{{\"id\":\"{}\"}}]}}",
            user.id, user.id
        )
    );
    let go = run(
        &account,
        &[
            "--delete-resource",
            &user.id,
            "--delete-resource-type",
            "user",
            "--dry-run",
        ],
    )
    .await;
    let printed = succeeded(&go);
    assert!(
        printed.ends_with(&format!("DELETE /users/{}?action=disassociate", user.id)),
        "{printed}"
    );
    assert_eq!(account.sim.counters().writes, 0);
    assert_eq!(account.truth(), truth);
}

#[tokio::test]
async fn refusals_are_one_error_line_and_a_failure_exit() {
    let account = Account::start(407).await;
    let truth = account.truth();
    let group = truth.groups[0].id.clone();
    let user = account.plain_user(&[&group]).id.clone();
    let read_only = account.sim.read_only_credentials().clone();
    let missing_scope = run_as(
        &account,
        &read_only,
        &["grant", &format!("group:{group}:member"), &user],
        &[],
    )
    .await;
    assert_eq!(
        error_line(&missing_scope),
        "error: the Zoom app is missing write scope(s) group:write:member:admin: add them to the Server-to-Server OAuth app in the Zoom App Marketplace and re-activate it; nothing was changed"
    );
    let cases = [
        (
            vec!["revoke".to_owned(), "group:x:member".to_owned()],
            "error: malformed grant id \"group:x:member\"",
        ),
        (
            vec![
                "grant".to_owned(),
                "role:1:member".to_owned(),
                format!("group:{group}"),
            ],
            "error: a principal of type group cannot hold role:1:member: it is granted to user principals only",
        ),
        (
            vec![
                "grant".to_owned(),
                "role:1:member".to_owned(),
                "user:nobody".to_owned(),
            ],
            "error: principal user:nobody not found in Zoom",
        ),
        (
            vec![
                "user".to_owned(),
                "create".to_owned(),
                "x@example.com".to_owned(),
                "--license".to_owned(),
                "gold".to_owned(),
            ],
            "error: invalid value 'gold' for '--license <LICENSE>'",
        ),
    ];
    for (args, expected) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let line = error_line(&run(&account, &args).await);
        assert!(line.starts_with(expected), "{args:?}: {line}");
    }
    assert_eq!(account.sim.counters().writes, 0);
}
