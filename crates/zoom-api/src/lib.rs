//! A Zoom REST API v2 client for identity work: users, groups, roles and contact groups,
//! built to survive long runs.
//!
//! It authenticates as a Server-to-Server OAuth app and renews its token before it expires;
//! it spends Zoom's per-account rate quota through one budget per rate-limit category, slows
//! down when Zoom says 429 and waits for daily resets when allowed; it retries what can
//! succeed on a second try and turns everything else into a typed [`Error`] whose text names
//! the fix. Lists are streams of pages that follow Zoom's page tokens, can be resumed from a
//! saved token, and restart cleanly when a token expires.
//!
//! Main types: [`ClientConfig`] → [`Client`] → endpoint groups ([`Client::users`],
//! [`Client::groups`], [`Client::roles`], [`Client::contact_groups`]) → models and
//! [`Page`]s; [`Error`] for failures; [`StatsSnapshot`] for counters; [`missing_scopes`] to
//! check an app's scopes before a run.
//!
//! ```no_run
//! use futures::TryStreamExt;
//! use secrecy::SecretString;
//! use zoom_api::{Client, ClientConfig, StartAt, UserQuery, UserStatus};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let config = ClientConfig::new("account-id", "client-id", SecretString::from("secret"));
//! let client = Client::new(config)?;
//! let mut pages = client
//!     .users()
//!     .list(&UserQuery::status(UserStatus::Active), StartAt::Beginning);
//! while let Some(page) = pages.try_next().await? {
//!     for user in &page.items {
//!         println!("{} {:?}", user.email, user.role_id);
//!     }
//!     // Checkpoint page.next_page_token here to resume later with StartAt::Token.
//! }
//! println!("{:?}", client.stats());
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

mod api;
mod budget;
mod client;
mod config;
mod endpoint;
mod error;
mod models;
mod pagination;
mod retry;
mod scopes;
mod stats;
mod token;
mod transport;

pub use api::{ContactGroups, Groups, Roles, UserQuery, Users};
pub use budget::{CategoryPacing, LimitSource};
pub use client::Client;
pub use config::{
    ClientConfig, ConfigError, DEFAULT_API_URL, DEFAULT_BUDGET_SHARE, DEFAULT_OAUTH_URL, Pacing,
    Timeouts, ZoomPlan,
};
pub use endpoint::{Category, Endpoint};
pub use error::{AuthError, AuthErrorKind, Error, FieldError, TransportKind};
pub use models::{
    Added, ContactGroup, ContactGroupMember, ContactMemberType, CreateAction, CreatedUser,
    CustomAttribute, DeleteAction, Group, GroupAdmin, Member, MemberRef, NewUser, NewUserInfo,
    Role, StatusAction, User, UserStatus, UserType, UserUpdate,
};
pub use pagination::{Page, PageStream, StartAt};
pub use retry::RetryPolicy;
pub use scopes::missing_scopes;
pub use stats::StatsSnapshot;
