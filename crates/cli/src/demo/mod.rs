//! `baton-zoom demo`: a simulated Zoom account started in-process, synced into `--file`
//! exactly as a real one would be, and a first look at what the file holds. With
//! `--self-hosted`, a simulated ConductorOne too, and the connector as its daemon
//! ([`self_hosted`]).

mod self_hosted;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use anyhow::Context;
use c1z::{GrantFilter, Reader, SyncView};
use clap::{Args, ValueEnum};
use connector::ids;
use zoom_sim::{Preset, SimConfig, Simulator};

use crate::common::CommonArgs;
use crate::progress::Bars;
use crate::sync_cmd;

/// How big the simulated account is and which one it is.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Size of the simulated account: small (~200 users) or medium (10,000)
    #[arg(long, value_enum, default_value = "small")]
    pub size: DemoSize,

    /// Seed of the simulated account: the same seed gives the same account
    #[arg(long, default_value_t = 1)]
    pub seed: u64,

    /// Run as a self-hosted connector: a simulated ConductorOne hands the daemon a sync, a
    /// grant and a revoke; the uploaded sync replaces --file
    #[arg(long)]
    pub self_hosted: bool,
}

/// Account sizes the demo offers.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DemoSize {
    /// About 200 users, a dozen groups
    Small,
    /// 10,000 users, 200 groups
    Medium,
}

/// Starts the simulator, syncs it into `--file` and prints what was found.
///
/// The report goes to stdout in one piece once the sync is done, so the log lines of the
/// sync (on stderr) all come before it, even where both streams go to one file or pipe;
/// the rows the sync warned about are counted in its `skipped` lines.
pub async fn run(args: &DemoArgs, common: &CommonArgs, bars: &Bars) -> anyhow::Result<()> {
    let file = &common.file;
    let read_options = common.read_options()?;
    let sim = start_zoom(args).await?;
    if args.self_hosted {
        let outcome = self_hosted::run(&sim, file, &read_options).await;
        sim.shutdown().await;
        return outcome;
    }
    let client = sim_client::client(&sim)?;
    let report = sync_cmd::run(&client, common, bars).await?;
    let size = args
        .size
        .to_possible_value()
        .expect("every demo size is a --size value");
    let mut text = format!(
        "Simulated Zoom account {}, size {}, seed {}\n{}\n\n",
        sim.account_id(),
        size.get_name(),
        args.seed,
        sync_cmd::summary(&report, file)
    );
    let reader = Reader::open(file, &read_options)
        .with_context(|| format!("cannot read back {}", file.display()))?;
    let view = reader.view(Some(&report.sync_id))?;
    write_findings(&mut text, &view)?;
    write_next_steps(&mut text, file)?;
    sim.shutdown().await;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

/// Starts the simulated Zoom account the arguments describe.
async fn start_zoom(args: &DemoArgs) -> anyhow::Result<Simulator> {
    let preset = match args.size {
        DemoSize::Small => Preset::Small,
        DemoSize::Medium => Preset::Medium,
    };
    let sim = Simulator::start(SimConfig::preset(preset).seed(args.seed))
        .await
        .context("cannot start the simulated Zoom account")?;
    tracing::info!(
        account_id = sim.account_id(),
        api_url = %sim.api_url(),
        "simulated Zoom account started"
    );
    Ok(sim)
}

/// Who holds the powerful roles, the largest groups and the licence seats.
fn write_findings(out: &mut String, view: &SyncView<'_>) -> anyhow::Result<()> {
    for role in view.resources(Some(ids::ROLE)) {
        let role = role?;
        if !matches!(role.display_name.as_str(), "Owner" | "Admin") {
            continue;
        }
        let holders = holders(view, &entitlement_of(&role, ids::MEMBER))?;
        writeln!(
            out,
            "{} role ({}): {}",
            role.display_name,
            holders.len(),
            preview(&holders, 6)
        )?;
    }

    let mut groups = Vec::new();
    for group in view.resources(Some(ids::GROUP)) {
        let group = group?;
        let members = grant_count(view, &group, ids::MEMBER)?;
        let admins = holders(view, &entitlement_of(&group, ids::ADMIN))?;
        groups.push((members, group.display_name, admins));
    }
    groups.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    writeln!(out, "\nLargest groups:")?;
    for (members, name, admins) in groups.iter().take(5) {
        writeln!(
            out,
            "  {name:<32} {members:>6} members, admins: {}",
            preview(admins, 3)
        )?;
    }

    writeln!(out, "\nLicences:")?;
    for license in view.resources(Some(ids::LICENSE)) {
        let license = license?;
        let seats = grant_count(view, &license, ids::ASSIGNED)?;
        writeln!(out, "  {:<32} {seats:>6} users", license.display_name)?;
    }
    Ok(())
}

/// How many grants `resource`'s entitlement `slug` has.
fn grant_count(view: &SyncView<'_>, resource: &c1z::Resource, slug: &str) -> anyhow::Result<u64> {
    let entitlement_id = entitlement_of(resource, slug);
    Ok(view
        .grants(GrantFilter::Entitlement(&entitlement_id))
        .count()?)
}

/// Display names of the principals holding an entitlement.
fn holders(view: &SyncView<'_>, entitlement_id: &str) -> anyhow::Result<Vec<String>> {
    let mut names = Vec::new();
    for grant in view.grants(GrantFilter::Entitlement(entitlement_id)) {
        let grant = grant?;
        let Some(principal) = grant.principal_id() else {
            continue;
        };
        let name = view
            .resource(principal)?
            .map(|resource| resource.display_name)
            .unwrap_or_else(|| principal.resource.clone());
        names.push(name);
    }
    names.sort();
    Ok(names)
}

/// The id of `resource`'s entitlement `slug`, as the sync wrote it.
fn entitlement_of(resource: &c1z::Resource, slug: &str) -> String {
    resource
        .id
        .as_ref()
        .map(|id| c1z::ids::entitlement_id(id, slug))
        .unwrap_or_default()
}

/// The first `limit` names, and how many more there are.
fn preview(names: &[String], limit: usize) -> String {
    let mut text = names
        .iter()
        .take(limit)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > limit {
        text.push_str(&format!(" and {} more", names.len() - limit));
    }
    if text.is_empty() {
        "none".to_owned()
    } else {
        text
    }
}

/// The inspect commands to try on the file.
fn write_next_steps(out: &mut String, file: &Path) -> std::fmt::Result {
    let file = file.display();
    writeln!(out, "\nLook further:")?;
    writeln!(out, "  baton-zoom stats -f {file}")?;
    writeln!(out, "  baton-zoom resources -t user -f {file}")?;
    writeln!(out, "  baton-zoom grants -t group -f {file}")?;
    writeln!(out, "  baton-zoom access -t user -r <user id> -f {file}")?;
    writeln!(out, "  baton-zoom access --privilege User:Edit -f {file}")?;
    writeln!(
        out,
        "  baton-zoom diff -f {file}        (after a second sync)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_name_the_rest_by_count() {
        let names: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(preview(&names, 2), "a, b and 1 more");
        assert_eq!(preview(&names, 3), "a, b, c");
        assert_eq!(preview(&[], 3), "none");
    }
}
