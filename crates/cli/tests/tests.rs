//! End-to-end tests of the `baton-zoom` binary against the simulators (Zoom, and
//! ConductorOne for self-hosted mode), started in-process on random loopback ports: one test
//! binary, one module per area, helpers in `support`.

mod cli_sync;
mod daemon_long;
mod daemon_refusals;
mod daemon_shutdown;
mod daemon_tasks;
mod demo;
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
