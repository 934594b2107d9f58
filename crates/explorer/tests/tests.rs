//! Integration tests of the explorer: simulated accounts synced by the connector, read back
//! as findings, over HTTP, and in a real headless browser.

mod browser;
mod findings;
mod privileges;
mod snapshot;
mod support;
mod web;
