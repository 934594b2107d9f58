//! Account creation as baton sees it: the schema `capabilities` advertises, and the reading
//! of a baton account profile (the Go SDK's `--create-account-profile` JSON plus
//! `--create-account-login` / `--create-account-email`) into a [`NewAccount`].
//!
//! The schema and the reader are built from one table, so what is advertised is exactly
//! what is accepted.

use serde_json::{Map, Value};
use zoom_api::{CreateAction, UserType};

use super::ProvisionError;
use super::request::NewAccount;

/// One field of the account-creation form (baton's `ConnectorAccountCreationSchema.Field`);
/// every field is a string field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountField {
    /// Profile key.
    pub key: &'static str,
    /// Label shown to people.
    pub display_name: &'static str,
    /// What the field means and which values it takes.
    pub description: &'static str,
    /// Whether a value must be given.
    pub required: bool,
    /// Example value.
    pub placeholder: &'static str,
    /// Position in the form, from 1.
    pub order: i32,
}

const FIELDS: [AccountField; 8] = [
    AccountField {
        key: "email",
        display_name: "Email",
        description: "The user's email address, which is also their Zoom login",
        required: true,
        placeholder: "john.doe@example.com",
        order: 1,
    },
    AccountField {
        key: "first_name",
        display_name: "First Name",
        description: "Given name (at most 64 characters)",
        required: false,
        placeholder: "John",
        order: 2,
    },
    AccountField {
        key: "last_name",
        display_name: "Last Name",
        description: "Family name (at most 64 characters)",
        required: false,
        placeholder: "Doe",
        order: 3,
    },
    AccountField {
        key: "display_name",
        display_name: "Display Name",
        description: "Name shown in Zoom (at most 128 characters); Zoom uses first and last name when empty",
        required: false,
        placeholder: "John Doe",
        order: 4,
    },
    AccountField {
        key: "action",
        display_name: "Creation Action",
        description: "create (default: Zoom emails an invitation and the user is pending until accepted), autoCreate (managed domains), custCreate (no password, API-only) or ssoCreate (SSO users)",
        required: false,
        placeholder: "create",
        order: 5,
    },
    AccountField {
        key: "license",
        display_name: "License Type",
        description: "basic (default), licensed, unassigned, or none (ssoCreate only); Zoom's numbers 1, 2, 4 and 99 work too",
        required: false,
        placeholder: "basic",
        order: 6,
    },
    AccountField {
        key: "group_id",
        display_name: "Group ID",
        description: "A Zoom group to add the user to (an invited user joins it on accepting the invitation)",
        required: false,
        placeholder: "",
        order: 7,
    },
    AccountField {
        key: "role_id",
        display_name: "Role ID",
        description: "A Zoom role to give the user instead of Member (not with create: grant it once the invitation is accepted)",
        required: false,
        placeholder: "",
        order: 8,
    },
];

/// The account-creation schema `capabilities` advertises, in form order.
pub fn account_creation_schema() -> &'static [AccountField] {
    &FIELDS
}

/// Profile key the Go SDK copies `--create-account-login` into; for Zoom the login is the
/// email, so it stands in for a missing `email`.
const LOGIN_KEY: &str = "login";

impl NewAccount {
    /// Reads a baton account profile. `login` and `email` are the Go SDK's
    /// `--create-account-login` / `--create-account-email`, which fill the profile's keys
    /// when it lacks them. Unknown keys are refused, so a mistyped key is not silently
    /// dropped.
    pub fn from_profile(
        profile: Option<&str>,
        login: Option<&str>,
        email: Option<&str>,
    ) -> Result<NewAccount, ProvisionError> {
        let mut fields = match profile.map(str::trim).filter(|p| !p.is_empty()) {
            None => Map::new(),
            Some(text) => match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(map)) => map,
                Ok(_) => {
                    return Err(ProvisionError::InvalidProfile(
                        "the profile must be a JSON object, e.g. {\"email\":\"john.doe@example.com\",\"first_name\":\"John\"}".into(),
                    ));
                }
                Err(e) => {
                    return Err(ProvisionError::InvalidProfile(format!(
                        "not valid JSON ({e}); give an object such as {{\"email\":\"john.doe@example.com\"}}"
                    )));
                }
            },
        };
        for (key, value) in [(LOGIN_KEY, login), ("email", email)] {
            if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
                fields
                    .entry(key)
                    .or_insert_with(|| Value::String(value.to_owned()));
            }
        }
        let mut text = |key: &'static str| text_field(&mut fields, key);
        let login = text(LOGIN_KEY)?;
        let account = NewAccount {
            email: text("email")?
                .or(login)
                .ok_or(ProvisionError::MissingField {
                    field: "email",
                    hint: "set \"email\" in the profile or pass --create-account-email (or --create-account-login)",
                })?,
            first_name: text("first_name")?,
            last_name: text("last_name")?,
            display_name: text("display_name")?,
            action: text("action")?
                .map(|a| parse_create_action(&a))
                .transpose()?
                .unwrap_or(CreateAction::Create),
            license: text("license")?
                .map(|l| parse_license(&l))
                .transpose()?
                .unwrap_or(UserType::Basic),
            group_id: text("group_id")?,
            role_id: text("role_id")?,
        };
        if let Some(key) = fields.keys().next() {
            let known: Vec<&str> = FIELDS.iter().map(|f| f.key).collect();
            return Err(ProvisionError::InvalidProfile(format!(
                "unknown key {key:?}; the keys are {}",
                known.join(", ")
            )));
        }
        Ok(account)
    }
}

/// Takes `key` out of the profile: absent or empty is `None`, a string is its trimmed text;
/// other JSON values are refused (numbers are accepted for the licence type).
fn text_field(
    fields: &mut Map<String, Value>,
    key: &'static str,
) -> Result<Option<String>, ProvisionError> {
    match fields.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            let s = s.trim();
            Ok((!s.is_empty()).then(|| s.to_owned()))
        }
        Some(Value::Number(n)) if key == "license" => Ok(Some(n.to_string())),
        Some(other) => Err(ProvisionError::InvalidProfile(format!(
            "{key} must be a string, not {other}"
        ))),
    }
}

/// Reads Zoom's creation action: `create`, `autoCreate`, `custCreate` or `ssoCreate`
/// (case-insensitive).
pub fn parse_create_action(text: &str) -> Result<CreateAction, ProvisionError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "create" => Ok(CreateAction::Create),
        "autocreate" => Ok(CreateAction::AutoCreate),
        "custcreate" => Ok(CreateAction::CustCreate),
        "ssocreate" => Ok(CreateAction::SsoCreate),
        _ => Err(ProvisionError::InvalidProfile(format!(
            "action {text:?} is not one of create, autoCreate, custCreate, ssoCreate"
        ))),
    }
}

/// Reads a licence type by name (`basic`, `licensed`, `unassigned`, `none`) or by Zoom's
/// number (1, 2, 4, 99).
pub fn parse_license(text: &str) -> Result<UserType, ProvisionError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "basic" | "1" => Ok(UserType::Basic),
        "licensed" | "2" => Ok(UserType::Licensed),
        "unassigned" | "4" => Ok(UserType::Unassigned),
        "none" | "99" => Ok(UserType::NoPlan),
        _ => Err(ProvisionError::InvalidProfile(format!(
            "license {text:?} is not one of basic, licensed, unassigned, none (or 1, 2, 4, 99)"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_orders_are_the_table_order_and_email_is_required() {
        let schema = account_creation_schema();
        let orders: Vec<i32> = schema.iter().map(|f| f.order).collect();
        assert_eq!(orders, [1, 2, 3, 4, 5, 6, 7, 8]);
        let required: Vec<&str> = schema
            .iter()
            .filter(|f| f.required)
            .map(|f| f.key)
            .collect();
        assert_eq!(required, ["email"]);
    }

    #[test]
    fn every_schema_key_is_read_from_a_profile() {
        let profile = serde_json::json!({
            "email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace",
            "display_name": "Ada L", "action": "ssoCreate", "license": 2,
            "group_id": "g1", "role_id": "r1"
        });
        assert_eq!(
            profile.as_object().unwrap().len(),
            account_creation_schema().len()
        );
        let account = NewAccount::from_profile(Some(&profile.to_string()), None, None).unwrap();
        assert_eq!(
            account,
            NewAccount {
                email: "ada@example.com".into(),
                action: CreateAction::SsoCreate,
                license: UserType::Licensed,
                first_name: Some("Ada".into()),
                last_name: Some("Lovelace".into()),
                display_name: Some("Ada L".into()),
                group_id: Some("g1".into()),
                role_id: Some("r1".into()),
            }
        );
    }

    #[test]
    fn login_and_email_flags_fill_missing_keys_only() {
        let account = NewAccount::from_profile(None, Some("login@example.com"), None).unwrap();
        assert_eq!(account, NewAccount::invite("login@example.com"));
        let account = NewAccount::from_profile(
            Some(r#"{"email":"profile@example.com"}"#),
            None,
            Some("flag@example.com"),
        )
        .unwrap();
        assert_eq!(account.email, "profile@example.com");
    }

    #[test]
    fn bad_profiles_name_the_problem() {
        let cases = [
            (Some("{not json"), "not valid JSON"),
            (Some("[1]"), "must be a JSON object"),
            (
                Some(r#"{"email":"a@b.c","frist_name":"A"}"#),
                "\"frist_name\"",
            ),
            (
                Some(r#"{"email":"a@b.c","license":"gold"}"#),
                "license \"gold\"",
            ),
            (
                Some(r#"{"email":"a@b.c","action":"make"}"#),
                "action \"make\"",
            ),
            (Some(r#"{"email":["a@b.c"]}"#), "email must be a string"),
            (
                Some(r#"{"first_name":"A"}"#),
                "missing required account field email",
            ),
            (None, "missing required account field email"),
        ];
        for (profile, expected) in cases {
            let err = NewAccount::from_profile(profile, None, None).unwrap_err();
            assert!(err.to_string().contains(expected), "{profile:?}: {err}");
        }
    }
}
