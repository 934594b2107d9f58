//! Grant and revoke of every entitlement kind against the simulator: each change reaches
//! Zoom, repeats succeed as "already granted/revoked" without any write, and exclusive
//! entitlements (one role, one licence per user) report what they replaced.

use connector::provision::{Outcome, Principal, ProvisionError, Request};
use zoom_sim::tenant::{ContactMemberType, GroundTruth, LicenseType};

use crate::support::provision::{Account, plain_user};

fn grant(entitlement: &str, principal: &str) -> Request {
    Request::Grant {
        entitlement: entitlement.to_owned(),
        principal: Principal::parse(principal).expect("test principals are well formed"),
    }
}

fn revoke(grant: &str) -> Request {
    Request::Revoke {
        grant: grant.to_owned(),
    }
}

/// Grants, re-grants, revokes and re-revokes `entitlement` for `principal`, checking the
/// outcome, the account (`holds`), that the repeats make no write, and that a sync after
/// each change holds exactly the grants it should: the grant (in place of the one it
/// replaced), then the grants of the start again.
async fn round_trip(
    account: &Account,
    entitlement: &str,
    principal: &str,
    granted: Outcome,
    holds: impl Fn(&GroundTruth) -> bool,
) {
    // A grant that replaced what was held is reverted to it; any other is simply revoked.
    let revoked = match &granted {
        Outcome::Replaced { previous } => Outcome::Reverted {
            to: previous.clone(),
        },
        _ => Outcome::Revoked,
    };
    let grant_id = format!("{entitlement}:{principal}");
    assert!(
        !holds(&account.truth()),
        "{principal} starts without {entitlement}"
    );
    let before = account.synced_grants();

    let report = account.apply(&grant(entitlement, principal)).await;
    assert_eq!(report.outcome, granted, "{grant_id}");
    assert_eq!(report.calls.len(), 1, "{grant_id}: one write");
    assert!(
        holds(&account.truth()),
        "{grant_id} is held after the grant"
    );

    let writes = account.writes();
    let report = account.apply(&grant(entitlement, principal)).await;
    assert_eq!(report.outcome, Outcome::AlreadyGranted, "{grant_id}");
    assert!(report.calls.is_empty());
    assert_eq!(account.writes(), writes, "a repeated grant writes nothing");

    account.sync().await;
    let mut expected = before.clone();
    if let Outcome::Replaced { previous } = &granted {
        assert!(
            expected.remove(&format!("{previous}:{principal}")),
            "{previous} was held"
        );
    }
    expected.insert(grant_id.clone());
    assert_eq!(
        account.synced_grants(),
        expected,
        "synced after granting {grant_id}"
    );

    let report = account.apply(&revoke(&grant_id)).await;
    assert_eq!(report.outcome, revoked, "{grant_id}");
    assert!(
        !holds(&account.truth()),
        "{grant_id} is gone after the revoke"
    );

    let writes = account.writes();
    let report = account.apply(&revoke(&grant_id)).await;
    assert_eq!(report.outcome, Outcome::AlreadyRevoked, "{grant_id}");
    assert_eq!(account.writes(), writes, "a repeated revoke writes nothing");

    account.sync().await;
    assert_eq!(
        account.synced_grants(),
        before,
        "synced after revoking {grant_id}"
    );
}

#[tokio::test]
async fn group_membership_round_trip_is_idempotent() {
    let account = Account::start(101).await;
    let truth = account.truth();
    let group = truth.groups[0].id.clone();
    let user = plain_user(&truth, &[&group]).id.clone();
    let others_before = truth.group(&group).expect("group").member_ids.len();
    round_trip(
        &account,
        &format!("group:{group}:member"),
        &format!("user:{user}"),
        Outcome::Granted,
        |t| t.group(&group).expect("group").member_ids.contains(&user),
    )
    .await;
    let after = account.truth();
    assert_eq!(
        after.group(&group).expect("group").member_ids.len(),
        others_before,
        "no other member changed"
    );
}

#[tokio::test]
async fn group_admin_round_trip_is_idempotent() {
    let account = Account::start(102).await;
    let truth = account.truth();
    let group = truth
        .groups
        .iter()
        .find(|g| !g.member_ids.is_empty())
        .expect("a group with members");
    let user = group
        .member_ids
        .iter()
        .find(|u| !group.admin_ids.contains(*u))
        .expect("a member who is not an admin")
        .clone();
    let group = group.id.clone();
    round_trip(
        &account,
        &format!("group:{group}:admin"),
        &format!("user:{user}"),
        Outcome::Granted,
        |t| t.group(&group).expect("group").admin_ids.contains(&user),
    )
    .await;
    assert!(
        account.group(&group).member_ids.contains(&user),
        "taking admin rights keeps the membership"
    );
}

#[tokio::test]
async fn role_grant_replaces_the_held_role_and_revoke_falls_back_to_member() {
    let account = Account::start(103).await;
    let truth = account.truth();
    let user = plain_user(&truth, &[]).id.clone();
    round_trip(
        &account,
        "role:1:member",
        &format!("user:{user}"),
        Outcome::Replaced {
            previous: "role:2:member".into(),
        },
        |t| t.user(&user).expect("user").role_id == "1",
    )
    .await;
    assert_eq!(account.user(&user).role_id, "2", "back to Member");
}

/// The id of the account's owner, the one holder of the Owner role.
fn owner(truth: &GroundTruth) -> String {
    truth
        .role("0")
        .and_then(|role| role.member_ids.first().cloned())
        .expect("the account has an owner")
}

#[tokio::test]
async fn owner_and_member_roles_are_refused_before_any_write() {
    let account = Account::start(104).await;
    let truth = account.truth();
    let user = plain_user(&truth, &[]).id.clone();
    let owner = owner(&truth);
    let cases = [
        grant("role:0:member", &format!("user:{user}")),
        grant("role:2:member", &format!("user:{user}")),
        revoke(&format!("role:2:member:user:{user}")),
        revoke(&format!("role:0:member:user:{owner}")),
    ];
    for request in cases {
        let err = account.refuse(&request).await;
        assert!(
            matches!(err, ProvisionError::FixedRole { .. }),
            "{request:?}: {err}"
        );
        let text = err.to_string();
        assert!(
            text.contains("Owner") || text.contains("Member"),
            "the message names the role: {text}"
        );
    }
    assert_eq!(account.writes(), 0);
    assert_eq!(account.truth(), truth);
}

#[tokio::test]
async fn granting_a_role_to_the_owner_is_refused() {
    let account = Account::start(105).await;
    let truth = account.truth();
    let owner = owner(&truth);
    let err = account
        .refuse(&grant("role:1:member", &format!("user:{owner}")))
        .await;
    assert!(
        matches!(err, ProvisionError::OwnerProtected { .. }),
        "{err}"
    );
    assert_eq!(account.writes(), 0);
}

#[tokio::test]
async fn licence_change_and_back_to_basic() {
    let account = Account::start(106).await;
    let truth = account.truth();
    let user = truth
        .users
        .iter()
        .find(|u| u.license == LicenseType::Basic && u.role_id == "2")
        .expect("a Basic member")
        .id
        .clone();
    round_trip(
        &account,
        "license:2:assigned",
        &format!("user:{user}"),
        Outcome::Replaced {
            previous: "license:1:assigned".into(),
        },
        |t| t.user(&user).expect("user").license == LicenseType::Licensed,
    )
    .await;
    assert_eq!(account.user(&user).license, LicenseType::Basic);
}

#[tokio::test]
async fn licence_none_cannot_be_granted_nor_basic_revoked() {
    let account = Account::start(107).await;
    let truth = account.truth();
    let user = plain_user(&truth, &[]).id.clone();
    for request in [
        grant("license:99:assigned", &format!("user:{user}")),
        revoke(&format!("license:1:assigned:user:{user}")),
    ] {
        let err = account.refuse(&request).await;
        assert!(
            matches!(err, ProvisionError::LicenseNotSettable { .. }),
            "{err}"
        );
    }
    assert_eq!(account.sim.counters().total, 0, "refused before any call");
}

/// Whether the contact group lists the member.
fn in_contact_group(truth: &GroundTruth, contact: &str, kind: ContactMemberType, id: &str) -> bool {
    truth
        .contact_groups
        .iter()
        .find(|c| c.id == contact)
        .expect("contact group")
        .members
        .iter()
        .any(|m| m.member_type == kind && m.id == id)
}

#[tokio::test]
async fn contact_group_members_of_type_user_and_group_round_trip() {
    let account = Account::start(108).await;
    let truth = account.truth();
    let contact = &truth.contact_groups[0];
    let outside = |id: &str| !contact.members.iter().any(|m| m.id == id);
    let user = truth
        .users
        .iter()
        .find(|u| u.status == zoom_sim::tenant::UserStatus::Active && outside(&u.id))
        .expect("a user outside the contact group");
    let group = truth
        .groups
        .iter()
        .find(|g| outside(&g.id))
        .expect("a group outside the contact group");
    let principals = [
        (ContactMemberType::User, "user", &user.id),
        (ContactMemberType::Group, "group", &group.id),
    ];
    for (kind, principal_type, id) in principals {
        round_trip(
            &account,
            &format!("contactGroup:{}:member", contact.id),
            &format!("{principal_type}:{id}"),
            Outcome::Granted,
            |t| in_contact_group(t, &contact.id, kind, id),
        )
        .await;
    }
}

#[tokio::test]
async fn a_principal_named_by_email_is_reported_by_id() {
    let account = Account::start(110).await;
    let truth = account.truth();
    let group = truth.groups[0].id.clone();
    let user = plain_user(&truth, &[&group]).clone();
    let report = account
        .apply(&grant(&format!("group:{group}:member"), &user.email))
        .await;
    assert_eq!(report.outcome, Outcome::Granted);
    assert_eq!(report.subject, format!("user:{}", user.id));
    assert!(account.user(&user.id).group_ids.contains(&group));
}

#[tokio::test]
async fn each_request_reads_only_the_state_it_decides_on() {
    let account = Account::start(111).await;
    let truth = account.truth();
    let group = truth.groups[0].id.clone();
    let contact = truth.contact_groups[0].id.clone();
    let user = plain_user(&truth, &[&group]);
    let license = if user.license == LicenseType::Licensed {
        4
    } else {
        2
    };
    let user = user.id.clone();
    let cases = [
        (
            grant(&format!("group:{group}:member"), &format!("user:{user}")),
            vec![("group", 1), ("groupMembersCreate", 1), ("user", 1)],
        ),
        (
            grant(&format!("group:{group}:admin"), &format!("user:{user}")),
            vec![
                ("group", 1),
                ("groupAdmins", 1),
                ("groupAdminsCreate", 1),
                ("user", 1),
            ],
        ),
        (
            grant("role:1:member", &format!("user:{user}")),
            vec![("AddRoleMembers", 1), ("roles", 1), ("user", 1)],
        ),
        (
            grant(
                &format!("contactGroup:{contact}:member"),
                &format!("user:{user}"),
            ),
            vec![
                ("contactGroupMemberAdd", 1),
                ("contactGroupMembers", 1),
                ("user", 1),
            ],
        ),
        (
            grant(
                &format!("license:{license}:assigned"),
                &format!("user:{user}"),
            ),
            vec![("user", 1), ("userUpdate", 1)],
        ),
    ];
    for (request, calls) in cases {
        account.sim.reset_counters();
        account.apply(&request).await;
        let mut expected: std::collections::BTreeMap<String, u64> = calls
            .into_iter()
            .map(|(op, n)| (op.to_owned(), n))
            .collect();
        expected.insert("oauthToken".to_owned(), 1);
        assert_eq!(account.sim.counters().by_endpoint, expected, "{request:?}");
    }
}

#[tokio::test]
async fn trusting_the_caller_grants_and_revokes_without_a_sync_file_idempotently() {
    let account = Account::start(131).await;
    let truth = account.truth();
    let group = truth.groups[0].id.clone();
    let user = plain_user(&truth, &[&group]).id.clone();
    // As a self-hosted connector: ConductorOne vouches for the entitlement, no sync file.
    let provisioner = connector::provision::Provisioner::new(
        crate::support::provision::client(&account.sim, account.sim.credentials()),
        connector::provision::Mode::Apply,
    )
    .trusting_caller();
    let entitlement = format!("group:{group}:member");
    let grant_id = format!("{entitlement}:user:{user}");
    let member = |t: &GroundTruth| t.group(&group).expect("group").member_ids.contains(&user);

    let outcomes = [
        grant(&entitlement, &user),
        grant(&entitlement, &user),
        revoke(&grant_id),
        revoke(&grant_id),
    ];
    let mut seen = Vec::new();
    for request in &outcomes {
        let report = provisioner
            .run(request)
            .await
            .expect("the request succeeds");
        seen.push((report.outcome, member(&account.truth())));
    }
    assert_eq!(
        seen,
        [
            (Outcome::Granted, true),
            (Outcome::AlreadyGranted, true),
            (Outcome::Revoked, false),
            (Outcome::AlreadyRevoked, false),
        ]
    );

    let missing = provisioner
        .run(&grant("group:no-such-group:member", &user))
        .await
        .expect_err("an unknown group is refused");
    assert!(
        matches!(
            missing,
            ProvisionError::ResourceNotFound {
                in_sync_file: false,
                ..
            }
        ),
        "{missing}"
    );
}
