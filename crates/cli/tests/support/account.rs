//! A simulated account with a sync file of it, for the provisioning commands.

use std::path::PathBuf;

use zoom_sim::tenant::{GroundTruth, Group, User};
use zoom_sim::{Preset, SimConfig, Simulator};

use super::sync_command;

/// A small seeded account served on this test's runtime, synced into `file` by the binary.
pub struct Account {
    pub sim: Simulator,
    pub file: PathBuf,
    _dir: tempfile::TempDir,
}

impl Account {
    /// Starts the account and syncs it; the simulator's counters start at zero after the
    /// sync.
    pub async fn start(seed: u64) -> Account {
        let sim = Simulator::start(SimConfig::preset(Preset::Small).seed(seed))
            .await
            .expect("the simulator starts on a free loopback port");
        let dir = tempfile::tempdir().expect("a temp dir");
        let file = dir.path().join("sync.c1z");
        let mut sync = sync_command(&sim, &file);
        let output = tokio::task::spawn_blocking(move || sync.output().expect("the binary runs"))
            .await
            .expect("the runner thread does not panic");
        super::succeeded(&output);
        sim.reset_counters();
        Account {
            sim,
            file,
            _dir: dir,
        }
    }

    /// The account now.
    pub fn truth(&self) -> GroundTruth {
        self.sim.ground_truth()
    }

    /// The group with this id now.
    pub fn group(&self, id: &str) -> Group {
        let truth = self.truth();
        truth.group(id).cloned().expect("the group exists")
    }

    /// The user with this id now.
    pub fn user(&self, id: &str) -> User {
        let truth = self.truth();
        truth.user(id).cloned().expect("the user exists")
    }

    /// An active user holding the Member role, in no group in `avoid_groups`.
    pub fn plain_user(&self, avoid_groups: &[&str]) -> User {
        let truth = self.truth();
        truth
            .plain_member(avoid_groups)
            .cloned()
            .expect("the generated account has plain active members")
    }
}
