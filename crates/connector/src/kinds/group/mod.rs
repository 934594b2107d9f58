//! The `group` resource kind.

mod provision;
