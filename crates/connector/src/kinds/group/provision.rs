//! Provisioning of the `group` resource kind.
