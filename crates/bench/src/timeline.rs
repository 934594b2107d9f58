//! `--timeline`: when each listing of the sync started and finished, to see where the wall
//! time beyond the floor goes (slow starts, a chain of pages ending last, the finish).

use std::sync::Mutex;
use std::time::Instant;

use connector::sync::Progress;

/// Prints each stream's start and end on stderr, in seconds since the sync started.
pub struct Timeline {
    started: Instant,
    /// Serialises the lines of concurrent streams.
    out: Mutex<()>,
}

impl Timeline {
    pub fn new() -> Timeline {
        Timeline {
            started: Instant::now(),
            out: Mutex::new(()),
        }
    }

    /// Prints one event, stamped with the time since the sync started.
    pub fn event(&self, what: &str) {
        let _line = self.out.lock();
        eprintln!("{:7.3} s  {what}", self.started.elapsed().as_secs_f64());
    }
}

impl Progress for Timeline {
    fn stream_started(&self, stream: &str, total: Option<u64>) {
        match total {
            Some(total) => self.event(&format!("{stream}: started ({total} to list)")),
            None => self.event(&format!("{stream}: started")),
        }
    }

    fn page_done(&self, _stream: &str, _rows: u64, _total: Option<u64>) {}

    fn stream_finished(&self, stream: &str) {
        self.event(&format!("{stream}: finished"));
    }
}
