//! Provisioning of the `role` resource kind.
