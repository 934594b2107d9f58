//! Hello requests: build and OS info and the Go connector's metadata with capabilities.

use c1_proto::baton::*;
use c1_proto::connector::*;
use c1z::{ResourceType, Trait};

use crate::support::{HOST_ID, pinned, user_type};

fn type_capability(
    resource_type: ResourceType,
    capabilities: &[Capability],
) -> ResourceTypeCapability {
    ResourceTypeCapability {
        resource_type: Some(resource_type),
        capabilities: capabilities.iter().map(|c| *c as i32).collect(),
    }
}

fn string_field(
    display_name: &str,
    description: &str,
    placeholder: &str,
    order: i32,
) -> AccountCreationField {
    AccountCreationField {
        display_name: display_name.into(),
        required: true,
        description: description.into(),
        placeholder: placeholder.into(),
        order,
        deprecated: false,
        field: Some(FieldKind::StringField(StringField::default())),
    }
}

/// The Go baton-zoom connector's `GetMetadata()` result, as the fixture README states it.
fn go_connector_metadata() -> ConnectorMetadata {
    use Capability::*;
    let no_password = CapabilityDetailCredentialOption::NoPassword as i32;
    ConnectorMetadata {
        display_name: "Zoom".into(),
        description:
            "Connector syncing users, groups, roles and contact groups from Zoom to Baton.".into(),
        capabilities: Some(ConnectorCapabilities {
            resource_type_capabilities: vec![
                type_capability(
                    ResourceType::new("contactGroup", "Contact Group", &[Trait::Group]),
                    &[Sync],
                ),
                type_capability(
                    ResourceType::new("group", "Group", &[Trait::Group]),
                    &[Sync, Provision],
                ),
                type_capability(
                    ResourceType::new("role", "Role", &[Trait::Role]),
                    &[Sync, Provision],
                ),
                type_capability(user_type(), &[Sync, AccountProvisioning, ResourceDelete]),
            ],
            connector_capabilities: [Provision, Sync, AccountProvisioning, ResourceDelete]
                .map(|c| c as i32)
                .to_vec(),
            credential_details: Some(CredentialDetails {
                capability_account_provisioning: Some(CredentialDetailsAccountProvisioning {
                    supported_credential_options: vec![no_password],
                    preferred_credential_option: no_password,
                }),
                capability_credential_rotation: None,
            }),
        }),
        account_creation_schema: Some(ConnectorAccountCreationSchema {
            field_map: [
                (
                    "display_name",
                    string_field(
                        "Display Name",
                        "This is the name that will be displayed on the new account.",
                        "John Doe",
                        4,
                    ),
                ),
                (
                    "email",
                    string_field(
                        "Email",
                        "This email will be used as the login for the user.",
                        "john.doe@example.com",
                        1,
                    ),
                ),
                (
                    "first_name",
                    string_field(
                        "First Name",
                        "First name of the person who will own the user.",
                        "John",
                        2,
                    ),
                ),
                (
                    "last_name",
                    string_field(
                        "Last Name",
                        "Last name of the person who will own the user.",
                        "Doe",
                        3,
                    ),
                ),
            ]
            .map(|(key, field)| (key.to_owned(), field))
            .into(),
        }),
        ..ConnectorMetadata::default()
    }
}

fn hello(task_id: &str) -> BatonServiceHelloRequest {
    BatonServiceHelloRequest {
        host_id: HOST_ID.into(),
        task_id: task_id.into(),
        build_info: Some(BuildInfo {
            lang_version: "go1.23.5".into(),
            package: "github.com/conductorone/baton-zoom".into(),
            package_version: "(devel)".into(),
        }),
        os_info: Some(OsInfo {
            hostname: HOST_ID.into(),
            os: "linux".into(),
            platform: "debian".into(),
            platform_version: "12.11".into(),
            platform_family: "debian".into(),
            kernel_version: "6.1.0-37-cloud-amd64".into(),
            kernel_arch: "x86_64".into(),
            virtualization_system: "docker".into(),
        }),
        connector_metadata: Some(go_connector_metadata()),
        annotations: vec![],
    }
}

#[test]
fn startup_hello_carries_build_os_and_connector_metadata() {
    pinned("hello_request", &hello(""));
}

#[test]
fn hello_for_a_hello_task_carries_its_task_id() {
    pinned("hello_request_task", &hello("2uVd5R0aZk4TnM8wXq2LbC6yPfG"));
}
