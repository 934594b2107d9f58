//! OAuth scopes: which ones the simulator's ready-made apps hold, and whether a token may call
//! an operation. Zoom accepts any one of an operation's listed scopes (classic such as
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
    fn a_classic_scope_is_enough_and_none_names_the_granular_one() {
        let classic: ScopeSet = ["user:read:admin".to_owned()].into();
        assert_eq!(missing_scope(Endpoint::Users, &classic), None);
        assert_eq!(
            missing_scope(Endpoint::Groups, &classic),
            Some("group:read:list_groups:admin")
        );
    }
}
