//! Optional listings: a sync needs the user listing, and goes on without any other listing
//! that Zoom refuses for a missing scope (code 4700/4711, or a 400/403 naming a scope).
//!
//! "Goes on without" means the file lacks exactly what that listing would have given, never
//! part of it: the listing's own rows and the rows that only make sense with them. Group
//! membership and role grants come from the user rows, so the user pages wait until the
//! group and role listings have answered their first page (see [`Tracked::settled`]) and
//! leave those grants out if the listing was refused. Entitlements stay where their resource
//! was listed: a group's `admin` entitlement exists (and can be granted) even when the app
//! may not list group admins; it simply has no grants in the file.
//!
//! Zoom checks scopes on every call, so a refused listing is refused on its first call and
//! nothing of it is ever stored. A refusal after rows of the listing (or rows depending on
//! it) are stored, in this run or in the interrupted run it resumes, can only mean the app's
//! scopes changed meanwhile; leaving the listing out then would leave half a list in the
//! file, so the run fails instead, naming the scope.
//!
//! Role privileges come from one call per role (`GET /roles/{roleId}`). The role rows are
//! stored once every role's privileges are in, so a file never holds some roles with their
//! privileges and others without: either all carry them or, when the calls were refused,
//! none does.
//!
//! An omission is one update to the recorder, so the checkpoint remembers it and a resumed
//! run neither calls the listing again nor forgets to report it.

use std::future::Future;
use std::sync::Arc;

use futures::TryStreamExt;
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use zoom_api::{Endpoint, PageStream};

use super::checkpoint::Change;
use super::error::SyncError;
use super::listing::ListingCtx;
use super::recorder::Update;

/// The progress stream of the role-detail calls (a unit is a role).
pub(super) const ROLE_PRIVILEGES_STREAM: &str = "role privileges";

/// A listing the sync can do without.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptionalListing {
    /// `GET /groups`: groups, and with them every group grant.
    Groups,
    /// `GET /groups/{groupId}/admins`: group admin grants.
    GroupAdmins,
    /// `GET /roles`: roles, and with them every role grant.
    Roles,
    /// `GET /roles/{roleId}`: each role's privileges.
    RoleDetails,
    /// `GET /contacts/groups`: contact groups, and with them their members.
    ContactGroups,
    /// `GET /contacts/groups/{groupId}/members`: contact-group member grants.
    ContactGroupMembers,
}

impl OptionalListing {
    /// Every optional listing.
    pub const ALL: [OptionalListing; 6] = [
        OptionalListing::Groups,
        OptionalListing::GroupAdmins,
        OptionalListing::Roles,
        OptionalListing::RoleDetails,
        OptionalListing::ContactGroups,
        OptionalListing::ContactGroupMembers,
    ];

    /// The Zoom operation behind it, whose scopes decide whether Zoom allows it.
    pub fn endpoint(self) -> Endpoint {
        match self {
            OptionalListing::Groups => Endpoint::Groups,
            OptionalListing::GroupAdmins => Endpoint::GroupAdmins,
            OptionalListing::Roles => Endpoint::Roles,
            OptionalListing::RoleDetails => Endpoint::GetRoleInformation,
            OptionalListing::ContactGroups => Endpoint::ContactGroups,
            OptionalListing::ContactGroupMembers => Endpoint::ContactGroupMembers,
        }
    }

    /// What the listing gives, in a few words ("contact-group members").
    pub fn name(self) -> &'static str {
        match self {
            OptionalListing::Groups => "groups",
            OptionalListing::GroupAdmins => "group admins",
            OptionalListing::Roles => "roles",
            OptionalListing::RoleDetails => "role privileges",
            OptionalListing::ContactGroups => "contact groups",
            OptionalListing::ContactGroupMembers => "contact-group members",
        }
    }

    /// Everything a sync file lacks without this listing.
    pub fn left_out(self) -> &'static str {
        match self {
            OptionalListing::Groups => {
                "groups, their member and admin grants, and contact-group members that are groups"
            }
            OptionalListing::GroupAdmins => {
                "group admin grants (each group keeps its admin entitlement, without grants)"
            }
            OptionalListing::Roles => "roles and their member grants",
            OptionalListing::RoleDetails => {
                "role privileges (each role is synced without the `privileges` profile key, and its description is Zoom's alone)"
            }
            OptionalListing::ContactGroups => "contact groups and their member grants",
            OptionalListing::ContactGroupMembers => {
                "contact-group member grants (each contact group keeps its member entitlement, without grants)"
            }
        }
    }

    /// The progress stream its pages are reported under, if any.
    fn progress_stream(self) -> Option<&'static str> {
        match self {
            OptionalListing::Groups => Some("groups"),
            OptionalListing::GroupAdmins => Some("group admins"),
            OptionalListing::Roles => Some("roles"),
            OptionalListing::RoleDetails => Some(ROLE_PRIVILEGES_STREAM),
            OptionalListing::ContactGroups => Some("contact groups"),
            OptionalListing::ContactGroupMembers => Some("contact group members"),
        }
    }

    /// The line a summary shows for it: "not synced: contact-group members — add
    /// contact_group:read:list_members:admin".
    pub fn not_synced_line(self, scopes: &[String]) -> String {
        format!("not synced: {} — add {}", self.name(), scopes.join(", "))
    }
}

/// Whether an optional listing's rows are (or will be) in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Availability {
    /// Its first answer has not come yet.
    Unknown,
    /// Zoom answered it: its rows are stored.
    Listed,
    /// Zoom refused it for a missing scope: it is left out.
    Omitted,
}

/// One optional listing during a run, shared by the listing and by what depends on it.
#[derive(Debug, Clone)]
pub(super) struct Tracked {
    listing: OptionalListing,
    state: Arc<watch::Sender<Availability>>,
    /// Rows depending on the listing are stored already (by an interrupted run this one
    /// resumes), so it cannot be left out any more.
    depended_on: bool,
}

impl Tracked {
    /// `listing`, starting `at` what the checkpoint says of it; `depended_on` when rows
    /// that depend on it are stored already.
    pub(super) fn new(listing: OptionalListing, at: Availability, depended_on: bool) -> Tracked {
        Tracked {
            listing,
            state: Arc::new(watch::Sender::new(at)),
            depended_on,
        }
    }

    /// What is known now.
    pub(super) fn now(&self) -> Availability {
        *self.state.borrow()
    }

    /// Whether its rows are in the file.
    pub(super) fn is_listed(&self) -> bool {
        self.now() == Availability::Listed
    }

    /// Waits until the listing has answered (or was settled by the checkpoint).
    pub(super) async fn settled(&self) -> Availability {
        let mut changes = self.state.subscribe();
        match changes
            .wait_for(|a| *a != Availability::Unknown)
            .await
            .map(|a| *a)
        {
            Ok(settled) => settled,
            // The sender lives in `self`; it cannot be gone while we wait on it.
            Err(_) => self.now(),
        }
    }

    /// `answer`, marking the listing listed if it is the first successful one: for listings
    /// made of single calls rather than pages.
    pub(super) fn answered<T>(
        &self,
        answer: Result<T, zoom_api::Error>,
    ) -> Result<T, zoom_api::Error> {
        if answer.is_ok() {
            mark_listed(&self.state);
        }
        answer
    }

    /// `pages`, marking the listing listed as soon as its first page comes.
    pub(super) fn note<T: Send + 'static>(&self, pages: PageStream<T>) -> PageStream<T> {
        let state = Arc::clone(&self.state);
        Box::pin(pages.inspect_ok(move |_| mark_listed(&state)))
    }

    /// Runs the listing. A refusal for a missing scope before anything of it was stored
    /// leaves it out: the omission is recorded (before anyone waiting on the listing hears
    /// of it, so no row stored after it can predate it in the checkpoint) and the listing
    /// yields `T::default()`. Any other failure, or a refusal that comes too late to leave
    /// the listing out whole, fails the run.
    pub(super) async fn run<T: Default>(
        &self,
        ctx: &ListingCtx<'_>,
        work: impl Future<Output = Result<T, SyncError>>,
    ) -> Result<T, SyncError> {
        match work.await {
            Ok(value) => {
                mark_listed(&self.state);
                Ok(value)
            }
            Err(SyncError::Zoom(zoom_api::Error::MissingScopes(scopes)))
                if self.now() == Availability::Unknown && !self.depended_on =>
            {
                self.omit(ctx, scopes).await?;
                Ok(T::default())
            }
            Err(error) => Err(error),
        }
    }

    async fn omit(&self, ctx: &ListingCtx<'_>, scopes: Vec<String>) -> Result<(), SyncError> {
        let scopes = if scopes.is_empty() {
            let endpoint = self.listing.endpoint();
            vec![endpoint.accepted_scopes()[0].to_owned()]
        } else {
            scopes
        };
        let line = self.listing.not_synced_line(&scopes);
        tracing::warn!(
            listing = self.listing.name(),
            scopes = %scopes.join(" "),
            left_out = self.listing.left_out(),
            "Zoom refused a listing for a missing scope; the sync goes on without it: {line}"
        );
        ctx.updates
            .send(Update {
                changes: vec![Change::Omitted(self.listing, scopes)],
                ..Update::default()
            })
            .await?;
        self.state.send_replace(Availability::Omitted);
        if let Some(stream) = self.listing.progress_stream() {
            ctx.progress.stream_finished(stream);
        }
        Ok(())
    }
}

/// An answer came: a listing not settled yet is listed (waking whoever waits on it).
fn mark_listed(state: &watch::Sender<Availability>) {
    state.send_if_modified(|a| {
        let first = *a == Availability::Unknown;
        if first {
            *a = Availability::Listed;
        }
        first
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_listing_names_its_endpoint_and_what_goes_missing() {
        assert_eq!(
            OptionalListing::ContactGroupMembers
                .not_synced_line(&["contact_group:read:list_members:admin".to_owned()]),
            "not synced: contact-group members — add contact_group:read:list_members:admin"
        );
        for listing in OptionalListing::ALL {
            assert!(!listing.left_out().is_empty());
            assert_ne!(listing.endpoint(), Endpoint::Users);
        }
    }

    #[tokio::test]
    async fn the_first_page_settles_a_listing_as_listed() {
        let tracked = Tracked::new(OptionalListing::Groups, Availability::Unknown, false);
        let page = zoom_api::Page::<u8> {
            items: vec![],
            next_page_token: None,
            total_records: None,
            restarted: false,
        };
        let pages: PageStream<u8> = Box::pin(futures::stream::iter([Ok(page)]));
        let waiter = tracked.clone();
        let waiting = tokio::spawn(async move { waiter.settled().await });
        let mut pages = tracked.note(pages);
        assert_eq!(tracked.now(), Availability::Unknown);
        pages.try_next().await.expect("a page").expect("one page");
        assert!(tracked.is_listed());
        assert_eq!(waiting.await.expect("joins"), Availability::Listed);
    }
}
