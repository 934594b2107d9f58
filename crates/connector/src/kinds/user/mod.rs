//! The `user` resource kind.

mod provision;
