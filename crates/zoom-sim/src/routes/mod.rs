//! The HTTP server: Zoom's `/v2` API, the OAuth token endpoint and the `/_sim` control paths.
//!
//! Every API route is registered through `ApiRoutes::api`, which wraps its handler in the gate (token,
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

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::Request;
use axum::handler::Handler;
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, on};
use axum::{Extension, Json, Router};
use serde::Serialize;

use crate::endpoint::{Endpoint, Method};
use crate::error::ApiError;
use crate::state::AppState;

/// How many items an answer lists; the gate scales the per-item latency by it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ItemCount(pub usize);

/// A JSON answer listing `items` items.
pub(crate) fn listed<T: Serialize>(items: usize, body: T) -> Response {
    (Extension(ItemCount(items)), Json(body)).into_response()
}

/// The whole server.
pub(crate) fn router(state: AppState) -> Router {
    Router::new()
        .api(&state, Endpoint::Users, users::list)
        .api(&state, Endpoint::User, users::get)
        .api(&state, Endpoint::UserCreate, users::create)
        .api(&state, Endpoint::UserDelete, users::delete)
        .api(&state, Endpoint::UserUpdate, users::update)
        .api(&state, Endpoint::UserStatus, users::update_status)
        .api(&state, Endpoint::Groups, groups::list)
        .api(&state, Endpoint::Group, groups::get)
        .api(&state, Endpoint::GroupMembers, groups::members)
        .api(&state, Endpoint::GroupMembersCreate, groups::add_members)
        .api(&state, Endpoint::GroupMembersDelete, groups::delete_member)
        .api(&state, Endpoint::GroupAdmins, groups::admins)
        .api(&state, Endpoint::GroupAdminsCreate, groups::add_admins)
        .api(&state, Endpoint::GroupAdminsDelete, groups::delete_admin)
        .api(&state, Endpoint::Roles, roles::list)
        .api(&state, Endpoint::GetRoleInformation, roles::get)
        .api(&state, Endpoint::RoleMembers, roles::members)
        .api(&state, Endpoint::AddRoleMembers, roles::assign)
        .api(&state, Endpoint::RoleMemberDelete, roles::unassign)
        .api(&state, Endpoint::ContactGroups, contacts::list)
        .api(&state, Endpoint::ContactGroupMembers, contacts::members)
        .api(
            &state,
            Endpoint::ContactGroupMemberAdd,
            contacts::add_members,
        )
        .api(
            &state,
            Endpoint::ContactGroupMemberRemove,
            contacts::remove_members,
        )
        .route(
            Endpoint::OauthToken.info().path,
            on(MethodFilter::POST, oauth::token),
        )
        .nest("/_sim", sim_admin::routes())
        .fallback(|| async { ApiError::no_such_route() })
        .layer(middleware::from_fn(tracking_id))
        .with_state(state)
}

/// Registering Zoom API operations, one line each.
trait ApiRoutes {
    /// Registers `handler` for `endpoint` at `/v2{path}`, behind the gate.
    fn api<H, T>(self, state: &AppState, endpoint: Endpoint, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static;
}

impl ApiRoutes for Router<AppState> {
    fn api<H, T>(self, state: &AppState, endpoint: Endpoint, handler: H) -> Self
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
        self.route(&format!("/v2{}", info.path), gated)
    }
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
