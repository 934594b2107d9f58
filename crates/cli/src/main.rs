//! `baton-zoom`: syncs a Zoom account into a baton `.c1z` file, changes access in Zoom on
//! request, and reads `.c1z` files back. A drop-in for ConductorOne's Go `baton-zoom`: same
//! flags, environment variables and config file; with no subcommand it syncs into `--file`.

mod common;
mod config_file;
mod daemon;
mod demo;
mod explore;
mod findings;
mod inspect;
mod logging;
mod metadata;
mod progress;
mod protojson;
mod provision;
mod stop;
mod sync_cmd;
mod validate;
mod zoom_args;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::common::CommonArgs;
use crate::progress::Bars;
use crate::zoom_args::ZoomArgs;

/// Sync a Zoom account into a baton .c1z file, change access in Zoom, and look inside syncs.
///
/// With no subcommand, syncs the account into --file (resuming an unfinished sync left in
/// it). Try `baton-zoom demo` to see it work on a simulated account.
#[derive(Debug, Parser)]
#[command(name = "baton-zoom", version, args_override_self = true)]
struct Cli {
    #[command(flatten)]
    zoom: ZoomArgs,

    #[command(flatten)]
    common: CommonArgs,

    #[command(flatten)]
    go_provisioning: provision::GoFlags,

    #[command(flatten)]
    daemon: daemon::DaemonArgs,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start a simulated Zoom account, sync it into --file and show what was found
    Demo(demo::DemoArgs),

    /// Print what the connector can do with each resource type (JSON)
    Capabilities,

    /// Print the connector's configuration schema (JSON)
    Config,

    /// Check the credentials and that the app holds every scope a sync needs
    Validate {
        /// Also check the scopes that provisioning (grant, revoke, create, delete) needs
        #[arg(long)]
        provisioning: bool,
    },

    #[command(flatten)]
    Inspect(inspect::InspectCommand),

    /// Review a sync: owners and admins, idle or orphaned paid seats, stale invites, ...
    Findings(findings::Args),

    /// Explore a sync in the browser: users, groups, roles, licences, findings, changes
    Explore(explore::Args),

    #[command(flatten)]
    Provision(provision::ProvisionCommand),
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", one_line(&error));
            ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    let cli = parse_with_config_file()?;
    let bars = Bars::new();
    logging::init(&cli.common, bars.multi())?;
    match &cli.command {
        Some(Command::Demo(args)) => demo::run(args, &cli.common, &bars).await,
        Some(Command::Capabilities) => {
            print_json(&metadata::capabilities(&connector::kinds::resource_types())?)
        }
        Some(Command::Config) => print_json(&metadata::config_schema()),
        Some(Command::Validate { provisioning }) => {
            validate::run(&cli.zoom.client()?, *provisioning).await
        }
        Some(Command::Inspect(command)) => inspect::run(command, &cli.common),
        Some(Command::Findings(args)) => findings::run(args, &cli.common),
        Some(Command::Explore(args)) => explore::run(args, &cli.common).await,
        Some(Command::Provision(command)) => provision::run(command, &cli.zoom, &cli.common).await,
        // Daemon mode comes first, as in the Go SDK: the one-shot flags are then ignored.
        None if cli.daemon.is_requested() => {
            daemon::run(
                &cli.daemon,
                cli.common.c1z_temp_dir.as_deref(),
                cli.go_provisioning.provisioning,
                &cli.zoom,
            )
            .await
        }
        None if cli.go_provisioning.is_requested() => {
            provision::run_go_flags(&cli.go_provisioning, &cli.zoom, &cli.common).await
        }
        None => {
            let report = sync_cmd::run(&cli.zoom.client()?, &cli.common, &bars).await?;
            println!("{}", sync_cmd::summary(&report, &cli.common.file));
            Ok(())
        }
    }
}

/// Parses the command line with `.baton.yaml` values applied underneath it; `--help` and
/// `--version` print and exit here, as clap does.
fn parse_with_config_file() -> anyhow::Result<Cli> {
    let command = Cli::command();
    let args = config_file::with_config_file(std::env::args_os().collect(), &command)?;
    let matches = command
        .try_get_matches_from(args)
        .unwrap_or_else(|error| error.exit());
    Cli::from_arg_matches(&matches).map_err(|error| anyhow::anyhow!(error.to_string()))
}

/// The error and its causes on one line, joined by ": " (an error either shows its cause in
/// its own text or returns it as its source, so each text appears once).
fn one_line(error: &anyhow::Error) -> String {
    format!("{error:#}").replace('\n', " ")
}

fn print_json(value: &serde_json::Value) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_joins_each_cause_once() {
        let error = anyhow::Error::new(std::io::Error::other("disk full"))
            .context("cannot write x.c1z")
            .context("the sync stopped\nhalfway");
        assert_eq!(
            one_line(&error),
            "the sync stopped halfway: cannot write x.c1z: disk full"
        );
    }
}
