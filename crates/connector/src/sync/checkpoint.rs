//! The checkpoint saved with every batch: how far each listing got, so a sync that stops
//! (killed, cancelled, failed) continues from there when run again on the same file.
//!
//! It is the run's sync token in the `.c1z` working file, written in the same transaction
//! as the rows it describes, so after any kill the token and the rows agree. Only the
//! recorder (the one task that writes batches) changes it, applying the [`Change`] each
//! producer sends along with its rows, in the order the rows are committed.
//!
//! Its size does not grow with the number of users: one page token per listing; for the
//! per-parent listings (group admins, contact-group members) a watermark (every id up to it
//! is done) plus the few parents in flight, rather than a list of every finished parent;
//! and the group admin rows listed before their user was (a few per admin person who has
//! not come up in the user listings yet).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use zoom_api::{StartAt, UserStatus};

use super::optional::OptionalListing;
use super::report::Skipped;

/// Version of the checkpoint format; a token of another version is not resumed.
const VERSION: u32 = 1;

/// How far one paged listing got.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Listing {
    /// No page stored yet.
    #[default]
    NotStarted,
    /// Pages stored up to the one before this `next_page_token`.
    At(String),
    /// Every page stored.
    Done,
}

impl Listing {
    /// Where a listing continues; `None` when it is done.
    pub(super) fn start(&self) -> Option<StartAt> {
        match self {
            Listing::NotStarted => Some(StartAt::Beginning),
            Listing::At(token) => Some(StartAt::Token(token.clone())),
            Listing::Done => None,
        }
    }

    fn after_page(next_page_token: Option<String>) -> Listing {
        next_page_token.map_or(Listing::Done, Listing::At)
    }
}

/// Progress of a listing run once per parent (the members of every contact group).
///
/// Parents are started in id order, so "every id up to `done_through`" describes most of
/// the finished ones; the few finished out of order wait in `done_beyond`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct FanOut {
    /// Every parent whose id is at most this one is done.
    pub done_through: Option<String>,
    /// Parents done beyond the watermark.
    pub done_beyond: BTreeSet<String>,
    /// Parents partly listed, with the token of their next page.
    pub in_flight: BTreeMap<String, String>,
    /// Every parent is done.
    pub finished: bool,
}

impl FanOut {
    /// Where the listing of `parent` continues; `None` when it is done.
    pub(super) fn start(&self, parent: &str) -> Option<StartAt> {
        let done = self.finished
            || self.done_through.as_deref().is_some_and(|w| parent <= w)
            || self.done_beyond.contains(parent);
        if done {
            return None;
        }
        Some(
            self.in_flight
                .get(parent)
                .map_or(StartAt::Beginning, |token| StartAt::Token(token.clone())),
        )
    }

    fn apply(
        &mut self,
        parent: String,
        next_page_token: Option<String>,
        done_through: Option<String>,
    ) {
        match next_page_token {
            Some(token) => {
                self.in_flight.insert(parent, token);
            }
            None => {
                self.in_flight.remove(&parent);
                self.done_beyond.insert(parent);
            }
        }
        if let Some(watermark) = done_through {
            self.done_beyond = self.done_beyond.split_off(&watermark);
            self.done_beyond.remove(&watermark);
            self.done_through = Some(watermark);
        }
    }
}

/// Which paged listing a [`Change::Listing`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ListingKey {
    /// `GET /users?status=…`.
    Users(UserStatus),
    /// `GET /groups`.
    Groups,
    /// `GET /roles`.
    Roles,
    /// `GET /contacts/groups`.
    ContactGroups,
}

/// Which per-parent listing a [`Change::Child`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FanOutKey {
    /// The admins of every group.
    Admins,
    /// The members of every contact group.
    ContactMembers,
}

/// A group admin row waiting for its user to be listed: `(group id, email)`.
pub(super) type PendingAdmin = (String, String);

/// What a batch of rows completes, applied to the checkpoint with the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Change {
    /// The resource types and the fixed licence resources are stored.
    Fixed,
    /// A page of a listing is stored; it continues at `next_page_token` (`None`: done).
    Listing {
        /// The listing.
        key: ListingKey,
        /// Token of the page after the stored one.
        next_page_token: Option<String>,
    },
    /// A page of one parent's listing is stored.
    Child {
        /// The per-parent listing.
        fan_out: FanOutKey,
        /// The parent (group or contact group).
        parent: String,
        /// Token of its next page (`None`: the parent is done).
        next_page_token: Option<String>,
        /// New watermark: every parent up to this id is done.
        done_through: Option<String>,
    },
    /// Every parent of a per-parent listing is done.
    FanOutFinished(FanOutKey),
    /// Admin rows listed whose user is not known yet; their grants are stored once it is.
    AdminsPending(Vec<PendingAdmin>),
    /// Pending admin rows whose grants are stored with this batch.
    AdminsResolved(Vec<PendingAdmin>),
    /// Every group admin grant is stored; rows still pending match no user.
    AdminsDone,
    /// Zoom refused an optional listing for these missing scopes: it is left out.
    Omitted(OptionalListing, Vec<String>),
}

/// Everything a resumed sync needs to know.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Checkpoint {
    version: u32,
    /// Resource types and licence resources are stored.
    pub fixed: bool,
    /// Users by status (`active`, `inactive`, `pending`).
    pub users: BTreeMap<String, Listing>,
    pub groups: Listing,
    pub roles: Listing,
    pub contact_groups: Listing,
    /// Progress of the group admin listings.
    pub admins: FanOut,
    /// Admin rows listed whose user has not been listed yet.
    pub pending_admins: BTreeSet<PendingAdmin>,
    /// Every admin grant is stored.
    pub admins_done: bool,
    /// Progress of the contact-group member listings.
    pub contact_members: FanOut,
    /// What was left out so far, for the report.
    pub skipped: Skipped,
    /// Optional listings Zoom refused, with the scopes to add (absent in checkpoints saved
    /// before listings could be left out).
    #[serde(default)]
    pub omitted: BTreeMap<OptionalListing, Vec<String>>,
}

/// A saved token that is not a checkpoint of this version.
#[derive(Debug, thiserror::Error)]
#[error("the unfinished sync's checkpoint is unreadable ({0})")]
pub(super) struct UnreadableCheckpoint(String);

impl Checkpoint {
    /// The checkpoint of a sync that has stored nothing.
    pub(super) fn new() -> Checkpoint {
        Checkpoint {
            version: VERSION,
            ..Checkpoint::default()
        }
    }

    /// Reads a saved token; an empty token is a run that stored nothing yet.
    pub(super) fn decode(token: &str) -> Result<Checkpoint, UnreadableCheckpoint> {
        if token.is_empty() {
            return Ok(Checkpoint::new());
        }
        let checkpoint: Checkpoint =
            serde_json::from_str(token).map_err(|e| UnreadableCheckpoint(e.to_string()))?;
        if checkpoint.version != VERSION {
            return Err(UnreadableCheckpoint(format!(
                "format version {} instead of {VERSION}",
                checkpoint.version
            )));
        }
        Ok(checkpoint)
    }

    /// The token to save.
    pub(super) fn encode(&self) -> String {
        serde_json::to_string(self).expect("a checkpoint holds only strings, maps and flags")
    }

    /// Whether any progress of a Zoom listing is recorded. The fixed rows alone (resource
    /// types, licences) come from no request and are not worth resuming.
    pub(super) fn has_zoom_progress(&self) -> bool {
        *self
            != Checkpoint {
                fixed: self.fixed,
                ..Checkpoint::new()
            }
    }

    /// How far the users listing of `status` got.
    pub(super) fn users(&self, status: UserStatus) -> Listing {
        self.users.get(status.as_str()).cloned().unwrap_or_default()
    }

    /// Records what a stored batch completed.
    pub(super) fn apply(&mut self, change: Change) {
        match change {
            Change::Fixed => self.fixed = true,
            Change::Listing {
                key,
                next_page_token,
            } => {
                let state = Listing::after_page(next_page_token);
                match key {
                    ListingKey::Users(status) => {
                        self.users.insert(status.as_str().to_owned(), state);
                    }
                    ListingKey::Groups => self.groups = state,
                    ListingKey::Roles => self.roles = state,
                    ListingKey::ContactGroups => self.contact_groups = state,
                }
            }
            Change::Child {
                fan_out,
                parent,
                next_page_token,
                done_through,
            } => self
                .fan_out(fan_out)
                .apply(parent, next_page_token, done_through),
            Change::FanOutFinished(fan_out) => {
                *self.fan_out(fan_out) = FanOut {
                    finished: true,
                    ..FanOut::default()
                };
            }
            Change::AdminsPending(rows) => self.pending_admins.extend(rows),
            Change::AdminsResolved(rows) => {
                for row in &rows {
                    self.pending_admins.remove(row);
                }
            }
            Change::AdminsDone => {
                self.admins_done = true;
                self.pending_admins.clear();
            }
            Change::Omitted(listing, scopes) => {
                self.omitted.insert(listing, scopes);
            }
        }
    }

    fn fan_out(&mut self, key: FanOutKey) -> &mut FanOut {
        match key {
            FanOutKey::Admins => &mut self.admins,
            FanOutKey::ContactMembers => &mut self.contact_members,
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    fn members(parent: &str, next: Option<&str>, through: Option<&str>) -> Change {
        Change::Child {
            fan_out: FanOutKey::ContactMembers,
            parent: parent.into(),
            next_page_token: next.map(Into::into),
            done_through: through.map(Into::into),
        }
    }

    #[test]
    fn listings_move_from_not_started_through_tokens_to_done() {
        let mut c = Checkpoint::new();
        assert_eq!(
            c.users(UserStatus::Active).start(),
            Some(StartAt::Beginning)
        );
        c.apply(Change::Listing {
            key: ListingKey::Users(UserStatus::Active),
            next_page_token: Some("t2".into()),
        });
        assert_eq!(
            c.users(UserStatus::Active).start(),
            Some(StartAt::Token("t2".into()))
        );
        c.apply(Change::Listing {
            key: ListingKey::Users(UserStatus::Active),
            next_page_token: None,
        });
        assert_eq!(c.users(UserStatus::Active).start(), None);
        assert_eq!(c.users(UserStatus::Pending), Listing::NotStarted);
        c.apply(Change::Listing {
            key: ListingKey::Groups,
            next_page_token: None,
        });
        assert_eq!(c.groups, Listing::Done);
    }

    #[test]
    fn fan_out_keeps_a_watermark_and_the_few_groups_beyond_it() {
        let mut c = Checkpoint::new();
        c.apply(members("a", Some("ta"), None));
        c.apply(members("c", None, None));
        c.apply(members("b", None, None));
        let f = &c.contact_members;
        assert_eq!(f.start("a"), Some(StartAt::Token("ta".into())));
        assert_eq!(f.start("b"), None);
        assert_eq!(f.start("c"), None);
        assert_eq!(f.start("d"), Some(StartAt::Beginning));
        c.apply(members("a", None, Some("c")));
        let f = &c.contact_members;
        assert_eq!(f.done_through.as_deref(), Some("c"));
        assert!(f.done_beyond.is_empty());
        assert!(f.in_flight.is_empty());
        assert_eq!(f.start("a"), None);
        assert_eq!(f.start("d"), Some(StartAt::Beginning));
        c.apply(Change::FanOutFinished(FanOutKey::ContactMembers));
        assert_eq!(c.contact_members.start("z"), None);
    }

    #[test]
    fn pending_admins_come_and_go_and_are_dropped_when_admins_are_done() {
        let mut c = Checkpoint::new();
        let row = |g: &str| (g.to_owned(), "a@x.y".to_owned());
        c.apply(Change::AdminsPending(vec![row("g1"), row("g2")]));
        c.apply(Change::AdminsResolved(vec![row("g1")]));
        assert_eq!(c.pending_admins, [row("g2")].into());
        c.apply(Change::AdminsDone);
        assert!(c.admins_done && c.pending_admins.is_empty());
    }

    #[test]
    fn zoom_progress_is_any_listing_page_but_not_the_fixed_rows() {
        let mut c = Checkpoint::new();
        assert!(!c.has_zoom_progress());
        c.apply(Change::Fixed);
        assert!(!c.has_zoom_progress());
        c.apply(Change::Listing {
            key: ListingKey::Roles,
            next_page_token: None,
        });
        assert!(c.has_zoom_progress());
        let mut pending = Checkpoint::new();
        pending.apply(Change::AdminsPending(vec![("g1".into(), "a@x.y".into())]));
        assert!(pending.has_zoom_progress());
    }

    #[test]
    fn round_trips_and_refuses_other_versions() {
        let mut c = Checkpoint::new();
        c.apply(Change::Fixed);
        c.apply(members("a", Some("ta"), None));
        c.skipped
            .dangling_contact_group_members
            .insert(("dir.1".into(), "g9".into()));
        c.skipped.unknown_user_types.insert(("u1".into(), 3));
        c.apply(Change::AdminsPending(vec![("g1".into(), "a@x.y".into())]));
        c.apply(Change::Omitted(
            OptionalListing::ContactGroupMembers,
            vec!["contact_group:read:list_members:admin".into()],
        ));
        assert_eq!(Checkpoint::decode(&c.encode()).expect("round trip"), c);
        // A checkpoint saved before omissions existed still reads.
        let mut older: serde_json::Value = serde_json::from_str(&c.encode()).expect("JSON");
        older.as_object_mut().expect("an object").remove("omitted");
        let older = Checkpoint::decode(&older.to_string()).expect("reads");
        assert!(older.omitted.is_empty());
        assert_eq!(Checkpoint::decode("").expect("empty"), Checkpoint::new());
        assert!(Checkpoint::decode("{\"version\":0}").is_err());
        assert!(Checkpoint::decode("not json").is_err());
    }
}
