//! The peak resident memory of a child process, for the benchmarks.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// Samples a process's `VmHWM` every 10 ms until [`PeakMemory::finish`].
pub struct PeakMemory {
    pid: u32,
    done: Arc<AtomicBool>,
    sampler: JoinHandle<f64>,
}

impl PeakMemory {
    /// Starts watching process `pid`.
    pub fn watch(pid: u32) -> PeakMemory {
        let done = Arc::new(AtomicBool::new(false));
        let sampler = {
            let done = Arc::clone(&done);
            std::thread::spawn(move || {
                let mut peak = 0.0f64;
                while !done.load(Ordering::Relaxed) {
                    if let Some(mib) = peak_mib(pid) {
                        peak = peak.max(mib);
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
                peak
            })
        };
        PeakMemory { pid, done, sampler }
    }

    /// Samples once more (call it before reaping the process) and returns the peak in MiB.
    pub fn finish(self) -> f64 {
        let last = peak_mib(self.pid).unwrap_or(0.0);
        self.done.store(true, Ordering::Relaxed);
        self.sampler.join().unwrap_or(0.0).max(last)
    }
}

/// Peak resident memory of a process so far, in MiB.
fn peak_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib / 1024.0)
}
