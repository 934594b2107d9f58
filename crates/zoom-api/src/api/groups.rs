//! `/groups`: groups, their members and admins.

use std::sync::Arc;

use reqwest::Method;

use super::add_in_chunks;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::models::{Added, Group, GroupAdmin, Member, MemberRef};
use crate::pagination::{PageStream, StartAt, paginate};
use crate::transport::{ApiRequest, Transport};

/// Largest page of groups, group members and group admins.
const PAGE_SIZE: u32 = 300;
/// Zoom's maximum members per add-members call.
const MAX_MEMBERS_PER_ADD: usize = 30;
/// Zoom's maximum admins per add-admins call.
const MAX_ADMINS_PER_ADD: usize = 10;

/// The groups API; from [`crate::Client::groups`].
pub struct Groups<'a> {
    pub(crate) transport: &'a Arc<Transport>,
}

impl Groups<'_> {
    /// Every group. Zoom pages this list when asked with `page_size` (older Zoom answers all
    /// at once without a token, which the paginator also takes).
    pub fn list(&self, start: StartAt) -> PageStream<Group> {
        let req = ApiRequest::new(Endpoint::Groups, Method::GET, &["groups"]);
        paginate(Arc::clone(self.transport), req, Some(PAGE_SIZE), start)
    }

    /// One group.
    pub async fn get(&self, group_id: &str) -> Result<Group, Error> {
        let req = ApiRequest::new(Endpoint::Group, Method::GET, &["groups", group_id]);
        self.transport.json(&req).await
    }

    /// Every member of a group.
    pub fn members(&self, group_id: &str, start: StartAt) -> PageStream<Member> {
        let req = ApiRequest::new(
            Endpoint::GroupMembers,
            Method::GET,
            &["groups", group_id, "members"],
        );
        paginate(Arc::clone(self.transport), req, Some(PAGE_SIZE), start)
    }

    /// Adds users to a group, 30 per call. [`Added::ids`] lists only users not yet members.
    pub async fn add_members(&self, group_id: &str, members: &[MemberRef]) -> Result<Added, Error> {
        add_in_chunks(
            self.transport,
            Endpoint::GroupMembersCreate,
            &["groups", group_id, "members"],
            "members",
            members,
            MAX_MEMBERS_PER_ADD,
        )
        .await
    }

    /// Removes a user from a group; `NotFound` if they were not a member.
    pub async fn remove_member(&self, group_id: &str, member_id: &str) -> Result<(), Error> {
        let req = ApiRequest::new(
            Endpoint::GroupMembersDelete,
            Method::DELETE,
            &["groups", group_id, "members", member_id],
        );
        self.transport.no_content(&req).await
    }

    /// Every admin of a group (rows carry email and name, not ids).
    pub fn admins(&self, group_id: &str, start: StartAt) -> PageStream<GroupAdmin> {
        let req = ApiRequest::new(
            Endpoint::GroupAdmins,
            Method::GET,
            &["groups", group_id, "admins"],
        );
        paginate(Arc::clone(self.transport), req, Some(PAGE_SIZE), start)
    }

    /// Makes users admins of a group, 10 per call.
    pub async fn add_admins(&self, group_id: &str, admins: &[MemberRef]) -> Result<Added, Error> {
        add_in_chunks(
            self.transport,
            Endpoint::GroupAdminsCreate,
            &["groups", group_id, "admins"],
            "admins",
            admins,
            MAX_ADMINS_PER_ADD,
        )
        .await
    }

    /// Removes a group admin; `NotFound` (code 4138) if the user was not an admin.
    pub async fn remove_admin(&self, group_id: &str, user_id: &str) -> Result<(), Error> {
        let req = ApiRequest::new(
            Endpoint::GroupAdminsDelete,
            Method::DELETE,
            &["groups", group_id, "admins", user_id],
        );
        self.transport.no_content(&req).await
    }
}
