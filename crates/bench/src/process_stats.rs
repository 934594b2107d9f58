//! CPU time and memory of a process, from `/proc/<pid>` (Linux).

use std::time::Duration;

use anyhow::Context;

/// Clock ticks per second of `/proc/<pid>/stat` times (`USER_HZ`, 100 on Linux).
const TICKS_PER_SECOND: u64 = 100;

/// A reading of a process's resource use.
pub struct ProcessStats {
    /// User plus system CPU time so far.
    pub cpu: Duration,
    /// Peak resident set size so far, in bytes (`VmHWM`).
    pub peak_rss: u64,
    /// Resident set size now, in bytes (`VmRSS`).
    pub rss: u64,
}

impl ProcessStats {
    /// Reads this process's figures.
    pub fn now() -> anyhow::Result<ProcessStats> {
        ProcessStats::read("self")
    }

    /// Reads the figures of process `pid`.
    pub fn of(pid: u32) -> anyhow::Result<ProcessStats> {
        ProcessStats::read(&pid.to_string())
    }

    fn read(process: &str) -> anyhow::Result<ProcessStats> {
        let stat = std::fs::read_to_string(format!("/proc/{process}/stat"))?;
        // Fields after the command name (which is in parentheses and may hold spaces).
        let after_name = stat.rsplit_once(')').context("malformed /proc stat")?.1;
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
        let status = std::fs::read_to_string(format!("/proc/{process}/status"))?;
        let kib = |key: &str| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(key))
                .and_then(|value| {
                    value
                        .trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<u64>()
                        .ok()
                })
                .with_context(|| format!("no {key} in /proc/{process}/status"))
        };
        Ok(ProcessStats {
            cpu: Duration::from_millis(ticks * 1000 / TICKS_PER_SECOND),
            peak_rss: kib("VmHWM:")? * 1024,
            rss: kib("VmRSS:")? * 1024,
        })
    }
}
