//! Reading one sync of a `.c1z` into a [`Snapshot`]: the resources and the grants are
//! read at the same time on two connections ([`super::grants`] says how the grants wait
//! for the people they name), then every grant is linked on both sides.
//!
//! On a large sync the two passes take about as long as each other, and on a busy machine
//! two threads get twice the time of one: start-up is most of what a reviewer waits for.

use std::collections::HashMap;

use c1z::{Annotated, Resource, RoleTrait, SyncView, UserStatusKind, UserSummary};
use serde::Deserialize;
use serde_json::Value as Json;

use super::grants::{GrantPairs, Keys};
use super::{
    CONTACT_GROUP, ContactGroup, GROUP, Group, Holding, INVITE, Ix, LICENSE, PRIVILEGES_KEY,
    Person, PersonIx, PersonKind, ROLE, SearchKey, Snapshot, Status, USER, name_order,
};
use crate::error::{Error, Result};

/// `(id, display name)` of a group, role, contact group or licence.
type Named = (Box<str>, Box<str>);

/// What the resources of a sync say: its people, its named items by type, and each
/// role's privileges by role id.
struct Resources {
    people: Vec<Person>,
    named: HashMap<String, Vec<Named>>,
    privileges: HashMap<Box<str>, Vec<Box<str>>>,
}

/// Reads the sync `view` chose into memory.
pub fn load(view: &SyncView<'_>) -> Result<Snapshot> {
    let sync = view.sync().cloned().ok_or(Error::NoSync)?;
    let parallel = view.parallel()?;
    let (resources, grants) = std::thread::scope(|scope| {
        let grants = scope.spawn(move || GrantPairs::read(&parallel.view()));
        let resources = Resources::read(view);
        let grants = grants
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (resources, grants)
    });
    let Resources {
        mut people,
        mut named,
        mut privileges,
    } = resources?;
    let grants = grants?;
    sort_people(&mut people);
    let mut take = |kind: &str| {
        let mut items = named.remove(kind).unwrap_or_default();
        items.sort_by_cached_key(|(id, name): &Named| name_order(name, id));
        items
    };
    let mut holdings = |items: Vec<Named>| -> Vec<Holding> {
        items
            .into_iter()
            .map(|(id, name)| Holding {
                privileges: privileges.remove(&id).unwrap_or_default(),
                id,
                name,
                holders: Vec::new(),
            })
            .collect()
    };
    let mut groups: Vec<Group> = take(GROUP)
        .into_iter()
        .map(|(id, name)| Group {
            id,
            name,
            ..Group::default()
        })
        .collect();
    let mut roles = holdings(take(ROLE));
    let mut contact_groups: Vec<ContactGroup> = take(CONTACT_GROUP)
        .into_iter()
        .map(|(id, name)| ContactGroup {
            id,
            name,
            ..ContactGroup::default()
        })
        .collect();
    let mut licenses = holdings(take(LICENSE));
    // Licences are Zoom's user type numbers: 1, 2, 4, 99 reads better than by name.
    licenses.sort_by_key(|l| (l.id.parse::<u64>().unwrap_or(u64::MAX), l.id.clone()));

    let (links, missing) = {
        let keys = Keys {
            people: index(&people, |p| (p.kind, &*p.id)),
            groups: index(&groups, |g| &*g.id),
            roles: index(&roles, |r| &*r.id),
            contact_groups: index(&contact_groups, |c| &*c.id),
            licenses: index(&licenses, |l| &*l.id),
        };
        let (links, mut missing) = keys.links(&grants);
        for (contact_group, group) in skipped_members(&sync.sync_token) {
            let contact_group = keys.contact_groups.get(contact_group.as_str());
            if let Some(&c) = contact_group.filter(|_| !keys.groups.contains_key(group.as_str())) {
                missing.insert((c, group.into()));
            }
        }
        (links, missing)
    };
    let grant_count = grants.count;
    drop(grants);
    for link in links {
        link.apply(
            &mut people,
            &mut groups,
            &mut roles,
            &mut contact_groups,
            &mut licenses,
        );
    }
    for (ix, group) in missing {
        contact_groups[ix as usize].missing_groups.push(group);
    }
    tidy(
        &mut people,
        &mut groups,
        &mut roles,
        &mut contact_groups,
        &mut licenses,
    );
    let mut people_by_id: Vec<PersonIx> = (0..people.len() as PersonIx).collect();
    people_by_id.sort_by(|&a, &b| {
        let (a, b) = (&people[a as usize], &people[b as usize]);
        (a.kind, &a.id).cmp(&(b.kind, &b.id))
    });
    Ok(Snapshot {
        sync,
        people,
        groups,
        roles,
        contact_groups,
        licenses,
        grant_count,
        people_by_id,
    })
}

impl Resources {
    /// One pass over every resource in row order: a listing per type would go through the
    /// type index and sort each page by row id, which costs seconds on 100,000 users.
    fn read(view: &SyncView<'_>) -> Result<Resources> {
        let mut people = Vec::new();
        let mut named: HashMap<String, Vec<Named>> = HashMap::new();
        let mut privileges = HashMap::new();
        for resource in view.resources(None) {
            let resource = resource?;
            let Some(id) = &resource.id else {
                continue;
            };
            match id.resource_type.as_str() {
                USER => people.extend(person(PersonKind::User, &resource)?),
                INVITE => people.extend(person(PersonKind::Invite, &resource)?),
                ROLE => {
                    privileges.insert(id.resource.as_str().into(), role_privileges(&resource)?);
                    named.entry(ROLE.to_owned()).or_default().push((
                        id.resource.as_str().into(),
                        resource.display_name.as_str().into(),
                    ))
                }
                kind @ (GROUP | CONTACT_GROUP | LICENSE) => {
                    named.entry(kind.to_owned()).or_default().push((
                        id.resource.as_str().into(),
                        resource.display_name.as_str().into(),
                    ))
                }
                _ => {}
            }
        }
        Ok(Resources {
            people,
            named,
            privileges,
        })
    }
}

/// Puts people in name order. The keys are taken once and the order applied once:
/// moving whole people through a sort costs more than comparing them.
fn sort_people(people: &mut Vec<Person>) {
    let mut order: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(ix, p)| (p.name_order(), ix))
        .collect();
    order.sort_unstable();
    let order: Vec<usize> = order.into_iter().map(|(_, ix)| ix).collect();
    let mut slots: Vec<Option<Person>> = std::mem::take(people).into_iter().map(Some).collect();
    *people = order
        .into_iter()
        .map(|ix| {
            slots[ix]
                .take()
                .expect("a permutation takes each position once")
        })
        .collect();
}

/// The privileges a role resource's trait lists under [`PRIVILEGES_KEY`], sorted. The
/// key holds a list of strings; a single string of comma-separated names is read too, in
/// case another writer flattened the list.
fn role_privileges(resource: &Resource) -> Result<Vec<Box<str>>> {
    let role: Option<RoleTrait> = resource.annotation().map_err(|source| Error::Trait {
        resource: resource_label(resource),
        source,
    })?;
    let value = role
        .and_then(|r| r.profile)
        .and_then(|mut p| p.fields.remove(PRIVILEGES_KEY))
        .map(|v| c1z::json_from_value(&v));
    let names: Vec<String> = match value {
        Some(Json::Array(items)) => items
            .into_iter()
            .filter_map(|item| match item {
                Json::String(name) => Some(name),
                _ => None,
            })
            .collect(),
        Some(Json::String(text)) => text.split(',').map(str::to_owned).collect(),
        _ => Vec::new(),
    };
    let mut names: Vec<Box<str>> = names
        .iter()
        .map(|name| name.trim())
        .filter(|name| !name.is_empty())
        .map(Box::from)
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}

/// `type:id` of a resource, for errors.
fn resource_label(resource: &Resource) -> String {
    resource.id.as_ref().map_or_else(String::new, |id| {
        format!("{}:{}", id.resource_type, id.resource)
    })
}

/// A person from a user or invite resource; `None` for a resource without an id.
fn person(kind: PersonKind, resource: &Resource) -> Result<Option<Person>> {
    let Some(id) = resource.id.as_ref().map(|id| id.resource.as_str()) else {
        return Ok(None);
    };
    let user: UserSummary = resource
        .annotation()
        .map_err(|source| Error::Trait {
            resource: resource_label(resource),
            source,
        })?
        .unwrap_or_default();
    let email = user
        .emails
        .iter()
        .find(|e| e.is_primary)
        .or(user.emails.first())
        .map(|e| e.address.as_str())
        .unwrap_or(user.login.as_str());
    let email = if email.is_empty() && kind == PersonKind::Invite {
        id
    } else {
        email
    };
    let name = resource.display_name.as_str();
    Ok(Some(Person {
        kind,
        id: id.into(),
        name: name.into(),
        email: email.into(),
        status: status(kind, &user),
        created_at: user.created_at.map(|t| t.seconds),
        last_login: user.last_login.map(|t| t.seconds),
        roles: Vec::new(),
        licenses: Vec::new(),
        groups: Vec::new(),
        admin_of: Vec::new(),
        contact_groups: Vec::new(),
        search_key: SearchKey::new(name, email),
    }))
}

/// Zoom's status word from the trait's details when it is one, else baton's status kind;
/// invites are pending whatever the file says.
fn status(kind: PersonKind, user: &UserSummary) -> Status {
    if kind == PersonKind::Invite {
        return Status::Pending;
    }
    let Some(status) = &user.status else {
        return Status::Unknown;
    };
    if let Some(word) = Status::parse(&status.details) {
        return word;
    }
    match UserStatusKind::try_from(status.status) {
        Ok(UserStatusKind::Enabled) => Status::Active,
        Ok(UserStatusKind::Disabled) => Status::Inactive,
        _ => Status::Unknown,
    }
}

/// A map from each item's key to its position, for linking grants during the load.
fn index<'a, T, K: std::hash::Hash + Eq>(
    items: &'a [T],
    key: impl Fn(&'a T) -> K,
) -> HashMap<K, Ix> {
    items
        .iter()
        .enumerate()
        .map(|(ix, item)| (key(item), ix as Ix))
        .collect()
}

/// Contact-group members that a baton-zoom sync left out because their group no longer
/// exists, as its finished run's checkpoint records them:
/// `{"skipped": {"dangling_contact_group_members": [[contact group id, group id], ...]}}`.
/// Any other token (another connector's, or none) yields nothing.
fn skipped_members(sync_token: &str) -> Vec<(String, String)> {
    #[derive(Deserialize)]
    struct Token {
        skipped: Skipped,
    }
    #[derive(Deserialize)]
    struct Skipped {
        #[serde(default)]
        dangling_contact_group_members: Vec<(String, String)>,
    }
    serde_json::from_str::<Token>(sync_token)
        .map(|t| t.skipped.dangling_contact_group_members)
        .unwrap_or_default()
}

/// Sorts every relation by position (which is name order) and drops repeats.
fn tidy(
    people: &mut [Person],
    groups: &mut [Group],
    roles: &mut [Holding],
    contact_groups: &mut [ContactGroup],
    licenses: &mut [Holding],
) {
    fn clean(list: &mut Vec<u32>) {
        list.sort_unstable();
        list.dedup();
        list.shrink_to_fit();
    }
    for p in people {
        for list in [
            &mut p.roles,
            &mut p.licenses,
            &mut p.groups,
            &mut p.admin_of,
            &mut p.contact_groups,
        ] {
            clean(list);
        }
    }
    for g in groups {
        for list in [&mut g.members, &mut g.admins, &mut g.contact_groups] {
            clean(list);
        }
    }
    for h in roles.iter_mut().chain(licenses.iter_mut()) {
        clean(&mut h.holders);
    }
    for c in contact_groups {
        clean(&mut c.members);
        clean(&mut c.member_groups);
        c.missing_groups.sort();
        c.missing_groups.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_members_come_from_a_baton_zoom_checkpoint_only() {
        let token = r#"{"version":1,"skipped":{"dangling_contact_group_members":[["dir.a","g9"]],
                        "unknown_admin_emails":[]}}"#;
        assert_eq!(
            skipped_members(token),
            [("dir.a".to_owned(), "g9".to_owned())]
        );
        assert!(skipped_members("").is_empty());
        assert!(skipped_members(r#"{"actions":[],"current_action":null}"#).is_empty());
    }
}
