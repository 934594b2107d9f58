//! Users: the list/get row, and the bodies of create, update, status and delete.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::OffsetDateTime;

use super::lenient;

/// A Zoom user as listed by `GET /users` or read by `GET /users/{userId}`.
///
/// Pending (invited) users have no `id`; their email is their identity. The get-user answer
/// adds fields (`language`, `role_name`, `job_title` ...) that list rows lack, so those are
/// optional.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct User {
    /// User id; absent for pending users.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// Email address (unique in the account).
    pub email: String,
    /// First name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub last_name: Option<String>,
    /// Display name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub display_name: Option<String>,
    /// Licence type.
    #[serde(rename = "type")]
    pub user_type: UserType,
    /// Account status (absent on some older answers).
    #[serde(default)]
    pub status: Option<UserStatus>,
    /// Role id (`"0"` Owner, `"1"` Admin, `"2"` Member, others custom); sent as string or number.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub role_id: Option<String>,
    /// Role name (get-user answers only).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub role_name: Option<String>,
    /// Ids of the groups the user belongs to.
    #[serde(default, deserialize_with = "lenient::list_or_null")]
    pub group_ids: Vec<String>,
    /// Department.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub dept: Option<String>,
    /// Employee id from SSO.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub employee_unique_id: Option<String>,
    /// When the user was created.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub user_created_at: Option<OffsetDateTime>,
    /// Deprecated by Zoom (time of the latest login type's creation); kept for profiles.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub created_at: Option<OffsetDateTime>,
    /// Last login (Zoom applies a 3-day buffer).
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub last_login_time: Option<OffsetDateTime>,
    /// Last client version used.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub last_client_version: Option<String>,
    /// IANA timezone.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub timezone: Option<String>,
    /// Whether the email is verified (Zoom sends 1/0).
    #[serde(default, deserialize_with = "lenient::opt_flag")]
    pub verified: Option<bool>,
    /// Personal meeting id.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub pmi: Option<i64>,
    /// Language (get-user answers only).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub language: Option<String>,
    /// Zoom United plan bit value; Zoom sends it as a string, sometimes as a number.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub plan_united_type: Option<String>,
    /// Job title (get-user answers only).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub job_title: Option<String>,
    /// Company (get-user answers only).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub company: Option<String>,
    /// Location (get-user answers only).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub location: Option<String>,
    /// Custom attributes (list rows carry them when asked for with `include_fields`).
    #[serde(default, deserialize_with = "lenient::list_or_null")]
    pub custom_attributes: Vec<CustomAttribute>,
}

/// One custom attribute of a user.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CustomAttribute {
    /// Attribute key.
    #[serde(default)]
    pub key: String,
    /// Attribute name.
    #[serde(default)]
    pub name: String,
    /// Value for this user.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub value: Option<String>,
}

/// A user's licence type (`type`), which the connector turns into licence grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserType {
    /// 1: Basic (free).
    Basic,
    /// 2: Licensed.
    Licensed,
    /// 4: Unassigned without Meetings Basic.
    Unassigned,
    /// 99: Zoom's "None" (SSO-created users only).
    NoPlan,
    /// Any other value (older specs had 3, On-prem).
    Other(i64),
}

impl UserType {
    /// Zoom's number for this type.
    pub fn code(self) -> i64 {
        match self {
            UserType::Basic => 1,
            UserType::Licensed => 2,
            UserType::Unassigned => 4,
            UserType::NoPlan => 99,
            UserType::Other(n) => n,
        }
    }

    /// The type Zoom's number stands for.
    pub fn from_code(code: i64) -> UserType {
        match code {
            1 => UserType::Basic,
            2 => UserType::Licensed,
            4 => UserType::Unassigned,
            99 => UserType::NoPlan,
            n => UserType::Other(n),
        }
    }
}

impl<'de> Deserialize<'de> for UserType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient::opt_i64(d)?
            .map(UserType::from_code)
            .ok_or_else(|| serde::de::Error::custom("missing user type"))
    }
}

impl Serialize for UserType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.code())
    }
}

/// A user's status, also the `status` filter of the user list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UserStatus {
    /// Active user (the list's default).
    #[default]
    Active,
    /// Deactivated user.
    Inactive,
    /// Invited, not yet activated; has no id.
    Pending,
    /// A status this client does not know.
    #[serde(other)]
    Other,
}

impl UserStatus {
    /// The value of the list's `status` query parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::Active => "active",
            UserStatus::Inactive => "inactive",
            UserStatus::Pending => "pending",
            UserStatus::Other => "other",
        }
    }
}

/// How `POST /users` creates the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CreateAction {
    /// Zoom emails an activation link; the user stays pending until they accept.
    #[serde(rename = "create")]
    Create,
    /// Managed domains only: the user is active at once.
    #[serde(rename = "autoCreate")]
    AutoCreate,
    /// ISV only: the user cannot log in.
    #[serde(rename = "custCreate")]
    CustCreate,
    /// Pre-provisioned SSO user.
    #[serde(rename = "ssoCreate")]
    SsoCreate,
}

impl CreateAction {
    /// Zoom's name of the action, as the request body carries it.
    pub fn as_str(self) -> &'static str {
        match self {
            CreateAction::Create => "create",
            CreateAction::AutoCreate => "autoCreate",
            CreateAction::CustCreate => "custCreate",
            CreateAction::SsoCreate => "ssoCreate",
        }
    }
}

/// The body of `POST /users`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewUser {
    /// How Zoom creates the user.
    pub action: CreateAction,
    /// The user's details.
    pub user_info: NewUserInfo,
}

/// The `user_info` of a new user. (`password`, for `autoCreate`, is left out: the connector
/// never sets passwords.)
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewUserInfo {
    /// Email (required, at most 128 characters).
    pub email: String,
    /// Licence type (required).
    #[serde(rename = "type")]
    pub user_type: UserType,
    /// First name (at most 64 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name (at most 64 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Display name (at most 128 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

impl NewUser {
    /// A `create` (invitation) of `email` with licence `user_type` and no names.
    pub fn invite(email: impl Into<String>, user_type: UserType) -> NewUser {
        NewUser {
            action: CreateAction::Create,
            user_info: NewUserInfo {
                email: email.into(),
                user_type,
                first_name: None,
                last_name: None,
                display_name: None,
            },
        }
    }
}

/// Zoom's answer to `POST /users`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CreatedUser {
    /// The new user's id.
    #[serde(deserialize_with = "lenient::string")]
    pub id: String,
    /// Email.
    pub email: String,
    /// First name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub last_name: Option<String>,
    /// Licence type.
    #[serde(rename = "type")]
    pub user_type: UserType,
}

/// The body of `PATCH /users/{userId}`: only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UserUpdate {
    /// New licence type (the connector's licence grants).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub user_type: Option<UserType>,
    /// New first name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// New last name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// New display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// New department.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dept: Option<String>,
    /// New job title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// New timezone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// New language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// A group to put a pending user in: Zoom documents this field for users who have not
    /// accepted their invitation yet (they cannot be added through the group's member API),
    /// and they join the group on accepting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
}

/// The action of `PUT /users/{userId}/status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusAction {
    /// Reactivate a deactivated user.
    Activate,
    /// Deactivate: removes the user's licences and blocks login.
    Deactivate,
}

/// The `action` of `DELETE /users/{userId}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeleteAction {
    /// Zoom's default: unlink the user from the account (they keep a free account); the
    /// only way to delete a pending user.
    #[default]
    Disassociate,
    /// Delete the user permanently.
    Delete,
}

impl DeleteAction {
    /// The `action` query value.
    pub fn as_str(self) -> &'static str {
        match self {
            DeleteAction::Disassociate => "disassociate",
            DeleteAction::Delete => "delete",
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn list_row_with_every_field_and_odd_shapes() {
        let json = r#"{
            "id": "KDcuGIm1QgePTO8WbOqwIQ", "email": "jchill@example.com",
            "first_name": "Jill", "last_name": "Chill", "display_name": "Jill Chill",
            "type": 2, "status": "active", "role_id": 1, "group_ids": ["g1", "g2"],
            "im_group_ids": [], "dept": "Eng", "employee_unique_id": "E-7",
            "user_created_at": "2019-06-01T07:58:03Z", "created_at": "2019-06-01T07:58:03Z",
            "last_login_time": "2019-09-12T18:00:00Z", "last_client_version": "5.9.1",
            "pmi": "3542471135", "timezone": "Asia/Shanghai", "verified": 1,
            "plan_united_type": 131072, "language": "en-US",
            "custom_attributes": [{"key": "cbf", "name": "A1", "value": "1"}],
            "license_info_list": [{"license_type": "MEETING"}], "something_new": {"x": 1}
        }"#;
        let u: User = serde_json::from_str(json).unwrap();
        assert_eq!(u.id.as_deref(), Some("KDcuGIm1QgePTO8WbOqwIQ"));
        assert_eq!(u.user_type, UserType::Licensed);
        assert_eq!(u.status, Some(UserStatus::Active));
        assert_eq!(u.role_id.as_deref(), Some("1"));
        assert_eq!(u.group_ids, ["g1", "g2"]);
        assert_eq!(u.pmi, Some(3542471135));
        assert_eq!(u.verified, Some(true));
        assert_eq!(u.plan_united_type.as_deref(), Some("131072"));
        assert_eq!(u.user_created_at, Some(datetime!(2019-06-01 07:58:03 UTC)));
        assert_eq!(u.custom_attributes[0].value.as_deref(), Some("1"));
        assert_eq!(u.language.as_deref(), Some("en-US"));
    }

    #[test]
    fn pending_row_without_id_or_optional_fields() {
        let u: User =
            serde_json::from_str(r#"{"email":"new@example.com","type":1,"status":"pending"}"#)
                .unwrap();
        assert_eq!(u.id, None);
        assert_eq!(u.status, Some(UserStatus::Pending));
        assert_eq!(u.user_type, UserType::Basic);
        assert!(u.group_ids.is_empty());
        let u: User =
            serde_json::from_str(r#"{"email":"x@y.z","type":"99","status":"frozen"}"#).unwrap();
        assert_eq!(u.user_type, UserType::NoPlan);
        assert_eq!(u.status, Some(UserStatus::Other));
    }

    #[test]
    fn write_bodies_have_zoom_shapes() {
        for action in [
            CreateAction::Create,
            CreateAction::AutoCreate,
            CreateAction::CustCreate,
            CreateAction::SsoCreate,
        ] {
            assert_eq!(serde_json::to_value(action).unwrap(), action.as_str());
        }
        let body = serde_json::to_value(NewUser::invite("a@b.c", UserType::Basic)).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"action":"create","user_info":{"email":"a@b.c","type":1}})
        );
        let update = UserUpdate {
            user_type: Some(UserType::Licensed),
            ..UserUpdate::default()
        };
        assert_eq!(
            serde_json::to_value(update).unwrap(),
            serde_json::json!({"type": 2})
        );
        let into_group = UserUpdate {
            group_id: Some("g1".into()),
            ..UserUpdate::default()
        };
        assert_eq!(
            serde_json::to_value(into_group).unwrap(),
            serde_json::json!({"group_id": "g1"})
        );
        assert_eq!(
            serde_json::to_value(StatusAction::Deactivate).unwrap(),
            serde_json::json!("deactivate")
        );
    }
}
