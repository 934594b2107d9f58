//! The user listings, one per status, and everything a user row carries: the user (or the
//! invite, for pending users), and the grants of its groups, its role and its licence.
//! Deriving those grants from the rows is what spares a call per group and per role.
//!
//! Group and role grants are only stored when the groups and roles are (see `optional.rs`):
//! a page of users waits, if it must, until those listings have answered their first page.

use futures::TryStreamExt;
use zoom_api::{PageStream, StartAt, User, UserQuery, UserStatus};

use super::admins::AdminJoin;
use super::checkpoint::{Change, ListingKey};
use super::error::SyncError;
use super::listing::{ListingCtx, PageHandling, store_pages};
use super::optional::Tracked;
use super::recorder::Update;
use crate::kinds::{group, invite, license::License, role, user};

/// The listings whose resources the grants of a user row point at.
#[derive(Debug, Clone)]
pub(super) struct GrantTargets {
    /// `GET /groups`, for group member (and admin) grants.
    pub groups: Tracked,
    /// `GET /roles`, for role member grants.
    pub roles: Tracked,
}

impl GrantTargets {
    /// `pages`, each held back until both listings have answered.
    fn after_targets(&self, pages: PageStream<User>) -> PageStream<User> {
        let targets = self.clone();
        Box::pin(pages.and_then(move |page| {
            let targets = targets.clone();
            async move {
                targets.groups.settled().await;
                targets.roles.settled().await;
                Ok(page)
            }
        }))
    }

    /// Which grants a row gives now.
    fn included(&self) -> Included {
        Included {
            groups: self.groups.is_listed(),
            roles: self.roles.is_listed(),
        }
    }
}

/// Which of a user row's grants go into the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Included {
    groups: bool,
    roles: bool,
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

/// Lists the users of `status` from `start`; with an admin `join`, also stores the admin
/// grants of the waiting admin rows each user resolves.
pub(super) async fn list(
    ctx: &ListingCtx<'_>,
    status: UserStatus,
    start: StartAt,
    join: Option<&AdminJoin>,
    targets: &GrantTargets,
) -> Result<(), SyncError> {
    let pages = ctx.client.users().list(&UserQuery::status(status), start);
    // Invites carry no grants: nothing to wait for.
    let pages = match status {
        UserStatus::Pending => pages,
        _ => targets.after_targets(pages),
    };
    let handling = PageHandling {
        stream: Some(stream(status)),
        rows_of: |users: Vec<User>| rows(users, status, join, targets.included()),
        change_of: |next_page_token| Change::Listing {
            key: ListingKey::Users(status),
            next_page_token,
        },
    };
    store_pages(ctx, pages, handling).await
}

/// The update of a page of users listed under `listed`, with the grants `included`.
fn rows(
    users: Vec<User>,
    listed: UserStatus,
    join: Option<&AdminJoin>,
    included: Included,
) -> Update {
    let mut update = Update::default();
    let mut resolved = Vec::new();
    let (batch, skipped) = (&mut update.rows, &mut update.skipped);
    for mut row in users {
        // Older answers leave `status` out; the listing says which it is.
        row.status.get_or_insert(listed);
        let Some(id) = row.id.clone().filter(|_| listed != UserStatus::Pending) else {
            batch.resources.push(invite::resource(&row));
            continue;
        };
        if included.groups {
            batch.grants.extend(
                row.group_ids
                    .iter()
                    .map(|group_id| group::member_grant(group_id, &id)),
            );
        }
        if let Some(role_id) = row.role_id.as_ref().filter(|_| included.roles) {
            batch.grants.push(role::member_grant(role_id, &id));
        }
        match License::of(row.user_type) {
            Some(license) => batch.grants.push(license.grant(&id)),
            None => {
                tracing::warn!(user = %id, user_type = row.user_type.code(), "unknown licence type: no licence grant");
                skipped
                    .unknown_user_types
                    .insert((id.clone(), row.user_type.code()));
            }
        }
        if let Some(join) = join {
            for (group_id, email) in join.user_listed(&row.email, &id) {
                batch.grants.push(group::admin_grant(&group_id, &id));
                resolved.push((group_id, email));
            }
        }
        if let Some(resource) = user::resource(&row) {
            batch.resources.push(resource);
        }
    }
    if !resolved.is_empty() {
        update.changes.push(Change::AdminsResolved(resolved));
    }
    update
}

#[cfg(test)]
mod tests {
    use c1z::Batch;

    use super::*;

    const ALL: Included = Included {
        groups: true,
        roles: true,
    };

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
        let join = AdminJoin::new(&[("g9".to_owned(), "ada@example.com".to_owned())].into());
        let update = rows(
            page(
                r#"[{"id":"u1","email":"Ada@Example.com","type":2,"role_id":"1",
                     "group_ids":["g1","g2"]},
                    {"id":"u2","email":"b@x.y","type":3,"role_id":"2"}]"#,
            ),
            UserStatus::Active,
            Some(&join),
            ALL,
        );
        let (resources, grants) = ids(&update.rows);
        assert_eq!(resources, ["user:u1", "user:u2"]);
        assert_eq!(
            grants,
            [
                "group:g1:member:user:u1",
                "group:g2:member:user:u1",
                "role:1:member:user:u1",
                "license:2:assigned:user:u1",
                "group:g9:admin:user:u1",
                "role:2:member:user:u2",
            ]
        );
        assert_eq!(
            update.changes,
            [Change::AdminsResolved(vec![(
                "g9".to_owned(),
                "ada@example.com".to_owned()
            )])]
        );
        let skipped = update.skipped;
        assert_eq!(skipped.unknown_user_types, [("u2".to_owned(), 3)].into());
    }

    #[test]
    fn pending_rows_are_invites_without_grants() {
        let update = rows(
            page(r#"[{"email":"new@x.y","type":2,"role_id":"2","status":"pending"}]"#),
            UserStatus::Pending,
            None,
            ALL,
        );
        let (resources, grants) = ids(&update.rows);
        assert_eq!(resources, ["invite:new@x.y"]);
        assert!(grants.is_empty());
        assert!(update.skipped.is_empty() && update.changes.is_empty());
    }

    #[test]
    fn rows_leave_out_the_grants_of_listings_left_out() {
        let row = r#"[{"id":"u1","email":"a@x.y","type":1,"role_id":"1","group_ids":["g1"]}]"#;
        let no_groups = Included {
            groups: false,
            roles: true,
        };
        let update = rows(page(row), UserStatus::Active, None, no_groups);
        let (resources, grants) = ids(&update.rows);
        assert_eq!(resources, ["user:u1"]);
        assert_eq!(
            grants,
            ["role:1:member:user:u1", "license:1:assigned:user:u1"]
        );
        let no_roles = Included {
            groups: true,
            roles: false,
        };
        let (_, grants) = ids(&rows(page(row), UserStatus::Active, None, no_roles).rows);
        assert_eq!(
            grants,
            ["group:g1:member:user:u1", "license:1:assigned:user:u1"]
        );
    }
}
