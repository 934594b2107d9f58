//! Changing access in Zoom: the Go SDK's one-shot provisioning flags and readable
//! subcommands (grant, revoke, user create/activate/deactivate/delete, invite delete), both
//! turned into connector requests and run the same way. The result goes to stdout; a failure
//! is an error (one line naming the fix) and a non-zero exit.

mod commands;
mod go_flags;

use connector::provision::{Mode, Provisioner, Request};

pub use commands::ProvisionCommand;
pub use go_flags::GoFlags;

use crate::common::CommonArgs;
use crate::zoom_args::ZoomArgs;
use commands::Output;

/// Runs a provisioning subcommand.
pub async fn run(
    command: &ProvisionCommand,
    zoom: &ZoomArgs,
    common: &CommonArgs,
) -> anyhow::Result<()> {
    let (request, change) = command.request()?;
    execute(&request, change.dry_run, change.output, zoom, common).await
}

/// Runs the one-shot action the Go SDK flags ask for.
pub async fn run_go_flags(
    flags: &GoFlags,
    zoom: &ZoomArgs,
    common: &CommonArgs,
) -> anyhow::Result<()> {
    let request = flags.request()?;
    execute(&request, flags.dry_run, Output::Console, zoom, common).await
}

/// Runs one request against the account the Zoom flags name, looking entitlements up in
/// `--file`, and prints the report.
async fn execute(
    request: &Request,
    dry_run: bool,
    output: Output,
    zoom: &ZoomArgs,
    common: &CommonArgs,
) -> anyhow::Result<()> {
    let mode = if dry_run { Mode::DryRun } else { Mode::Apply };
    let provisioner = Provisioner::new(zoom.client()?, mode)
        .with_sync_file_options(&common.file, common.read_options()?);
    let report = provisioner.run(request).await?;
    match output {
        Output::Console => println!("{report}"),
        Output::Json => println!("{}", serde_json::to_string(&report)?),
    }
    Ok(())
}
