//! The grants of a sync, read on their own thread and linked once the resources are known.
//!
//! The grants' pass runs while the resources are still being read, so it cannot name
//! people by position yet. It keeps each distinct entitlement and principal once and each
//! grant as a pair of positions into them ([`GrantPairs`]); afterwards the few thousand
//! entitlements and the principals are resolved against the resources ([`Keys`]) and
//! every grant becomes a [`Link`], stored on both sides.

use std::collections::{BTreeSet, HashMap};

use c1z::SyncView;

use super::{
    CONTACT_GROUP, ContactGroup, GROUP, Group, Holding, INVITE, Ix, LICENSE, Person, PersonIx,
    PersonKind, ROLE, USER,
};
use crate::error::Result;

/// Positions of the values seen so far.
type Interned = HashMap<Box<str>, u32>;

/// Every grant of a sync as positions into its distinct entitlements and principals.
#[derive(Default)]
pub(super) struct GrantPairs {
    /// Entitled resource type, resource id and slug of each distinct entitlement; `None`
    /// when the entitlement id does not have the SDK's shape.
    entitlements: Vec<Option<[Box<str>; 3]>>,
    /// Type and id of each distinct principal.
    principals: Vec<(Box<str>, Box<str>)>,
    /// `(entitlement, principal)` of each grant.
    pairs: Vec<(u32, u32)>,
    /// Grants in the sync.
    pub count: u64,
}

impl GrantPairs {
    /// Reads the index columns of every grant `view` holds; no blob is decoded.
    pub fn read(view: &SyncView<'_>) -> Result<GrantPairs> {
        let mut out = GrantPairs::default();
        let mut entitlement_ix = Interned::new();
        // Principal types are few (user, invite, group): one map of ids per type.
        let mut principal_ix: Vec<(Box<str>, Interned)> = Vec::new();
        out.count = view.grant_keys(|grant| {
            let entitlement = intern(&mut entitlement_ix, grant.entitlement_id, || {
                let slug = grant.slug();
                out.entitlements.push(slug.map(|slug| {
                    [
                        grant.resource_type.into(),
                        grant.resource.into(),
                        slug.into(),
                    ]
                }));
                out.entitlements.len() as u32 - 1
            });
            let by_type = match principal_ix
                .iter()
                .position(|(t, _)| **t == *grant.principal_type)
            {
                Some(found) => found,
                None => {
                    principal_ix.push((grant.principal_type.into(), HashMap::new()));
                    principal_ix.len() - 1
                }
            };
            let principal = intern(&mut principal_ix[by_type].1, grant.principal, || {
                out.principals
                    .push((grant.principal_type.into(), grant.principal.into()));
                out.principals.len() as u32 - 1
            });
            out.pairs.push((entitlement, principal));
        })?;
        Ok(out)
    }
}

/// The position of `key` in `map`; when it is new, `add` stores it and says where.
fn intern(map: &mut Interned, key: &str, add: impl FnOnce() -> u32) -> u32 {
    if let Some(&ix) = map.get(key) {
        return ix;
    }
    let ix = add();
    map.insert(key.into(), ix);
    ix
}

/// The position of every item by id, for resolving grants.
pub(super) struct Keys<'a> {
    pub people: HashMap<(PersonKind, &'a str), PersonIx>,
    pub groups: HashMap<&'a str, Ix>,
    pub roles: HashMap<&'a str, Ix>,
    pub contact_groups: HashMap<&'a str, Ix>,
    pub licenses: HashMap<&'a str, Ix>,
}

/// What an entitlement gives, by position.
#[derive(Clone, Copy)]
enum Target {
    Member(Ix),
    Admin(Ix),
    Role(Ix),
    License(Ix),
    Contact(Ix),
    /// Another connector's entitlement, or one on an item not in the sync.
    Other,
}

/// Who a principal is, by position.
#[derive(Clone, Copy)]
enum Holder<'g> {
    Person(PersonIx),
    Group(Ix),
    /// A group the sync does not hold: the Go connector writes contact-group members
    /// naming groups deleted since Zoom listed them.
    GoneGroup(&'g str),
    Other,
}

impl Keys<'_> {
    fn target(&self, entitlement: &Option<[Box<str>; 3]>) -> Target {
        let Some([resource_type, resource, slug]) = entitlement else {
            return Target::Other;
        };
        let at = |map: &HashMap<&str, Ix>| map.get(&**resource).copied();
        let found = match (&**resource_type, &**slug) {
            (GROUP, "member") => at(&self.groups).map(Target::Member),
            (GROUP, "admin") => at(&self.groups).map(Target::Admin),
            (ROLE, "member") => at(&self.roles).map(Target::Role),
            (LICENSE, "assigned") => at(&self.licenses).map(Target::License),
            (CONTACT_GROUP, "member") => at(&self.contact_groups).map(Target::Contact),
            _ => None,
        };
        found.unwrap_or(Target::Other)
    }

    fn holder<'g>(&self, (principal_type, id): &'g (Box<str>, Box<str>)) -> Holder<'g> {
        let person = |kind| self.people.get(&(kind, &**id)).copied();
        let found = match &**principal_type {
            USER => person(PersonKind::User).map(Holder::Person),
            INVITE => person(PersonKind::Invite).map(Holder::Person),
            GROUP => Some(
                self.groups
                    .get(&**id)
                    .map_or(Holder::GoneGroup(id), |&g| Holder::Group(g)),
            ),
            _ => None,
        };
        found.unwrap_or(Holder::Other)
    }

    /// Every relation the grants make between items of the sync, and the `(contact group,
    /// group id)` pairs whose group is not in the sync.
    pub fn links(&self, grants: &GrantPairs) -> (Vec<Link>, BTreeSet<(Ix, Box<str>)>) {
        let targets: Vec<Target> = grants.entitlements.iter().map(|e| self.target(e)).collect();
        let holders: Vec<Holder<'_>> = grants.principals.iter().map(|p| self.holder(p)).collect();
        let mut links = Vec::with_capacity(grants.pairs.len());
        let mut missing = BTreeSet::new();
        for &(e, p) in &grants.pairs {
            let link = match (targets[e as usize], holders[p as usize]) {
                (Target::Member(g), Holder::Person(p)) => Link::Member(p, g),
                (Target::Admin(g), Holder::Person(p)) => Link::Admin(p, g),
                (Target::Role(r), Holder::Person(p)) => Link::Role(p, r),
                (Target::License(l), Holder::Person(p)) => Link::License(p, l),
                (Target::Contact(c), Holder::Person(p)) => Link::Contact(p, c),
                (Target::Contact(c), Holder::Group(g)) => Link::ContactGroup(c, g),
                (Target::Contact(c), Holder::GoneGroup(id)) => {
                    missing.insert((c, id.into()));
                    continue;
                }
                _ => continue,
            };
            links.push(link);
        }
        (links, missing)
    }
}

/// One relation between positions, stored on both sides by [`Link::apply`].
#[derive(Clone, Copy)]
pub(super) enum Link {
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
    pub fn apply(
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
