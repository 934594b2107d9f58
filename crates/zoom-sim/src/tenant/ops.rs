//! Changes to the account's users, with Zoom's rules (unique emails, a protected owner,
//! licences removed on deactivation), the request types of all changes, and the primitives
//! that keep both sides of every relation in step. Each operation checks everything before it
//! changes anything, so a refused call leaves the tenant untouched. Membership changes
//! (groups, roles, contact groups) are in `membership.rs`.

use std::collections::BTreeSet;

use rand::RngExt;

use super::model::{
    ContactGroup, ContactMemberType, Group, LicenseType, MEMBER_ROLE_ID, OWNER_ROLE_ID, Role,
    RowCache, User, UserStatus,
};
use super::{Tenant, TenantError};
use crate::clock::zoom_now;
use crate::ids;

/// A user named in a request body: by id or by email (Zoom: the id wins when both are given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserRef {
    /// A Zoom user id.
    Id(String),
    /// A user's email.
    Email(String),
}

impl UserRef {
    pub(super) fn key(&self) -> &str {
        match self {
            UserRef::Id(key) | UserRef::Email(key) => key,
        }
    }
}

/// `POST /users` `action`: how the user is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateAction {
    /// Emails an invitation; the user is pending until they accept.
    Create,
    /// Managed-domain creation with a password; active at once.
    AutoCreate,
    /// Created without a password (ISV); active at once.
    CustCreate,
    /// Pre-provisioned SSO user; active at once.
    SsoCreate,
}

impl CreateAction {
    /// Parses Zoom's `action` value.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "create" => Some(CreateAction::Create),
            "autoCreate" => Some(CreateAction::AutoCreate),
            "custCreate" => Some(CreateAction::CustCreate),
            "ssoCreate" => Some(CreateAction::SsoCreate),
            _ => None,
        }
    }
}

/// `DELETE /users/{userId}` `action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeleteAction {
    /// Unlink the user from the account (Zoom's default; the only way for pending users).
    #[default]
    Disassociate,
    /// Delete the user permanently.
    Delete,
}

/// The `user_info` of a create request.
#[derive(Debug, Clone, PartialEq)]
pub struct NewUser {
    /// Required, unique.
    pub email: String,
    /// Licence type.
    pub license: LicenseType,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Defaults to "first last".
    pub display_name: Option<String>,
}

/// The fields of a `PATCH /users/{userId}` body that the simulator keeps.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserPatch {
    /// New given name.
    pub first_name: Option<String>,
    /// New family name.
    pub last_name: Option<String>,
    /// New display name.
    pub display_name: Option<String>,
    /// New department.
    pub dept: Option<String>,
    /// New time zone.
    pub timezone: Option<String>,
    /// New UI language.
    pub language: Option<String>,
    /// New licence type.
    pub license: Option<LicenseType>,
    /// A group to put a pending user in (Zoom's `group_id`, documented for pending users
    /// only): the user joins it on accepting the invitation.
    pub group_id: Option<String>,
}

impl Tenant {
    /// Creates a user; `Create` invites (pending), the other actions create active users.
    pub fn create_user(
        &mut self,
        action: CreateAction,
        new: NewUser,
    ) -> Result<&User, TenantError> {
        let email_key = new.email.to_ascii_lowercase();
        if self.emails.contains_key(&email_key) {
            return Err(TenantError::EmailInUse(new.email));
        }
        if new.license == LicenseType::None && action != CreateAction::SsoCreate {
            return Err(TenantError::Invalid(
                "User type 99 (None) can only be used with ssoCreate.".into(),
            ));
        }
        let status = match action {
            CreateAction::Create => UserStatus::Pending,
            _ => UserStatus::Active,
        };
        let id = self.fresh_user_id();
        let pmi = match status {
            UserStatus::Pending => 0,
            _ => self.id_rng.random_range(1_000_000_000..10_000_000_000u64),
        };
        let display_name = new.display_name.unwrap_or_else(|| {
            format!("{} {}", new.first_name, new.last_name)
                .trim()
                .to_owned()
        });
        let member_role = self.role_name(MEMBER_ROLE_ID);
        self.insert_user(User {
            id: id.clone(),
            email: new.email,
            first_name: new.first_name,
            last_name: new.last_name,
            display_name,
            status,
            license: new.license,
            role_id: MEMBER_ROLE_ID.to_owned(),
            role_name: member_role,
            group_ids: BTreeSet::new(),
            dept: String::new(),
            employee_unique_id: None,
            user_created_at: zoom_now(),
            last_login_time: None,
            last_client_version: None,
            timezone: String::new(),
            verified: u8::from(status != UserStatus::Pending),
            pmi,
            language: "en-US".into(),
            cached_row: RowCache::default(),
        });
        Ok(&self.users[&id])
    }

    /// Removes a user from the account, with every membership it had.
    pub fn delete_user(
        &mut self,
        id_or_email: &str,
        _action: DeleteAction,
    ) -> Result<User, TenantError> {
        let id = self.existing_user_id(id_or_email)?;
        if self.users[&id].role_id == OWNER_ROLE_ID {
            return Err(TenantError::OwnerProtected);
        }
        let user = self
            .users
            .remove(&id)
            .expect("existing_user_id returned a stored id");
        self.emails.remove(&user.email.to_ascii_lowercase());
        if let Some(ids) = self.by_status.get_mut(&user.status) {
            ids.remove(&id);
        }
        if let Some(role) = self.roles.get_mut(&user.role_id) {
            role.member_ids.remove(&id);
        }
        for group in self.groups.values_mut() {
            group.member_ids.remove(&id);
            group.admin_ids.remove(&id);
        }
        for group in self.contact_groups.values_mut() {
            group.members.remove(&(ContactMemberType::User, id.clone()));
        }
        Ok(user)
    }

    /// Activates or deactivates a user. Deactivation removes the licence (type becomes Basic).
    pub fn set_user_active(&mut self, id_or_email: &str, active: bool) -> Result<(), TenantError> {
        let id = self.existing_user_id(id_or_email)?;
        let user = &self.users[&id];
        if user.status == UserStatus::Pending {
            return Err(TenantError::Invalid(
                "The user has not accepted the invitation yet.".into(),
            ));
        }
        if user.role_id == OWNER_ROLE_ID {
            return Err(TenantError::OwnerProtected);
        }
        let status = if active {
            UserStatus::Active
        } else {
            UserStatus::Inactive
        };
        self.move_status(&id, status);
        let user = self
            .users
            .get_mut(&id)
            .expect("existing_user_id returned a stored id");
        if !active {
            user.license = LicenseType::Basic;
        }
        user.touch();
        Ok(())
    }

    /// Applies a profile or licence change, or puts a pending user in a group.
    pub fn update_user(&mut self, id_or_email: &str, patch: UserPatch) -> Result<(), TenantError> {
        let id = self.existing_user_id(id_or_email)?;
        if let Some(group_id) = &patch.group_id {
            self.group_or_err(group_id)?;
            // Zoom documents `group_id` for pending users alone; what it does for others is
            // not documented, so the simulator refuses it rather than guess.
            if self.users[&id].status != UserStatus::Pending {
                return Err(TenantError::Invalid(
                    "group_id can only be set for a pending user; add members with the group's member API."
                        .into(),
                ));
            }
        }
        let user = self
            .users
            .get_mut(&id)
            .expect("existing_user_id returned a stored id");
        // A pending user's groups wait on the user: the group counts them as members only
        // once the invitation is accepted.
        if let Some(group_id) = patch.group_id {
            user.group_ids.insert(group_id);
        }
        let fields = [
            (patch.first_name, &mut user.first_name),
            (patch.last_name, &mut user.last_name),
            (patch.display_name, &mut user.display_name),
            (patch.dept, &mut user.dept),
            (patch.timezone, &mut user.timezone),
            (patch.language, &mut user.language),
        ];
        for (value, field) in fields {
            if let Some(value) = value {
                *field = value;
            }
        }
        if let Some(license) = patch.license {
            user.license = license;
        }
        user.touch();
        Ok(())
    }

    // ---- primitives shared with the generator; each keeps both sides of a relation in step ----

    /// Stores a new user and indexes it by email, status and role.
    pub(crate) fn insert_user(&mut self, user: User) {
        self.emails
            .insert(user.email.to_ascii_lowercase(), user.id.clone());
        self.by_status
            .entry(user.status)
            .or_default()
            .insert(user.id.clone());
        if user.status != UserStatus::Pending
            && let Some(role) = self.roles.get_mut(&user.role_id)
        {
            role.member_ids.insert(user.id.clone());
        }
        for group_id in &user.group_ids {
            if let Some(group) = self.groups.get_mut(group_id) {
                group.member_ids.insert(user.id.clone());
            }
        }
        self.users.insert(user.id.clone(), user);
    }

    /// Adds a user to a group; false when it already was a member.
    pub(crate) fn join_group(&mut self, user_id: &str, group_id: &str) -> bool {
        let Some(group) = self.groups.get_mut(group_id) else {
            return false;
        };
        if !group.member_ids.insert(user_id.to_owned()) {
            return false;
        }
        if let Some(user) = self.users.get_mut(user_id) {
            user.group_ids.insert(group_id.to_owned());
            user.touch();
        }
        true
    }

    /// Stores a new, empty group.
    pub(crate) fn insert_group(&mut self, id: String, name: String) {
        self.groups.insert(
            id.clone(),
            Group {
                id,
                name,
                member_ids: BTreeSet::new(),
                admin_ids: BTreeSet::new(),
            },
        );
    }

    /// Stores a new role holding `privileges`, without members.
    pub(crate) fn insert_role(
        &mut self,
        id: &str,
        name: &str,
        description: &str,
        privileges: Vec<String>,
    ) {
        self.roles.insert(
            id.to_owned(),
            Role {
                id: id.to_owned(),
                name: name.to_owned(),
                description: description.to_owned(),
                role_type: "common".into(),
                privileges,
                member_ids: BTreeSet::new(),
            },
        );
    }

    /// Stores a new contact group.
    pub(crate) fn insert_contact_group(&mut self, group: ContactGroup) {
        self.contact_groups.insert(group.id.clone(), group);
    }

    /// The name of a role, or empty when it does not exist.
    pub(crate) fn role_name(&self, role_id: &str) -> String {
        self.roles
            .get(role_id)
            .map(|r| r.name.clone())
            .unwrap_or_default()
    }

    /// An id no user has yet.
    fn fresh_user_id(&mut self) -> String {
        loop {
            let id = ids::zoom_id(&mut self.id_rng);
            if !self.users.contains_key(&id) {
                return id;
            }
        }
    }

    pub(super) fn existing_user_id(&self, id_or_email: &str) -> Result<String, TenantError> {
        self.user_id(id_or_email)
            .map(str::to_owned)
            .ok_or_else(|| TenantError::UserNotFound(id_or_email.to_owned()))
    }

    fn move_status(&mut self, user_id: &str, status: UserStatus) {
        let user = self
            .users
            .get_mut(user_id)
            .expect("callers pass stored user ids");
        let previous = std::mem::replace(&mut user.status, status);
        if let Some(ids) = self.by_status.get_mut(&previous) {
            ids.remove(user_id);
        }
        self.by_status
            .entry(status)
            .or_default()
            .insert(user_id.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::{Preset, generate};
    use crate::tenant::ADMIN_ROLE_ID;

    fn tenant() -> Tenant {
        generate(&Preset::Small.spec(), 21)
    }

    #[test]
    fn the_owner_cannot_be_moved_deactivated_or_deleted() {
        let mut tenant = tenant();
        let owner = tenant
            .role(OWNER_ROLE_ID)
            .expect("owner")
            .member_ids
            .first()
            .expect("one owner")
            .clone();
        assert_eq!(
            tenant.assign_role(ADMIN_ROLE_ID, &[UserRef::Id(owner.clone())]),
            Err(TenantError::OwnerProtected)
        );
        assert_eq!(
            tenant.set_user_active(&owner, false),
            Err(TenantError::OwnerProtected)
        );
        assert_eq!(
            tenant.delete_user(&owner, DeleteAction::Delete).err(),
            Some(TenantError::OwnerProtected)
        );
    }

    #[test]
    fn deleting_a_user_clears_groups_admins_roles_and_contacts() {
        let mut tenant = tenant();
        let user = tenant
            .users()
            .find(|u| u.role_id != OWNER_ROLE_ID && !u.group_ids.is_empty())
            .expect("a grouped user")
            .clone();
        let group = user.group_ids.first().expect("a group").clone();
        tenant
            .add_group_admins(&group, &[UserRef::Email(user.email.to_uppercase())])
            .expect("made admin");
        let contact = tenant
            .contact_groups()
            .next()
            .expect("a contact group")
            .id
            .clone();
        tenant
            .add_contact_members(&contact, &[(ContactMemberType::User, user.id.clone())])
            .expect("added to contacts");
        tenant
            .delete_user(&user.email, DeleteAction::Disassociate)
            .expect("deleted");
        let truth = tenant.ground_truth();
        assert!(truth.user(&user.id).is_none());
        assert!(
            truth
                .groups
                .iter()
                .all(|g| !g.member_ids.contains(&user.id) && !g.admin_ids.contains(&user.id))
        );
        assert!(truth.roles.iter().all(|r| !r.member_ids.contains(&user.id)));
        assert!(
            truth
                .contact_groups
                .iter()
                .all(|c| c.members.iter().all(|m| m.id != user.id))
        );
        assert!(
            tenant.user(&user.email).is_none(),
            "the email is free again"
        );
    }

    #[test]
    fn emails_are_unique_regardless_of_case() {
        let mut tenant = tenant();
        let taken = tenant.users().next().expect("a user").email.to_uppercase();
        let new = NewUser {
            email: taken.clone(),
            license: LicenseType::Basic,
            first_name: String::new(),
            last_name: String::new(),
            display_name: None,
        };
        assert_eq!(
            tenant.create_user(CreateAction::Create, new).err(),
            Some(TenantError::EmailInUse(taken))
        );
    }
}
