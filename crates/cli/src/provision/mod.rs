//! Changing access in Zoom: the Go SDK's one-shot provisioning flags and readable
//! subcommands (grant, revoke, user create/deactivate/activate/delete).

use clap::{Args, Subcommand};

use crate::common::CommonArgs;
use crate::zoom_args::ZoomArgs;

/// The Go SDK's provisioning flags.
#[derive(Debug, Args)]
pub struct GoFlags {
    /// The entitlement to grant to a principal
    #[arg(long, env = "BATON_GRANT_ENTITLEMENT", hide = true)]
    pub grant_entitlement: Option<String>,
}

impl GoFlags {
    /// Whether any one-shot provisioning action was asked for.
    pub fn is_requested(&self) -> bool {
        self.grant_entitlement.is_some()
    }
}

/// Readable provisioning subcommands.
#[derive(Debug, Subcommand)]
pub enum ProvisionCommand {
    /// Grant an entitlement to a principal
    Grant,
}

/// Runs a provisioning subcommand.
pub async fn run(
    command: &ProvisionCommand,
    zoom: &ZoomArgs,
    common: &CommonArgs,
) -> anyhow::Result<()> {
    let _ = (command, zoom, common);
    anyhow::bail!("not implemented yet")
}

/// Runs the one-shot action the Go SDK flags ask for.
pub async fn run_go_flags(
    flags: &GoFlags,
    zoom: &ZoomArgs,
    common: &CommonArgs,
) -> anyhow::Result<()> {
    let _ = (flags, zoom, common);
    anyhow::bail!("not implemented yet")
}
