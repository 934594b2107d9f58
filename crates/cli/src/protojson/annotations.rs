//! The messages found inside `Any` annotations: traits and the SDK's common annotations.

use c1z::{
    AccountType, AppFlag, AppTrait, BatonId, ChildResourceType, ETag, EntitlementImmutable,
    ExternalLink, GrantExpandable, GrantImmutable, GrantMetadata, GroupTrait, MfaStatus, RawId,
    RoleTrait, SkipEntitlements, SkipEntitlementsAndGrants, SkipGrants, SsoStatus, StructuredName,
    UserEmail, UserStatus, UserStatusKind, UserTrait, V1Identifier,
};
use prost_types::Any;
use serde::ser::{Error as _, SerializeMap};

use super::{Fields, ProtoJson};

/// Writes the fields of `any` when its type is one this module knows; `Ok(false)` otherwise.
pub fn write_known<M: SerializeMap>(any: &Any, f: &mut Fields<'_, M>) -> Result<bool, M::Error> {
    macro_rules! try_types {
        ($($ty:ty),* $(,)?) => {
            $(
                if let Some(decoded) = c1z::unpack::<$ty>(any) {
                    let message = decoded.map_err(|e| {
                        M::Error::custom(format!("{}: {e}", any.type_url))
                    })?;
                    message.write(f)?;
                    return Ok(true);
                }
            )*
        };
    }
    try_types!(
        UserTrait,
        GroupTrait,
        RoleTrait,
        AppTrait,
        SkipEntitlementsAndGrants,
        SkipGrants,
        SkipEntitlements,
        ChildResourceType,
        GrantExpandable,
        GrantMetadata,
        GrantImmutable,
        EntitlementImmutable,
        ExternalLink,
        V1Identifier,
        ETag,
        BatonId,
        RawId,
    );
    Ok(false)
}

impl ProtoJson for UserEmail {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.string("address", &self.address)?;
        f.boolean("isPrimary", self.is_primary)
    }
}

impl ProtoJson for UserStatus {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.enumeration("status", self.status, UserStatusKind::as_str_name)?;
        f.string("details", &self.details)
    }
}

impl ProtoJson for MfaStatus {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.boolean("mfaEnabled", self.mfa_enabled)
    }
}

impl ProtoJson for SsoStatus {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.boolean("ssoEnabled", self.sso_enabled)
    }
}

impl ProtoJson for StructuredName {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.string("givenName", &self.given_name)?;
        f.string("familyName", &self.family_name)?;
        f.strings("middleNames", &self.middle_names)?;
        f.string("prefix", &self.prefix)?;
        f.string("suffix", &self.suffix)
    }
}

impl ProtoJson for UserTrait {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.messages("emails", &self.emails)?;
        f.message("status", self.status.as_ref())?;
        f.structure("profile", self.profile.as_ref())?;
        f.message("icon", self.icon.as_ref())?;
        f.enumeration("accountType", self.account_type, AccountType::as_str_name)?;
        f.string("login", &self.login)?;
        f.strings("loginAliases", &self.login_aliases)?;
        f.timestamp("createdAt", self.created_at.as_ref())?;
        f.timestamp("lastLogin", self.last_login.as_ref())?;
        f.message("mfaStatus", self.mfa_status.as_ref())?;
        f.message("ssoStatus", self.sso_status.as_ref())?;
        f.message("structuredName", self.structured_name.as_ref())?;
        f.strings("employeeIds", &self.employee_ids)
    }
}

impl ProtoJson for GroupTrait {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.message("icon", self.icon.as_ref())?;
        f.structure("profile", self.profile.as_ref())
    }
}

impl ProtoJson for RoleTrait {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.structure("profile", self.profile.as_ref())
    }
}

impl ProtoJson for AppTrait {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.string("helpUrl", &self.help_url)?;
        f.message("icon", self.icon.as_ref())?;
        f.message("logo", self.logo.as_ref())?;
        f.structure("profile", self.profile.as_ref())?;
        f.enumerations("flags", &self.flags, AppFlag::as_str_name)
    }
}

/// Annotations without fields render as `{"@type": ...}` alone.
macro_rules! markers {
    ($($ty:ty),*) => {
        $(
            impl ProtoJson for $ty {
                fn write<M: SerializeMap>(&self, _: &mut Fields<'_, M>) -> Result<(), M::Error> {
                    Ok(())
                }
            }
        )*
    };
}

markers!(
    SkipEntitlementsAndGrants,
    SkipGrants,
    SkipEntitlements,
    BatonId
);

impl ProtoJson for ChildResourceType {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.string("resourceTypeId", &self.resource_type_id)
    }
}

impl ProtoJson for GrantExpandable {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.strings("entitlementIds", &self.entitlement_ids)?;
        f.boolean("shallow", self.shallow)?;
        f.strings("resourceTypeIds", &self.resource_type_ids)
    }
}

impl ProtoJson for GrantMetadata {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.structure("metadata", self.metadata.as_ref())
    }
}

impl ProtoJson for GrantImmutable {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.string("sourceId", &self.source_id)?;
        f.structure("metadata", self.metadata.as_ref())
    }
}

impl ProtoJson for EntitlementImmutable {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.string("sourceId", &self.source_id)?;
        f.structure("metadata", self.metadata.as_ref())
    }
}

impl ProtoJson for ExternalLink {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.string("url", &self.url)
    }
}

impl ProtoJson for V1Identifier {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.string("id", &self.id)
    }
}

impl ProtoJson for RawId {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.string("id", &self.id)
    }
}

impl ProtoJson for ETag {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.string("value", &self.value)?;
        f.string("entitlementId", &self.entitlement_id)
    }
}
