//! Trait annotations: what makes a resource a user, a group, a role or an app.

use prost_types::{Struct, Timestamp};

use super::AssetRef;

/// `UserTrait.Email`: one address of a user.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct UserEmail {
    /// The address.
    #[prost(string, tag = "1")]
    pub address: String,
    /// True for the user's main address.
    #[prost(bool, tag = "2")]
    pub is_primary: bool,
}

/// `UserTrait.Status.Status`: whether an account can be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum UserStatusKind {
    /// `STATUS_UNSPECIFIED`: unknown, e.g. a pending invitation.
    Unspecified = 0,
    /// `STATUS_ENABLED`.
    Enabled = 1,
    /// `STATUS_DISABLED`.
    Disabled = 2,
    /// `STATUS_DELETED`.
    Deleted = 3,
}

impl UserStatusKind {
    /// The value's name in the proto file, as protojson writes it (prost generates the same
    /// method for the enums it compiles).
    pub fn as_str_name(&self) -> &'static str {
        match self {
            UserStatusKind::Unspecified => "STATUS_UNSPECIFIED",
            UserStatusKind::Enabled => "STATUS_ENABLED",
            UserStatusKind::Disabled => "STATUS_DISABLED",
            UserStatusKind::Deleted => "STATUS_DELETED",
        }
    }
}

/// `UserTrait.Status`: the account status with optional details.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct UserStatus {
    /// The status value.
    #[prost(enumeration = "UserStatusKind", tag = "1")]
    pub status: i32,
    /// Source-specific detail, e.g. the raw status text.
    #[prost(string, tag = "2")]
    pub details: String,
}

/// `UserTrait.AccountType`: who uses the account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum AccountType {
    /// `ACCOUNT_TYPE_UNSPECIFIED`.
    Unspecified = 0,
    /// `ACCOUNT_TYPE_HUMAN`.
    Human = 1,
    /// `ACCOUNT_TYPE_SERVICE`.
    Service = 2,
    /// `ACCOUNT_TYPE_SYSTEM`.
    System = 3,
}

impl AccountType {
    /// The value's name in the proto file, as protojson writes it (prost generates the same
    /// method for the enums it compiles).
    pub fn as_str_name(&self) -> &'static str {
        match self {
            AccountType::Unspecified => "ACCOUNT_TYPE_UNSPECIFIED",
            AccountType::Human => "ACCOUNT_TYPE_HUMAN",
            AccountType::Service => "ACCOUNT_TYPE_SERVICE",
            AccountType::System => "ACCOUNT_TYPE_SYSTEM",
        }
    }
}

/// `UserTrait.MFAStatus`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct MfaStatus {
    /// True when multi-factor authentication is on.
    #[prost(bool, tag = "1")]
    pub mfa_enabled: bool,
}

/// `UserTrait.SSOStatus`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct SsoStatus {
    /// True when the user signs in through single sign-on.
    #[prost(bool, tag = "1")]
    pub sso_enabled: bool,
}

/// `UserTrait.StructuredName`: a person's name in parts.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct StructuredName {
    /// First name.
    #[prost(string, tag = "1")]
    pub given_name: String,
    /// Last name.
    #[prost(string, tag = "2")]
    pub family_name: String,
    /// Middle names.
    #[prost(string, repeated, tag = "3")]
    pub middle_names: Vec<String>,
    /// Honorific prefix.
    #[prost(string, tag = "4")]
    pub prefix: String,
    /// Suffix.
    #[prost(string, tag = "5")]
    pub suffix: String,
}

/// `c1.connector.v2.UserTrait`: marks a resource as a person or account.
#[derive(Clone, PartialEq, prost::Message)]
pub struct UserTrait {
    /// Email addresses.
    #[prost(message, repeated, tag = "1")]
    pub emails: Vec<UserEmail>,
    /// Account status.
    #[prost(message, optional, tag = "2")]
    pub status: Option<UserStatus>,
    /// Source fields shown in ConductorOne.
    #[prost(message, optional, tag = "3")]
    pub profile: Option<Struct>,
    /// Avatar.
    #[prost(message, optional, tag = "4")]
    pub icon: Option<AssetRef>,
    /// Human, service or system account.
    #[prost(enumeration = "AccountType", tag = "5")]
    pub account_type: i32,
    /// Sign-in name.
    #[prost(string, tag = "6")]
    pub login: String,
    /// Other sign-in names.
    #[prost(string, repeated, tag = "7")]
    pub login_aliases: Vec<String>,
    /// When the account was created.
    #[prost(message, optional, tag = "8")]
    pub created_at: Option<Timestamp>,
    /// Last sign-in.
    #[prost(message, optional, tag = "9")]
    pub last_login: Option<Timestamp>,
    /// Multi-factor status.
    #[prost(message, optional, tag = "10")]
    pub mfa_status: Option<MfaStatus>,
    /// Single sign-on status.
    #[prost(message, optional, tag = "11")]
    pub sso_status: Option<SsoStatus>,
    /// Name in parts.
    #[prost(message, optional, tag = "12")]
    pub structured_name: Option<StructuredName>,
    /// Employee numbers.
    #[prost(string, repeated, tag = "13")]
    pub employee_ids: Vec<String>,
}

/// The [`UserTrait`] fields an index of many users reads: emails, status, login and the
/// sign-in dates. It has the same message name and field numbers, and prost skips the
/// fields a message does not name, so it decodes any stored `UserTrait` without building
/// the profile, a map of a dozen or more strings per user that dominates the cost of
/// reading 100,000 users.
#[derive(Clone, PartialEq, prost::Message)]
pub struct UserSummary {
    /// Email addresses.
    #[prost(message, repeated, tag = "1")]
    pub emails: Vec<UserEmail>,
    /// Account status.
    #[prost(message, optional, tag = "2")]
    pub status: Option<UserStatus>,
    /// Sign-in name.
    #[prost(string, tag = "6")]
    pub login: String,
    /// When the account was created.
    #[prost(message, optional, tag = "8")]
    pub created_at: Option<Timestamp>,
    /// Last sign-in.
    #[prost(message, optional, tag = "9")]
    pub last_login: Option<Timestamp>,
}

/// `c1.connector.v2.GroupTrait`: marks a resource as a group.
#[derive(Clone, PartialEq, prost::Message)]
pub struct GroupTrait {
    /// Group icon.
    #[prost(message, optional, tag = "1")]
    pub icon: Option<AssetRef>,
    /// Source fields shown in ConductorOne.
    #[prost(message, optional, tag = "2")]
    pub profile: Option<Struct>,
}

/// `c1.connector.v2.RoleTrait`: marks a resource as a role.
#[derive(Clone, PartialEq, prost::Message)]
pub struct RoleTrait {
    /// Source fields shown in ConductorOne.
    #[prost(message, optional, tag = "1")]
    pub profile: Option<Struct>,
}

/// `AppTrait.AppFlag`: properties of an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum AppFlag {
    /// `APP_FLAG_UNSPECIFIED`.
    Unspecified = 0,
    /// `APP_FLAG_HIDDEN`.
    Hidden = 1,
    /// `APP_FLAG_INACTIVE`.
    Inactive = 2,
    /// `APP_FLAG_SAML`.
    Saml = 3,
    /// `APP_FLAG_OIDC`.
    Oidc = 4,
    /// `APP_FLAG_BOOKMARK`.
    Bookmark = 5,
}

impl AppFlag {
    /// The value's name in the proto file, as protojson writes it (prost generates the same
    /// method for the enums it compiles).
    pub fn as_str_name(&self) -> &'static str {
        match self {
            AppFlag::Unspecified => "APP_FLAG_UNSPECIFIED",
            AppFlag::Hidden => "APP_FLAG_HIDDEN",
            AppFlag::Inactive => "APP_FLAG_INACTIVE",
            AppFlag::Saml => "APP_FLAG_SAML",
            AppFlag::Oidc => "APP_FLAG_OIDC",
            AppFlag::Bookmark => "APP_FLAG_BOOKMARK",
        }
    }
}

/// `c1.connector.v2.AppTrait`: marks a resource as an application.
#[derive(Clone, PartialEq, prost::Message)]
pub struct AppTrait {
    /// Help page.
    #[prost(string, tag = "1")]
    pub help_url: String,
    /// Small icon.
    #[prost(message, optional, tag = "2")]
    pub icon: Option<AssetRef>,
    /// Logo.
    #[prost(message, optional, tag = "3")]
    pub logo: Option<AssetRef>,
    /// Source fields shown in ConductorOne.
    #[prost(message, optional, tag = "4")]
    pub profile: Option<Struct>,
    /// App properties (packed repeated enum).
    #[prost(enumeration = "AppFlag", repeated, tag = "5")]
    pub flags: Vec<i32>,
}

super::connector_v2_name! {
    UserTrait => "UserTrait",
    UserSummary => "UserTrait",
    GroupTrait => "GroupTrait",
    RoleTrait => "RoleTrait",
    AppTrait => "AppTrait",
}
