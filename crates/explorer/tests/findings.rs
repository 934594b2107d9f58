//! Every finding kind on a simulated account generated to contain it, compared exactly with
//! what the simulator's ground truth says.

use std::collections::BTreeMap;

use c1z::{Batch, SyncKind, Writer, WriterConfig};
use explorer::findings::{self, Finding, Kind, Settings, Severity, Tally};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use zoom_sim::GroundTruth;
use zoom_sim::tenant::{LicenseType, UserStatus};

use crate::support::{self, AS_OF};

const DAYS: u32 = 90;

fn settings() -> Settings {
    Settings {
        as_of: AS_OF.unix_timestamp(),
        inactive_days: DAYS,
    }
}

fn cutoff() -> i64 {
    AS_OF.unix_timestamp() - i64::from(DAYS) * 86_400
}

fn unix(text: &str) -> i64 {
    OffsetDateTime::parse(text, &Rfc3339)
        .expect("the simulator writes RFC 3339")
        .unix_timestamp()
}

/// The reviewed account's findings of `kind`: `(id, severity)`, sorted by id.
fn found(kind: Kind) -> Vec<(String, Severity)> {
    let reviewed = support::reviewed();
    let snapshot = support::snapshot(&reviewed.account.file());
    let mut out: Vec<(String, Severity)> = findings::evaluate(&snapshot, &settings())
        .into_iter()
        .filter(|f| f.kind == kind)
        .map(|f| (f.id, f.severity))
        .collect();
    out.sort();
    out
}

fn truth() -> &'static GroundTruth {
    &support::reviewed().truth
}

/// `expected` sorted, after checking the account does contain the kind.
fn sorted(mut expected: Vec<(String, Severity)>) -> Vec<(String, Severity)> {
    assert!(
        !expected.is_empty(),
        "the account is generated to contain it"
    );
    expected.sort();
    expected
}

#[test]
fn privileged_role_lists_every_holder_of_a_role_other_than_member() {
    let t = truth();
    let expected = t
        .users
        .iter()
        .filter_map(|u| {
            let role = t.role(&u.role_id).expect("users hold existing roles");
            let severity = match role.name.as_str() {
                "Member" => return None,
                "Owner" | "Admin" => Severity::Medium,
                _ => Severity::Low,
            };
            Some((
                format!("privileged-role:user:{}:role:{}", u.id, role.id),
                severity,
            ))
        })
        .collect();
    let expected = sorted(expected);
    assert!(
        expected.iter().any(|(_, s)| *s == Severity::Low),
        "custom roles too"
    );
    assert_eq!(found(Kind::PrivilegedRole), expected);
}

#[test]
fn deactivated_licensed_lists_inactive_users_on_a_paid_seat() {
    let expected = truth()
        .users_with_status(UserStatus::Inactive)
        .filter(|u| u.license == LicenseType::Licensed)
        .map(|u| {
            (
                format!("deactivated-licensed:user:{}:license:2", u.id),
                Severity::High,
            )
        })
        .collect();
    assert_eq!(found(Kind::DeactivatedLicensed), sorted(expected));
}

#[test]
fn licensed_no_recent_sign_in_lists_active_paid_seats_idle_past_the_threshold() {
    let active_licensed = || {
        truth()
            .users_with_status(UserStatus::Active)
            .filter(|u| u.license == LicenseType::Licensed)
    };
    let expected = active_licensed()
        .filter(|u| {
            u.last_login_time
                .as_deref()
                .is_some_and(|t| unix(t) < cutoff())
        })
        .map(|u| {
            (
                format!("licensed-no-recent-sign-in:user:{}:license:2", u.id),
                Severity::Medium,
            )
        })
        .collect();
    assert!(
        active_licensed().any(|u| u
            .last_login_time
            .as_deref()
            .is_some_and(|t| unix(t) >= cutoff())),
        "some paid seats were used recently and must not be reported"
    );
    assert_eq!(found(Kind::LicensedNoRecentSignIn), sorted(expected));
}

#[test]
fn never_signed_in_lists_active_users_older_than_the_threshold_without_a_sign_in() {
    let expected = truth()
        .users_with_status(UserStatus::Active)
        .filter(|u| u.last_login_time.is_none() && unix(&u.user_created_at) < cutoff())
        .map(|u| {
            let severity = if u.license == LicenseType::Licensed {
                Severity::Medium
            } else {
                Severity::Low
            };
            (format!("never-signed-in:user:{}", u.id), severity)
        })
        .collect();
    assert_eq!(found(Kind::NeverSignedIn), sorted(expected));
}

#[test]
fn stale_invite_lists_invitations_pending_past_the_threshold() {
    let t = truth();
    let expected = t
        .pending_users
        .iter()
        .filter(|p| unix(&p.user_created_at) < cutoff())
        .map(|p| (format!("stale-invite:invite:{}", p.email), Severity::Low))
        .collect();
    assert!(
        t.pending_users
            .iter()
            .any(|p| unix(&p.user_created_at) >= cutoff()),
        "recent invitations exist and must not be reported"
    );
    assert_eq!(found(Kind::StaleInvite), sorted(expected));
}

#[test]
fn group_without_admin_lists_groups_nobody_administers() {
    let expected = truth()
        .groups
        .iter()
        .filter(|g| g.admin_ids.is_empty())
        .map(|g| (format!("group-without-admin:group:{}", g.id), Severity::Low))
        .collect();
    assert_eq!(found(Kind::GroupWithoutAdmin), sorted(expected));
}

#[test]
fn contact_group_missing_group_lists_members_naming_deleted_groups() {
    let expected = truth()
        .contact_groups
        .iter()
        .flat_map(|c| {
            c.dangling_group_ids.iter().map(move |g| {
                (
                    format!(
                        "contact-group-missing-group:contactGroup:{}:group:{g}",
                        c.id
                    ),
                    Severity::Low,
                )
            })
        })
        .collect();
    assert_eq!(found(Kind::ContactGroupMissingGroup), sorted(expected));
}

#[test]
fn the_account_has_no_duplicate_email_because_zoom_keeps_emails_unique() {
    assert_eq!(found(Kind::DuplicateEmail), []);
}

/// Zoom keeps emails unique, so no simulated listing holds one twice. A sync still can: an
/// invitation accepted between the pending and the active listing shows the same person
/// as an invite and as a user. This file is written as such a sync would be.
#[test]
fn duplicate_email_lists_an_invite_accepted_during_the_sync() {
    let truth = zoom_sim::generator::generate(&support::review_spec(), 5).ground_truth();
    let accepted = &truth.users[3];
    let mut batch = Batch {
        resource_types: connector::kinds::resource_types(),
        ..Batch::default()
    };
    for u in &truth.users {
        batch
            .resources
            .extend(connector::kinds::user::resource(&zoom_user(u, "")));
    }
    let invite = zoom_user(accepted, "pending");
    batch
        .resources
        .push(connector::kinds::invite::resource(&zoom_api::User {
            email: accepted.email.to_uppercase(),
            ..invite
        }));
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("sync.c1z");
    let mut writer = Writer::open(&file, WriterConfig::default()).expect("writer opens");
    writer.start_sync(SyncKind::Full).expect("sync starts");
    writer.write_batch(&batch).expect("rows are written");
    writer.finish().expect("sync is published");

    let snapshot = support::snapshot(&file);
    let duplicates: Vec<Finding> = findings::evaluate(&snapshot, &settings())
        .into_iter()
        .filter(|f| f.kind == Kind::DuplicateEmail)
        .collect();
    let ids: Vec<&str> = duplicates.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        [format!(
            "duplicate-email:user:{}:invite:{}",
            accepted.id,
            accepted.email.to_uppercase()
        )]
    );
    assert_eq!(duplicates[0].severity, Severity::Medium);
    assert_eq!(
        duplicates[0].detail,
        format!("{} is used by 2 accounts", accepted.email)
    );
}

/// A simulator user as the connector's Zoom row (Zoom's JSON shape), with `status` set
/// when given.
fn zoom_user(user: &zoom_sim::tenant::User, status: &str) -> zoom_api::User {
    let mut value = serde_json::to_value(user).expect("simulator users serialise");
    if !status.is_empty() {
        value["status"] = status.into();
        value.as_object_mut().map(|o| o.remove("id"));
    }
    serde_json::from_value(value).expect("simulator users read as Zoom rows")
}

#[test]
fn findings_are_ordered_by_kind_and_counted_for_every_kind() {
    let snapshot = support::snapshot(&support::reviewed().account.file());
    let all = findings::evaluate(&snapshot, &settings());
    let kinds: Vec<Kind> = all.iter().map(|f| f.kind).collect();
    let mut sorted_kinds = kinds.clone();
    sorted_kinds.sort();
    assert_eq!(kinds, sorted_kinds);
    let counts: BTreeMap<Kind, usize> = findings::counts(&all).into_iter().collect();
    assert_eq!(counts.len(), Kind::ALL.len());
    assert_eq!(counts.values().sum::<usize>(), all.len());

    // The tally counts the same findings, and their worst severity, without building them.
    let tally = findings::tally(&snapshot, &settings());
    let expected: Vec<(Kind, Tally)> = Kind::ALL
        .into_iter()
        .map(|kind| {
            let of_kind = all.iter().filter(|f| f.kind == kind);
            let tally = Tally {
                count: of_kind.clone().count(),
                worst: of_kind.map(|f| f.severity).min(),
            };
            (kind, tally)
        })
        .collect();
    assert_eq!(tally, expected);
    assert!(expected.iter().filter(|(_, t)| t.count > 0).count() >= 5);
}

#[test]
fn a_longer_threshold_reports_fewer_idle_seats() {
    let snapshot = support::snapshot(&support::reviewed().account.file());
    let count = |days: u32| {
        let settings = Settings {
            as_of: AS_OF.unix_timestamp(),
            inactive_days: days,
        };
        findings::evaluate(&snapshot, &settings)
            .iter()
            .filter(|f| f.kind == Kind::LicensedNoRecentSignIn)
            .count()
    };
    assert!(count(30) > count(90));
    assert!(count(90) > count(300));
}
