//! Provisioning of the `contact_group` resource kind.
