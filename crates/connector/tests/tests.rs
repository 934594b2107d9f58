//! End-to-end tests of the connector against the simulator, started in-process on a random
//! loopback port: syncs compared exactly with the ground truth, and provisioning. One test
//! binary, one module per area, helpers in `support`.

mod provision_accounts;
mod provision_grants;
mod provision_log;
mod provision_refusals;
mod support;
mod sync_errors;
mod sync_exact;
mod sync_figures;
mod sync_long;
mod sync_pacing;
mod sync_resume;
mod sync_scopes;
