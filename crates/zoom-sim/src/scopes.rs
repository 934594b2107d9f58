//! OAuth scopes: which ones the simulator's ready-made apps hold (and the named sets a test or
//! `zoom-sim serve --scopes` picks from), and whether a token may call an operation. Zoom accepts any one of an operation's listed scopes (classic such as
//! `user:read:admin`, or granular such as `user:read:list_users:admin`) and otherwise answers
//! 400 with code 4711, naming the granular scope.

use std::collections::BTreeSet;

use crate::endpoint::{Endpoint, TABLE};

/// The scopes granted to one app, as its tokens carry them.
pub type ScopeSet = BTreeSet<String>;

/// The granular scope to name in the 4711 error when `scopes` grant none of the operation's
/// accepted scopes.
pub fn missing_scope(endpoint: Endpoint, scopes: &ScopeSet) -> Option<&'static str> {
    let info = endpoint.info();
    let granted = info.accepted_scopes.iter().any(|s| scopes.contains(*s));
    (!granted && !info.accepted_scopes.is_empty()).then_some(info.granular_scope)
}

/// Every scope a read-only admin app holds: the classic read scopes and the granular read
/// scopes of the served operations.
pub fn read_scopes() -> Vec<&'static str> {
    let mut scopes: Vec<&str> = vec![
        "user:read:admin",
        "group:read:admin",
        "role:read:admin",
        "contact_group:read:admin",
    ];
    scopes.extend(
        TABLE
            .iter()
            .filter(|e| !e.write && e.category.is_some())
            .map(|e| e.granular_scope),
    );
    scopes
}

/// Every scope a full admin app holds: the classic read and write scopes and every granular
/// scope of the served operations.
pub fn all_scopes() -> Vec<&'static str> {
    let mut scopes = read_scopes();
    scopes.extend([
        "user:write:admin",
        "group:write:admin",
        "role:write:admin",
        "contact_group:write:admin",
    ]);
    scopes.extend(TABLE.iter().filter(|e| e.write).map(|e| e.granular_scope));
    scopes
}

/// The 15 scopes ConductorOne's setup guide for its Zoom connector tells admins to give the
/// app, and no others (no contact-group member listing, no role details, no user status or
/// delete changes).
pub fn conductorone_scopes() -> Vec<&'static str> {
    vec![
        "contact_group:read:list_groups:admin",
        "group:read:list_groups:admin",
        "group:read:list_members:admin",
        "group:read:administrator:admin",
        "role:read:list_roles:admin",
        "role:read:list_members:admin",
        "user:read:user:admin",
        "user:read:list_users:admin",
        "role:write:member:admin",
        "role:delete:member:admin",
        "group:write:member:admin",
        "group:delete:member:admin",
        "user:write:user:admin",
        "group:write:administrator:admin",
        "group:delete:administrator:admin",
    ]
}

/// The scopes a `--scopes` value names: `all`, `read`, `conductorone`, or a comma-separated
/// list of scopes taken as they are.
pub fn scope_set(spec: &str) -> Vec<String> {
    let named = match spec.trim().to_ascii_lowercase().as_str() {
        "all" => Some(all_scopes()),
        "read" => Some(read_scopes()),
        "conductorone" => Some(conductorone_scopes()),
        _ => None,
    };
    match named {
        Some(scopes) => scopes.into_iter().map(str::to_owned).collect(),
        None => spec
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_scopes_grant_no_write_operation() {
        let read = read_scopes();
        for endpoint in Endpoint::ALL.iter().filter(|e| e.info().write) {
            assert!(
                endpoint
                    .info()
                    .accepted_scopes
                    .iter()
                    .all(|s| !read.contains(s)),
                "{endpoint:?} accepts a read scope"
            );
        }
        let all = all_scopes();
        for endpoint in Endpoint::ALL.iter().filter(|e| e.info().category.is_some()) {
            assert!(
                endpoint
                    .info()
                    .accepted_scopes
                    .iter()
                    .any(|s| all.contains(s))
            );
        }
    }

    #[test]
    fn the_conductorone_set_lists_contact_groups_but_not_their_members() {
        let set: ScopeSet = scope_set("conductorone").into_iter().collect();
        assert_eq!(set.len(), 15);
        assert_eq!(missing_scope(Endpoint::ContactGroups, &set), None);
        assert_eq!(missing_scope(Endpoint::Users, &set), None);
        assert_eq!(
            missing_scope(Endpoint::ContactGroupMembers, &set),
            Some("contact_group:read:list_members:admin")
        );
        assert_eq!(
            missing_scope(Endpoint::GetRoleInformation, &set),
            Some("role:read:role:admin")
        );
        assert_eq!(
            scope_set(" user:read:admin, role:read:admin ,"),
            ["user:read:admin", "role:read:admin"]
        );
        assert_eq!(scope_set("ALL").len(), all_scopes().len());
    }

    #[test]
    fn a_classic_scope_is_enough_and_none_names_the_granular_one() {
        let classic: ScopeSet = ["user:read:admin".to_owned()].into();
        assert_eq!(missing_scope(Endpoint::Users, &classic), None);
        assert_eq!(
            missing_scope(Endpoint::Groups, &classic),
            Some("group:read:list_groups:admin")
        );
    }
}
