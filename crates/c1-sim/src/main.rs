//! `c1-sim serve`: runs the ConductorOne simulator as a process, for scripts, demos and
//! trying a self-hosted connector by hand.
//!
//! The first line on stdout is one JSON object with the address, the client credentials
//! and the CA file (so a script can start the process and read it), followed by a
//! human-readable summary. Runs until Ctrl-C or SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use c1_sim::{C1Sim, C1SimConfig, script};
use clap::{Parser, Subcommand};
use serde::Serialize;

#[derive(Parser)]
#[command(
    name = "c1-sim",
    about = "A simulated ConductorOne control plane for a self-hosted connector",
    version
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the token endpoint and BatonService with TLS until Ctrl-C.
    Serve(ServeArgs),
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Listening address (port 0: a random free port).
    #[arg(long, default_value = "127.0.0.1:0")]
    addr: SocketAddr,
    /// Bearer token lifetime in seconds.
    #[arg(long, default_value_t = 3600)]
    token_ttl: u64,
    /// `next_poll` of GetTask replies, in milliseconds.
    #[arg(long, default_value_t = 1000)]
    next_poll_ms: u64,
    /// `next_heartbeat` of heartbeat replies, in milliseconds.
    #[arg(long, default_value_t = 30_000)]
    heartbeat_ms: u64,
    /// Tasks to hand out: a preset (empty, sync, smoke) or a JSON file with a list such as
    /// [{"kind":"sync_full"}, {"kind":"grant","entitlement":"group:ID:member","principal":"user:ID"}].
    #[arg(long, default_value = "empty")]
    tasks: String,
    /// Where to write the CA certificate (default: a temporary file removed at exit).
    #[arg(long)]
    ca_file: Option<PathBuf>,
    /// The name before `@` in the client id.
    #[arg(long, default_value = "c1-sim")]
    client_name: String,
}

/// The machine-readable first line.
#[derive(Serialize)]
struct Ready<'a> {
    addr: String,
    url: String,
    token_url: String,
    client_id: &'a str,
    client_secret: String,
    ca_file: String,
}

#[tokio::main]
async fn main() -> ExitCode {
    let Command::Serve(args) = Cli::parse().command;
    let tasks = match script::load(&args.tasks) {
        Ok(tasks) => tasks,
        Err(error) => {
            eprintln!(
                "c1-sim: {error}; give --tasks a preset ({}) or a JSON file",
                script::PRESETS.join(", ")
            );
            return ExitCode::FAILURE;
        }
    };
    let task_count = tasks.len();
    let mut config = C1SimConfig::default()
        .addr(args.addr)
        .client_name(&args.client_name)
        .token_ttl(Duration::from_secs(args.token_ttl))
        .next_poll(Duration::from_millis(args.next_poll_ms))
        .next_heartbeat(Duration::from_millis(args.heartbeat_ms))
        .tasks(tasks);
    if let Some(path) = &args.ca_file {
        config = config.ca_file(path);
    }
    let sim = match C1Sim::start(config).await {
        Ok(sim) => sim,
        Err(error) => {
            eprintln!("c1-sim: {error}");
            return ExitCode::FAILURE;
        }
    };
    let ready = Ready {
        addr: sim.addr().to_string(),
        url: sim.url(),
        token_url: sim.token_url(),
        client_id: sim.client_id(),
        client_secret: sim.client_secret(),
        ca_file: sim.ca_pem_path().display().to_string(),
    };
    println!(
        "{}",
        serde_json::to_string(&ready).expect("plain strings serialise")
    );
    println!(
        "c1-sim serving ConductorOne at {} with {task_count} queued tasks\n  connector: BATON_CLIENT_ID={} BATON_CLIENT_SECRET=<above> SSL_CERT_FILE={}\n  queue more: POST {}/_sim/tasks; history: GET {}/_sim/tasks/<id>; counters: GET {}/_sim/counters\n  Ctrl-C to stop",
        sim.url(),
        sim.client_id(),
        sim.ca_pem_path().display(),
        sim.url(),
        sim.url(),
        sim.url(),
    );
    wait_for_stop().await;
    sim.shutdown().await;
    ExitCode::SUCCESS
}

/// Ctrl-C, or SIGTERM on Unix (what `kill` and container runtimes send).
async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("c1-sim: cannot wait for Ctrl-C ({error}); stopping");
    }
}
