//! The fixtures, the check every test applies to them, and the values they share.

use std::fmt::Debug;

use c1z::{
    AccountType, Annotated, Entitlement, Grant, Resource, ResourceId, ResourceType,
    SkipEntitlementsAndGrants, Trait, UserStatus, UserStatusKind, UserTrait,
};
use prost::Message;
use prost_types::{Duration, Struct};

/// The host id every client-sent fixture carries.
pub const HOST_ID: &str = "3f6c2a9d81b4";
/// Jane Doe's Zoom user id.
pub const JANE: &str = "KDcuGIm1QgePTO8WbOqwIQ";
/// José Martínez's Zoom user id.
pub const JOSE: &str = "pN3bXq7RTm2sVwYh5LkJdA";

/// The bytes of `fixtures/baton-service/<name>.binpb`.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/baton-service/{name}.binpb",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

/// The fixture decodes to `expected`, and `expected` encodes to exactly the fixture's bytes.
pub fn pinned<M: Message + Default + PartialEq + Debug>(name: &str, expected: &M) {
    let bytes = fixture(name);
    let decoded = M::decode(bytes.as_slice()).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(&decoded, expected, "{name} decodes to other values");
    assert_eq!(
        expected.encode_to_vec(),
        bytes,
        "{name}: our encoding differs from Go's"
    );
}

/// A `google.protobuf.Struct` from a JSON object.
pub fn profile(value: serde_json::Value) -> Struct {
    match value {
        serde_json::Value::Object(map) => c1z::struct_from_json(map),
        other => panic!("a profile is a JSON object, not {other}"),
    }
}

/// Whole seconds as a `google.protobuf.Duration`.
pub fn seconds(seconds: i64) -> Option<Duration> {
    Some(Duration { seconds, nanos: 0 })
}

/// A resource as the SDK's resource helpers build it outside a listing (no creation source).
pub fn resource(resource_type: &str, id: &str, display_name: &str) -> Resource {
    Resource {
        creation_source: 0,
        ..Resource::new(ResourceId::new(resource_type, id), display_name)
    }
}

/// The `user` resource type as baton-zoom's user syncer declares it.
pub fn user_type() -> ResourceType {
    ResourceType::new("user", "User", &[Trait::User]).annotate(&SkipEntitlementsAndGrants {})
}

/// Jane Doe as a grant principal: no parent, a full user trait.
pub fn jane() -> Resource {
    let user_trait = UserTrait {
        status: Some(UserStatus {
            status: UserStatusKind::Enabled as i32,
            details: String::new(),
        }),
        login: "jane.doe@example.com".into(),
        ..human("jane.doe@example.com", "Jane", "Doe", JANE)
    };
    resource("user", JANE, "Jane Doe").annotate(&user_trait)
}

/// The user trait of a person with one (primary) email, and the Zoom fields of the
/// fixtures' profiles; status and login left as the fixture needs them.
pub fn human(email: &str, first_name: &str, last_name: &str, user_id: &str) -> UserTrait {
    UserTrait {
        emails: vec![c1z::UserEmail {
            address: email.into(),
            is_primary: true,
        }],
        profile: Some(profile(serde_json::json!({
            "first_name": first_name,
            "last_name": last_name,
            "login": email,
            "user_id": user_id,
        }))),
        account_type: AccountType::Human as i32,
        ..UserTrait::default()
    }
}

/// The Engineering group as baton-zoom's group syncer returns it.
pub fn engineering() -> Resource {
    resource("group", "Rk2x8JmQTqW3vN5bLpYc7g", "Engineering").annotate(
        &c1z::GroupTrait::with_profile(profile(serde_json::json!({
            "group_id": "Rk2x8JmQTqW3vN5bLpYc7g",
            "group_name": "Engineering",
        }))),
    )
}

/// The Engineering group's `member` entitlement.
pub fn engineering_member() -> Entitlement {
    Entitlement {
        display_name: "Engineering group member".into(),
        description: "Zoom Engineering group".into(),
        grantable_to: vec![user_type()],
        ..Entitlement::assignment(&engineering(), "member")
    }
}

/// The Help Desk role's `member` entitlement.
pub fn help_desk_member() -> Entitlement {
    let role = resource("role", "qF7mZp2WS0eXvB9tKc4LhA", "Help Desk").annotate(
        &c1z::RoleTrait::with_profile(profile(serde_json::json!({
            "role_id": "qF7mZp2WS0eXvB9tKc4LhA",
            "role_name": "Help Desk",
        }))),
    );
    Entitlement {
        display_name: "Help Desk role member".into(),
        description: "Role Help Desk in zoom".into(),
        grantable_to: vec![user_type()],
        ..Entitlement::permission(&role, "member")
    }
}

/// A grant of `entitlement` (embedded as given) to Jane, in full.
pub fn grant_to_jane(entitlement: Entitlement) -> Grant {
    Grant {
        id: format!("{}:user:{JANE}", entitlement.id),
        entitlement: Some(entitlement),
        principal: Some(jane()),
        ..Grant::default()
    }
}
