//! Call counters: every arriving call, served or refused, so tests can bound how often a
//! client called (e.g. "no more than a handful of polls while the server was away").

use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use crate::record::Rpc;

/// A snapshot of the counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counters {
    /// TLS connections accepted (handshake completed).
    pub connections: u64,
    /// TLS handshakes that failed, e.g. a client that does not trust the CA.
    pub tls_failures: u64,
    /// Connections closed at once because the simulator was told to reset them.
    pub reset_connections: u64,
    /// `POST /auth/v1/token` requests.
    pub token_requests: u64,
    /// Tokens issued.
    pub tokens_issued: u64,
    /// `Hello` calls.
    pub hello: u64,
    /// `GetTask` calls.
    pub get_task: u64,
    /// `Heartbeat` calls.
    pub heartbeat: u64,
    /// `FinishTask` calls.
    pub finish_task: u64,
    /// `UploadAsset` streams.
    pub upload_asset: u64,
    /// Calls refused UNAUTHENTICATED (missing, unknown, expired or revoked token).
    pub unauthenticated: u64,
    /// Calls refused INVALID_ARGUMENT (a validation rule broken, a bad upload).
    pub invalid_argument: u64,
    /// Calls refused UNAVAILABLE (the simulator was told to be).
    pub unavailable: u64,
    /// Calls refused NOT_FOUND (a task id never handed out).
    pub not_found: u64,
}

impl Counters {
    /// Calls of one RPC.
    pub fn rpc(&self, rpc: Rpc) -> u64 {
        match rpc {
            Rpc::Hello => self.hello,
            Rpc::GetTask => self.get_task,
            Rpc::Heartbeat => self.heartbeat,
            Rpc::FinishTask => self.finish_task,
            Rpc::UploadAsset => self.upload_asset,
        }
    }

    /// Calls of every RPC together.
    pub fn rpcs(&self) -> u64 {
        self.hello + self.get_task + self.heartbeat + self.finish_task + self.upload_asset
    }
}

/// What can be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event {
    Connection,
    TlsFailure,
    ResetConnection,
    TokenRequest,
    TokenIssued,
    Call(Rpc),
    Refused(tonic::Code),
}

const SLOTS: usize = 14;

/// The live counters behind [`Counters`].
#[derive(Default)]
pub(crate) struct CounterSet {
    slots: [AtomicU64; SLOTS],
}

impl CounterSet {
    pub(crate) fn count(&self, event: Event) {
        if let Some(slot) = slot(event) {
            self.slots[slot].fetch_add(1, Ordering::Relaxed);
        }
    }

    pub(crate) fn snapshot(&self) -> Counters {
        let get = |event| slot(event).map_or(0, |i| self.slots[i].load(Ordering::Relaxed));
        Counters {
            connections: get(Event::Connection),
            tls_failures: get(Event::TlsFailure),
            reset_connections: get(Event::ResetConnection),
            token_requests: get(Event::TokenRequest),
            tokens_issued: get(Event::TokenIssued),
            hello: get(Event::Call(Rpc::Hello)),
            get_task: get(Event::Call(Rpc::GetTask)),
            heartbeat: get(Event::Call(Rpc::Heartbeat)),
            finish_task: get(Event::Call(Rpc::FinishTask)),
            upload_asset: get(Event::Call(Rpc::UploadAsset)),
            unauthenticated: get(Event::Refused(tonic::Code::Unauthenticated)),
            invalid_argument: get(Event::Refused(tonic::Code::InvalidArgument)),
            unavailable: get(Event::Refused(tonic::Code::Unavailable)),
            not_found: get(Event::Refused(tonic::Code::NotFound)),
        }
    }
}

/// The slot an event is counted in; refusals with codes the simulator never answers have
/// none.
fn slot(event: Event) -> Option<usize> {
    Some(match event {
        Event::Connection => 0,
        Event::TlsFailure => 1,
        Event::ResetConnection => 2,
        Event::TokenRequest => 3,
        Event::TokenIssued => 4,
        Event::Call(rpc) => 5 + rpc as usize,
        Event::Refused(tonic::Code::Unauthenticated) => 10,
        Event::Refused(tonic::Code::InvalidArgument) => 11,
        Event::Refused(tonic::Code::Unavailable) => 12,
        Event::Refused(tonic::Code::NotFound) => 13,
        Event::Refused(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_event_lands_in_its_own_counter() {
        let set = CounterSet::default();
        let events = [
            Event::Connection,
            Event::TlsFailure,
            Event::ResetConnection,
            Event::TokenRequest,
            Event::TokenIssued,
            Event::Call(Rpc::Hello),
            Event::Call(Rpc::GetTask),
            Event::Call(Rpc::Heartbeat),
            Event::Call(Rpc::FinishTask),
            Event::Call(Rpc::UploadAsset),
            Event::Refused(tonic::Code::Unauthenticated),
            Event::Refused(tonic::Code::InvalidArgument),
            Event::Refused(tonic::Code::Unavailable),
            Event::Refused(tonic::Code::NotFound),
        ];
        for (i, event) in events.into_iter().enumerate() {
            for _ in 0..=i {
                set.count(event);
            }
        }
        set.count(Event::Refused(tonic::Code::Internal));
        let c = set.snapshot();
        assert_eq!(
            [
                c.connections,
                c.tls_failures,
                c.reset_connections,
                c.token_requests,
                c.tokens_issued,
                c.hello,
                c.get_task,
                c.heartbeat,
                c.finish_task,
                c.upload_asset,
                c.unauthenticated,
                c.invalid_argument,
                c.unavailable,
                c.not_found
            ],
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
        );
        assert_eq!(c.rpcs(), 6 + 7 + 8 + 9 + 10);
        assert_eq!(c.rpc(Rpc::Heartbeat), 8);
    }
}
