//! Log lines on stderr, as JSON or for people, at the level `--log-level` asks for; while
//! progress bars are drawn, each line is printed above them instead of through them.

use std::io::{self, Write};

use indicatif::MultiProgress;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

use crate::common::{CommonArgs, LogFormat};

/// Installs the global subscriber. `bars` is the progress display log lines must not tear.
pub fn init(common: &CommonArgs, bars: &MultiProgress) -> anyhow::Result<()> {
    let filter = EnvFilter::try_new(level_directive(&common.log_level)?)?;
    let format = common.log_format.unwrap_or_else(|| {
        if io::IsTerminal::is_terminal(&io::stderr()) {
            LogFormat::Console
        } else {
            LogFormat::Json
        }
    });
    let writer = AboveBars(bars.clone());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    let installed = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Console => builder.with_target(false).try_init(),
    };
    installed.map_err(|error| anyhow::anyhow!("cannot set up logging: {error}"))
}

/// Maps the Go SDK's level names to a filter that keeps our crates at that level and
/// dependencies one step quieter (their debug lines are noise for connector users).
fn level_directive(level: &str) -> anyhow::Result<String> {
    let level = match level.to_ascii_lowercase().as_str() {
        "debug" => "debug",
        "info" => "info",
        "warn" | "warning" => "warn",
        "error" => "error",
        other => anyhow::bail!("unknown --log-level {other:?}: use debug, info, warn or error"),
    };
    Ok(format!(
        "warn,baton_zoom={level},connector={level},zoom_api={level},c1z={level},zoom_sim={level},c1_service={level},c1_sim={level}"
    ))
}

/// A writer that prints each log line above the progress bars.
#[derive(Clone)]
struct AboveBars(MultiProgress);

/// One log event's bytes, printed when the event is complete.
struct LineBuffer {
    bars: MultiProgress,
    bytes: Vec<u8>,
}

impl<'a> MakeWriter<'a> for AboveBars {
    type Writer = LineBuffer;

    fn make_writer(&'a self) -> Self::Writer {
        LineBuffer {
            bars: self.0.clone(),
            bytes: Vec::new(),
        }
    }
}

impl Write for LineBuffer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for LineBuffer {
    fn drop(&mut self) {
        let bytes = std::mem::take(&mut self.bytes);
        // Nothing sensible is left to do when stderr itself fails.
        self.bars.suspend(|| {
            let _ = io::stderr().lock().write_all(&bytes);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_level_names_are_accepted_and_others_named() {
        assert!(level_directive("WARN").unwrap().contains("connector=warn"));
        let error = level_directive("verbose").unwrap_err();
        assert!(error.to_string().contains("debug, info, warn or error"));
    }
}
