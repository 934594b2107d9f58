//! The common annotation messages, stored as `Any` in the `annotations` fields.

use prost_types::{Struct, Timestamp};

/// On a resource type: the syncer lists no entitlements and no grants for it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct SkipEntitlementsAndGrants {}

/// On a resource type: the syncer lists no grants for it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct SkipGrants {}

/// On a resource type: the syncer lists no entitlements for it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct SkipEntitlements {}

/// On a resource: the syncer lists resources of this type with the resource as parent.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct ChildResourceType {
    /// The child resource type id.
    #[prost(string, tag = "1")]
    pub resource_type_id: String,
}

/// On a grant whose principal is itself a group-like resource: holders of the listed
/// entitlements also receive this grant's entitlement (grant expansion).
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct GrantExpandable {
    /// Entitlements whose holders are expanded into this grant.
    #[prost(string, repeated, tag = "1")]
    pub entitlement_ids: Vec<String>,
    /// Expand one level only.
    #[prost(bool, tag = "2")]
    pub shallow: bool,
    /// Restrict expansion to principals of these types.
    #[prost(string, repeated, tag = "3")]
    pub resource_type_ids: Vec<String>,
}

/// On a grant: free-form metadata.
#[derive(Clone, PartialEq, prost::Message)]
pub struct GrantMetadata {
    /// The metadata.
    #[prost(message, optional, tag = "1")]
    pub metadata: Option<Struct>,
}

/// On a grant: it cannot be revoked through this connector.
#[derive(Clone, PartialEq, prost::Message)]
pub struct GrantImmutable {
    /// The system that manages the grant.
    #[prost(string, tag = "1")]
    pub source_id: String,
    /// Free-form metadata.
    #[prost(message, optional, tag = "2")]
    pub metadata: Option<Struct>,
}

/// On an entitlement: it cannot be granted or revoked through this connector.
#[derive(Clone, PartialEq, prost::Message)]
pub struct EntitlementImmutable {
    /// The system that manages the entitlement.
    #[prost(string, tag = "1")]
    pub source_id: String,
    /// Free-form metadata.
    #[prost(message, optional, tag = "2")]
    pub metadata: Option<Struct>,
}

/// A link to the object in the source system's UI.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct ExternalLink {
    /// The URL.
    #[prost(string, tag = "1")]
    pub url: String,
}

/// The id the object had in an earlier version of the connector.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct V1Identifier {
    /// The old id.
    #[prost(string, tag = "1")]
    pub id: String,
}

/// A cache validator for incremental listing.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct ETag {
    /// The validator value.
    #[prost(string, tag = "1")]
    pub value: String,
    /// The entitlement it applies to, if any.
    #[prost(string, tag = "2")]
    pub entitlement_id: String,
}

/// `RateLimitDescription.Status`: where a call stands against the source's rate limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum RateLimitStatus {
    /// `STATUS_UNSPECIFIED`.
    Unspecified = 0,
    /// `STATUS_OK`: within the limit.
    Ok = 1,
    /// `STATUS_OVERLIMIT`: the limit was hit.
    Overlimit = 2,
    /// `STATUS_ERROR`.
    Error = 3,
}

/// On a connector response: the source's rate limit as the call left it, so ConductorOne
/// can pace its next calls.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct RateLimitDescription {
    /// Where the call stands against the limit.
    #[prost(enumeration = "RateLimitStatus", tag = "1")]
    pub status: i32,
    /// Calls allowed per window.
    #[prost(int64, tag = "2")]
    pub limit: i64,
    /// Calls left in the window.
    #[prost(int64, tag = "3")]
    pub remaining: i64,
    /// When the window resets.
    #[prost(message, optional, tag = "4")]
    pub reset_at: Option<Timestamp>,
}

/// Marks a resource that exists only in baton (external resources).
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct BatonId {}

/// The raw id of the object in the source system, when the resource id is derived.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct RawId {
    /// The raw id.
    #[prost(string, tag = "1")]
    pub id: String,
}

super::connector_v2_name! {
    SkipEntitlementsAndGrants => "SkipEntitlementsAndGrants",
    SkipGrants => "SkipGrants",
    SkipEntitlements => "SkipEntitlements",
    ChildResourceType => "ChildResourceType",
    GrantExpandable => "GrantExpandable",
    GrantMetadata => "GrantMetadata",
    GrantImmutable => "GrantImmutable",
    EntitlementImmutable => "EntitlementImmutable",
    ExternalLink => "ExternalLink",
    V1Identifier => "V1Identifier",
    ETag => "ETag",
    BatonId => "BatonID",
    RawId => "RawId",
    RateLimitDescription => "RateLimitDescription",
}
