//! Membership changes: group members and admins, role assignments, contact-group members.
//! A user holds exactly one role, Owner and Member take no direct changes, the owner keeps
//! its role, and a contact group is never emptied. A batch naming one unknown user is refused
//! whole.

use super::model::{
    ContactMember, ContactMemberType, Group, MEMBER_ROLE_ID, OWNER_ROLE_ID, Role, User, UserStatus,
};
use super::ops::UserRef;
use super::{Tenant, TenantError};

impl Tenant {
    /// Adds users to a group; returns the ids that were not members before.
    pub fn add_group_members(
        &mut self,
        group_id: &str,
        refs: &[UserRef],
    ) -> Result<Vec<String>, TenantError> {
        let ids = self.group_batch(group_id, refs)?;
        Ok(ids
            .into_iter()
            .filter(|id| self.join_group(id, group_id))
            .collect())
    }

    /// Removes a user from a group (Zoom 4131 when they are not a member).
    pub fn remove_group_member(&mut self, group_id: &str, user: &str) -> Result<(), TenantError> {
        let id = self.group_user(group_id, user, || TenantError::NotGroupMember)?;
        if !self.group_mut(group_id).member_ids.remove(&id) {
            return Err(TenantError::NotGroupMember);
        }
        let user = self
            .users
            .get_mut(&id)
            .expect("group members are stored users");
        user.group_ids.remove(group_id);
        user.touch();
        Ok(())
    }

    /// Makes users admins of a group; returns the ids that were not admins before.
    pub fn add_group_admins(
        &mut self,
        group_id: &str,
        refs: &[UserRef],
    ) -> Result<Vec<String>, TenantError> {
        let ids = self.group_batch(group_id, refs)?;
        let group = self.group_mut(group_id);
        Ok(ids
            .into_iter()
            .filter(|id| group.admin_ids.insert(id.clone()))
            .collect())
    }

    /// Removes a group admin (Zoom 4138 when the user is not one).
    pub fn remove_group_admin(&mut self, group_id: &str, user: &str) -> Result<(), TenantError> {
        let not_admin = || TenantError::NotGroupAdmin(group_id.to_owned());
        let id = self.group_user(group_id, user, not_admin)?;
        if self.group_mut(group_id).admin_ids.remove(&id) {
            Ok(())
        } else {
            Err(not_admin())
        }
    }

    /// The users of a batch change to group `group_id`: an unknown group is refused before
    /// any of the batch's users is looked at, as Zoom answers.
    fn group_batch(&self, group_id: &str, refs: &[UserRef]) -> Result<Vec<String>, TenantError> {
        self.group_or_err(group_id)?;
        self.resolve_listed_users(refs)
    }

    /// The stored id of `user` (id or email) for a removal from group `group_id`: an unknown
    /// group is refused first, an unknown user with `missing`.
    fn group_user(
        &self,
        group_id: &str,
        user: &str,
        missing: impl FnOnce() -> TenantError,
    ) -> Result<String, TenantError> {
        self.group_or_err(group_id)?;
        self.user_id(user).map(str::to_owned).ok_or_else(missing)
    }

    /// A group that [`group_batch`](Self::group_batch) or
    /// [`group_user`](Self::group_user) has found, to change.
    fn group_mut(&mut self, group_id: &str) -> &mut Group {
        self.groups
            .get_mut(group_id)
            .expect("callers checked the group with group_or_err")
    }

    /// Gives users a role (replacing the one they held); returns the ids that changed role.
    pub fn assign_role(
        &mut self,
        role_id: &str,
        refs: &[UserRef],
    ) -> Result<Vec<String>, TenantError> {
        self.changeable_role(role_id)?;
        let ids = self.resolve_listed_users(refs)?;
        if ids.iter().any(|id| self.users[id].role_id == OWNER_ROLE_ID) {
            return Err(TenantError::OwnerProtected);
        }
        let changed: Vec<String> = ids
            .into_iter()
            .filter(|id| self.users[id].role_id != role_id)
            .collect();
        for id in &changed {
            self.set_role(id, role_id);
        }
        Ok(changed)
    }

    /// Takes a role from a user, who falls back to Member.
    pub fn unassign_role(&mut self, role_id: &str, user: &str) -> Result<(), TenantError> {
        self.changeable_role(role_id)?;
        let id = self.existing_user_id(user)?;
        if self.users[&id].role_id != role_id {
            return Err(TenantError::NotRoleMember(user.to_owned()));
        }
        self.set_role(&id, MEMBER_ROLE_ID);
        Ok(())
    }

    /// Adds users and groups to a contact group; returns the ids that were not members before.
    pub fn add_contact_members(
        &mut self,
        group_id: &str,
        members: &[(ContactMemberType, String)],
    ) -> Result<Vec<String>, TenantError> {
        if !self.contact_groups.contains_key(group_id) {
            return Err(TenantError::ContactGroupNotFound(group_id.to_owned()));
        }
        let mut resolved = Vec::with_capacity(members.len());
        for (kind, id) in members {
            let (id, name) = match kind {
                ContactMemberType::User => {
                    let user = self.listed_user(id)?;
                    (user.id.clone(), user.display_name.clone())
                }
                ContactMemberType::Group => {
                    let group = self.group_or_err(id)?;
                    (group.id.clone(), group.name.clone())
                }
            };
            resolved.push(ContactMember {
                member_type: *kind,
                id,
                name,
            });
        }
        let group = self
            .contact_groups
            .get_mut(group_id)
            .expect("checked above");
        let mut added = Vec::new();
        for member in resolved {
            let key = (member.member_type, member.id.clone());
            if let std::collections::btree_map::Entry::Vacant(slot) = group.members.entry(key) {
                added.push(member.id.clone());
                slot.insert(member);
            }
        }
        Ok(added)
    }

    /// Removes members (users or groups, by id) from a contact group; a group may not be emptied.
    pub fn remove_contact_members(
        &mut self,
        group_id: &str,
        ids: &[String],
    ) -> Result<(), TenantError> {
        let group = self
            .contact_groups
            .get_mut(group_id)
            .ok_or_else(|| TenantError::ContactGroupNotFound(group_id.to_owned()))?;
        let remaining = group
            .members
            .keys()
            .filter(|(_, id)| !ids.contains(id))
            .count();
        if remaining == 0 {
            return Err(TenantError::LastContactMember);
        }
        group.members.retain(|(_, id), _| !ids.contains(id));
        Ok(())
    }

    /// A user that has an id in listings (active or inactive), by id or email.
    fn listed_user(&self, key: &str) -> Result<&User, TenantError> {
        self.user(key)
            .filter(|u| u.status != UserStatus::Pending)
            .ok_or_else(|| TenantError::UserNotFound(key.to_owned()))
    }

    /// Resolves every reference of a batch, refusing the whole batch on the first unknown one.
    fn resolve_listed_users(&self, refs: &[UserRef]) -> Result<Vec<String>, TenantError> {
        let mut ids: Vec<String> = Vec::with_capacity(refs.len());
        for r in refs {
            let id = self.listed_user(r.key())?.id.clone();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    fn changeable_role(&self, role_id: &str) -> Result<&Role, TenantError> {
        let role = self.role_or_err(role_id)?;
        if role_id == OWNER_ROLE_ID || role_id == MEMBER_ROLE_ID {
            return Err(TenantError::FixedRole);
        }
        Ok(role)
    }

    fn set_role(&mut self, user_id: &str, role_id: &str) {
        let role_name = self.role_name(role_id);
        let user = self
            .users
            .get_mut(user_id)
            .expect("callers pass stored user ids");
        let previous = std::mem::replace(&mut user.role_id, role_id.to_owned());
        user.role_name = role_name;
        user.touch();
        if let Some(role) = self.roles.get_mut(&previous) {
            role.member_ids.remove(user_id);
        }
        if let Some(role) = self.roles.get_mut(role_id) {
            role.member_ids.insert(user_id.to_owned());
        }
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

    fn plain_member(tenant: &Tenant) -> String {
        tenant
            .users()
            .find(|u| u.role_id == MEMBER_ROLE_ID && u.status == UserStatus::Active)
            .expect("a Member")
            .id
            .clone()
    }

    #[test]
    fn a_refused_batch_changes_nothing() {
        let mut tenant = tenant();
        let group = tenant.groups().next().expect("a group").id.clone();
        let before = tenant.ground_truth();
        let refs = [
            UserRef::Id(plain_member(&tenant)),
            UserRef::Id("ghost".into()),
        ];
        assert_eq!(
            tenant.add_group_members(&group, &refs),
            Err(TenantError::UserNotFound("ghost".into()))
        );
        assert_eq!(tenant.ground_truth(), before);
    }

    #[test]
    fn group_membership_is_kept_on_both_sides() {
        let mut tenant = tenant();
        let user = plain_member(&tenant);
        let group = tenant
            .groups()
            .find(|g| !g.member_ids.contains(&user))
            .expect("a group without the user")
            .id
            .clone();
        assert_eq!(
            tenant.add_group_members(&group, &[UserRef::Id(user.clone())]),
            Ok(vec![user.clone()])
        );
        assert_eq!(
            tenant.add_group_members(&group, &[UserRef::Id(user.clone())]),
            Ok(vec![])
        );
        assert!(tenant.user(&user).expect("user").group_ids.contains(&group));
        tenant.remove_group_member(&group, &user).expect("a member");
        assert!(!tenant.user(&user).expect("user").group_ids.contains(&group));
        assert_eq!(
            tenant.remove_group_member(&group, &user),
            Err(TenantError::NotGroupMember)
        );
    }

    #[test]
    fn a_user_holds_one_role_and_falls_back_to_member() {
        let mut tenant = tenant();
        let user = plain_member(&tenant);
        assert_eq!(
            tenant.assign_role(ADMIN_ROLE_ID, &[UserRef::Id(user.clone())]),
            Ok(vec![user.clone()])
        );
        assert!(
            !tenant
                .role(MEMBER_ROLE_ID)
                .expect("member")
                .member_ids
                .contains(&user)
        );
        assert_eq!(tenant.user(&user).expect("user").role_name, "Admin");
        tenant
            .unassign_role(ADMIN_ROLE_ID, &user)
            .expect("an admin");
        assert_eq!(tenant.user(&user).expect("user").role_id, MEMBER_ROLE_ID);
        assert_eq!(
            tenant.unassign_role(ADMIN_ROLE_ID, &user),
            Err(TenantError::NotRoleMember(user.clone()))
        );
        assert_eq!(
            tenant.assign_role(OWNER_ROLE_ID, &[UserRef::Id(user)]),
            Err(TenantError::FixedRole)
        );
    }
}
