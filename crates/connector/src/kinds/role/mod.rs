//! The `role` resource kind.

mod provision;
