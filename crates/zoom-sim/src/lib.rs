//! A simulated Zoom account behind Zoom's REST API, for tests, demos and benchmarks that
//! must not need a real Zoom account.
//!
//! [`Simulator::start`] generates a seeded, deterministic account ([`Preset::Small`] ≈ 200
//! users, [`Preset::Medium`] 10,000, [`Preset::Large`] 100,000) and serves it on a random
//! 127.0.0.1 port: Server-to-Server OAuth (`/oauth/token`), the Users, Groups, Roles and
//! Contact Groups endpoints under `/v2` with Zoom's payloads, status codes and error bodies,
//! scopes, expiring page tokens, per-plan rate limits with Zoom's headers and 429s, and
//! optional latency and fault injection. [`Simulator::ground_truth`] exports the whole account
//! so a client's result can be compared exactly; [`Simulator::counters`] tells how it used the
//! API. The same controls are reachable over HTTP under `/_sim/` and the `zoom-sim serve`
//! binary runs it as a process.
//!
//! Main types: [`Simulator`], [`SimConfig`], [`tenant::Tenant`] (the model, no HTTP),
//! [`GroundTruth`], [`Counters`], [`Faults`], [`Latency`].
//!
//! This crate shares no code with the `zoom-api` client on purpose: it is an independent
//! reading of Zoom's contract, checked against Zoom's OpenAPI schemas in its own tests.
//!
//! ```no_run
//! # async fn run() -> Result<(), zoom_sim::SimError> {
//! use zoom_sim::{Preset, SimConfig, Simulator};
//!
//! let sim = Simulator::start(SimConfig::preset(Preset::Small).seed(7)).await?;
//! let creds = sim.credentials();
//! // Point a Zoom client at sim.oauth_url() and sim.api_url() with sim.account_id(),
//! // creds.client_id and creds.client_secret, then compare what it read:
//! let truth = sim.ground_truth();
//! assert_eq!(truth.account_id, sim.account_id());
//! sim.shutdown().await;
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

mod auth;
mod clock;
mod config;
mod counters;
mod endpoint;
mod error;
mod faults;
pub mod generator;
mod ids;
mod latency;
mod pagination;
mod rate_limit;
mod routes;
mod scopes;
mod simulator;
mod state;
pub mod tenant;

pub use auth::AppCredentials;
pub use config::SimConfig;
pub use counters::Counters;
pub use endpoint::{Category, Endpoint};
pub use error::{ApiError, SimError};
pub use faults::Faults;
pub use generator::{Preset, TenantSpec};
pub use latency::Latency;
pub use rate_limit::{RateLimitMode, ZoomPlan, parse_agreed_limits};
pub use scopes::{all_scopes, conductorone_scopes, read_scopes, scope_set};
pub use simulator::Simulator;
pub use state::SharedTenant;
pub use tenant::GroundTruth;
