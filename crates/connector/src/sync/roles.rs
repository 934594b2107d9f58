//! The roles: one `GET /roles` (Zoom does not page it), then one `GET /roles/{roleId}` per
//! role for its privileges, paced like every other call. Accounts have a handful to a few
//! dozen roles, so the rows wait in memory until every role's privileges are in and are
//! stored in one update (see `optional.rs` for why all roles carry privileges or none does).

use c1z::Batch;
use futures::{StreamExt, TryStreamExt};
use zoom_api::Role;

use super::checkpoint::{Change, ListingKey};
use super::error::SyncError;
use super::listing::ListingCtx;
use super::optional::{Availability, ROLE_PRIVILEGES_STREAM, Tracked};
use super::recorder::Update;
use crate::kinds::role;

/// Role-detail calls in flight at once: enough to keep the Light budget busy at 100 ms per
/// answer on any plan, few enough that a refusal for a missing scope costs few calls.
const DETAILS_IN_FLIGHT: usize = 4;

/// Lists the roles with their privileges, unless `list` is false (already stored).
/// `listing` tracks `GET /roles`, `details` the role-detail calls; either may be refused for
/// a missing scope and left out (the roles with it, or their privileges).
pub(super) async fn list(
    ctx: &ListingCtx<'_>,
    list: bool,
    listing: &Tracked,
    details: &Tracked,
) -> Result<(), SyncError> {
    if !list {
        return Ok(());
    }
    let work = async {
        ctx.progress.stream_started("roles", None);
        let mut roles = Vec::new();
        let mut pages = listing.note(ctx.client.roles().list());
        while let Some(page) = pages.try_next().await? {
            ctx.progress
                .page_done("roles", page.items.len() as u64, page.total_records);
            roles.extend(page.items);
        }
        let privileges = match details.now() {
            Availability::Omitted => None,
            _ => details.run(ctx, privileges(ctx, &roles, details)).await?,
        };
        let mut rows = Batch::default();
        for (i, r) in roles.iter().enumerate() {
            let held = privileges.as_ref().and_then(|p: &Vec<_>| p[i].as_deref());
            let resource = role::resource(r, held);
            rows.entitlements.push(role::entitlement(&resource));
            rows.resources.push(resource);
        }
        let stored = Change::Listing {
            key: ListingKey::Roles,
            next_page_token: None,
        };
        ctx.updates
            .send(Update {
                rows,
                changes: vec![stored],
                ..Update::default()
            })
            .await?;
        ctx.progress.stream_finished("roles");
        Ok(())
    };
    listing.run(ctx, work).await
}

/// The privileges of each of `roles`, in order (`None` for a role deleted since it was
/// listed); `None` as a whole when Zoom refused the calls for a missing scope.
async fn privileges(
    ctx: &ListingCtx<'_>,
    roles: &[Role],
    details: &Tracked,
) -> Result<Option<Vec<Option<Vec<String>>>>, SyncError> {
    let progress = ctx.progress;
    progress.stream_started(ROLE_PRIVILEGES_STREAM, Some(roles.len() as u64));
    // Owned ids rather than references into `roles`: a stream of futures borrowing its
    // items makes the sync's future not provably `Send`.
    let ids: Vec<String> = roles.iter().map(|r| r.id.clone()).collect();
    let mut answers = futures::stream::iter(ids)
        .map(|id| privileges_of(ctx, id, details))
        .buffered(DETAILS_IN_FLIGHT);
    let mut privileges = Vec::with_capacity(roles.len());
    while let Some(answer) = answers.try_next().await? {
        privileges.push(answer);
        progress.page_done(ROLE_PRIVILEGES_STREAM, 1, None);
    }
    progress.stream_finished(ROLE_PRIVILEGES_STREAM);
    Ok(Some(privileges))
}

/// The privileges of role `role_id` (`None` if it was deleted since it was listed).
async fn privileges_of(
    ctx: &ListingCtx<'_>,
    role_id: String,
    details: &Tracked,
) -> Result<Option<Vec<String>>, SyncError> {
    match details.answered(ctx.client.roles().get(&role_id).await) {
        Ok(detail) => Ok(Some(detail.privileges)),
        Err(zoom_api::Error::NotFound { .. }) => {
            tracing::info!(role = %role_id, "role deleted while the sync ran; stored without its privileges");
            Ok(None)
        }
        Err(error) => Err(error.into()),
    }
}
