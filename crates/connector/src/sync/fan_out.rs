//! The listings made once per parent: the admins of every group and the members of every
//! contact group, a bounded number at a time so the rate budget stays busy while each
//! listing waits for its answers.
//!
//! Group admins come with email and name only. Their rows are kept (a few per group) until
//! the user listings are done, then mapped to user ids through the [`Directory`] and stored
//! in one batch; an email that matches no active or inactive user is reported, not stored.

use std::collections::{BTreeSet, HashSet};
use std::future::Future;
use std::sync::{Mutex, PoisonError};

use c1z::Batch;
use futures::{StreamExt, TryStreamExt};
use zoom_api::{ContactGroupMember, ContactMemberType, GroupAdmin, StartAt};

use super::checkpoint::{Change, FanOut};
use super::error::SyncError;
use super::gate::{self, Gate};
use super::listing::{PageHandling, Pager, Producers, store_pages};
use super::recorder::Update;
use super::report::Skipped;
use super::users::Directory;
use crate::kinds::{contact_group, group};

/// Progress stream of the group admin listing.
const ADMINS: &str = "group admins";
/// Progress stream of the contact-group member listing.
const MEMBERS: &str = "contact group members";

/// Runs `work` once per parent, starting them in the order given, as many at a time as the
/// [`Gate`] may let through; reports one progress unit per finished parent.
async fn per_parent<P, T, F, Fut>(
    producers: &Producers<'_>,
    stream: &str,
    parents: Vec<P>,
    work: F,
) -> Result<Vec<T>, SyncError>
where
    F: Fn(P) -> Fut,
    Fut: Future<Output = Result<T, SyncError>>,
{
    let total = parents.len() as u64;
    producers.progress.stream_started(stream, Some(total));
    let results = futures::stream::iter(parents)
        .map(work)
        .buffer_unordered(gate::MAX)
        .inspect_ok(|_| producers.progress.page_done(stream, 1, Some(total)))
        .try_collect()
        .await?;
    producers.progress.stream_finished(stream);
    Ok(results)
}

/// An admin row of one group.
pub(super) struct AdminRow {
    group_id: String,
    admin: GroupAdmin,
}

/// Lists the admins of every group in `group_ids`, through `gate`.
pub(super) async fn list_admins(
    producers: &Producers<'_>,
    gate: &Gate,
    group_ids: &[String],
) -> Result<Vec<AdminRow>, SyncError> {
    let per_group = per_parent(
        producers,
        ADMINS,
        group_ids.to_vec(),
        |group_id| async move {
            let mut pages = Pager::new(
                producers
                    .client
                    .groups()
                    .admins(&group_id, StartAt::Beginning),
            );
            let mut rows = Vec::new();
            while let Some(page) = pages.next(Some(gate)).await? {
                rows.extend(page.items.into_iter().map(|admin| AdminRow {
                    group_id: group_id.clone(),
                    admin,
                }));
            }
            Ok(rows)
        },
    )
    .await?;
    Ok(per_group.into_iter().flatten().collect())
}

/// The admin grants of `rows`, mapped to users through `directory`, as the update that
/// completes the admins.
pub(super) fn admin_grants(rows: Vec<AdminRow>, directory: &Directory) -> Update {
    let mut batch = Batch::default();
    let mut skipped = Skipped::default();
    let mut seen = HashSet::new();
    for AdminRow { group_id, admin } in rows {
        // Zoom documents no id on admin rows; one sent anyway is the fallback.
        match directory.user_id(&admin.email).or(admin.id) {
            Some(user_id) => {
                if seen.insert((group_id.clone(), user_id.clone())) {
                    batch.grants.push(group::admin_grant(&group_id, &user_id));
                }
            }
            None => {
                tracing::warn!(group = %group_id, email = %admin.email, "group admin matches no active or inactive user: no grant");
                skipped.unknown_admin_emails.insert((group_id, admin.email));
            }
        }
    }
    Update {
        rows: batch,
        change: Some(Change::AdminsDone),
        skipped,
    }
}

/// Which contact groups have their member listings stored, in start order, so each
/// finished group can say how far the unbroken run of finished groups reaches.
///
/// A group counts as stored only once its last update was handed to the recorder; the
/// watermark a group reports therefore never covers a group whose rows could still be
/// queued behind it.
struct Watermark {
    ids: Vec<String>,
    stored: Vec<bool>,
    /// Every group before this index is stored.
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

    /// The watermark to send with the last page of group `index`: the last id of the
    /// unbroken run of stored groups from the start, counting `index` as stored.
    fn through(&self, index: usize) -> Option<String> {
        let end = (self.next..self.ids.len())
            .find(|&i| i != index && !self.stored[i])
            .unwrap_or(self.ids.len());
        end.checked_sub(1).map(|last| self.ids[last].clone())
    }

    /// Group `index` has handed its last update to the recorder.
    fn mark_stored(&mut self, index: usize) {
        self.stored[index] = true;
        while self.next < self.ids.len() && self.stored[self.next] {
            self.next += 1;
        }
    }
}

/// Lists the members of the contact groups `ids` that `state` does not have as done
/// (continuing those in flight), through `gate`, granting user members and members that
/// are existing groups; then marks the member listings finished.
pub(super) async fn list_contact_members(
    producers: &Producers<'_>,
    gate: &Gate,
    mut ids: Vec<String>,
    state: &FanOut,
    groups: &BTreeSet<String>,
) -> Result<(), SyncError> {
    ids.sort();
    ids.dedup();
    let todo: Vec<(usize, String, StartAt)> = ids
        .into_iter()
        .filter_map(|id| state.start(&id).map(|start| (id, start)))
        .enumerate()
        .map(|(index, (id, start))| (index, id, start))
        .collect();
    let watermark = Mutex::new(Watermark::new(
        todo.iter().map(|(_, id, _)| id.clone()).collect(),
    ));
    let lock = || watermark.lock().unwrap_or_else(PoisonError::into_inner);
    per_parent(producers, MEMBERS, todo, |(index, id, start)| {
        let pages = producers.client.contact_groups().members(&id, start);
        let parent = id.clone();
        let handling = PageHandling {
            stream: None,
            rows_of: move |members: Vec<ContactGroupMember>| member_rows(&id, members, groups),
            change_of: move |next_page_token: Option<String>| Change::ContactMembers {
                done_through: next_page_token
                    .is_none()
                    .then(|| lock().through(index))
                    .flatten(),
                parent: parent.clone(),
                next_page_token,
            },
            gate: Some(gate),
        };
        async move {
            store_pages(producers, pages, handling).await?;
            lock().mark_stored(index);
            Ok(())
        }
    })
    .await?;
    producers
        .updates
        .send(Update {
            change: Some(Change::ContactMembersFinished),
            ..Update::default()
        })
        .await
}

/// The grants of a page of members of contact group `contact_group_id`.
fn member_rows(
    contact_group_id: &str,
    members: Vec<ContactGroupMember>,
    groups: &BTreeSet<String>,
) -> (Batch, Skipped) {
    let mut batch = Batch::default();
    let mut skipped = Skipped::default();
    for member in members {
        match member.member_type {
            ContactMemberType::User => batch.grants.push(contact_group::user_member_grant(
                contact_group_id,
                &member.id,
            )),
            ContactMemberType::Group if groups.contains(&member.id) => batch.grants.push(
                contact_group::group_member_grant(contact_group_id, &member.id),
            ),
            ContactMemberType::Group => {
                tracing::warn!(contact_group = %contact_group_id, group = %member.id, "contact-group member names a group that does not exist: no grant");
                skipped
                    .dangling_contact_group_members
                    .insert((contact_group_id.to_owned(), member.id));
            }
            ContactMemberType::Other(member_type) => {
                tracing::warn!(contact_group = %contact_group_id, member = %member.id, member_type, "contact-group member of unknown type: no grant");
                *skipped.unknown_member_types.entry(member_type).or_default() += 1;
            }
        }
    }
    (batch, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watermark() -> Watermark {
        Watermark::new(["a", "b", "c", "d"].map(String::from).to_vec())
    }

    #[test]
    fn watermark_covers_only_the_unbroken_run_of_stored_groups() {
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
        let (batch, skipped) = member_rows("dir.1", members, &groups);
        let grants: Vec<&str> = batch.grants.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(
            grants,
            [
                "contactGroup:dir.1:member:user:u1",
                "contactGroup:dir.1:member:group:g1"
            ]
        );
        assert_eq!(
            skipped.dangling_contact_group_members,
            BTreeSet::from([("dir.1".to_owned(), "gone".to_owned())])
        );
        assert_eq!(skipped.unknown_member_types[&7], 1);
    }

    #[test]
    fn admins_map_to_users_by_email_and_unknown_emails_are_reported() {
        let directory = Directory::default();
        directory.insert("ada@example.com", "u1");
        let row = |group: &str, email: &str| AdminRow {
            group_id: group.into(),
            admin: GroupAdmin {
                email: email.into(),
                name: None,
                id: None,
            },
        };
        let update = admin_grants(
            vec![
                row("g1", "Ada@example.com"),
                row("g2", "ada@example.com"),
                row("g2", "ada@example.com"),
                row("g1", "ghost@example.com"),
            ],
            &directory,
        );
        let grants: Vec<&str> = update.rows.grants.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(grants, ["group:g1:admin:user:u1", "group:g2:admin:user:u1"]);
        assert_eq!(update.change, Some(Change::AdminsDone));
        assert_eq!(
            update.skipped.unknown_admin_emails,
            BTreeSet::from([("g1".to_owned(), "ghost@example.com".to_owned())])
        );
    }
}
