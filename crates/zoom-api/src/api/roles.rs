//! `/roles`: roles and role members.

use std::sync::Arc;

use reqwest::Method;

use super::add_in_chunks;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::models::{Added, Member, MemberRef, Role};
use crate::pagination::{PageStream, StartAt, paginate};
use crate::transport::{ApiRequest, Transport};

/// Largest page of role members.
const PAGE_SIZE: u32 = 300;
/// Zoom's maximum members per assign-role call.
const MAX_MEMBERS_PER_ASSIGN: usize = 30;

/// The roles API; from [`crate::Client::roles`].
pub struct Roles<'a> {
    pub(crate) transport: &'a Arc<Transport>,
}

impl Roles<'_> {
    /// Every role. Zoom does not page this list: the stream has one page.
    pub fn list(&self) -> PageStream<Role> {
        let req = ApiRequest::new(Endpoint::Roles, Method::GET, &["roles"]);
        paginate(Arc::clone(self.transport), req, None, StartAt::Beginning)
    }

    /// One role, with its privileges.
    pub async fn get(&self, role_id: &str) -> Result<Role, Error> {
        let req = ApiRequest::new(
            Endpoint::GetRoleInformation,
            Method::GET,
            &["roles", role_id],
        );
        self.transport.json(&req).await
    }

    /// Every member of a role.
    pub fn members(&self, role_id: &str, start: StartAt) -> PageStream<Member> {
        let req = ApiRequest::new(
            Endpoint::RoleMembers,
            Method::GET,
            &["roles", role_id, "members"],
        );
        paginate(Arc::clone(self.transport), req, Some(PAGE_SIZE), start)
    }

    /// Gives users this role (replacing their previous one), 30 per call.
    /// `ForbiddenForRole` for roles whose members Zoom does not let us set (Owner, Member).
    pub async fn assign(&self, role_id: &str, members: &[MemberRef]) -> Result<Added, Error> {
        add_in_chunks(
            self.transport,
            Endpoint::AddRoleMembers,
            &["roles", role_id, "members"],
            "members",
            members,
            MAX_MEMBERS_PER_ASSIGN,
        )
        .await
    }

    /// Takes the role from a user (Zoom gives them the Member role).
    pub async fn unassign(&self, role_id: &str, member_id: &str) -> Result<(), Error> {
        let req = ApiRequest::new(
            Endpoint::RoleMemberDelete,
            Method::DELETE,
            &["roles", role_id, "members", member_id],
        );
        self.transport.no_content(&req).await
    }
}
