//! Helpers shared by the end-to-end tests of the built binary: seeded simulated Zoom
//! accounts served in-process and synced into a `.c1z` by `baton-zoom` itself, runners of
//! the binary and readers of its output, and (in [`rows`]) an account's rows written
//! directly for files too large to sync in a test.

mod account;
pub mod daemon;
mod peak_memory;
pub mod rows;

pub use account::Account;
pub use peak_memory::PeakMemory;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;
use tokio::runtime::Runtime;
use zoom_sim::generator::Preset;
use zoom_sim::{GroundTruth, RateLimitMode, SimConfig, Simulator};

/// A simulator of the small seeded account every test starts from, with its runtime.
pub struct Sim {
    /// Runs the simulator's server; dropping it would stop the server.
    _runtime: Runtime,
    /// The simulated account.
    pub sim: Simulator,
}

impl Sim {
    /// Starts the simulator (rate limits off: these tests are about content, not pacing).
    pub fn start() -> Sim {
        let runtime = Runtime::new().expect("a tokio runtime");
        let config = SimConfig::preset(Preset::Small)
            .seed(7)
            .rate_limits(RateLimitMode::Off);
        let sim = runtime
            .block_on(Simulator::start(config))
            .expect("the simulator starts on a free loopback port");
        Sim {
            _runtime: runtime,
            sim,
        }
    }

    /// Syncs the account into `file` (appending a sync when it already holds some) by
    /// running `baton-zoom` as a user would.
    pub fn sync(&self, file: &Path) {
        let output = sync_command(&self.sim, file)
            .output()
            .expect("baton-zoom runs");
        assert!(
            output.status.success(),
            "the sync succeeds: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// The account as the simulator holds it now.
    pub fn truth(&self) -> GroundTruth {
        self.sim.ground_truth()
    }
}

/// One `.c1z` synced from the seeded account, shared by the read-only tests of this binary,
/// with its folder (kept for the binary's lifetime) and the account's ground truth.
pub fn synced() -> &'static (tempfile::TempDir, PathBuf, GroundTruth) {
    static FILE: OnceLock<(tempfile::TempDir, PathBuf, GroundTruth)> = OnceLock::new();
    FILE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sync.c1z");
        let truth = synced_file(&path);
        (dir, path, truth)
    })
}

/// A `.c1z` holding one sync of the seeded account, and that account's ground truth.
pub fn synced_file(file: &Path) -> GroundTruth {
    let sim = Sim::start();
    sim.sync(file);
    sim.truth()
}

/// Runs `baton-zoom --file <file> <args>` with no terminal and no `COLUMNS`.
pub fn run(file: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baton-zoom"))
        .arg("--file")
        .arg(file)
        .args(args)
        .env_remove("COLUMNS")
        .env_remove("BATON_FILE")
        .output()
        .expect("the binary runs")
}

/// Runs a subcommand that must succeed and returns its stdout.
pub fn stdout(file: &Path, args: &[&str]) -> String {
    let output = run(file, args);
    assert!(
        output.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

/// Runs a subcommand with `-o json` and parses its output.
pub fn json_of(file: &Path, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["-o", "json"]);
    let text = stdout(file, &args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}: {text}"))
}

/// The strings at `pointer` in each element of `list`, sorted.
pub fn sorted_at(list: &Value, pointer: &str) -> Vec<String> {
    let mut out: Vec<String> = list
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|item| {
            item.pointer(pointer)
                .and_then(Value::as_str)
                .unwrap_or_else(|| panic!("no string at {pointer} in {item}"))
                .to_owned()
        })
        .collect();
    out.sort();
    out
}

/// `baton-zoom` set up to sync `sim` into `file`, with the credentials as flags.
pub fn sync_command(sim: &Simulator, file: &Path) -> Command {
    let credentials = sim.credentials();
    let mut command = Command::new(env!("CARGO_BIN_EXE_baton-zoom"));
    command
        .arg("--file")
        .arg(file)
        .args(["--account-id", sim.account_id()])
        .args(["--zoom-client-id", &credentials.client_id])
        .args(["--zoom-client-secret", &credentials.client_secret])
        .args(["--zoom-api-url", &sim.api_url()])
        .args(["--zoom-oauth-url", &sim.oauth_url()])
        .args(["--zoom-plan", "business", "--log-level", "warn"]);
    command
}

/// The error line of a failed run: the first stderr line starting with `error: ` (clap's
/// usage errors go on with more lines).
#[track_caller]
pub fn error_line(output: &Output) -> String {
    assert!(!output.status.success(), "the run should fail: {output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    stderr
        .lines()
        .find(|line| line.starts_with("error: "))
        .unwrap_or_else(|| panic!("no error line in {stderr}"))
        .to_owned()
}

/// The stdout of a successful run, without its final newline.
#[track_caller]
pub fn succeeded(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .trim_end()
        .to_owned()
}
