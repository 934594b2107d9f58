//! Planning: reading Zoom's current state and deciding which writes a request needs.
//!
//! Each resource kind adds its planning to [`Planner`] in `kinds/<kind>/provision.rs`
//! (inherent methods and its [`KindRules`]); this module holds what they share (the request's
//! view as a [`Change`], the [`Plan`] they return, Zoom lookups every kind makes) and the two
//! registration points, [`rules`] and [`Planner::plan_change`].

use zoom_api::{Client, Group, Role, User, UserStatus};

use super::ProvisionError;
use super::call::Write;
use super::catalog::Listed;
use super::outcome::Outcome;
use super::request::Principal;
use crate::ids::{self, EntitlementRef};

/// Reads Zoom and plans writes; the kinds add their methods to it.
pub(crate) struct Planner<'a> {
    pub(crate) client: &'a Client,
}

/// What a kind provisions: the slugs of its entitlements and who may hold them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KindRules {
    /// Entitlement slugs, e.g. `member`, `admin`.
    pub(crate) slugs: &'static [&'static str],
    /// Principal resource types that may hold them.
    pub(crate) principal_types: &'static [&'static str],
}

/// The provisioning rules of each kind with entitlements (registration point one).
pub(crate) fn rules(resource_type: &str) -> Option<KindRules> {
    match resource_type {
        ids::GROUP => Some(Planner::GROUP_RULES),
        ids::ROLE => Some(Planner::ROLE_RULES),
        ids::CONTACT_GROUP => Some(Planner::CONTACT_GROUP_RULES),
        ids::LICENSE => Some(Planner::LICENSE_RULES),
        _ => None,
    }
}

/// Grant or revoke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Grant,
    Revoke,
}

/// A grant or revoke, checked against the kind's rules and the sync file.
#[derive(Debug)]
pub(crate) struct Change<'a> {
    pub(crate) direction: Direction,
    pub(crate) entitlement: &'a EntitlementRef,
    pub(crate) principal: &'a Principal,
    /// What the sync file lists (for messages about stale files).
    pub(crate) listed: Listed,
}

impl Change<'_> {
    /// `granted` or `revoked`, for messages.
    pub(crate) fn verb(&self) -> &'static str {
        match self.direction {
            Direction::Grant => "granted",
            Direction::Revoke => "revoked",
        }
    }

    /// The plan given whether the principal `held` the entitlement in Zoom: nothing to
    /// write when Zoom already matches the request, else the grant's or the revoke's outcome
    /// and write.
    pub(crate) fn decide(
        &self,
        held: bool,
        grant: (Outcome, Write),
        revoke: (Outcome, Write),
    ) -> Plan {
        match (self.direction, held) {
            (Direction::Grant, true) => Plan::unchanged(Outcome::AlreadyGranted),
            (Direction::Grant, false) => Plan::write(grant.0, grant.1),
            (Direction::Revoke, false) => Plan::unchanged(Outcome::AlreadyRevoked),
            (Direction::Revoke, true) => Plan::write(revoke.0, revoke.1),
        }
    }
}

/// The writes a request needs and the outcome once they succeed.
#[derive(Debug)]
pub(crate) struct Plan {
    pub(crate) outcome: Outcome,
    /// In order; every write after the first is a follow-up of it.
    pub(crate) writes: Vec<Write>,
    /// Who is affected, when planning resolved it better than the request named it (a
    /// user named by email is reported by id).
    pub(crate) subject: Option<String>,
}

impl Plan {
    /// Nothing to write.
    pub(crate) fn unchanged(outcome: Outcome) -> Plan {
        Plan {
            outcome,
            writes: Vec::new(),
            subject: None,
        }
    }

    /// One write.
    pub(crate) fn write(outcome: Outcome, write: Write) -> Plan {
        Plan {
            outcome,
            writes: vec![write],
            subject: None,
        }
    }

    /// Reports `user` as the affected user.
    pub(crate) fn about(mut self, user: &User) -> Plan {
        if let Some(id) = &user.id {
            self.subject = Some(format!("{}:{id}", ids::USER));
        }
        self
    }
}

impl Planner<'_> {
    /// Plans a grant or revoke on the kind that owns the entitlement (registration point
    /// two).
    pub(crate) async fn plan_change(&self, change: &Change<'_>) -> Result<Plan, ProvisionError> {
        match change.entitlement.resource_type.as_str() {
            ids::GROUP => self.plan_group(change).await,
            ids::ROLE => self.plan_role(change).await,
            ids::CONTACT_GROUP => self.plan_contact_group(change).await,
            ids::LICENSE => self.plan_license(change).await,
            other => unreachable!("callers check rules() first, which knows no {other}"),
        }
    }

    /// A user (by id or email) that must exist, whatever its status.
    pub(crate) async fn any_user(&self, key: &str) -> Result<Option<User>, ProvisionError> {
        match self.client.users().get(key).await {
            Ok(user) => Ok(Some(user)),
            Err(zoom_api::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(ProvisionError::read(format!("GET /users/{key}"), e)),
        }
    }

    /// The principal of a grant or revoke as a Zoom user: it must exist and have accepted
    /// its invitation (pending users cannot hold memberships).
    pub(crate) async fn principal_user(&self, change: &Change<'_>) -> Result<User, ProvisionError> {
        let principal = change.principal;
        let user = self.any_user(&principal.id).await?.ok_or_else(|| {
            ProvisionError::PrincipalNotFound {
                principal: principal.to_string(),
                resource_type: principal.resource_type.clone(),
            }
        })?;
        if user.status == Some(UserStatus::Pending) {
            return Err(ProvisionError::PendingUser {
                user: user.email,
                why: "access can be granted once the invitation is accepted",
            });
        }
        Ok(user)
    }

    /// The group an entitlement or principal names; `missing` is the error when Zoom has no
    /// such group.
    pub(crate) async fn group(
        &self,
        id: &str,
        missing: impl FnOnce() -> ProvisionError,
    ) -> Result<Group, ProvisionError> {
        match self.client.groups().get(id).await {
            Ok(group) => Ok(group),
            Err(zoom_api::Error::NotFound { .. }) => Err(missing()),
            Err(e) => Err(ProvisionError::read(format!("GET /groups/{id}"), e)),
        }
    }

    /// Every role of the account (one call: Zoom does not page roles).
    pub(crate) async fn roles(&self) -> Result<Roles, ProvisionError> {
        use futures::TryStreamExt;
        let pages: Vec<_> = self
            .client
            .roles()
            .list()
            .try_collect()
            .await
            .map_err(|e| ProvisionError::read("GET /roles", e))?;
        Ok(Roles(
            pages.into_iter().flat_map(|page| page.items).collect(),
        ))
    }
}

/// The account's roles, with Zoom's two built-in roles whose members cannot be set.
pub(crate) struct Roles(Vec<Role>);

/// Id of the Owner role in every Zoom account.
const OWNER_ROLE_ID: &str = "0";
/// Id the Member role has in Zoom's examples and in the simulator; read by name first.
const MEMBER_ROLE_ID: &str = "2";

impl Roles {
    /// The role with this id.
    pub(crate) fn get(&self, id: &str) -> Option<&Role> {
        self.0.iter().find(|r| r.id == id)
    }

    /// The Member role's id: the role named Member, else the usual id.
    pub(crate) fn member_id(&self) -> &str {
        self.0
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case("member"))
            .map_or(MEMBER_ROLE_ID, |r| r.id.as_str())
    }

    /// Whether `id` is the Owner role.
    pub(crate) fn is_owner(&self, id: &str) -> bool {
        id == OWNER_ROLE_ID
            || self
                .get(id)
                .is_some_and(|r| r.name.eq_ignore_ascii_case("owner"))
    }
}

/// Whether `user` is the account owner, whom Zoom's API cannot change, deactivate or delete.
pub(crate) fn owns_account(user: &User) -> bool {
    user.role_id.as_deref() == Some(OWNER_ROLE_ID)
        || user
            .role_name
            .as_deref()
            .is_some_and(|name| name.eq_ignore_ascii_case("owner"))
}
