//! `baton-zoom`: syncs a Zoom account into a baton `.c1z` file, changes access in Zoom on
//! request, and reads `.c1z` files back. A drop-in for ConductorOne's Go `baton-zoom`: same
//! flags, environment variables and config file; with no subcommand it syncs into `--file`.

mod common;
mod inspect;
mod provision;
mod zoom_args;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::common::CommonArgs;
use crate::zoom_args::ZoomArgs;

/// Sync a Zoom account into a baton .c1z file, change access in Zoom, and look inside syncs.
#[derive(Debug, Parser)]
#[command(name = "baton-zoom", version, about, long_about = None)]
struct Cli {
    #[command(flatten)]
    zoom: ZoomArgs,

    #[command(flatten)]
    common: CommonArgs,

    #[command(flatten)]
    go_provisioning: provision::GoFlags,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    #[command(flatten)]
    Inspect(inspect::InspectCommand),

    #[command(flatten)]
    Provision(provision::ProvisionCommand),
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Some(Command::Inspect(command)) => inspect::run(&command, &cli.common),
        Some(Command::Provision(command)) => provision::run(&command, &cli.zoom, &cli.common).await,
        None if cli.go_provisioning.is_requested() => {
            provision::run_go_flags(&cli.go_provisioning, &cli.zoom, &cli.common).await
        }
        None => Err(anyhow::anyhow!("sync is not wired up yet")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
