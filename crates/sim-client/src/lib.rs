//! A `zoom-api` client pointed at a `zoom-sim` simulator: the simulator's account id, one of
//! its apps' credentials, and its API and OAuth URLs, put into a [`ClientConfig`].
//!
//! `zoom-api` and `zoom-sim` never depend on each other: the simulator is a second,
//! independent reading of Zoom's contract, so a field both read wrongly the same way would
//! go unnoticed if they shared code. Something still has to connect the two, and the demo
//! and the tests of every crate that talks to a simulated account do it the same way; this
//! crate, which depends on both and is depended on by neither, is where that is written
//! once. The `baton-zoom demo` command uses it; the connector, explorer and `zoom-api` use it
//! in their tests only.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let sim = zoom_sim::Simulator::start(zoom_sim::SimConfig::default()).await?;
//! let client = sim_client::client(&sim)?;
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

use secrecy::SecretString;
use zoom_api::{Client, ClientConfig, ConfigError};
use zoom_sim::{AppCredentials, Simulator};

/// A configuration for the app holding `credentials` on `sim`, with [`ClientConfig`]'s
/// defaults for everything the simulator does not decide.
pub fn config_for(
    sim: &Simulator,
    credentials: &AppCredentials,
) -> Result<ClientConfig, ConfigError> {
    ClientConfig::with_urls(
        sim.account_id(),
        credentials.client_id.clone(),
        SecretString::from(credentials.client_secret.clone()),
        &sim.api_url(),
        &sim.oauth_url(),
    )
}

/// [`config_for`] the simulator's full-scope app.
pub fn config(sim: &Simulator) -> Result<ClientConfig, ConfigError> {
    config_for(sim, sim.credentials())
}

/// A client with the default configuration for the simulator's full-scope app.
pub fn client(sim: &Simulator) -> Result<Client, ConfigError> {
    Client::new(config(sim)?)
}
