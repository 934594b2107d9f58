//! Client configuration: who we are to Zoom, where Zoom is, and how hard we may push it.
//!
//! Built once by the caller, checked once by [`crate::Client::new`], then read-only.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use secrecy::SecretString;
use url::{Host, Url};

use crate::endpoint::Category;
use crate::retry::RetryPolicy;

/// Zoom's public API base URL.
pub const DEFAULT_API_URL: &str = "https://api.zoom.us/v2";
/// Zoom's OAuth token endpoint.
pub const DEFAULT_OAUTH_URL: &str = "https://zoom.us/oauth/token";
/// Default share of the account's rate quota this client may use: other apps on the account
/// draw from the same quota.
pub const DEFAULT_BUDGET_SHARE: f64 = 0.8;

/// The account's plan tier, which sets Zoom's per-second limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoomPlan {
    /// Pro: Light 30/s, Medium 20/s, Heavy 10/s.
    Pro,
    /// Business, Education, Enterprise, Partner: Light 80/s, Medium 60/s, Heavy 40/s.
    Business,
}

impl ZoomPlan {
    /// Zoom's per-second request limit for `category` on this plan (zoom-api.md §4).
    pub fn per_second(self, category: Category) -> f64 {
        match (self, category) {
            (ZoomPlan::Pro, Category::Light) => 30.0,
            (ZoomPlan::Pro, Category::Medium) => 20.0,
            (ZoomPlan::Pro, Category::Heavy) => 10.0,
            (ZoomPlan::Business, Category::Light) => 80.0,
            (ZoomPlan::Business, Category::Medium) => 60.0,
            (ZoomPlan::Business, Category::Heavy) => 40.0,
        }
    }
}

impl FromStr for ZoomPlan {
    type Err = ConfigError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "pro" => Ok(ZoomPlan::Pro),
            "business" | "business-plus" | "education" | "enterprise" | "partner" => {
                Ok(ZoomPlan::Business)
            }
            _ => Err(ConfigError::UnknownPlan(s.to_owned())),
        }
    }
}

/// How the client paces its requests: to a plan tier's documented limits, or to the limits
/// it learns from Zoom's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pacing {
    /// The documented per-second limits of this plan tier, whatever Zoom answers.
    Plan(ZoomPlan),
    /// Start at Pro's limits and learn the account's own (Business, or limits Zoom raised
    /// by agreement) from its answers: what a caller that does not know the plan wants.
    #[default]
    Auto,
}

impl FromStr for Pacing {
    type Err = ConfigError;

    /// `auto`, or a plan name.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("auto") {
            return Ok(Pacing::Auto);
        }
        s.parse().map(Pacing::Plan)
    }
}

/// Network timeouts for every request (API and OAuth).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Time allowed to open a connection.
    pub connect: Duration,
    /// Time allowed for a whole request, answer body included.
    pub request: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            request: Duration::from_secs(60),
        }
    }
}

/// Everything [`crate::Client`] needs. Fields are public so callers can set what they resolved
/// from flags; [`ClientConfig::new`] fills the defaults.
#[derive(Clone)]
pub struct ClientConfig {
    /// The Zoom account id of the Server-to-Server OAuth app.
    pub account_id: String,
    /// The app's client id.
    pub client_id: String,
    /// The app's client secret; only ever exposed to build the OAuth Basic header.
    pub client_secret: SecretString,
    /// API base URL, e.g. `https://api.zoom.us/v2` (ZoomGov and the simulator differ).
    pub api_url: Url,
    /// OAuth token URL, e.g. `https://zoom.us/oauth/token`.
    pub oauth_url: Url,
    /// How the per-second budgets are sized: a plan tier's limits, or learned.
    pub pacing: Pacing,
    /// Share of Zoom's per-second limits this client may use, in (0, 1].
    pub budget_share: f64,
    /// Network timeouts.
    pub timeouts: Timeouts,
    /// How often and how patiently failed requests are retried.
    pub retry: RetryPolicy,
    /// Longest wait for a daily-limit reset before failing instead (0 = never wait).
    pub max_daily_wait: Duration,
}

impl ClientConfig {
    /// A configuration for Zoom's public cloud with auto pacing and the default budget
    /// share, timeouts and retry policy.
    pub fn new(
        account_id: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: SecretString,
    ) -> Self {
        ClientConfig {
            account_id: account_id.into(),
            client_id: client_id.into(),
            client_secret,
            api_url: Url::parse(DEFAULT_API_URL).expect("DEFAULT_API_URL is a valid URL"),
            oauth_url: Url::parse(DEFAULT_OAUTH_URL).expect("DEFAULT_OAUTH_URL is a valid URL"),
            pacing: Pacing::Auto,
            budget_share: DEFAULT_BUDGET_SHARE,
            timeouts: Timeouts::default(),
            retry: RetryPolicy::default(),
            max_daily_wait: Duration::ZERO,
        }
    }

    /// A configuration for an API and token endpoint at other URLs than Zoom's public cloud
    /// (ZoomGov, a proxy, the simulator), with the same defaults as [`ClientConfig::new`].
    pub fn with_urls(
        account_id: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: SecretString,
        api_url: &str,
        oauth_url: &str,
    ) -> Result<Self, ConfigError> {
        Ok(ClientConfig {
            api_url: parse_url("API URL", api_url)?,
            oauth_url: parse_url("OAuth URL", oauth_url)?,
            ..ClientConfig::new(account_id, client_id, client_secret)
        })
    }

    /// Checks the configuration; [`crate::Client::new`] calls it.
    pub fn validate(&self) -> Result<(), ConfigError> {
        for (name, value) in [
            ("account id", &self.account_id),
            ("client id", &self.client_id),
        ] {
            if value.trim().is_empty() {
                return Err(ConfigError::Missing(name));
            }
        }
        if secrecy::ExposeSecret::expose_secret(&self.client_secret)
            .trim()
            .is_empty()
        {
            return Err(ConfigError::Missing("client secret"));
        }
        check_url("API URL", &self.api_url)?;
        check_url("OAuth URL", &self.oauth_url)?;
        if !(self.budget_share > 0.0 && self.budget_share <= 1.0) {
            return Err(ConfigError::BudgetShare(self.budget_share));
        }
        Ok(())
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("account_id", &self.account_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("api_url", &self.api_url.as_str())
            .field("oauth_url", &self.oauth_url.as_str())
            .field("pacing", &self.pacing)
            .field("budget_share", &self.budget_share)
            .field("timeouts", &self.timeouts)
            .field("retry", &self.retry)
            .field("max_daily_wait", &self.max_daily_wait)
            .finish()
    }
}

fn parse_url(which: &'static str, url: &str) -> Result<Url, ConfigError> {
    Url::parse(url).map_err(|_| ConfigError::BadUrl {
        which,
        url: url.to_owned(),
    })
}

/// `https` anywhere; plain `http` only to this machine (the simulator, a local proxy), since
/// it would send the client secret and tokens in clear text.
fn check_url(which: &'static str, url: &Url) -> Result<(), ConfigError> {
    if url.cannot_be_a_base() {
        return Err(ConfigError::BadUrl {
            which,
            url: url.to_string(),
        });
    }
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url.host()) => Ok(()),
        "http" => Err(ConfigError::InsecureUrl {
            which,
            url: url.to_string(),
        }),
        _ => Err(ConfigError::BadUrl {
            which,
            url: url.to_string(),
        }),
    }
}

fn is_loopback(host: Option<Host<&str>>) -> bool {
    match host {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// A configuration the client refuses to start with.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A required value is empty.
    #[error("the Zoom {0} is empty: set it from the Server-to-Server OAuth app's App Credentials")]
    Missing(&'static str),
    /// Plain http to a non-loopback host.
    #[error(
        "the {which} {url} uses plain http: use https (plain http is only allowed to localhost)"
    )]
    InsecureUrl {
        /// Which URL setting.
        which: &'static str,
        /// The URL as given.
        url: String,
    },
    /// Not an http(s) URL that can take a path.
    #[error("the {which} {url} is not an http(s) URL: give a URL like https://api.zoom.us/v2")]
    BadUrl {
        /// Which URL setting.
        which: &'static str,
        /// The URL as given.
        url: String,
    },
    /// Budget share outside (0, 1].
    #[error("the budget share {0} is out of range: give a fraction above 0 and at most 1")]
    BudgetShare(f64),
    /// Unknown plan name.
    #[error("unknown Zoom plan {0:?}: use auto, pro or business")]
    UnknownPlan(String),
    /// The HTTP client could not be built (TLS backend).
    #[error("could not set up the HTTP client: {0}")]
    HttpClient(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> ClientConfig {
        ClientConfig::new("acct", "cid", SecretString::from("s3cr3t-value"))
    }

    #[test]
    fn defaults_validate() {
        let c = config();
        assert_eq!(c.validate(), Ok(()));
        assert_eq!(c.api_url.as_str(), DEFAULT_API_URL);
        assert_eq!(c.budget_share, 0.8);
    }

    #[test]
    fn plain_http_allowed_only_to_loopback() {
        for ok in [
            "http://127.0.0.1:8080/v2",
            "http://[::1]:9/v2",
            "http://localhost/v2",
            "http://127.3.2.1/v2",
        ] {
            let mut c = config();
            c.api_url = Url::parse(ok).unwrap();
            assert_eq!(c.validate(), Ok(()), "{ok}");
        }
        let mut c = config();
        c.oauth_url = Url::parse("http://zoom.us/oauth/token").unwrap();
        let err = c.validate().unwrap_err();
        assert!(matches!(
            err,
            ConfigError::InsecureUrl {
                which: "OAuth URL",
                ..
            }
        ));
        assert!(err.to_string().contains("use https"));
        let mut c = config();
        c.api_url = Url::parse("http://10.0.0.1/v2").unwrap();
        assert!(matches!(c.validate(), Err(ConfigError::InsecureUrl { .. })));
        c.api_url = Url::parse("ftp://127.0.0.1/v2").unwrap();
        assert!(matches!(c.validate(), Err(ConfigError::BadUrl { .. })));
    }

    #[test]
    fn empty_credentials_and_bad_share_are_refused() {
        let mut c = config();
        c.client_secret = SecretString::from(" ");
        assert_eq!(c.validate(), Err(ConfigError::Missing("client secret")));
        let mut c = config();
        c.account_id.clear();
        assert_eq!(c.validate(), Err(ConfigError::Missing("account id")));
        for share in [0.0, -0.5, 1.01, f64::NAN] {
            let mut c = config();
            c.budget_share = share;
            assert!(
                matches!(c.validate(), Err(ConfigError::BudgetShare(_))),
                "{share}"
            );
        }
    }

    #[test]
    fn other_urls_keep_the_defaults_and_unparsable_ones_are_named() {
        let at = |api_url, oauth_url| {
            ClientConfig::with_urls("acct", "cid", SecretString::from("s"), api_url, oauth_url)
        };
        let c = at(
            "http://127.0.0.1:8080/v2",
            "http://127.0.0.1:8080/oauth/token",
        )
        .expect("both URLs parse");
        assert_eq!(c.api_url.as_str(), "http://127.0.0.1:8080/v2");
        assert_eq!(c.oauth_url.as_str(), "http://127.0.0.1:8080/oauth/token");
        assert_eq!(c.pacing, config().pacing);
        assert_eq!(c.validate(), Ok(()));
        assert_eq!(
            at("https://api.zoom.us/v2", "not a url").expect_err("the OAuth URL does not parse"),
            ConfigError::BadUrl {
                which: "OAuth URL",
                url: "not a url".into()
            }
        );
    }

    #[test]
    fn debug_redacts_the_secret() {
        let text = format!("{:?}", config());
        assert!(!text.contains("s3cr3t-value"));
        assert!(text.contains("[redacted]"));
        assert!(text.contains("cid"));
    }

    #[test]
    fn plan_parses_and_sets_limits() {
        assert_eq!("Business".parse::<ZoomPlan>(), Ok(ZoomPlan::Business));
        assert_eq!("pro".parse::<ZoomPlan>(), Ok(ZoomPlan::Pro));
        assert!("free".parse::<ZoomPlan>().is_err());
        assert_eq!("Enterprise".parse::<ZoomPlan>(), Ok(ZoomPlan::Business));
        assert_eq!("AUTO".parse::<Pacing>(), Ok(Pacing::Auto));
        assert_eq!("pro".parse::<Pacing>(), Ok(Pacing::Plan(ZoomPlan::Pro)));
        assert_eq!(
            ClientConfig::new("a", "c", SecretString::from("s")).pacing,
            Pacing::Auto
        );
        assert_eq!(ZoomPlan::Business.per_second(Category::Medium), 60.0);
        assert_eq!(ZoomPlan::Pro.per_second(Category::Heavy), 10.0);
    }
}
