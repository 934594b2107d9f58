//! Reading a `.c1z` back: resources, entitlements, grants, access, stats, syncs and diffs,
//! with the `baton` CLI's semantics.

use clap::Subcommand;

use crate::common::CommonArgs;

/// Subcommands that read `--file`.
#[derive(Debug, Subcommand)]
pub enum InspectCommand {
    /// List the sync runs in the file
    Syncs,
}

/// Runs an inspect subcommand against `--file`.
pub fn run(command: &InspectCommand, common: &CommonArgs) -> anyhow::Result<()> {
    let _ = (command, common);
    anyhow::bail!("not implemented yet")
}
