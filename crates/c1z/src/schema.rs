//! The SQLite schema of a `.c1z` v1 file, exactly as baton-sdk v0.3.12 creates it.
//!
//! This is the only place the DDL lives. Every statement is `if not exists`, so applying it
//! to a file written by any SDK version is harmless (newer SDKs only add columns with
//! defaults, which our named-column inserts leave to their defaults).
//!
//! The UNIQUE `(external_id, sync_id)` indexes matter beyond speed: every SDK that later
//! writes into the file upserts with `ON CONFLICT(external_id, sync_id)`, which fails
//! without them. In `v1_resources` the SDK's argument order swaps two index names, so
//! `idx_resources_external_sync_v1` really indexes the parent columns; we keep that.

/// The DDL of all six tables and their indexes, in the SDK's creation order.
pub(crate) const SCHEMA: &str = "
create table if not exists v1_resource_types (
    id integer primary key,
    external_id text not null,
    data blob not null,
    sync_id text not null,
    discovered_at datetime not null
);
create unique index if not exists idx_resource_types_external_sync_v1 on v1_resource_types (external_id, sync_id);

create table if not exists v1_resources (
    id integer primary key,
    resource_type_id text not null,
    external_id text not null,
    parent_resource_type_id text,
    parent_resource_id text,
    data blob not null,
    sync_id text not null,
    discovered_at datetime not null
);
create index if not exists idx_resources_resource_type_id_v1 on v1_resources (resource_type_id);
create index if not exists idx_resources_external_sync_v1 on v1_resources (parent_resource_type_id, parent_resource_id);
create unique index if not exists idx_resources_parent_resource_id_v1 on v1_resources (external_id, sync_id);

create table if not exists v1_entitlements (
    id integer primary key,
    resource_type_id text not null,
    resource_id text not null,
    external_id text not null,
    data blob not null,
    sync_id text not null,
    discovered_at datetime not null
);
create index if not exists idx_entitlements_resource_id_v1 on v1_entitlements (resource_type_id, resource_id);
create unique index if not exists idx_entitlements_external_sync_v1 on v1_entitlements (external_id, sync_id);

create table if not exists v1_grants (
    id integer primary key,
    resource_type_id text not null,
    resource_id text not null,
    entitlement_id text not null,
    principal_resource_type_id text not null,
    principal_resource_id text not null,
    external_id text not null,
    data blob not null,
    sync_id text not null,
    discovered_at datetime not null
);
create index if not exists idx_grants_resource_type_id_resource_id_v1 on v1_grants (resource_type_id, resource_id);
create index if not exists idx_grants_principal_id_v1 on v1_grants (principal_resource_type_id, principal_resource_id);
create index if not exists idx_grants_entitlement_id_principal_id_v1 on v1_grants (entitlement_id, principal_resource_type_id, principal_resource_id);
create unique index if not exists idx_grants_external_sync_v1 on v1_grants (external_id, sync_id);

create table if not exists v1_sync_runs (
    id integer primary key,
    sync_id text not null,
    started_at datetime not null,
    ended_at datetime,
    sync_token text not null,
    sync_type text not null default 'full',
    parent_sync_id text not null default ''
);
create unique index if not exists idx_sync_runs_sync_id_v1 on v1_sync_runs (sync_id);

create table if not exists v1_assets (
    id integer primary key,
    external_id text not null,
    content_type text not null,
    data blob not null,
    sync_id text not null,
    discovered_at datetime not null
);
create unique index if not exists idx_assets_external_sync_v1 on v1_assets (external_id, sync_id);
";

/// The statements of [`SCHEMA`], one by one.
fn statements() -> impl Iterator<Item = &'static str> {
    SCHEMA.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// The name of the index a statement creates, if it creates an index on a record table
/// (every index but the sync-run id index).
fn record_index_name(statement: &str) -> Option<&str> {
    let (_, rest) = statement.split_once(" index if not exists ")?;
    rest.split_whitespace()
        .next()
        .filter(|name| *name != "idx_sync_runs_sync_id_v1")
}

/// Names of the indexes on the per-sync record tables, in [`SCHEMA`] order. The writer
/// defers them while a sync streams in.
pub(crate) fn record_indexes() -> impl Iterator<Item = &'static str> {
    statements().filter_map(record_index_name)
}

/// [`SCHEMA`] without the record-table indexes: what the writer applies to its working
/// database, where those indexes are deferred.
pub(crate) fn schema_without_record_indexes() -> String {
    statements()
        .filter(|statement| record_index_name(statement).is_none())
        .map(|statement| format!("{statement};\n"))
        .collect()
}

/// The tables holding per-sync rows, which cleanup prunes by `sync_id`.
pub(crate) const SYNC_SCOPED_TABLES: [&str; 5] = [
    "v1_resource_types",
    "v1_resources",
    "v1_entitlements",
    "v1_grants",
    "v1_assets",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_indexes_are_read_from_the_schema_text() {
        let names: Vec<_> = record_indexes().collect();
        assert_eq!(names.len(), 11);
        assert_eq!(names[0], "idx_resource_types_external_sync_v1");
        assert_eq!(names[10], "idx_assets_external_sync_v1");
        assert!(!names.contains(&"idx_sync_runs_sync_id_v1"));
    }

    #[test]
    fn schema_without_record_indexes_keeps_tables_and_the_sync_run_index() {
        let ddl = schema_without_record_indexes();
        assert_eq!(ddl.matches("create table if not exists").count(), 6);
        assert_eq!(ddl.matches(" index if not exists ").count(), 1);
        assert!(ddl.contains("idx_sync_runs_sync_id_v1"));
    }
}
