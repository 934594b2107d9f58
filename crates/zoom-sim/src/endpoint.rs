//! The Zoom operations the simulator serves, each with its path, rate-limit category, scopes
//! and whether it writes. One table drives routing, the scope check, the rate limiter and the
//! counters, so the four cannot disagree about an endpoint.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Zoom's rate-limit categories (the "Light", "Medium", … labels of each endpoint).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Category {
    /// Cheap reads and single-object writes.
    Light,
    /// List endpoints and batch writes.
    Medium,
    /// Expensive endpoints (contact-group writes among ours).
    Heavy,
    /// Reports and exports, limited per minute.
    #[serde(rename = "Resource-intensive")]
    ResourceIntensive,
}

impl Category {
    /// All categories, in index order.
    pub const ALL: [Category; 4] = [
        Category::Light,
        Category::Medium,
        Category::Heavy,
        Category::ResourceIntensive,
    ];

    /// The label Zoom puts in `X-RateLimit-Category`.
    pub fn label(self) -> &'static str {
        match self {
            Category::Light => "Light",
            Category::Medium => "Medium",
            Category::Heavy => "Heavy",
            Category::ResourceIntensive => "Resource-intensive",
        }
    }

    /// Parses a label (case-insensitive; `resource_intensive` is accepted too).
    pub fn parse(value: &str) -> Option<Self> {
        match value.to_ascii_lowercase().as_str() {
            "light" => Some(Category::Light),
            "medium" => Some(Category::Medium),
            "heavy" => Some(Category::Heavy),
            "resource-intensive" | "resource_intensive" => Some(Category::ResourceIntensive),
            _ => None,
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// HTTP methods of the served operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Reads.
    Get,
    /// Creates and batch adds.
    Post,
    /// Partial updates.
    Patch,
    /// Status changes.
    Put,
    /// Removals.
    Delete,
}

/// An operation, named after Zoom's `operationId`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Endpoint {
    /// `GET /v2/users`
    Users,
    /// `GET /v2/users/{user_id}`
    User,
    /// `POST /v2/users`
    UserCreate,
    /// `DELETE /v2/users/{user_id}`
    UserDelete,
    /// `PATCH /v2/users/{user_id}`
    UserUpdate,
    /// `PUT /v2/users/{user_id}/status`
    UserStatus,
    /// `GET /v2/groups`
    Groups,
    /// `GET /v2/groups/{group_id}`
    Group,
    /// `GET /v2/groups/{group_id}/members`
    GroupMembers,
    /// `POST /v2/groups/{group_id}/members`
    GroupMembersCreate,
    /// `DELETE /v2/groups/{group_id}/members/{member_id}`
    GroupMembersDelete,
    /// `GET /v2/groups/{group_id}/admins`
    GroupAdmins,
    /// `POST /v2/groups/{group_id}/admins`
    GroupAdminsCreate,
    /// `DELETE /v2/groups/{group_id}/admins/{user_id}`
    GroupAdminsDelete,
    /// `GET /v2/roles`
    Roles,
    /// `GET /v2/roles/{role_id}`
    GetRoleInformation,
    /// `GET /v2/roles/{role_id}/members`
    RoleMembers,
    /// `POST /v2/roles/{role_id}/members`
    AddRoleMembers,
    /// `DELETE /v2/roles/{role_id}/members/{member_id}`
    RoleMemberDelete,
    /// `GET /v2/contacts/groups`
    ContactGroups,
    /// `GET /v2/contacts/groups/{group_id}/members`
    ContactGroupMembers,
    /// `POST /v2/contacts/groups/{group_id}/members`
    ContactGroupMemberAdd,
    /// `DELETE /v2/contacts/groups/{group_id}/members`
    ContactGroupMemberRemove,
    /// `POST /oauth/token`
    OauthToken,
}

/// What the table knows of one operation.
#[derive(Debug)]
pub struct EndpointInfo {
    /// Zoom's `operationId`, the key of the counters.
    pub operation_id: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Route path in axum syntax, without the `/v2` prefix.
    pub path: &'static str,
    /// Rate-limit category; `None` for the OAuth endpoint.
    pub category: Option<Category>,
    /// Whether the operation changes the account.
    pub write: bool,
    /// Scopes of which a token needs any one (classic and granular, as Zoom lists them).
    pub accepted_scopes: &'static [&'static str],
    /// The granular scope named in Zoom's missing-scope error.
    pub granular_scope: &'static str,
}

macro_rules! info {
    ($op:literal, $method:ident, $path:literal, $cat:ident, $write:literal, $granular:literal, [$($scope:literal),*]) => {
        EndpointInfo {
            operation_id: $op,
            method: Method::$method,
            path: $path,
            category: Some(Category::$cat),
            write: $write,
            accepted_scopes: &[$($scope,)* $granular],
            granular_scope: $granular,
        }
    };
}

pub(crate) static TABLE: [EndpointInfo; 24] = [
    info!(
        "users",
        Get,
        "/users",
        Medium,
        false,
        "user:read:list_users:admin",
        [
            "user:read",
            "user:write",
            "user:read:admin",
            "user:write:admin"
        ]
    ),
    info!(
        "user",
        Get,
        "/users/{user_id}",
        Light,
        false,
        "user:read:user:admin",
        [
            "user:read",
            "user:write",
            "user:read:admin",
            "user:write:admin",
            "user_profile",
            "user_info:read",
            "user:read:user"
        ]
    ),
    info!(
        "userCreate",
        Post,
        "/users",
        Light,
        true,
        "user:write:user:admin",
        ["user:write", "user:write:admin"]
    ),
    info!(
        "userDelete",
        Delete,
        "/users/{user_id}",
        Light,
        true,
        "user:delete:user:admin",
        ["user:write", "user:write:admin", "user:delete:user"]
    ),
    info!(
        "userUpdate",
        Patch,
        "/users/{user_id}",
        Light,
        true,
        "user:update:user:admin",
        ["user:write", "user:write:admin", "user:update:user"]
    ),
    info!(
        "userStatus",
        Put,
        "/users/{user_id}/status",
        Light,
        true,
        "user:update:status:admin",
        ["user:write", "user:write:admin", "user:update:status"]
    ),
    info!(
        "groups",
        Get,
        "/groups",
        Medium,
        false,
        "group:read:list_groups:admin",
        ["group:read:admin", "group:write:admin"]
    ),
    info!(
        "group",
        Get,
        "/groups/{group_id}",
        Light,
        false,
        "group:read:group:admin",
        ["group:read:admin", "group:write:admin"]
    ),
    info!(
        "groupMembers",
        Get,
        "/groups/{group_id}/members",
        Medium,
        false,
        "group:read:list_members:admin",
        ["group:read:admin", "group:write:admin"]
    ),
    info!(
        "groupMembersCreate",
        Post,
        "/groups/{group_id}/members",
        Medium,
        true,
        "group:write:member:admin",
        ["group:write:admin"]
    ),
    info!(
        "groupMembersDelete",
        Delete,
        "/groups/{group_id}/members/{member_id}",
        Light,
        true,
        "group:delete:member:admin",
        ["group:write:admin"]
    ),
    info!(
        "groupAdmins",
        Get,
        "/groups/{group_id}/admins",
        Medium,
        false,
        "group:read:administrator:admin",
        ["group:read:admin", "group:write:admin"]
    ),
    info!(
        "groupAdminsCreate",
        Post,
        "/groups/{group_id}/admins",
        Medium,
        true,
        "group:write:administrator:admin",
        ["group:write:admin"]
    ),
    info!(
        "groupAdminsDelete",
        Delete,
        "/groups/{group_id}/admins/{user_id}",
        Light,
        true,
        "group:delete:administrator:admin",
        ["group:write:admin"]
    ),
    info!(
        "roles",
        Get,
        "/roles",
        Medium,
        false,
        "role:read:list_roles:admin",
        [
            "role:read:admin",
            "role:write:admin",
            "role:read:list_roles"
        ]
    ),
    info!(
        "getRoleInformation",
        Get,
        "/roles/{role_id}",
        Light,
        false,
        "role:read:role:admin",
        ["role:read:admin", "role:write:admin", "role:read:role"]
    ),
    info!(
        "roleMembers",
        Get,
        "/roles/{role_id}/members",
        Medium,
        false,
        "role:read:list_members:admin",
        [
            "role:read:admin",
            "role:write:admin",
            "role:read:list_members"
        ]
    ),
    info!(
        "AddRoleMembers",
        Post,
        "/roles/{role_id}/members",
        Medium,
        true,
        "role:write:member:admin",
        ["role:write:admin", "role:write:member"]
    ),
    info!(
        "roleMemberDelete",
        Delete,
        "/roles/{role_id}/members/{member_id}",
        Light,
        true,
        "role:delete:member:admin",
        ["role:write:admin", "role:delete:member"]
    ),
    // Zoom's spec lists only the classic contact_group scopes here; the granular names are
    // the ones apps are seen to hold in the field, accepted as well (uncertain on real Zoom).
    info!(
        "contactGroups",
        Get,
        "/contacts/groups",
        Medium,
        false,
        "contact_group:read:list_groups:admin",
        ["contact_group:read:admin", "contact_group:write:admin"]
    ),
    info!(
        "contactGroupMembers",
        Get,
        "/contacts/groups/{group_id}/members",
        Medium,
        false,
        "contact_group:read:list_members:admin",
        ["contact_group:read:admin", "contact_group:write:admin"]
    ),
    info!(
        "contactGroupMemberAdd",
        Post,
        "/contacts/groups/{group_id}/members",
        Heavy,
        true,
        "contact_group:write:member:admin",
        ["contact_group:write:admin"]
    ),
    info!(
        "contactGroupMemberRemove",
        Delete,
        "/contacts/groups/{group_id}/members",
        Heavy,
        true,
        "contact_group:delete:member:admin",
        ["contact_group:write:admin"]
    ),
    EndpointInfo {
        operation_id: "oauthToken",
        method: Method::Post,
        path: "/oauth/token",
        category: None,
        write: false,
        accepted_scopes: &[],
        granular_scope: "",
    },
];

impl Endpoint {
    /// Every operation, in table order.
    pub const ALL: [Endpoint; 24] = [
        Endpoint::Users,
        Endpoint::User,
        Endpoint::UserCreate,
        Endpoint::UserDelete,
        Endpoint::UserUpdate,
        Endpoint::UserStatus,
        Endpoint::Groups,
        Endpoint::Group,
        Endpoint::GroupMembers,
        Endpoint::GroupMembersCreate,
        Endpoint::GroupMembersDelete,
        Endpoint::GroupAdmins,
        Endpoint::GroupAdminsCreate,
        Endpoint::GroupAdminsDelete,
        Endpoint::Roles,
        Endpoint::GetRoleInformation,
        Endpoint::RoleMembers,
        Endpoint::AddRoleMembers,
        Endpoint::RoleMemberDelete,
        Endpoint::ContactGroups,
        Endpoint::ContactGroupMembers,
        Endpoint::ContactGroupMemberAdd,
        Endpoint::ContactGroupMemberRemove,
        Endpoint::OauthToken,
    ];

    /// This operation's row of the table.
    pub fn info(self) -> &'static EndpointInfo {
        &TABLE[self.index()]
    }

    /// Zoom's `operationId`.
    pub fn operation_id(self) -> &'static str {
        self.info().operation_id
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_follow_the_enum_order() {
        let by_operation_id = |id: &str| Endpoint::ALL.into_iter().find(|e| e.operation_id() == id);
        for endpoint in Endpoint::ALL {
            assert_eq!(by_operation_id(endpoint.operation_id()), Some(endpoint));
        }
    }
}
