//! The sync benchmark: syncs a simulated Zoom account under a plan's rate limits (Business
//! by default, or limits agreed above any plan) and a realistic network latency, with the
//! client told the plan or learning it (`--zoom-plan auto`), and reports what the run cost
//! against what the account's true limits allow: API calls per category and per operation
//! (against the minimum the sync strategy needs), the floor the limits set, the floor the
//! latency of the longest chain of dependent calls sets, wall time, 429s,
//! what auto pacing learned, CPU time, peak memory and file size.
//!
//! The simulator runs in a child process (this binary, `sim` mode) so that the figures of
//! this process are the connector's alone. Run `cargo run --release -p bench -- --help`.
//!
//! `daemon` and `idle` measure the self-hosted mode instead (see `daemon.rs`): the release
//! `baton-zoom` binary as a ConductorOne daemon.

mod daemon;
mod minimum;
mod process_stats;
mod timeline;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use secrecy::SecretString;
use serde::Deserialize;
use zoom_api::{Category, Client, ClientConfig, Pacing};
use zoom_sim::{Counters, GroundTruth};

/// Benchmark a full sync against a simulated Zoom account.
#[derive(Debug, Parser)]
struct Args {
    /// Size of the simulated account
    #[arg(long, value_enum, default_value = "medium")]
    preset: PresetArg,

    /// Seed of the simulated account
    #[arg(long, default_value_t = 1)]
    seed: u64,

    /// Fixed latency of every answer, in milliseconds
    #[arg(long, default_value_t = 100)]
    latency_ms: u64,

    /// Share of the rate limits the client may use (1.0: a dedicated account)
    #[arg(long, default_value_t = 1.0)]
    share: f64,

    /// The account's plan in the simulator (pro, business, business-plus, enterprise)
    #[arg(long, default_value = "business", value_parser = parse_plan)]
    plan: zoom_sim::ZoomPlan,

    /// Per-second limits replacing the plan's, e.g. medium=120
    #[arg(long, value_parser = zoom_sim::parse_agreed_limits)]
    rate_limits: Option<AgreedLimits>,

    /// Answers without X-RateLimit-Limit, so auto pacing must find the limits from 429s
    #[arg(long)]
    no_limit_headers: bool,

    /// How the client paces: auto (learn the limits), pro or business
    #[arg(long, default_value = "auto")]
    zoom_plan: Pacing,

    /// Print on stderr when each listing starts and finishes, and when the sync ends
    #[arg(long)]
    timeline: bool,

    #[command(subcommand)]
    mode: Option<Mode>,
}

#[derive(Debug, Subcommand)]
enum Mode {
    /// (internal) serve the simulated account; prints its URLs and credentials on line one
    #[command(hide = true)]
    Sim,

    /// A full sync as a self-hosted daemon task against the CLI's sync plus the upload
    /// (runs the release baton-zoom: cargo build --release -p baton-zoom)
    Daemon {
        /// Rounds of CLI-then-daemon
        #[arg(long, default_value_t = 2)]
        rounds: u32,

        /// The baton-zoom binary [default: the one beside this benchmark]
        #[arg(long)]
        baton_zoom: Option<PathBuf>,
    },

    /// CPU time and memory of a self-hosted daemon with nothing to do, while it polls
    Idle {
        /// How long to measure, in seconds
        #[arg(long, default_value_t = 60)]
        seconds: u64,

        /// `next_poll` ConductorOne answers with, in milliseconds
        #[arg(long, default_value_t = 1000)]
        next_poll_ms: u64,

        /// The baton-zoom binary [default: the one beside this benchmark]
        #[arg(long)]
        baton_zoom: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PresetArg {
    Small,
    Medium,
    Large,
}

/// The simulator child's first line.
#[derive(Debug, Deserialize)]
struct SimInfo {
    base_url: String,
    account_id: String,
    client_id: String,
    client_secret: String,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    match &args.mode {
        Some(Mode::Sim) => runtime.block_on(serve_sim(&args)),
        Some(mode) => runtime.block_on(self_hosted(&args, mode)),
        None => runtime.block_on(benchmark(&args)),
    }
}

/// Runs a self-hosted benchmark against a simulator child.
async fn self_hosted(args: &Args, mode: &Mode) -> anyhow::Result<()> {
    let (mut child, info) = spawn_sim(args)?;
    let outcome = match mode {
        Mode::Daemon { rounds, baton_zoom } => {
            let target = daemon::Target::new(baton_zoom.clone(), info)?;
            daemon::compare(&target, *rounds).await
        }
        Mode::Idle {
            seconds,
            next_poll_ms,
            baton_zoom,
        } => {
            let target = daemon::Target::new(baton_zoom.clone(), info)?;
            daemon::idle(&target, *seconds, Duration::from_millis(*next_poll_ms)).await
        }
        Mode::Sim => Ok(()),
    };
    drop(child.stdin.take());
    child.wait()?;
    outcome
}

/// Per-second limits by category, as `--rate-limits` gives them.
type AgreedLimits = Vec<(zoom_sim::Category, u32)>;

fn parse_plan(value: &str) -> Result<zoom_sim::ZoomPlan, String> {
    zoom_sim::ZoomPlan::parse(value).ok_or_else(|| format!("unknown plan {value:?}"))
}

/// The account's true per-second limit of `category`: the plan's, or the agreed one.
fn true_limit(args: &Args, category: Category) -> f64 {
    let category = match category {
        Category::Light => zoom_sim::Category::Light,
        Category::Medium => zoom_sim::Category::Medium,
        Category::Heavy => zoom_sim::Category::Heavy,
    };
    let agreed = args
        .rate_limits
        .iter()
        .flatten()
        .find(|(c, _)| *c == category)
        .map(|(_, limit)| *limit);
    f64::from(agreed.unwrap_or(args.plan.budget(category).0))
}

fn preset(arg: PresetArg) -> zoom_sim::Preset {
    match arg {
        PresetArg::Small => zoom_sim::Preset::Small,
        PresetArg::Medium => zoom_sim::Preset::Medium,
        PresetArg::Large => zoom_sim::Preset::Large,
    }
}

/// Child mode: serves the account until stdin closes.
async fn serve_sim(args: &Args) -> anyhow::Result<()> {
    let latency = zoom_sim::Latency {
        base: Duration::from_millis(args.latency_ms),
        ..zoom_sim::Latency::default()
    };
    let mut config = zoom_sim::SimConfig::preset(preset(args.preset))
        .seed(args.seed)
        .plan(args.plan)
        .announce_limits(!args.no_limit_headers)
        .latency(latency);
    for (category, limit) in args.rate_limits.iter().flatten() {
        config = config.per_second_limit(*category, *limit);
    }
    let sim = zoom_sim::Simulator::start(config).await?;
    let credentials = sim.credentials();
    println!(
        "{}",
        serde_json::json!({
            "base_url": sim.base_url(),
            "account_id": sim.account_id(),
            "client_id": credentials.client_id,
            "client_secret": credentials.client_secret,
        })
    );
    // The parent closes stdin when it is done (or dies).
    tokio::task::spawn_blocking(|| std::io::stdin().lines().for_each(drop)).await?;
    sim.shutdown().await;
    Ok(())
}

/// Parent mode: starts the simulator child, syncs it, and prints the figures.
async fn benchmark(args: &Args) -> anyhow::Result<()> {
    let (mut child, info) = spawn_sim(args)?;
    let http = reqwest::Client::new();
    http.post(format!("{}/_sim/counters/reset", info.base_url))
        .send()
        .await?;

    let mut config = ClientConfig::with_urls(
        info.account_id.clone(),
        info.client_id.clone(),
        SecretString::from(info.client_secret.clone()),
        &format!("{}/v2", info.base_url),
        &format!("{}/oauth/token", info.base_url),
    )?;
    config.pacing = args.zoom_plan;
    config.budget_share = args.share;
    let client = Client::new(config)?;

    let folder = tempfile::tempdir()?;
    let file = folder.path().join("bench.c1z");
    let before = process_stats::ProcessStats::now()?;
    let timeline = args.timeline.then(timeline::Timeline::new);
    let progress: &dyn connector::sync::Progress = match &timeline {
        Some(timeline) => timeline,
        None => &connector::sync::NoProgress,
    };
    let started = Instant::now();
    let report = connector::sync::sync(
        &client,
        &connector::sync::SyncOptions::new(file.clone()),
        progress,
    )
    .await?;
    let wall = started.elapsed();
    if let Some(timeline) = &timeline {
        timeline.event("sync finished (file published)");
    }
    let after = process_stats::ProcessStats::now()?;

    // Read only after the sync: holding the whole account here would count in the peak.
    let truth: GroundTruth = http
        .get(format!("{}/_sim/ground-truth", info.base_url))
        .send()
        .await?
        .json()
        .await
        .context("simulator ground truth")?;
    let counters: Counters = http
        .get(format!("{}/_sim/counters", info.base_url))
        .send()
        .await?
        .json()
        .await?;
    drop(child.stdin.take());
    child.wait()?;

    print_report(
        args,
        &truth,
        &counters,
        &report,
        wall,
        &before,
        &after,
        std::fs::metadata(&file)?.len(),
    );
    Ok(())
}

fn spawn_sim(args: &Args) -> anyhow::Result<(Child, SimInfo)> {
    let mut child = Command::new(std::env::current_exe()?)
        .args(["--preset", &format!("{:?}", args.preset).to_lowercase()])
        .args([
            "--seed",
            &args.seed.to_string(),
            "--latency-ms",
            &args.latency_ms.to_string(),
            "--plan",
            args.plan.name(),
        ])
        .args(args.rate_limits.iter().map(|limits| {
            let pairs: Vec<String> = limits
                .iter()
                .map(|(c, l)| format!("{}={l}", c.label().to_ascii_lowercase()))
                .collect();
            format!("--rate-limits={}", pairs.join(","))
        }))
        .args(args.no_limit_headers.then_some("--no-limit-headers"))
        .arg("sim")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot start the simulator process")?;
    let stdout = child.stdout.take().context("simulator stdout")?;
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line)?;
    let info = serde_json::from_str(&line).with_context(|| format!("simulator said {line:?}"))?;
    Ok((child, info))
}

#[allow(clippy::too_many_arguments)]
fn print_report(
    args: &Args,
    truth: &GroundTruth,
    counters: &Counters,
    report: &connector::sync::SyncReport,
    wall: Duration,
    before: &process_stats::ProcessStats,
    after: &process_stats::ProcessStats,
    file_size: u64,
) {
    let minimum = minimum::calls(truth);
    let limits: Vec<String> = Category::ALL
        .into_iter()
        .map(|c| {
            format!(
                "{} {}/s",
                c.to_string().to_ascii_lowercase(),
                true_limit(args, c)
            )
        })
        .collect();
    println!(
        "preset {:?} seed {} latency {} ms, {} plan ({}{}), client {:?} at share {}: {} users, {} invites, {} groups, {} contact groups",
        args.preset,
        args.seed,
        args.latency_ms,
        args.plan.name(),
        limits.join(", "),
        if args.no_limit_headers {
            ", no X-RateLimit-Limit"
        } else {
            ""
        },
        args.zoom_plan,
        args.share,
        truth.users.len(),
        truth.pending_users.len(),
        truth.groups.len(),
        truth.contact_groups.len()
    );
    println!("\n| operation | calls | minimum |\n|---|---|---|");
    for (operation, calls) in &counters.by_endpoint {
        let least = minimum.get(operation.as_str()).copied().unwrap_or(0);
        println!("| {operation} | {calls} | {least} |");
    }
    let total_minimum: u64 = minimum.values().sum();
    let floor = minimum::floor(&minimum, |category| true_limit(args, category));
    let chain = minimum::longest_chain(truth) as f64 * args.latency_ms as f64 / 1000.0;
    let cpu = after.cpu - before.cpu;
    println!(
        "\n| API calls | minimum | over minimum | floor (true limits) | chain floor | wall | wall / floor | 429s | CPU | peak RSS | file |\n|---|---|---|---|---|---|---|---|---|---|---|"
    );
    println!(
        "| {} | {} | {:+.1}% | {:.1} s | {:.1} s | {:.1} s | {:.2}x | {} | {:.1} s | {:.0} MiB | {:.1} MiB |",
        counters.total,
        total_minimum,
        (counters.total as f64 / total_minimum as f64 - 1.0) * 100.0,
        floor,
        chain,
        wall.as_secs_f64(),
        wall.as_secs_f64() / floor,
        report.api.rate_limited_per_second + report.api.rate_limited_daily,
        cpu.as_secs_f64(),
        after.peak_rss as f64 / 1048576.0,
        file_size as f64 / 1048576.0,
    );
    let pacing: Vec<String> = report.pacing.iter().map(ToString::to_string).collect();
    println!(
        "\nsync: {} grants, {} entitlements, retries {}; pacing {}",
        report.grants,
        report.entitlements,
        report.api.retries,
        pacing.join("; ")
    );
}
