//! A client configuration pointed at an in-process simulator, shared by the sync and the
//! provisioning tests (each test binary includes this file by path).

use std::time::Duration;

use secrecy::SecretString;
use zoom_api::{ClientConfig, Pacing, Plan, RetryPolicy};
use zoom_sim::{AppCredentials, Simulator};

/// A configuration for the app holding `credentials` on `sim`, Business plan, retrying up to
/// `max_retries` times with backoffs short enough for tests (at most `max_backoff`).
pub fn config(
    sim: &Simulator,
    credentials: &AppCredentials,
    max_retries: u32,
    max_backoff: Duration,
) -> ClientConfig {
    let mut config = ClientConfig::new(
        sim.account_id(),
        credentials.client_id.clone(),
        SecretString::from(credentials.client_secret.clone()),
    );
    config.api_url = sim
        .api_url()
        .parse()
        .expect("the simulator's API URL parses");
    config.oauth_url = sim
        .oauth_url()
        .parse()
        .expect("the simulator's OAuth URL parses");
    config.pacing = Pacing::Plan(Plan::Business);
    config.retry = RetryPolicy {
        max_retries,
        initial_backoff: Duration::from_millis(20),
        max_backoff,
    };
    config
}
