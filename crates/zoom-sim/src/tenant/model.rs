//! The records a Zoom account holds: users, groups, roles and contact groups.
//!
//! These are plain data. Every relation is stored on both sides (a user's `group_ids` and the
//! group's `member_ids`, a user's `role_id` and the role's `member_ids`) and kept consistent by
//! the operations in `tenant::ops`, so each read is a direct lookup.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

/// A user's account status, as `GET /users?status=` filters it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UserStatus {
    /// Signed up and able to sign in.
    Active,
    /// Deactivated by an admin; keeps its id, group and role memberships.
    Inactive,
    /// Invited (`action=create`) and not yet activated; listed by email, without an id.
    Pending,
}

impl UserStatus {
    /// Zoom's query value for this status.
    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::Active => "active",
            UserStatus::Inactive => "inactive",
            UserStatus::Pending => "pending",
        }
    }

    /// Parses Zoom's query value (`active`, `inactive`, `pending`).
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "active" => Some(UserStatus::Active),
            "inactive" => Some(UserStatus::Inactive),
            "pending" => Some(UserStatus::Pending),
            _ => None,
        }
    }

    /// All statuses, in listing order.
    pub const ALL: [UserStatus; 3] = [
        UserStatus::Active,
        UserStatus::Inactive,
        UserStatus::Pending,
    ];
}

/// A user's licence, the `type` field of the user object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum LicenseType {
    /// 1: Basic (free) user.
    Basic,
    /// 2: Licensed user.
    Licensed,
    /// 4: Unassigned, without Meetings Basic.
    Unassigned,
    /// 99: None (only for users created with `ssoCreate`).
    None,
}

impl LicenseType {
    /// Zoom's numeric code for this licence type.
    pub fn code(self) -> u8 {
        match self {
            LicenseType::Basic => 1,
            LicenseType::Licensed => 2,
            LicenseType::Unassigned => 4,
            LicenseType::None => 99,
        }
    }

    /// The licence type for one of Zoom's codes (1, 2, 4, 99).
    pub fn from_code(code: i64) -> Option<Self> {
        match code {
            1 => Some(LicenseType::Basic),
            2 => Some(LicenseType::Licensed),
            4 => Some(LicenseType::Unassigned),
            99 => Some(LicenseType::None),
            _ => None,
        }
    }

    /// All licence types, in code order.
    pub const ALL: [LicenseType; 4] = [
        LicenseType::Basic,
        LicenseType::Licensed,
        LicenseType::Unassigned,
        LicenseType::None,
    ];
}

impl From<LicenseType> for u8 {
    fn from(value: LicenseType) -> Self {
        value.code()
    }
}

impl TryFrom<u8> for LicenseType {
    type Error = String;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        LicenseType::from_code(i64::from(value))
            .ok_or_else(|| format!("unknown licence type {value}"))
    }
}

/// One user of the account, with the fields Zoom's user objects carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// Zoom user id. Pending users have one internally (returned by `POST /users`) but list
    /// rows do not show it.
    pub id: String,
    /// Unique (case-insensitively) within the account.
    pub email: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Name shown in meetings.
    pub display_name: String,
    /// Active, inactive or pending.
    pub status: UserStatus,
    /// Licence type (`type` in Zoom's payloads).
    #[serde(rename = "type")]
    pub license: LicenseType,
    /// The one role the user holds.
    pub role_id: String,
    /// Name of that role, as Zoom shows it on user objects.
    pub role_name: String,
    /// Groups the user belongs to, sorted.
    pub group_ids: BTreeSet<String>,
    /// Department.
    pub dept: String,
    /// Employee id from SSO, for the users that have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee_unique_id: Option<String>,
    /// Creation time, RFC 3339 in UTC with second precision (Zoom's format).
    pub user_created_at: String,
    /// Last sign-in, for users who ever signed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_login_time: Option<String>,
    /// Client version of the last sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_client_version: Option<String>,
    /// IANA time zone.
    pub timezone: String,
    /// 1 when the email is verified, else 0.
    pub verified: u8,
    /// Personal meeting id (0 for pending users, who have none yet).
    pub pmi: u64,
    /// UI language, e.g. `en-US`.
    pub language: String,
    /// The user's rendered list-users row, filled by the HTTP layer on first use and dropped on
    /// every change to the user, so repeated listings serialise each user once.
    #[serde(skip)]
    pub cached_row: RowCache,
}

impl User {
    /// Forgets the rendered row; every mutation of a user goes through here.
    pub fn touch(&mut self) {
        self.cached_row = RowCache::default();
    }
}

/// A lazily filled cache slot for a serialised row. It never takes part in equality, and a
/// clone starts empty so a snapshot cannot carry a stale rendering.
#[derive(Debug, Default)]
pub struct RowCache(OnceLock<Arc<str>>);

impl RowCache {
    /// The cached row, rendering it with `render` the first time.
    pub fn get_or_render(&self, render: impl FnOnce() -> String) -> Arc<str> {
        Arc::clone(self.0.get_or_init(|| Arc::from(render())))
    }
}

impl Clone for RowCache {
    fn clone(&self) -> Self {
        RowCache::default()
    }
}

impl PartialEq for RowCache {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

/// A user group: its members and its admins (both users of the account).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Zoom group id.
    pub id: String,
    /// Unique group name.
    pub name: String,
    /// Ids of the member users, sorted.
    pub member_ids: BTreeSet<String>,
    /// Ids of the admin users, sorted.
    pub admin_ids: BTreeSet<String>,
}

/// A role. Every active or inactive user holds exactly one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// `"0"` Owner, `"1"` Admin, `"2"` Member, other strings for custom roles.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Description shown in the admin portal.
    pub description: String,
    /// Role type as `GET /roles?type=` filters it; `common` for account roles.
    #[serde(rename = "type")]
    pub role_type: String,
    /// What the role allows, in Zoom's `Area:Action` notation (see `tenant::privileges`),
    /// in the order `GET /roles/{roleId}` lists them. Member holds none.
    #[serde(default)]
    pub privileges: Vec<String>,
    /// Ids of the active and inactive users holding this role, sorted.
    pub member_ids: BTreeSet<String>,
}

/// The built-in Owner role; exactly one user holds it.
pub const OWNER_ROLE_ID: &str = "0";
/// The built-in Admin role.
pub const ADMIN_ROLE_ID: &str = "1";
/// The built-in Member role, held by new users and by users whose role is unassigned.
pub const MEMBER_ROLE_ID: &str = "2";

/// Who a contact-group member is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum ContactMemberType {
    /// 1: a user of the account.
    User,
    /// 2: a user group (which may no longer exist, as after the group was deleted).
    Group,
}

impl ContactMemberType {
    /// Zoom's numeric code.
    pub fn code(self) -> u8 {
        match self {
            ContactMemberType::User => 1,
            ContactMemberType::Group => 2,
        }
    }
}

impl From<ContactMemberType> for u8 {
    fn from(value: ContactMemberType) -> Self {
        value.code()
    }
}

impl TryFrom<u8> for ContactMemberType {
    type Error = String;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        match value {
            1 => Ok(ContactMemberType::User),
            2 => Ok(ContactMemberType::Group),
            other => Err(format!("unknown contact member type {other}")),
        }
    }
}

/// One member of a contact group.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ContactMember {
    /// User or group.
    #[serde(rename = "type")]
    pub member_type: ContactMemberType,
    /// The user's or group's id.
    pub id: String,
    /// Display name of the user, or the group's name.
    pub name: String,
}

/// A contact group (directory group) with users and user groups as members.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactGroup {
    /// `dir.` + 22 characters.
    pub id: String,
    /// Display name.
    pub name: String,
    /// 1 visible to everyone, 2 to members only, 3 to nobody but admins.
    pub privacy: u8,
    /// Free text.
    pub description: String,
    /// Members keyed by (type, id), which is also their listing order.
    pub members: BTreeMap<(ContactMemberType, String), ContactMember>,
}
