//! Resource types and resources: the nodes of the access graph.

use prost_types::Any;

/// The kinds of resource a resource type can declare (`c1.connector.v2.ResourceType.Trait`).
///
/// A resource of a type that lists a trait must carry that trait's annotation, or the baton
/// syncer rejects it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum Trait {
    /// `TRAIT_UNSPECIFIED`.
    Unspecified = 0,
    /// `TRAIT_USER`: resources carry a [`crate::UserTrait`].
    User = 1,
    /// `TRAIT_GROUP`: resources carry a [`crate::GroupTrait`].
    Group = 2,
    /// `TRAIT_ROLE`: resources carry a [`crate::RoleTrait`].
    Role = 3,
    /// `TRAIT_APP`: resources carry an [`crate::AppTrait`].
    App = 4,
    /// `TRAIT_SECRET`.
    Secret = 5,
}

impl Trait {
    /// The value's name in the proto file, as protojson writes it (prost generates the same
    /// method for the enums it compiles).
    pub fn as_str_name(&self) -> &'static str {
        match self {
            Trait::Unspecified => "TRAIT_UNSPECIFIED",
            Trait::User => "TRAIT_USER",
            Trait::Group => "TRAIT_GROUP",
            Trait::Role => "TRAIT_ROLE",
            Trait::App => "TRAIT_APP",
            Trait::Secret => "TRAIT_SECRET",
        }
    }
}

/// `c1.connector.v2.ResourceType`: one row of `v1_resource_types`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ResourceType {
    /// Type id, e.g. `user`; also the `external_id` column.
    #[prost(string, tag = "1")]
    pub id: String,
    /// Human name shown by `baton resources`.
    #[prost(string, tag = "2")]
    pub display_name: String,
    /// Traits every resource of this type carries (packed repeated enum).
    #[prost(enumeration = "Trait", repeated, tag = "3")]
    pub traits: Vec<i32>,
    /// Annotations such as [`crate::SkipEntitlementsAndGrants`].
    #[prost(message, repeated, tag = "4")]
    pub annotations: Vec<Any>,
    /// Free-text description.
    #[prost(string, tag = "5")]
    pub description: String,
    /// True for types whose resources come from another connector.
    #[prost(bool, tag = "6")]
    pub sourced_externally: bool,
}

/// `c1.connector.v2.ResourceId`: the (type, id) pair that names a resource everywhere.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Message)]
pub struct ResourceId {
    /// Resource type id, e.g. `group`.
    #[prost(string, tag = "1")]
    pub resource_type: String,
    /// Object id within the type, e.g. the Zoom group id.
    #[prost(string, tag = "2")]
    pub resource: String,
    /// Set on ids that refer to baton-internal resources.
    #[prost(bool, tag = "3")]
    pub baton_resource: bool,
}

/// `Resource.CreationSource`: how the syncer learned about a resource (deprecated later,
/// but v0.3.12 sets it on every listed resource).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum CreationSource {
    /// `CREATION_SOURCE_UNSPECIFIED`.
    Unspecified = 0,
    /// `CREATION_SOURCE_CONNECTOR_LIST_RESOURCES`: returned by a resource listing.
    ConnectorListResources = 1,
    /// `CREATION_SOURCE_CONNECTOR_LIST_GRANTS_PRINCIPAL_JIT`: first seen as a grant principal.
    ConnectorListGrantsPrincipalJit = 2,
}

impl CreationSource {
    /// The value's name in the proto file, as protojson writes it (prost generates the same
    /// method for the enums it compiles).
    pub fn as_str_name(&self) -> &'static str {
        match self {
            CreationSource::Unspecified => "CREATION_SOURCE_UNSPECIFIED",
            CreationSource::ConnectorListResources => "CREATION_SOURCE_CONNECTOR_LIST_RESOURCES",
            CreationSource::ConnectorListGrantsPrincipalJit => {
                "CREATION_SOURCE_CONNECTOR_LIST_GRANTS_PRINCIPAL_JIT"
            }
        }
    }
}

/// `c1.connector.v2.ExternalId`: a link to the object in the source system.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct ExternalId {
    /// Id in the source system.
    #[prost(string, tag = "1")]
    pub id: String,
    /// URL of the object.
    #[prost(string, tag = "2")]
    pub link: String,
    /// Free-text description.
    #[prost(string, tag = "3")]
    pub description: String,
}

/// `c1.connector.v2.AssetRef`: a reference to an icon or logo asset.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct AssetRef {
    /// Asset id (the `external_id` of a `v1_assets` row).
    #[prost(string, tag = "1")]
    pub id: String,
}

/// `c1.connector.v2.Resource`: one row of `v1_resources`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Resource {
    /// The resource's id; readers dereference it unchecked, so always set it.
    #[prost(message, optional, tag = "1")]
    pub id: Option<ResourceId>,
    /// Parent resource, for types listed under another resource.
    #[prost(message, optional, tag = "2")]
    pub parent_resource_id: Option<ResourceId>,
    /// Human name.
    #[prost(string, tag = "3")]
    pub display_name: String,
    /// Trait and other annotations.
    #[prost(message, repeated, tag = "4")]
    pub annotations: Vec<Any>,
    /// Free-text description.
    #[prost(string, tag = "5")]
    pub description: String,
    /// Set on baton-internal resources.
    #[prost(bool, tag = "6")]
    pub baton_resource: bool,
    /// Link to the object in the source system.
    #[prost(message, optional, tag = "7")]
    pub external_id: Option<ExternalId>,
    /// How the syncer learned about this resource.
    #[prost(enumeration = "CreationSource", tag = "8")]
    pub creation_source: i32,
}

super::connector_v2_name! {
    ResourceType => "ResourceType",
    ResourceId => "ResourceId",
    Resource => "Resource",
    ExternalId => "ExternalId",
    AssetRef => "AssetRef",
}
