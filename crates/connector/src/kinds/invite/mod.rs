//! The `invite` resource kind.

mod provision;
