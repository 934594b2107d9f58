//! The listings made once per parent: the admins of every group and the members of every
//! contact group. Parents are started in id order, up to [`PARENTS_IN_FLIGHT`] at a time,
//! and each page is stored as it comes with the parent's progress, so a resumed run skips
//! the parents that are done and continues those in flight.
//!
//! Their requests go through a [yielding](zoom_api::Client::yielding) client, so the chains
//! of user pages keep their rate-budget slots (why: zoom-api's `budget.rs`).

use std::collections::BTreeSet;
use std::future::Future;
use std::sync::{Mutex, PoisonError};

use futures::{StreamExt, TryStreamExt};
use zoom_api::{ContactGroupMember, ContactMemberType, GroupAdmin, PageStream, StartAt};

use super::admins::AdminJoin;
use super::checkpoint::{Change, FanOut, FanOutKey};
use super::error::SyncError;
use super::listing::{ListingCtx, PageHandling, store_pages};
use super::optional::Tracked;
use super::recorder::Update;
use crate::kinds::{contact_group, group};

/// Parents listed at a time (per kind of parent). Most wait in the rate budget; this many
/// keep it busy even when Zoom takes a second per answer at Business rates (60 a second).
const PARENTS_IN_FLIGHT: usize = 64;

/// One per-parent listing.
struct Children<'a, L, R> {
    key: FanOutKey,
    /// Progress stream name.
    stream: &'a str,
    /// The listing of one parent from a start.
    list: L,
    /// The update of a page of one parent's rows.
    rows_of: R,
}

/// Lists and stores the children of every parent in `parents` that `state` does not have
/// as done, then marks the listing finished.
async fn store_children<T, L, R>(
    ctx: &ListingCtx<'_>,
    mut parents: Vec<String>,
    state: &FanOut,
    children: Children<'_, L, R>,
) -> Result<(), SyncError>
where
    L: Fn(&str, StartAt) -> PageStream<T>,
    R: Fn(&str, Vec<T>) -> Update,
{
    parents.sort();
    parents.dedup();
    let todo: Vec<(usize, String, StartAt)> = parents
        .into_iter()
        .filter_map(|id| state.start(&id).map(|start| (id, start)))
        .enumerate()
        .map(|(index, (id, start))| (index, id, start))
        .collect();
    let watermark = Mutex::new(Watermark::new(
        todo.iter().map(|(_, id, _)| id.clone()).collect(),
    ));
    let lock = || watermark.lock().unwrap_or_else(PoisonError::into_inner);
    let Children {
        key,
        stream,
        list,
        rows_of,
    } = children;
    let (list, rows_of) = (&list, &rows_of);
    per_parent(ctx, stream, todo, |(index, id, start)| {
        let pages = list(&id, start);
        let (rows_parent, change_parent) = (id.clone(), id.clone());
        let handling = PageHandling {
            stream: None,
            rows_of: move |items: Vec<T>| rows_of(&rows_parent, items),
            change_of: move |next_page_token: Option<String>| Change::Child {
                fan_out: key,
                done_through: next_page_token
                    .is_none()
                    .then(|| lock().through(index))
                    .flatten(),
                parent: change_parent.clone(),
                next_page_token,
            },
        };
        async move {
            match store_pages(ctx, pages, handling).await {
                // Deleted since it was listed: it has nothing left to store.
                Err(SyncError::Zoom(zoom_api::Error::NotFound { message, .. })) => {
                    tracing::warn!(parent = %id, %message, "gone since it was listed: nothing stored for it");
                }
                other => other?,
            }
            lock().mark_stored(index);
            Ok(())
        }
    })
    .await?;
    ctx.updates
        .send(Update {
            changes: vec![Change::FanOutFinished(key)],
            ..Update::default()
        })
        .await
}

/// Runs `work` once per parent, starting them in the order given, [`PARENTS_IN_FLIGHT`] at a
/// time; reports one progress unit per finished parent.
async fn per_parent<P, F, Fut>(
    ctx: &ListingCtx<'_>,
    stream: &str,
    parents: Vec<P>,
    work: F,
) -> Result<(), SyncError>
where
    F: Fn(P) -> Fut,
    Fut: Future<Output = Result<(), SyncError>>,
{
    let total = parents.len() as u64;
    ctx.progress.stream_started(stream, Some(total));
    futures::stream::iter(parents)
        .map(work)
        .buffer_unordered(PARENTS_IN_FLIGHT)
        .try_for_each(|()| {
            ctx.progress.page_done(stream, 1, Some(total));
            futures::future::ready(Ok(()))
        })
        .await?;
    ctx.progress.stream_finished(stream);
    Ok(())
}

/// Which parents have their listings stored, in start order, so each finished parent can
/// say how far the unbroken run of finished parents reaches.
///
/// A parent counts as stored only once its last update was handed to the recorder; the
/// watermark a parent reports therefore never covers a parent whose rows could still be
/// queued behind it.
struct Watermark {
    ids: Vec<String>,
    stored: Vec<bool>,
    /// Every parent before this index is stored.
    next: usize,
}

impl Watermark {
    fn new(ids: Vec<String>) -> Watermark {
        Watermark {
            stored: vec![false; ids.len()],
            ids,
            next: 0,
        }
    }

    /// The watermark to send with the last page of parent `index`: the last id of the
    /// unbroken run of stored parents from the start, counting `index` as stored.
    fn through(&self, index: usize) -> Option<String> {
        let end = (self.next..self.ids.len())
            .find(|&i| i != index && !self.stored[i])
            .unwrap_or(self.ids.len());
        end.checked_sub(1).map(|last| self.ids[last].clone())
    }

    /// Parent `index` has handed its last update to the recorder.
    fn mark_stored(&mut self, index: usize) {
        self.stored[index] = true;
        while self.next < self.ids.len() && self.stored[self.next] {
            self.next += 1;
        }
    }
}

/// Lists the admins of the groups `group_ids` (those `state` has not done), storing the
/// grants of admins whose user `join` knows and leaving the others waiting in it.
pub(super) async fn list_admins(
    ctx: &ListingCtx<'_>,
    group_ids: Vec<String>,
    state: &FanOut,
    join: &AdminJoin,
    tracked: &Tracked,
) -> Result<(), SyncError> {
    let client = ctx.client.yielding();
    let children = Children {
        key: FanOutKey::Admins,
        stream: "group admins",
        list: |group_id: &str, start| tracked.note(client.groups().admins(group_id, start)),
        rows_of: |group_id: &str, admins: Vec<GroupAdmin>| admin_rows(group_id, admins, join),
    };
    let listing = store_children(ctx, group_ids, state, children);
    tracked.run(ctx, listing).await
}

/// Lists the members of the contact groups `ids` (those `state` has not done), granting
/// user members and members that are existing `groups` (`None`: the groups were left out,
/// and with them every member that is a group).
pub(super) async fn list_contact_members(
    ctx: &ListingCtx<'_>,
    ids: Vec<String>,
    state: &FanOut,
    groups: Option<&BTreeSet<String>>,
    tracked: &Tracked,
) -> Result<(), SyncError> {
    let client = ctx.client.yielding();
    let children = Children {
        key: FanOutKey::ContactMembers,
        stream: "contact group members",
        list: |id: &str, start| tracked.note(client.contact_groups().members(id, start)),
        rows_of: |id: &str, members: Vec<ContactGroupMember>| member_rows(id, members, groups),
    };
    let listing = store_children(ctx, ids, state, children);
    tracked.run(ctx, listing).await
}

/// The update of a page of admins of group `group_id`: grants for admins whose user is
/// known, the others left waiting.
fn admin_rows(group_id: &str, admins: Vec<GroupAdmin>, join: &AdminJoin) -> Update {
    let mut update = Update::default();
    let mut pending = Vec::new();
    for admin in admins {
        match join.admin_listed(group_id, &admin) {
            Some(user_id) => update
                .rows
                .grants
                .push(group::admin_grant(group_id, &user_id)),
            None => pending.push((group_id.to_owned(), admin.email)),
        }
    }
    if !pending.is_empty() {
        update.changes.push(Change::AdminsPending(pending));
    }
    update
}

/// The update of a page of members of contact group `contact_group_id`.
fn member_rows(
    contact_group_id: &str,
    members: Vec<ContactGroupMember>,
    groups: Option<&BTreeSet<String>>,
) -> Update {
    let mut update = Update::default();
    let (grants, skipped) = (&mut update.rows.grants, &mut update.skipped);
    for member in members {
        match member.member_type {
            ContactMemberType::User => grants.push(contact_group::user_member_grant(
                contact_group_id,
                &member.id,
            )),
            // The groups were left out, and with them every grant to a group.
            ContactMemberType::Group if groups.is_none() => {}
            ContactMemberType::Group if groups.is_some_and(|g| g.contains(&member.id)) => grants
                .push(contact_group::group_member_grant(
                    contact_group_id,
                    &member.id,
                )),
            ContactMemberType::Group => {
                tracing::warn!(contact_group = %contact_group_id, group = %member.id, "contact-group member names a group that does not exist: no grant");
                skipped
                    .dangling_contact_group_members
                    .insert((contact_group_id.to_owned(), member.id));
            }
            ContactMemberType::Other(member_type) => {
                tracing::warn!(contact_group = %contact_group_id, member = %member.id, member_type, "contact-group member of unknown type: no grant");
                skipped.unknown_member_types.insert((
                    contact_group_id.to_owned(),
                    member.id,
                    member_type,
                ));
            }
        }
    }
    update
}

#[cfg(test)]
mod tests {
    use zoom_sim::{Preset, RateLimitMode, SimConfig, Simulator};

    use super::*;
    use crate::sync::optional::{Availability, OptionalListing};
    use crate::sync::progress::NoProgress;
    use crate::sync::recorder;

    fn watermark() -> Watermark {
        Watermark::new(["a", "b", "c", "d"].map(String::from).to_vec())
    }

    #[test]
    fn watermark_covers_only_the_unbroken_run_of_stored_parents() {
        let mut w = watermark();
        assert_eq!(w.through(1), None);
        assert_eq!(w.through(0).as_deref(), Some("a"));
        w.mark_stored(1);
        assert_eq!(w.through(0).as_deref(), Some("b"));
        w.mark_stored(0);
        assert_eq!(w.through(3).as_deref(), Some("b"));
        assert_eq!(w.through(2).as_deref(), Some("c"));
        w.mark_stored(3);
        assert_eq!(w.through(2).as_deref(), Some("d"));
    }

    #[test]
    fn members_that_are_users_or_existing_groups_are_granted_the_rest_reported() {
        let members: Vec<ContactGroupMember> = serde_json::from_str(
            r#"[{"type":1,"id":"u1"},{"type":2,"id":"g1"},{"type":2,"id":"gone"},{"type":7,"id":"x"}]"#,
        )
        .expect("valid rows");
        let groups = BTreeSet::from(["g1".to_owned()]);
        let update = member_rows("dir.1", members.clone(), Some(&groups));
        let grants: Vec<&str> = update.rows.grants.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(
            grants,
            [
                "contactGroup:dir.1:member:user:u1",
                "contactGroup:dir.1:member:group:g1"
            ]
        );
        assert_eq!(
            update.skipped.dangling_contact_group_members,
            BTreeSet::from([("dir.1".to_owned(), "gone".to_owned())])
        );
        assert_eq!(
            update.skipped.unknown_member_types,
            BTreeSet::from([("dir.1".to_owned(), "x".to_owned(), 7)])
        );
        // Without the groups, members that are groups are left out with them, unreported.
        let update = member_rows("dir.1", members, None);
        let grants: Vec<&str> = update.rows.grants.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(grants, ["contactGroup:dir.1:member:user:u1"]);
        assert!(update.skipped.dangling_contact_group_members.is_empty());
    }

    #[test]
    fn admins_of_known_users_are_granted_the_others_wait() {
        let join = AdminJoin::default();
        join.user_listed("ada@example.com", "u1");
        let admin = |email: &str| GroupAdmin {
            email: email.into(),
            name: None,
            id: None,
        };
        let update = admin_rows(
            "g1",
            vec![admin("Ada@example.com"), admin("bo@example.com")],
            &join,
        );
        let grants: Vec<&str> = update.rows.grants.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(grants, ["group:g1:admin:user:u1"]);
        assert_eq!(
            update.changes,
            [Change::AdminsPending(vec![(
                "g1".to_owned(),
                "bo@example.com".to_owned()
            )])]
        );
    }

    #[tokio::test]
    async fn a_parent_deleted_since_it_was_listed_is_skipped() {
        let sim =
            Simulator::start(SimConfig::preset(Preset::Small).rate_limits(RateLimitMode::Off))
                .await
                .expect("the simulator starts");
        let client = sim_client::client(&sim).expect("the simulator's URLs make a valid client");
        let truth = sim.ground_truth();
        let group = truth
            .groups
            .iter()
            .find(|g| !g.admin_ids.is_empty())
            .expect("small accounts have groups with admins");
        let join = AdminJoin::default();
        for user in &truth.users {
            join.user_listed(&user.email, &user.id);
        }
        let (updates, mut receiver) = recorder::channel();
        let ctx = ListingCtx {
            client: &client,
            progress: &NoProgress,
            updates,
        };
        let ids = vec![group.id.clone(), "deleted-group".to_owned()];
        let tracked = Tracked::new(OptionalListing::GroupAdmins, Availability::Unknown, false);
        list_admins(&ctx, ids, &FanOut::default(), &join, &tracked)
            .await
            .expect("a deleted group does not fail the listing");
        drop(ctx);
        let mut grants = BTreeSet::new();
        let mut finished = false;
        while let Some(update) = receiver.recv().await {
            grants.extend(update.rows.grants.into_iter().map(|g| g.id));
            finished |= update
                .changes
                .contains(&Change::FanOutFinished(FanOutKey::Admins));
        }
        let expected: BTreeSet<String> = group
            .admin_ids
            .iter()
            .map(|user| format!("group:{}:admin:user:{user}", group.id))
            .collect();
        assert_eq!(grants, expected);
        assert!(finished);
    }
}
