//! Field readers that accept the shapes Zoom actually sends, not only the documented one.
//!
//! Zoom is inconsistent between endpoints and over time: numbers come as strings
//! (`plan_united_type`, ids), flags as `1`/`0` or booleans, lists as comma-joined strings
//! (`ids` of add-members), and empty strings stand for absent values. Failing a whole page of
//! 300 users over one odd field would stop a sync, so these readers take every known variant.

use serde::{Deserialize, Deserializer};
use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

fn value<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Option::<Value>::deserialize(d)
}

fn unexpected<E: serde::de::Error>(what: &str, v: &Value) -> E {
    E::custom(format!("expected {what}, got {v}"))
}

/// A string, or a number written as one; `null` and `""` are absent.
pub(crate) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match value(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(v) => Err(unexpected("a string or number", &v)),
    }
}

/// Like [`opt_string`] for a field that must be present.
pub(crate) fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    opt_string(d)?.ok_or_else(|| serde::de::Error::custom("expected a non-empty string"))
}

/// An integer, or an integer written as a string; `null` and `""` are absent.
pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match value(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| unexpected("an integer", &Value::String(s))),
        Some(Value::Number(n)) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| unexpected("an integer", &Value::Number(n))),
        Some(v) => Err(unexpected("an integer", &v)),
    }
}

/// A non-negative integer in any of the forms [`opt_i64`] takes.
pub(crate) fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    opt_i64(d)?
        .map(|n| u64::try_from(n).map_err(|_| serde::de::Error::custom("negative count")))
        .transpose()
}

/// A flag sent as `1`/`0`, `true`/`false` or their string forms.
pub(crate) fn opt_flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match value(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(b)),
        Some(Value::Number(n)) => Ok(Some(n.as_f64() != Some(0.0))),
        Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "" => Ok(None),
            "1" | "true" => Ok(Some(true)),
            "0" | "false" => Ok(Some(false)),
            _ => Err(unexpected("a flag", &Value::String(s))),
        },
        Some(v) => Err(unexpected("a flag", &v)),
    }
}

/// An RFC 3339 time. Zoom's times are RFC 3339; any other text is treated as absent rather
/// than failing the page, since no caller's decision depends on a timestamp's presence.
pub(crate) fn opt_time<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<OffsetDateTime>, D::Error> {
    Ok(match value(d)? {
        Some(Value::String(s)) => OffsetDateTime::parse(s.trim(), &Rfc3339).ok(),
        _ => None,
    })
}

/// A list of ids sent as a comma-joined string (`"id1,id2"`, Zoom's add-members answer), or
/// as an array; empty parts are dropped, so `""` is an empty list.
pub(crate) fn id_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let split = |s: &str| -> Vec<String> {
        s.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect()
    };
    match value(d)? {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(split(&s)),
        Some(Value::Array(items)) => items
            .into_iter()
            .map(|v| match v {
                Value::String(s) => Ok(s),
                Value::Number(n) => Ok(n.to_string()),
                other => Err(unexpected("an id", &other)),
            })
            .collect(),
        Some(v) => Err(unexpected("a list of ids", &v)),
    }
}

/// `null` as an empty list (Zoom sends `null` for some empty arrays).
pub(crate) fn list_or_null<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use time::macros::datetime;

    use super::*;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Sample {
        #[serde(default, deserialize_with = "opt_string")]
        s: Option<String>,
        #[serde(default, deserialize_with = "opt_i64")]
        n: Option<i64>,
        #[serde(default, deserialize_with = "opt_flag")]
        f: Option<bool>,
        #[serde(default, deserialize_with = "opt_time")]
        t: Option<OffsetDateTime>,
        #[serde(default, deserialize_with = "id_list")]
        ids: Vec<String>,
        #[serde(default, deserialize_with = "list_or_null")]
        l: Vec<u8>,
    }

    fn parse(json: &str) -> Sample {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn numbers_as_strings_and_strings_as_numbers() {
        let a = parse(r#"{"s": 131072, "n": "8754321098"}"#);
        assert_eq!(a.s.as_deref(), Some("131072"));
        assert_eq!(a.n, Some(8754321098));
        let b = parse(r#"{"s": "4", "n": 12}"#);
        assert_eq!(b.s.as_deref(), Some("4"));
        assert_eq!(b.n, Some(12));
        assert!(serde_json::from_str::<Sample>(r#"{"n": "twelve"}"#).is_err());
    }

    #[test]
    fn empty_and_null_are_absent() {
        assert_eq!(
            parse(r#"{"s": "", "n": "", "f": null, "t": "", "ids": "", "l": null}"#),
            Sample {
                s: None,
                n: None,
                f: None,
                t: None,
                ids: vec![],
                l: vec![]
            }
        );
        assert_eq!(parse("{}").ids, Vec::<String>::new());
    }

    #[test]
    fn flags_in_every_form() {
        for (json, want) in [
            ("1", true),
            ("0", false),
            ("true", true),
            ("false", false),
            ("\"1\"", true),
            ("\"false\"", false),
        ] {
            assert_eq!(
                parse(&format!(r#"{{"f": {json}}}"#)).f,
                Some(want),
                "{json}"
            );
        }
    }

    #[test]
    fn times_parse_and_bad_times_are_absent() {
        assert_eq!(
            parse(r#"{"t": "2019-06-01T07:58:03Z"}"#).t,
            Some(datetime!(2019-06-01 07:58:03 UTC))
        );
        assert_eq!(parse(r#"{"t": "yesterday"}"#).t, None);
    }

    #[test]
    fn id_lists_from_comma_string_or_array() {
        assert_eq!(parse(r#"{"ids": "a,b, c,"}"#).ids, ["a", "b", "c"]);
        assert_eq!(parse(r#"{"ids": ["x", 7]}"#).ids, ["x", "7"]);
    }
}
