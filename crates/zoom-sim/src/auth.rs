//! Server-to-Server OAuth apps and the access tokens they are issued.
//!
//! As on Zoom today, issuing a token does not invalidate earlier ones: several tokens of one
//! app can be valid at once, each until its own expiry. Disabling an app makes its tokens
//! invalid at once. Secrets and tokens are random (not seeded): nothing may predict them.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use rand::RngExt;

use crate::ids;
use crate::scopes::ScopeSet;

/// The client id and secret of one OAuth app.
#[derive(Clone, PartialEq, Eq)]
pub struct AppCredentials {
    /// Sent as the user part of the token request's Basic auth.
    pub client_id: String,
    /// Sent as the password part; never printed.
    pub client_secret: String,
}

impl fmt::Debug for AppCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .finish()
    }
}

/// Why a token request was refused, one variant per answer Zoom gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OAuthRefusal {
    /// Unknown client id, wrong secret, or no Basic auth.
    InvalidClient,
    /// The app exists but has been disabled.
    AppDisabled,
    /// `grant_type` is not `account_credentials`.
    UnsupportedGrant,
    /// `account_id` is missing or names another account.
    UnknownAccount,
}

/// Why a bearer token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenRefusal {
    /// The token was valid but its lifetime is over.
    Expired,
    /// Never issued, revoked, or its app was disabled.
    Invalid,
}

/// A freshly issued token.
#[derive(Clone)]
pub struct Grant {
    /// The bearer token.
    pub access_token: String,
    /// Seconds until it expires.
    pub expires_in: u64,
    /// The app's scopes, space-separated.
    pub scope: String,
}

struct App {
    secret: String,
    scopes: Arc<ScopeSet>,
    enabled: bool,
}

struct IssuedToken {
    client_id: String,
    scopes: Arc<ScopeSet>,
    expires_at: Instant,
}

/// The OAuth side of the account: apps and issued tokens.
pub(crate) struct Auth {
    account_id: String,
    token_ttl: Duration,
    apps: RwLock<BTreeMap<String, App>>,
    tokens: RwLock<HashMap<String, IssuedToken>>,
}

impl Auth {
    pub(crate) fn new(account_id: String, token_ttl: Duration) -> Self {
        Auth {
            account_id,
            token_ttl,
            apps: RwLock::new(BTreeMap::new()),
            tokens: RwLock::new(HashMap::new()),
        }
    }

    /// Registers a new app with `scopes` and returns its credentials.
    pub(crate) fn add_app(&self, scopes: ScopeSet) -> AppCredentials {
        let mut rng = rand::rng();
        let credentials = AppCredentials {
            client_id: ids::random_chars(&mut rng, 22),
            client_secret: ids::random_chars(&mut rng, 32),
        };
        let app = App {
            secret: credentials.client_secret.clone(),
            scopes: Arc::new(scopes),
            enabled: true,
        };
        write(&self.apps).insert(credentials.client_id.clone(), app);
        credentials
    }

    /// Enables or disables an app; false when there is no such app.
    pub(crate) fn set_app_enabled(&self, client_id: &str, enabled: bool) -> bool {
        match write(&self.apps).get_mut(client_id) {
            Some(app) => {
                app.enabled = enabled;
                true
            }
            None => false,
        }
    }

    /// Issues a token after checking the client, grant type and account, in that order.
    pub(crate) fn issue(
        &self,
        client: Option<(&str, &str)>,
        grant_type: Option<&str>,
        account_id: Option<&str>,
    ) -> Result<Grant, OAuthRefusal> {
        let (client_id, secret) = client.ok_or(OAuthRefusal::InvalidClient)?;
        let scopes = {
            let apps = read(&self.apps);
            let app = apps
                .get(client_id)
                .filter(|app| app.secret == secret)
                .ok_or(OAuthRefusal::InvalidClient)?;
            if !app.enabled {
                return Err(OAuthRefusal::AppDisabled);
            }
            Arc::clone(&app.scopes)
        };
        if grant_type != Some("account_credentials") {
            return Err(OAuthRefusal::UnsupportedGrant);
        }
        if account_id != Some(self.account_id.as_str()) {
            return Err(OAuthRefusal::UnknownAccount);
        }
        let access_token = jwt_looking_token();
        let scope = scopes
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        let now = Instant::now();
        let mut tokens = write(&self.tokens);
        // Forget tokens that expired long ago so a long run does not accumulate them; recently
        // expired ones stay so that clients still get "expired" rather than "invalid".
        tokens.retain(|_, t| t.expires_at + self.token_ttl > now);
        tokens.insert(
            access_token.clone(),
            IssuedToken {
                client_id: client_id.to_owned(),
                scopes,
                expires_at: now + self.token_ttl,
            },
        );
        Ok(Grant {
            access_token,
            expires_in: self.token_ttl.as_secs(),
            scope,
        })
    }

    /// The scopes of a valid token.
    pub(crate) fn verify(&self, token: &str) -> Result<Arc<ScopeSet>, TokenRefusal> {
        let tokens = read(&self.tokens);
        let issued = tokens.get(token).ok_or(TokenRefusal::Invalid)?;
        let enabled = read(&self.apps)
            .get(&issued.client_id)
            .is_some_and(|app| app.enabled);
        if !enabled {
            return Err(TokenRefusal::Invalid);
        }
        if issued.expires_at <= Instant::now() {
            return Err(TokenRefusal::Expired);
        }
        Ok(Arc::clone(&issued.scopes))
    }

    /// Invalidates one token.
    pub(crate) fn revoke(&self, token: &str) {
        write(&self.tokens).remove(token);
    }

    /// Invalidates every token.
    pub(crate) fn revoke_all(&self) {
        write(&self.tokens).clear();
    }
}

/// A token shaped like Zoom's (a JWT: three base64url parts), random throughout.
fn jwt_looking_token() -> String {
    let mut rng = rand::rng();
    let body_len = rng.random_range(180..220);
    format!(
        "eyJzdiI6IjAwMDAwMiIsImFsZyI6IkhTNTEyIiwidiI6IjIuMCJ9.{}.{}",
        ids::random_chars(&mut rng, body_len),
        ids::random_chars(&mut rng, 86)
    )
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auth_with_app(ttl: Duration) -> (Auth, AppCredentials) {
        let auth = Auth::new("acct".into(), ttl);
        let app = auth.add_app(["user:read:admin".to_owned()].into());
        (auth, app)
    }

    #[test]
    fn several_tokens_of_one_app_are_valid_at_once() {
        let (auth, app) = auth_with_app(Duration::from_secs(60));
        let client = Some((app.client_id.as_str(), app.client_secret.as_str()));
        let first = auth
            .issue(client, Some("account_credentials"), Some("acct"))
            .expect("issued");
        let second = auth
            .issue(client, Some("account_credentials"), Some("acct"))
            .expect("issued");
        assert_ne!(first.access_token, second.access_token);
        assert!(auth.verify(&first.access_token).is_ok());
        assert!(auth.verify(&second.access_token).is_ok());
        assert_eq!(first.scope, "user:read:admin");
    }

    #[test]
    fn refusals_are_checked_client_first() {
        let (auth, app) = auth_with_app(Duration::from_secs(60));
        let good = Some((app.client_id.as_str(), app.client_secret.as_str()));
        let bad = Some((app.client_id.as_str(), "wrong"));
        let grant = Some("account_credentials");
        assert_eq!(
            auth.issue(bad, grant, Some("acct")).err(),
            Some(OAuthRefusal::InvalidClient)
        );
        assert_eq!(
            auth.issue(good, Some("password"), None).err(),
            Some(OAuthRefusal::UnsupportedGrant)
        );
        assert_eq!(
            auth.issue(good, grant, Some("other")).err(),
            Some(OAuthRefusal::UnknownAccount)
        );
        auth.set_app_enabled(&app.client_id, false);
        assert_eq!(
            auth.issue(good, grant, Some("acct")).err(),
            Some(OAuthRefusal::AppDisabled)
        );
    }

    #[test]
    fn expired_and_revoked_tokens_are_told_apart() {
        let (auth, app) = auth_with_app(Duration::from_millis(1));
        let client = Some((app.client_id.as_str(), app.client_secret.as_str()));
        let grant = auth
            .issue(client, Some("account_credentials"), Some("acct"))
            .expect("issued");
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(
            auth.verify(&grant.access_token).err(),
            Some(TokenRefusal::Expired)
        );
        auth.revoke_all();
        assert_eq!(
            auth.verify(&grant.access_token).err(),
            Some(TokenRefusal::Invalid)
        );
    }

    #[test]
    fn debug_output_hides_the_secret() {
        let (_, app) = auth_with_app(Duration::from_secs(1));
        let shown = format!("{app:?}");
        assert!(!shown.contains(&app.client_secret));
        assert!(shown.contains("[redacted]"));
    }
}
