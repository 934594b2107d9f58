//! The local web explorer: server-rendered pages over one sync, served from the binary.
//!
//! [`Explorer::open`] reads the file into memory (the [`crate::Snapshot`] and how many
//! findings of each kind it has; the findings themselves follow on a thread) and binds the
//! address; [`Explorer::serve`] answers until its shutdown future resolves.
//! Every asset is compiled in (one stylesheet, one small script); nothing is fetched from
//! anywhere else, and nothing is ever written to the file. [`guard`] holds the access
//! rules: the token, its cookie, and the headers every response carries.

pub mod guard;
mod layout;
mod pages;
mod state;
mod table;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::http::header;
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::get;
use tokio::net::TcpListener;

use crate::error::{Error, Result};
use pages::{contact_groups, diff, findings, groups, holdings, overview, people};
use state::AppState;

/// The stylesheet, compiled in.
const APP_CSS: &str = include_str!("assets/app.css");
/// The script (keyboard shortcuts, filters that apply on change), compiled in.
const APP_JS: &str = include_str!("assets/app.js");

/// What to serve and where.
#[derive(Clone, Debug)]
pub struct Options {
    /// The `.c1z` to read.
    pub file: PathBuf,
    /// Where to listen; port 0 picks a free port.
    pub addr: SocketAddr,
    /// The sync to show; the newest finished full sync when `None`.
    pub sync_id: Option<String>,
    /// The findings' sign-in and invitation threshold, in days.
    pub inactive_days: u32,
    /// How to read the file (decompression limits, temp folder).
    pub read: c1z::ReadOptions,
}

/// A loaded, bound explorer, ready to serve.
pub struct Explorer {
    state: Arc<AppState>,
    listener: TcpListener,
    addr: SocketAddr,
}

impl Explorer {
    /// Reads the sync (on a blocking thread) and binds `options.addr`.
    pub async fn open(options: Options) -> Result<Explorer> {
        let Options {
            file,
            addr,
            sync_id,
            inactive_days,
            read,
        } = options;
        let state = tokio::task::spawn_blocking(move || {
            let reader = c1z::Reader::open(&file, &read)?;
            AppState::load(
                reader,
                sync_id.as_deref(),
                inactive_days,
                guard::new_token(),
            )
        })
        .await
        .map_err(|_| Error::Interrupted)??;
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| Error::Bind { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| Error::Bind { addr, source })?;
        Ok(Explorer {
            state,
            listener,
            addr,
        })
    }

    /// The address listened on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL to open, carrying the access token. A wildcard address (`0.0.0.0`) is shown
    /// as loopback, the address a browser on this machine reaches it by.
    pub fn url(&self) -> String {
        let mut addr = self.addr;
        if addr.ip().is_unspecified() {
            addr.set_ip(if addr.is_ipv4() {
                std::net::Ipv4Addr::LOCALHOST.into()
            } else {
                std::net::Ipv6Addr::LOCALHOST.into()
            });
        }
        format!("http://{addr}/?{}={}", guard::TOKEN_PARAM, self.state.token)
    }

    /// Serves until `shutdown` resolves, then closes the file (deleting its decompressed
    /// copy).
    pub async fn serve(self, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<()> {
        let app = router(Arc::clone(&self.state));
        let served = axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(Error::Serve);
        self.state.close();
        served
    }
}

/// Every route, behind the guard.
fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(overview::overview))
        .route("/users", get(people::users))
        .route("/user/{id}", get(people::user))
        .route("/invite/{id}", get(people::invite))
        .route("/groups", get(groups::groups))
        .route("/groups/{id}", get(groups::group))
        .route("/roles", get(holdings::roles))
        .route("/roles/{id}", get(holdings::role))
        .route("/licenses", get(holdings::licenses))
        .route("/licenses/{id}", get(holdings::license))
        .route("/contact-groups", get(contact_groups::contact_groups))
        .route("/contact-groups/{id}", get(contact_groups::contact_group))
        .route("/findings", get(findings::findings))
        .route("/diff", get(diff::diff))
        .route(
            "/assets/app.css",
            get(|| async {
                ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], APP_CSS).into_response()
            }),
        )
        .route(
            "/assets/app.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    APP_JS,
                )
                    .into_response()
            }),
        )
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            guard::guard,
        ))
        .with_state(state)
}
