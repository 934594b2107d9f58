//! Zoom -> baton: the resource kinds this connector knows (users, invites, groups, roles,
//! contact groups, licences), the sync engine that turns a Zoom account into a `.c1z`, and
//! provisioning (grant, revoke, create, deactivate, delete).
//!
//! One module per Zoom resource kind under [`kinds`], each owning its resource type, its
//! resources, entitlements and grants, and its provisioning; [`sync`] runs the listings
//! concurrently and streams rows to the c1z writer; [`provision`] resolves requests against
//! a `.c1z` and Zoom and dispatches them to the kinds.
//!
//! Main entry points: [`sync::sync`] with [`sync::SyncOptions`] and a [`sync::Progress`]
//! returns a [`sync::SyncReport`]; [`sync::resource_types`], [`sync::REQUIRED_ENDPOINTS`]
//! and [`sync::OptionalListing`] describe what a sync produces and needs; [`ids`] parses the ids provisioning accepts.
//!
//! ```no_run
//! use connector::sync::{NoProgress, SyncOptions, sync};
//! use secrecy::SecretString;
//! use zoom_api::{Client, ClientConfig};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::new(ClientConfig::new("account", "client", SecretString::from("secret")))?;
//! let report = sync(&client, &SyncOptions::new("sync.c1z"), &NoProgress).await?;
//! println!("{} grants, {} API calls", report.grants, report.api.total_calls());
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

pub mod ids;
pub mod kinds;
pub mod provision;
pub mod sync;
