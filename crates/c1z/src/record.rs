//! How each stored message kind maps to its table: name, index columns and their values.
//!
//! Writer and reader share this, so a column is derived from a message in exactly one place.

use std::borrow::Cow;

use prost::Message;

use crate::error::{Error, Result};
use crate::ids;
use crate::model::{Entitlement, Grant, Resource, ResourceId, ResourceType};

/// A message kind stored one per row in a `v1_*` table (resource types, resources,
/// entitlements, grants). Sealed: the file format fixes the set.
pub trait Record: Message + Default + sealed::Sealed {
    /// Table name.
    const TABLE: &'static str;
    /// Message name for errors.
    const KIND: &'static str;
    /// Index columns filled from the message, in table order (`data`, `sync_id` and
    /// `discovered_at` follow).
    const COLUMNS: &'static [&'static str];

    /// Values for [`Record::COLUMNS`]; `None` is SQL NULL. Fails when a field the columns
    /// need is missing, since baton readers would dereference it.
    fn column_values(&self) -> Result<Vec<Option<Cow<'_, str>>>>;
}

mod sealed {
    /// Keeps [`super::Record`] implementable only here.
    pub trait Sealed {}
    impl Sealed for crate::model::ResourceType {}
    impl Sealed for crate::model::Resource {}
    impl Sealed for crate::model::Entitlement {}
    impl Sealed for crate::model::Grant {}
}

fn missing(message: &'static str, id: &str, field: &'static str) -> Error {
    Error::MissingField {
        message,
        id: id.to_owned(),
        field,
    }
}

fn id_pair(id: &ResourceId) -> [Option<Cow<'_, str>>; 2] {
    [
        Some(Cow::Borrowed(id.resource_type.as_str())),
        Some(Cow::Borrowed(id.resource.as_str())),
    ]
}

impl Record for ResourceType {
    const TABLE: &'static str = "v1_resource_types";
    const KIND: &'static str = "ResourceType";
    const COLUMNS: &'static [&'static str] = &["external_id"];

    fn column_values(&self) -> Result<Vec<Option<Cow<'_, str>>>> {
        if self.id.is_empty() {
            return Err(missing(Self::KIND, &self.display_name, "id"));
        }
        Ok(vec![Some(Cow::Borrowed(self.id.as_str()))])
    }
}

impl Record for Resource {
    const TABLE: &'static str = "v1_resources";
    const KIND: &'static str = "Resource";
    const COLUMNS: &'static [&'static str] = &[
        "resource_type_id",
        "external_id",
        "parent_resource_type_id",
        "parent_resource_id",
    ];

    fn column_values(&self) -> Result<Vec<Option<Cow<'_, str>>>> {
        let id = self
            .id
            .as_ref()
            .ok_or_else(|| missing(Self::KIND, &self.display_name, "id"))?;
        let [parent_type, parent_id] = match &self.parent_resource_id {
            Some(parent) => id_pair(parent),
            None => [None, None],
        };
        Ok(vec![
            Some(Cow::Borrowed(id.resource_type.as_str())),
            Some(Cow::Owned(ids::resource_external_id(id))),
            parent_type,
            parent_id,
        ])
    }
}

impl Record for Entitlement {
    const TABLE: &'static str = "v1_entitlements";
    const KIND: &'static str = "Entitlement";
    const COLUMNS: &'static [&'static str] = &["resource_type_id", "resource_id", "external_id"];

    fn column_values(&self) -> Result<Vec<Option<Cow<'_, str>>>> {
        let resource = self
            .resource_id()
            .ok_or_else(|| missing(Self::KIND, &self.id, "resource.id"))?;
        if self.id.is_empty() {
            return Err(missing(Self::KIND, &self.display_name, "id"));
        }
        let [rt, rid] = id_pair(resource);
        Ok(vec![rt, rid, Some(Cow::Borrowed(self.id.as_str()))])
    }
}

impl Record for Grant {
    const TABLE: &'static str = "v1_grants";
    const KIND: &'static str = "Grant";
    const COLUMNS: &'static [&'static str] = &[
        "resource_type_id",
        "resource_id",
        "entitlement_id",
        "principal_resource_type_id",
        "principal_resource_id",
        "external_id",
    ];

    fn column_values(&self) -> Result<Vec<Option<Cow<'_, str>>>> {
        // The resource columns hold the entitled resource, not the principal.
        let resource = self
            .entitled_resource()
            .ok_or_else(|| missing(Self::KIND, &self.id, "entitlement.resource.id"))?;
        let principal = self
            .principal_id()
            .ok_or_else(|| missing(Self::KIND, &self.id, "principal.id"))?;
        let entitlement_id = self
            .entitlement
            .as_ref()
            .map(|e| e.id.as_str())
            .filter(|id| !id.is_empty())
            .ok_or_else(|| missing(Self::KIND, &self.id, "entitlement.id"))?;
        if self.id.is_empty() {
            return Err(missing(Self::KIND, entitlement_id, "id"));
        }
        let [rt, rid] = id_pair(resource);
        let [prt, pid] = id_pair(principal);
        Ok(vec![
            rt,
            rid,
            Some(Cow::Borrowed(entitlement_id)),
            prt,
            pid,
            Some(Cow::Borrowed(self.id.as_str())),
        ])
    }
}

/// The insert statement for `R`. Rows of the running sync are appended without conflict
/// handling (the unique index is deferred); repeats are resolved when the sync finishes.
pub(crate) fn insert_sql<R: Record>() -> String {
    let columns: Vec<&str> = R::COLUMNS
        .iter()
        .copied()
        .chain(["data", "sync_id", "discovered_at"])
        .collect();
    let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    format!(
        "insert into {} ({}) values ({})",
        R::TABLE,
        columns.join(", "),
        placeholders.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grant_columns_hold_the_entitled_resource_not_the_principal() {
        let grant = Grant::new(
            &ResourceId::new("group", "g1"),
            "member",
            ResourceId::new("user", "u1"),
        );
        let values: Vec<Option<String>> = grant
            .column_values()
            .expect("complete grant")
            .into_iter()
            .map(|v| v.map(Cow::into_owned))
            .collect();
        let expected = [
            "group",
            "g1",
            "group:g1:member",
            "user",
            "u1",
            "group:g1:member:user:u1",
        ];
        assert_eq!(values, expected.map(|s| Some(s.to_owned())));
    }

    #[test]
    fn resource_without_parent_has_null_parent_columns() {
        let resource = Resource::new(ResourceId::new("user", "u1"), "Ada");
        let values = resource.column_values().expect("resource has an id");
        assert_eq!(values[1].as_deref(), Some("user:u1"));
        assert_eq!((values[2].as_deref(), values[3].as_deref()), (None, None));
    }

    #[test]
    fn grant_without_principal_is_rejected() {
        let mut grant = Grant::new(
            &ResourceId::new("group", "g1"),
            "member",
            ResourceId::new("user", "u1"),
        );
        grant.principal = None;
        assert!(matches!(
            grant.column_values(),
            Err(Error::MissingField {
                field: "principal.id",
                ..
            })
        ));
    }

    #[test]
    fn insert_names_every_column_in_table_order() {
        assert_eq!(
            insert_sql::<ResourceType>(),
            "insert into v1_resource_types (external_id, data, sync_id, discovered_at) \
             values (?1, ?2, ?3, ?4)"
        );
    }
}
