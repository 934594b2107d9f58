//! The client: one value that owns configuration, auth, budgets and counters.

use std::fmt;
use std::sync::Arc;

use crate::api::{ContactGroups, Groups, Roles, Users};
use crate::budget::{Budgets, CategoryPacing, Priority};
use crate::config::{ClientConfig, ConfigError};
use crate::error::Error;
use crate::stats::{Stats, StatsSnapshot};
use crate::token::{TokenManager, TokenSource};
use crate::transport::Transport;

/// A Zoom REST client. Cheap to clone; clones share the token, the budgets and the counters,
/// so one client serves every task of a sync.
#[derive(Clone)]
pub struct Client {
    transport: Arc<Transport>,
}

impl Client {
    /// Builds a client from a checked configuration. No network traffic happens until the
    /// first request (which fetches the token).
    pub fn new(config: ClientConfig) -> Result<Client, ConfigError> {
        config.validate()?;
        let http = reqwest::Client::builder()
            .connect_timeout(config.timeouts.connect)
            .timeout(config.timeouts.request)
            .user_agent(concat!("baton-zoom-rs/", env!("CARGO_PKG_VERSION")))
            // Zoom does not redirect API calls; following one could carry the token elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ConfigError::HttpClient(e.to_string()))?;
        let stats = Arc::new(Stats::default());
        let tokens = TokenManager::new(TokenSource {
            http: http.clone(),
            oauth_url: config.oauth_url,
            account_id: config.account_id,
            client_id: config.client_id,
            client_secret: config.client_secret,
            retry: config.retry,
            stats: Arc::clone(&stats),
        });
        Ok(Client {
            transport: Arc::new(Transport {
                http,
                api_url: config.api_url,
                tokens,
                budgets: Arc::new(Budgets::new(
                    config.pacing,
                    config.budget_share,
                    config.max_daily_wait,
                )),
                stats,
                retry: config.retry,
                priority: Priority::Normal,
            }),
        })
    }

    /// A client sharing this one's token, budgets and counters whose requests take only
    /// the rate-budget slots that this client's other requests leave free (why: the
    /// rate-budget notes in `budget.rs`).
    pub fn yielding(&self) -> Client {
        Client {
            transport: Arc::new(Transport {
                priority: Priority::Yielding,
                ..Transport::clone(&self.transport)
            }),
        }
    }

    /// Users: list, get, create, update, status, delete.
    pub fn users(&self) -> Users<'_> {
        Users {
            transport: &self.transport,
        }
    }

    /// Groups, group members and group admins.
    pub fn groups(&self) -> Groups<'_> {
        Groups {
            transport: &self.transport,
        }
    }

    /// Roles and role members.
    pub fn roles(&self) -> Roles<'_> {
        Roles {
            transport: &self.transport,
        }
    }

    /// Contact groups and their members.
    pub fn contact_groups(&self) -> ContactGroups<'_> {
        ContactGroups {
            transport: &self.transport,
        }
    }

    /// The scopes Zoom granted this app (from the token answer), so a caller can check them
    /// against what it needs before syncing. Fetches a token if none is cached.
    pub async fn granted_scopes(&self) -> Result<Vec<String>, Error> {
        self.transport.tokens.granted_scopes().await
    }

    /// What the client did so far: calls, retries, 429s, token refreshes, errors.
    pub fn stats(&self) -> StatsSnapshot {
        self.transport.stats.snapshot()
    }

    /// How each rate-limit category is paced now, in [`crate::Category::ALL`] order: with
    /// auto pacing, what the client learned of the account's limits (to log at the end of a
    /// run).
    pub fn pacing(&self) -> Vec<CategoryPacing> {
        self.transport.budgets.pacing()
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("api_url", &self.transport.api_url.as_str())
            .finish_non_exhaustive()
    }
}
