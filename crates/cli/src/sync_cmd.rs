//! The main job: sync the Zoom account into `--file` (resuming an unfinished sync left in
//! it), with a progress display and a closing summary.

use std::path::Path;

use connector::sync::{SyncOptions, SyncReport};
use zoom_api::{Category, CategoryPacing, Client};

use crate::common::CommonArgs;
use crate::progress::Bars;

/// Syncs through `client` into `--file`; Ctrl-C stops the run and leaves it resumable.
pub async fn run(client: &Client, common: &CommonArgs, bars: &Bars) -> anyhow::Result<SyncReport> {
    let file = &common.file;
    let options = SyncOptions {
        temp_dir: common.read_options()?.temp_dir,
        ..SyncOptions::new(file)
    }
    .with_cleanup(c1z::Cleanup::from_baton_settings(
        std::env::var("BATON_SKIP_CLEANUP").ok().as_deref(),
        std::env::var("BATON_KEEP_SYNC_COUNT").ok().as_deref(),
    ));
    let report = tokio::select! {
        report = connector::sync::sync(client, &options, bars) => report?,
        () = crate::stop::stop_signal() => {
            anyhow::bail!(
                "interrupted: the sync so far is kept in {}; run the same command again to resume it",
                file.display()
            );
        }
    };
    tracing::info!(
        sync_id = %report.sync_id,
        resumed = report.resumed,
        grants = report.grants,
        api_calls = report.api.total_calls(),
        elapsed_ms = report.elapsed.as_millis() as u64,
        "sync finished"
    );
    tracing::info!(rate_limits = %pacing_text(&report.pacing), "how the API calls were paced");
    Ok(report)
}

/// What the client knew of each category's limit at the end, e.g. "light not reached,
/// paced at 24/s; medium 60/s (announced by Zoom), paced at 47/s; ...".
pub fn pacing_text(pacing: &[CategoryPacing]) -> String {
    pacing
        .iter()
        .map(CategoryPacing::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The closing summary: what was synced, what it cost in API calls, and how long it took.
pub fn summary(report: &SyncReport, file: &Path) -> String {
    let api = &report.api;
    let resources: Vec<String> = report
        .resources
        .iter()
        .map(|(resource_type, count)| format!("{resource_type} {count}"))
        .collect();
    let mut lines = vec![
        format!(
            "Synced into {} ({} sync {}) in {:.1} s, {}",
            file.display(),
            if report.resumed { "resumed" } else { "new" },
            report.sync_id,
            report.elapsed.as_secs_f64(),
            human_bytes(report.file_size),
        ),
        format!("  resources     {}", resources.join(", ")),
        format!("  entitlements  {}", report.entitlements),
        format!("  grants        {}", report.grants),
        format!(
            "  API calls     {} (light {}, medium {}, heavy {}); retries {}, rate-limited {}, tokens {}",
            api.total_calls(),
            api.calls_in(Category::Light),
            api.calls_in(Category::Medium),
            api.calls_in(Category::Heavy),
            api.retries,
            api.rate_limited_per_second + api.rate_limited_daily,
            api.tokens_issued,
        ),
    ];
    lines.push(format!("  rate limits   {}", pacing_text(&report.pacing)));
    lines.extend(
        report
            .skipped
            .lines()
            .into_iter()
            .map(|line| format!("  skipped       {line}")),
    );
    lines.extend(
        report
            .not_synced_lines()
            .into_iter()
            .map(|line| format!("  {line}")),
    );
    lines.join("\n")
}

fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(3 * 1024 * 1024), "3.0 MiB");
    }
}
