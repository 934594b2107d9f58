//! The rule of each finding kind, one function each.

use std::collections::BTreeMap;

use crate::dates::day;

use super::{Concerned, Finding, Kind, Settings, Severity};
use crate::snapshot::{
    CONTACT_GROUP, GROUP, Group, Holding, LICENSE, LICENSED, MEMBER_ROLE_NAME, Person, PersonKind,
    ROLE, Snapshot, Status,
};

const DAY: i64 = 86_400;

/// The findings of one kind.
pub(super) fn find(kind: Kind, s: &Snapshot, settings: &Settings) -> Vec<Finding> {
    match kind {
        Kind::PrivilegedRole => privileged_roles(s),
        Kind::DeactivatedLicensed => deactivated_licensed(s),
        Kind::LicensedNoRecentSignIn => licensed_no_recent_sign_in(s, settings),
        Kind::NeverSignedIn => never_signed_in(s, settings),
        Kind::StaleInvite => stale_invites(s, settings),
        Kind::GroupWithoutAdmin => groups_without_admin(s),
        Kind::ContactGroupMissingGroup => contact_groups_missing_groups(s),
        Kind::DuplicateEmail => duplicate_emails(s),
    }
}

/// Holders of any role but Member. Owner and Admin are named by Zoom's built-in role names
/// (their ids are "0" and "1" in Zoom's examples, which Zoom does not promise).
fn privileged_roles(s: &Snapshot) -> Vec<Finding> {
    let mut out = Vec::new();
    for person in &s.people {
        for &r in &person.roles {
            let role = &s.roles[r as usize];
            if role.name.eq_ignore_ascii_case(MEMBER_ROLE_NAME) {
                continue;
            }
            let builtin = ["Owner", "Admin"]
                .iter()
                .any(|name| role.name.eq_ignore_ascii_case(name));
            let severity = if builtin {
                Severity::Medium
            } else {
                Severity::Low
            };
            let mut detail = format!("holds the {} role", role.name);
            if person.status != Status::Active {
                detail.push_str(&format!(" ({})", person.status.as_str()));
            }
            out.push(Finding::new(
                Kind::PrivilegedRole,
                severity,
                vec![person_ref(person), holding_ref(ROLE, role)],
                detail,
            ));
        }
    }
    out
}

/// Deactivated users with a Licensed seat: paid for, usable by nobody.
fn deactivated_licensed(s: &Snapshot) -> Vec<Finding> {
    users(s, Status::Inactive)
        .filter_map(|person| {
            let seat = paid_seat(s, person)?;
            Some(Finding::new(
                Kind::DeactivatedLicensed,
                Severity::High,
                vec![person_ref(person), holding_ref(LICENSE, seat)],
                format!("deactivated, still holds a {} seat", seat.name),
            ))
        })
        .collect()
}

/// Active Licensed users whose last sign-in is before the cutoff.
fn licensed_no_recent_sign_in(s: &Snapshot, settings: &Settings) -> Vec<Finding> {
    users(s, Status::Active)
        .filter_map(|person| {
            let last = person.last_login.filter(|&t| t < settings.cutoff())?;
            let seat = paid_seat(s, person)?;
            Some(Finding::new(
                Kind::LicensedNoRecentSignIn,
                Severity::Medium,
                vec![person_ref(person), holding_ref(LICENSE, seat)],
                format!(
                    "last signed in {}, {} days before {}",
                    day(last),
                    (settings.as_of - last) / DAY,
                    day(settings.as_of)
                ),
            ))
        })
        .collect()
}

/// Active users with no sign-in on record whose account is older than the cutoff (or of
/// unknown age): a user created yesterday has simply not started yet.
fn never_signed_in(s: &Snapshot, settings: &Settings) -> Vec<Finding> {
    users(s, Status::Active)
        .filter(|p| p.last_login.is_none())
        .filter(|p| p.created_at.is_none_or(|t| t < settings.cutoff()))
        .map(|person| {
            let seat = paid_seat(s, person);
            let mut detail = match person.created_at {
                Some(created) => format!("never signed in; account created {}", day(created)),
                None => "never signed in".to_owned(),
            };
            if let Some(seat) = seat {
                detail.push_str(&format!("; holds a {} seat", seat.name));
            }
            let severity = if seat.is_some() {
                Severity::Medium
            } else {
                Severity::Low
            };
            Finding::new(
                Kind::NeverSignedIn,
                severity,
                vec![person_ref(person)],
                detail,
            )
        })
        .collect()
}

/// Invitations sent before the cutoff and still pending.
fn stale_invites(s: &Snapshot, settings: &Settings) -> Vec<Finding> {
    s.people
        .iter()
        .filter(|p| p.kind == PersonKind::Invite)
        .filter_map(|person| {
            let sent = person.created_at.filter(|&t| t < settings.cutoff())?;
            Some(Finding::new(
                Kind::StaleInvite,
                Severity::Low,
                vec![person_ref(person)],
                format!(
                    "invited {}, pending for {} days",
                    day(sent),
                    (settings.as_of - sent) / DAY
                ),
            ))
        })
        .collect()
}

/// Groups with no admin grant.
fn groups_without_admin(s: &Snapshot) -> Vec<Finding> {
    s.groups
        .iter()
        .filter(|g| g.admins.is_empty())
        .map(|group| {
            Finding::new(
                Kind::GroupWithoutAdmin,
                Severity::Low,
                vec![group_ref(group)],
                format!("{} members, no admin", group.members.len()),
            )
        })
        .collect()
}

/// Contact-group members naming a group the sync does not hold.
fn contact_groups_missing_groups(s: &Snapshot) -> Vec<Finding> {
    let mut out = Vec::new();
    for contact_group in &s.contact_groups {
        for missing in &contact_group.missing_groups {
            out.push(Finding::new(
                Kind::ContactGroupMissingGroup,
                Severity::Low,
                vec![
                    Concerned {
                        resource_type: CONTACT_GROUP,
                        id: contact_group.id.to_string(),
                        name: contact_group.name.to_string(),
                        email: None,
                    },
                    Concerned {
                        resource_type: GROUP,
                        id: missing.to_string(),
                        name: String::new(),
                        email: None,
                    },
                ],
                format!("lists group {missing}, which no longer exists"),
            ));
        }
    }
    out
}

/// Emails (compared case-insensitively, as Zoom compares them) on more than one user or
/// invite. Zoom refuses a second account with a taken email, so within one listing this
/// should not happen; a sync can still record it when an invite is accepted between the
/// pending and the active listing, or when another tool merged accounts into the file.
fn duplicate_emails(s: &Snapshot) -> Vec<Finding> {
    let mut by_email: BTreeMap<String, Vec<&Person>> = BTreeMap::new();
    for person in s.people.iter().filter(|p| !p.email.is_empty()) {
        by_email
            .entry(person.email.to_lowercase())
            .or_default()
            .push(person);
    }
    by_email
        .into_iter()
        .filter(|(_, people)| people.len() > 1)
        .map(|(email, mut people)| {
            people.sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
            Finding::new(
                Kind::DuplicateEmail,
                Severity::Medium,
                people.iter().map(|p| person_ref(p)).collect(),
                format!("{email} is used by {} accounts", people.len()),
            )
        })
        .collect()
}

/// Users (not invites) with `status`, in name order.
fn users(s: &Snapshot, status: Status) -> impl Iterator<Item = &Person> {
    s.people
        .iter()
        .filter(move |p| p.kind == PersonKind::User && p.status == status)
}

/// The Licensed seat `person` holds, if any.
fn paid_seat<'s>(s: &'s Snapshot, person: &Person) -> Option<&'s Holding> {
    person
        .licenses
        .iter()
        .map(|&l| &s.licenses[l as usize])
        .find(|l| &*l.id == LICENSED)
}

fn person_ref(person: &Person) -> Concerned {
    Concerned {
        resource_type: person.kind.resource_type(),
        id: person.id.to_string(),
        name: person.name.to_string(),
        email: Some(person.email.to_string()),
    }
}

fn holding_ref(resource_type: &'static str, holding: &Holding) -> Concerned {
    Concerned {
        resource_type,
        id: holding.id.to_string(),
        name: holding.name.to_string(),
        email: None,
    }
}

fn group_ref(group: &Group) -> Concerned {
    Concerned {
        resource_type: GROUP,
        id: group.id.to_string(),
        name: group.name.to_string(),
        email: None,
    }
}
