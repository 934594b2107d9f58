//! Conversions between JSON values and protobuf `Struct`s, the type of every trait's
//! `profile` field.
//!
//! Protobuf has one number type (a double), so integers above 2^53 lose precision; profile
//! fields are display data, so that is acceptable. Write large ids as strings.

use prost_types::{ListValue, Struct, Value, value::Kind};
use serde_json::{Map, Number, Value as Json};

/// Converts a JSON object into a `Struct`.
pub fn struct_from_json(object: Map<String, Json>) -> Struct {
    Struct {
        fields: object
            .into_iter()
            .map(|(key, value)| (key, value_from_json(value)))
            .collect(),
    }
}

/// Converts any JSON value into a protobuf `Value`.
pub fn value_from_json(value: Json) -> Value {
    let kind = match value {
        Json::Null => Kind::NullValue(0),
        Json::Bool(b) => Kind::BoolValue(b),
        Json::Number(n) => Kind::NumberValue(n.as_f64().unwrap_or(f64::NAN)),
        Json::String(s) => Kind::StringValue(s),
        Json::Array(items) => Kind::ListValue(ListValue {
            values: items.into_iter().map(value_from_json).collect(),
        }),
        Json::Object(object) => Kind::StructValue(struct_from_json(object)),
    };
    Value { kind: Some(kind) }
}

/// Converts a `Struct` back into a JSON object (for display and comparison).
pub fn json_from_struct(profile: &Struct) -> Map<String, Json> {
    profile
        .fields
        .iter()
        .map(|(key, value)| (key.clone(), json_from_value(value)))
        .collect()
}

/// Converts a protobuf `Value` into JSON; non-finite numbers become `null`, as in protojson.
pub fn json_from_value(value: &Value) -> Json {
    match &value.kind {
        None | Some(Kind::NullValue(_)) => Json::Null,
        Some(Kind::BoolValue(b)) => Json::Bool(*b),
        Some(Kind::NumberValue(n)) => number_to_json(*n),
        Some(Kind::StringValue(s)) => Json::String(s.clone()),
        Some(Kind::ListValue(list)) => {
            Json::Array(list.values.iter().map(json_from_value).collect())
        }
        Some(Kind::StructValue(object)) => Json::Object(json_from_struct(object)),
    }
}

/// Whole numbers come back as JSON integers so `{"type": 1}` round-trips unchanged.
fn number_to_json(n: f64) -> Json {
    const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
    if n.fract() == 0.0 && n.abs() < EXACT_INTEGER_LIMIT {
        // Exact: |n| < 2^53 is an integer that fits an i64 without rounding.
        return Json::Number(Number::from(n as i64));
    }
    Number::from_f64(n).map_or(Json::Null, Json::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_object_round_trips_through_struct() {
        let Json::Object(object) = json!({
            "first_name": "Ada",
            "type": 1,
            "ratio": 0.5,
            "verified": true,
            "dept": null,
            "group_ids": ["a", "b"],
            "custom": {"k": "v"}
        }) else {
            unreachable!("literal is an object")
        };
        let profile = struct_from_json(object.clone());
        assert_eq!(profile.fields["type"].kind, Some(Kind::NumberValue(1.0)));
        assert_eq!(profile.fields["dept"].kind, Some(Kind::NullValue(0)));
        assert_eq!(json_from_struct(&profile), object);
    }

    #[test]
    fn non_finite_numbers_become_null() {
        let value = Value {
            kind: Some(Kind::NumberValue(f64::INFINITY)),
        };
        assert_eq!(json_from_value(&value), Json::Null);
    }
}
