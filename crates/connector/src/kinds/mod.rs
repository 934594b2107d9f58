//! One module per Zoom resource kind. Each builds its baton resource type, its resources
//! from Zoom's rows, its entitlements and its grants (and, in its `provision` child, changes
//! access in Zoom), so the sync engine and provisioning share one definition of every id,
//! name and trait.
//!
//! Adding a kind means one new module here plus a line in [`resource_types`].

use c1z::ResourceType;
use prost_types::{Struct, Timestamp};
use serde_json::{Map, Value};
use time::OffsetDateTime;

pub mod contact_group;
pub mod group;
pub mod invite;
pub mod license;
pub mod role;
pub mod user;

/// Every resource type this connector syncs, sorted by id (the order baton lists them in),
/// for `capabilities` and for the first batch of every sync.
pub fn resource_types() -> Vec<ResourceType> {
    let mut types = vec![
        contact_group::resource_type(),
        group::resource_type(),
        invite::resource_type(),
        license::resource_type(),
        role::resource_type(),
        user::resource_type(),
    ];
    types.sort_by(|a, b| a.id.cmp(&b.id));
    types
}

/// A trait profile from `(key, value)` pairs; pairs whose value is `None` are left out, so
/// a profile shows only what Zoom sent.
pub(crate) fn profile<I>(fields: I) -> Struct
where
    I: IntoIterator<Item = (&'static str, Option<Value>)>,
{
    let object: Map<String, Value> = fields
        .into_iter()
        .filter_map(|(key, value)| value.map(|v| (key.to_owned(), v)))
        .collect();
    c1z::struct_from_json(object)
}

/// A protobuf timestamp for a Zoom time.
pub(crate) fn timestamp(at: OffsetDateTime) -> Timestamp {
    Timestamp {
        seconds: at.unix_timestamp(),
        // Always in 0..1e9, so it fits an i32.
        nanos: i32::try_from(at.nanosecond()).unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use c1z::Trait;

    #[test]
    fn six_resource_types_sorted_by_id_with_their_traits() {
        let types = resource_types();
        let summary: Vec<(&str, &str, Vec<i32>)> = types
            .iter()
            .map(|t| (t.id.as_str(), t.display_name.as_str(), t.traits.clone()))
            .collect();
        assert_eq!(
            summary,
            [
                ("contactGroup", "Contact Group", vec![Trait::Group as i32]),
                ("group", "Group", vec![Trait::Group as i32]),
                ("invite", "Invite", vec![Trait::User as i32]),
                ("license", "License", vec![]),
                ("role", "Role", vec![Trait::Role as i32]),
                ("user", "User", vec![Trait::User as i32]),
            ]
        );
    }

    #[test]
    fn profile_leaves_out_absent_values() {
        let p = profile([
            ("a", Some(Value::from("x"))),
            ("b", None),
            ("c", Some(Value::from(2))),
        ]);
        let keys: Vec<&str> = p.fields.keys().map(String::as_str).collect();
        assert_eq!(keys, ["a", "c"]);
    }

    #[test]
    fn timestamp_keeps_seconds_and_nanos() {
        let at = OffsetDateTime::from_unix_timestamp_nanos(1_600_000_000_000_000_123)
            .expect("a 2020 time is in range");
        assert_eq!(
            timestamp(at),
            Timestamp {
                seconds: 1_600_000_000,
                nanos: 123
            }
        );
    }
}
