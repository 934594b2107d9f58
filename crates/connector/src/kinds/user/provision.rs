//! Provisioning of the `user` resource kind.
