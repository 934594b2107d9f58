//! End-to-end tests of the simulator over loopback HTTP (and of the `zoom-sim` binary): one
//! test binary, one module per area, the started simulator and a thin client in `support`.

mod bad_input;
mod contract;
mod errors;
mod limits_and_faults;
mod reads;
mod serve_binary;
mod support;
mod writes;
