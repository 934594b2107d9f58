//! Roles and role members (Zoom's Accounts API).

use serde::Deserialize;

use super::lenient;

/// A role from `GET /roles` or `GET /roles/{roleId}`. Built-in roles: Owner, Admin, Member
/// (commonly ids `"0"`, `"1"`, `"2"`; read them from the list, not from constants).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Role {
    /// Role id (Zoom sends it as a string; numbers are accepted).
    #[serde(deserialize_with = "lenient::string")]
    pub id: String,
    /// Role name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
    /// Role type (`common`, `iq` ...).
    #[serde(rename = "type", default, deserialize_with = "lenient::opt_string")]
    pub role_type: Option<String>,
    /// Member count.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub total_members: Option<u64>,
    /// What the role allows, in Zoom's `Area:Action` notation (`User:Read`, `Group:Edit`,
    /// ...), as `GET /roles/{roleId}` lists them; empty in `GET /roles` rows, which do not
    /// carry them. Zoom's Accounts API types the answer as `{id, name, description, type,
    /// total_members, privileges[], sub_account_privileges{second_level}}`; no copy of its
    /// spec was found, so the shape is read from its official SDK's types and is uncertain
    /// beyond that: a missing or `null` list reads as empty, and fields this model does not
    /// name (`sub_account_privileges`, `privilege_scopes`) are ignored.
    #[serde(default, deserialize_with = "lenient::list_or_null")]
    pub privileges: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_with_numeric_id() {
        let r: Role = serde_json::from_str(
            r#"{"id":2,"name":"Member","description":"","type":"common","total_members":9}"#,
        )
        .unwrap();
        assert_eq!(r.id, "2");
        assert_eq!(r.description, None);
        assert_eq!(r.role_type.as_deref(), Some("common"));
        assert_eq!(r.total_members, Some(9));
        assert!(r.privileges.is_empty());
    }

    #[test]
    fn role_detail_carries_its_privileges_in_order() {
        let r: Role = serde_json::from_str(
            r#"{"id":"Ab1","name":"Help Desk","description":"","type":"common","total_members":2,
                "privileges":["User:Read","User:Edit","Group:Read"],
                "sub_account_privileges":{"second_level":0},
                "privilege_scopes":[{"permission_id":"p","group_ids":["g1"]}]}"#,
        )
        .unwrap();
        assert_eq!(r.privileges, ["User:Read", "User:Edit", "Group:Read"]);
        let r: Role =
            serde_json::from_str(r#"{"id":"2","name":"Member","privileges":null}"#).unwrap();
        assert!(r.privileges.is_empty());
    }
}
