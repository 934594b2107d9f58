//! End-to-end tests of the `.c1z` reader and writer on real files: one test binary, one
//! module per area, the shared access graph in `support`.

mod golden;
mod resume;
mod robustness;
mod roundtrip;
mod support;
