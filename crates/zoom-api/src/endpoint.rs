//! The Zoom operations this client calls and the rate-limit category of each.
//!
//! One table maps every operation to Zoom's rate-limit label, so the budget a request draws
//! from is decided in one place and not by each endpoint function.

use std::fmt;

/// Zoom's rate-limit categories (labels on each endpoint in Zoom's reference).
///
/// Each category has its own per-second quota per account, so each gets its own budget.
/// Zoom's fourth label, Resource-intensive, belongs to no endpoint this client calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Cheap single-object reads and writes (get user, delete member ...).
    Light,
    /// Lists and bulk writes (list users, add group members ...).
    Medium,
    /// Expensive writes (contact-group membership changes).
    Heavy,
}

impl Category {
    /// All categories, in a fixed order (for budgets and stats).
    pub const ALL: [Category; 3] = [Category::Light, Category::Medium, Category::Heavy];

    /// Position in [`Category::ALL`], used to index per-category arrays.
    pub(crate) fn index(self) -> usize {
        match self {
            Category::Light => 0,
            Category::Medium => 1,
            Category::Heavy => 2,
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Category::Light => "Light",
            Category::Medium => "Medium",
            Category::Heavy => "Heavy",
        })
    }
}

/// One Zoom REST operation, named by Zoom's operationId.
///
/// Requests carry it so that logs, the budget and error decoding know what was called.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// GET /users
    Users,
    /// GET /users/{userId}
    User,
    /// POST /users
    UserCreate,
    /// DELETE /users/{userId}
    UserDelete,
    /// PATCH /users/{userId}
    UserUpdate,
    /// PUT /users/{userId}/status
    UserStatus,
    /// GET /groups
    Groups,
    /// GET /groups/{groupId}
    Group,
    /// GET /groups/{groupId}/members
    GroupMembers,
    /// POST /groups/{groupId}/members
    GroupMembersCreate,
    /// DELETE /groups/{groupId}/members/{memberId}
    GroupMembersDelete,
    /// GET /groups/{groupId}/admins
    GroupAdmins,
    /// POST /groups/{groupId}/admins
    GroupAdminsCreate,
    /// DELETE /groups/{groupId}/admins/{userId}
    GroupAdminsDelete,
    /// GET /roles
    Roles,
    /// GET /roles/{roleId}
    GetRoleInformation,
    /// GET /roles/{roleId}/members
    RoleMembers,
    /// POST /roles/{roleId}/members
    AddRoleMembers,
    /// DELETE /roles/{roleId}/members/{memberId}
    RoleMemberDelete,
    /// GET /contacts/groups
    ContactGroups,
    /// GET /contacts/groups/{groupId}/members
    ContactGroupMembers,
    /// POST /contacts/groups/{groupId}/members
    ContactGroupMemberAdd,
    /// DELETE /contacts/groups/{groupId}/members
    ContactGroupMemberRemove,
}

impl Endpoint {
    /// Zoom's rate-limit label for this operation (zoom-api.md §3).
    pub fn category(self) -> Category {
        use Endpoint::*;
        match self {
            User | UserCreate | UserDelete | UserUpdate | UserStatus | Group
            | GroupMembersDelete | GroupAdminsDelete | GetRoleInformation | RoleMemberDelete => {
                Category::Light
            }
            Users | Groups | GroupMembers | GroupMembersCreate | GroupAdmins
            | GroupAdminsCreate | Roles | RoleMembers | AddRoleMembers | ContactGroups
            | ContactGroupMembers => Category::Medium,
            ContactGroupMemberAdd | ContactGroupMemberRemove => Category::Heavy,
        }
    }

    /// Whether the operation changes the role membership of users; Zoom answers code 300
    /// there when the role is one whose members cannot be changed directly (Owner, Member).
    pub(crate) fn changes_role_members(self) -> bool {
        matches!(self, Endpoint::AddRoleMembers | Endpoint::RoleMemberDelete)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_follows_zoom_labels() {
        assert_eq!(Endpoint::Users.category(), Category::Medium);
        assert_eq!(Endpoint::User.category(), Category::Light);
        assert_eq!(Endpoint::GroupMembersCreate.category(), Category::Medium);
        assert_eq!(Endpoint::GroupMembersDelete.category(), Category::Light);
        assert_eq!(Endpoint::Roles.category(), Category::Medium);
        assert_eq!(Endpoint::ContactGroupMemberAdd.category(), Category::Heavy);
    }

    #[test]
    fn category_index_matches_all_order() {
        for (i, c) in Category::ALL.iter().enumerate() {
            assert_eq!(c.index(), i);
        }
    }
}
