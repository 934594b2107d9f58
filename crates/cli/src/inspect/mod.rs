//! Reading a `.c1z` back: resources, entitlements, grants, access, stats, syncs and diffs,
//! with the `baton` CLI's semantics (sync selection, filters, JSON shapes), so a person who
//! knows `baton` feels at home and an auditor needs no second tool.
//!
//! Each subcommand lives in its own module and has the same shape: resolve its flags
//! against the file, stream the rows it selects, and hand them to [`output`], which writes
//! a console table, CSV or protojson. Nothing is printed to stdout but the answer.

mod access;
mod diff;
mod entitlements;
mod grants;
mod holders;
mod lookup;
mod output;
mod principals;
mod resource_types;
mod resources;
mod source;
mod stats;
mod syncs;

use std::io::{self, BufWriter, Write};

use clap::{Args, Subcommand};

use crate::common::CommonArgs;
use c1z::SyncView;
pub use output::Format;
use output::{Listing, Terminal};
pub use source::C1zFile;

/// Subcommands that read `--file`.
#[derive(Debug, Subcommand)]
pub enum InspectCommand {
    /// List the resource types of a sync
    ResourceTypes(ViewArgs),
    /// List the resources of a sync (users, groups, roles, ...)
    Resources(resources::Args),
    /// List entitlements (group membership, group admin, role, licence, ...)
    Entitlements(entitlements::Args),
    /// List grants: who holds which entitlement
    Grants(grants::Args),
    /// List the principals holding an entitlement or access to a resource
    Principals(principals::Args),
    /// Show everything one principal holds, grouped by resource; or, with --privilege, who
    /// holds a Zoom privilege through their role
    Access(access::Args),
    /// Count the resource types, resources, entitlements and grants of a sync
    Stats(ViewArgs),
    /// List the sync runs in the file
    Syncs(syncs::Args),
    /// Show what changed between two syncs
    Diff(diff::Args),
}

/// `-o/--output`, on every inspect subcommand.
#[derive(Debug, Clone, Args)]
pub struct OutputArg {
    /// Output format
    #[arg(
        short = 'o',
        long = "output",
        visible_alias = "output-format",
        value_enum,
        default_value_t = Format::Console
    )]
    pub format: Format,
}

/// `--sync-id` and `-o`, on the subcommands that read one sync.
#[derive(Debug, Clone, Args)]
pub struct ViewArgs {
    /// Sync to read [default: the newest finished full sync]
    #[arg(long)]
    sync_id: Option<String>,
    #[command(flatten)]
    output: OutputArg,
}

impl ViewArgs {
    /// The sync id, if one was given.
    pub fn sync_id(&self) -> Option<&str> {
        self.sync_id.as_deref()
    }

    /// The output format.
    pub fn format(&self) -> Format {
        self.output.format
    }

    /// The chosen sync of `file`, after checking the `-t` type (if any) against it.
    pub fn open<'f>(
        &self,
        file: &'f C1zFile,
        resource_type: Option<&str>,
    ) -> anyhow::Result<SyncView<'f>> {
        let view = file.view(self.sync_id())?;
        if let Some(resource_type) = resource_type {
            source::require_resource_type(&view, resource_type)?;
        }
        Ok(view)
    }
}

/// Where a subcommand writes its answer.
pub struct Out<'a> {
    /// Buffered stdout.
    pub writer: &'a mut dyn Write,
    /// What the console format may assume about stdout.
    pub terminal: Terminal,
}

impl<'a> Out<'a> {
    /// Starts a listing of `R` rows in `format`.
    pub fn listing<R: output::Row>(self, format: Format) -> io::Result<Listing<&'a mut dyn Write>> {
        Listing::new::<R>(format, self.writer, self.terminal)
    }
}

/// Runs an inspect subcommand against `--file`, writing the answer to stdout.
pub fn run(command: &InspectCommand, common: &CommonArgs) -> anyhow::Result<()> {
    let file = C1zFile::open(&common.file, &common.read_options()?)?;
    let mut stdout = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let out = Out {
        writer: &mut stdout,
        terminal: Terminal::detect(),
    };
    let outcome = match command {
        InspectCommand::ResourceTypes(args) => resource_types::run(&file, args, out),
        InspectCommand::Resources(args) => resources::run(&file, args, out),
        InspectCommand::Entitlements(args) => entitlements::run(&file, args, out),
        InspectCommand::Grants(args) => grants::run(&file, args, out),
        InspectCommand::Principals(args) => principals::run(&file, args, out),
        InspectCommand::Access(args) => access::run(&file, args, out),
        InspectCommand::Stats(args) => stats::run(&file, args, out),
        InspectCommand::Syncs(args) => syncs::run(&file, args, out),
        InspectCommand::Diff(args) => diff::run(&file, args, out),
    }
    .and_then(|()| Ok(stdout.flush()?));
    ignore_closed_pipe(outcome)
}

/// `baton-zoom grants | head` closes stdout early; that ends the listing, it is no error.
fn ignore_closed_pipe(outcome: anyhow::Result<()>) -> anyhow::Result<()> {
    match outcome {
        Err(error)
            if error.chain().any(|cause| {
                cause
                    .downcast_ref::<io::Error>()
                    .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            }) =>
        {
            Ok(())
        }
        other => other,
    }
}
