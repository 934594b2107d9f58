//! One sync of a baton-zoom `.c1z`, held in memory as people and the things they hold.
//!
//! The file stores access as grants (`group:g1:member:user:u1`); every question a review
//! asks is the other way round ("what does this person hold?") or a count over everyone.
//! Answering those from SQLite would mean a query per person, so a sync is read once into
//! this compact index: people and resources in vectors, relations as `u32` positions into
//! them, each relation stored on both sides. A 100,000-user sync takes a few tens of MB.
//!
//! Resource type ids and entitlement slugs are baton-zoom's (its ids are a contract, see the
//! README): `user`, `invite`, `group` (`member`, `admin`), `role` (`member`),
//! `contactGroup` (`member`) and `license` (`assigned`). They are restated here rather than
//! taken from the connector, which the explorer must not depend on (it reads files, also
//! files other tools wrote), and rather than kept in `c1z`, which knows nothing of any
//! connector; the tests build their files with the connector, so a drift between the two
//! fails them.

mod grants;
mod load;

use c1z::SyncRun;

pub use load::load;

/// Resource type of Zoom users with an id.
pub const USER: &str = "user";
/// Resource type of pending users, keyed by email.
pub const INVITE: &str = "invite";
/// Resource type of user groups.
pub const GROUP: &str = "group";
/// Resource type of roles.
pub const ROLE: &str = "role";
/// Resource type of contact groups.
pub const CONTACT_GROUP: &str = "contactGroup";
/// Resource type of licences (Zoom user types).
pub const LICENSE: &str = "license";
/// Licence id of a paid seat (Zoom user type 2, "Licensed").
pub const LICENSED: &str = "2";
/// Key of a role's privileges (`User:Edit`, `Recording:Read`, ...) in the profile of its
/// role trait, a list of strings, as baton-zoom's sync writes them.
pub const PRIVILEGES_KEY: &str = "privileges";
/// Name of the role every user holds by default; holders of any other role are privileged.
pub const MEMBER_ROLE_NAME: &str = "Member";

/// Position of a person in [`Snapshot::people`].
pub type PersonIx = u32;
/// Position of a group, role, contact group or licence in its vector.
pub type Ix = u32;

/// A user (with an id) or an invite (a pending user, known by email).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PersonKind {
    /// `user:<zoom id>`.
    User,
    /// `invite:<email>`.
    Invite,
}

impl PersonKind {
    /// The baton resource type id.
    pub fn resource_type(self) -> &'static str {
        match self {
            PersonKind::User => USER,
            PersonKind::Invite => INVITE,
        }
    }
}

/// Account status, from the user trait (Zoom's word in its details, else baton's status).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Can sign in.
    Active,
    /// Deactivated.
    Inactive,
    /// Invited, not yet signed up.
    Pending,
    /// The file does not say.
    Unknown,
}

impl Status {
    /// Every status, in the order pages list them.
    pub const ALL: [Status; 4] = [
        Status::Active,
        Status::Inactive,
        Status::Pending,
        Status::Unknown,
    ];

    /// Zoom's word for the status.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Inactive => "inactive",
            Status::Pending => "pending",
            Status::Unknown => "unknown",
        }
    }

    /// Reads Zoom's word back.
    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// A user or invite and everything the sync says it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// User or invite.
    pub kind: PersonKind,
    /// Zoom user id, or the invite's email.
    pub id: Box<str>,
    /// Display name (chosen by the user: never trusted as markup).
    pub name: Box<str>,
    /// Primary email.
    pub email: Box<str>,
    /// Account status.
    pub status: Status,
    /// Account creation (for invites: when the invitation was sent), Unix seconds.
    pub created_at: Option<i64>,
    /// Last sign-in, Unix seconds; `None` if the user never signed in.
    pub last_login: Option<i64>,
    /// Roles held (Zoom gives each user one).
    pub roles: Vec<Ix>,
    /// Licences held (one per user in Zoom).
    pub licenses: Vec<Ix>,
    /// Groups the person is a member of.
    pub groups: Vec<Ix>,
    /// Groups the person administers.
    pub admin_of: Vec<Ix>,
    /// Contact groups listing the person directly.
    pub contact_groups: Vec<Ix>,
    /// Lower-cased name and email, what search matches against.
    search_key: SearchKey,
}

impl Person {
    /// `user:<id>` or `invite:<email>`.
    pub fn resource_id(&self) -> String {
        format!("{}:{}", self.kind.resource_type(), self.id)
    }

    /// The order people are listed in, as [`name_order`] has it, without allocating: the
    /// lower-cased name is the first part of the search key.
    fn name_order(&self) -> (&str, &str, &str) {
        (self.search_key.name(), &self.name, &self.id)
    }

    /// The email, lower-cased: how Zoom compares emails.
    pub fn email_key(&self) -> &str {
        self.search_key.email()
    }

    /// True when `needle` (already lower-cased) is part of the name or the email.
    pub fn matches(&self, needle: &str) -> bool {
        self.search_key.text.contains(needle)
    }
}

/// A person's lower-cased name and email in one string, `name NUL email`, and where the
/// name ends: search scans one string per person, sorting and grouping by email read their
/// parts without looking for the separator.
#[derive(Clone, Debug, PartialEq)]
struct SearchKey {
    text: Box<str>,
    /// Byte length of the name part.
    name_end: usize,
}

impl SearchKey {
    fn new(name: &str, email: &str) -> SearchKey {
        let mut text = name.to_lowercase();
        let name_end = text.len();
        text.push('\u{0}');
        text.push_str(&email.to_lowercase());
        SearchKey {
            text: text.into(),
            name_end,
        }
    }

    fn name(&self) -> &str {
        &self.text[..self.name_end]
    }

    fn email(&self) -> &str {
        &self.text[self.name_end + 1..]
    }
}

/// A user group with its members and admins.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Group {
    /// Zoom group id.
    pub id: Box<str>,
    /// Group name.
    pub name: Box<str>,
    /// Members, in name order.
    pub members: Vec<PersonIx>,
    /// Admins, in name order.
    pub admins: Vec<PersonIx>,
    /// Contact groups listing this group as a member.
    pub contact_groups: Vec<Ix>,
}

/// A role, a licence: a resource whose one entitlement people hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Holding {
    /// Role id, or licence id (Zoom's user type number).
    pub id: Box<str>,
    /// Role or licence name.
    pub name: Box<str>,
    /// Holders, in name order.
    pub holders: Vec<PersonIx>,
    /// What a role allows ([`PRIVILEGES_KEY`]), sorted; empty for licences and for roles
    /// synced without their privileges.
    pub privileges: Vec<Box<str>>,
}

/// A contact group: people and groups listed in it, and groups it names that are gone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContactGroup {
    /// `dir.` id.
    pub id: Box<str>,
    /// Name.
    pub name: Box<str>,
    /// People listed directly, in name order.
    pub members: Vec<PersonIx>,
    /// Groups listed, in name order.
    pub member_groups: Vec<Ix>,
    /// Ids of listed groups that are not in the sync (deleted since they were added), sorted.
    pub missing_groups: Vec<Box<str>>,
}

/// One entitlement a person holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Held<'s> {
    /// Resource type (`role`, `license`, `group`, `contactGroup`).
    pub resource_type: &'static str,
    /// Entitlement slug (`member`, `admin`, `assigned`).
    pub slug: &'static str,
    /// Resource id.
    pub id: &'s str,
    /// Resource name.
    pub name: &'s str,
}

impl Held<'_> {
    /// How people say it: "role", "licence", "group admin", "group member", "contact group".
    pub fn label(&self) -> &'static str {
        match (self.resource_type, self.slug) {
            (ROLE, _) => "role",
            (LICENSE, _) => "licence",
            (GROUP, "admin") => "group admin",
            (GROUP, _) => "group member",
            _ => "contact group",
        }
    }
}

/// One sync, indexed; see the module docs.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The sync run read.
    pub sync: SyncRun,
    /// Users and invites, sorted by name (case-insensitively), then id.
    pub people: Vec<Person>,
    /// Groups by name.
    pub groups: Vec<Group>,
    /// Roles by name.
    pub roles: Vec<Holding>,
    /// Contact groups by name.
    pub contact_groups: Vec<ContactGroup>,
    /// Licences by id (Zoom's number: 1, 2, 4, 99).
    pub licenses: Vec<Holding>,
    /// Grants the sync holds.
    pub grant_count: u64,
    /// People positions sorted by (kind, id), for lookups by id.
    people_by_id: Vec<PersonIx>,
}

impl Snapshot {
    /// The person with this kind and id.
    pub fn person(&self, kind: PersonKind, id: &str) -> Option<(PersonIx, &Person)> {
        self.people_by_id
            .binary_search_by(|&ix| {
                let p = &self.people[ix as usize];
                (p.kind, &*p.id).cmp(&(kind, id))
            })
            .ok()
            .map(|found| {
                let ix = self.people_by_id[found];
                (ix, &self.people[ix as usize])
            })
    }

    /// The person at `ix`.
    pub fn at(&self, ix: PersonIx) -> &Person {
        &self.people[ix as usize]
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<(Ix, &Group)> {
        find(&self.groups, |g| &g.id, id)
    }

    /// The role with this id.
    pub fn role(&self, id: &str) -> Option<(Ix, &Holding)> {
        find(&self.roles, |r| &r.id, id)
    }

    /// The contact group with this id.
    pub fn contact_group(&self, id: &str) -> Option<(Ix, &ContactGroup)> {
        find(&self.contact_groups, |c| &c.id, id)
    }

    /// The licence with this id.
    pub fn license(&self, id: &str) -> Option<(Ix, &Holding)> {
        find(&self.licenses, |l| &l.id, id)
    }

    /// Everything `person` holds: roles, licences, groups administered, groups, contact
    /// groups, in that order.
    pub fn held_by<'s>(&'s self, person: &'s Person) -> impl Iterator<Item = Held<'s>> + 's {
        let held = |resource_type, slug, id: &'s str, name: &'s str| Held {
            resource_type,
            slug,
            id,
            name,
        };
        let roles = person.roles.iter().map(|&r| &self.roles[r as usize]);
        let licenses = person.licenses.iter().map(|&l| &self.licenses[l as usize]);
        let groups = |list: &'s [Ix]| list.iter().map(|&g| &self.groups[g as usize]);
        let contacts = person
            .contact_groups
            .iter()
            .map(|&c| &self.contact_groups[c as usize]);
        roles
            .map(move |r| held(ROLE, "member", &r.id, &r.name))
            .chain(licenses.map(move |l| held(LICENSE, "assigned", &l.id, &l.name)))
            .chain(groups(&person.admin_of).map(move |g| held(GROUP, "admin", &g.id, &g.name)))
            .chain(groups(&person.groups).map(move |g| held(GROUP, "member", &g.id, &g.name)))
            .chain(contacts.map(move |c| held(CONTACT_GROUP, "member", &c.id, &c.name)))
    }

    /// Every privilege some role has, sorted.
    pub fn privileges(&self) -> Vec<&str> {
        let all: std::collections::BTreeSet<&str> = self
            .roles
            .iter()
            .flat_map(|r| r.privileges.iter().map(|p| &**p))
            .collect();
        all.into_iter().collect()
    }

    /// The roles that have `privilege`, named in any case (as `access --privilege` takes it).
    pub fn roles_with(&self, privilege: &str) -> Vec<Ix> {
        (0..self.roles.len() as Ix)
            .filter(|&r| {
                self.roles[r as usize]
                    .privileges
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(privilege))
            })
            .collect()
    }

    /// How many people have each status.
    pub fn status_counts(&self) -> [(Status, usize); 4] {
        let mut counts = Status::ALL.map(|s| (s, 0));
        for person in &self.people {
            if let Some(slot) = counts.iter_mut().find(|(s, _)| *s == person.status) {
                slot.1 += 1;
            }
        }
        counts
    }
}

/// The position and item whose id is `id` (lists are short: groups, roles, licences).
fn find<'a, T>(items: &'a [T], id_of: impl Fn(&T) -> &str, id: &str) -> Option<(Ix, &'a T)> {
    items
        .iter()
        .position(|item| id_of(item) == id)
        .map(|ix| (ix as Ix, &items[ix]))
}

/// The order lists are shown in: by name case-insensitively, then exactly, then by id.
pub(crate) fn name_order(name: &str, id: &str) -> (String, String, String) {
    (name.to_lowercase(), name.to_owned(), id.to_owned())
}
