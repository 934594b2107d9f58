//! `validate`: checks that the credentials work and that the app holds every scope a sync
//! (and, with `--provisioning`, every change) needs, naming each missing scope, before a
//! long run fails halfway.

use std::collections::BTreeSet;

use zoom_api::{Client, Endpoint, missing_scopes};

/// Checks the app behind `client`; `provisioning` adds the scopes that changes need.
pub async fn run(client: &Client, provisioning: bool) -> anyhow::Result<()> {
    let granted = client.granted_scopes().await?;
    let mut needed: Vec<Endpoint> = connector::sync::SYNC_ENDPOINTS.to_vec();
    if provisioning {
        needed.extend_from_slice(connector::provision::PROVISIONING_ENDPOINTS);
    }
    let missing = missing_scopes(&granted, &needed);
    if missing.is_empty() {
        println!(
            "ok: the credentials work and the app holds every scope {} needs",
            if provisioning {
                "syncing and provisioning"
            } else {
                "a sync"
            }
        );
        return Ok(());
    }
    let scopes: BTreeSet<&str> = missing.iter().map(|(_, scope)| *scope).collect();
    for (endpoint, scope) in &missing {
        eprintln!("missing scope {scope} (needed by {endpoint:?})");
    }
    anyhow::bail!(
        "the Zoom app lacks {} scope(s): add {} to the Server-to-Server OAuth app in the Zoom App Marketplace and activate it again",
        scopes.len(),
        scopes.into_iter().collect::<Vec<_>>().join(", ")
    )
}
