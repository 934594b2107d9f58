//! The whole account as one sorted, serialisable value: what a correct sync must find.
//!
//! Every list is sorted so that two exports of equal tenants are equal byte for byte, which is
//! also how the generator's determinism is checked.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Tenant;
use super::model::{
    ContactMember, ContactMemberType, Group, LicenseType, MEMBER_ROLE_ID, Role, User, UserStatus,
};

/// The expected state of the account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroundTruth {
    /// The account id.
    pub account_id: String,
    /// Users with an id (active and inactive), sorted by id.
    pub users: Vec<User>,
    /// Invited users (pending, no id in listings), sorted by email.
    pub pending_users: Vec<PendingUserTruth>,
    /// Groups with sorted member and admin ids, sorted by id.
    pub groups: Vec<Group>,
    /// Roles with the sorted ids of the active and inactive users holding them, sorted by id.
    pub roles: Vec<Role>,
    /// Contact groups with their members, sorted by id.
    pub contact_groups: Vec<ContactGroupTruth>,
    /// Ids of the active and inactive users per licence type code (1, 2, 4, 99), sorted.
    pub licenses: BTreeMap<u8, Vec<String>>,
}

/// An invited user, known by email only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingUserTruth {
    /// The invited address.
    pub email: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Licence type the user will get.
    #[serde(rename = "type")]
    pub license: LicenseType,
    /// Role the user will hold.
    pub role_id: String,
    /// Groups the user joins on accepting (set with `PATCH /users/{userId}` `group_id`),
    /// sorted.
    #[serde(default)]
    pub group_ids: Vec<String>,
    /// Invitation time.
    pub user_created_at: String,
}

/// A contact group and its members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactGroupTruth {
    /// `dir.` id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// 1, 2 or 3.
    pub privacy: u8,
    /// Free text.
    pub description: String,
    /// Members sorted by (type, id), including type-2 members whose group no longer exists.
    pub members: Vec<ContactMember>,
    /// Ids of type-2 members that name no existing group (as after the group was deleted);
    /// a sync is expected to drop them.
    pub dangling_group_ids: Vec<String>,
}

impl GroundTruth {
    /// A user with an id, by id.
    pub fn user(&self, id: &str) -> Option<&User> {
        self.users
            .binary_search_by(|u| u.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.users[i])
    }

    /// A group by id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups
            .binary_search_by(|g| g.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.groups[i])
    }

    /// A pending user (an invitation) by the email it was sent to.
    pub fn pending_user(&self, email: &str) -> Option<&PendingUserTruth> {
        self.pending_users.iter().find(|p| p.email == email)
    }

    /// A role by id.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// Users with `status` (active or inactive), in id order.
    pub fn users_with_status(&self, status: UserStatus) -> impl Iterator<Item = &User> {
        self.users.iter().filter(move |u| u.status == status)
    }

    /// An active user holding the Member role and in none of `outside_groups`: a principal
    /// with nothing special about it, for tests that grant it something and take it back.
    pub fn plain_member(&self, outside_groups: &[&str]) -> Option<&User> {
        self.users_with_status(UserStatus::Active).find(|u| {
            u.role_id == MEMBER_ROLE_ID && outside_groups.iter().all(|g| !u.group_ids.contains(*g))
        })
    }

    /// Stable, pretty JSON of the whole value.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self)
            .expect("ground truth holds only strings, numbers and lists")
    }
}

impl Tenant {
    /// Exports the tenant as its ground truth.
    pub fn ground_truth(&self) -> GroundTruth {
        let users: Vec<User> = self
            .users
            .values()
            .filter(|u| u.status != UserStatus::Pending)
            .cloned()
            .collect();
        let mut pending_users: Vec<PendingUserTruth> = self
            .users
            .values()
            .filter(|u| u.status == UserStatus::Pending)
            .map(|u| PendingUserTruth {
                email: u.email.clone(),
                first_name: u.first_name.clone(),
                last_name: u.last_name.clone(),
                license: u.license,
                role_id: u.role_id.clone(),
                group_ids: u.group_ids.iter().cloned().collect(),
                user_created_at: u.user_created_at.clone(),
            })
            .collect();
        pending_users.sort_by(|a, b| a.email.cmp(&b.email));
        let mut licenses: BTreeMap<u8, Vec<String>> = LicenseType::ALL
            .iter()
            .map(|l| (l.code(), Vec::new()))
            .collect();
        for user in &users {
            licenses
                .entry(user.license.code())
                .or_default()
                .push(user.id.clone());
        }
        let contact_groups = self
            .contact_groups
            .values()
            .map(|g| ContactGroupTruth {
                id: g.id.clone(),
                name: g.name.clone(),
                privacy: g.privacy,
                description: g.description.clone(),
                members: g.members.values().cloned().collect(),
                dangling_group_ids: g
                    .members
                    .keys()
                    .filter(|(kind, id)| {
                        *kind == ContactMemberType::Group && !self.groups.contains_key(id)
                    })
                    .map(|(_, id)| id.clone())
                    .collect(),
            })
            .collect();
        GroundTruth {
            account_id: self.account_id.clone(),
            users,
            pending_users,
            groups: self.groups.values().cloned().collect(),
            roles: self.roles.values().cloned().collect(),
            contact_groups,
            licenses,
        }
    }
}
