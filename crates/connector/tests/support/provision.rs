//! Helpers of the provisioning tests: a simulated account, a sync of it, provisioners
//! in both modes, and readers of the account's state (in the simulator and as synced).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use c1z::{GrantFilter, ReadOptions, Reader};
use connector::provision::{Mode, ProvisionError, Provisioner, Report, Request};
use connector::sync::{NoProgress, SyncOptions, sync};
use zoom_api::Client;
use zoom_sim::tenant::{GroundTruth, Group, User};
use zoom_sim::{AppCredentials, Preset, SimConfig, Simulator};

/// A simulated account with a sync file of it.
pub struct Account {
    pub sim: Simulator,
    pub file: PathBuf,
    _dir: tempfile::TempDir,
}

impl Account {
    /// A small generated account (seeded), synced into a sync file by the connector's
    /// sync engine. The simulator's counters start at zero after the sync.
    pub async fn start(seed: u64) -> Account {
        let sim = super::start(SimConfig::preset(Preset::Small).seed(seed)).await;
        let dir = tempfile::tempdir().expect("a temp dir");
        let file = dir.path().join("sync.c1z");
        let account = Account {
            sim,
            file,
            _dir: dir,
        };
        account.sync().await;
        account.sim.reset_counters();
        account
    }

    /// Syncs the account into the sync file again.
    pub async fn sync(&self) {
        let client = client(&self.sim, self.sim.credentials());
        sync(&client, &SyncOptions::new(&self.file), &NoProgress)
            .await
            .expect("the sync succeeds");
    }

    /// The ids of the resources of one type in the latest sync of the sync file.
    pub fn synced_resources(&self, resource_type: &str) -> BTreeSet<String> {
        let reader = Reader::open(&self.file, &ReadOptions::default()).expect("the file reads");
        let view = reader.view(None).expect("the file has a sync");
        view.resources(Some(resource_type))
            .into_iter()
            .map(|resource| {
                let resource = resource.expect("resources decode");
                resource.id.expect("synced resources have ids").resource
            })
            .collect()
    }

    /// The ids of every grant in the latest sync of the sync file.
    pub fn synced_grants(&self) -> BTreeSet<String> {
        let reader = Reader::open(&self.file, &ReadOptions::default()).expect("the file reads");
        let view = reader.view(None).expect("the file has a sync");
        view.grants(GrantFilter::All)
            .into_iter()
            .map(|grant| grant.expect("grants decode").id)
            .collect()
    }

    /// A provisioner for the full-scope app.
    pub fn provisioner(&self, mode: Mode) -> Provisioner {
        self.provisioner_with(self.sim.credentials(), mode)
    }

    /// A provisioner for the app holding `credentials`.
    pub fn provisioner_with(&self, credentials: &AppCredentials, mode: Mode) -> Provisioner {
        Provisioner::new(client(&self.sim, credentials), mode).with_sync_file(&self.file)
    }

    /// Runs `request` for real; the test cannot go on if it fails.
    pub async fn apply(&self, request: &Request) -> Report {
        self.provisioner(Mode::Apply)
            .run(request)
            .await
            .unwrap_or_else(|e| panic!("{request:?} failed: {e}"))
    }

    /// Runs `request` for real, expecting a refusal.
    pub async fn refuse(&self, request: &Request) -> ProvisionError {
        match self.provisioner(Mode::Apply).run(request).await {
            Ok(report) => panic!("{request:?} was not refused: {report}"),
            Err(e) => e,
        }
    }

    /// The account now.
    pub fn truth(&self) -> GroundTruth {
        self.sim.ground_truth()
    }

    /// Write requests the simulator has received so far.
    pub fn writes(&self) -> u64 {
        self.sim.counters().writes
    }

    /// The group with this id now.
    pub fn group(&self, id: &str) -> Group {
        self.truth()
            .group(id)
            .cloned()
            .unwrap_or_else(|| panic!("group {id} exists"))
    }

    /// The user with this id now.
    pub fn user(&self, id: &str) -> User {
        self.truth()
            .user(id)
            .cloned()
            .unwrap_or_else(|| panic!("user {id} exists"))
    }
}

/// A client of `sim` for the app holding `credentials`, with quick retries.
pub fn client(sim: &Simulator, credentials: &AppCredentials) -> Client {
    Client::new(super::client_config(
        sim,
        credentials,
        4,
        Duration::from_millis(500),
    ))
    .expect("the test configuration is valid")
}

/// An active user holding the Member role, in no group in `avoid_groups`.
pub fn plain_user<'t>(truth: &'t GroundTruth, avoid_groups: &[&str]) -> &'t User {
    truth
        .plain_member(avoid_groups)
        .expect("the generated account has plain active members")
}
