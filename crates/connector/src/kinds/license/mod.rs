//! The `license` resource kind.

mod provision;
