//! End-to-end tests of the `baton-zoom` binary against the simulator, started in-process on
//! a random loopback port: one test binary, one module per area, helpers in `support`.

mod cli_sync;
mod demo_cli;
mod explore_bench;
mod findings_cli;
mod inspect_bench;
mod inspect_diff;
mod inspect_errors;
mod inspect_listings;
mod inspect_privileges;
mod provision_cli;
mod support;
