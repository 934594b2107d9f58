//! `capabilities` and `config`: what the connector can do and which settings it takes, in
//! the JSON shapes the Go connector prints, so ConductorOne's tooling reads ours the same.

use serde_json::{Value, json};

/// What the connector can do with each resource type, as `c1.connector.v2.Capability` names.
/// Types are sorted by id and capabilities in the SDK's derivation order.
const RESOURCE_TYPE_CAPABILITIES: &[(&str, &[&str])] = &[
    ("contactGroup", &["CAPABILITY_SYNC", "CAPABILITY_PROVISION"]),
    ("group", &["CAPABILITY_SYNC", "CAPABILITY_PROVISION"]),
    ("invite", &["CAPABILITY_SYNC", "CAPABILITY_RESOURCE_DELETE"]),
    ("license", &["CAPABILITY_SYNC", "CAPABILITY_PROVISION"]),
    ("role", &["CAPABILITY_SYNC", "CAPABILITY_PROVISION"]),
    (
        "user",
        &[
            "CAPABILITY_SYNC",
            "CAPABILITY_ACCOUNT_PROVISIONING",
            "CAPABILITY_RESOURCE_DELETE",
        ],
    ),
];

/// The union of the per-type capabilities, in the enum's numeric order.
const CONNECTOR_CAPABILITIES: &[&str] = &[
    "CAPABILITY_PROVISION",
    "CAPABILITY_SYNC",
    "CAPABILITY_ACCOUNT_PROVISIONING",
    "CAPABILITY_RESOURCE_DELETE",
];

/// `ConnectorCapabilities` packed in an `Any`, as `baton-zoom capabilities` prints it.
/// `resource_types` supplies each type's protojson (id, display name, traits, annotations).
pub fn capabilities(resource_types: &[Value]) -> Value {
    let per_type: Vec<Value> = RESOURCE_TYPE_CAPABILITIES
        .iter()
        .map(|(id, capabilities)| {
            let resource_type = resource_types
                .iter()
                .find(|rt| rt["id"] == *id)
                .cloned()
                .unwrap_or_else(|| json!({ "id": id }));
            json!({ "resourceType": resource_type, "capabilities": capabilities })
        })
        .collect();
    json!({
        "@type": "type.googleapis.com/c1.connector.v2.ConnectorCapabilities",
        "resourceTypeCapabilities": per_type,
        "connectorCapabilities": CONNECTOR_CAPABILITIES,
        "credentialDetails": {
            "capabilityAccountProvisioning": {
                "supportedCredentialOptions": ["CAPABILITY_DETAIL_CREDENTIAL_OPTION_NO_PASSWORD"],
                "preferredCredentialOption": "CAPABILITY_DETAIL_CREDENTIAL_OPTION_NO_PASSWORD"
            }
        }
    })
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
        let value = capabilities(&[json!({"id": "user", "displayName": "User"})]);
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
    fn connector_capabilities_are_the_union_of_the_types() {
        let mut union: Vec<&str> = RESOURCE_TYPE_CAPABILITIES
            .iter()
            .flat_map(|(_, caps)| caps.iter().copied())
            .collect();
        union.sort();
        union.dedup();
        let mut ours = CONNECTOR_CAPABILITIES.to_vec();
        ours.sort();
        assert_eq!(union, ours);
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
