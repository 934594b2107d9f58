//! What a connector tells ConductorOne about itself: name, description, the capabilities of
//! each resource type, and the form for creating accounts (`ConnectorMetadata`, sent in the
//! daemon's Hello).

use std::collections::BTreeMap;

use c1z::{AssetRef, ResourceType};
use prost_types::{Any, Struct};

/// `c1.connector.v2.Capability`: something a connector or resource type can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum Capability {
    /// `CAPABILITY_UNSPECIFIED`.
    Unspecified = 0,
    /// `CAPABILITY_PROVISION`: grant and revoke.
    Provision = 1,
    /// `CAPABILITY_SYNC`.
    Sync = 2,
    /// `CAPABILITY_EVENT_FEED`.
    EventFeed = 3,
    /// `CAPABILITY_TICKETING`.
    Ticketing = 4,
    /// `CAPABILITY_ACCOUNT_PROVISIONING`: create accounts.
    AccountProvisioning = 5,
    /// `CAPABILITY_CREDENTIAL_ROTATION`.
    CredentialRotation = 6,
    /// `CAPABILITY_RESOURCE_CREATE`.
    ResourceCreate = 7,
    /// `CAPABILITY_RESOURCE_DELETE`.
    ResourceDelete = 8,
    /// `CAPABILITY_SYNC_SECRETS`.
    SyncSecrets = 9,
    /// `CAPABILITY_ACTIONS`.
    Actions = 10,
    /// `CAPABILITY_TARGETED_SYNC`.
    TargetedSync = 11,
    /// `CAPABILITY_EVENT_FEED_V2`.
    EventFeedV2 = 12,
}

impl Capability {
    /// The protobuf enum name, e.g. `CAPABILITY_SYNC` (protojson writes enums by name).
    pub fn as_str_name(&self) -> &'static str {
        match self {
            Capability::Unspecified => "CAPABILITY_UNSPECIFIED",
            Capability::Provision => "CAPABILITY_PROVISION",
            Capability::Sync => "CAPABILITY_SYNC",
            Capability::EventFeed => "CAPABILITY_EVENT_FEED",
            Capability::Ticketing => "CAPABILITY_TICKETING",
            Capability::AccountProvisioning => "CAPABILITY_ACCOUNT_PROVISIONING",
            Capability::CredentialRotation => "CAPABILITY_CREDENTIAL_ROTATION",
            Capability::ResourceCreate => "CAPABILITY_RESOURCE_CREATE",
            Capability::ResourceDelete => "CAPABILITY_RESOURCE_DELETE",
            Capability::SyncSecrets => "CAPABILITY_SYNC_SECRETS",
            Capability::Actions => "CAPABILITY_ACTIONS",
            Capability::TargetedSync => "CAPABILITY_TARGETED_SYNC",
            Capability::EventFeedV2 => "CAPABILITY_EVENT_FEED_V2",
        }
    }
}

/// `c1.connector.v2.CapabilityDetailCredentialOption`: how a new or rotated account gets its
/// credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum CapabilityDetailCredentialOption {
    /// `CAPABILITY_DETAIL_CREDENTIAL_OPTION_UNSPECIFIED`.
    Unspecified = 0,
    /// `CAPABILITY_DETAIL_CREDENTIAL_OPTION_NO_PASSWORD`.
    NoPassword = 1,
    /// `CAPABILITY_DETAIL_CREDENTIAL_OPTION_RANDOM_PASSWORD`.
    RandomPassword = 2,
    /// `CAPABILITY_DETAIL_CREDENTIAL_OPTION_SSO`.
    Sso = 3,
}

/// `c1.connector.v2.ConnectorServiceGetMetadataResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ConnectorServiceGetMetadataResponse {
    /// The connector's metadata.
    #[prost(message, optional, tag = "1")]
    pub metadata: Option<ConnectorMetadata>,
}

/// `c1.connector.v2.ConnectorMetadata`: the connector as ConductorOne shows it.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ConnectorMetadata {
    /// Name, 1 to 1024 bytes.
    #[prost(string, tag = "1")]
    pub display_name: String,
    /// An absolute https URL when set.
    #[prost(string, tag = "2")]
    pub help_url: String,
    /// Icon asset.
    #[prost(message, optional, tag = "3")]
    pub icon: Option<AssetRef>,
    /// Logo asset.
    #[prost(message, optional, tag = "4")]
    pub logo: Option<AssetRef>,
    /// Free-form details.
    #[prost(message, optional, tag = "5")]
    pub profile: Option<Struct>,
    /// Annotations.
    #[prost(message, repeated, tag = "6")]
    pub annotations: Vec<Any>,
    /// What the connector does, at most 4096 bytes.
    #[prost(string, tag = "7")]
    pub description: String,
    /// What it can do, per resource type and overall.
    #[prost(message, optional, tag = "8")]
    pub capabilities: Option<ConnectorCapabilities>,
    /// The form for creating accounts.
    #[prost(message, optional, tag = "9")]
    pub account_creation_schema: Option<ConnectorAccountCreationSchema>,
}

/// `c1.connector.v2.ConnectorCapabilities`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ConnectorCapabilities {
    /// Per resource type, sorted by type id.
    #[prost(message, repeated, tag = "1")]
    pub resource_type_capabilities: Vec<ResourceTypeCapability>,
    /// The union of the per-type capabilities, sorted by value (packed).
    #[prost(enumeration = "Capability", repeated, tag = "2")]
    pub connector_capabilities: Vec<i32>,
    /// Which credential options account creation and rotation support.
    #[prost(message, optional, tag = "3")]
    pub credential_details: Option<CredentialDetails>,
}

/// `c1.connector.v2.ResourceTypeCapability`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ResourceTypeCapability {
    /// The resource type.
    #[prost(message, optional, tag = "1")]
    pub resource_type: Option<ResourceType>,
    /// What the connector does with it (packed).
    #[prost(enumeration = "Capability", repeated, tag = "2")]
    pub capabilities: Vec<i32>,
}

/// `c1.connector.v2.CredentialDetails`.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct CredentialDetails {
    /// Options for new accounts.
    #[prost(message, optional, tag = "1")]
    pub capability_account_provisioning: Option<CredentialDetailsAccountProvisioning>,
    /// Options for credential rotation.
    #[prost(message, optional, tag = "2")]
    pub capability_credential_rotation: Option<CredentialDetailsCredentialRotation>,
}

/// `c1.connector.v2.CredentialDetailsAccountProvisioning`.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct CredentialDetailsAccountProvisioning {
    /// Supported options (packed).
    #[prost(enumeration = "CapabilityDetailCredentialOption", repeated, tag = "1")]
    pub supported_credential_options: Vec<i32>,
    /// The option ConductorOne picks by default.
    #[prost(enumeration = "CapabilityDetailCredentialOption", tag = "2")]
    pub preferred_credential_option: i32,
}

/// `c1.connector.v2.CredentialDetailsCredentialRotation`: field for field the account
/// provisioning details.
pub type CredentialDetailsCredentialRotation = CredentialDetailsAccountProvisioning;

/// `c1.connector.v2.ConnectorAccountCreationSchema`: the fields of the account form.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ConnectorAccountCreationSchema {
    /// Profile key → field. A `BTreeMap` encodes keys sorted, as Go's deterministic marshal.
    #[prost(btree_map = "string, message", tag = "1")]
    pub field_map: BTreeMap<String, AccountCreationField>,
}

/// `ConnectorAccountCreationSchema.Field`: one field of the account form.
#[derive(Clone, PartialEq, prost::Message)]
pub struct AccountCreationField {
    /// Label.
    #[prost(string, tag = "1")]
    pub display_name: String,
    /// Whether a value must be given.
    #[prost(bool, tag = "2")]
    pub required: bool,
    /// What the field means.
    #[prost(string, tag = "3")]
    pub description: String,
    /// Example value.
    #[prost(string, tag = "4")]
    pub placeholder: String,
    /// Position in the form.
    #[prost(int32, tag = "5")]
    pub order: i32,
    /// Whether the field is on its way out.
    #[prost(bool, tag = "6")]
    pub deprecated: bool,
    /// The value's type and default.
    #[prost(oneof = "FieldKind", tags = "100, 101, 102, 103, 104")]
    pub field: Option<FieldKind>,
}

/// The `field` oneof of [`AccountCreationField`].
#[derive(Clone, PartialEq, prost::Oneof)]
pub enum FieldKind {
    /// A string.
    #[prost(message, tag = "100")]
    StringField(StringField),
    /// A boolean.
    #[prost(message, tag = "101")]
    BoolField(BoolField),
    /// A list of strings.
    #[prost(message, tag = "102")]
    StringListField(StringListField),
    /// An integer.
    #[prost(message, tag = "103")]
    IntField(IntField),
    /// Nested fields.
    #[prost(message, tag = "104")]
    MapField(MapField),
}

/// `ConnectorAccountCreationSchema.StringField`.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct StringField {
    /// Default value, if any.
    #[prost(string, optional, tag = "1")]
    pub default_value: Option<String>,
}

/// `ConnectorAccountCreationSchema.BoolField`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct BoolField {
    /// Default value, if any.
    #[prost(bool, optional, tag = "1")]
    pub default_value: Option<bool>,
}

/// `ConnectorAccountCreationSchema.IntField`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct IntField {
    /// Default value, if any.
    #[prost(int32, optional, tag = "1")]
    pub default_value: Option<i32>,
}

/// `ConnectorAccountCreationSchema.StringListField`.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct StringListField {
    /// Default values.
    #[prost(string, repeated, tag = "1")]
    pub default_value: Vec<String>,
}

/// `ConnectorAccountCreationSchema.MapField`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct MapField {
    /// Default nested fields.
    #[prost(btree_map = "string, message", tag = "1")]
    pub default_value: BTreeMap<String, AccountCreationField>,
}

super::connector_v2_name! {
    ConnectorMetadata => "ConnectorMetadata",
    ConnectorCapabilities => "ConnectorCapabilities",
    ConnectorServiceGetMetadataResponse => "ConnectorServiceGetMetadataResponse",
}
