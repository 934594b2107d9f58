//! Reading one sync of a `.c1z` into a [`Snapshot`]: resources first, then one pass over
//! the grants that links each to both sides.

use std::collections::{BTreeSet, HashMap};

use c1z::{Annotated, Grant, GrantFilter, Resource, SyncView, UserStatusKind, UserTrait};
use serde::Deserialize;

use super::{
    CONTACT_GROUP, ContactGroup, GROUP, Group, Holding, INVITE, Ix, LICENSE, Person, PersonIx,
    PersonKind, ROLE, Snapshot, Status, USER, name_order,
};
use crate::error::{Error, Result};

/// `(id, display name)` of a group, role, contact group or licence.
type Named = (Box<str>, Box<str>);

/// Reads the sync `view` chose into memory.
pub fn load(view: &SyncView<'_>) -> Result<Snapshot> {
    let sync = view.sync().cloned().ok_or(Error::NoSync)?;
    // One pass over every resource in row order: a listing per type would go through the
    // type index and sort each page by row id, which costs seconds on 100,000 users.
    let mut people = Vec::new();
    let mut named: HashMap<String, Vec<Named>> = HashMap::new();
    for resource in view.resources(None) {
        let resource = resource?;
        let Some(id) = &resource.id else {
            continue;
        };
        match id.resource_type.as_str() {
            USER => people.extend(person(PersonKind::User, &resource)?),
            INVITE => people.extend(person(PersonKind::Invite, &resource)?),
            kind @ (GROUP | ROLE | CONTACT_GROUP | LICENSE) => {
                named.entry(kind.to_owned()).or_default().push((
                    id.resource.as_str().into(),
                    resource.display_name.as_str().into(),
                ))
            }
            _ => {}
        }
    }
    people.sort_by_cached_key(|p| name_order(&p.name, &p.id));
    let mut take = |kind: &str| {
        let mut items = named.remove(kind).unwrap_or_default();
        items.sort_by_cached_key(|(id, name): &Named| name_order(name, id));
        items
    };
    let holdings = |items: Vec<Named>| -> Vec<Holding> {
        items
            .into_iter()
            .map(|(id, name)| Holding {
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

    let (links, missing, grant_count) = {
        let keys = Keys {
            people: index(&people, |p| (p.kind, &*p.id)),
            groups: index(&groups, |g| &*g.id),
            roles: index(&roles, |r| &*r.id),
            contact_groups: index(&contact_groups, |c| &*c.id),
            licenses: index(&licenses, |l| &*l.id),
        };
        let mut links = Vec::new();
        let mut missing = BTreeSet::new();
        let mut grant_count = 0;
        for grant in view.grants(GrantFilter::All) {
            grant_count += 1;
            let grant = grant?;
            if let Some(edge) = Edge::of(&grant) {
                match keys.link(&edge) {
                    Some(Ok(link)) => links.push(link),
                    Some(Err(gone)) => {
                        missing.insert(gone);
                    }
                    None => {}
                }
            }
        }
        for (contact_group, group) in skipped_members(&sync.sync_token) {
            if !keys.groups.contains_key(group.as_str()) {
                missing.insert((contact_group, group));
            }
        }
        let missing: Vec<(Ix, String)> = missing
            .into_iter()
            .filter_map(|(c, g)| keys.contact_groups.get(c.as_str()).map(|&ix| (ix, g)))
            .collect();
        (links, missing, grant_count)
    };
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
        contact_groups[ix as usize]
            .missing_groups
            .push(group.into());
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

/// A person from a user or invite resource; `None` for a resource without an id.
fn person(kind: PersonKind, resource: &Resource) -> Result<Option<Person>> {
    let Some(id) = resource.id.as_ref().map(|id| id.resource.as_str()) else {
        return Ok(None);
    };
    let user: UserTrait = resource
        .annotation()
        .map_err(|source| Error::Trait {
            resource: format!("{}:{id}", kind.resource_type()),
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
    // Only `type` is needed: read it from the struct rather than converting the profile.
    let user_type = user
        .profile
        .as_ref()
        .and_then(|p| p.fields.get("type"))
        .and_then(|v| match v.kind {
            Some(prost_types::value::Kind::NumberValue(n)) => Some(n as i64),
            _ => None,
        });
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
        user_type,
        search_key: format!("{}\u{0}{}", name.to_lowercase(), email.to_lowercase()).into(),
    }))
}

/// Zoom's status word from the trait's details when it is one, else baton's status kind;
/// invites are pending whatever the file says.
fn status(kind: PersonKind, user: &UserTrait) -> Status {
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

/// What one grant says, in baton-zoom's terms.
struct Edge<'g> {
    resource_type: &'g str,
    resource: &'g str,
    slug: &'g str,
    principal_type: &'g str,
    principal: &'g str,
}

impl<'g> Edge<'g> {
    /// The grant's entitled resource, slug and principal; `None` when a part is missing.
    fn of(grant: &'g Grant) -> Option<Edge<'g>> {
        let entitlement = grant.entitlement.as_ref()?;
        let resource = entitlement.resource.as_ref()?.id.as_ref()?;
        let principal = grant.principal.as_ref()?.id.as_ref()?;
        // Entitlement ids are `<type>:<resource>:<slug>` (baton's helper); the blob's own
        // slug field is often empty in grants, so the id is the reliable source.
        let slug = entitlement
            .id
            .strip_prefix(resource.resource_type.as_str())
            .and_then(|rest| rest.strip_prefix(':'))
            .and_then(|rest| rest.strip_prefix(resource.resource.as_str()))
            .and_then(|rest| rest.strip_prefix(':'))
            .unwrap_or(entitlement.slug.as_str());
        Some(Edge {
            resource_type: &resource.resource_type,
            resource: &resource.resource,
            slug,
            principal_type: &principal.resource_type,
            principal: &principal.resource,
        })
    }
}

/// The position of every item by id, while the grants are read.
struct Keys<'a> {
    people: HashMap<(PersonKind, &'a str), PersonIx>,
    groups: HashMap<&'a str, Ix>,
    roles: HashMap<&'a str, Ix>,
    contact_groups: HashMap<&'a str, Ix>,
    licenses: HashMap<&'a str, Ix>,
}

/// A `(contact group id, group id)` pair whose group is not in the sync.
type MissingGroup = (String, String);

impl Keys<'_> {
    /// The relation a grant makes between two items of the sync; `Some(Err)` for a
    /// contact-group member naming a group the sync does not hold (the Go connector writes
    /// such grants when Zoom still lists a deleted group); `None` for anything else
    /// (another connector's grant, or one naming an item that is not in the sync).
    fn link(&self, edge: &Edge<'_>) -> Option<std::result::Result<Link, MissingGroup>> {
        let person = match edge.principal_type {
            USER => self
                .people
                .get(&(PersonKind::User, edge.principal))
                .copied(),
            INVITE => self
                .people
                .get(&(PersonKind::Invite, edge.principal))
                .copied(),
            _ => None,
        };
        let on = |map: &HashMap<&str, Ix>| map.get(edge.resource).copied();
        let link = match (edge.resource_type, edge.slug, person) {
            (GROUP, "member", Some(p)) => Link::Member(p, on(&self.groups)?),
            (GROUP, "admin", Some(p)) => Link::Admin(p, on(&self.groups)?),
            (ROLE, "member", Some(p)) => Link::Role(p, on(&self.roles)?),
            (LICENSE, "assigned", Some(p)) => Link::License(p, on(&self.licenses)?),
            (CONTACT_GROUP, "member", Some(p)) => Link::Contact(p, on(&self.contact_groups)?),
            (CONTACT_GROUP, "member", None) if edge.principal_type == GROUP => {
                match self.groups.get(edge.principal) {
                    Some(&g) => Link::ContactGroup(on(&self.contact_groups)?, g),
                    None => return Some(Err((edge.resource.into(), edge.principal.into()))),
                }
            }
            _ => return None,
        };
        Some(Ok(link))
    }
}

/// One relation between positions, stored on both sides by [`Link::apply`].
#[derive(Clone, Copy)]
enum Link {
    /// Person, group.
    Member(PersonIx, Ix),
    /// Person, group.
    Admin(PersonIx, Ix),
    /// Person, role.
    Role(PersonIx, Ix),
    /// Person, licence.
    License(PersonIx, Ix),
    /// Person, contact group.
    Contact(PersonIx, Ix),
    /// Contact group, group.
    ContactGroup(Ix, Ix),
}

impl Link {
    fn apply(
        self,
        people: &mut [Person],
        groups: &mut [Group],
        roles: &mut [Holding],
        contact_groups: &mut [ContactGroup],
        licenses: &mut [Holding],
    ) {
        match self {
            Link::Member(p, g) => {
                people[p as usize].groups.push(g);
                groups[g as usize].members.push(p);
            }
            Link::Admin(p, g) => {
                people[p as usize].admin_of.push(g);
                groups[g as usize].admins.push(p);
            }
            Link::Role(p, r) => {
                people[p as usize].roles.push(r);
                roles[r as usize].holders.push(p);
            }
            Link::License(p, l) => {
                people[p as usize].licenses.push(l);
                licenses[l as usize].holders.push(p);
            }
            Link::Contact(p, c) => {
                people[p as usize].contact_groups.push(c);
                contact_groups[c as usize].members.push(p);
            }
            Link::ContactGroup(c, g) => {
                contact_groups[c as usize].member_groups.push(g);
                groups[g as usize].contact_groups.push(c);
            }
        }
    }
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
