//! Reading the rows of one sync: lists, lookups by id and counts.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::query::{Query, decode};
use crate::error::Result;
use crate::ids;
use crate::model::{Entitlement, Grant, Resource, ResourceId, ResourceType};
use crate::record::Record;
use crate::sync_run::SyncRun;

/// Which grants to list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GrantFilter<'a> {
    /// Every grant.
    All,
    /// Grants of one entitlement (by entitlement id).
    Entitlement(&'a str),
    /// Grants on one entitled resource.
    Resource(&'a ResourceId),
    /// Grants on resources of one type.
    ResourceType(&'a str),
    /// Grants held by one principal.
    Principal(&'a ResourceId),
}

/// A [`SyncView`] with its own connection, made by [`SyncView::parallel`]; it can move to
/// another thread.
pub struct ParallelView<'r> {
    conn: Connection,
    /// Borrowed from the reader, so the view cannot outlive the file it reads.
    db: &'r Path,
    sync: Option<SyncRun>,
    lookup_sync: Option<SyncRun>,
}

impl ParallelView<'_> {
    /// The view, read through this connection.
    pub fn view(&self) -> SyncView<'_> {
        SyncView {
            conn: &self.conn,
            db: self.db,
            sync: self.sync.clone(),
            lookup_sync: self.lookup_sync.clone(),
        }
    }
}

/// A grant as the index columns of its row name it: the entitled resource, the
/// entitlement and the principal. Reading these instead of decoding each grant's blob makes
/// a pass over every grant of a large sync several times cheaper; it is all a reader needs
/// that only asks who holds what.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GrantKey<'a> {
    /// Resource type id of the entitled resource (`resource_type_id`).
    pub resource_type: &'a str,
    /// Id of the entitled resource (`resource_id`).
    pub resource: &'a str,
    /// The entitlement id, `<resource_type>:<resource>:<slug>` in files the SDK wrote.
    pub entitlement_id: &'a str,
    /// Resource type id of the principal (`principal_resource_type_id`).
    pub principal_type: &'a str,
    /// Id of the principal (`principal_resource_id`).
    pub principal: &'a str,
}

impl<'a> GrantKey<'a> {
    /// The entitlement's slug, read from its id; `None` when the id does not have the
    /// SDK's `<resource_type>:<resource>:<slug>` shape for this resource.
    pub fn slug(&self) -> Option<&'a str> {
        ids::entitlement_slug(self.entitlement_id, self.resource_type, self.resource)
    }
}

/// Row counts of one sync, as `baton stats` shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Number of resource types.
    pub resource_types: u64,
    /// Resource count per resource type id, sorted by type id.
    pub resources_by_type: Vec<(String, u64)>,
    /// Number of entitlements.
    pub entitlements: u64,
    /// Number of grants.
    pub grants: u64,
}

/// The rows of one sync run, chosen by [`crate::Reader::view`].
pub struct SyncView<'r> {
    pub(super) conn: &'r Connection,
    /// The database file `conn` reads, for [`SyncView::parallel`].
    pub(super) db: &'r Path,
    /// The sync lists and resource lookups read; `None` reads all rows (no sync in file).
    pub(super) sync: Option<SyncRun>,
    /// The sync get-by-id reads for resource types, entitlements and grants: with no
    /// explicit sync, baton picks the newest finished sync of any type for those.
    pub(super) lookup_sync: Option<SyncRun>,
}

impl<'r> SyncView<'r> {
    /// The sync being read; `None` when the file has no usable sync and all rows are read.
    pub fn sync(&self) -> Option<&SyncRun> {
        self.sync.as_ref()
    }

    /// The same view on a connection of its own, to read another table on another thread
    /// at the same time (a SQLite connection serves one thread at a time). It borrows the
    /// reader, which keeps the database file.
    pub fn parallel(&self) -> Result<ParallelView<'r>> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Ok(ParallelView {
            conn: Connection::open_with_flags(self.db, flags)?,
            db: self.db,
            sync: self.sync.clone(),
            lookup_sync: self.lookup_sync.clone(),
        })
    }

    fn query<R: Record>(&self, mut filters: Vec<(&'static str, String)>) -> Query<'r, R> {
        if let Some(sync) = &self.sync {
            filters.insert(0, ("sync_id", sync.id.to_string()));
        }
        Query::new(self.conn, filters)
    }

    fn lookup<R: Record>(&self, sync: Option<&SyncRun>, external_id: &str) -> Result<Option<R>> {
        let sql = format!(
            "select id, data from {} where external_id = ?1 and (?2 is null or sync_id = ?2) \
             order by id desc limit 1",
            R::TABLE
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let sync_id = sync.map(|s| s.id.as_str());
        let row = stmt
            .query_row((external_id, sync_id), |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?))
            })
            .optional()?;
        row.map(|(id, data)| decode::<R>(id, &data)).transpose()
    }

    /// All resource types.
    pub fn resource_types(&self) -> Query<'r, ResourceType> {
        self.query(Vec::new())
    }

    /// A resource type by id.
    pub fn resource_type(&self, id: &str) -> Result<Option<ResourceType>> {
        self.lookup(self.lookup_sync.as_ref(), id)
    }

    /// All resources, or those of one type.
    pub fn resources(&self, resource_type: Option<&str>) -> Query<'r, Resource> {
        let filters = resource_type
            .map(|t| vec![("resource_type_id", t.to_owned())])
            .unwrap_or_default();
        self.query(filters)
    }

    /// A resource by id.
    pub fn resource(&self, id: &ResourceId) -> Result<Option<Resource>> {
        self.lookup(self.sync.as_ref(), &ids::resource_external_id(id))
    }

    /// All entitlements, or those on one resource.
    pub fn entitlements(&self, resource: Option<&ResourceId>) -> Query<'r, Entitlement> {
        let filters = resource
            .map(|r| {
                vec![
                    ("resource_type_id", r.resource_type.clone()),
                    ("resource_id", r.resource.clone()),
                ]
            })
            .unwrap_or_default();
        self.query(filters)
    }

    /// An entitlement by id (`type:id:slug`).
    pub fn entitlement(&self, id: &str) -> Result<Option<Entitlement>> {
        self.lookup(self.lookup_sync.as_ref(), id)
    }

    /// Grants matching `filter`.
    pub fn grants(&self, filter: GrantFilter<'_>) -> Query<'r, Grant> {
        let filters = match filter {
            GrantFilter::All => Vec::new(),
            GrantFilter::Entitlement(id) => vec![("entitlement_id", id.to_owned())],
            GrantFilter::Resource(r) => vec![
                ("resource_type_id", r.resource_type.clone()),
                ("resource_id", r.resource.clone()),
            ],
            GrantFilter::ResourceType(t) => vec![("resource_type_id", t.to_owned())],
            GrantFilter::Principal(p) => vec![
                ("principal_resource_type_id", p.resource_type.clone()),
                ("principal_resource_id", p.resource.clone()),
            ],
        };
        self.query(filters)
    }

    /// Calls `visit` with the [`GrantKey`] of every grant, in row order, and returns how many
    /// there were. One statement streams the whole table without decoding any blob.
    pub fn grant_keys(&self, mut visit: impl FnMut(GrantKey<'_>)) -> Result<u64> {
        let sql = "select resource_type_id, resource_id, entitlement_id, \
                   principal_resource_type_id, principal_resource_id \
                   from v1_grants where (?1 is null or sync_id = ?1) order by id";
        let mut stmt = self.conn.prepare_cached(sql)?;
        let sync_id = self.sync.as_ref().map(|s| s.id.as_str());
        let mut rows = stmt.query([sync_id])?;
        let mut count = 0;
        while let Some(row) = rows.next()? {
            let text = |i: usize| -> rusqlite::Result<&str> { Ok(row.get_ref(i)?.as_str()?) };
            visit(GrantKey {
                resource_type: text(0)?,
                resource: text(1)?,
                entitlement_id: text(2)?,
                principal_type: text(3)?,
                principal: text(4)?,
            });
            count += 1;
        }
        Ok(count)
    }

    /// A grant by id (`type:id:slug:principalType:principalId`).
    pub fn grant(&self, id: &str) -> Result<Option<Grant>> {
        self.lookup(self.lookup_sync.as_ref(), id)
    }

    /// Row counts of this sync.
    pub fn stats(&self) -> Result<Stats> {
        let sql = "select resource_type_id, count(*) from v1_resources \
                   where (?1 is null or sync_id = ?1) group by resource_type_id order by resource_type_id";
        let mut stmt = self.conn.prepare_cached(sql)?;
        let sync_id = self.sync.as_ref().map(|s| s.id.as_str());
        let resources_by_type = stmt
            .query_map([sync_id], |row| {
                Ok((row.get(0)?, row.get::<_, i64>(1)?.max(0) as u64))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Stats {
            resource_types: self.resource_types().count()?,
            resources_by_type,
            entitlements: self.entitlements(None).count()?,
            grants: self.grants(GrantFilter::All).count()?,
        })
    }
}
