//! Simulated Zoom accounts synced into `.c1z` files by the connector, with their ground
//! truth, for the findings and explorer tests.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use connector::sync::{NoProgress, SyncOptions};
use explorer::Snapshot;
use tempfile::TempDir;
use time::OffsetDateTime;
use time::macros::datetime;
use tokio::runtime::Runtime;
use zoom_api::{Client, ClientConfig, Pacing, ZoomPlan};
use zoom_sim::generator::Activity;
use zoom_sim::{GroundTruth, Preset, RateLimitMode, SimConfig, Simulator, TenantSpec};

/// The review date of the accounts generated for findings.
pub const AS_OF: OffsetDateTime = datetime!(2026-03-01 00:00 UTC);

/// One runtime for every test of the binary (simulators and syncs run on it).
pub fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| Runtime::new().expect("a tokio runtime"))
}

/// A small account as a review finds it on [`AS_OF`]: sign-ins over the past year,
/// invitations over the past six months, half the deactivated users still on a paid seat.
pub fn review_spec() -> TenantSpec {
    TenantSpec {
        activity: Some(Activity {
            as_of: AS_OF,
            last_login_spread_days: 365,
            invite_spread_days: 180,
            inactive_licensed_share: 0.5,
        }),
        ..Preset::Small.spec()
    }
}

/// A simulated account, running, and the folder its syncs go to.
pub struct Account {
    /// The simulator serving the account.
    pub sim: Simulator,
    /// Holds the sync files.
    pub dir: TempDir,
}

impl Account {
    /// Starts a simulator of `spec` (rate limits off: these tests are about content).
    pub fn start(spec: TenantSpec, seed: u64) -> Account {
        let config = SimConfig::preset(Preset::Small)
            .tenant_spec(spec)
            .seed(seed)
            .rate_limits(RateLimitMode::Off);
        let sim = runtime()
            .block_on(Simulator::start(config))
            .expect("the simulator starts on a free loopback port");
        let dir = tempfile::tempdir().expect("a temp dir");
        Account { sim, dir }
    }

    /// The sync file of this account.
    pub fn file(&self) -> PathBuf {
        self.dir.path().join("sync.c1z")
    }

    /// Syncs the account into [`Account::file`] (adding a sync when it holds one) and
    /// returns the sync id and the ground truth at that moment.
    pub fn sync(&self) -> (String, GroundTruth) {
        let client = Client::new(client_config(&self.sim)).expect("a valid test configuration");
        let options = SyncOptions::new(self.file()).with_cleanup(c1z::Cleanup::Skip);
        let report = runtime()
            .block_on(connector::sync::sync(&client, &options, &NoProgress))
            .expect("the sync succeeds");
        (report.sync_id, self.sim.ground_truth())
    }
}

fn client_config(sim: &Simulator) -> ClientConfig {
    let mut config = sim_client::config(sim).expect("the simulator's URLs parse");
    config.pacing = Pacing::Plan(ZoomPlan::Business);
    config
}

/// The review account synced once, shared by the tests that only read it.
pub struct Reviewed {
    /// Keeps the simulator and the file alive.
    pub account: Account,
    /// The sync's ground truth.
    pub truth: GroundTruth,
}

/// The review account (seed 11), synced on first use.
pub fn reviewed() -> &'static Reviewed {
    static REVIEWED: OnceLock<Reviewed> = OnceLock::new();
    REVIEWED.get_or_init(|| {
        let account = Account::start(review_spec(), 11);
        let (_, truth) = account.sync();
        Reviewed { account, truth }
    })
}

/// The newest finished full sync of `file`, in memory.
pub fn snapshot(file: &Path) -> Snapshot {
    let reader = c1z::Reader::open(file, &c1z::ReadOptions::default()).expect("the file opens");
    explorer::snapshot::load(&reader.view(None).expect("a sync")).expect("the sync loads")
}

pub mod browser;
