//! Provisioning of the `license` resource kind.
