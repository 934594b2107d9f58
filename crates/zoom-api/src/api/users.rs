//! `/users`: list, get, create, update, status, delete.

use std::sync::Arc;

use reqwest::Method;

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::models::{
    CreatedUser, DeleteAction, NewUser, StatusAction, User, UserStatus, UserUpdate,
};
use crate::pagination::{PageStream, StartAt, paginate};
use crate::transport::{ApiRequest, Transport};

/// Largest page Zoom serves for user lists (the spec says 2000, the docs and the simulator
/// 300; larger values are clamped, so 300 is both safe and fastest in practice).
const PAGE_SIZE: u32 = 300;

/// What to list with [`Users::list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserQuery {
    /// Which users: active (default), inactive or pending.
    pub status: UserStatus,
    /// Only users holding this role.
    pub role_id: Option<String>,
    /// Ask Zoom to include `custom_attributes` in each row.
    pub include_custom_attributes: bool,
}

impl UserQuery {
    /// All users of one status.
    pub fn status(status: UserStatus) -> UserQuery {
        UserQuery {
            status,
            ..UserQuery::default()
        }
    }
}

/// The users API; from [`crate::Client::users`].
pub struct Users<'a> {
    pub(crate) transport: &'a Arc<Transport>,
}

impl Users<'_> {
    /// Every user matching `query`, 300 per page, from `start`.
    pub fn list(&self, query: &UserQuery, start: StartAt) -> PageStream<User> {
        let mut req = ApiRequest::new(Endpoint::Users, Method::GET, &["users"])
            .query("status", query.status.as_str());
        if let Some(role) = &query.role_id {
            req = req.query("role_id", role.clone());
        }
        if query.include_custom_attributes {
            req = req.query("include_fields", "custom_attributes");
        }
        paginate(Arc::clone(self.transport), req, Some(PAGE_SIZE), start)
    }

    /// One user by id or email.
    pub async fn get(&self, user_id: &str) -> Result<User, Error> {
        let req = ApiRequest::new(Endpoint::User, Method::GET, &["users", user_id]);
        self.transport.json(&req).await
    }

    /// Creates (by default: invites) a user. `AlreadyExists` if the email is taken.
    pub async fn create(&self, user: &NewUser) -> Result<CreatedUser, Error> {
        let req = ApiRequest::new(Endpoint::UserCreate, Method::POST, &["users"]).json(user);
        self.transport.json(&req).await
    }

    /// Changes the fields set in `update` (licence type, names ...).
    pub async fn update(&self, user_id: &str, update: &UserUpdate) -> Result<(), Error> {
        let req =
            ApiRequest::new(Endpoint::UserUpdate, Method::PATCH, &["users", user_id]).json(update);
        self.transport.no_content(&req).await
    }

    /// Activates or deactivates a user.
    pub async fn set_status(&self, user_id: &str, action: StatusAction) -> Result<(), Error> {
        let req = ApiRequest::new(
            Endpoint::UserStatus,
            Method::PUT,
            &["users", user_id, "status"],
        )
        .json(&serde_json::json!({ "action": action }));
        self.transport.no_content(&req).await
    }

    /// Disassociates or deletes a user (pending users can only be disassociated).
    pub async fn delete(&self, user_id: &str, action: DeleteAction) -> Result<(), Error> {
        let req = ApiRequest::new(Endpoint::UserDelete, Method::DELETE, &["users", user_id])
            .query("action", action.as_str());
        self.transport.no_content(&req).await
    }

    /// Deletes a user after handing their data to another user: Zoom's `transfer_email`
    /// plus one `transfer_*=true` parameter per item (e.g. `transfer_recording`).
    pub async fn delete_transferring(
        &self,
        user_id: &str,
        action: DeleteAction,
        to_email: &str,
        items: &[&'static str],
    ) -> Result<(), Error> {
        let mut req = ApiRequest::new(Endpoint::UserDelete, Method::DELETE, &["users", user_id])
            .query("action", action.as_str())
            .query("transfer_email", to_email);
        for item in items {
            req = req.query(item, "true");
        }
        self.transport.no_content(&req).await
    }
}
