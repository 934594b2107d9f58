//! What a run lists, decided from the checkpoint, and in which order.
//!
//! Dependencies between the listings:
//! - the user listings need nothing and run from the start (three chains of pages);
//! - groups, roles and contact groups are listed alongside them;
//! - group admins need the group ids, contact-group members need the group ids (to drop
//!   members naming deleted groups) and the contact-group ids;
//! - admin grants need the admins and the email → user id map of the active and inactive
//!   users, so they are stored last, in one batch.
//!
//! Everything else runs concurrently, so the users' chains of pages overlap the
//! per-group listings and the Medium rate budget, which all of these listings share,
//! stays busy; the per-group listings pass a [`Gate`] that keeps their queue in the budget
//! short, so the chains of user pages are not held up behind it.
//!
//! Resuming: listings continue from their saved page tokens, except where a later step needs
//! in-memory state the checkpoint does not keep. Group and contact-group ids are cheap to
//! list again (300 and 50 per call), so their listings start over while a step needing the
//! ids is unfinished. The email map of 100,000 users would make every checkpoint megabytes
//! long; listing the active and inactive users again costs one call per 300 users (about a
//! tenth of a large sync's calls, and only when a run was interrupted before its admin
//! grants were stored), so that is what a resumed run does. Rows stored twice replace each
//! other when the run finishes.

use std::collections::BTreeSet;

use futures::TryFutureExt;
use zoom_api::{StartAt, UserStatus};

use super::checkpoint::{Checkpoint, FanOut};
use super::error::SyncError;
use super::fan_out;
use super::gate::Gate;
use super::listing::{self, Producers};
use super::users::{self, Directory};

/// The work of one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Plan {
    /// Store the resource types and licence resources.
    pub fixed: bool,
    /// User listings to run, with where each starts.
    pub users: Vec<(UserStatus, StartAt)>,
    /// List group admins and map them to users.
    pub admins: bool,
    /// Where the group listing starts, if it runs.
    pub groups: Option<StartAt>,
    /// List the roles.
    pub roles: bool,
    /// Where the contact-group listing starts, if it runs.
    pub contact_groups: Option<StartAt>,
    /// Progress of the contact-group member listings, if any remain.
    pub contact_members: Option<FanOut>,
}

impl Plan {
    /// The work left after `checkpoint`.
    pub(super) fn after(checkpoint: &Checkpoint) -> Plan {
        let admins = !checkpoint.admins_done;
        let members = !checkpoint.contact_members.finished;
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
        Plan {
            fixed: !checkpoint.fixed,
            users,
            admins,
            groups: if admins || members {
                Some(StartAt::Beginning)
            } else {
                checkpoint.groups.start()
            },
            roles: checkpoint.roles.start().is_some(),
            contact_groups: if members {
                Some(StartAt::Beginning)
            } else {
                checkpoint.contact_groups.start()
            },
            contact_members: members.then(|| checkpoint.contact_members.clone()),
        }
    }
}

/// Runs `plan`, sending every row to the recorder.
pub(super) async fn run(producers: &Producers<'_>, plan: &Plan) -> Result<(), SyncError> {
    if plan.fixed {
        producers.updates.send(listing::fixed_rows()).await?;
    }
    let directory = plan.admins.then(Directory::default);
    let users =
        futures::future::try_join_all(plan.users.iter().map(|(status, start)| {
            users::list(producers, *status, start.clone(), directory.as_ref())
        }))
        .map_ok(|_| ());
    let per_group = async {
        let (group_ids, contact_group_ids, ()) = tokio::try_join!(
            listing::groups(producers, plan.groups.clone()),
            listing::contact_groups(producers, plan.contact_groups.clone()),
            listing::roles(producers, plan.roles),
        )?;
        let gate = Gate::new();
        let admins = async {
            match plan.admins {
                true => fan_out::list_admins(producers, &gate, &group_ids)
                    .await
                    .map(Some),
                false => Ok(None),
            }
        };
        let groups: BTreeSet<String> = group_ids.iter().cloned().collect();
        let members = async {
            match &plan.contact_members {
                Some(state) => {
                    let ids = contact_group_ids;
                    fan_out::list_contact_members(producers, &gate, ids, state, &groups).await
                }
                None => Ok(()),
            }
        };
        let (admin_rows, ()) = tokio::try_join!(admins, members)?;
        Ok::<_, SyncError>(admin_rows)
    };
    let ((), admin_rows) = tokio::try_join!(users, per_group)?;
    if let (Some(rows), Some(directory)) = (admin_rows, &directory) {
        producers
            .updates
            .send(fan_out::admin_grants(rows, directory))
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::checkpoint::{Change, ListingKey};

    fn listing(key: ListingKey, next: Option<&str>) -> Change {
        Change::Listing {
            key,
            next_page_token: next.map(Into::into),
        }
    }

    #[test]
    fn a_new_sync_lists_everything_from_the_start() {
        let plan = Plan::after(&Checkpoint::new());
        assert!(plan.fixed && plan.admins && plan.roles);
        assert_eq!(
            plan.users,
            [
                (UserStatus::Active, StartAt::Beginning),
                (UserStatus::Inactive, StartAt::Beginning),
                (UserStatus::Pending, StartAt::Beginning),
            ]
        );
        assert_eq!(plan.groups, Some(StartAt::Beginning));
        assert_eq!(plan.contact_groups, Some(StartAt::Beginning));
        assert_eq!(plan.contact_members, Some(FanOut::default()));
    }

    #[test]
    fn before_the_admins_are_stored_users_are_listed_again_for_their_emails() {
        let mut c = Checkpoint::new();
        c.apply(Change::Fixed);
        c.apply(listing(ListingKey::Users(UserStatus::Active), Some("t")));
        c.apply(listing(ListingKey::Users(UserStatus::Inactive), None));
        c.apply(listing(ListingKey::Users(UserStatus::Pending), Some("p")));
        c.apply(listing(ListingKey::Roles, None));
        let plan = Plan::after(&c);
        assert!(!plan.fixed && !plan.roles && plan.admins);
        assert_eq!(
            plan.users,
            [
                (UserStatus::Active, StartAt::Beginning),
                (UserStatus::Inactive, StartAt::Beginning),
                (UserStatus::Pending, StartAt::Token("p".into())),
            ]
        );
    }

    #[test]
    fn after_the_admins_and_members_listings_continue_from_their_tokens() {
        let mut c = Checkpoint::new();
        c.apply(Change::AdminsDone);
        c.apply(Change::ContactMembersFinished);
        c.apply(listing(ListingKey::Users(UserStatus::Active), Some("t")));
        c.apply(listing(ListingKey::Users(UserStatus::Inactive), None));
        c.apply(listing(ListingKey::Groups, Some("g")));
        c.apply(listing(ListingKey::ContactGroups, None));
        let plan = Plan::after(&c);
        assert!(!plan.admins);
        assert_eq!(
            plan.users,
            [
                (UserStatus::Active, StartAt::Token("t".into())),
                (UserStatus::Pending, StartAt::Beginning),
            ]
        );
        assert_eq!(plan.groups, Some(StartAt::Token("g".into())));
        assert_eq!(plan.contact_groups, None);
        assert_eq!(plan.contact_members, None);
    }
}
