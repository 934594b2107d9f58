//! Provisioning of the `invite` resource kind.
