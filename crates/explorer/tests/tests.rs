//! Integration tests of the explorer: simulated accounts synced by the connector, read back.

mod findings;
mod snapshot;
mod support;
