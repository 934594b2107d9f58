//! Protobuf JSON ("protojson") rendering of the `.c1z` messages, in the shapes Go's
//! `protojson.Marshal` gives the `baton` CLI: lowerCamelCase keys in field-number order,
//! default values left out, enums by name, int64 as strings, timestamps as RFC 3339 in UTC,
//! `Struct` as plain JSON and `Any` as an object holding `@type` and the message's fields.
//!
//! It is written out by hand for the few message kinds a `.c1z` holds: a reflection-based
//! protojson crate would need descriptors for every message, while this is a page of
//! explicit field lists that serde streams straight to the output, one row at a time.

mod annotations;
mod messages;

use std::fmt;
use std::rc::Rc;

use base64::Engine;
use prost_types::{Any, Struct, Timestamp};
use serde::ser::{Error as _, Serialize, SerializeMap, Serializer};

/// A message rendered as protojson: wrap a reference and hand it to serde.
pub struct ProtoJsonOf<'a, T: ?Sized>(pub &'a T);

/// A message whose fields can be written into a JSON object.
pub trait ProtoJson {
    /// Writes the fields that differ from their defaults, in field-number order.
    fn write<M: SerializeMap>(&self, fields: &mut Fields<'_, M>) -> Result<(), M::Error>;
}

/// Listings share looked-up messages; they render as the message itself.
impl<T: ProtoJson> ProtoJson for Rc<T> {
    fn write<M: SerializeMap>(&self, fields: &mut Fields<'_, M>) -> Result<(), M::Error> {
        (**self).write(fields)
    }
}

/// A message field of a derived `Serialize`, as protojson:
/// `#[serde(serialize_with = "protojson::message")]`.
pub fn message<T: ProtoJson, S: Serializer>(message: &T, serializer: S) -> Result<S::Ok, S::Error> {
    ProtoJsonOf(message).serialize(serializer)
}

/// An optional message field (pair it with `skip_serializing_if = "Option::is_none"`).
pub fn optional_message<T: ProtoJson, S: Serializer>(
    message: &Option<T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    message.as_ref().map(ProtoJsonOf).serialize(serializer)
}

/// A list of messages.
pub fn messages<T: ProtoJson, S: Serializer>(
    messages: &[T],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(messages.iter().map(ProtoJsonOf))
}

/// A 64-bit number, which protojson writes as a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Int64(pub u64);

impl Serialize for Int64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<T: ProtoJson> Serialize for ProtoJsonOf<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.0.write(&mut Fields(&mut map))?;
        map.end()
    }
}

impl Serialize for ProtoJsonOf<'_, Any> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("@type", &self.0.type_url)?;
        let mut fields = Fields(&mut map);
        if !annotations::write_known(self.0, &mut fields)? {
            // Go's protojson refuses types it has no descriptor for; showing the raw bytes
            // keeps the rest of the listing readable instead.
            fields.string(
                "value",
                &base64::engine::general_purpose::STANDARD.encode(&self.0.value),
            )?;
        }
        map.end()
    }
}

/// The writer of one JSON object's fields, skipping protobuf defaults as protojson does.
pub struct Fields<'m, M>(&'m mut M);

impl<M: SerializeMap> Fields<'_, M> {
    /// A field with an explicit JSON value.
    pub fn value<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), M::Error> {
        self.0.serialize_entry(key, value)
    }

    /// A string field; empty strings are the default and left out.
    pub fn string(&mut self, key: &str, value: &str) -> Result<(), M::Error> {
        if value.is_empty() {
            return Ok(());
        }
        self.value(key, value)
    }

    /// A bool field; `false` is left out.
    pub fn boolean(&mut self, key: &str, value: bool) -> Result<(), M::Error> {
        if !value {
            return Ok(());
        }
        self.value(key, &value)
    }

    /// A singular message field.
    pub fn message<T: ProtoJson>(&mut self, key: &str, value: Option<&T>) -> Result<(), M::Error> {
        match value {
            Some(message) => self.value(key, &ProtoJsonOf(message)),
            None => Ok(()),
        }
    }

    /// A repeated message field.
    pub fn messages<T>(&mut self, key: &str, values: &[T]) -> Result<(), M::Error>
    where
        for<'a> ProtoJsonOf<'a, T>: Serialize,
    {
        if values.is_empty() {
            return Ok(());
        }
        let items: Vec<ProtoJsonOf<'_, T>> = values.iter().map(ProtoJsonOf).collect();
        self.value(key, &items)
    }

    /// A repeated string field.
    pub fn strings(&mut self, key: &str, values: &[String]) -> Result<(), M::Error> {
        if values.is_empty() {
            return Ok(());
        }
        self.value(key, values)
    }

    /// An enum field, by the name `name` gives (the enum's `as_str_name`), or by number
    /// when the value is unknown; 0 is left out.
    pub fn enumeration<E: TryFrom<i32>>(
        &mut self,
        key: &str,
        value: i32,
        name: fn(&E) -> &'static str,
    ) -> Result<(), M::Error> {
        if value == 0 {
            return Ok(());
        }
        self.value(key, &EnumName::of(value, name))
    }

    /// A repeated enum field.
    pub fn enumerations<E: TryFrom<i32>>(
        &mut self,
        key: &str,
        values: &[i32],
        name: fn(&E) -> &'static str,
    ) -> Result<(), M::Error> {
        if values.is_empty() {
            return Ok(());
        }
        let items: Vec<EnumName> = values.iter().map(|&v| EnumName::of(v, name)).collect();
        self.value(key, &items)
    }

    /// A `google.protobuf.Struct` field, as a plain JSON object.
    pub fn structure(&mut self, key: &str, value: Option<&Struct>) -> Result<(), M::Error> {
        match value {
            Some(profile) => self.value(key, &c1z::json_from_struct(profile)),
            None => Ok(()),
        }
    }

    /// A `google.protobuf.Timestamp` field, as RFC 3339 text in UTC.
    pub fn timestamp(&mut self, key: &str, value: Option<&Timestamp>) -> Result<(), M::Error> {
        let Some(at) = value else { return Ok(()) };
        let text = rfc3339_utc(at.seconds, at.nanos)
            .ok_or_else(|| M::Error::custom(format!("{key}: timestamp out of range")))?;
        self.value(key, &text)
    }
}

/// An enum value shown by name, or by number when the name is unknown (as protojson does).
pub enum EnumName {
    /// A value of the enum.
    Known(&'static str),
    /// A number the enum does not define (a newer SDK's value).
    Unknown(i32),
}

impl EnumName {
    /// The name of `value` as an `E`, by `name`.
    pub fn of<E: TryFrom<i32>>(value: i32, name: fn(&E) -> &'static str) -> EnumName {
        match E::try_from(value) {
            Ok(known) => EnumName::Known(name(&known)),
            Err(_) => EnumName::Unknown(value),
        }
    }
}

impl fmt::Display for EnumName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnumName::Known(name) => f.write_str(name),
            EnumName::Unknown(value) => write!(f, "{value}"),
        }
    }
}

impl Serialize for EnumName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            EnumName::Known(name) => serializer.serialize_str(name),
            EnumName::Unknown(value) => serializer.serialize_i32(*value),
        }
    }
}

/// RFC 3339 in UTC with 0, 3, 6 or 9 fraction digits, as protojson writes timestamps;
/// `None` outside the years 0001–9999.
pub fn rfc3339_utc(seconds: i64, nanos: i32) -> Option<String> {
    let at = jiff::Timestamp::new(seconds, nanos).ok()?;
    let whole = at.strftime("%Y-%m-%dT%H:%M:%S").to_string();
    let nanos = at.subsec_nanosecond();
    let fraction = if nanos == 0 {
        String::new()
    } else if nanos % 1_000_000 == 0 {
        format!(".{:03}", nanos / 1_000_000)
    } else if nanos % 1_000 == 0 {
        format!(".{:06}", nanos / 1_000)
    } else {
        format!(".{nanos:09}")
    };
    Some(format!("{whole}{fraction}Z"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use c1z::{
        Annotated, Entitlement, Grant, GroupTrait, Resource, ResourceId, ResourceType,
        SkipEntitlementsAndGrants, Trait, UserStatusKind, UserTrait,
    };
    use serde_json::json;

    fn to_json<T: Serialize>(value: &T) -> serde_json::Value {
        serde_json::to_value(value).expect("protojson values serialise")
    }

    #[test]
    fn timestamps_use_protojson_fraction_widths() {
        assert_eq!(rfc3339_utc(0, 0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            rfc3339_utc(1_700_000_000, 500_000_000).as_deref(),
            Some("2023-11-14T22:13:20.500Z")
        );
        assert_eq!(
            rfc3339_utc(1, 1_000).as_deref(),
            Some("1970-01-01T00:00:01.000001Z")
        );
        assert_eq!(
            rfc3339_utc(1, 5).as_deref(),
            Some("1970-01-01T00:00:01.000000005Z")
        );
    }

    #[test]
    fn resource_type_has_enum_names_and_any_with_type() {
        let rt = ResourceType::new("user", "User", &[Trait::User])
            .annotate(&SkipEntitlementsAndGrants {});
        assert_eq!(
            to_json(&ProtoJsonOf(&rt)),
            json!({
                "id": "user",
                "displayName": "User",
                "traits": ["TRAIT_USER"],
                "annotations": [
                    {"@type": "type.googleapis.com/c1.connector.v2.SkipEntitlementsAndGrants"}
                ]
            })
        );
    }

    #[test]
    fn unknown_enum_values_are_shown_by_number() {
        let mut rt = ResourceType::new("app", "App", &[Trait::App]);
        rt.traits.push(9);
        assert_eq!(
            to_json(&ProtoJsonOf(&rt))["traits"],
            json!(["TRAIT_APP", 9])
        );
        assert_eq!(
            EnumName::of(9, Trait::as_str_name).to_string(),
            "9",
            "the console shows the number too"
        );
    }

    #[test]
    fn user_resource_renders_its_trait_fields() {
        let profile =
            c1z::struct_from_json(serde_json::Map::from_iter([("type".to_owned(), json!(2))]));
        let user = Resource::new(ResourceId::new("user", "u1"), "Ada").annotate(
            &UserTrait::new()
                .with_email("ada@example.com", true)
                .with_status(UserStatusKind::Disabled, "inactive")
                .with_profile(profile)
                .with_created_at(prost_types::Timestamp {
                    seconds: 0,
                    nanos: 0,
                }),
        );
        assert_eq!(
            to_json(&ProtoJsonOf(&user)),
            json!({
                "id": {"resourceType": "user", "resource": "u1"},
                "displayName": "Ada",
                "creationSource": "CREATION_SOURCE_CONNECTOR_LIST_RESOURCES",
                "annotations": [{
                    "@type": "type.googleapis.com/c1.connector.v2.UserTrait",
                    "emails": [{"address": "ada@example.com", "isPrimary": true}],
                    "status": {"status": "STATUS_DISABLED", "details": "inactive"},
                    "profile": {"type": 2},
                    "accountType": "ACCOUNT_TYPE_HUMAN",
                    "createdAt": "1970-01-01T00:00:00Z"
                }]
            })
        );
    }

    #[test]
    fn grant_nests_entitlement_and_principal() {
        let group =
            Resource::new(ResourceId::new("group", "g1"), "Sales").annotate(&GroupTrait::default());
        let entitlement = Entitlement::assignment(&group, "member");
        assert_eq!(
            to_json(&ProtoJsonOf(&entitlement))["purpose"],
            json!("PURPOSE_VALUE_ASSIGNMENT")
        );
        let grant = Grant::new(
            &ResourceId::new("group", "g1"),
            "member",
            ResourceId::new("user", "u1"),
        );
        assert_eq!(
            to_json(&ProtoJsonOf(&grant)),
            json!({
                "entitlement": {
                    "resource": {"id": {"resourceType": "group", "resource": "g1"}},
                    "id": "group:g1:member"
                },
                "principal": {"id": {"resourceType": "user", "resource": "u1"}},
                "id": "group:g1:member:user:u1"
            })
        );
    }

    #[test]
    fn unknown_any_keeps_its_type_and_bytes() {
        let any = Any {
            type_url: "type.googleapis.com/example.Unknown".into(),
            value: vec![1, 2, 3],
        };
        assert_eq!(
            to_json(&ProtoJsonOf(&any)),
            json!({"@type": "type.googleapis.com/example.Unknown", "value": "AQID"})
        );
    }
}
