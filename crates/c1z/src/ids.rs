//! The id formats baton-sdk's helpers build; they are the contract between syncs, the
//! `baton` CLI and provisioning requests, so they never change shape.

use crate::model::ResourceId;

/// `<resource_type>:<resource>:<slug>`, the SDK's entitlement id (no escaping).
pub fn entitlement_id(resource: &ResourceId, slug: &str) -> String {
    format!("{}:{}:{slug}", resource.resource_type, resource.resource)
}

/// The slug of `entitlement_id` when it is [`entitlement_id`] of that resource and a
/// non-empty slug; `None` otherwise.
pub fn entitlement_slug<'a>(
    entitlement_id: &'a str,
    resource_type: &str,
    resource: &str,
) -> Option<&'a str> {
    entitlement_id
        .strip_prefix(resource_type)?
        .strip_prefix(':')?
        .strip_prefix(resource)?
        .strip_prefix(':')
        .filter(|slug| !slug.is_empty())
}

/// `<entitlement id>:<principal type>:<principal id>`, the SDK's grant id.
pub fn grant_id(entitlement_id: &str, principal: &ResourceId) -> String {
    format!(
        "{entitlement_id}:{}:{}",
        principal.resource_type, principal.resource
    )
}

/// `<resource_type>:<resource>`, the `external_id` column of `v1_resources`.
pub fn resource_external_id(resource: &ResourceId) -> String {
    format!("{}:{}", resource.resource_type, resource.resource)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_sdk_formats() {
        let group = ResourceId::new("group", "g1");
        let user = ResourceId::new("user", "u:2");
        let ent = entitlement_id(&group, "member");
        assert_eq!(ent, "group:g1:member");
        assert_eq!(grant_id(&ent, &user), "group:g1:member:user:u:2");
        assert_eq!(resource_external_id(&user), "user:u:2");
        assert_eq!(entitlement_slug(&ent, "group", "g1"), Some("member"));
        assert_eq!(entitlement_slug("user:u:2:x", "user", "u:2"), Some("x"));
        assert_eq!(entitlement_slug(&ent, "group", "g2"), None);
        assert_eq!(entitlement_slug("group:g1:", "group", "g1"), None);
        assert_eq!(entitlement_slug("group:g1", "group", "g1"), None);
    }
}
