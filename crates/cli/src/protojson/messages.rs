//! The record messages: resource types, resources, entitlements and grants.

use std::collections::BTreeMap;

use c1z::{
    AssetRef, CreationSource, Entitlement, ExternalId, Grant, GrantSource, GrantSources, Purpose,
    Resource, ResourceId, ResourceType, Trait,
};
use serde::ser::SerializeMap;

use super::{Fields, ProtoJson, ProtoJsonOf};

impl ProtoJson for ResourceType {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.string("id", &self.id)?;
        f.string("displayName", &self.display_name)?;
        f.enumerations("traits", &self.traits, Trait::as_str_name)?;
        f.messages("annotations", &self.annotations)?;
        f.string("description", &self.description)?;
        f.boolean("sourcedExternally", self.sourced_externally)
    }
}

impl ProtoJson for ResourceId {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.string("resourceType", &self.resource_type)?;
        f.string("resource", &self.resource)?;
        f.boolean("batonResource", self.baton_resource)
    }
}

impl ProtoJson for ExternalId {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.string("id", &self.id)?;
        f.string("link", &self.link)?;
        f.string("description", &self.description)
    }
}

impl ProtoJson for AssetRef {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.string("id", &self.id)
    }
}

impl ProtoJson for Resource {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.message("id", self.id.as_ref())?;
        f.message("parentResourceId", self.parent_resource_id.as_ref())?;
        f.string("displayName", &self.display_name)?;
        f.messages("annotations", &self.annotations)?;
        f.string("description", &self.description)?;
        f.boolean("batonResource", self.baton_resource)?;
        f.message("externalId", self.external_id.as_ref())?;
        f.enumeration(
            "creationSource",
            self.creation_source,
            CreationSource::as_str_name,
        )
    }
}

impl ProtoJson for Entitlement {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.message("resource", self.resource.as_ref())?;
        f.string("id", &self.id)?;
        f.string("displayName", &self.display_name)?;
        f.string("description", &self.description)?;
        f.messages("grantableTo", &self.grantable_to)?;
        f.messages("annotations", &self.annotations)?;
        f.enumeration("purpose", self.purpose, Purpose::as_str_name)?;
        f.string("slug", &self.slug)
    }
}

impl ProtoJson for GrantSource {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.boolean("isDirect", self.is_direct)
    }
}

impl ProtoJson for GrantSources {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        if self.sources.is_empty() {
            return Ok(());
        }
        let sources: BTreeMap<&String, ProtoJsonOf<'_, GrantSource>> = self
            .sources
            .iter()
            .map(|(k, v)| (k, ProtoJsonOf(v)))
            .collect();
        f.value("sources", &sources)
    }
}

impl ProtoJson for Grant {
    fn write<M: SerializeMap>(&self, f: &mut Fields<'_, M>) -> Result<(), M::Error> {
        f.message("entitlement", self.entitlement.as_ref())?;
        f.message("principal", self.principal.as_ref())?;
        f.string("id", &self.id)?;
        f.messages("annotations", &self.annotations)?;
        f.message("sources", self.sources.as_ref())
    }
}
