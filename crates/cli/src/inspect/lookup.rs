//! Lookups by id with a bounded cache, so each grant of a listing can show its resource,
//! entitlement and principal by name without one query per row for repeated ids.
//!
//! Rows the file lacks are shown as baton shows them ("MISSING RESOURCE (type:id)") rather
//! than failing the listing.

use std::collections::HashMap;
use std::rc::Rc;

use c1z::{Entitlement, Resource, ResourceId, ResourceType, SyncView, ids};

/// Cached full messages per kind before the cache starts over; bounds memory on huge files
/// while keeping the common case (a few thousand groups and roles) cached.
const CACHE_ENTRIES: usize = 16_384;
/// Cached names (id and display name only, about 100 bytes each): enough for every user of
/// a large account, so a million-grant table looks each principal up once.
const NAME_ENTRIES: usize = 1 << 17;

/// Lookups against one or more syncs, the first that has the row winning.
pub struct Lookup<'v, 'r> {
    views: Vec<&'v SyncView<'r>>,
    resource_types: Cache<ResourceType>,
    resources: Cache<Resource>,
    names: Cache<Resource>,
    entitlements: Cache<Entitlement>,
}

impl<'v, 'r> Lookup<'v, 'r> {
    /// Lookups in `view`.
    pub fn new(view: &'v SyncView<'r>) -> Self {
        Self::across(vec![view])
    }

    /// Lookups in `views`, in order (a diff names deleted rows from the older sync).
    pub fn across(views: Vec<&'v SyncView<'r>>) -> Self {
        Lookup {
            views,
            resource_types: Cache::new(CACHE_ENTRIES),
            resources: Cache::new(CACHE_ENTRIES),
            names: Cache::new(NAME_ENTRIES),
            entitlements: Cache::new(CACHE_ENTRIES),
        }
    }

    /// The resource type, or a placeholder naming it as missing.
    pub fn resource_type(&mut self, id: &str) -> c1z::Result<Rc<ResourceType>> {
        if let Some(hit) = self.resource_types.get(id) {
            return Ok(hit);
        }
        let rt = self
            .first(|view| view.resource_type(id))?
            .unwrap_or_else(|| ResourceType {
                id: id.to_owned(),
                display_name: format!("MISSING RESOURCE TYPE ({id})"),
                ..ResourceType::default()
            });
        Ok(self.resource_types.insert(id.to_owned(), rt))
    }

    /// The resource, or a placeholder naming it as missing.
    pub fn resource(&mut self, id: &ResourceId) -> c1z::Result<Rc<Resource>> {
        let key = ids::resource_external_id(id);
        if let Some(hit) = self.resources.get(&key) {
            return Ok(hit);
        }
        let resource = self.fetch_resource(id, &key)?;
        Ok(self.resources.insert(key, resource))
    }

    /// The resource's id and display name only (or the missing placeholder): what tables
    /// show, cached for many more resources than full messages are.
    pub fn resource_name(&mut self, id: &ResourceId) -> c1z::Result<Rc<Resource>> {
        let key = ids::resource_external_id(id);
        if let Some(hit) = self.names.get(&key) {
            return Ok(hit);
        }
        let full = self.fetch_resource(id, &key)?;
        let name = Resource {
            id: full.id,
            display_name: full.display_name,
            ..Resource::default()
        };
        Ok(self.names.insert(key, name))
    }

    fn fetch_resource(&self, id: &ResourceId, key: &str) -> c1z::Result<Resource> {
        Ok(self
            .first(|view| view.resource(id))?
            .unwrap_or_else(|| Resource {
                id: Some(id.clone()),
                display_name: format!("MISSING RESOURCE ({key})"),
                ..Resource::default()
            }))
    }

    /// The entitlement, or a placeholder naming it as missing.
    pub fn entitlement(&mut self, id: &str) -> c1z::Result<Rc<Entitlement>> {
        if let Some(hit) = self.entitlements.get(id) {
            return Ok(hit);
        }
        let entitlement = self
            .first(|view| view.entitlement(id))?
            .unwrap_or_else(|| Entitlement {
                id: id.to_owned(),
                display_name: format!("MISSING ENTITLEMENT ({id})"),
                ..Entitlement::default()
            });
        Ok(self.entitlements.insert(id.to_owned(), entitlement))
    }

    /// The row from the first view that has it.
    fn first<T>(
        &self,
        get: impl Fn(&SyncView<'r>) -> c1z::Result<Option<T>>,
    ) -> c1z::Result<Option<T>> {
        for view in &self.views {
            if let Some(found) = get(view)? {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }
}

/// A map that empties itself when full: cheap, and enough for listings whose ids repeat in
/// runs (grants are stored grouped by entitlement or by principal).
struct Cache<V> {
    entries: HashMap<String, Rc<V>>,
    capacity: usize,
}

impl<V> Cache<V> {
    fn new(capacity: usize) -> Self {
        Cache {
            entries: HashMap::new(),
            capacity,
        }
    }

    fn get(&self, key: &str) -> Option<Rc<V>> {
        self.entries.get(key).cloned()
    }

    fn insert(&mut self, key: String, value: V) -> Rc<V> {
        if self.entries.len() >= self.capacity {
            self.entries.clear();
        }
        let value = Rc::new(value);
        self.entries.insert(key, Rc::clone(&value));
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use c1z::{Batch, Grant, ReadOptions, Reader, SyncKind, Trait, Writer, WriterConfig};

    #[test]
    fn rows_the_file_lacks_are_named_as_missing_and_present_ones_are_cached() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sync.c1z");
        let mut writer = Writer::open(&path, WriterConfig::default()).expect("writer opens");
        writer.start_sync(SyncKind::Full).expect("sync starts");
        let group = Resource::new(ResourceId::new("group", "g1"), "Sales");
        writer
            .write_batch(&Batch {
                resource_types: vec![ResourceType::new("group", "Group", &[Trait::Group])],
                resources: vec![group],
                grants: vec![Grant::new(
                    &ResourceId::new("group", "g1"),
                    "member",
                    ResourceId::new("user", "ghost"),
                )],
                ..Batch::default()
            })
            .expect("rows are written");
        writer.finish().expect("sync is published");

        let reader = Reader::open(&path, &ReadOptions::default()).expect("file opens");
        let view = reader.view(None).expect("a sync");
        let mut lookup = Lookup::new(&view);
        let ghost = ResourceId::new("user", "ghost");
        assert_eq!(
            lookup.resource(&ghost).expect("lookup works").display_name,
            "MISSING RESOURCE (user:ghost)"
        );
        assert_eq!(
            lookup
                .resource_type("user")
                .expect("lookup works")
                .display_name,
            "MISSING RESOURCE TYPE (user)"
        );
        assert_eq!(
            lookup
                .entitlement("group:g1:member")
                .expect("lookup works")
                .display_name,
            "MISSING ENTITLEMENT (group:g1:member)"
        );
        let sales = ResourceId::new("group", "g1");
        let first = lookup.resource_name(&sales).expect("lookup works");
        let again = lookup.resource_name(&sales).expect("lookup works");
        assert_eq!(first.display_name, "Sales");
        assert!(
            Rc::ptr_eq(&first, &again),
            "the second lookup is served from the cache"
        );
        assert!(first.annotations.is_empty());
    }
}
