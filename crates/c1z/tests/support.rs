//! Shared fixtures: a small access graph that uses every message kind and annotation.

use std::path::Path;

use c1z::{
    Annotated, AppFlag, AppTrait, AssetRef, Batch, BatonId, ChildResourceType, ETag, Entitlement,
    EntitlementImmutable, ExternalLink, Grant, GrantExpandable, GrantImmutable, GrantMetadata,
    GrantSource, GrantSources, GroupTrait, MfaStatus, RawId, ReadOptions, Reader, Resource,
    ResourceId, ResourceType, RoleTrait, SkipEntitlements, SkipEntitlementsAndGrants, SkipGrants,
    SsoStatus, StructuredName, Trait, UserStatusKind, UserTrait, V1Identifier, struct_from_json,
};
use prost_types::{Struct, Timestamp};
use serde_json::json;

/// A JSON object literal as a protobuf Struct.
pub fn profile(value: serde_json::Value) -> Struct {
    match value {
        serde_json::Value::Object(object) => struct_from_json(object),
        other => panic!("profile fixtures are objects, got {other}"),
    }
}

/// The rows of one sync. `generation` changes names and membership so syncs differ.
pub fn graph(generation: usize) -> Batch {
    let user_type = ResourceType::new("user", "User", &[Trait::User])
        .with_description("Zoom user")
        .annotate(&SkipEntitlementsAndGrants {});
    let group_type = ResourceType::new("group", "Group", &[Trait::Group]).annotate(&ExternalLink {
        url: "https://example.com/groups".into(),
    });
    let role_type =
        ResourceType::new("role", "Role", &[Trait::Role]).annotate(&SkipEntitlements {});
    let app_type = ResourceType::new("app", "App", &[Trait::App])
        .annotate(&SkipGrants {})
        .annotate(&V1Identifier {
            id: "legacy-app".into(),
        });

    let users: Vec<Resource> = (1..=3 + generation)
        .map(|n| {
            let trait_ = UserTrait {
                icon: Some(AssetRef {
                    id: format!("avatar-{n}"),
                }),
                login_aliases: vec![format!("alias{n}")],
                mfa_status: Some(MfaStatus {
                    mfa_enabled: n % 2 == 0,
                }),
                sso_status: Some(SsoStatus { sso_enabled: true }),
                structured_name: Some(StructuredName {
                    given_name: format!("Given{n}"),
                    family_name: "Family".into(),
                    middle_names: vec!["M".into()],
                    prefix: "Dr".into(),
                    suffix: "Jr".into(),
                }),
                ..UserTrait::new()
                    .with_email(format!("user{n}@example.com"), true)
                    .with_email(format!("alt{n}@example.com"), false)
                    .with_status(
                        if n == 2 {
                            UserStatusKind::Disabled
                        } else {
                            UserStatusKind::Enabled
                        },
                        if n == 2 { "inactive" } else { "active" },
                    )
                    .with_login(format!("user{n}@example.com"))
                    .with_profile(profile(json!({
                        "first_name": format!("Given{n}"),
                        "type": 1,
                        "dept": null,
                        "group_ids": ["g1", "g2"],
                        "nested": {"verified": true, "score": 2.5}
                    })))
                    .with_created_at(Timestamp {
                        seconds: 1_700_000_000 + n as i64,
                        nanos: 5,
                    })
                    .with_last_login(Timestamp {
                        seconds: 1_710_000_000,
                        nanos: 0,
                    })
                    .with_employee_id(format!("E{n}"))
            };
            Resource::new(
                ResourceId::new("user", format!("u{n}")),
                format!("User {n} gen {generation}"),
            )
            .annotate(&trait_)
            .annotate(&RawId {
                id: format!("raw-u{n}"),
            })
        })
        .collect();
    let groups: Vec<Resource> = (1..=2)
        .map(|n| {
            Resource::new(
                ResourceId::new("group", format!("g{n}")),
                format!("Group {n}"),
            )
            .with_description("a group")
            .annotate(&GroupTrait::with_profile(profile(
                json!({"group_name": format!("Group {n}"), "group_id": format!("g{n}")}),
            )))
            .annotate(&ChildResourceType {
                resource_type_id: "user".into(),
            })
            .annotate(&ExternalLink {
                url: format!("https://example.com/g{n}"),
            })
        })
        .collect();
    let role = Resource::new(ResourceId::new("role", "r1"), "Admin").annotate(
        &RoleTrait::with_profile(profile(json!({"role_name": "Admin", "role_id": "r1"}))),
    );
    let app = Resource::new(ResourceId::new("app", "a1"), "Console")
        .with_parent(ResourceId::new("group", "g1"))
        .annotate(&AppTrait {
            help_url: "https://example.com/help".into(),
            icon: Some(AssetRef { id: "icon".into() }),
            logo: Some(AssetRef { id: "logo".into() }),
            profile: Some(profile(json!({"k": "v"}))),
            flags: vec![AppFlag::Saml as i32, AppFlag::Hidden as i32],
        })
        .annotate(&BatonId {});

    let mut entitlements = Vec::new();
    for group in &groups {
        let name = &group.display_name;
        entitlements.push(
            Entitlement::assignment(group, "member")
                .with_display_name(format!("{name} group member"))
                .with_description(format!("Zoom {name} group"))
                .with_grantable_to(&[&user_type])
                .annotate(&ETag {
                    value: "etag-1".into(),
                    entitlement_id: String::new(),
                }),
        );
        entitlements.push(
            Entitlement::assignment(group, "admin")
                .with_display_name(format!("{name} group admin"))
                .with_grantable_to(&[&user_type, &group_type]),
        );
    }
    entitlements.push(
        Entitlement::permission(&role, "member")
            .with_display_name("Admin role member")
            .annotate(&EntitlementImmutable {
                source_id: "idp".into(),
                metadata: Some(profile(json!({"why": "managed"}))),
            }),
    );

    let mut grants = Vec::new();
    for user in &users {
        let principal = user.id.clone().expect("fixture users have ids");
        let n: usize = principal.resource[1..]
            .parse()
            .expect("fixture ids are u<n>");
        let group = format!("g{}", 1 + n % 2);
        grants.push(Grant::new(
            &ResourceId::new("group", group),
            "member",
            principal.clone(),
        ));
        if n == 1 {
            grants.push(
                Grant::new(&ResourceId::new("role", "r1"), "member", principal.clone())
                    .annotate(&GrantImmutable {
                        source_id: "idp".into(),
                        metadata: None,
                    })
                    .annotate(&GrantMetadata {
                        metadata: Some(profile(json!({"since": "2024"}))),
                    }),
            );
        }
    }
    let mut nested = Grant::new(
        &ResourceId::new("group", "g1"),
        "member",
        ResourceId::new("group", "g2"),
    )
    .annotate(&GrantExpandable {
        entitlement_ids: vec!["group:g2:member".into()],
        shallow: false,
        resource_type_ids: vec!["user".into()],
    });
    nested.sources = Some(GrantSources {
        sources: [(
            "group:g2:member".to_owned(),
            GrantSource { is_direct: true },
        )]
        .into(),
    });
    grants.push(nested);

    let mut resources = users;
    resources.extend(groups);
    resources.push(role);
    resources.push(app);
    Batch {
        resource_types: vec![user_type, group_type, role_type, app_type],
        resources,
        entitlements,
        grants,
        checkpoint: None,
    }
}

/// Opens a `.c1z` with default options, failing the test on error.
pub fn read(path: &Path) -> Reader {
    Reader::open(path, &ReadOptions::default()).expect("c1z opens")
}

/// Collects a query's rows, failing the test on error.
pub fn all<R>(rows: impl IntoIterator<Item = c1z::Result<R>>) -> Vec<R> {
    rows.into_iter()
        .collect::<c1z::Result<_>>()
        .expect("rows decode")
}
