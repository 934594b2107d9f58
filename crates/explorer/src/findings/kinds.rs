//! The rule of each finding kind, one function each.

use crate::dates::day;

use super::{Concerned, Finding, Kind, Settings, Severity, Tally};
use crate::snapshot::{
    CONTACT_GROUP, GROUP, Group, Holding, LICENSE, LICENSED, MEMBER_ROLE_NAME, Person, PersonKind,
    ROLE, Snapshot, Status,
};

const DAY: i64 = 86_400;

/// Where a rule puts what it finds. A rule decides the severity first and hands over a
/// closure that builds the finding, so a sink that only counts ([`Tally`]) never builds
/// the tens of thousands of strings a large account's findings hold.
pub(super) trait Sink {
    /// One finding of `severity`, built by `finding` if the sink keeps findings.
    fn add(&mut self, severity: Severity, finding: impl FnOnce() -> Finding);
}

impl Sink for Vec<Finding> {
    fn add(&mut self, _: Severity, finding: impl FnOnce() -> Finding) {
        self.push(finding());
    }
}

impl Sink for Tally {
    fn add(&mut self, severity: Severity, _: impl FnOnce() -> Finding) {
        self.count += 1;
        self.worst = Some(self.worst.map_or(severity, |worst| worst.min(severity)));
    }
}

/// Runs the rule of one kind into `out`.
pub(super) fn find(kind: Kind, s: &Snapshot, settings: &Settings, out: &mut impl Sink) {
    match kind {
        Kind::PrivilegedRole => privileged_roles(s, out),
        Kind::DeactivatedLicensed => deactivated_licensed(s, out),
        Kind::LicensedNoRecentSignIn => licensed_no_recent_sign_in(s, settings, out),
        Kind::NeverSignedIn => never_signed_in(s, settings, out),
        Kind::StaleInvite => stale_invites(s, settings, out),
        Kind::GroupWithoutAdmin => groups_without_admin(s, out),
        Kind::ContactGroupMissingGroup => contact_groups_missing_groups(s, out),
        Kind::DuplicateEmail => duplicate_emails(s, out),
    }
}

/// Holders of any role but Member. Owner and Admin are named by Zoom's built-in role names
/// (their ids are "0" and "1" in Zoom's examples, which Zoom does not promise).
fn privileged_roles(s: &Snapshot, out: &mut impl Sink) {
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
            out.add(severity, || {
                let mut detail = format!("holds the {} role", role.name);
                if person.status != Status::Active {
                    detail.push_str(&format!(" ({})", person.status.as_str()));
                }
                Finding::new(
                    Kind::PrivilegedRole,
                    severity,
                    vec![person_ref(person), holding_ref(ROLE, role)],
                    detail,
                )
            });
        }
    }
}

/// Deactivated users with a Licensed seat: paid for, usable by nobody.
fn deactivated_licensed(s: &Snapshot, out: &mut impl Sink) {
    for person in users(s, Status::Inactive) {
        let Some(seat) = paid_seat(s, person) else {
            continue;
        };
        out.add(Severity::High, || {
            Finding::new(
                Kind::DeactivatedLicensed,
                Severity::High,
                vec![person_ref(person), holding_ref(LICENSE, seat)],
                format!("deactivated, still holds a {} seat", seat.name),
            )
        });
    }
}

/// Active Licensed users whose last sign-in is before the cutoff.
fn licensed_no_recent_sign_in(s: &Snapshot, settings: &Settings, out: &mut impl Sink) {
    for person in users(s, Status::Active) {
        let Some(last) = person.last_login.filter(|&t| t < settings.cutoff()) else {
            continue;
        };
        let Some(seat) = paid_seat(s, person) else {
            continue;
        };
        out.add(Severity::Medium, || {
            Finding::new(
                Kind::LicensedNoRecentSignIn,
                Severity::Medium,
                vec![person_ref(person), holding_ref(LICENSE, seat)],
                format!(
                    "last signed in {}, {} days before {}",
                    day(last),
                    (settings.as_of - last) / DAY,
                    day(settings.as_of)
                ),
            )
        });
    }
}

/// Active users with no sign-in on record whose account is older than the cutoff (or of
/// unknown age): a user created yesterday has simply not started yet.
fn never_signed_in(s: &Snapshot, settings: &Settings, out: &mut impl Sink) {
    let idle = users(s, Status::Active)
        .filter(|p| p.last_login.is_none())
        .filter(|p| p.created_at.is_none_or(|t| t < settings.cutoff()));
    for person in idle {
        let seat = paid_seat(s, person);
        let severity = if seat.is_some() {
            Severity::Medium
        } else {
            Severity::Low
        };
        out.add(severity, || {
            let mut detail = match person.created_at {
                Some(created) => format!("never signed in; account created {}", day(created)),
                None => "never signed in".to_owned(),
            };
            if let Some(seat) = seat {
                detail.push_str(&format!("; holds a {} seat", seat.name));
            }
            Finding::new(
                Kind::NeverSignedIn,
                severity,
                vec![person_ref(person)],
                detail,
            )
        });
    }
}

/// Invitations sent before the cutoff and still pending.
fn stale_invites(s: &Snapshot, settings: &Settings, out: &mut impl Sink) {
    for person in s.people.iter().filter(|p| p.kind == PersonKind::Invite) {
        let Some(sent) = person.created_at.filter(|&t| t < settings.cutoff()) else {
            continue;
        };
        out.add(Severity::Low, || {
            Finding::new(
                Kind::StaleInvite,
                Severity::Low,
                vec![person_ref(person)],
                format!(
                    "invited {}, pending for {} days",
                    day(sent),
                    (settings.as_of - sent) / DAY
                ),
            )
        });
    }
}

/// Groups with no admin grant.
fn groups_without_admin(s: &Snapshot, out: &mut impl Sink) {
    for group in s.groups.iter().filter(|g| g.admins.is_empty()) {
        out.add(Severity::Low, || {
            Finding::new(
                Kind::GroupWithoutAdmin,
                Severity::Low,
                vec![group_ref(group)],
                format!("{} members, no admin", group.members.len()),
            )
        });
    }
}

/// Contact-group members naming a group the sync does not hold.
fn contact_groups_missing_groups(s: &Snapshot, out: &mut impl Sink) {
    for contact_group in &s.contact_groups {
        for missing in &contact_group.missing_groups {
            out.add(Severity::Low, || {
                Finding::new(
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
                )
            });
        }
    }
}

/// Emails (compared case-insensitively, as Zoom compares them) on more than one user or
/// invite. Zoom refuses a second account with a taken email, so within one listing this
/// should not happen; a sync can still record it when an invite is accepted between the
/// pending and the active listing, or when another tool merged accounts into the file.
fn duplicate_emails(s: &Snapshot, out: &mut impl Sink) {
    let mut by_email: Vec<(&str, &Person)> = s
        .people
        .iter()
        .filter(|p| !p.email.is_empty())
        .map(|p| (p.email_key(), p))
        .collect();
    by_email.sort_unstable_by(|(a, p), (b, q)| (a, p.kind, &p.id).cmp(&(b, q.kind, &q.id)));
    for shared in by_email.chunk_by(|(a, _), (b, _)| a == b) {
        if shared.len() < 2 {
            continue;
        }
        out.add(Severity::Medium, || {
            Finding::new(
                Kind::DuplicateEmail,
                Severity::Medium,
                shared.iter().map(|(_, p)| person_ref(p)).collect(),
                format!("{} is used by {} accounts", shared[0].0, shared.len()),
            )
        });
    }
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
