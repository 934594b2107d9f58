//! Bad inputs and dry runs: every refusal names what is wrong and changes nothing in Zoom,
//! and a dry run lists the exact calls without making a single write.

use connector::provision::{
    AccountStatus, DeleteOptions, Mode, NewAccount, Outcome, Principal, ProvisionError, Request,
};
use zoom_api::CreateAction;

use crate::support::provision::{Account, plain_user};

fn grant(entitlement: &str, principal: &str) -> Request {
    Request::Grant {
        entitlement: entitlement.to_owned(),
        principal: Principal::parse(principal).expect("test principals are well formed"),
    }
}

/// Runs `request`, expects a refusal whose text contains `expected`, and checks that the
/// simulator saw no write.
async fn refused(account: &Account, request: &Request, expected: &str) -> ProvisionError {
    let err = account.refuse(request).await;
    assert!(
        err.to_string().contains(expected),
        "{request:?}: {err} (expected {expected:?})"
    );
    assert_eq!(account.writes(), 0, "{request:?} wrote to Zoom");
    err
}

#[tokio::test]
async fn bad_ids_are_refused_before_any_call() {
    let account = Account::start(301).await;
    let truth = account.truth();
    let group = truth.groups[0].id.clone();
    let user = plain_user(&truth, &[]).id.clone();
    let cases = [
        (
            grant("group:nosuchgroup:member", &format!("user:{user}")),
            "unknown entitlement id group:nosuchgroup:member: it is not in the latest sync of",
        ),
        (
            grant(&format!("group:{group}:owner"), &format!("user:{user}")),
            "group entitlements are member, admin",
        ),
        (
            grant("meeting:1:host", &format!("user:{user}")),
            "resource type meeting has no entitlements to grant",
        ),
        (
            grant("role:1:member", &format!("group:{group}")),
            "a principal of type group cannot hold role:1:member: it is granted to user principals only",
        ),
        (
            grant("group", &format!("user:{user}")),
            "malformed entitlement id \"group\"",
        ),
        (
            Request::Revoke {
                grant: format!("group:{group}:member:user"),
            },
            "malformed grant id",
        ),
        (
            Request::Delete {
                resource_type: "group".into(),
                resource_id: group.clone(),
                options: DeleteOptions::default(),
            },
            "resource type group cannot be deleted",
        ),
    ];
    for (request, expected) in cases {
        refused(&account, &request, expected).await;
    }
    assert_eq!(
        account.sim.counters().total,
        0,
        "not even a token was needed"
    );
}

#[tokio::test]
async fn unknown_principals_and_targets_are_named() {
    let account = Account::start(302).await;
    let truth = account.truth();
    let group = truth.groups[0].id.clone();
    let contact = truth.contact_groups[0].id.clone();
    let cases = [
        (
            grant(&format!("group:{group}:member"), "user:nosuchuser"),
            "principal user:nosuchuser not found in Zoom",
        ),
        (
            grant(
                &format!("contactGroup:{contact}:member"),
                "group:nosuchgroup",
            ),
            "principal group:nosuchgroup not found in Zoom",
        ),
        (
            Request::Revoke {
                grant: format!("group:{group}:admin:user:ghost@example.com"),
            },
            "principal user:ghost@example.com not found in Zoom",
        ),
        (
            Request::SetStatus {
                user: "ghost@example.com".into(),
                status: AccountStatus::Inactive,
            },
            "user ghost@example.com does not exist in Zoom",
        ),
    ];
    for (request, expected) in cases {
        refused(&account, &request, expected).await;
    }
}

#[tokio::test]
async fn an_entitlement_deleted_from_zoom_since_the_sync_says_the_file_is_stale() {
    let account = Account::start(303).await;
    let user = plain_user(&account.truth(), &[]).id.clone();
    // The sync of another account lists groups this one does not have, as a sync file
    // lists groups deleted since it was written.
    let other = Account::start(313).await;
    let group = other.truth().groups[0].id.clone();
    assert!(account.truth().group(&group).is_none());
    std::fs::copy(&other.file, &account.file).expect("the sync file is copied");
    let err = refused(
        &account,
        &grant(&format!("group:{group}:member"), &format!("user:{user}")),
        "does not exist in Zoom (the sync file still lists it",
    )
    .await;
    assert!(matches!(err, ProvisionError::ResourceNotFound { .. }));
}

#[tokio::test]
async fn a_missing_sync_file_is_named() {
    let account = Account::start(304).await;
    std::fs::remove_file(&account.file).expect("the file existed");
    refused(
        &account,
        &grant("role:1:member", "user:x"),
        &format!("sync file {} not found", account.file.display()),
    )
    .await;
}

#[tokio::test]
async fn invalid_account_requests_are_refused_before_any_call() {
    let account = Account::start(305).await;
    let cases = [
        (
            NewAccount::invite("not-an-email"),
            "email \"not-an-email\" is not an address",
        ),
        (
            NewAccount {
                license: zoom_api::UserType::NoPlan,
                ..NewAccount::invite("a@example.com")
            },
            "action create cannot give licence none (99): Zoom takes licence none only with action ssoCreate",
        ),
        (
            NewAccount {
                role_id: Some("1".into()),
                ..NewAccount::invite("a@example.com")
            },
            "action create cannot give the invited user a role: Zoom gives an invitation no role (it holds Member until accepted): grant role:<id>:member once the invitation is accepted, or create with autoCreate, custCreate or ssoCreate",
        ),
        (
            NewAccount {
                first_name: Some("x".repeat(65)),
                ..NewAccount::invite("a@example.com")
            },
            "first_name is longer than Zoom's 64 characters",
        ),
    ];
    for (new, expected) in cases {
        refused(&account, &Request::CreateAccount(new), expected).await;
    }
    assert_eq!(account.sim.counters().total, 0);
}

#[tokio::test]
async fn missing_write_scope_is_named_and_nothing_is_written() {
    let account = Account::start(306).await;
    let truth = account.truth();
    let group = truth.groups[0].id.clone();
    let user = plain_user(&truth, &[&group]).id.clone();
    let read_only = account.sim.read_only_credentials().clone();
    let err = account
        .provisioner_with(&read_only, Mode::Apply)
        .run(&grant(
            &format!("group:{group}:member"),
            &format!("user:{user}"),
        ))
        .await
        .expect_err("no write scope");
    let ProvisionError::MissingScopes(scopes) = &err else {
        panic!("{err}");
    };
    assert_eq!(scopes, &["group:write:member:admin"]);
    assert!(err.to_string().contains("nothing was changed"));
    assert_eq!(account.writes(), 0);
    assert_eq!(account.truth(), truth);
}

#[tokio::test]
async fn dry_runs_list_the_exact_calls_and_write_nothing() {
    let account = Account::start(307).await;
    let truth = account.truth();
    let group = truth.groups[0].id.clone();
    let user = plain_user(&truth, &[&group]).clone();
    let dry = account.provisioner(Mode::DryRun);
    let cases = [
        (
            grant(&format!("group:{group}:member"), &user.email),
            Outcome::Granted,
            vec![format!(
                r#"POST /groups/{group}/members {{"members":[{{"id":"{}"}}]}}"#,
                user.id
            )],
        ),
        (
            grant("role:1:member", &format!("user:{}", user.id)),
            Outcome::Replaced {
                previous: "role:2:member".into(),
            },
            vec![format!(
                r#"POST /roles/1/members {{"members":[{{"id":"{}"}}]}}"#,
                user.id
            )],
        ),
        (
            grant("license:2:assigned", &format!("user:{}", user.id)),
            Outcome::Replaced {
                previous: format!("license:{}:assigned", user.license.code()),
            },
            vec![format!(r#"PATCH /users/{} {{"type":2}}"#, user.id)],
        ),
        (
            Request::Revoke {
                grant: format!("group:{group}:member:user:{}", user.id),
            },
            Outcome::AlreadyRevoked,
            vec![],
        ),
        (
            Request::SetStatus {
                user: user.id.clone(),
                status: AccountStatus::Inactive,
            },
            Outcome::Deactivated,
            vec![format!(r#"PUT /users/{}/status {{"action":"deactivate"}}"#, user.id)],
        ),
        (
            Request::Delete {
                resource_type: "user".into(),
                resource_id: user.id.clone(),
                options: DeleteOptions::default(),
            },
            Outcome::Deleted,
            vec![format!("DELETE /users/{}?action=disassociate", user.id)],
        ),
        (
            Request::CreateAccount(NewAccount {
                action: CreateAction::AutoCreate,
                role_id: Some("1".into()),
                ..NewAccount::invite("dry@example.com")
            }),
            Outcome::Created {
                user_id: None,
                pending: false,
            },
            vec![
                r#"POST /users {"action":"autoCreate","user_info":{"email":"dry@example.com","type":1}}"#.to_owned(),
                r#"POST /roles/1/members {"members":[{"email":"dry@example.com"}]}"#.to_owned(),
            ],
        ),
    ];
    for (request, outcome, calls) in cases {
        let report = dry.run(&request).await.expect("the dry run succeeds");
        assert!(report.dry_run);
        assert_eq!(report.outcome, outcome, "{request:?}");
        let shown: Vec<String> = report.calls.iter().map(ToString::to_string).collect();
        assert_eq!(shown, calls, "{request:?}");
    }
    assert_eq!(account.sim.counters().writes, 0, "a dry run never writes");
    assert_eq!(account.truth(), truth);
}
