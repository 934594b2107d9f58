//! Baton's `.c1z` sync file: the `c1.connector.v2` data model and a v1 reader/writer.
//!
//! A `.c1z` v1 file is `C1ZF\0` followed by one zstd stream of a SQLite database whose
//! tables (`v1_resource_types`, `v1_resources`, `v1_entitlements`, `v1_grants`,
//! `v1_sync_runs`, `v1_assets`) hold protobuf-encoded messages per sync run. Files written
//! here open in ConductorOne's Go tools (`baton resources`, `baton grants`, the uploader)
//! as if baton-sdk v0.3.12 had written them. This crate knows nothing of any particular
//! connector.
//!
//! Main pieces:
//! - [`model`]: the protobuf messages ([`Resource`], [`Entitlement`], [`Grant`], traits and
//!   annotations) with typed constructors, e.g. [`Entitlement::assignment`], [`Grant::new`],
//!   and [`Annotated`] for packing and finding annotations; [`struct_from_json`] for profiles.
//! - [`Writer`]: the single owner of a sync's SQLite connection. It writes [`Batch`]es (rows
//!   plus a checkpoint token, one transaction each) into a working file beside the target,
//!   resumes interrupted runs ([`Writer::resumable`]) and publishes the `.c1z` atomically.
//!   [`Writer::spawn`] runs it on its own thread behind a cloneable async [`WriterHandle`].
//! - [`Reader`]: opens a `.c1z` read-only (bounded by [`Limits`]), picks the sync as baton
//!   does ([`Reader::view`]) and streams rows through [`Query`] iterators or pages.
//!
//! ```
//! use c1z::{
//!     Annotated, Batch, Entitlement, Grant, GrantFilter, ReadOptions, Reader, Resource,
//!     ResourceId, ResourceType, SyncKind, Trait, UserTrait, Writer, WriterConfig,
//! };
//!
//! let group = Resource::new(ResourceId::new("group", "g1"), "Sales");
//! let member = Entitlement::assignment(&group, "member");
//! assert_eq!(member.id, "group:g1:member");
//! let user = Resource::new(ResourceId::new("user", "u1"), "Ada")
//!     .annotate(&UserTrait::new().with_email("ada@example.com", true));
//! let grant = Grant::new(&ResourceId::new("group", "g1"), "member", ResourceId::new("user", "u1"));
//! assert_eq!(grant.id, "group:g1:member:user:u1");
//!
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("sync.c1z");
//! let mut writer = Writer::open(&path, WriterConfig::default())?;
//! writer.start_sync(SyncKind::Full)?;
//! writer.write_batch(&Batch {
//!     resource_types: vec![
//!         ResourceType::new("user", "User", &[Trait::User]),
//!         ResourceType::new("group", "Group", &[Trait::Group]),
//!     ],
//!     resources: vec![user, group],
//!     entitlements: vec![member],
//!     grants: vec![grant.clone()],
//!     checkpoint: Some("done".into()),
//! })?;
//! writer.finish()?;
//!
//! let reader = Reader::open(&path, &ReadOptions::default())?;
//! let view = reader.view(None)?;
//! let grants: Vec<Grant> = view.grants(GrantFilter::Entitlement("group:g1:member"))
//!     .into_iter()
//!     .collect::<c1z::Result<_>>()?;
//! assert_eq!(grants, [grant]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

mod annotate;
mod builder;
mod container;
mod error;
pub mod ids;
pub mod model;
mod profile;
mod reader;
mod record;
mod schema;
mod sync_run;
pub mod wall_clock;
mod writer;

pub use annotate::{Annotated, is_type, pack, unpack};
pub use container::{Limits, MAGIC, decompress_file};
pub use error::{Error, Result};
pub use model::*;
pub use profile::{json_from_struct, json_from_value, struct_from_json, value_from_json};
pub use reader::{
    GrantFilter, GrantKey, MAX_PAGE_SIZE, Page, ParallelView, Query, ReadOptions, Reader, Rows,
    Stats, SyncView,
};
pub use record::Record;
pub use sync_run::{RESUME_WINDOW, SyncId, SyncRun, SyncType};
pub use writer::{
    Batch, Cleanup, FinishReport, ResumePoint, SyncKind, Writer, WriterConfig, WriterHandle,
};
