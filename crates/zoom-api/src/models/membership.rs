//! Membership writes shared by groups, group admins and roles: who to add, what was added.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::lenient;
use super::user::UserType;

/// A user row of a membership list: `GET /groups/{groupId}/members` and
/// `GET /roles/{roleId}/members` answer the same shape (roles add `department`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Member {
    /// User id.
    #[serde(deserialize_with = "lenient::string")]
    pub id: String,
    /// Email.
    #[serde(default)]
    pub email: String,
    /// First name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub last_name: Option<String>,
    /// Licence type.
    #[serde(rename = "type", default)]
    pub user_type: Option<UserType>,
    /// Department (role members only).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub department: Option<String>,
}

/// A user to add to a group, a group's admins or a role, by id or by email (Zoom uses the id
/// when both are given, so one is sent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum MemberRef {
    /// By user id.
    #[serde(rename = "id")]
    Id(String),
    /// By email.
    #[serde(rename = "email")]
    Email(String),
}

/// Zoom's answer to an add-members call: the ids actually added. Users that already were
/// members are missing from `ids` (Zoom still answers 201), which is how a caller tells an
/// idempotent repeat from a real change.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Added {
    /// Ids added, parsed from Zoom's comma-joined string.
    #[serde(default, deserialize_with = "lenient::id_list")]
    pub ids: Vec<String>,
    /// When they were added (`added_at`; role assignment answers say `add_at`).
    #[serde(default, alias = "add_at", deserialize_with = "lenient::opt_time")]
    pub added_at: Option<OffsetDateTime>,
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn member_rows_parse() {
        let m: Member = serde_json::from_str(
            r#"{"id":"u1","email":"a@b.c","first_name":"A","last_name":"B","type":1}"#,
        )
        .unwrap();
        assert_eq!(m.user_type, Some(UserType::Basic));
        assert_eq!(m.department, None);
        let m: Member =
            serde_json::from_str(r#"{"id":7,"email":"a@b.c","type":"2","department":"Ops"}"#)
                .unwrap();
        assert_eq!(m.id, "7");
        assert_eq!(m.department.as_deref(), Some("Ops"));
    }

    #[test]
    fn member_refs_serialize_as_one_key_objects() {
        let refs = vec![MemberRef::Id("u1".into()), MemberRef::Email("a@b.c".into())];
        assert_eq!(
            serde_json::to_value(refs).unwrap(),
            serde_json::json!([{"id":"u1"},{"email":"a@b.c"}])
        );
    }

    #[test]
    fn added_reads_comma_ids_and_both_time_keys() {
        let a: Added =
            serde_json::from_str(r#"{"ids":"u1,u2","added_at":"2022-03-25T03:08:12Z"}"#).unwrap();
        assert_eq!(a.ids, ["u1", "u2"]);
        assert_eq!(a.added_at, Some(datetime!(2022-03-25 03:08:12 UTC)));
        let r: Added =
            serde_json::from_str(r#"{"ids":"","add_at":"2022-03-25T03:08:12Z"}"#).unwrap();
        assert!(r.ids.is_empty());
        assert!(r.added_at.is_some());
    }
}
