//! Storing a paged Zoom listing page by page, and the listings of groups and contact groups
//! (one resource and its entitlements per row).

use c1z::Batch;
use futures::TryStreamExt;
use zoom_api::{Client, ContactGroup, Group, PageStream, StartAt};

use super::checkpoint::{Change, ListingKey};
use super::error::SyncError;
use super::optional::Tracked;
use super::progress::Progress;
use super::recorder::{Update, Updates};
use super::report::Skipped;
use crate::kinds::{self, contact_group, group, license::License};

/// What every listing needs: the client, where progress goes, and the recorder.
pub(super) struct ListingCtx<'a> {
    pub client: &'a Client,
    pub progress: &'a dyn Progress,
    pub updates: Updates,
}

/// How the pages of one listing become updates.
pub(super) struct PageHandling<'s, R, C> {
    /// Progress stream to report each page under; `None` when the caller reports progress
    /// per parent instead.
    pub stream: Option<&'s str>,
    /// The update (rows, omissions, and changes of their own) of a page's items.
    pub rows_of: R,
    /// What storing a page completes, from the page's `next_page_token`.
    pub change_of: C,
}

/// Stores every page of `pages` as one update each, in order.
pub(super) async fn store_pages<T, R, C>(
    ctx: &ListingCtx<'_>,
    mut pages: PageStream<T>,
    mut handling: PageHandling<'_, R, C>,
) -> Result<(), SyncError>
where
    R: FnMut(Vec<T>) -> Update,
    C: FnMut(Option<String>) -> Change,
{
    let progress = ctx.progress;
    if let Some(stream) = handling.stream {
        progress.stream_started(stream, None);
    }
    while let Some(page) = pages.try_next().await? {
        let count = page.items.len() as u64;
        if page.restarted {
            tracing::info!(
                stream = handling.stream.unwrap_or("per-parent listing"),
                "listing restarted from its first page; rows stored again replace the earlier copies"
            );
            if let Some(stream) = handling.stream {
                progress.stream_started(stream, page.total_records);
            }
        }
        let mut update = (handling.rows_of)(page.items);
        update
            .changes
            .push((handling.change_of)(page.next_page_token));
        if let Some(stream) = handling.stream {
            progress.page_done(stream, count, page.total_records);
        }
        ctx.updates.send(update).await?;
    }
    if let Some(stream) = handling.stream {
        progress.stream_finished(stream);
    }
    Ok(())
}

/// Stores the pages of a top-level listing under `key`, from `start` (nothing when
/// `None`: the listing is stored already), and hands back every row's id (all of them, also
/// those stored before a resume, when the listing starts at the beginning).
async fn store_listing<T>(
    ctx: &ListingCtx<'_>,
    stream: &str,
    key: ListingKey,
    start: Option<StartAt>,
    list: impl FnOnce(StartAt) -> PageStream<T>,
    row: impl Fn(&T, &mut Batch) -> String,
) -> Result<Vec<String>, SyncError> {
    let Some(start) = start else {
        return Ok(Vec::new());
    };
    let mut ids = Vec::new();
    let handling = PageHandling {
        stream: Some(stream),
        rows_of: |items: Vec<T>| {
            let mut rows = Batch::default();
            ids.extend(items.iter().map(|item| row(item, &mut rows)));
            Update {
                rows,
                ..Update::default()
            }
        },
        change_of: |next_page_token| Change::Listing {
            key,
            next_page_token,
        },
    };
    store_pages(ctx, list(start), handling).await?;
    Ok(ids)
}

/// The resource types and the four licence resources with their entitlements: rows that
/// do not come from a listing.
pub(super) fn fixed_rows() -> Update {
    let licenses = License::ALL;
    Update {
        rows: Batch {
            resource_types: kinds::resource_types(),
            resources: licenses.iter().map(|l| l.resource()).collect(),
            entitlements: licenses.iter().map(|l| l.entitlement()).collect(),
            ..Batch::default()
        },
        changes: vec![Change::Fixed],
        skipped: Skipped::default(),
    }
}

/// Lists the groups from `start` (nothing when `None`); returns the ids listed (none when
/// Zoom refused the listing for a missing scope).
pub(super) async fn groups(
    ctx: &ListingCtx<'_>,
    start: Option<StartAt>,
    tracked: &Tracked,
) -> Result<Vec<String>, SyncError> {
    let list = |start| tracked.note(ctx.client.groups().list(start));
    let listing = store_listing(
        ctx,
        "groups",
        ListingKey::Groups,
        start,
        list,
        |g: &Group, batch| {
            let resource = group::resource(g);
            batch.entitlements.extend(group::entitlements(&resource));
            batch.resources.push(resource);
            g.id.clone()
        },
    );
    tracked.run(ctx, listing).await
}

/// Lists the contact groups from `start` (nothing when `None`); returns the ids listed (none
/// when Zoom refused the listing for a missing scope).
pub(super) async fn contact_groups(
    ctx: &ListingCtx<'_>,
    start: Option<StartAt>,
    tracked: &Tracked,
) -> Result<Vec<String>, SyncError> {
    let list = |start| tracked.note(ctx.client.contact_groups().list(start));
    let key = ListingKey::ContactGroups;
    let listing = store_listing(
        ctx,
        "contact groups",
        key,
        start,
        list,
        |cg: &ContactGroup, batch| {
            let resource = contact_group::resource(cg);
            batch
                .entitlements
                .push(contact_group::entitlement(&resource));
            batch.resources.push(resource);
            cg.id.clone()
        },
    );
    tracked.run(ctx, listing).await
}
