//! Review who has what in Zoom from a baton-zoom `.c1z` alone: access-hygiene findings and
//! a local web explorer.
//!
//! Everything here reads the sync file only, never Zoom: a reviewer can work offline on a
//! file someone else took.
//!
//! Main pieces:
//! - [`Snapshot`]: one sync read into memory, people and the groups, roles, contact groups
//!   and licences they hold, linked both ways ([`snapshot::load`]).
//! - [`findings`]: [`findings::evaluate`] turns a snapshot into [`findings::Finding`]s
//!   (owners and admins, paid seats unused or held by deactivated users, stale invites,
//!   groups without admins, contact groups listing deleted groups, shared emails), and
//!   [`findings::report`] writes them as console text, JSON or CSV.
//! - [`diff`]: who gained or lost what between two syncs.
//! - [`web::Explorer`]: the local web UI, pages rendered on the server from the snapshot,
//!   behind a random access token.
//!
//! ```no_run
//! use explorer::findings::{self, Settings, report::Report};
//!
//! let reader = c1z::Reader::open("sync.c1z", &c1z::ReadOptions::default())?;
//! let snapshot = explorer::snapshot::load(&reader.view(None)?)?;
//! let settings = Settings::at_sync(&snapshot, findings::DEFAULT_INACTIVE_DAYS)
//!     .expect("the sync records when it ran");
//! let found = findings::evaluate(&snapshot, &settings);
//! let report = Report { sync_id: snapshot.sync.id.as_str(), settings, findings: &found };
//! report.write_console(&mut std::io::stdout())?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod dates;
pub mod diff;
mod error;
pub mod findings;
pub mod snapshot;
pub mod web;

pub use error::{Error, Result};
pub use snapshot::Snapshot;
