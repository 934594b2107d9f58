//! `c1.connector.v2` service messages: what a connector reports about itself and the
//! requests and responses of provisioning, as ConductorOne's tasks carry them.
//!
//! The `c1z` crate owns the messages a sync file stores (resources, entitlements, grants,
//! traits, annotations); this module adds the ones that only travel over the wire, and embeds
//! the `c1z` types where the protocol does.

mod account;
mod metadata;
mod provisioning;
mod ticket;

pub use account::{
    AccountEmail, AccountInfo, ActionRequiredResult, CreateAccountRequest, CreateAccountResponse,
    CreateAccountResult, CredentialOption, CredentialOptions, EncryptedData, EncryptionConfig,
    EncryptionKeyConfig, JwkPublicKeyConfig, NoPassword, PasswordConstraint, RandomPassword, Sso,
    SuccessResult,
};
pub use metadata::{
    AccountCreationField, BoolField, Capability, CapabilityDetailCredentialOption,
    ConnectorAccountCreationSchema, ConnectorCapabilities, ConnectorMetadata,
    ConnectorServiceGetMetadataResponse, CredentialDetails, CredentialDetailsAccountProvisioning,
    CredentialDetailsCredentialRotation, FieldKind, IntField, MapField, ResourceTypeCapability,
    StringField, StringListField,
};
pub use provisioning::{
    CreateResourceRequest, CreateResourceResponse, DeleteResourceRequest, DeleteResourceResponse,
    GrantManagerServiceGrantRequest, GrantManagerServiceGrantResponse,
    GrantManagerServiceRevokeRequest, GrantManagerServiceRevokeResponse, RotateCredentialRequest,
    RotateCredentialResponse,
};
pub use ticket::{TicketRequest, TicketSchema};

/// [`c1z::proto_name!`] for messages of `c1.connector.v2`.
macro_rules! connector_v2_name {
    ($($ty:ident => $name:literal),* $(,)?) => {
        c1z::proto_name!(c1z::PACKAGE; $($ty => $name),*);
    };
}
use connector_v2_name;
