//! Contact groups and their members.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::lenient;

/// A contact group from `GET /contacts/groups`. Zoom names its keys `group_id` and
/// `group_name` here; `id`/`name` are accepted too.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ContactGroup {
    /// Contact group id (looks like `dir.JquKVDGlQ9K6S0QVWGcysw`).
    #[serde(
        rename = "group_id",
        alias = "id",
        deserialize_with = "lenient::string"
    )]
    pub id: String,
    /// Name.
    #[serde(rename = "group_name", alias = "name", default)]
    pub name: String,
    /// Privacy: 1 visible to anyone, 2 visible to members only, 3 hidden.
    #[serde(
        rename = "group_privacy",
        alias = "privacy",
        default,
        deserialize_with = "lenient::opt_i64"
    )]
    pub privacy: Option<i64>,
    /// Description.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
}

/// A member of a contact group: a user or a whole group.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ContactGroupMember {
    /// User or group.
    #[serde(rename = "type")]
    pub member_type: ContactMemberType,
    /// User id or group id.
    #[serde(deserialize_with = "lenient::string")]
    pub id: String,
    /// Name (answers only).
    #[serde(default, skip_serializing, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
}

/// What a contact-group member is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContactMemberType {
    /// 1: a user.
    User,
    /// 2: a group (all its users).
    Group,
    /// Any other value.
    Other(i64),
}

impl<'de> Deserialize<'de> for ContactMemberType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match lenient::opt_i64(d)? {
            Some(1) => ContactMemberType::User,
            Some(2) => ContactMemberType::Group,
            Some(n) => ContactMemberType::Other(n),
            None => return Err(serde::de::Error::custom("missing contact member type")),
        })
    }
}

impl Serialize for ContactMemberType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(match self {
            ContactMemberType::User => 1,
            ContactMemberType::Group => 2,
            ContactMemberType::Other(n) => *n,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_group_uses_group_keys() {
        let g: ContactGroup = serde_json::from_str(
            r#"{"group_id":"dir.x","group_name":"Sales","group_privacy":2,"description":"d"}"#,
        )
        .unwrap();
        assert_eq!(g.id, "dir.x");
        assert_eq!(g.name, "Sales");
        assert_eq!(g.privacy, Some(2));
    }

    #[test]
    fn member_types_and_body_shape() {
        let m: ContactGroupMember =
            serde_json::from_str(r#"{"type":2,"id":"g1","name":"Eng"}"#).unwrap();
        assert_eq!(m.member_type, ContactMemberType::Group);
        assert_eq!(
            serde_json::to_value(&m).unwrap(),
            serde_json::json!({"type":2,"id":"g1"})
        );
    }
}
