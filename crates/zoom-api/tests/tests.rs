//! End-to-end tests of the Zoom client against the simulator, started in-process on a random
//! loopback port: one test binary, one module per area, helpers in `support`.

mod burst;
mod daily_limit;
mod errors;
mod faults;
mod listing;
mod provisioning;
mod secrets;
mod support;
mod tokens;
