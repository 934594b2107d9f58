//! Zoom -> baton: the resource kinds this connector knows (users, invites, groups, roles,
//! contact groups, licences), the sync engine that turns a Zoom account into a `.c1z`, and
//! provisioning (grant, revoke, create, deactivate, delete).
//!
//! One module per Zoom resource kind under [`kinds`], each owning its resource type, its
//! resources, entitlements and grants, and its provisioning; [`sync`] runs the listings
//! concurrently and streams rows to the c1z writer; [`provision`] resolves requests against
//! a `.c1z` and Zoom and dispatches them to the kinds.

#![warn(missing_docs)]

pub mod ids;
pub mod kinds;
pub mod provision;
pub mod sync;
