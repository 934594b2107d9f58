//! The Zoom connection flags (the Go connector's three plus ours) and the client built
//! from them.

use anyhow::Context;
use clap::{Args, ValueEnum};
use secrecy::SecretString;
use url::Url;
use zoom_api::{Client, ClientConfig, Pacing, ZoomPlan};

/// Credentials and endpoints of the Zoom Server-to-Server OAuth app.
#[derive(Debug, Clone, Args)]
pub struct ZoomArgs {
    // Zoom's ids and secrets are URL-safe base64 and may start with `-`: the credentials
    // take the next argument whatever it looks like, as the Go connector's flags do.
    /// Zoom account id of the Server-to-Server OAuth app
    #[arg(
        long,
        env = "BATON_ACCOUNT_ID",
        global = true,
        allow_hyphen_values = true
    )]
    pub account_id: Option<String>,

    /// Client id of the Server-to-Server OAuth app
    #[arg(
        long,
        env = "BATON_ZOOM_CLIENT_ID",
        global = true,
        allow_hyphen_values = true
    )]
    pub zoom_client_id: Option<String>,

    /// Client secret of the Server-to-Server OAuth app
    #[arg(
        long,
        env = "BATON_ZOOM_CLIENT_SECRET",
        global = true,
        hide_env_values = true,
        allow_hyphen_values = true
    )]
    pub zoom_client_secret: Option<SecretString>,

    /// Zoom API base URL (ZoomGov: https://api.zoomgov.com/v2)
    #[arg(long, env = "BATON_ZOOM_API_URL", global = true, default_value = zoom_api::DEFAULT_API_URL)]
    pub zoom_api_url: Url,

    /// Zoom OAuth token URL (ZoomGov: https://zoomgov.com/oauth/token)
    #[arg(long, env = "BATON_ZOOM_OAUTH_URL", global = true, default_value = zoom_api::DEFAULT_OAUTH_URL)]
    pub zoom_oauth_url: Url,

    /// The account's Zoom plan, which sets the API rate limits to pace against; auto
    /// starts at Pro's limits and learns the account's own from Zoom's answers
    #[arg(
        long,
        env = "BATON_ZOOM_PLAN",
        global = true,
        value_enum,
        default_value = "auto"
    )]
    pub zoom_plan: PlanArg,

    /// Share of the account's API rate limits this run may use (0 < share <= 1); other apps
    /// on the account share the rest
    #[arg(long, env = "BATON_RATE_LIMIT_SHARE", global = true, default_value_t = zoom_api::DEFAULT_BUDGET_SHARE)]
    pub rate_limit_share: f64,
}

/// Zoom plans as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanArg {
    /// Learn the account's limits: start at Pro's, speed up until Zoom answers 429 or
    /// announces its limit, then stay at the rate share of it
    Auto,
    /// Pro: 30/20/10 requests per second (light/medium/heavy)
    Pro,
    /// Business, Business Plus, Education, Enterprise: 80/60/40 requests per second
    #[value(alias = "business-plus", alias = "enterprise", alias = "education")]
    Business,
}

impl ZoomArgs {
    /// Builds the client configuration, naming the flag to set when a credential is missing.
    pub fn client_config(&self) -> anyhow::Result<ClientConfig> {
        let account_id = required(&self.account_id, "--account-id", "BATON_ACCOUNT_ID")?;
        let client_id = required(
            &self.zoom_client_id,
            "--zoom-client-id",
            "BATON_ZOOM_CLIENT_ID",
        )?;
        let secret = self
            .zoom_client_secret
            .clone()
            .with_context(|| missing("--zoom-client-secret", "BATON_ZOOM_CLIENT_SECRET"))?;
        let mut config = ClientConfig::new(account_id, client_id, secret);
        config.api_url = self.zoom_api_url.clone();
        config.oauth_url = self.zoom_oauth_url.clone();
        config.pacing = match self.zoom_plan {
            PlanArg::Auto => Pacing::Auto,
            PlanArg::Pro => Pacing::Plan(ZoomPlan::Pro),
            PlanArg::Business => Pacing::Plan(ZoomPlan::Business),
        };
        config.budget_share = self.rate_limit_share;
        config.validate()?;
        Ok(config)
    }

    /// Builds a client from the flags.
    pub fn client(&self) -> anyhow::Result<Client> {
        Ok(Client::new(self.client_config()?)?)
    }
}

fn required(value: &Option<String>, flag: &str, env: &str) -> anyhow::Result<String> {
    match value {
        Some(value) if !value.trim().is_empty() => Ok(value.clone()),
        _ => Err(anyhow::anyhow!(missing(flag, env))),
    }
}

fn missing(flag: &str, env: &str) -> String {
    format!("missing Zoom credential: set {flag} or ${env}")
}

#[cfg(test)]
mod tests {
    use clap::Parser;
    use secrecy::ExposeSecret;

    use super::*;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        zoom: ZoomArgs,
    }

    #[test]
    fn credentials_starting_with_a_hyphen_are_values_not_flags() {
        let cli = Cli::try_parse_from([
            "baton-zoom",
            "--account-id",
            "-_acct",
            "--zoom-client-id",
            "-id",
            "--zoom-client-secret",
            "--secret",
        ])
        .expect("the credentials parse");
        assert_eq!(cli.zoom.account_id.as_deref(), Some("-_acct"));
        assert_eq!(cli.zoom.zoom_client_id.as_deref(), Some("-id"));
        let secret = cli.zoom.zoom_client_secret.expect("secret given");
        assert_eq!(secret.expose_secret(), "--secret");
    }
}
