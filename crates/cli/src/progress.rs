//! The progress display of a sync: one line per Zoom listing with rows, pages, rate and ETA,
//! drawn on stderr only when it is a terminal.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Progress bars fed by the sync engine's events.
pub struct Bars {
    multi: MultiProgress,
    streams: Mutex<HashMap<String, Stream>>,
}

/// One listing's bar and page count.
struct Stream {
    bar: ProgressBar,
    pages: u64,
}

impl Bars {
    /// A display on stderr, hidden when stderr is not a terminal.
    pub fn new() -> Self {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        Bars {
            multi: MultiProgress::with_draw_target(target),
            streams: Mutex::new(HashMap::new()),
        }
    }

    /// The display log lines must be printed above.
    pub fn multi(&self) -> &MultiProgress {
        &self.multi
    }

    fn with_stream(&self, stream: &str, update: impl FnOnce(&mut Stream)) {
        let mut streams = self
            .streams
            .lock()
            .expect("progress lock is never poisoned: no panics while held");
        let entry = streams.entry(stream.to_owned()).or_insert_with(|| Stream {
            bar: self.new_bar(stream, None),
            pages: 0,
        });
        update(entry);
    }

    fn new_bar(&self, stream: &str, total: Option<u64>) -> ProgressBar {
        let (bar, template) = match total {
            Some(total) => (
                ProgressBar::new(total),
                "{prefix:>22} {bar:30} {human_pos:>9}/{human_len:<9} {msg} {per_sec:>12} ETA {eta}",
            ),
            None => (
                ProgressBar::no_length(),
                "{prefix:>22} {spinner} {human_pos:>9} rows {msg} {per_sec:>12}",
            ),
        };
        let style = ProgressStyle::with_template(template)
            .expect("progress templates are fixed and valid")
            .progress_chars("=> ");
        let bar = self
            .multi
            .add(bar.with_style(style).with_prefix(stream.to_owned()));
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    }
}

impl connector::sync::Progress for Bars {
    fn stream_started(&self, stream: &str, total: Option<u64>) {
        let mut streams = self
            .streams
            .lock()
            .expect("progress lock is never poisoned: no panics while held");
        if let Some(old) = streams.remove(stream) {
            old.bar.finish_and_clear();
        }
        streams.insert(
            stream.to_owned(),
            Stream {
                bar: self.new_bar(stream, total),
                pages: 0,
            },
        );
    }

    fn page_done(&self, stream: &str, rows: u64, total: Option<u64>) {
        self.with_stream(stream, |entry| {
            entry.pages += 1;
            if let Some(total) = total {
                entry.bar.set_length(total.max(entry.bar.position() + rows));
            }
            entry.bar.inc(rows);
            entry.bar.set_message(format!("{} pages", entry.pages));
        });
    }

    fn stream_finished(&self, stream: &str) {
        self.with_stream(stream, |entry| {
            if entry.bar.length().is_some() {
                entry.bar.set_length(entry.bar.position());
            }
            entry.bar.finish();
        });
    }
}
