//! What the HTTP handlers and the [`crate::Simulator`] handle share: the tenant behind its
//! lock, the apps and tokens, the rate limiter, faults, latency, page tokens and counters.
//!
//! It sits apart from both so that the routes and the simulator depend on it and not on each
//! other (axum's `AppState` pattern).

use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::auth::Auth;
use crate::counters::CounterSet;
use crate::faults::FaultInjector;
use crate::latency::Latency;
use crate::pagination::PageTokens;
use crate::rate_limit::{InviteBudget, RateLimiter};
use crate::tenant::Tenant;

/// The tenant behind a lock, shared by the server and the test that owns the simulator.
/// Locks are held only for the duration of one model call.
#[derive(Clone)]
pub struct SharedTenant(Arc<RwLock<Tenant>>);

impl SharedTenant {
    /// Puts `tenant` behind the lock.
    pub(crate) fn new(tenant: Tenant) -> SharedTenant {
        SharedTenant(Arc::new(RwLock::new(tenant)))
    }

    /// Read access (many readers at once).
    pub fn read(&self) -> RwLockReadGuard<'_, Tenant> {
        self.0.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Write access; the server waits while a test holds it, so keep it short.
    pub fn write(&self) -> RwLockWriteGuard<'_, Tenant> {
        self.0.write().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Everything the handlers share. Each part locks on its own, briefly, and never across an
/// `.await`.
pub(crate) struct Shared {
    pub tenant: SharedTenant,
    pub account_id: String,
    pub auth: Auth,
    pub limiter: RateLimiter,
    /// Whether answers carry `X-RateLimit-Limit` and `X-RateLimit-Remaining`.
    pub announce_limits: bool,
    pub invites: InviteBudget,
    pub faults: FaultInjector,
    pub latency: RwLock<Latency>,
    pub page_tokens: PageTokens,
    pub counters: CounterSet,
    /// `http://host:port`, returned as `api_url` by the token endpoint.
    pub base_url: String,
}

impl Shared {
    pub(crate) fn latency(&self) -> Latency {
        *self.latency.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn set_latency(&self, latency: Latency) {
        *self.latency.write().unwrap_or_else(PoisonError::into_inner) = latency;
    }
}

/// The state every handler extracts.
pub(crate) type AppState = Arc<Shared>;
