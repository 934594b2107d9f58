//! The simulated Zoom account: its users, groups, roles and contact groups, and the
//! operations Zoom's API performs on them.
//!
//! This module knows nothing of HTTP: the routes translate requests into these calls and
//! [`TenantError`]s into Zoom's error bodies, and tests can drive it directly. Listings are
//! keyset-paged (a page resumes after the last key it returned), so a write between two page
//! requests never makes a listing skip or repeat an item that was there throughout.

mod error;
mod ground_truth;
mod membership;
mod model;
mod ops;
pub mod privileges;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;

use rand_chacha::ChaCha8Rng;

pub use error::TenantError;
pub use ground_truth::{ContactGroupTruth, GroundTruth, PendingUserTruth};
pub use model::{
    ADMIN_ROLE_ID, ContactGroup, ContactMember, ContactMemberType, Group, LicenseType,
    MEMBER_ROLE_ID, OWNER_ROLE_ID, Role, RowCache, User, UserStatus,
};
pub use ops::{CreateAction, DeleteAction, NewUser, UserPatch, UserRef};

/// The `{userId}` that names the user the calling app acts for.
const ME: &str = "me";

/// One page of a keyset-paged listing.
#[derive(Debug)]
pub struct Page<T> {
    /// The items of this page, in listing order.
    pub items: Vec<T>,
    /// How many items the whole listing has right now.
    pub total: usize,
    /// The key to resume after, when more items follow.
    pub next_after: Option<String>,
}

/// A Zoom account's state. Built by the generator or empty, then changed by the API.
#[derive(Debug, Clone)]
pub struct Tenant {
    pub(crate) account_id: String,
    pub(crate) users: BTreeMap<String, User>,
    /// Lower-cased email → user id, for lookups by email and uniqueness checks.
    pub(crate) emails: HashMap<String, String>,
    /// User ids per status, so a listing by status never scans the other statuses.
    pub(crate) by_status: BTreeMap<UserStatus, BTreeSet<String>>,
    pub(crate) groups: BTreeMap<String, Group>,
    pub(crate) roles: BTreeMap<String, Role>,
    pub(crate) contact_groups: BTreeMap<String, ContactGroup>,
    /// Source of ids for users created through the API, seeded so runs are reproducible.
    pub(crate) id_rng: ChaCha8Rng,
}

impl Tenant {
    /// An account with only the built-in roles (Owner, Admin, Member). `id_rng` supplies the
    /// ids of users created later through the API.
    pub fn new(account_id: String, id_rng: ChaCha8Rng) -> Self {
        let mut tenant = Tenant {
            account_id,
            users: BTreeMap::new(),
            emails: HashMap::new(),
            by_status: BTreeMap::new(),
            groups: BTreeMap::new(),
            roles: BTreeMap::new(),
            contact_groups: BTreeMap::new(),
            id_rng,
        };
        tenant.insert_role(
            OWNER_ROLE_ID,
            "Owner",
            "Account owner: full access to the account.",
            privileges::owner(),
        );
        tenant.insert_role(
            ADMIN_ROLE_ID,
            "Admin",
            "Manages users, groups and settings.",
            privileges::admin(),
        );
        tenant.insert_role(
            MEMBER_ROLE_ID,
            "Member",
            "Default role of every new user.",
            Vec::new(),
        );
        tenant
    }

    /// The account's id, which OAuth token requests must name.
    pub fn account_id(&self) -> &str {
        &self.account_id
    }

    /// A user by id, (case-insensitive) email or `me`, as Zoom's `{userId}` path segment
    /// accepts.
    pub fn user(&self, id_or_email: &str) -> Option<&User> {
        self.user_id(id_or_email).and_then(|id| self.users.get(id))
    }

    /// Resolves an id, email or `me` to the user's id. `me` is the user an app acts for: a
    /// Server-to-Server app belongs to the user who created it, and the simulator's apps
    /// belong to the account owner.
    pub(crate) fn user_id(&self, id_or_email: &str) -> Option<&str> {
        if id_or_email == ME {
            return self.owner_id();
        }
        if let Some((id, _)) = self.users.get_key_value(id_or_email) {
            return Some(id.as_str());
        }
        self.emails
            .get(&id_or_email.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// The id of the account owner (the one user holding the Owner role).
    pub fn owner_id(&self) -> Option<&str> {
        self.roles
            .get(OWNER_ROLE_ID)
            .and_then(|owner| owner.member_ids.first())
            .map(String::as_str)
    }

    /// Every user, active, inactive and pending, in id order.
    pub fn users(&self) -> impl Iterator<Item = &User> {
        self.users.values()
    }

    /// A page of users with `status` (and optionally `role_id`), after the key `after`.
    pub fn users_page(
        &self,
        status: UserStatus,
        role_id: Option<&str>,
        after: Option<&str>,
        limit: usize,
    ) -> Page<&User> {
        let empty = BTreeSet::new();
        let ids = self.by_status.get(&status).unwrap_or(&empty);
        let users = keys_after(ids, after).filter_map(|id| self.users.get(id));
        match role_id {
            None => take_page(users, ids.len(), limit, |u| u.id.clone()),
            Some(role) => {
                let total = ids
                    .iter()
                    .filter_map(|id| self.users.get(id))
                    .filter(|u| u.role_id == role)
                    .count();
                take_page(users.filter(|u| u.role_id == role), total, limit, |u| {
                    u.id.clone()
                })
            }
        }
    }

    /// A group by id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.get(id)
    }

    /// Every group, in id order.
    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.groups.values()
    }

    /// A page of groups after the key `after`.
    pub fn groups_page(&self, after: Option<&str>, limit: usize) -> Page<&Group> {
        values_page(&self.groups, after, limit)
    }

    /// A page of a group's members (users), after the user id `after`.
    pub fn group_members_page(
        &self,
        group_id: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Page<&User>, TenantError> {
        self.group_users_page(group_id, |g| &g.member_ids, after, limit)
    }

    /// A page of a group's admins (users), after the user id `after`.
    pub fn group_admins_page(
        &self,
        group_id: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Page<&User>, TenantError> {
        self.group_users_page(group_id, |g| &g.admin_ids, after, limit)
    }

    /// A role by id.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.get(id)
    }

    /// Every role, in id order (built-in roles `"0"`, `"1"`, `"2"` first).
    pub fn roles(&self) -> impl Iterator<Item = &Role> {
        self.roles.values()
    }

    /// A page of the users holding a role, after the user id `after`.
    pub fn role_members_page(
        &self,
        role_id: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Page<&User>, TenantError> {
        let role = self.role_or_err(role_id)?;
        Ok(self.users_of(&role.member_ids, after, limit))
    }

    /// A contact group by id.
    pub fn contact_group(&self, id: &str) -> Option<&ContactGroup> {
        self.contact_groups.get(id)
    }

    /// Every contact group, in id order.
    pub fn contact_groups(&self) -> impl Iterator<Item = &ContactGroup> {
        self.contact_groups.values()
    }

    /// A page of contact groups after the key `after`.
    pub fn contact_groups_page(&self, after: Option<&str>, limit: usize) -> Page<&ContactGroup> {
        values_page(&self.contact_groups, after, limit)
    }

    /// A page of a contact group's members after the member key `after` (see
    /// [`contact_member_key`]).
    pub fn contact_members_page(
        &self,
        group_id: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Page<&ContactMember>, TenantError> {
        let group = self
            .contact_groups
            .get(group_id)
            .ok_or_else(|| TenantError::ContactGroupNotFound(group_id.to_owned()))?;
        let start = match after.and_then(parse_contact_member_key) {
            Some(key) => Bound::Excluded(key),
            None => Bound::Unbounded,
        };
        let members = group
            .members
            .range((start, Bound::Unbounded))
            .map(|(_, m)| m);
        Ok(take_page(members, group.members.len(), limit, |m| {
            contact_member_key(m)
        }))
    }

    fn group_users_page(
        &self,
        group_id: &str,
        users: fn(&Group) -> &BTreeSet<String>,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Page<&User>, TenantError> {
        let group = self.group_or_err(group_id)?;
        Ok(self.users_of(users(group), after, limit))
    }

    fn users_of(&self, ids: &BTreeSet<String>, after: Option<&str>, limit: usize) -> Page<&User> {
        let users = keys_after(ids, after).filter_map(|id| self.users.get(id));
        take_page(users, ids.len(), limit, |u| u.id.clone())
    }

    pub(crate) fn group_or_err(&self, id: &str) -> Result<&Group, TenantError> {
        self.groups
            .get(id)
            .ok_or_else(|| TenantError::GroupNotFound(id.to_owned()))
    }

    pub(crate) fn role_or_err(&self, id: &str) -> Result<&Role, TenantError> {
        self.roles
            .get(id)
            .ok_or_else(|| TenantError::RoleNotFound(id.to_owned()))
    }
}

/// The resumption key of a contact-group member: its type code and id.
pub fn contact_member_key(member: &ContactMember) -> String {
    format!("{}:{}", member.member_type.code(), member.id)
}

fn parse_contact_member_key(key: &str) -> Option<(ContactMemberType, String)> {
    let (kind, id) = key.split_once(':')?;
    let kind = ContactMemberType::try_from(kind.parse::<u8>().ok()?).ok()?;
    Some((kind, id.to_owned()))
}

fn bound_after(after: Option<&str>) -> Bound<&str> {
    after.map_or(Bound::Unbounded, Bound::Excluded)
}

fn keys_after<'a>(
    set: &'a BTreeSet<String>,
    after: Option<&str>,
) -> impl Iterator<Item = &'a String> {
    set.range::<str, _>((bound_after(after), Bound::Unbounded))
}

/// A page of a map's values, keyed by the map's keys.
fn values_page<'a, V>(
    map: &'a BTreeMap<String, V>,
    after: Option<&str>,
    limit: usize,
) -> Page<&'a V> {
    let entries = map.range::<str, _>((bound_after(after), Bound::Unbounded));
    let page = take_page(entries, map.len(), limit, |(key, _)| (*key).clone());
    Page {
        items: page.items.into_iter().map(|(_, value)| value).collect(),
        total: page.total,
        next_after: page.next_after,
    }
}

/// Takes up to `limit` items and notes the key to resume after when more follow.
fn take_page<T, I, K>(items: I, total: usize, limit: usize, key: K) -> Page<T>
where
    I: Iterator<Item = T>,
    K: Fn(&T) -> String,
{
    let mut items = items.peekable();
    let mut page = Vec::with_capacity(limit.min(total));
    while page.len() < limit {
        match items.next() {
            Some(item) => page.push(item),
            None => break,
        }
    }
    let next_after = match (items.peek(), page.last()) {
        (Some(_), Some(last)) => Some(key(last)),
        _ => None,
    };
    Page {
        items: page,
        total,
        next_after,
    }
}
