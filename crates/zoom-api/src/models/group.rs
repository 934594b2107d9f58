//! Groups, their members and their admins.

use serde::Deserialize;

use super::lenient;

/// A group from `GET /groups` or `GET /groups/{groupId}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Group {
    /// Group id.
    #[serde(deserialize_with = "lenient::string")]
    pub id: String,
    /// Group name.
    #[serde(default)]
    pub name: String,
    /// Member count.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub total_members: Option<u64>,
}

/// A row of `GET /groups/{groupId}/admins`. Zoom documents no `id` here, only email and
/// name, so callers map admins to users by email; an `id`, if Zoom sends one, is kept.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GroupAdmin {
    /// Email (the documented identity of an admin row).
    pub email: String,
    /// Display name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// User id, when present.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_parse() {
        let g: Group =
            serde_json::from_str(r#"{"id":"g1","name":"Eng","total_members":"3"}"#).unwrap();
        assert_eq!(g.total_members, Some(3));
        let a: GroupAdmin = serde_json::from_str(r#"{"email":"a@b.c","name":"A B"}"#).unwrap();
        assert_eq!(a.id, None);
        assert_eq!(a.name.as_deref(), Some("A B"));
    }
}
