//! Self-hosted mode end to end: a simulated ConductorOne (`c1-sim`, TLS with its own CA) and
//! a simulated Zoom account, both in-process, and the built `baton-zoom` started against
//! them as a customer would start it: client credentials in the environment, the CA
//! through `SSL_CERT_FILE`, nothing else inherited.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::Duration;

use c1_proto::baton::Task;
use c1_sim::{C1Sim, C1SimConfig, Finish, TaskSpec};
use zoom_sim::{Latency, Preset, RateLimitMode, SimConfig, Simulator};

/// A generous bound for anything a test waits on.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// The host id the daemon is started with.
pub const HOST_ID: &str = "daemon-test-host";

/// ConductorOne answering quickly: polls every 200 ms, tokens for an hour.
pub fn quick_c1() -> C1SimConfig {
    C1SimConfig::default().next_poll(Duration::from_millis(200))
}

/// A small seeded Zoom account without rate limits.
pub fn small_zoom(seed: u64) -> SimConfig {
    SimConfig::preset(Preset::Small)
        .seed(seed)
        .rate_limits(RateLimitMode::Off)
}

/// A Zoom account whose sync takes a while without much data: 3,000 users, whose active
/// ones come in a chain of 9 pages, each taking `latency` to answer.
pub fn slow_zoom(seed: u64, latency: Duration) -> SimConfig {
    small_zoom(seed)
        .users(3_000)
        .latency(Latency::fixed(latency))
}

/// Both simulators and a folder for the daemon's files (`--c1z-temp-dir`) and logs.
pub struct SelfHosted {
    pub c1: C1Sim,
    pub zoom: Simulator,
    folder: tempfile::TempDir,
}

impl SelfHosted {
    /// Starts both simulators.
    pub async fn start(c1: C1SimConfig, zoom: SimConfig) -> SelfHosted {
        let c1 = C1Sim::start(c1)
            .await
            .expect("the ConductorOne simulator starts");
        let zoom = Simulator::start(zoom)
            .await
            .expect("the Zoom simulator starts");
        let folder = tempfile::tempdir().expect("a temp dir");
        std::fs::create_dir(folder.path().join("work")).expect("the work folder");
        SelfHosted { c1, zoom, folder }
    }

    /// The daemon's `--c1z-temp-dir`.
    pub fn work_dir(&self) -> PathBuf {
        self.folder.path().join("work")
    }

    /// The names of the files in the work folder, sorted.
    pub fn work_files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.work_dir())
            .expect("the work folder reads")
            .map(|entry| {
                entry
                    .expect("a folder entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }

    /// `baton-zoom` in daemon mode for both simulators, with an empty environment but for
    /// the ConductorOne credentials and `SSL_CERT_FILE`, run in the test's folder (so no
    /// `.baton.yaml` is read). `args` come after the Zoom flags.
    pub fn command(&self, args: &[&str]) -> Command {
        let credentials = self.zoom.credentials();
        let mut command = Command::new(env!("CARGO_BIN_EXE_baton-zoom"));
        command
            .env_clear()
            .current_dir(self.folder.path())
            .env("BATON_CLIENT_ID", self.c1.client_id())
            .env("BATON_CLIENT_SECRET", self.c1.client_secret())
            .env("BATON_HOST_ID", HOST_ID)
            .env("SSL_CERT_FILE", self.c1.ca_pem_path())
            .args(["--account-id", self.zoom.account_id()])
            .args(["--zoom-client-id", &credentials.client_id])
            .args(["--zoom-client-secret", &credentials.client_secret])
            .args(["--zoom-api-url", &self.zoom.api_url()])
            .args(["--zoom-oauth-url", &self.zoom.oauth_url()])
            .args(["--zoom-plan", "business"])
            .arg("--c1z-temp-dir")
            .arg(self.work_dir())
            .args(["--log-level", "info", "--log-format", "json"])
            .args(args);
        command
    }

    /// Starts `command`, its stderr going to a log file of its own.
    pub fn spawn(&self, mut command: Command) -> Daemon {
        let log = tempfile::Builder::new()
            .prefix("daemon-")
            .suffix(".log")
            .tempfile_in(self.folder.path())
            .expect("a log file")
            .into_temp_path()
            .keep()
            .expect("the log file stays");
        let stderr = std::fs::File::create(&log).expect("the log file opens");
        let child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .expect("baton-zoom starts");
        Daemon {
            child: Some(child),
            log,
        }
    }

    /// Starts the daemon with `args`.
    pub fn start_daemon(&self, args: &[&str]) -> Daemon {
        self.spawn(self.command(args))
    }

    /// Queues the task `spec` describes; returns its id.
    pub fn push(&self, spec: TaskSpec) -> String {
        self.c1
            .push(spec.to_task().expect("the test's task spec is valid"))
    }

    /// Queues `task` and waits for its FinishTask.
    pub async fn finish_of(&self, task: Task) -> Finish {
        let id = self.c1.push(task);
        self.wait_finished(&id).await
    }

    /// Queues the task `spec` describes and waits for its FinishTask.
    pub async fn run(&self, spec: TaskSpec) -> Finish {
        let id = self.push(spec);
        self.wait_finished(&id).await
    }

    /// Waits for the first FinishTask of `task_id`.
    pub async fn wait_finished(&self, task_id: &str) -> Finish {
        self.c1
            .wait_finished(task_id, PATIENCE)
            .await
            .expect("the task finishes")
    }

    /// Asserts that ConductorOne found nothing to refuse as malformed.
    #[track_caller]
    pub fn assert_no_invalid_requests(&self) {
        assert_eq!(self.c1.invalid_requests(), vec![]);
    }

    /// Asserts that the latest upload of `task_id` passed the checksum and reads back as
    /// exactly one finished sync holding what the Zoom account holds now.
    pub fn assert_upload_exact(&self, task_id: &str) {
        let uploads = self.c1.uploads();
        let upload = uploads
            .iter()
            .rev()
            .find(|upload| upload.task_id == task_id)
            .expect("the sync was uploaded");
        assert_eq!(upload.host_id, HOST_ID);
        let file = self.folder.path().join(format!("upload-{task_id}.c1z"));
        upload.write_to(&file).expect("the upload is written out");
        let sync_id = only_finished_sync(&file);
        sync_check::assert_exact(&file, &sync_id, &self.zoom.ground_truth());
    }
}

/// The id of the one finished sync in `file`.
#[track_caller]
pub fn only_finished_sync(file: &Path) -> String {
    let reader = c1z::Reader::open(file, &c1z::ReadOptions::default()).expect("the file opens");
    let runs = reader.sync_runs().expect("the sync runs read");
    let finished: Vec<_> = runs.iter().filter(|run| run.ended_at.is_some()).collect();
    assert_eq!(finished.len(), 1, "{runs:?}");
    finished[0].id.to_string()
}

/// A running `baton-zoom`; killed if the test ends without stopping it.
pub struct Daemon {
    child: Option<Child>,
    log: PathBuf,
}

impl Daemon {
    /// What it wrote on stderr so far.
    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().map_or(0, Child::id)
    }

    /// Sends SIGTERM, as Kubernetes does to stop a pod.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "SIGTERM was delivered");
    }

    /// Waits up to `within` for the process to exit; `None` if it is still running.
    pub async fn exited_within(&mut self, within: Duration) -> Option<ExitStatus> {
        let child = self.child.as_mut()?;
        let deadline = tokio::time::Instant::now() + within;
        loop {
            if let Some(status) = child.try_wait().expect("the child can be waited for") {
                return Some(status);
            }
            if tokio::time::Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for the process to exit on its own and returns its status and stderr.
    pub async fn exit(mut self) -> (ExitStatus, String) {
        let status = self
            .exited_within(PATIENCE)
            .await
            .unwrap_or_else(|| panic!("baton-zoom did not exit: {}", self.stderr()));
        (status, self.stderr())
    }

    /// Sends SIGTERM and returns the exit status, which must come within `within`.
    pub async fn stop(mut self, within: Duration) -> (ExitStatus, String) {
        self.terminate();
        let status = self.exited_within(within).await.unwrap_or_else(|| {
            panic!(
                "baton-zoom still runs {within:?} after SIGTERM: {}",
                self.stderr()
            )
        });
        (status, self.stderr())
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take()
            && child.try_wait().ok().flatten().is_none()
        {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The log lines (JSON objects) whose `message` is `message`.
pub fn log_events(stderr: &str, message: &str) -> Vec<serde_json::Value> {
    stderr
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|event| event["message"] == message)
        .collect()
}
