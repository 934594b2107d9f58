//! The baton ids this connector emits and accepts: resource type ids, entitlement slugs,
//! and parsing of the SDK's entitlement (`type:id:slug`) and grant
//! (`type:id:slug:principalType:principalId`) ids.
//!
//! These strings are the contract with ConductorOne and with existing `.c1z` files, so they
//! match the Go connector wherever it has the same object and never change.

use std::fmt;

/// Resource type id of Zoom users (active and inactive).
pub const USER: &str = "user";
/// Resource type id of pending users, keyed by email because Zoom gives them no id.
pub const INVITE: &str = "invite";
/// Resource type id of Zoom groups.
pub const GROUP: &str = "group";
/// Resource type id of Zoom roles.
pub const ROLE: &str = "role";
/// Resource type id of Zoom contact groups.
pub const CONTACT_GROUP: &str = "contactGroup";
/// Resource type id of Zoom licence types (resource ids are Zoom's numeric user types).
pub const LICENSE: &str = "license";

/// Slug of group, role and contact-group membership entitlements.
pub const MEMBER: &str = "member";
/// Slug of the group-admin entitlement.
pub const ADMIN: &str = "admin";
/// Slug of the licence-seat entitlement.
pub const ASSIGNED: &str = "assigned";

/// A parsed entitlement id: the entitled resource and the slug.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntitlementRef {
    /// Resource type id of the entitled resource, e.g. `group`.
    pub resource_type: String,
    /// Id of the entitled resource.
    pub resource_id: String,
    /// Entitlement slug, e.g. `member`.
    pub slug: String,
}

/// A parsed grant id: the entitlement and the principal holding it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GrantRef {
    /// The entitlement granted.
    pub entitlement: EntitlementRef,
    /// Resource type id of the principal, e.g. `user`.
    pub principal_type: String,
    /// Id of the principal.
    pub principal_id: String,
}

/// An id that does not have the SDK's shape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed {kind} id {id:?}: expected {expected}")]
pub struct MalformedId {
    kind: &'static str,
    id: String,
    expected: &'static str,
}

impl EntitlementRef {
    /// Parses `type:id:slug`. None of our resource ids contain `:`, so exactly three
    /// non-empty parts are required.
    pub fn parse(id: &str) -> Result<Self, MalformedId> {
        match split_parts::<3>(id) {
            Some([resource_type, resource_id, slug]) => Ok(Self {
                resource_type,
                resource_id,
                slug,
            }),
            None => Err(MalformedId {
                kind: "entitlement",
                id: id.to_owned(),
                expected: "<resource type>:<resource id>:<slug>, e.g. group:abc:member",
            }),
        }
    }
}

impl fmt::Display for EntitlementRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}",
            self.resource_type, self.resource_id, self.slug
        )
    }
}

impl GrantRef {
    /// Parses `type:id:slug:principalType:principalId` (five non-empty parts).
    pub fn parse(id: &str) -> Result<Self, MalformedId> {
        match split_parts::<5>(id) {
            Some(
                [
                    resource_type,
                    resource_id,
                    slug,
                    principal_type,
                    principal_id,
                ],
            ) => Ok(Self {
                entitlement: EntitlementRef {
                    resource_type,
                    resource_id,
                    slug,
                },
                principal_type,
                principal_id,
            }),
            None => Err(MalformedId {
                kind: "grant",
                id: id.to_owned(),
                expected: "<resource type>:<resource id>:<slug>:<principal type>:<principal id>, \
                           e.g. group:abc:member:user:xyz",
            }),
        }
    }
}

impl fmt::Display for GrantRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}",
            self.entitlement, self.principal_type, self.principal_id
        )
    }
}

/// Splits `id` on `:` into exactly `N` non-empty parts.
fn split_parts<const N: usize>(id: &str) -> Option<[String; N]> {
    let parts: Vec<&str> = id.split(':').collect();
    if parts.len() != N || parts.iter().any(|part| part.is_empty()) {
        return None;
    }
    Some(std::array::from_fn(|i| parts[i].to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entitlement_ids_round_trip() {
        let parsed = EntitlementRef::parse("group:abc:admin").unwrap();
        assert_eq!(parsed.resource_type, GROUP);
        assert_eq!(parsed.resource_id, "abc");
        assert_eq!(parsed.slug, ADMIN);
        assert_eq!(parsed.to_string(), "group:abc:admin");
    }

    #[test]
    fn grant_ids_round_trip() {
        let parsed = GrantRef::parse("license:2:assigned:user:u1").unwrap();
        assert_eq!(parsed.entitlement.resource_type, LICENSE);
        assert_eq!(parsed.principal_type, USER);
        assert_eq!(parsed.principal_id, "u1");
        assert_eq!(parsed.to_string(), "license:2:assigned:user:u1");
    }

    #[test]
    fn malformed_ids_are_refused_with_the_expected_shape() {
        for bad in ["group:abc", "group::member", "a:b:c:d", ""] {
            let err = EntitlementRef::parse(bad).unwrap_err();
            assert!(err.to_string().contains("group:abc:member"), "{err}");
        }
        for bad in [
            "group:abc:member:user",
            "group:abc:member:user:",
            "a:b:c:d:e:f",
        ] {
            assert!(GrantRef::parse(bad).is_err(), "{bad}");
        }
    }
}
