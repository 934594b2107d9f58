//! One module per Zoom resource kind.

pub mod contact_group;
pub mod group;
pub mod invite;
pub mod license;
pub mod role;
pub mod user;
