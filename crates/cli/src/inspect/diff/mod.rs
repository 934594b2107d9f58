//! `diff`: what changed between two syncs — resources, entitlements and grants created,
//! deleted and modified — with a short summary in words on top ("3 users gained admin in
//! group Sales").
//!
//! Rows are matched by id. To keep memory bounded by the largest piece rather than the
//! file, resources are compared one resource type at a time and grants one entitlement at
//! a time: only the older sync's rows of that piece are held, the newer sync's are
//! streamed past them.

mod summary;

use std::cell::Cell;
use std::collections::{BTreeSet, HashMap};

use anyhow::bail;
use c1z::{Entitlement, Grant, GrantFilter, Record, Resource, SyncRun, SyncView, ids};
use serde::Serialize;

use super::lookup::Lookup;
use super::output::{Format, Table, write_csv, write_json};
use super::source::C1zFile;
use super::syncs::local_text;
use super::{Out, OutputArg};
use crate::protojson::{self, ProtoJson};

/// Flags of `diff`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The older sync [default: the second-newest finished full sync]
    #[arg(long)]
    base: Option<String>,
    /// The newer sync [default: the newest finished full sync]
    #[arg(long)]
    applied: Option<String>,
    #[command(flatten)]
    output: OutputArg,
}

/// Rows created, deleted and modified between two syncs; modified rows as the newer sync
/// has them (as baton reports them). Each list is sorted by id.
#[derive(Serialize)]
#[serde(bound(serialize = "T: ProtoJson"))]
pub struct Changes<T> {
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "protojson::messages"
    )]
    created: Vec<T>,
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "protojson::messages"
    )]
    deleted: Vec<T>,
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "protojson::messages"
    )]
    modified: Vec<T>,
}

impl<T> Default for Changes<T> {
    fn default() -> Self {
        Changes {
            created: Vec::new(),
            deleted: Vec::new(),
            modified: Vec::new(),
        }
    }
}

impl<T: PartialEq> Changes<T> {
    /// Compares one piece of both syncs: `base` is held by key, `applied` streams past it.
    fn compare(
        &mut self,
        base: impl IntoIterator<Item = c1z::Result<T>>,
        applied: impl IntoIterator<Item = c1z::Result<T>>,
        key: impl Fn(&T) -> String,
    ) -> c1z::Result<()> {
        let mut older: HashMap<String, T> = HashMap::new();
        for row in base {
            let row = row?;
            older.insert(key(&row), row);
        }
        for row in applied {
            let row = row?;
            match older.remove(&key(&row)) {
                Some(previous) if previous != row => self.modified.push(row),
                Some(_) => {}
                None => self.created.push(row),
            }
        }
        self.deleted.extend(older.into_values());
        Ok(())
    }

    fn sort_by_key(&mut self, key: impl Fn(&T) -> String + Copy) {
        for list in [&mut self.created, &mut self.deleted, &mut self.modified] {
            list.sort_by_cached_key(key);
        }
    }

    /// Every change with its label, in created, deleted, modified order.
    fn labelled(&self) -> impl Iterator<Item = (&'static str, &T)> {
        self.created
            .iter()
            .map(|r| ("created", r))
            .chain(self.deleted.iter().map(|r| ("deleted", r)))
            .chain(self.modified.iter().map(|r| ("modified", r)))
    }
}

/// baton's `C1ZDiffOutput`, with the two syncs compared.
#[derive(Serialize)]
pub struct Diff {
    #[serde(skip)]
    base: SyncRun,
    #[serde(skip)]
    applied: SyncRun,
    resources: Changes<Resource>,
    entitlements: Changes<Entitlement>,
    grants: Changes<Grant>,
}

/// Compares two syncs of the file.
pub fn run(file: &C1zFile, args: &Args, out: Out<'_>) -> anyhow::Result<()> {
    let Out {
        writer: out,
        terminal,
    } = out;
    let (base, applied) = choose_syncs(file, args)?;
    let base_view = file.view(Some(base.id.as_str()))?;
    let applied_view = file.view(Some(applied.id.as_str()))?;
    let diff = compare(&base_view, &applied_view, base, applied)?;
    match args.output.format {
        Format::Json => write_json(out, &diff)?,
        Format::Csv => {
            let mut lookup = Lookup::across(vec![&applied_view, &base_view]);
            let rows = change_rows(&diff, &mut lookup)?;
            write_csv(out, COLUMNS, rows)?;
        }
        Format::Console => {
            let mut lookup = Lookup::across(vec![&applied_view, &base_view]);
            writeln!(
                out,
                "Changes from sync {} (ended {}) to sync {} (ended {}):",
                diff.base.id,
                local_text(diff.base.ended_at),
                diff.applied.id,
                local_text(diff.applied.ended_at)
            )?;
            for line in summary::lines(&diff, &mut lookup)? {
                writeln!(out, "  {line}")?;
            }
            let rows = change_rows(&diff, &mut lookup)?;
            if !rows.is_empty() {
                writeln!(out)?;
                let mut table = Table::new(out, COLUMNS, terminal);
                for row in rows {
                    table.row(row)?;
                }
                table.finish()?;
            }
        }
    }
    Ok(())
}

/// The syncs to compare: the flags, else the two newest finished full syncs.
fn choose_syncs(file: &C1zFile, args: &Args) -> anyhow::Result<(SyncRun, SyncRun)> {
    let fulls = file.finished_full_syncs()?;
    let applied = match &args.applied {
        Some(id) => file.sync_run(id)?,
        None => match fulls.first() {
            Some(run) => run.clone(),
            None => bail!(
                "{} holds no finished full sync; diff needs two (sync twice, or pass --base and --applied)",
                file.path().display()
            ),
        },
    };
    let base = match &args.base {
        Some(id) => file.sync_run(id)?,
        None => match fulls
            .iter()
            .find(|run| run.id != applied.id && run.ended_at <= applied.ended_at)
        {
            Some(run) => run.clone(),
            None => bail!(
                "{} holds no finished full sync older than {}; diff needs two (sync again, or pass --base)",
                file.path().display(),
                applied.id
            ),
        },
    };
    if base.id == applied.id {
        bail!("--base and --applied name the same sync {}", base.id);
    }
    Ok((base, applied))
}

/// Compares everything: resources per type, entitlements at once, grants per entitlement.
fn compare(
    base: &SyncView<'_>,
    applied: &SyncView<'_>,
    base_run: SyncRun,
    applied_run: SyncRun,
) -> c1z::Result<Diff> {
    let resource_key = |r: &Resource| ids::resource_external_id(&r.id.clone().unwrap_or_default());
    let mut resources = Changes::default();
    let types: BTreeSet<String> = [base, applied]
        .iter()
        .map(|view| view.stats())
        .collect::<c1z::Result<Vec<_>>>()?
        .into_iter()
        .flat_map(|stats| stats.resources_by_type.into_iter().map(|(t, _)| t))
        .collect();
    for resource_type in &types {
        resources.compare(
            base.resources(Some(resource_type)),
            applied.resources(Some(resource_type)),
            resource_key,
        )?;
    }
    resources.sort_by_key(resource_key);

    let entitlement_key = |e: &Entitlement| e.id.clone();
    let mut entitlement_ids = BTreeSet::new();
    let mut entitlements = Changes::default();
    entitlements.compare(
        tap(base.entitlements(None), |e| {
            entitlement_ids.insert(e.id.clone());
        }),
        applied.entitlements(None),
        entitlement_key,
    )?;
    for e in entitlements.created.iter() {
        entitlement_ids.insert(e.id.clone());
    }
    entitlements.sort_by_key(entitlement_key);

    let grants = compare_grants(base, applied, &entitlement_ids)?;
    Ok(Diff {
        base: base_run,
        applied: applied_run,
        resources,
        entitlements,
        grants,
    })
}

/// Grants one entitlement at a time; grants whose entitlement is in neither sync (which
/// baton's readers tolerate) are caught by a final pass when the counts do not add up.
fn compare_grants(
    base: &SyncView<'_>,
    applied: &SyncView<'_>,
    entitlement_ids: &BTreeSet<String>,
) -> c1z::Result<Changes<Grant>> {
    let grant_key = |g: &Grant| g.id.clone();
    let mut grants = Changes::default();
    let seen = Cell::new(0u64);
    let count = |_: &Grant| seen.set(seen.get() + 1);
    for id in entitlement_ids {
        grants.compare(
            tap(base.grants(GrantFilter::Entitlement(id)), count),
            tap(applied.grants(GrantFilter::Entitlement(id)), count),
            grant_key,
        )?;
    }
    let total =
        base.grants(GrantFilter::All).count()? + applied.grants(GrantFilter::All).count()?;
    if seen.get() != total {
        let orphan = |g: &Grant| {
            let id = g.entitlement.as_ref().map_or("", |e| e.id.as_str());
            !entitlement_ids.contains(id)
        };
        grants.compare(
            keep(base.grants(GrantFilter::All), orphan),
            keep(applied.grants(GrantFilter::All), orphan),
            grant_key,
        )?;
    }
    grants.sort_by_key(grant_key);
    Ok(grants)
}

/// Calls `f` on each successfully read row as it passes.
fn tap<R: Record>(
    rows: c1z::Query<'_, R>,
    mut f: impl FnMut(&R),
) -> impl Iterator<Item = c1z::Result<R>> {
    rows.into_iter().inspect(move |row| {
        if let Ok(row) = row {
            f(row);
        }
    })
}

/// Only the rows `f` accepts (errors pass through).
fn keep<R: Record>(
    rows: c1z::Query<'_, R>,
    f: impl Fn(&R) -> bool,
) -> impl Iterator<Item = c1z::Result<R>> {
    rows.into_iter()
        .filter(move |row| row.as_ref().map_or(true, &f))
}

const COLUMNS: &[&str] = &["Change", "Kind", "ID", "Name"];

/// One row per change, for the table and CSV: what changed, its id, and its name.
fn change_rows(diff: &Diff, lookup: &mut Lookup<'_, '_>) -> c1z::Result<Vec<Vec<String>>> {
    let mut rows = Vec::new();
    for (change, resource) in diff.resources.labelled() {
        let id = resource.id.clone().unwrap_or_default();
        let rt = lookup.resource_type(&id.resource_type)?;
        rows.push(vec![
            change.to_owned(),
            "resource".to_owned(),
            ids::resource_external_id(&id),
            format!("{} ({})", resource.display_name, rt.display_name),
        ]);
    }
    for (change, entitlement) in diff.entitlements.labelled() {
        rows.push(vec![
            change.to_owned(),
            "entitlement".to_owned(),
            entitlement.id.clone(),
            entitlement.display_name.clone(),
        ]);
    }
    for (change, grant) in diff.grants.labelled() {
        rows.push(vec![
            change.to_owned(),
            "grant".to_owned(),
            grant.id.clone(),
            summary::grant_name(grant, lookup)?,
        ]);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(items: &[(&str, &str)]) -> Vec<c1z::Result<(String, String)>> {
        items
            .iter()
            .map(|(k, v)| Ok(((*k).to_owned(), (*v).to_owned())))
            .collect()
    }

    #[test]
    fn rows_are_matched_by_key_into_created_deleted_and_modified() {
        let mut changes = Changes::default();
        changes
            .compare(
                rows(&[("a", "1"), ("b", "1"), ("c", "1")]),
                rows(&[("b", "1"), ("c", "2"), ("d", "1")]),
                |row: &(String, String)| row.0.clone(),
            )
            .expect("no read errors");
        let keys = |list: &[(String, String)]| -> Vec<String> {
            list.iter().map(|(k, v)| format!("{k}{v}")).collect()
        };
        assert_eq!(keys(&changes.created), ["d1"]);
        assert_eq!(keys(&changes.deleted), ["a1"]);
        assert_eq!(
            keys(&changes.modified),
            ["c2"],
            "modified rows as the newer sync has them"
        );
    }
}
