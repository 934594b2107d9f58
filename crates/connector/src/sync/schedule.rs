//! What a run lists, decided from the checkpoint, and in which order.
//!
//! Dependencies between the listings:
//! - the user listings need nothing and run from the start (three chains of pages);
//! - groups, roles and contact groups are listed alongside them;
//! - group admins need the group ids, contact-group members need the group ids (to drop
//!   members naming deleted groups) and the contact-group ids;
//! - admin grants need the email → user id join of admin rows with the active and
//!   inactive users (see `admins.rs`), fed by both sides as they are listed.
//!
//! Everything else runs concurrently, so the users' chains of pages overlap the
//! per-group listings and the Medium rate budget, which all of these listings share,
//! stays busy; the per-group listings yield their slots to the chains of user pages (why:
//! zoom-api's `budget.rs`).
//!
//! Resuming: listings continue from their saved page tokens and per-parent listings skip
//! the parents that are done, except where a step needs in-memory state the checkpoint does
//! not keep. Group and contact-group ids are cheap to list again (300 and 50 per call), so
//! their listings start over while a step needing the ids is unfinished. The email map of
//! 100,000 users would make every checkpoint megabytes long; listing the active and
//! inactive users again costs one call per 300 users (about a tenth of a large sync's
//! calls, and only while admin grants remain to be stored), so that is what a resumed run
//! does. Rows stored twice replace each other when the run finishes.

use std::collections::{BTreeMap, BTreeSet};

use futures::TryFutureExt;
use zoom_api::{StartAt, UserStatus};

use super::admins::AdminJoin;
use super::checkpoint::{Checkpoint, FanOut, Listing, PendingAdmin};
use super::error::SyncError;
use super::fan_out;
use super::listing::{self, ListingCtx};
use super::optional::{Availability, OptionalListing, Tracked};
use super::roles;
use super::users::{self, GrantTargets};

/// The admin work a run has left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct AdminsLeft {
    /// Progress of the per-group admin listings.
    pub listings: FanOut,
    /// Admin rows listed before their user was.
    pub pending: BTreeSet<PendingAdmin>,
}

/// The work of one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Work {
    /// Store the resource types and licence resources.
    pub fixed: bool,
    /// User listings to run, with where each starts.
    pub users: Vec<(UserStatus, StartAt)>,
    /// Admin grants left to store: the admin listings' progress and the rows waiting for
    /// their users.
    pub admins: Option<AdminsLeft>,
    /// Where the group listing starts, if it runs.
    pub groups: Option<StartAt>,
    /// List the roles.
    pub roles: bool,
    /// Where the contact-group listing starts, if it runs.
    pub contact_groups: Option<StartAt>,
    /// Progress of the contact-group member listings, if any remain.
    pub contact_members: Option<FanOut>,
    /// Where each optional listing stands at the start of the run.
    pub optional: BTreeMap<OptionalListing, OptionalStart>,
}

/// What the checkpoint says of an optional listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct OptionalStart {
    /// Listed (rows stored), left out, or not answered yet.
    pub at: Availability,
    /// Rows that depend on it are stored, so it can no longer be left out.
    pub depended_on: bool,
}

impl Work {
    /// The work left after `checkpoint`.
    pub(super) fn after(checkpoint: &Checkpoint) -> Work {
        let omitted = |listing| checkpoint.omitted.contains_key(&listing);
        // Once every admin listing is done and no row waits for its user, every admin grant
        // is stored, even if the run stopped before saying so.
        let admins_stored = checkpoint.admins.finished && checkpoint.pending_admins.is_empty();
        let admins = !(checkpoint.admins_done
            || admins_stored
            || omitted(OptionalListing::Groups)
            || omitted(OptionalListing::GroupAdmins));
        let members = !(checkpoint.contact_members.finished
            || omitted(OptionalListing::ContactGroups)
            || omitted(OptionalListing::ContactGroupMembers));
        let users = [
            UserStatus::Active,
            UserStatus::Inactive,
            UserStatus::Pending,
        ]
        .into_iter()
        .filter_map(|status| {
            let needed_for_admins = admins && status != UserStatus::Pending;
            let start = if needed_for_admins {
                Some(StartAt::Beginning)
            } else {
                checkpoint.users(status).start()
            };
            start.map(|start| (status, start))
        })
        .collect();
        Work {
            fixed: !checkpoint.fixed,
            users,
            admins: admins.then(|| AdminsLeft {
                listings: checkpoint.admins.clone(),
                pending: checkpoint.pending_admins.clone(),
            }),
            groups: if omitted(OptionalListing::Groups) {
                None
            } else if admins || members {
                Some(StartAt::Beginning)
            } else {
                checkpoint.groups.start()
            },
            roles: !omitted(OptionalListing::Roles) && checkpoint.roles.start().is_some(),
            contact_groups: if omitted(OptionalListing::ContactGroups) {
                None
            } else if members {
                Some(StartAt::Beginning)
            } else {
                checkpoint.contact_groups.start()
            },
            contact_members: members.then(|| checkpoint.contact_members.clone()),
            optional: OptionalListing::ALL
                .into_iter()
                .map(|listing| (listing, optional_start(checkpoint, listing)))
                .collect(),
        }
    }
}

/// Where `listing` stands after `checkpoint`: left out if recorded so, listed if any of its
/// rows are stored; and whether rows depending on it are stored (user rows carry group and
/// role grants).
fn optional_start(checkpoint: &Checkpoint, listing: OptionalListing) -> OptionalStart {
    let started = |l: &Listing| *l != Listing::NotStarted;
    let users_stored = [
        UserStatus::Active,
        UserStatus::Inactive,
        UserStatus::Pending,
    ]
    .into_iter()
    .any(|status| started(&checkpoint.users(status)));
    let members_stored = checkpoint.contact_members != FanOut::default();
    let (stored, depended_on) = match listing {
        OptionalListing::Groups => (started(&checkpoint.groups), users_stored),
        OptionalListing::Roles => (started(&checkpoint.roles), users_stored),
        // The role rows are stored with their privileges, in one update.
        OptionalListing::RoleDetails => (started(&checkpoint.roles), false),
        OptionalListing::GroupAdmins => (
            checkpoint.admins != FanOut::default()
                || !checkpoint.pending_admins.is_empty()
                || checkpoint.admins_done,
            false,
        ),
        OptionalListing::ContactGroups => (started(&checkpoint.contact_groups), members_stored),
        OptionalListing::ContactGroupMembers => (members_stored, false),
    };
    let at = if checkpoint.omitted.contains_key(&listing) {
        Availability::Omitted
    } else if stored {
        Availability::Listed
    } else {
        Availability::Unknown
    };
    OptionalStart { at, depended_on }
}

/// The optional listings of one run, shared by the listings and what depends on them.
struct Optional {
    groups: Tracked,
    group_admins: Tracked,
    roles: Tracked,
    role_details: Tracked,
    contact_groups: Tracked,
    contact_members: Tracked,
}

impl Optional {
    fn new(work: &Work) -> Optional {
        let tracked = |listing| {
            let start = work
                .optional
                .get(&listing)
                .copied()
                .unwrap_or(OptionalStart {
                    at: Availability::Unknown,
                    depended_on: false,
                });
            Tracked::new(listing, start.at, start.depended_on)
        };
        Optional {
            groups: tracked(OptionalListing::Groups),
            group_admins: tracked(OptionalListing::GroupAdmins),
            roles: tracked(OptionalListing::Roles),
            role_details: tracked(OptionalListing::RoleDetails),
            contact_groups: tracked(OptionalListing::ContactGroups),
            contact_members: tracked(OptionalListing::ContactGroupMembers),
        }
    }
}

/// Runs `work`, sending every row to the recorder.
pub(super) async fn run(ctx: &ListingCtx<'_>, work: &Work) -> Result<(), SyncError> {
    if work.fixed {
        ctx.updates.send(listing::fixed_rows()).await?;
    }
    let optional = Optional::new(work);
    let targets = GrantTargets {
        groups: optional.groups.clone(),
        roles: optional.roles.clone(),
    };
    let join = work
        .admins
        .as_ref()
        .map(|left| AdminJoin::new(&left.pending));
    let users =
        futures::future::try_join_all(work.users.iter().map(|(status, start)| {
            users::list(ctx, *status, start.clone(), join.as_ref(), &targets)
        }))
        .map_ok(|_| ());
    let roles = roles::list(ctx, work.roles, &optional.roles, &optional.role_details);
    let per_group = async {
        let (group_ids, contact_group_ids) = tokio::try_join!(
            listing::groups(ctx, work.groups.clone(), &optional.groups),
            listing::contact_groups(ctx, work.contact_groups.clone(), &optional.contact_groups),
        )?;
        let groups_listed = optional.groups.is_listed();
        let groups: BTreeSet<String> = group_ids.iter().cloned().collect();
        let admins = async {
            match (&work.admins, &join) {
                (Some(left), Some(join)) if groups_listed => {
                    let tracked = &optional.group_admins;
                    fan_out::list_admins(ctx, group_ids, &left.listings, join, tracked).await
                }
                _ => Ok(()),
            }
        };
        let members = async {
            match &work.contact_members {
                Some(state) if optional.contact_groups.is_listed() => {
                    let ids = contact_group_ids;
                    let groups = groups_listed.then_some(&groups);
                    let tracked = &optional.contact_members;
                    fan_out::list_contact_members(ctx, ids, state, groups, tracked).await
                }
                _ => Ok(()),
            }
        };
        tokio::try_join!(admins, members).map(|_| ())
    };
    tokio::try_join!(users, per_group, roles)?;
    if let Some(join) = &join {
        ctx.updates.send(join.finish()).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::checkpoint::{Change, FanOutKey, ListingKey};

    fn listing(key: ListingKey, next: Option<&str>) -> Change {
        Change::Listing {
            key,
            next_page_token: next.map(Into::into),
        }
    }

    #[test]
    fn a_new_sync_lists_everything_from_the_start() {
        let work = Work::after(&Checkpoint::new());
        assert!(work.fixed && work.admins.is_some() && work.roles);
        assert_eq!(
            work.users,
            [
                (UserStatus::Active, StartAt::Beginning),
                (UserStatus::Inactive, StartAt::Beginning),
                (UserStatus::Pending, StartAt::Beginning),
            ]
        );
        assert_eq!(work.groups, Some(StartAt::Beginning));
        assert_eq!(work.contact_groups, Some(StartAt::Beginning));
        assert_eq!(work.contact_members, Some(FanOut::default()));
    }

    #[test]
    fn before_the_admins_are_stored_users_are_listed_again_for_their_emails() {
        let mut c = Checkpoint::new();
        c.apply(Change::Fixed);
        c.apply(listing(ListingKey::Users(UserStatus::Active), Some("t")));
        c.apply(listing(ListingKey::Users(UserStatus::Inactive), None));
        c.apply(listing(ListingKey::Users(UserStatus::Pending), Some("p")));
        c.apply(listing(ListingKey::Roles, None));
        let work = Work::after(&c);
        assert!(!work.fixed && !work.roles && work.admins.is_some());
        assert_eq!(
            work.users,
            [
                (UserStatus::Active, StartAt::Beginning),
                (UserStatus::Inactive, StartAt::Beginning),
                (UserStatus::Pending, StartAt::Token("p".into())),
            ]
        );
    }

    #[test]
    fn admins_listed_with_nothing_waiting_need_no_second_user_listing() {
        let mut c = Checkpoint::new();
        c.apply(Change::FanOutFinished(FanOutKey::Admins));
        c.apply(listing(ListingKey::Users(UserStatus::Active), None));
        c.apply(listing(ListingKey::Users(UserStatus::Inactive), None));
        let work = Work::after(&c);
        assert!(work.admins.is_none());
        assert_eq!(work.users, [(UserStatus::Pending, StartAt::Beginning)]);
        c.apply(Change::AdminsPending(vec![("g".into(), "a@x.y".into())]));
        assert!(Work::after(&c).admins.is_some());
    }

    #[test]
    fn after_the_admins_and_members_listings_continue_from_their_tokens() {
        let mut c = Checkpoint::new();
        c.apply(Change::AdminsDone);
        c.apply(Change::FanOutFinished(FanOutKey::ContactMembers));
        c.apply(listing(ListingKey::Users(UserStatus::Active), Some("t")));
        c.apply(listing(ListingKey::Users(UserStatus::Inactive), None));
        c.apply(listing(ListingKey::Groups, Some("g")));
        c.apply(listing(ListingKey::ContactGroups, None));
        let work = Work::after(&c);
        assert!(work.admins.is_none());
        assert_eq!(
            work.users,
            [
                (UserStatus::Active, StartAt::Token("t".into())),
                (UserStatus::Pending, StartAt::Beginning),
            ]
        );
        assert_eq!(work.groups, Some(StartAt::Token("g".into())));
        assert_eq!(work.contact_groups, None);
        assert_eq!(work.contact_members, None);
    }

    #[test]
    fn listings_left_out_are_not_called_again_nor_what_needs_them() {
        let mut c = Checkpoint::new();
        c.apply(Change::Omitted(OptionalListing::Groups, vec!["g".into()]));
        c.apply(Change::Omitted(
            OptionalListing::ContactGroupMembers,
            vec!["m".into()],
        ));
        c.apply(Change::Omitted(OptionalListing::Roles, vec!["r".into()]));
        let work = Work::after(&c);
        assert_eq!(work.groups, None);
        assert!(work.admins.is_none() && work.contact_members.is_none() && !work.roles);
        assert_eq!(work.contact_groups, Some(StartAt::Beginning));
        // Without admins to join, the active and inactive users are not listed again.
        assert_eq!(work.users.len(), 3);
        let at = |l| work.optional[&l].at;
        assert_eq!(at(OptionalListing::Groups), Availability::Omitted);
        assert_eq!(at(OptionalListing::Roles), Availability::Omitted);
        assert_eq!(at(OptionalListing::ContactGroups), Availability::Unknown);
    }

    #[test]
    fn a_listing_whose_dependent_rows_are_stored_can_no_longer_be_left_out() {
        let work = Work::after(&Checkpoint::new());
        assert!(
            work.optional
                .values()
                .all(|s| s.at == Availability::Unknown && !s.depended_on)
        );
        let mut c = Checkpoint::new();
        c.apply(listing(ListingKey::Users(UserStatus::Active), Some("t")));
        c.apply(listing(ListingKey::Roles, None));
        let work = Work::after(&c);
        let groups = work.optional[&OptionalListing::Groups];
        assert_eq!(groups.at, Availability::Unknown);
        assert!(groups.depended_on, "user rows may hold group grants");
        let roles = work.optional[&OptionalListing::Roles];
        assert_eq!(roles.at, Availability::Listed);
        assert!(!work.optional[&OptionalListing::ContactGroups].depended_on);
    }
}
