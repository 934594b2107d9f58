//! Which OAuth scopes each operation accepts, so a caller can check the app's granted scopes
//! (from [`crate::Client::granted_scopes`]) before a long sync instead of failing midway.
//!
//! Zoom accepts any one of an operation's scopes: the granular one (first in each list, the
//! one to recommend) or a classic one. Lists come from Zoom's Users OpenAPI spec `security`
//! entries; roles from Zoom's granular-scope reference; contact groups list only classic
//! scopes in the spec, and the granular names in use for them are accepted too (uncertain
//! whether Zoom honours them for `/contacts/groups`).

use crate::endpoint::Endpoint;

impl Endpoint {
    /// The scopes any one of which allows this operation; the first is the granular scope
    /// to ask for.
    pub fn accepted_scopes(self) -> &'static [&'static str] {
        use Endpoint::*;
        match self {
            Users => &[
                "user:read:list_users:admin",
                "user:read:admin",
                "user:write:admin",
                "user:read",
                "user:write",
            ],
            User => &[
                "user:read:user:admin",
                "user:read:user",
                "user:read:admin",
                "user:write:admin",
                "user:read",
                "user:write",
            ],
            UserCreate => &["user:write:user:admin", "user:write:admin", "user:write"],
            UserDelete => &[
                "user:delete:user:admin",
                "user:delete:user",
                "user:write:admin",
                "user:write",
            ],
            UserUpdate => &[
                "user:update:user:admin",
                "user:update:user",
                "user:write:admin",
                "user:write",
            ],
            UserStatus => &[
                "user:update:status:admin",
                "user:update:status",
                "user:write:admin",
                "user:write",
            ],
            Groups => &[
                "group:read:list_groups:admin",
                "group:read:admin",
                "group:write:admin",
            ],
            Group => &[
                "group:read:group:admin",
                "group:read:admin",
                "group:write:admin",
            ],
            GroupMembers => &[
                "group:read:list_members:admin",
                "group:read:admin",
                "group:write:admin",
            ],
            GroupMembersCreate => &["group:write:member:admin", "group:write:admin"],
            GroupMembersDelete => &["group:delete:member:admin", "group:write:admin"],
            GroupAdmins => &[
                "group:read:administrator:admin",
                "group:read:admin",
                "group:write:admin",
            ],
            GroupAdminsCreate => &["group:write:administrator:admin", "group:write:admin"],
            GroupAdminsDelete => &["group:delete:administrator:admin", "group:write:admin"],
            Roles => &[
                "role:read:list_roles:admin",
                "role:read:list_roles",
                "role:read:admin",
                "role:write:admin",
            ],
            GetRoleInformation => &[
                "role:read:role:admin",
                "role:read:role",
                "role:read:admin",
                "role:write:admin",
            ],
            RoleMembers => &[
                "role:read:list_members:admin",
                "role:read:list_members",
                "role:read:admin",
                "role:write:admin",
            ],
            AddRoleMembers => &[
                "role:write:member:admin",
                "role:write:member",
                "role:write:admin",
            ],
            RoleMemberDelete => &[
                "role:delete:member:admin",
                "role:delete:member",
                "role:write:admin",
            ],
            ContactGroups => &[
                "contact_group:read:list_groups:admin",
                "contact_group:read:admin",
                "contact_group:write:admin",
            ],
            ContactGroupMembers => &[
                "contact_group:read:list_members:admin",
                "contact_group:read:admin",
                "contact_group:write:admin",
            ],
            ContactGroupMemberAdd => &[
                "contact_group:write:member:admin",
                "contact_group:write:admin",
            ],
            ContactGroupMemberRemove => &[
                "contact_group:delete:member:admin",
                "contact_group:write:admin",
            ],
        }
    }
}

/// The operations among `needed` that none of the `granted` scopes allows, each with the
/// granular scope to add, in the order given. Empty when the app can do everything needed.
pub fn missing_scopes(granted: &[String], needed: &[Endpoint]) -> Vec<(Endpoint, &'static str)> {
    needed
        .iter()
        .filter(|e| {
            !e.accepted_scopes()
                .iter()
                .any(|s| granted.iter().any(|g| g == s))
        })
        .map(|e| (*e, e.accepted_scopes()[0]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn granted(scopes: &[&str]) -> Vec<String> {
        scopes.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn granular_or_classic_scope_is_enough() {
        let needed = [Endpoint::Users, Endpoint::GroupAdmins];
        assert!(
            missing_scopes(
                &granted(&["user:read:list_users:admin", "group:read:admin"]),
                &needed
            )
            .is_empty()
        );
        assert!(
            missing_scopes(&granted(&["user:read:admin", "group:write:admin"]), &needed).is_empty()
        );
    }

    #[test]
    fn missing_operations_name_their_granular_scope() {
        let needed = [
            Endpoint::Users,
            Endpoint::Roles,
            Endpoint::ContactGroupMembers,
        ];
        assert_eq!(
            missing_scopes(&granted(&["user:read:list_users:admin"]), &needed),
            vec![
                (Endpoint::Roles, "role:read:list_roles:admin"),
                (
                    Endpoint::ContactGroupMembers,
                    "contact_group:read:list_members:admin"
                ),
            ]
        );
    }
}
