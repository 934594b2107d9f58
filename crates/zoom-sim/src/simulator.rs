//! A running simulator: the generated tenant served over HTTP on a loopback port, with the
//! handles tests use to observe and steer it.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::auth::{AppCredentials, Auth};
use crate::config::SimConfig;
use crate::counters::{CounterSet, Counters};
use crate::error::SimError;
use crate::faults::{FaultInjector, Faults};
use crate::generator;
use crate::latency::Latency;
use crate::pagination::PageTokens;
use crate::rate_limit::{InviteBudget, RateLimiter};
use crate::routes;
use crate::scopes::{self, ScopeSet};
use crate::state::{Shared, SharedTenant};
use crate::tenant::GroundTruth;

/// A Zoom account served on 127.0.0.1. Dropping it stops the server.
pub struct Simulator {
    shared: Arc<Shared>,
    addr: SocketAddr,
    credentials: AppCredentials,
    read_only_credentials: AppCredentials,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
}

impl Simulator {
    /// Generates the account and serves it on a random loopback port.
    pub async fn start(config: SimConfig) -> Result<Simulator, SimError> {
        Self::start_on(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await
    }

    /// Generates the account and serves it on `addr`.
    pub async fn start_on(config: SimConfig, addr: SocketAddr) -> Result<Simulator, SimError> {
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|error| SimError::Bind { addr, error })?;
        let addr = listener
            .local_addr()
            .map_err(|error| SimError::Bind { addr, error })?;
        let tenant = generator::generate(&config.tenant, config.seed);
        let account_id = tenant.account_id().to_owned();
        let auth = Auth::new(account_id.clone(), config.token_ttl);
        let credentials = auth.add_app(config.app_scopes.iter().cloned().collect());
        let read_only_credentials = auth.add_app(to_scope_set(scopes::read_scopes()));
        let page_token_key = ChaCha8Rng::seed_from_u64(config.seed).random();
        let shared = Arc::new(Shared {
            tenant: SharedTenant::new(tenant),
            account_id,
            auth,
            limiter: RateLimiter::new(
                config.plan,
                config.rate_limits,
                &config.per_second_overrides,
                &config.daily_overrides,
            ),
            announce_limits: config.announce_limits,
            invites: InviteBudget::new(
                config.rate_limits,
                config.daily_invites.unwrap_or(config.plan.daily_invites()),
            ),
            faults: FaultInjector::new(config.faults),
            latency: RwLock::new(config.latency),
            page_tokens: PageTokens::new(page_token_key, config.page_token_ttl),
            counters: CounterSet::default(),
            base_url: format!("http://{addr}"),
        });
        let app = routes::router(Arc::clone(&shared));
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(error) = serve.await {
                tracing::warn!(%error, "zoom-sim server stopped with an error");
            }
        });
        Ok(Simulator {
            shared,
            addr,
            credentials,
            read_only_credentials,
            stop: Some(stop),
            server: Some(server),
        })
    }

    /// The listening address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// The API base, `http://127.0.0.1:PORT/v2` (Zoom: `https://api.zoom.us/v2`).
    pub fn api_url(&self) -> String {
        format!("{}/v2", self.shared.base_url)
    }

    /// The token endpoint, `http://127.0.0.1:PORT/oauth/token` (Zoom: `https://zoom.us/oauth/token`).
    pub fn oauth_url(&self) -> String {
        format!("{}/oauth/token", self.shared.base_url)
    }

    /// The account id token requests must name.
    pub fn account_id(&self) -> &str {
        &self.shared.account_id
    }

    /// Credentials of the app with the configured scopes (every scope the served operations
    /// accept, unless [`SimConfig::app_scopes`] said otherwise).
    pub fn credentials(&self) -> &AppCredentials {
        &self.credentials
    }

    /// Credentials of an app holding only read scopes.
    pub fn read_only_credentials(&self) -> &AppCredentials {
        &self.read_only_credentials
    }

    /// Registers another app with exactly these scopes.
    pub fn add_app<I, S>(&self, scopes: I) -> AppCredentials
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.shared
            .auth
            .add_app(scopes.into_iter().map(Into::into).collect())
    }

    /// Enables or disables an app (a disabled app gets no tokens and its tokens stop
    /// working); false when there is no such app.
    pub fn set_app_enabled(&self, client_id: &str, enabled: bool) -> bool {
        self.shared.auth.set_app_enabled(client_id, enabled)
    }

    /// The account as it is now.
    pub fn ground_truth(&self) -> GroundTruth {
        self.shared.tenant.read().ground_truth()
    }

    /// The request counters.
    pub fn counters(&self) -> Counters {
        self.shared.counters.snapshot()
    }

    /// Sets every counter back to zero.
    pub fn reset_counters(&self) {
        self.shared.counters.reset();
    }

    /// Replaces the injected faults (and reseeds them).
    pub fn set_faults(&self, faults: Faults) {
        self.shared.faults.set(faults);
    }

    /// Replaces the simulated latency.
    pub fn set_latency(&self, latency: Latency) {
        self.shared.set_latency(latency);
    }

    /// Invalidates every access token issued so far.
    pub fn revoke_tokens(&self) {
        self.shared.auth.revoke_all();
    }

    /// Invalidates every `next_page_token` issued so far.
    pub fn expire_page_tokens(&self) {
        self.shared.page_tokens.expire_all();
    }

    /// Direct access to the account model, to read or change it behind the API's back.
    pub fn tenant(&self) -> &SharedTenant {
        &self.shared.tenant
    }

    /// Stops the server: no new connections, then waits (at most a second) for the open
    /// ones to finish before dropping them.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut server) = self.server.take()
            && tokio::time::timeout(Duration::from_secs(1), &mut server)
                .await
                .is_err()
        {
            server.abort();
        }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}

fn to_scope_set(scopes: Vec<&'static str>) -> ScopeSet {
    scopes.into_iter().map(str::to_owned).collect()
}
