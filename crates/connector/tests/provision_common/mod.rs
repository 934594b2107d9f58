//! Helpers shared by the provisioning tests: a simulated account, a sync file listing its
//! entitlements, provisioners in both modes, and readers of the account's state.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use c1z::{Batch, SyncKind, Writer, WriterConfig};
use connector::kinds::{self, license::License};
use connector::provision::{Mode, ProvisionError, Provisioner, Report, Request};
use secrecy::SecretString;
use zoom_api::{Client, ClientConfig, Plan, RetryPolicy};
use zoom_sim::tenant::{GroundTruth, Group, User, UserStatus};
use zoom_sim::{AppCredentials, Preset, SimConfig, Simulator};

/// A simulated account with a sync file of it.
pub struct Account {
    pub sim: Simulator,
    pub file: PathBuf,
    _dir: tempfile::TempDir,
}

impl Account {
    /// A small generated account (seeded) and a sync file listing its entitlements.
    pub async fn start(seed: u64) -> Account {
        let sim = Simulator::start(SimConfig::preset(Preset::Small).seed(seed))
            .await
            .expect("the simulator starts on a free loopback port");
        let dir = tempfile::tempdir().expect("a temp dir");
        let file = dir.path().join("sync.c1z");
        write_sync_file(&sim.ground_truth(), &file);
        Account {
            sim,
            file,
            _dir: dir,
        }
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
    config.plan = Plan::Business;
    config.retry = RetryPolicy {
        max_retries: 4,
        initial_backoff: Duration::from_millis(20),
        max_backoff: Duration::from_millis(500),
    };
    Client::new(config).expect("the test configuration is valid")
}

/// Writes a finished full sync listing every entitlement of the account (groups, roles,
/// contact groups, licences), built with the kinds' own builders.
pub fn write_sync_file(truth: &GroundTruth, path: &Path) {
    let mut resources = Vec::new();
    let mut entitlements = Vec::new();
    for group in &truth.groups {
        let resource = kinds::group::resource(&zoom_api::Group {
            id: group.id.clone(),
            name: group.name.clone(),
            total_members: Some(group.member_ids.len() as u64),
        });
        entitlements.extend(kinds::group::entitlements(&resource));
        resources.push(resource);
    }
    for role in &truth.roles {
        let resource = kinds::role::resource(&zoom_api::Role {
            id: role.id.clone(),
            name: role.name.clone(),
            description: Some(role.description.clone()),
            role_type: Some(role.role_type.clone()),
            total_members: Some(role.member_ids.len() as u64),
            privileges: Vec::new(),
        });
        entitlements.push(kinds::role::entitlement(&resource));
        resources.push(resource);
    }
    for contact_group in &truth.contact_groups {
        let resource = kinds::contact_group::resource(&zoom_api::ContactGroup {
            id: contact_group.id.clone(),
            name: contact_group.name.clone(),
            privacy: Some(i64::from(contact_group.privacy)),
            description: Some(contact_group.description.clone()),
        });
        entitlements.push(kinds::contact_group::entitlement(&resource));
        resources.push(resource);
    }
    for license in License::ALL {
        entitlements.push(license.entitlement());
        resources.push(license.resource());
    }
    let mut writer = Writer::open(path, WriterConfig::default()).expect("the sync file opens");
    writer.start_sync(SyncKind::Full).expect("a sync starts");
    writer
        .write_batch(&Batch {
            resource_types: kinds::resource_types(),
            resources,
            entitlements,
            grants: Vec::new(),
            checkpoint: None,
        })
        .expect("the rows are written");
    writer.finish().expect("the sync finishes");
}

/// An active user holding the Member role, in no group in `avoid_groups`.
pub fn plain_user<'t>(truth: &'t GroundTruth, avoid_groups: &[&str]) -> &'t User {
    truth
        .users
        .iter()
        .find(|u| {
            u.status == UserStatus::Active
                && u.role_id == "2"
                && avoid_groups.iter().all(|g| !u.group_ids.contains(*g))
        })
        .expect("the generated account has plain active members")
}
