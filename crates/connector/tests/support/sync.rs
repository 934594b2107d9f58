//! Helpers of the sync tests: a client for the simulator, the comparison of a `.c1z` with
//! the simulator's ground truth (from `sync-check`), and the minimum number of API calls
//! the sync strategy needs.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use connector::sync::{NoProgress, Progress, SyncError, SyncOptions, SyncReport};
use secrecy::SecretString;
use zoom_api::{Client, ClientConfig};
use zoom_sim::tenant::{GroundTruth, UserStatus};
use zoom_sim::{Endpoint, RateLimitMode, SimConfig, Simulator};

pub use sync_check::{Content, actual, assert_content, assert_exact, expected};

/// A simulator config with rate limits off, for tests about content rather than pacing.
pub fn unlimited(config: SimConfig) -> SimConfig {
    config.rate_limits(RateLimitMode::Off)
}

/// A client configuration for `sim` on the Business plan, with retries quick enough for
/// tests.
pub fn config(sim: &Simulator) -> ClientConfig {
    super::client_config(sim, sim.credentials(), 10, Duration::from_secs(1))
}

/// A client for `sim` presenting `secret` instead of the app's, which Zoom refuses.
pub fn client_with_secret(sim: &Simulator, secret: &str) -> Client {
    let mut config = config(sim);
    config.client_secret = SecretString::from(secret.to_owned());
    Client::new(config).expect("the test configuration is valid")
}

/// A fresh client for `sim` (fresh, so its counters are one sync's).
pub fn client(sim: &Simulator) -> Client {
    Client::new(config(sim)).expect("the test configuration is valid")
}

/// A fresh client for a new app of `sim` holding exactly `scopes`.
pub fn client_with_scopes<S: Into<String>>(
    sim: &Simulator,
    scopes: impl IntoIterator<Item = S>,
) -> Client {
    let app = sim.add_app(scopes);
    let config = super::client_config(sim, &app, 10, Duration::from_secs(1));
    Client::new(config).expect("the test configuration is valid")
}

/// Syncs `sim` into `file` with a fresh client.
pub async fn sync(sim: &Simulator, file: &Path) -> Result<SyncReport, SyncError> {
    sync_with(&client(sim), file, &NoProgress).await
}

/// Syncs into `file` with `client` and `progress`, waiting while a cancelled run's writer
/// still holds the file (it stores its queued batches before letting go).
pub async fn sync_with(
    client: &Client,
    file: &Path,
    progress: &dyn Progress,
) -> Result<SyncReport, SyncError> {
    let options = SyncOptions::new(file).with_cleanup(c1z::Cleanup::Skip);
    for _ in 0..200 {
        match connector::sync::sync(client, &options, progress).await {
            Err(SyncError::Busy { .. }) => tokio::time::sleep(Duration::from_millis(25)).await,
            other => return other,
        }
    }
    panic!("the file stayed busy for 5 s after a cancelled sync");
}

/// Calls a listing of `rows` rows needs at `page_size` per page (an empty listing still
/// takes one call).
fn pages(rows: usize, page_size: usize) -> u64 {
    rows.div_ceil(page_size).max(1) as u64
}

/// The fewest calls per operation the sync strategy needs for `truth`: every user status
/// once at 300 per page, groups at 300, roles once and each role's details once, contact
/// groups at 50, then one admin listing per group (300 per page) and one member listing per
/// contact group (50 per page).
pub fn minimum_calls(truth: &GroundTruth) -> BTreeMap<&'static str, u64> {
    let count = |status| truth.users_with_status(status).count();
    let users = pages(count(UserStatus::Active), 300)
        + pages(count(UserStatus::Inactive), 300)
        + pages(truth.pending_users.len(), 300);
    let admins = truth
        .groups
        .iter()
        .map(|g| pages(g.admin_ids.len(), 300))
        .sum();
    let members = truth
        .contact_groups
        .iter()
        .map(|cg| pages(cg.members.len(), 50))
        .sum();
    BTreeMap::from([
        (Endpoint::Users.operation_id(), users),
        (
            Endpoint::Groups.operation_id(),
            pages(truth.groups.len(), 300),
        ),
        (Endpoint::Roles.operation_id(), 1),
        (
            Endpoint::GetRoleInformation.operation_id(),
            truth.roles.len() as u64,
        ),
        (
            Endpoint::ContactGroups.operation_id(),
            pages(truth.contact_groups.len(), 50),
        ),
        (Endpoint::GroupAdmins.operation_id(), admins),
        (Endpoint::ContactGroupMembers.operation_id(), members),
    ])
}

/// The API calls the simulator saw, per operation, without the token requests.
pub fn api_calls(sim: &Simulator) -> BTreeMap<String, u64> {
    let mut calls = sim.counters().by_endpoint;
    calls.remove(Endpoint::OauthToken.operation_id());
    calls
}

/// A number drawn from `seed` and `i` (SplitMix64), for reproducible "random" points.
pub fn draw(seed: u64, i: u64) -> u64 {
    let mut z = seed
        .wrapping_add(i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
