//! The self-hosted benchmarks: a full sync as a daemon task against the same sync run from
//! the CLI plus its upload, and what an idle daemon costs while it polls.
//!
//! Both run the release `baton-zoom` binary as a customer runs it (client credentials in the
//! environment, the CA through `SSL_CERT_FILE`), against ConductorOne simulated in this
//! process (`c1-sim`) and the Zoom account simulated in a child process (see `main.rs`), so
//! the figures read from `/proc/<pid>` are the daemon's alone.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use c1_proto::baton::{BatonServiceGetTaskRequest, SyncFullTask, TaskType};
use c1_service::{BatonApi, ClientId, ClientSecret, GrpcBaton, Trust};
use c1_sim::{C1Sim, C1SimConfig};

use crate::SimInfo;
use crate::process_stats::ProcessStats;

/// How long a sync may take before the benchmark gives up.
const SYNC_PATIENCE: Duration = Duration::from_secs(15 * 60);
/// The host id of the benchmark's own client (the baseline's upload).
const BENCH_HOST: &str = "bench";

/// The `baton-zoom` binary to run, and the Zoom account it talks to.
pub struct Target {
    binary: PathBuf,
    zoom: SimInfo,
}

impl Target {
    /// `binary`, or the `baton-zoom` built beside this benchmark.
    pub fn new(binary: Option<PathBuf>, zoom: SimInfo) -> anyhow::Result<Target> {
        let binary = match binary {
            Some(binary) => binary,
            None => std::env::current_exe()?.with_file_name("baton-zoom"),
        };
        ensure!(
            binary.is_file(),
            "{} not found: build it first (cargo build --release -p baton-zoom) or pass --baton-zoom",
            binary.display()
        );
        Ok(Target { binary, zoom })
    }

    /// `baton-zoom` with the Zoom flags and nothing inherited from this environment.
    fn command(&self) -> Command {
        let mut command = Command::new(&self.binary);
        command
            .env_clear()
            .args(["--account-id", &self.zoom.account_id])
            .args(["--zoom-client-id", &self.zoom.client_id])
            .args(["--zoom-client-secret", &self.zoom.client_secret])
            .args(["--zoom-api-url", &format!("{}/v2", self.zoom.base_url)])
            .args([
                "--zoom-oauth-url",
                &format!("{}/oauth/token", self.zoom.base_url),
            ])
            .args(["--zoom-plan", "business", "--log-level", "error"])
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        command
    }

    /// Starts the daemon for `c1`, with its files in `work`.
    fn start_daemon(&self, c1: &C1Sim, work: &Path) -> anyhow::Result<Daemon> {
        let child = self
            .command()
            .env("BATON_CLIENT_ID", c1.client_id())
            .env("BATON_CLIENT_SECRET", c1.client_secret())
            .env("BATON_HOST_ID", "bench-daemon")
            .env("SSL_CERT_FILE", c1.ca_pem_path())
            .arg("--c1z-temp-dir")
            .arg(work)
            .spawn()
            .context("cannot start the daemon")?;
        Ok(Daemon(child))
    }
}

/// A running daemon, stopped with SIGTERM when dropped.
struct Daemon(Child);

impl Daemon {
    fn pid(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status();
        let _ = self.0.wait();
    }
}

/// One round of the comparison.
struct Round {
    cli_sync: Duration,
    upload: Duration,
    daemon_task: Duration,
    daemon_cpu: Duration,
    daemon_peak_rss: u64,
    file_size: u64,
    uploaded_size: usize,
}

/// Runs `rounds` rounds of: the CLI syncs into a file and this process uploads it as a sync
/// task's asset; then the daemon is handed a sync task and does both. Prints a table.
pub async fn compare(target: &Target, rounds: u32) -> anyhow::Result<()> {
    let c1 = C1Sim::start(C1SimConfig::default()).await?;
    let work = tempfile::tempdir()?;
    let mut results = Vec::new();
    for round in 1..=rounds {
        // Let the simulator's rate-limit windows empty between runs.
        tokio::time::sleep(Duration::from_secs(3)).await;
        let (cli_sync, upload, file_size) = cli_and_upload(target, &c1, work.path()).await?;
        tokio::time::sleep(Duration::from_secs(3)).await;
        let (daemon_task, daemon_cpu, daemon_peak_rss, uploaded_size) =
            daemon_task(target, &c1, work.path()).await?;
        eprintln!(
            "round {round}: CLI {:.1} s + upload {:.2} s, daemon {:.1} s",
            cli_sync.as_secs_f64(),
            upload.as_secs_f64(),
            daemon_task.as_secs_f64()
        );
        results.push(Round {
            cli_sync,
            upload,
            daemon_task,
            daemon_cpu,
            daemon_peak_rss,
            file_size,
            uploaded_size,
        });
    }
    ensure!(
        c1.invalid_requests().is_empty(),
        "ConductorOne refused requests: {:?}",
        c1.invalid_requests()
    );
    println!(
        "| round | CLI sync | upload | CLI + upload | daemon task (handed out → FinishTask) | daemon / (CLI + upload) | daemon CPU | daemon peak RSS | file (CLI / daemon) |\n|---|---|---|---|---|---|---|---|---|"
    );
    for (i, r) in results.iter().enumerate() {
        let baseline = r.cli_sync + r.upload;
        println!(
            "| {} | {:.1} s | {:.2} s | {:.1} s | {:.1} s | {:.3}× | {:.1} s | {:.0} MiB | {:.1} / {:.1} MiB |",
            i + 1,
            r.cli_sync.as_secs_f64(),
            r.upload.as_secs_f64(),
            baseline.as_secs_f64(),
            r.daemon_task.as_secs_f64(),
            r.daemon_task.as_secs_f64() / baseline.as_secs_f64(),
            r.daemon_cpu.as_secs_f64(),
            r.daemon_peak_rss as f64 / 1048576.0,
            r.file_size as f64 / 1048576.0,
            r.uploaded_size as f64 / 1048576.0,
        );
    }
    Ok(())
}

/// The CLI's sync (process start to exit) and the upload of its file as a task's asset.
async fn cli_and_upload(
    target: &Target,
    c1: &C1Sim,
    work: &Path,
) -> anyhow::Result<(Duration, Duration, u64)> {
    let file = work.join("cli.c1z");
    let _ = std::fs::remove_file(&file);
    let mut command = target.command();
    command.arg("--file").arg(&file);
    let started = Instant::now();
    let status = tokio::task::spawn_blocking(move || command.status()).await??;
    let cli_sync = started.elapsed();
    ensure!(status.success(), "the CLI sync failed: {status}");

    // Take a sync task as the daemon would, then upload the CLI's file for it.
    let api = GrpcBaton::new(
        ClientId::parse(c1.client_id())?,
        ClientSecret::parse(&c1.client_secret())?,
        None,
        &Trust::Only(c1.ca_pem().to_owned()),
    )?;
    let task_id = c1.push_task(TaskType::SyncFull(SyncFullTask::default()));
    let reply = api
        .get_task(BatonServiceGetTaskRequest {
            host_id: BENCH_HOST.into(),
        })
        .await?;
    ensure!(
        reply.task.is_some_and(|task| task.id == task_id),
        "the simulator handed out another task"
    );
    let started = Instant::now();
    c1_service::upload(&api, BENCH_HOST, &task_id, &file).await?;
    let upload = started.elapsed();
    Ok((cli_sync, upload, std::fs::metadata(&file)?.len()))
}

/// A sync task handed to a running daemon: from handed out to its FinishTask, with the
/// daemon's CPU time over the task and its peak memory.
async fn daemon_task(
    target: &Target,
    c1: &C1Sim,
    work: &Path,
) -> anyhow::Result<(Duration, Duration, u64, usize)> {
    let hellos = c1.hellos().len();
    let daemon = target.start_daemon(c1, work)?;
    c1.wait_hellos(hellos + 1, Duration::from_secs(30)).await?;
    let before = ProcessStats::of(daemon.pid())?;
    let task_id = c1.push_task(TaskType::SyncFull(SyncFullTask::default()));
    let finish = c1.wait_finished(&task_id, SYNC_PATIENCE).await?;
    let after = ProcessStats::of(daemon.pid())?;
    drop(daemon);
    if !finish.is_success() {
        bail!("the daemon's sync failed: {finish:?}");
    }
    let handed_out = c1
        .task(&task_id)
        .and_then(|state| state.handed_out.first().copied())
        .context("the task was never handed out")?;
    let uploaded = c1
        .uploads()
        .iter()
        .rev()
        .find(|upload| upload.task_id == task_id)
        .map_or(0, |upload| upload.bytes().len());
    Ok((
        finish.at - handed_out,
        after.cpu - before.cpu,
        after.peak_rss,
        uploaded,
    ))
}

/// Runs the daemon with nothing to do for `seconds`, polling every `next_poll`, and prints
/// its CPU time and memory over that span.
pub async fn idle(target: &Target, seconds: u64, next_poll: Duration) -> anyhow::Result<()> {
    let c1 = C1Sim::start(C1SimConfig::default().next_poll(next_poll)).await?;
    let work = tempfile::tempdir()?;
    let daemon = target.start_daemon(&c1, work.path())?;
    c1.wait_hellos(1, Duration::from_secs(30)).await?;
    // Past start-up (Zoom token, TLS, first token) before measuring.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let before = ProcessStats::of(daemon.pid())?;
    let polls_before = c1.counters().get_task;
    let span = Duration::from_secs(seconds);
    tokio::time::sleep(span).await;
    let after = ProcessStats::of(daemon.pid())?;
    let polls = c1.counters().get_task - polls_before;
    drop(daemon);
    let cpu = after.cpu - before.cpu;
    println!(
        "| span | next_poll | polls | CPU | CPU share of one core | RSS | peak RSS |\n|---|---|---|---|---|---|---|"
    );
    println!(
        "| {seconds} s | {} ms | {polls} | {:.2} s | {:.2}% | {:.1} MiB | {:.1} MiB |",
        next_poll.as_millis(),
        cpu.as_secs_f64(),
        cpu.as_secs_f64() / span.as_secs_f64() * 100.0,
        after.rss as f64 / 1048576.0,
        after.peak_rss as f64 / 1048576.0,
    );
    Ok(())
}
