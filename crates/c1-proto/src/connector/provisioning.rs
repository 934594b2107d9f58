//! The requests and responses of grant, revoke, resource creation and deletion, and
//! credential rotation. Responses are what a finished provisioning task packs into its
//! `Any` result.

use c1z::{Entitlement, Grant, Resource, ResourceId};
use prost_types::Any;

use super::{CredentialOptions, EncryptedData, EncryptionConfig};

/// `c1.connector.v2.GrantManagerServiceGrantRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct GrantManagerServiceGrantRequest {
    /// What to grant.
    #[prost(message, optional, tag = "1")]
    pub entitlement: Option<Entitlement>,
    /// To whom.
    #[prost(message, optional, tag = "2")]
    pub principal: Option<Resource>,
    /// Annotations.
    #[prost(message, repeated, tag = "3")]
    pub annotations: Vec<Any>,
}

/// `c1.connector.v2.GrantManagerServiceGrantResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct GrantManagerServiceGrantResponse {
    /// Annotations, e.g. a rate-limit description.
    #[prost(message, repeated, tag = "1")]
    pub annotations: Vec<Any>,
    /// The grants the change created, when the connector reports them.
    #[prost(message, repeated, tag = "2")]
    pub grants: Vec<Grant>,
}

/// `c1.connector.v2.GrantManagerServiceRevokeRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct GrantManagerServiceRevokeRequest {
    /// The grant to remove.
    #[prost(message, optional, tag = "1")]
    pub grant: Option<Grant>,
    /// Annotations.
    #[prost(message, repeated, tag = "2")]
    pub annotations: Vec<Any>,
}

/// `c1.connector.v2.GrantManagerServiceRevokeResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct GrantManagerServiceRevokeResponse {
    /// Annotations.
    #[prost(message, repeated, tag = "1")]
    pub annotations: Vec<Any>,
}

/// `c1.connector.v2.DeleteResourceRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct DeleteResourceRequest {
    /// The resource to delete.
    #[prost(message, optional, tag = "1")]
    pub resource_id: Option<ResourceId>,
}

/// `c1.connector.v2.DeleteResourceResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct DeleteResourceResponse {
    /// Annotations.
    #[prost(message, repeated, tag = "1")]
    pub annotations: Vec<Any>,
}

/// `c1.connector.v2.CreateResourceRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct CreateResourceRequest {
    /// The resource to create.
    #[prost(message, optional, tag = "1")]
    pub resource: Option<Resource>,
}

/// `c1.connector.v2.CreateResourceResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct CreateResourceResponse {
    /// The resource as created.
    #[prost(message, optional, tag = "1")]
    pub created: Option<Resource>,
    /// Annotations.
    #[prost(message, repeated, tag = "2")]
    pub annotations: Vec<Any>,
}

/// `c1.connector.v2.RotateCredentialRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct RotateCredentialRequest {
    /// Whose credential.
    #[prost(message, optional, tag = "1")]
    pub resource_id: Option<ResourceId>,
    /// The new credential's kind.
    #[prost(message, optional, tag = "2")]
    pub credential_options: Option<CredentialOptions>,
    /// Keys to encrypt it to.
    #[prost(message, repeated, tag = "3")]
    pub encryption_configs: Vec<EncryptionConfig>,
}

/// `c1.connector.v2.RotateCredentialResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct RotateCredentialResponse {
    /// The new credential, encrypted.
    #[prost(message, repeated, tag = "1")]
    pub encrypted_data: Vec<EncryptedData>,
    /// Whose credential.
    #[prost(message, optional, tag = "2")]
    pub resource_id: Option<ResourceId>,
    /// Annotations.
    #[prost(message, repeated, tag = "3")]
    pub annotations: Vec<Any>,
}

super::connector_v2_name! {
    GrantManagerServiceGrantRequest => "GrantManagerServiceGrantRequest",
    GrantManagerServiceGrantResponse => "GrantManagerServiceGrantResponse",
    GrantManagerServiceRevokeRequest => "GrantManagerServiceRevokeRequest",
    GrantManagerServiceRevokeResponse => "GrantManagerServiceRevokeResponse",
    DeleteResourceRequest => "DeleteResourceRequest",
    DeleteResourceResponse => "DeleteResourceResponse",
    CreateResourceRequest => "CreateResourceRequest",
    CreateResourceResponse => "CreateResourceResponse",
    RotateCredentialRequest => "RotateCredentialRequest",
    RotateCredentialResponse => "RotateCredentialResponse",
}
