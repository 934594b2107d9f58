//! The `contact_group` resource kind.

mod provision;
