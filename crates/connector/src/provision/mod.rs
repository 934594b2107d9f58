//! Provisioning requests: parsing, safety checks, dry runs and dispatch to the kinds.
