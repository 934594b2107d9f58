//! CPU time and peak memory of this process, from `/proc/self` (Linux).

use std::time::Duration;

use anyhow::Context;

/// Clock ticks per second of `/proc/<pid>/stat` times (`USER_HZ`, 100 on Linux).
const TICKS_PER_SECOND: u64 = 100;

/// A reading of this process's resource use.
pub struct ProcessStats {
    /// User plus system CPU time so far.
    pub cpu: Duration,
    /// Peak resident set size so far, in bytes (`VmHWM`).
    pub peak_rss: u64,
}

impl ProcessStats {
    /// Reads the current figures.
    pub fn now() -> anyhow::Result<ProcessStats> {
        let stat = std::fs::read_to_string("/proc/self/stat")?;
        // Fields after the command name (which is in parentheses and may hold spaces).
        let after_name = stat
            .rsplit_once(')')
            .context("malformed /proc/self/stat")?
            .1;
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
        let ticks: u64 = [11, 12]
            .iter()
            .map(|&i| {
                fields
                    .get(i)
                    .and_then(|f| f.parse::<u64>().ok())
                    .unwrap_or(0)
            })
            .sum();
        let status = std::fs::read_to_string("/proc/self/status")?;
        let peak_kib = status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|value| {
                value
                    .trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
            .context("no VmHWM in /proc/self/status")?;
        Ok(ProcessStats {
            cpu: Duration::from_millis(ticks * 1000 / TICKS_PER_SECOND),
            peak_rss: peak_kib * 1024,
        })
    }
}
