//! The `c1.connector.v2` protobuf messages stored in a `.c1z` file, written by hand.
//!
//! Field numbers, enum values and package names follow baton-sdk v0.3.12 exactly, so the
//! bytes we store decode in ConductorOne's Go tools and `Any` type URLs resolve in their
//! registries. Only the subset a connector writes is modelled; unknown fields found in files
//! written by newer SDKs are skipped on decode.
//!
//! Nested protobuf types are flattened to top-level Rust names (`UserTrait.Email` is
//! [`UserEmail`], `Entitlement.PurposeValue` is [`Purpose`]) to keep paths short.

mod access;
mod annotation_types;
mod resource;
mod traits;

pub use access::{Entitlement, Grant, GrantSource, GrantSources, Purpose};
pub use annotation_types::{
    BatonId, ChildResourceType, ETag, EntitlementImmutable, ExternalLink, GrantExpandable,
    GrantImmutable, GrantMetadata, RateLimitDescription, RateLimitStatus, RawId, SkipEntitlements,
    SkipEntitlementsAndGrants, SkipGrants, V1Identifier,
};
pub use resource::{
    AssetRef, CreationSource, ExternalId, Resource, ResourceId, ResourceType, Trait,
};
pub use traits::{
    AccountType, AppFlag, AppTrait, GroupTrait, MfaStatus, RoleTrait, SsoStatus, StructuredName,
    UserEmail, UserStatus, UserStatusKind, UserSummary, UserTrait,
};

/// The protobuf package of every message in this module; part of each `Any` type URL.
pub const PACKAGE: &str = "c1.connector.v2";

/// Prefix Go's `anypb` puts before a full message name in an `Any` type URL.
pub const TYPE_URL_PREFIX: &str = "type.googleapis.com/";

/// Implements [`prost::Name`] for messages of a protobuf package, with the
/// `type.googleapis.com/` URL Go writes (prost's default URL has no host), so `Any` values we
/// pack resolve in Go's registries. Exported for the crates that model baton's other packages.
///
/// ```
/// #[derive(Clone, PartialEq, prost::Message)]
/// pub struct Ping {}
/// c1z::proto_name!("example.v1"; Ping => "Ping");
/// assert_eq!(<Ping as prost::Name>::type_url(), "type.googleapis.com/example.v1.Ping");
/// ```
#[macro_export]
macro_rules! proto_name {
    ($package:expr; $($ty:ident => $name:literal),* $(,)?) => {
        $(
            impl ::prost::Name for $ty {
                const NAME: &'static str = $name;
                const PACKAGE: &'static str = $package;

                fn type_url() -> String {
                    format!("{}{}.{}", $crate::model::TYPE_URL_PREFIX, Self::PACKAGE, Self::NAME)
                }
            }
        )*
    };
}

/// [`proto_name!`] for the messages of this module's `c1.connector.v2` package.
macro_rules! connector_v2_name {
    ($($ty:ident => $name:literal),* $(,)?) => {
        $crate::proto_name!($crate::model::PACKAGE; $($ty => $name),*);
    };
}
pub(crate) use connector_v2_name;

#[cfg(test)]
mod tests {
    //! Pins field numbers and wire types: every field is set, the encoding is scanned, and
    //! the (field number, wire type) sequence is compared with the `.proto` definitions.
    use super::*;
    use crate::annotate::{Annotated, pack};
    use prost::Message;
    use prost_types::{Struct, Timestamp};

    /// Top-level (field number, wire type) pairs of an encoded message.
    fn fields(bytes: &[u8]) -> Vec<(u64, u8)> {
        let mut buf = bytes;
        let mut out = Vec::new();
        while !buf.is_empty() {
            let key = prost::encoding::decode_varint(&mut buf).expect("test encodings are valid");
            let wire = (key & 7) as u8;
            match wire {
                0 => {
                    prost::encoding::decode_varint(&mut buf).expect("valid varint");
                }
                2 => {
                    let len = prost::encoding::decode_varint(&mut buf).expect("valid length");
                    buf = &buf[len as usize..];
                }
                other => panic!("unexpected wire type {other}"),
            }
            out.push((key >> 3, wire));
        }
        out
    }

    fn profile() -> Struct {
        crate::struct_from_json(serde_json::Map::from_iter([("k".into(), "v".into())]))
    }

    #[test]
    fn resource_type_fields_match_the_proto() {
        let rt = ResourceType {
            description: "d".into(),
            sourced_externally: true,
            ..ResourceType::new("user", "User", &[Trait::User, Trait::Group])
        }
        .annotate(&SkipEntitlementsAndGrants {});
        assert_eq!(
            fields(&rt.encode_to_vec()),
            [(1, 2), (2, 2), (3, 2), (4, 2), (5, 2), (6, 0)]
        );
        // Traits are packed: one length-delimited field holding varints 1 and 2.
        let packed = ResourceType::new("", "", &[Trait::User, Trait::Group]).encode_to_vec();
        assert_eq!(packed, [0x1a, 0x02, 0x01, 0x02]);
    }

    #[test]
    fn resource_fields_match_the_proto() {
        let resource = Resource {
            baton_resource: true,
            external_id: Some(ExternalId::default()),
            ..Resource::new(ResourceId::new("group", "g"), "G")
                .with_parent(ResourceId::new("org", "o"))
                .with_description("d")
                .annotate(&GroupTrait::with_profile(profile()))
        };
        assert_eq!(
            fields(&resource.encode_to_vec()),
            [
                (1, 2),
                (2, 2),
                (3, 2),
                (4, 2),
                (5, 2),
                (6, 0),
                (7, 2),
                (8, 0)
            ]
        );
        let id = ResourceId {
            baton_resource: true,
            ..ResourceId::new("a", "b")
        };
        assert_eq!(fields(&id.encode_to_vec()), [(1, 2), (2, 2), (3, 0)]);
    }

    #[test]
    fn entitlement_and_grant_fields_match_the_proto() {
        let group = Resource::new(ResourceId::new("group", "g"), "G");
        let user_type = ResourceType::new("user", "User", &[Trait::User]);
        let ent = Entitlement::assignment(&group, "member")
            .with_description("d")
            .with_grantable_to(&[&user_type])
            .annotate(&EntitlementImmutable::default());
        assert_eq!(
            fields(&ent.encode_to_vec()),
            [
                (1, 2),
                (2, 2),
                (3, 2),
                (4, 2),
                (5, 2),
                (6, 2),
                (7, 0),
                (8, 2)
            ]
        );
        let mut grant = Grant::new(
            &ResourceId::new("group", "g"),
            "member",
            ResourceId::new("user", "u"),
        )
        .annotate(&GrantExpandable::default());
        grant.sources = Some(GrantSources {
            sources: [("group:g:member".to_owned(), GrantSource { is_direct: true })].into(),
        });
        assert_eq!(
            fields(&grant.encode_to_vec()),
            [(1, 2), (2, 2), (3, 2), (4, 2), (5, 2)]
        );
    }

    #[test]
    fn user_trait_fields_match_the_proto() {
        let ts = Timestamp {
            seconds: 1,
            nanos: 2,
        };
        let user = UserTrait {
            icon: Some(AssetRef { id: "i".into() }),
            login_aliases: vec!["a".into()],
            mfa_status: Some(MfaStatus { mfa_enabled: true }),
            sso_status: Some(SsoStatus { sso_enabled: true }),
            structured_name: Some(StructuredName::default()),
            ..UserTrait::new()
                .with_email("a@b.c", true)
                .with_profile(profile())
                .with_login("a@b.c")
                .with_created_at(ts)
                .with_last_login(ts)
                .with_employee_id("7")
        };
        let expected: Vec<(u64, u8)> = vec![
            (1, 2),
            (2, 2),
            (3, 2),
            (4, 2),
            (5, 0),
            (6, 2),
            (7, 2),
            (8, 2),
            (9, 2),
            (10, 2),
            (11, 2),
            (12, 2),
            (13, 2),
        ];
        assert_eq!(fields(&user.encode_to_vec()), expected);
        assert_eq!(
            user.status.as_ref().map(|s| s.status),
            Some(UserStatusKind::Enabled as i32)
        );
        assert_eq!(user.account_type, AccountType::Human as i32);

        // A stored UserTrait is found as a UserSummary and decodes to the same values.
        let resource = Resource::default().annotate(&user);
        let summary: UserSummary = resource
            .annotation()
            .expect("decodes")
            .expect("found under the UserTrait name");
        assert_eq!(
            summary,
            UserSummary {
                emails: user.emails.clone(),
                status: user.status.clone(),
                login: user.login.clone(),
                created_at: user.created_at,
                last_login: user.last_login,
            }
        );
    }

    #[test]
    fn type_urls_use_the_go_host_and_package() {
        assert_eq!(
            pack(&UserTrait::default()).type_url,
            "type.googleapis.com/c1.connector.v2.UserTrait"
        );
        assert_eq!(
            pack(&BatonId {}).type_url,
            "type.googleapis.com/c1.connector.v2.BatonID"
        );
        assert_eq!(
            pack(&ETag::default()).type_url,
            "type.googleapis.com/c1.connector.v2.ETag"
        );
    }

    /// Each value with its number and proto name.
    fn proto<E: Copy + Into<i32>>(
        values: &[E],
        name: fn(&E) -> &'static str,
    ) -> Vec<(i32, &'static str)> {
        values.iter().map(|v| ((*v).into(), name(v))).collect()
    }

    #[test]
    fn enum_values_match_the_proto() {
        use Trait as T;
        let traits = [
            T::Unspecified,
            T::User,
            T::Group,
            T::Role,
            T::App,
            T::Secret,
        ];
        assert_eq!(
            proto(&traits, Trait::as_str_name),
            [
                (0, "TRAIT_UNSPECIFIED"),
                (1, "TRAIT_USER"),
                (2, "TRAIT_GROUP"),
                (3, "TRAIT_ROLE"),
                (4, "TRAIT_APP"),
                (5, "TRAIT_SECRET")
            ]
        );
        use Purpose as P;
        assert_eq!(
            proto(
                &[P::Unspecified, P::Assignment, P::Permission],
                Purpose::as_str_name
            ),
            [
                (0, "PURPOSE_VALUE_UNSPECIFIED"),
                (1, "PURPOSE_VALUE_ASSIGNMENT"),
                (2, "PURPOSE_VALUE_PERMISSION")
            ]
        );
        use CreationSource as C;
        let sources = [
            C::Unspecified,
            C::ConnectorListResources,
            C::ConnectorListGrantsPrincipalJit,
        ];
        assert_eq!(
            proto(&sources, CreationSource::as_str_name),
            [
                (0, "CREATION_SOURCE_UNSPECIFIED"),
                (1, "CREATION_SOURCE_CONNECTOR_LIST_RESOURCES"),
                (2, "CREATION_SOURCE_CONNECTOR_LIST_GRANTS_PRINCIPAL_JIT")
            ]
        );
        use UserStatusKind as S;
        let statuses = [S::Unspecified, S::Enabled, S::Disabled, S::Deleted];
        assert_eq!(
            proto(&statuses, UserStatusKind::as_str_name),
            [
                (0, "STATUS_UNSPECIFIED"),
                (1, "STATUS_ENABLED"),
                (2, "STATUS_DISABLED"),
                (3, "STATUS_DELETED")
            ]
        );
        use AccountType as A;
        let accounts = [A::Unspecified, A::Human, A::Service, A::System];
        assert_eq!(
            proto(&accounts, AccountType::as_str_name),
            [
                (0, "ACCOUNT_TYPE_UNSPECIFIED"),
                (1, "ACCOUNT_TYPE_HUMAN"),
                (2, "ACCOUNT_TYPE_SERVICE"),
                (3, "ACCOUNT_TYPE_SYSTEM")
            ]
        );
        use AppFlag as F;
        let flags = [
            F::Unspecified,
            F::Hidden,
            F::Inactive,
            F::Saml,
            F::Oidc,
            F::Bookmark,
        ];
        assert_eq!(
            proto(&flags, AppFlag::as_str_name),
            [
                (0, "APP_FLAG_UNSPECIFIED"),
                (1, "APP_FLAG_HIDDEN"),
                (2, "APP_FLAG_INACTIVE"),
                (3, "APP_FLAG_SAML"),
                (4, "APP_FLAG_OIDC"),
                (5, "APP_FLAG_BOOKMARK")
            ]
        );
    }
}
