//! Accounts against the simulator: creation with each of Zoom's actions (and a first group
//! and role), deactivation and reactivation, disassociation and deletion, removal of
//! invitations; every repeat is harmless and says so.

use connector::provision::{
    AccountStatus, DeleteOptions, Mode, NewAccount, Outcome, ProvisionError, Request, Transfer,
    TransferData,
};
use zoom_api::{CreateAction, DeleteAction, UserType};
use zoom_sim::tenant::{LicenseType, UserStatus};

use crate::support::provision::{Account, plain_user};

fn create(email: &str, action: CreateAction) -> Request {
    Request::CreateAccount(NewAccount {
        action,
        license: UserType::Licensed,
        first_name: Some("Ada".into()),
        last_name: Some("Lovelace".into()),
        ..NewAccount::invite(email)
    })
}

fn delete(resource_type: &str, id: &str, options: DeleteOptions) -> Request {
    Request::Delete {
        resource_type: resource_type.to_owned(),
        resource_id: id.to_owned(),
        options,
    }
}

#[tokio::test]
async fn create_invites_and_the_other_actions_create_active_users() {
    let account = Account::start(201).await;
    let actions = [
        (CreateAction::Create, true),
        (CreateAction::AutoCreate, false),
        (CreateAction::CustCreate, false),
        (CreateAction::SsoCreate, false),
    ];
    let mut created = Vec::new();
    for (i, (action, pending)) in actions.into_iter().enumerate() {
        let email = format!("new.user{i}@example.com");
        let report = account.apply(&create(&email, action)).await;
        let Outcome::Created {
            user_id: Some(id),
            pending: reported_pending,
        } = &report.outcome
        else {
            panic!("{action:?}: {:?}", report.outcome);
        };
        assert_eq!(*reported_pending, pending, "{action:?}");
        let truth = account.truth();
        if pending {
            let invite = truth
                .pending_user(&email)
                .expect("the invitation is pending");
            assert_eq!(invite.license, LicenseType::Licensed);
            assert_eq!(invite.first_name, "Ada");
        } else {
            let user = truth.user(id).expect("the user exists");
            assert_eq!(user.status, UserStatus::Active, "{action:?}");
            assert_eq!(user.email, email);
            assert_eq!(user.license, LicenseType::Licensed);
            assert_eq!(user.display_name, "Ada Lovelace");
        }
        created.push((email, id.clone(), pending));
    }
    account.sync().await;
    let (users, invites) = (
        account.synced_resources("user"),
        account.synced_resources("invite"),
    );
    for (email, id, pending) in created {
        assert_eq!(
            invites.contains(&email),
            pending,
            "{email} synced as an invite"
        );
        assert_eq!(users.contains(&id), !pending, "{email} synced as a user");
    }
}

#[tokio::test]
async fn creating_an_existing_email_is_already_done_without_a_write() {
    let account = Account::start(202).await;
    let truth = account.truth();
    let existing = plain_user(&truth, &[]).clone();
    let report = account
        .apply(&create(&existing.email, CreateAction::AutoCreate))
        .await;
    assert_eq!(
        report.outcome,
        Outcome::AlreadyExists {
            user_id: Some(existing.id.clone())
        }
    );
    assert_eq!(account.writes(), 0);
    assert_eq!(account.truth(), truth);
}

#[tokio::test]
async fn create_puts_the_user_in_its_first_group_and_role() {
    let account = Account::start(203).await;
    let group = account.truth().groups[1].id.clone();
    let email = "grouped@example.com";
    let report = account
        .apply(&Request::CreateAccount(NewAccount {
            action: CreateAction::SsoCreate,
            group_id: Some(group.clone()),
            role_id: Some("1".into()),
            ..NewAccount::invite(email)
        }))
        .await;
    let Outcome::Created {
        user_id: Some(id), ..
    } = report.outcome
    else {
        panic!("{:?}", report.outcome);
    };
    assert_eq!(report.calls.len(), 3, "create, add to group, assign role");
    let user = account.user(&id);
    assert_eq!(user.license, LicenseType::Basic);
    assert_eq!(user.role_id, "1");
    assert!(user.group_ids.contains(&group));
    assert!(account.group(&group).member_ids.contains(&id));
}

#[tokio::test]
async fn an_invitation_joins_its_first_group_through_the_user_and_the_dry_run_shows_how() {
    let account = Account::start(204).await;
    let group = account.truth().groups[0].clone();
    let email = "invited.member@example.com";
    let request = Request::CreateAccount(NewAccount {
        group_id: Some(group.id.clone()),
        ..NewAccount::invite(email)
    });
    let planned = account
        .provisioner(Mode::DryRun)
        .run(&request)
        .await
        .expect("the dry run plans");
    let calls: Vec<String> = planned.calls.iter().map(ToString::to_string).collect();
    assert_eq!(
        calls,
        [
            format!(
                r#"POST /users {{"action":"create","user_info":{{"email":"{email}","type":1}}}}"#
            ),
            format!(r#"PATCH /users/{email} {{"group_id":"{}"}}"#, group.id),
        ]
    );
    assert_eq!(account.writes(), 0);
    let report = account.apply(&request).await;
    assert!(
        matches!(report.outcome, Outcome::Created { pending: true, .. }),
        "{:?}",
        report.outcome
    );
    let shown: Vec<String> = report.calls.iter().map(ToString::to_string).collect();
    assert_eq!(shown, calls, "the dry run showed exactly the calls made");
    let truth = account.truth();
    let invite = truth
        .pending_user(email)
        .expect("the invitation is pending");
    assert_eq!(invite.group_ids, std::slice::from_ref(&group.id));
    // A member once the invitation is accepted; until then the group's members are as they were.
    assert_eq!(
        truth.group(&group.id).expect("the group").member_ids,
        group.member_ids
    );
}

#[tokio::test]
async fn deactivate_and_activate_round_trip() {
    let account = Account::start(204).await;
    let truth = account.truth();
    let user = plain_user(&truth, &[]).id.clone();
    let status = |status| Request::SetStatus {
        user: user.clone(),
        status,
    };
    let steps = [
        (
            AccountStatus::Inactive,
            Outcome::Deactivated,
            UserStatus::Inactive,
        ),
        (
            AccountStatus::Inactive,
            Outcome::AlreadyInactive,
            UserStatus::Inactive,
        ),
        (
            AccountStatus::Active,
            Outcome::Activated,
            UserStatus::Active,
        ),
        (
            AccountStatus::Active,
            Outcome::AlreadyActive,
            UserStatus::Active,
        ),
    ];
    for (wanted, outcome, now) in steps {
        let writes = account.writes();
        let report = account.apply(&status(wanted)).await;
        assert_eq!(report.outcome, outcome);
        assert_eq!(account.user(&user).status, now);
        let expected_writes = u64::from(outcome.is_change());
        assert_eq!(account.writes() - writes, expected_writes, "{outcome:?}");
    }
}

#[tokio::test]
async fn disassociate_then_again_is_already_deleted() {
    let account = Account::start(205).await;
    let truth = account.truth();
    let user = plain_user(&truth, &[]).clone();
    let request = delete("user", &user.id, DeleteOptions::default());
    let report = account.apply(&request).await;
    assert_eq!(report.outcome, Outcome::Deleted);
    assert_eq!(
        report.calls[0].to_string(),
        format!("DELETE /users/{}?action=disassociate", user.id)
    );
    assert!(account.truth().user(&user.id).is_none());
    let writes = account.writes();
    let report = account.apply(&request).await;
    assert_eq!(report.outcome, Outcome::AlreadyDeleted);
    assert_eq!(account.writes(), writes);
    account.sync().await;
    assert!(!account.synced_resources("user").contains(&user.id));
    assert!(
        account
            .synced_grants()
            .iter()
            .all(|grant| !grant.ends_with(&format!(":user:{}", user.id))),
        "no grant of the removed user is synced"
    );
}

#[tokio::test]
async fn permanent_delete_by_email() {
    let account = Account::start(206).await;
    let truth = account.truth();
    let user = plain_user(&truth, &[]).clone();
    let options = DeleteOptions {
        action: DeleteAction::Delete,
        transfer: None,
    };
    let report = account.apply(&delete("user", &user.email, options)).await;
    assert_eq!(report.outcome, Outcome::Deleted);
    assert_eq!(report.subject, format!("user:{}", user.id));
    assert!(account.truth().user(&user.id).is_none());
}

#[tokio::test]
async fn delete_with_transfer_hands_the_data_over_then_deletes() {
    let account = Account::start(207).await;
    let truth = account.truth();
    let user = plain_user(&truth, &[]).clone();
    let target = truth
        .users
        .iter()
        .find(|u| u.status == UserStatus::Active && u.id != user.id)
        .expect("another active user")
        .email
        .clone();
    let options = DeleteOptions {
        action: DeleteAction::Delete,
        transfer: Some(Transfer {
            to_email: target.clone(),
            data: TransferData::ALL.to_vec(),
        }),
    };
    let report = account.apply(&delete("user", &user.id, options)).await;
    assert_eq!(report.outcome, Outcome::Deleted);
    assert_eq!(
        report
            .calls
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>(),
        [format!(
            "DELETE /users/{}?action=delete&transfer_email={target}&transfer_meeting=true&transfer_webinar=true&transfer_recording=true&transfer_whiteboard=true",
            user.id
        )]
    );
    assert_eq!(account.writes(), 1);
    assert!(account.truth().user(&user.id).is_none());
}

#[tokio::test]
async fn transfers_to_unknown_or_same_users_are_refused() {
    let account = Account::start(208).await;
    let truth = account.truth();
    let user = plain_user(&truth, &[]).clone();
    for (to, expected) in [
        (
            "nobody@example.com",
            "transfer target nobody@example.com does not exist",
        ),
        (user.email.as_str(), "to the user being deleted"),
    ] {
        let options = DeleteOptions {
            action: DeleteAction::Delete,
            transfer: Some(Transfer {
                to_email: to.to_owned(),
                data: vec![TransferData::Recordings],
            }),
        };
        let err = account.refuse(&delete("user", &user.id, options)).await;
        assert!(err.to_string().contains(expected), "{err}");
    }
    assert_eq!(account.writes(), 0);
}

#[tokio::test]
async fn invitations_are_removed_by_disassociation() {
    let account = Account::start(209).await;
    let email = account.truth().pending_users[0].email.clone();
    let request = delete("invite", &email, DeleteOptions::default());
    let report = account.apply(&request).await;
    assert_eq!(report.outcome, Outcome::Deleted);
    assert_eq!(
        report.calls[0].to_string(),
        format!("DELETE /users/{email}?action=disassociate")
    );
    assert!(account.truth().pending_user(&email).is_none());
    assert_eq!(
        account.apply(&request).await.outcome,
        Outcome::AlreadyDeleted
    );

    let active = plain_user(&account.truth(), &[]).email.clone();
    let err = account
        .refuse(&delete("invite", &active, DeleteOptions::default()))
        .await;
    assert!(
        matches!(err, ProvisionError::WrongResourceKind { .. }),
        "{err}"
    );
}

#[tokio::test]
async fn the_owner_cannot_be_deactivated_or_deleted() {
    let account = Account::start(210).await;
    let owner = account
        .truth()
        .role("0")
        .expect("owner role")
        .member_ids
        .first()
        .cloned()
        .expect("an owner");
    for request in [
        Request::SetStatus {
            user: owner.clone(),
            status: AccountStatus::Inactive,
        },
        delete("user", &owner, DeleteOptions::default()),
    ] {
        let err = account.refuse(&request).await;
        assert!(
            matches!(err, ProvisionError::OwnerProtected { .. }),
            "{err}"
        );
    }
    assert_eq!(account.writes(), 0);
}
