//! Account creation: who to create (`AccountInfo`), how the account gets its credential
//! (`CredentialOptions`), how secrets travel back (`EncryptionConfig`, `EncryptedData`), and
//! the request and response of `CreateAccount`.

use c1z::Resource;
use prost_types::{Any, Struct};

/// `AccountInfo.Email`: one address of the new account.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct AccountEmail {
    /// The address.
    #[prost(string, tag = "1")]
    pub address: String,
    /// True for the main address.
    #[prost(bool, tag = "2")]
    pub is_primary: bool,
}

/// `c1.connector.v2.AccountInfo`: the account to create.
#[derive(Clone, PartialEq, prost::Message)]
pub struct AccountInfo {
    /// Email addresses.
    #[prost(message, repeated, tag = "1")]
    pub emails: Vec<AccountEmail>,
    /// Sign-in name.
    #[prost(string, tag = "2")]
    pub login: String,
    /// Other sign-in names.
    #[prost(string, repeated, tag = "3")]
    pub login_aliases: Vec<String>,
    /// The account form's values, keyed as the connector's account-creation schema.
    #[prost(message, optional, tag = "4")]
    pub profile: Option<Struct>,
}

/// `c1.connector.v2.PasswordConstraint`: characters a random password must contain.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct PasswordConstraint {
    /// The characters.
    #[prost(string, tag = "1")]
    pub char_set: String,
    /// How many of them at least.
    #[prost(uint32, tag = "2")]
    pub min_count: u32,
}

/// `CredentialOptions.RandomPassword`.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct RandomPassword {
    /// Password length.
    #[prost(int64, tag = "1")]
    pub length: i64,
    /// Required characters.
    #[prost(message, repeated, tag = "2")]
    pub constraints: Vec<PasswordConstraint>,
}

/// `CredentialOptions.NoPassword`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct NoPassword {}

/// `CredentialOptions.SSO`.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct Sso {
    /// The identity provider.
    #[prost(string, tag = "1")]
    pub sso_provider: String,
}

/// `c1.connector.v2.CredentialOptions`: how the account gets its credential.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct CredentialOptions {
    /// The option chosen.
    #[prost(oneof = "CredentialOption", tags = "100, 101, 102")]
    pub options: Option<CredentialOption>,
}

/// The `options` oneof of [`CredentialOptions`].
#[derive(Clone, PartialEq, Eq, Hash, prost::Oneof)]
pub enum CredentialOption {
    /// Generate a password.
    #[prost(message, tag = "100")]
    RandomPassword(RandomPassword),
    /// No password (Zoom invites the user, who sets one).
    #[prost(message, tag = "101")]
    NoPassword(NoPassword),
    /// Single sign-on.
    #[prost(message, tag = "102")]
    Sso(Sso),
}

/// `EncryptionConfig.JWKPublicKeyConfig`.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct JwkPublicKeyConfig {
    /// The public JWK as JSON bytes.
    #[prost(bytes = "vec", tag = "1")]
    pub pub_key: Vec<u8>,
}

/// `c1.connector.v2.EncryptionConfig`: a key that generated secrets are encrypted to.
#[derive(Clone, PartialEq, prost::Message)]
pub struct EncryptionConfig {
    /// Who the key belongs to.
    #[prost(message, optional, tag = "1")]
    pub principal: Option<Resource>,
    /// The encryption scheme, e.g. `baton/jwk/v1`.
    #[prost(string, tag = "2")]
    pub provider: String,
    /// The key's id.
    #[prost(string, tag = "3")]
    pub key_id: String,
    /// The key.
    #[prost(oneof = "EncryptionKeyConfig", tags = "100")]
    pub config: Option<EncryptionKeyConfig>,
}

/// The `config` oneof of [`EncryptionConfig`].
#[derive(Clone, PartialEq, Eq, Hash, prost::Oneof)]
pub enum EncryptionKeyConfig {
    /// A public JWK.
    #[prost(message, tag = "100")]
    JwkPublicKeyConfig(JwkPublicKeyConfig),
}

/// `c1.connector.v2.EncryptedData`: a generated secret, encrypted.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct EncryptedData {
    /// The encryption scheme.
    #[prost(string, tag = "1")]
    pub provider: String,
    /// The key used.
    #[prost(string, tag = "2")]
    pub key_id: String,
    /// Name of the secret.
    #[prost(string, tag = "3")]
    pub name: String,
    /// What it is.
    #[prost(string, tag = "4")]
    pub description: String,
    /// Its format.
    #[prost(string, tag = "5")]
    pub schema: String,
    /// The ciphertext.
    #[prost(bytes = "vec", tag = "6")]
    pub encrypted_bytes: Vec<u8>,
    /// Every key it is encrypted to.
    #[prost(string, repeated, tag = "7")]
    pub key_ids: Vec<String>,
}

/// `c1.connector.v2.CreateAccountRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct CreateAccountRequest {
    /// The account.
    #[prost(message, optional, tag = "1")]
    pub account_info: Option<AccountInfo>,
    /// Its credential.
    #[prost(message, optional, tag = "2")]
    pub credential_options: Option<CredentialOptions>,
    /// Keys to encrypt generated secrets to.
    #[prost(message, repeated, tag = "3")]
    pub encryption_configs: Vec<EncryptionConfig>,
}

/// `CreateAccountResponse.SuccessResult`: the account exists.
#[derive(Clone, PartialEq, prost::Message)]
pub struct SuccessResult {
    /// The new account as a resource.
    #[prost(message, optional, tag = "1")]
    pub resource: Option<Resource>,
    /// Whether the resource is the creation's own result (rather than a lookup).
    #[prost(bool, tag = "2")]
    pub is_create_account_result: bool,
}

/// `CreateAccountResponse.ActionRequiredResult`: someone has to act before the account works.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ActionRequiredResult {
    /// The account as a resource.
    #[prost(message, optional, tag = "1")]
    pub resource: Option<Resource>,
    /// What has to be done.
    #[prost(string, tag = "2")]
    pub message: String,
    /// Whether the resource is the creation's own result.
    #[prost(bool, tag = "3")]
    pub is_create_account_result: bool,
}

/// The `result` oneof of [`CreateAccountResponse`].
#[derive(Clone, PartialEq, prost::Oneof)]
pub enum CreateAccountResult {
    /// Created.
    #[prost(message, tag = "100")]
    Success(SuccessResult),
    /// Created, pending an action.
    #[prost(message, tag = "101")]
    ActionRequired(ActionRequiredResult),
}

/// `c1.connector.v2.CreateAccountResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct CreateAccountResponse {
    /// Generated secrets, encrypted.
    #[prost(message, repeated, tag = "2")]
    pub encrypted_data: Vec<EncryptedData>,
    /// Annotations.
    #[prost(message, repeated, tag = "3")]
    pub annotations: Vec<Any>,
    /// What happened.
    #[prost(oneof = "CreateAccountResult", tags = "100, 101")]
    pub result: Option<CreateAccountResult>,
}

super::connector_v2_name! {
    AccountInfo => "AccountInfo",
    CredentialOptions => "CredentialOptions",
    EncryptionConfig => "EncryptionConfig",
    EncryptedData => "EncryptedData",
    CreateAccountRequest => "CreateAccountRequest",
    CreateAccountResponse => "CreateAccountResponse",
}
