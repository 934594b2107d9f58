//! Group admins to user ids. Zoom lists a group's admins by email and name only, so each
//! admin row is joined with the user listings on the email: a row whose user was listed
//! already becomes a grant at once; otherwise it waits (in memory and in the checkpoint)
//! until that user comes up, and its grant is stored with that user's page. Rows still
//! waiting when every listing is done match no active or inactive user: they are reported,
//! never stored as grants to an empty or made-up principal.
//!
//! The join needs every active and inactive user's email: about 100 bytes per user, 10 MB
//! for 100,000 users, held only while admin grants remain to be stored.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, MutexGuard, PoisonError};

use zoom_api::GroupAdmin;

use super::checkpoint::{Change, PendingAdmin};
use super::recorder::Update;
use super::report::Skipped;

/// The two sides of the join: users seen so far, and admin rows waiting for theirs.
#[derive(Debug, Default)]
pub(super) struct AdminJoin(Mutex<Join>);

#[derive(Debug, Default)]
struct Join {
    /// Lower-cased email → user id (Zoom compares emails without case).
    users: HashMap<String, String>,
    /// Lower-cased email → the admin rows waiting for that user.
    pending: HashMap<String, BTreeSet<PendingAdmin>>,
}

impl AdminJoin {
    /// A join that starts with the rows a previous run left waiting.
    pub(super) fn new(pending: &BTreeSet<PendingAdmin>) -> AdminJoin {
        let mut join = Join::default();
        for row in pending {
            join.pending
                .entry(row.1.to_lowercase())
                .or_default()
                .insert(row.clone());
        }
        AdminJoin(Mutex::new(join))
    }

    /// A user was listed: remembers the email and returns the waiting admin rows it
    /// resolves (their grants go to `user_id`).
    pub(super) fn user_listed(&self, email: &str, user_id: &str) -> BTreeSet<PendingAdmin> {
        let key = email.to_lowercase();
        let mut join = self.lock();
        let resolved = join.pending.remove(&key).unwrap_or_default();
        join.users.insert(key, user_id.to_owned());
        resolved
    }

    /// An admin row of `group_id` was listed: the id of its user if known, else `None`
    /// and the row waits.
    pub(super) fn admin_listed(&self, group_id: &str, admin: &GroupAdmin) -> Option<String> {
        let key = admin.email.to_lowercase();
        let mut join = self.lock();
        // Zoom documents no id on admin rows; the email decides, an id sent anyway is the
        // fallback.
        if let Some(user_id) = join.users.get(&key).cloned().or_else(|| admin.id.clone()) {
            return Some(user_id);
        }
        join.pending
            .entry(key)
            .or_default()
            .insert((group_id.to_owned(), admin.email.clone()));
        None
    }

    /// The update that ends the admin mapping once every listing is done: rows still
    /// waiting match no active or inactive user.
    pub(super) fn finish(&self) -> Update {
        let mut skipped = Skipped::default();
        for rows in std::mem::take(&mut self.lock().pending).into_values() {
            for (group_id, email) in rows {
                tracing::warn!(group = %group_id, %email, "group admin matches no active or inactive user: no grant");
                skipped.unknown_admin_emails.insert((group_id, email));
            }
        }
        Update {
            changes: vec![Change::AdminsDone],
            skipped,
            ..Update::default()
        }
    }

    fn lock(&self) -> MutexGuard<'_, Join> {
        // Each update of the join completes under the lock; a panic elsewhere cannot leave
        // it half-changed.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admin(email: &str) -> GroupAdmin {
        GroupAdmin {
            email: email.into(),
            name: None,
            id: None,
        }
    }

    fn row(group: &str, email: &str) -> PendingAdmin {
        (group.into(), email.into())
    }

    #[test]
    fn rows_resolve_whichever_side_comes_first() {
        let join = AdminJoin::default();
        assert!(join.user_listed("Ada@Example.com", "u1").is_empty());
        assert_eq!(
            join.admin_listed("g1", &admin("ada@example.com"))
                .as_deref(),
            Some("u1")
        );
        assert_eq!(join.admin_listed("g2", &admin("bo@example.com")), None);
        assert_eq!(join.admin_listed("g3", &admin("BO@example.com")), None);
        assert_eq!(
            join.user_listed("bo@example.com", "u2"),
            [row("g2", "bo@example.com"), row("g3", "BO@example.com")].into()
        );
        let end = join.finish();
        assert_eq!(end.changes, [Change::AdminsDone]);
        assert!(end.skipped.is_empty());
    }

    #[test]
    fn rows_left_from_a_previous_run_resolve_and_unmatched_rows_are_reported() {
        let join = AdminJoin::new(&[row("g1", "ada@example.com"), row("g2", "x@y.z")].into());
        assert_eq!(
            join.user_listed("ada@example.com", "u1"),
            [row("g1", "ada@example.com")].into()
        );
        let end = join.finish();
        assert_eq!(
            end.skipped.unknown_admin_emails,
            [row("g2", "x@y.z")].into()
        );
    }

    #[test]
    fn an_id_on_the_admin_row_is_the_fallback() {
        let join = AdminJoin::default();
        let with_id = GroupAdmin {
            id: Some("u9".into()),
            ..admin("new@example.com")
        };
        assert_eq!(join.admin_listed("g1", &with_id).as_deref(), Some("u9"));
    }
}
