//! What a sync reports when it is done: counts, what was left out and why, API use, time.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::optional::OptionalListing;

/// Rows Zoom listed that the sync did not turn into grants, because they point at nothing
/// that exists in the account. Logged as they are met and kept in the checkpoint, so a
/// resumed sync reports them too; kept as sets, so a row listed twice (after a resume or a
/// restarted listing) counts once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// Contact-group members of type "group" whose group does not exist (Zoom keeps
    /// listing groups deleted after they were added): `(contact group id, group id)`.
    pub dangling_contact_group_members: BTreeSet<(String, String)>,
    /// Group admins whose email belongs to no active or inactive user: `(group id, email)`.
    pub unknown_admin_emails: BTreeSet<(String, String)>,
    /// Users whose licence `type` is none of Zoom's 1, 2, 4, 99 (no licence grant is
    /// emitted for them): `(user id, type)`.
    pub unknown_user_types: BTreeSet<(String, i64)>,
    /// Contact-group members whose `type` is neither 1 (user) nor 2 (group):
    /// `(contact group id, member id, type)`.
    pub unknown_member_types: BTreeSet<(String, String, i64)>,
}

impl Skipped {
    /// True when nothing was left out.
    pub fn is_empty(&self) -> bool {
        self.dangling_contact_group_members.is_empty()
            && self.unknown_admin_emails.is_empty()
            && self.unknown_user_types.is_empty()
            && self.unknown_member_types.is_empty()
    }

    /// One line per kind of omission, for a summary.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.dangling_contact_group_members.is_empty() {
            lines.push(format!(
                "{} contact-group member(s) naming a group that no longer exists",
                self.dangling_contact_group_members.len()
            ));
        }
        if !self.unknown_admin_emails.is_empty() {
            lines.push(format!(
                "{} group admin(s) whose email matches no active or inactive user",
                self.unknown_admin_emails.len()
            ));
        }
        let types = |kind: &str, types: Vec<i64>| {
            let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
            for t in types {
                *counts.entry(t).or_default() += 1;
            }
            counts
                .into_iter()
                .map(|(t, count)| format!("{count} {kind} {t}"))
                .collect::<Vec<_>>()
        };
        lines.extend(types(
            "user(s) of unknown licence type",
            self.unknown_user_types.iter().map(|(_, t)| *t).collect(),
        ));
        lines.extend(types(
            "contact-group member(s) of unknown type",
            self.unknown_member_types
                .iter()
                .map(|(_, _, t)| *t)
                .collect(),
        ));
        lines
    }

    /// Adds what another part of the sync left out.
    pub(super) fn merge(&mut self, other: Skipped) {
        self.dangling_contact_group_members
            .extend(other.dangling_contact_group_members);
        self.unknown_admin_emails.extend(other.unknown_admin_emails);
        self.unknown_user_types.extend(other.unknown_user_types);
        self.unknown_member_types.extend(other.unknown_member_types);
    }
}

/// The outcome of a finished sync.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncReport {
    /// Id of the sync run in the `.c1z`.
    pub sync_id: String,
    /// True when this run continued an interrupted one.
    pub resumed: bool,
    /// Resources stored per resource type id, read back from the published file (so a
    /// resumed run counts what the run as a whole stored).
    pub resources: BTreeMap<String, u64>,
    /// Entitlements stored.
    pub entitlements: u64,
    /// Grants stored.
    pub grants: u64,
    /// What Zoom listed that pointed at nothing and was left out.
    pub skipped: Skipped,
    /// Optional listings Zoom refused for a missing scope, with the scopes to add: the file
    /// lacks exactly what each would have given (see [`OptionalListing::left_out`]).
    pub omitted: BTreeMap<OptionalListing, Vec<String>>,
    /// The client's counters at the end of the run (calls per category, retries, 429s,
    /// tokens); a fresh client per sync makes them this sync's figures.
    pub api: zoom_api::StatsSnapshot,
    /// Wall time of this run.
    pub elapsed: Duration,
    /// Size of the published `.c1z`.
    pub file_size: u64,
    /// How the client paced each rate-limit category at the end of the run: with auto
    /// pacing, the limits it learned.
    pub pacing: Vec<zoom_api::CategoryPacing>,
}

impl SyncReport {
    /// One line per optional listing left out: "not synced: contact-group members — add
    /// contact_group:read:list_members:admin".
    pub fn not_synced_lines(&self) -> Vec<String> {
        self.omitted
            .iter()
            .map(|(listing, scopes)| listing.not_synced_line(scopes))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_name_each_kind_of_omission_and_repeats_count_once() {
        let mut skipped = Skipped::default();
        assert!(skipped.is_empty());
        assert!(skipped.lines().is_empty());
        let mut other = Skipped::default();
        other
            .dangling_contact_group_members
            .insert(("dir.1".into(), "g9".into()));
        other.unknown_user_types.insert(("u1".into(), 3));
        other.unknown_user_types.insert(("u2".into(), 3));
        skipped.merge(other.clone());
        skipped.merge(other);
        assert_eq!(skipped.dangling_contact_group_members.len(), 1);
        assert_eq!(
            skipped.lines(),
            [
                "1 contact-group member(s) naming a group that no longer exists",
                "2 user(s) of unknown licence type 3"
            ]
        );
    }
}
