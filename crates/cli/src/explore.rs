//! `explore`: the local web explorer over `--file`, until Ctrl-C.

use std::io::Write;
use std::net::SocketAddr;

use anyhow::{Context, bail};
use explorer::findings::DEFAULT_INACTIVE_DAYS;
use explorer::web::{Explorer, Options};

use crate::common::CommonArgs;

/// Flags of `explore`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Where to listen; port 0 picks a free one. Anything but loopback makes the sync
    /// readable from other machines by whoever has the URL
    #[arg(long, default_value = "127.0.0.1:0")]
    addr: SocketAddr,
    /// Open the explorer in the default browser
    #[arg(long)]
    open: bool,
    /// Days without a sign-in (or pending, for invites) after which findings report a user
    #[arg(long, default_value_t = DEFAULT_INACTIVE_DAYS)]
    inactive_days: u32,
    /// Sync to show [default: the newest finished full sync]
    #[arg(long)]
    sync_id: Option<String>,
}

/// Serves the explorer and prints its URL (with the access token) on stdout.
pub async fn run(args: &Args, common: &CommonArgs) -> anyhow::Result<()> {
    let file = &common.file;
    if !file.exists() {
        bail!(
            "{} does not exist: run a sync first, or point --file at a .c1z file",
            file.display()
        );
    }
    let options = Options {
        file: file.clone(),
        addr: args.addr,
        sync_id: args.sync_id.clone(),
        inactive_days: args.inactive_days,
        read: common.read_options()?,
    };
    let explorer = Explorer::open(options)
        .await
        .with_context(|| format!("cannot explore {}", file.display()))?;
    if !explorer.local_addr().ip().is_loopback() {
        eprintln!(
            "warning: listening on {}, which other machines can reach; anyone with the URL can read this sync",
            explorer.local_addr()
        );
    }
    let stop = crate::stop::stop_signal();
    let url = explorer.url();
    println!("{url}");
    std::io::stdout().flush()?;
    eprintln!(
        "Exploring {} (read-only). Press Ctrl-C to stop.",
        file.display()
    );
    if args.open
        && let Err(error) = webbrowser::open(&url)
    {
        eprintln!("warning: cannot open a browser ({error}); open the URL above");
    }
    explorer.serve(stop).await?;
    Ok(())
}
