//! How to start a simulator: the account to generate and how the API behaves.

use std::time::Duration;

use crate::endpoint::Category;
use crate::faults::Faults;
use crate::generator::{Preset, TenantSpec};
use crate::latency::Latency;
use crate::rate_limit::{RateLimitMode, ZoomPlan};

/// Everything [`crate::Simulator::start`] needs, built from a preset and refined with the
/// builder methods.
#[derive(Debug, Clone, PartialEq)]
pub struct SimConfig {
    pub(crate) tenant: TenantSpec,
    pub(crate) seed: u64,
    pub(crate) plan: ZoomPlan,
    pub(crate) token_ttl: Duration,
    pub(crate) page_token_ttl: Duration,
    pub(crate) rate_limits: RateLimitMode,
    pub(crate) per_second_overrides: Vec<(Category, u32)>,
    pub(crate) announce_limits: bool,
    pub(crate) daily_overrides: Vec<(Category, u64)>,
    pub(crate) daily_invites: Option<u64>,
    pub(crate) latency: Latency,
    pub(crate) faults: Faults,
    pub(crate) app_scopes: Vec<String>,
}

impl SimConfig {
    /// An account of the preset's size, seed 1, Business plan, Zoom's token lifetimes,
    /// limits enforced and announced, no latency, no faults, and an app holding every scope.
    pub fn preset(preset: Preset) -> Self {
        SimConfig {
            tenant: preset.spec(),
            seed: 1,
            plan: ZoomPlan::Business,
            token_ttl: Duration::from_secs(3600),
            page_token_ttl: Duration::from_secs(15 * 60),
            rate_limits: RateLimitMode::Enforced,
            per_second_overrides: Vec::new(),
            announce_limits: true,
            daily_overrides: Vec::new(),
            daily_invites: None,
            latency: Latency::default(),
            faults: Faults::default(),
            app_scopes: crate::scopes::all_scopes()
                .into_iter()
                .map(str::to_owned)
                .collect(),
        }
    }

    /// The generator's seed: the same seed gives the same account.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Exact account sizes instead of the preset's.
    pub fn tenant_spec(mut self, spec: TenantSpec) -> Self {
        self.tenant = spec;
        self
    }

    /// Number of users (all statuses).
    pub fn users(mut self, users: usize) -> Self {
        self.tenant.users = users;
        self
    }

    /// Number of user groups.
    pub fn groups(mut self, groups: usize) -> Self {
        self.tenant.groups = groups;
        self
    }

    /// Number of contact groups.
    pub fn contact_groups(mut self, contact_groups: usize) -> Self {
        self.tenant.contact_groups = contact_groups;
        self
    }

    /// The plan whose rate limits apply.
    pub fn plan(mut self, plan: ZoomPlan) -> Self {
        self.plan = plan;
        self
    }

    /// Lifetime of access tokens (Zoom: 3600 s).
    pub fn token_ttl(mut self, ttl: Duration) -> Self {
        self.token_ttl = ttl;
        self
    }

    /// Lifetime of `next_page_token`s (Zoom: 15 minutes).
    pub fn page_token_ttl(mut self, ttl: Duration) -> Self {
        self.page_token_ttl = ttl;
        self
    }

    /// Whether rate limits are enforced.
    pub fn rate_limits(mut self, mode: RateLimitMode) -> Self {
        self.rate_limits = mode;
        self
    }

    /// Replaces the plan's per-second limit of `category` (Zoom raises limits for some
    /// accounts by agreement, so clients must not assume the plan tables).
    pub fn per_second_limit(mut self, category: Category, limit: u32) -> Self {
        self.per_second_overrides.retain(|(c, _)| *c != category);
        self.per_second_overrides.push((category, limit));
        self
    }

    /// Whether answers carry `X-RateLimit-Limit` and `X-RateLimit-Remaining` (Zoom does not
    /// document that every answer does); the category and type headers are always sent.
    pub fn announce_limits(mut self, announce: bool) -> Self {
        self.announce_limits = announce;
        self
    }

    /// The scopes of the app whose credentials [`crate::Simulator::credentials`] returns
    /// (every scope by default; see [`crate::scope_set`] for the named sets).
    pub fn app_scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.app_scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Gives `category` a daily cap of its own (so daily limits can be reached in a test).
    pub fn daily_limit_override(mut self, category: Category, cap: u64) -> Self {
        self.daily_overrides.retain(|(c, _)| *c != category);
        self.daily_overrides.push((category, cap));
        self
    }

    /// Caps user invitations (`action=create`) per day below the plan's 1,500 (Pro) or
    /// 10,000 (Business).
    pub fn daily_invite_limit(mut self, cap: u64) -> Self {
        self.daily_invites = Some(cap);
        self
    }

    /// Latency added to every answer.
    pub fn latency(mut self, latency: Latency) -> Self {
        self.latency = latency;
        self
    }

    /// Faults to inject.
    pub fn faults(mut self, faults: Faults) -> Self {
        self.faults = faults;
        self
    }
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig::preset(Preset::Small)
    }
}
