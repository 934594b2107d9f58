//! The HTTP server: Zoom's `/v2` API, the OAuth token endpoint and the `/_sim` control paths.
//!
//! Every API route is registered through [`api`], which wraps its handler in the gate (token,
//! scope, rate limit, faults, latency, counters; see `gate.rs`). Handlers are therefore small:
//! they parse the request, call the tenant model and render Zoom's JSON.

mod contacts;
mod gate;
mod groups;
mod members;
mod oauth;
mod paging;
mod params;
mod roles;
mod sim_admin;
mod users;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

use axum::extract::Request;
use axum::handler::Handler;
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, on};
use axum::{Extension, Json, Router};
use serde::Serialize;

use crate::auth::Auth;
use crate::counters::CounterSet;
use crate::endpoint::{Endpoint, Method};
use crate::error::ApiError;
use crate::faults::FaultInjector;
use crate::latency::Latency;
use crate::pagination::PageTokens;
use crate::rate_limit::{InviteBudget, RateLimiter};
use crate::simulator::SharedTenant;

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

pub(crate) type AppState = Arc<Shared>;

/// How many items an answer lists; the gate scales the per-item latency by it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ItemCount(pub usize);

/// A JSON answer listing `items` items.
pub(crate) fn listed<T: Serialize>(items: usize, body: T) -> Response {
    (Extension(ItemCount(items)), Json(body)).into_response()
}

/// The whole server.
pub(crate) fn router(state: AppState) -> Router {
    let router = Router::new();
    let router = api(router, &state, Endpoint::Users, users::list);
    let router = api(router, &state, Endpoint::User, users::get);
    let router = api(router, &state, Endpoint::UserCreate, users::create);
    let router = api(router, &state, Endpoint::UserDelete, users::delete);
    let router = api(router, &state, Endpoint::UserUpdate, users::update);
    let router = api(router, &state, Endpoint::UserStatus, users::update_status);
    let router = api(router, &state, Endpoint::Groups, groups::list);
    let router = api(router, &state, Endpoint::Group, groups::get);
    let router = api(router, &state, Endpoint::GroupMembers, groups::members);
    let router = api(
        router,
        &state,
        Endpoint::GroupMembersCreate,
        groups::add_members,
    );
    let router = api(
        router,
        &state,
        Endpoint::GroupMembersDelete,
        groups::delete_member,
    );
    let router = api(router, &state, Endpoint::GroupAdmins, groups::admins);
    let router = api(
        router,
        &state,
        Endpoint::GroupAdminsCreate,
        groups::add_admins,
    );
    let router = api(
        router,
        &state,
        Endpoint::GroupAdminsDelete,
        groups::delete_admin,
    );
    let router = api(router, &state, Endpoint::Roles, roles::list);
    let router = api(router, &state, Endpoint::GetRoleInformation, roles::get);
    let router = api(router, &state, Endpoint::RoleMembers, roles::members);
    let router = api(router, &state, Endpoint::AddRoleMembers, roles::assign);
    let router = api(router, &state, Endpoint::RoleMemberDelete, roles::unassign);
    let router = api(router, &state, Endpoint::ContactGroups, contacts::list);
    let router = api(
        router,
        &state,
        Endpoint::ContactGroupMembers,
        contacts::members,
    );
    let router = api(
        router,
        &state,
        Endpoint::ContactGroupMemberAdd,
        contacts::add_members,
    );
    let router = api(
        router,
        &state,
        Endpoint::ContactGroupMemberRemove,
        contacts::remove_members,
    );
    router
        .route(
            Endpoint::OauthToken.info().path,
            on(MethodFilter::POST, oauth::token),
        )
        .nest("/_sim", sim_admin::routes())
        .fallback(|| async { ApiError::no_such_route() })
        .layer(middleware::from_fn(tracking_id))
        .with_state(state)
}

/// Registers one API operation at `/v2{path}` behind the gate.
fn api<H, T>(
    router: Router<AppState>,
    state: &AppState,
    endpoint: Endpoint,
    handler: H,
) -> Router<AppState>
where
    H: Handler<T, AppState>,
    T: 'static,
{
    let info = endpoint.info();
    let filter = match info.method {
        Method::Get => MethodFilter::GET,
        Method::Post => MethodFilter::POST,
        Method::Patch => MethodFilter::PATCH,
        Method::Put => MethodFilter::PUT,
        Method::Delete => MethodFilter::DELETE,
    };
    let gated = on(filter, handler).layer(middleware::from_fn_with_state(
        (Arc::clone(state), endpoint),
        gate::guard,
    ));
    router.route(&format!("/v2{}", info.path), gated)
}

/// Adds Zoom's `x-zm-trackingid` header to every answer.
async fn tracking_id(request: Request, next: Next) -> Response {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let mut response = next.run(request).await;
    let id = format!(
        "v=2.0;clid=us06;rid=WEB_{:032x}",
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-zm-trackingid", value);
    }
    response
}
