//! `capabilities` and `config`: what the connector can do and which settings it takes, in
//! the JSON shapes the Go connector prints, so ConductorOne's tooling reads ours the same.

use c1z::ResourceType;
use serde_json::{Value, json};

use c1_proto::connector::{
    AccountCreationField, Capability, CapabilityDetailCredentialOption,
    ConnectorAccountCreationSchema, ConnectorCapabilities, ConnectorMetadata, CredentialDetails,
    CredentialDetailsAccountProvisioning, FieldKind, ResourceTypeCapability, StringField,
};

use crate::protojson::ProtoJsonOf;

/// What the connector can do with each resource type. Types are sorted by id and
/// capabilities in the SDK's derivation order.
const RESOURCE_TYPE_CAPABILITIES: &[(&str, &[Capability])] = &[
    ("contactGroup", &[Capability::Sync, Capability::Provision]),
    ("group", &[Capability::Sync, Capability::Provision]),
    ("invite", &[Capability::Sync, Capability::ResourceDelete]),
    ("license", &[Capability::Sync, Capability::Provision]),
    ("role", &[Capability::Sync, Capability::Provision]),
    (
        "user",
        &[
            Capability::Sync,
            Capability::AccountProvisioning,
            Capability::ResourceDelete,
        ],
    ),
];

/// The credential option of account creation: Zoom invites the user, who sets a password.
const NO_PASSWORD: CapabilityDetailCredentialOption = CapabilityDetailCredentialOption::NoPassword;

/// The union of the per-type capabilities, sorted by value as the SDK sorts them.
fn connector_capabilities() -> Vec<Capability> {
    let mut union: Vec<Capability> = RESOURCE_TYPE_CAPABILITIES
        .iter()
        .flat_map(|(_, capabilities)| capabilities.iter().copied())
        .collect();
    union.sort();
    union.dedup();
    union
}

fn names(capabilities: &[Capability]) -> Vec<&'static str> {
    capabilities.iter().map(Capability::as_str_name).collect()
}

/// `ConnectorCapabilities` packed in an `Any`, as `baton-zoom capabilities` prints it, with
/// each of `resource_types` as protojson (id, display name, traits, annotations).
pub fn capabilities(resource_types: &[ResourceType]) -> serde_json::Result<Value> {
    let per_type = RESOURCE_TYPE_CAPABILITIES
        .iter()
        .map(|(id, capabilities)| {
            let resource_type = match resource_types.iter().find(|rt| rt.id == *id) {
                Some(resource_type) => serde_json::to_value(ProtoJsonOf(resource_type))?,
                None => json!({ "id": id }),
            };
            Ok(json!({ "resourceType": resource_type, "capabilities": names(capabilities) }))
        })
        .collect::<serde_json::Result<Vec<Value>>>()?;
    Ok(json!({
        "@type": "type.googleapis.com/c1.connector.v2.ConnectorCapabilities",
        "resourceTypeCapabilities": per_type,
        "connectorCapabilities": names(&connector_capabilities()),
        "credentialDetails": {
            "capabilityAccountProvisioning": {
                "supportedCredentialOptions": ["CAPABILITY_DETAIL_CREDENTIAL_OPTION_NO_PASSWORD"],
                "preferredCredentialOption": "CAPABILITY_DETAIL_CREDENTIAL_OPTION_NO_PASSWORD"
            }
        }
    }))
}

/// The connector's metadata as a self-hosted connector sends it in Hello: the same
/// capabilities `capabilities` prints, and the account form provisioning accepts.
pub fn connector_metadata() -> ConnectorMetadata {
    let resource_types = connector::kinds::resource_types();
    let per_type = RESOURCE_TYPE_CAPABILITIES
        .iter()
        .map(|(id, capabilities)| ResourceTypeCapability {
            resource_type: resource_types.iter().find(|rt| rt.id == *id).cloned(),
            capabilities: capabilities.iter().map(|c| *c as i32).collect(),
        })
        .collect();
    let field_map = connector::provision::account_creation_schema()
        .iter()
        .map(|field| {
            let form_field = AccountCreationField {
                display_name: field.display_name.to_owned(),
                required: field.required,
                description: field.description.to_owned(),
                placeholder: field.placeholder.to_owned(),
                order: field.order,
                deprecated: false,
                field: Some(FieldKind::StringField(StringField::default())),
            };
            (field.key.to_owned(), form_field)
        })
        .collect();
    ConnectorMetadata {
        display_name: "Zoom".to_owned(),
        description: "Connector syncing users, invitations, groups and group admins, roles, contact groups and licences from Zoom to Baton.".to_owned(),
        capabilities: Some(ConnectorCapabilities {
            resource_type_capabilities: per_type,
            connector_capabilities: connector_capabilities().iter().map(|c| *c as i32).collect(),
            credential_details: Some(CredentialDetails {
                capability_account_provisioning: Some(CredentialDetailsAccountProvisioning {
                    supported_credential_options: vec![NO_PASSWORD as i32],
                    preferred_credential_option: NO_PASSWORD as i32,
                }),
                capability_credential_rotation: None,
            }),
        }),
        account_creation_schema: Some(ConnectorAccountCreationSchema { field_map }),
        ..ConnectorMetadata::default()
    }
}

/// The settings a ConductorOne-hosted connector is configured with (`c1.config.v1`
/// `Configuration` as protojson): the Go connector's three credentials, our endpoint and
/// pacing settings, and the SDK's log level; sorted by name as the SDK sorts them.
pub fn config_schema() -> Value {
    let mut fields = vec![
        string_field(
            "account-id",
            "Account ID",
            "Account ID used to generate token providing access to Zoom API.",
            Required::Yes,
        ),
        string_field(
            "zoom-client-id",
            "Client ID",
            "Client ID used to generate token providing access to Zoom API.",
            Required::Yes,
        ),
        secret_field(
            "zoom-client-secret",
            "Client Secret",
            "Client Secret used to generate token providing access to Zoom API.",
        ),
        string_field(
            "zoom-api-url",
            "API URL",
            "Zoom API base URL; https://api.zoomgov.com/v2 for ZoomGov.",
            Required::No(zoom_api::DEFAULT_API_URL),
        ),
        string_field(
            "zoom-oauth-url",
            "OAuth URL",
            "Zoom OAuth token URL; https://zoomgov.com/oauth/token for ZoomGov.",
            Required::No(zoom_api::DEFAULT_OAUTH_URL),
        ),
        string_field(
            "zoom-plan",
            "Zoom plan",
            "The account's Zoom plan (auto, pro or business), which sets the API rate limits; auto learns them from Zoom's answers.",
            Required::No("auto"),
        ),
        json!({
            "name": "rate-limit-share",
            "displayName": "Rate limit share",
            "description": "Share of the account's API rate limits this connector may use.",
            "stringField": { "defaultValue": zoom_api::DEFAULT_BUDGET_SHARE.to_string() }
        }),
        json!({
            "name": "log-level",
            "displayName": "Log Level",
            "description": "The log level: error, warn, info, debug",
            "isOps": true,
            "stringField": { "defaultValue": "info" }
        }),
    ];
    fields.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    json!({
        "fields": fields,
        "displayName": "Zoom",
        "helpUrl": "/docs/baton/zoom",
        "iconUrl": "/static/app-icons/zoom.svg"
    })
}

/// Whether a setting must be given, or its default.
enum Required {
    Yes,
    No(&'static str),
}

fn string_field(name: &str, display_name: &str, description: &str, required: Required) -> Value {
    let mut field =
        json!({ "name": name, "displayName": display_name, "description": description });
    match required {
        Required::Yes => {
            field["isRequired"] = json!(true);
            field["stringField"] = json!({});
        }
        Required::No(default) => field["stringField"] = json!({ "defaultValue": default }),
    }
    field
}

fn secret_field(name: &str, display_name: &str, description: &str) -> Value {
    let mut field = string_field(name, display_name, description, Required::Yes);
    field["isSecret"] = json!(true);
    field
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capabilities_keep_the_go_connector_entries_and_add_ours() {
        let value = capabilities(&[ResourceType::new("user", "User", &[c1z::Trait::User])])
            .expect("resource types render");
        let per_type = value["resourceTypeCapabilities"].as_array().unwrap();
        let ids: Vec<_> = per_type
            .iter()
            .map(|t| t["resourceType"]["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            ["contactGroup", "group", "invite", "license", "role", "user"]
        );
        assert_eq!(per_type[5]["resourceType"]["displayName"], "User");
        assert_eq!(per_type[5]["resourceType"]["traits"], json!(["TRAIT_USER"]));
        assert_eq!(per_type[0]["resourceType"], json!({"id": "contactGroup"}));
        assert_eq!(
            per_type[5]["capabilities"],
            json!([
                "CAPABILITY_SYNC",
                "CAPABILITY_ACCOUNT_PROVISIONING",
                "CAPABILITY_RESOURCE_DELETE"
            ])
        );
        assert_eq!(
            value["@type"],
            "type.googleapis.com/c1.connector.v2.ConnectorCapabilities"
        );
    }

    #[test]
    fn connector_capabilities_are_the_union_of_the_types_in_enum_order() {
        assert_eq!(
            names(&connector_capabilities()),
            [
                "CAPABILITY_PROVISION",
                "CAPABILITY_SYNC",
                "CAPABILITY_ACCOUNT_PROVISIONING",
                "CAPABILITY_RESOURCE_DELETE"
            ]
        );
    }

    #[test]
    fn hello_metadata_agrees_with_the_capabilities_json() {
        let metadata = connector_metadata();
        let capabilities = metadata.capabilities.as_ref().unwrap();
        let json = capabilities_of_every_type();
        let per_type: Vec<(String, Vec<&str>)> = capabilities
            .resource_type_capabilities
            .iter()
            .map(|rtc| {
                let id = rtc.resource_type.as_ref().unwrap().id.clone();
                let caps = rtc
                    .capabilities
                    .iter()
                    .map(|c| Capability::try_from(*c).unwrap().as_str_name())
                    .collect();
                (id, caps)
            })
            .collect();
        let from_json: Vec<(String, Vec<&str>)> = json["resourceTypeCapabilities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let caps = t["capabilities"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| capability_name_of(c.as_str().unwrap()))
                    .collect();
                (t["resourceType"]["id"].as_str().unwrap().to_owned(), caps)
            })
            .collect();
        assert_eq!(per_type, from_json);
        let schema = metadata.account_creation_schema.unwrap();
        assert_eq!(schema.field_map["email"].order, 1);
        assert!(schema.field_map["email"].required);
        assert!(!metadata.display_name.is_empty() && !metadata.description.is_empty());
    }

    fn capabilities_of_every_type() -> Value {
        capabilities(&connector::kinds::resource_types()).expect("resource types render")
    }

    fn capability_name_of(name: &str) -> &'static str {
        (0..=12)
            .filter_map(|n| Capability::try_from(n).ok())
            .map(|capability| capability.as_str_name())
            .find(|known| *known == name)
            .unwrap()
    }

    #[test]
    fn config_fields_are_sorted_and_the_secret_is_marked() {
        let schema = config_schema();
        let fields = schema["fields"].as_array().unwrap();
        let names: Vec<_> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        let secret = fields
            .iter()
            .find(|f| f["name"] == "zoom-client-secret")
            .unwrap();
        assert_eq!(secret["isSecret"], true);
        assert_eq!(secret["isRequired"], true);
        assert_eq!(schema["displayName"], "Zoom");
    }
}
