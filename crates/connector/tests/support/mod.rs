//! Helpers shared by the end-to-end tests: a simulator and a client pointed at it, plus what
//! the sync tests ([`sync`]) and the provisioning tests ([`provision`]) build on them.

pub mod provision;
pub mod sync;

use std::time::Duration;

use zoom_api::{ClientConfig, Pacing, RetryPolicy, ZoomPlan};
use zoom_sim::{AppCredentials, SimConfig, Simulator};

/// Starts a simulator; a test cannot go on without one.
pub async fn start(config: SimConfig) -> Simulator {
    Simulator::start(config)
        .await
        .expect("the simulator starts on a free loopback port")
}

/// A configuration for the app holding `credentials` on `sim`, paced at the Business plan's
/// limits, retrying up to `max_retries` times with backoffs short enough for tests (at most
/// `max_backoff`).
pub fn client_config(
    sim: &Simulator,
    credentials: &AppCredentials,
    max_retries: u32,
    max_backoff: Duration,
) -> ClientConfig {
    let mut config = sim_client::config_for(sim, credentials).expect("the simulator's URLs parse");
    config.pacing = Pacing::Plan(ZoomPlan::Business);
    config.retry = RetryPolicy {
        max_retries,
        initial_backoff: Duration::from_millis(20),
        max_backoff,
    };
    config
}
