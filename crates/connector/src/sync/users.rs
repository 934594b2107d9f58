//! The user listings, one per status, and everything a user row carries: the user (or the
//! invite, for pending users), and the grants of its groups, its role and its licence.
//! Deriving those grants from the rows is what spares a call per group and per role.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use c1z::Batch;
use zoom_api::{StartAt, User, UserQuery, UserStatus};

use super::checkpoint::{Change, ListingKey};
use super::error::SyncError;
use super::listing::{PageHandling, Producers, store_pages};
use super::report::Skipped;
use crate::kinds::{group, invite, license::License, role, user};

/// Emails of active and inactive users and their ids, for mapping group admins (which Zoom
/// lists by email only) to users. About 100 bytes per user: 10 MB for 100,000 users.
#[derive(Debug, Default)]
pub(super) struct Directory(Mutex<HashMap<String, String>>);

impl Directory {
    /// Remembers that `email` belongs to user `user_id`.
    pub(super) fn insert(&self, email: &str, user_id: &str) {
        self.lock().insert(email.to_lowercase(), user_id.to_owned());
    }

    /// The id of the user with `email` (compared without case, as Zoom does).
    pub(super) fn user_id(&self, email: &str) -> Option<String> {
        self.lock().get(&email.to_lowercase()).cloned()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        // The map is only ever inserted into; a panic elsewhere cannot leave it half-changed.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The progress stream of a status.
fn stream(status: UserStatus) -> &'static str {
    match status {
        UserStatus::Active => "users (active)",
        UserStatus::Inactive => "users (inactive)",
        UserStatus::Pending => "invites",
        UserStatus::Other => "users (other)",
    }
}

/// Lists the users of `status` from `start`; with a `directory`, remembers each user's
/// email for the group-admin mapping.
pub(super) async fn list(
    producers: &Producers<'_>,
    status: UserStatus,
    start: StartAt,
    directory: Option<&Directory>,
) -> Result<(), SyncError> {
    let pages = producers
        .client
        .users()
        .list(&UserQuery::status(status), start);
    let handling = PageHandling {
        stream: Some(stream(status)),
        rows_of: |users: Vec<User>| rows(users, status, directory),
        change_of: |next_page_token| Change::Listing {
            key: ListingKey::Users(status),
            next_page_token,
        },
        gate: None,
    };
    store_pages(producers, pages, handling).await
}

/// The rows of a page of users listed under `listed`.
fn rows(users: Vec<User>, listed: UserStatus, directory: Option<&Directory>) -> (Batch, Skipped) {
    let mut batch = Batch::default();
    let mut skipped = Skipped::default();
    for mut row in users {
        // Older answers leave `status` out; the listing says which it is.
        row.status.get_or_insert(listed);
        let Some(id) = row.id.clone().filter(|_| listed != UserStatus::Pending) else {
            batch.resources.push(invite::resource(&row));
            continue;
        };
        if let Some(directory) = directory {
            directory.insert(&row.email, &id);
        }
        batch.grants.extend(
            row.group_ids
                .iter()
                .map(|group_id| group::member_grant(group_id, &id)),
        );
        if let Some(role_id) = &row.role_id {
            batch.grants.push(role::member_grant(role_id, &id));
        }
        match License::of(row.user_type) {
            Some(license) => batch.grants.push(license.grant(&id)),
            None => {
                tracing::warn!(user = %id, user_type = row.user_type.code(), "unknown licence type: no licence grant");
                *skipped
                    .unknown_user_types
                    .entry(row.user_type.code())
                    .or_default() += 1;
            }
        }
        if let Some(resource) = user::resource(&row) {
            batch.resources.push(resource);
        }
    }
    (batch, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(json: &str) -> Vec<User> {
        serde_json::from_str(json).expect("test pages are valid user rows")
    }

    fn ids(batch: &Batch) -> (Vec<String>, Vec<String>) {
        let resources = batch
            .resources
            .iter()
            .filter_map(|r| r.id.as_ref())
            .map(|id| format!("{}:{}", id.resource_type, id.resource))
            .collect();
        let grants = batch.grants.iter().map(|g| g.id.clone()).collect();
        (resources, grants)
    }

    #[test]
    fn a_user_row_yields_the_user_and_its_group_role_and_licence_grants() {
        let directory = Directory::default();
        let (batch, skipped) = rows(
            page(
                r#"[{"id":"u1","email":"Ada@Example.com","type":2,"role_id":"1",
                     "group_ids":["g1","g2"]},
                    {"id":"u2","email":"b@x.y","type":3,"role_id":"2"}]"#,
            ),
            UserStatus::Active,
            Some(&directory),
        );
        let (resources, grants) = ids(&batch);
        assert_eq!(resources, ["user:u1", "user:u2"]);
        assert_eq!(
            grants,
            [
                "group:g1:member:user:u1",
                "group:g2:member:user:u1",
                "role:1:member:user:u1",
                "license:2:assigned:user:u1",
                "role:2:member:user:u2",
            ]
        );
        assert_eq!(skipped.unknown_user_types[&3], 1);
        assert_eq!(directory.user_id("ada@example.com").as_deref(), Some("u1"));
        assert_eq!(directory.user_id("nobody@x.y"), None);
    }

    #[test]
    fn pending_rows_are_invites_without_grants() {
        let (batch, skipped) = rows(
            page(r#"[{"email":"new@x.y","type":2,"role_id":"2","status":"pending"}]"#),
            UserStatus::Pending,
            None,
        );
        let (resources, grants) = ids(&batch);
        assert_eq!(resources, ["invite:new@x.y"]);
        assert!(grants.is_empty());
        assert!(skipped.is_empty());
    }
}
