//! The state the server's handlers and the test's [`crate::C1Sim`] handle share: the
//! client's credentials, issued tokens, the controls a test can turn, the task script and
//! the record. Each lock is held for one short update, never across an `.await`.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::watch;

use crate::counters::{CounterSet, Event};
use crate::credentials::ClientCredentials;
use crate::record::{Record, Refusal, Rpc};
use crate::tasks::TaskBoard;
use crate::tokens::TokenStore;

/// The knobs a test turns while the simulator runs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Controls {
    /// Lifetime of issued tokens.
    pub(crate) token_ttl: Duration,
    /// When set, the token endpoint answers this HTTP status instead of a token.
    pub(crate) token_status: Option<u16>,
    /// `next_poll` in every GetTask reply.
    pub(crate) next_poll: Duration,
    /// `next_heartbeat` in heartbeat replies and in GetTask replies that carry a task.
    pub(crate) next_heartbeat: Duration,
    /// Until then, every call is answered UNAVAILABLE (the token endpoint: 503).
    pub(crate) unavailable_until: Option<Instant>,
}

/// Shared by every connection and the [`crate::C1Sim`] handle.
pub(crate) struct State {
    started: Instant,
    pub(crate) client: ClientCredentials,
    /// The token host without port: what an assertion's `aud` must be.
    pub(crate) audience: String,
    pub(crate) tokens: TokenStore,
    pub(crate) counters: CounterSet,
    controls: Mutex<Controls>,
    record: Mutex<Record>,
    board: Mutex<TaskBoard>,
    /// Bumped after every change to the record or the board, so waiters wake up.
    changes: watch::Sender<u64>,
}

impl State {
    pub(crate) fn new(client: ClientCredentials, audience: String, controls: Controls) -> State {
        State {
            started: Instant::now(),
            client,
            audience,
            tokens: TokenStore::default(),
            counters: CounterSet::default(),
            controls: Mutex::new(controls),
            record: Mutex::new(Record::default()),
            board: Mutex::new(TaskBoard::default()),
            changes: watch::Sender::new(0),
        }
    }

    /// Time since the simulator started: the clock every record uses.
    pub(crate) fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    pub(crate) fn controls(&self) -> Controls {
        *lock(&self.controls)
    }

    pub(crate) fn set_controls(&self, change: impl FnOnce(&mut Controls)) {
        change(&mut lock(&self.controls));
    }

    /// True while the simulator is told to answer UNAVAILABLE.
    pub(crate) fn unavailable(&self) -> bool {
        self.controls()
            .unavailable_until
            .is_some_and(|until| Instant::now() < until)
    }

    /// Reads the record.
    pub(crate) fn read_record<T>(&self, read: impl FnOnce(&Record) -> T) -> T {
        read(&lock(&self.record))
    }

    /// Changes the record and wakes waiters.
    pub(crate) fn write_record<T>(&self, write: impl FnOnce(&mut Record) -> T) -> T {
        let out = write(&mut lock(&self.record));
        self.changed();
        out
    }

    /// Reads the task board.
    pub(crate) fn read_board<T>(&self, read: impl FnOnce(&TaskBoard) -> T) -> T {
        read(&lock(&self.board))
    }

    /// Changes the task board and wakes waiters.
    pub(crate) fn write_board<T>(&self, write: impl FnOnce(&mut TaskBoard) -> T) -> T {
        let out = write(&mut lock(&self.board));
        self.changed();
        out
    }

    /// A receiver that sees every later change.
    pub(crate) fn subscribe(&self) -> watch::Receiver<u64> {
        self.changes.subscribe()
    }

    /// Counts and records a refused call; returns the status to answer it with.
    pub(crate) fn refuse(
        &self,
        rpc: Rpc,
        code: tonic::Code,
        message: impl Into<String>,
    ) -> tonic::Status {
        let message = message.into();
        self.counters.count(Event::Refused(code));
        let refusal = Refusal {
            at: self.elapsed(),
            rpc,
            code: code as i32,
            message: message.clone(),
        };
        tracing::debug!(%rpc, ?code, %message, "refused");
        self.write_record(|record| record.refusals.push(refusal));
        tonic::Status::new(code, message)
    }

    fn changed(&self) {
        self.changes
            .send_modify(|version| *version = version.wrapping_add(1));
    }
}

/// Locks ignoring poison: every update is a single assignment or push, so a panic elsewhere
/// cannot leave the data half-changed.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
