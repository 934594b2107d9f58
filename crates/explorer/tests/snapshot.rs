//! A sync read into memory holds exactly the account the simulator served.

use std::collections::BTreeSet;

use explorer::snapshot::{PersonKind, Status};
use zoom_sim::tenant::{ContactMemberType, UserStatus};

use crate::support;

fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    items.into_iter().collect()
}

#[test]
fn snapshot_holds_every_person_and_relation_of_the_account() {
    let reviewed = support::reviewed();
    let t = &reviewed.truth;
    let s = support::snapshot(&reviewed.account.file());

    let users: BTreeSet<(String, String, Status, Option<i64>)> = s
        .people
        .iter()
        .filter(|p| p.kind == PersonKind::User)
        .map(|p| {
            (
                p.id.to_string(),
                p.email.to_string(),
                p.status,
                p.last_login,
            )
        })
        .collect();
    let expected = set(t.users.iter().map(|u| {
        let status = match u.status {
            UserStatus::Active => Status::Active,
            UserStatus::Inactive => Status::Inactive,
            UserStatus::Pending => Status::Pending,
        };
        let login = u.last_login_time.as_deref().map(|l| {
            time::OffsetDateTime::parse(l, &time::format_description::well_known::Rfc3339)
                .expect("RFC 3339")
                .unix_timestamp()
        });
        (u.id.clone(), u.email.clone(), status, login)
    }));
    assert_eq!(users, expected);
    let invites = set(s
        .people
        .iter()
        .filter(|p| p.kind == PersonKind::Invite)
        .map(|p| (p.id.to_string(), p.status)));
    assert_eq!(
        invites,
        set(t
            .pending_users
            .iter()
            .map(|p| (p.email.clone(), Status::Pending)))
    );

    let ids = |list: &[u32]| -> BTreeSet<String> {
        list.iter().map(|&p| s.at(p).id.to_string()).collect()
    };
    for g in &t.groups {
        let (_, group) = s.group(&g.id).expect("every group is read");
        assert_eq!(&*group.name, g.name);
        assert_eq!(ids(&group.members), set(g.member_ids.iter().cloned()));
        assert_eq!(ids(&group.admins), set(g.admin_ids.iter().cloned()));
    }
    assert_eq!(s.groups.len(), t.groups.len());
    for r in &t.roles {
        let (_, role) = s.role(&r.id).expect("every role is read");
        assert_eq!(&*role.name, r.name);
        assert_eq!(ids(&role.holders), set(r.member_ids.iter().cloned()));
    }
    for (code, holders) in &t.licenses {
        let (_, license) = s.license(&code.to_string()).expect("every licence is read");
        assert_eq!(ids(&license.holders), set(holders.iter().cloned()));
    }
    for c in &t.contact_groups {
        let (_, contact) = s.contact_group(&c.id).expect("every contact group is read");
        let of_type = |kind| {
            set(c
                .members
                .iter()
                .filter(move |m| m.member_type == kind)
                .map(|m| m.id.clone()))
        };
        assert_eq!(ids(&contact.members), of_type(ContactMemberType::User));
        let groups = set(contact
            .member_groups
            .iter()
            .map(|&g| s.groups[g as usize].id.to_string())
            .chain(contact.missing_groups.iter().map(|g| g.to_string())));
        assert_eq!(groups, of_type(ContactMemberType::Group));
        assert_eq!(
            set(contact.missing_groups.iter().map(|g| g.to_string())),
            set(c.dangling_group_ids.iter().cloned())
        );
    }
    // Both sides of every relation agree.
    for (ix, person) in s.people.iter().enumerate() {
        for &g in &person.groups {
            assert!(s.groups[g as usize].members.contains(&(ix as u32)));
        }
    }
}

#[test]
fn people_are_listed_by_name_and_found_by_id() {
    let s = support::snapshot(&support::reviewed().account.file());
    let names: Vec<String> = s.people.iter().map(|p| p.name.to_lowercase()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let person = &s.people[17];
    let (ix, found) = s.person(person.kind, &person.id).expect("found by id");
    assert_eq!((ix, found), (17, person));
    assert!(s.person(PersonKind::User, "no-such-user").is_none());
}
