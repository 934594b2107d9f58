//! Entitlements and grants: the edges of the access graph.

use std::collections::BTreeMap;

use prost_types::Any;

use super::{Resource, ResourceType};

/// `Entitlement.PurposeValue`: whether an entitlement is a membership or a permission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum Purpose {
    /// `PURPOSE_VALUE_UNSPECIFIED`.
    Unspecified = 0,
    /// `PURPOSE_VALUE_ASSIGNMENT`: membership, e.g. a group's `member`.
    Assignment = 1,
    /// `PURPOSE_VALUE_PERMISSION`: a permission, e.g. holding a role.
    Permission = 2,
}

impl Purpose {
    /// The value's name in the proto file, as protojson writes it (prost generates the same
    /// method for the enums it compiles).
    pub fn as_str_name(&self) -> &'static str {
        match self {
            Purpose::Unspecified => "PURPOSE_VALUE_UNSPECIFIED",
            Purpose::Assignment => "PURPOSE_VALUE_ASSIGNMENT",
            Purpose::Permission => "PURPOSE_VALUE_PERMISSION",
        }
    }
}

/// `c1.connector.v2.Entitlement`: one row of `v1_entitlements`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Entitlement {
    /// The entitled resource (the SDK stores the full message; readers need at least its id).
    #[prost(message, optional, tag = "1")]
    pub resource: Option<Resource>,
    /// `<resource_type>:<resource>:<slug>`; also the `external_id` column.
    #[prost(string, tag = "2")]
    pub id: String,
    /// Human name.
    #[prost(string, tag = "3")]
    pub display_name: String,
    /// Free-text description.
    #[prost(string, tag = "4")]
    pub description: String,
    /// Resource types whose resources may receive this entitlement.
    #[prost(message, repeated, tag = "5")]
    pub grantable_to: Vec<ResourceType>,
    /// Annotations such as [`crate::EntitlementImmutable`].
    #[prost(message, repeated, tag = "6")]
    pub annotations: Vec<Any>,
    /// Assignment or permission.
    #[prost(enumeration = "Purpose", tag = "7")]
    pub purpose: i32,
    /// Short name within the resource, e.g. `member`.
    #[prost(string, tag = "8")]
    pub slug: String,
}

/// `c1.connector.v2.GrantSources.GrantSource`: whether a grant is held directly.
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct GrantSource {
    /// True when the principal holds the entitlement itself, not through expansion.
    #[prost(bool, tag = "1")]
    pub is_direct: bool,
}

/// `c1.connector.v2.GrantSources`: the entitlements a grant was derived from.
///
/// A `BTreeMap` keeps the encoding deterministic, as Go's deterministic marshalling does.
#[derive(Clone, PartialEq, prost::Message)]
pub struct GrantSources {
    /// Source entitlement id → source details.
    #[prost(btree_map = "string, message", tag = "1")]
    pub sources: BTreeMap<String, GrantSource>,
}

/// `c1.connector.v2.Grant`: one row of `v1_grants`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Grant {
    /// The granted entitlement: at least `{id, resource {id}}`, which baton readers need.
    #[prost(message, optional, tag = "1")]
    pub entitlement: Option<Entitlement>,
    /// Who holds it: at least `{id}`.
    #[prost(message, optional, tag = "2")]
    pub principal: Option<Resource>,
    /// `<entitlement id>:<principal type>:<principal id>`; also the `external_id` column.
    #[prost(string, tag = "3")]
    pub id: String,
    /// Annotations such as [`crate::GrantExpandable`].
    #[prost(message, repeated, tag = "4")]
    pub annotations: Vec<Any>,
    /// Where an expanded grant came from.
    #[prost(message, optional, tag = "5")]
    pub sources: Option<GrantSources>,
}

super::connector_v2_name! {
    Entitlement => "Entitlement",
    Grant => "Grant",
    GrantSources => "GrantSources",
}
