//! Provisioning: grant, revoke, create, activate, deactivate and delete, safely and
//! idempotently.
//!
//! A [`Request`] goes through the same steps every time:
//! 1. its ids are parsed and checked against the kind's rules (slug, principal type), with
//!    no call at all;
//! 2. for grants and revokes, the entitlement is looked up in the latest sync of the sync
//!    file, as the Go SDK does;
//! 3. the kind reads Zoom's current state and plans the writes (none when Zoom already
//!    matches the request: "already granted", "already revoked");
//! 4. the app's scopes are checked against the planned writes;
//! 5. the writes are made, or in [`Mode::DryRun`] returned as the exact [`ZoomCall`]s they
//!    would be.
//!
//! Refusals before step 5 change nothing in Zoom. Every request is logged as one structured
//! line (who, what, result) at `info`, or `warn` when it fails.
//!
//! ```no_run
//! # async fn run(client: zoom_api::Client) -> Result<(), connector::provision::ProvisionError> {
//! use connector::provision::{Mode, Principal, Provisioner, Request};
//!
//! let provisioner = Provisioner::new(client, Mode::DryRun).with_sync_file("sync.c1z");
//! let report = provisioner
//!     .run(&Request::Grant {
//!         entitlement: "group:abc:member".into(),
//!         principal: Principal::parse("ada@example.com")?,
//!     })
//!     .await?;
//! println!("{report}"); // the outcome and the calls it would make
//! # Ok(())
//! # }
//! ```

mod account;
mod call;
mod catalog;
mod error;
mod outcome;
pub(crate) mod planner;
mod request;

use std::path::PathBuf;

use c1z::{ReadOptions, ResourceId};
use zoom_api::{Client, DeleteAction, missing_scopes};

pub use account::{AccountField, account_creation_schema, parse_create_action, parse_license};
pub(crate) use call::Write;
pub use call::ZoomCall;
pub use error::ProvisionError;
pub use outcome::{Outcome, Report};
pub use request::{
    AccountStatus, DeleteOptions, NewAccount, Principal, Request, Transfer, TransferData,
};

use call::Applied;
use catalog::{Listed, SyncFile};
use planner::{Change, Direction, Plan, Planner, rules};

use crate::ids::{self, EntitlementRef, GrantRef};

/// A kind of change provisioning makes, and the Zoom operations it calls: the reads that
/// check Zoom's state first and the writes, so `validate --provisioning` can tell per change
/// whether the app's scopes allow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeKind {
    /// What the change does, e.g. "grant or revoke group membership".
    pub name: &'static str,
    /// Every operation it may call.
    pub endpoints: &'static [zoom_api::Endpoint],
}

/// Every kind of change provisioning makes.
pub const CHANGE_KINDS: &[ChangeKind] = {
    use zoom_api::Endpoint::*;
    &[
        ChangeKind {
            name: "grant or revoke group membership",
            endpoints: &[User, Group, GroupMembersCreate, GroupMembersDelete],
        },
        ChangeKind {
            name: "grant or revoke group admin",
            endpoints: &[
                User,
                Group,
                GroupAdmins,
                GroupAdminsCreate,
                GroupAdminsDelete,
            ],
        },
        ChangeKind {
            name: "grant or revoke a role",
            endpoints: &[User, Roles, AddRoleMembers, RoleMemberDelete],
        },
        ChangeKind {
            name: "grant or revoke contact-group membership",
            endpoints: &[
                User,
                Group,
                ContactGroupMembers,
                ContactGroupMemberAdd,
                ContactGroupMemberRemove,
            ],
        },
        ChangeKind {
            name: "grant or revoke a licence",
            endpoints: &[User, UserUpdate],
        },
        ChangeKind {
            name: "create a user",
            endpoints: &[User, UserCreate],
        },
        ChangeKind {
            name: "activate or deactivate a user",
            endpoints: &[User, UserStatus],
        },
        ChangeKind {
            name: "delete a user or an invitation",
            endpoints: &[User, UserDelete],
        },
    ]
};

/// Whether writes are made or only shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Make the writes.
    Apply,
    /// Read Zoom and plan as usual, but make no write; the report lists the calls.
    DryRun,
}

/// Runs provisioning requests against one Zoom account.
#[derive(Debug, Clone)]
pub struct Provisioner {
    client: Client,
    mode: Mode,
    catalogue: Catalogue,
}

/// Where grants and revokes look their entitlement up.
#[derive(Debug, Clone)]
enum Catalogue {
    /// Nowhere yet: grants and revokes are refused.
    None,
    /// The latest sync of a sync file.
    SyncFile(SyncFile),
    /// The caller vouches for it (see [`Provisioner::trusting_caller`]).
    Caller,
}

/// What a request is about, for its report and its log line.
struct Summary {
    action: &'static str,
    object: String,
    subject: String,
}

impl Provisioner {
    /// A provisioner using `client`. Grants and revokes also need
    /// [`Provisioner::with_sync_file`].
    pub fn new(client: Client, mode: Mode) -> Provisioner {
        Provisioner {
            client,
            mode,
            catalogue: Catalogue::None,
        }
    }

    /// Grants and revokes need no sync file: the caller hands over entitlements it took from
    /// a sync of this connector, as ConductorOne does with the tasks of a self-hosted
    /// connector. Zoom's state is still read before every write.
    #[must_use]
    pub fn trusting_caller(mut self) -> Provisioner {
        self.catalogue = Catalogue::Caller;
        self
    }

    /// The `.c1z` whose latest sync lists the entitlements that may be granted and revoked.
    #[must_use]
    pub fn with_sync_file(self, path: impl Into<PathBuf>) -> Provisioner {
        self.with_sync_file_options(path, ReadOptions::default())
    }

    /// [`Provisioner::with_sync_file`] with read options (temp dir, limits).
    #[must_use]
    pub fn with_sync_file_options(
        mut self,
        path: impl Into<PathBuf>,
        options: ReadOptions,
    ) -> Provisioner {
        self.catalogue = Catalogue::SyncFile(SyncFile {
            path: path.into(),
            options,
        });
        self
    }

    /// Runs one request and logs it as one line.
    pub async fn run(&self, request: &Request) -> Result<Report, ProvisionError> {
        let result = self.execute(request).await;
        let dry_run = self.mode == Mode::DryRun;
        match &result {
            Ok(report) => tracing::info!(
                who = %report.subject,
                what = %format_args!("{} {}", report.action, report.object),
                result = report.outcome.label(),
                dry_run,
                zoom_calls = %calls_text(report),
                "provisioning done"
            ),
            Err(error) => {
                let summary = summarize(request);
                tracing::warn!(
                    who = %summary.subject,
                    what = %format_args!("{} {}", summary.action, summary.object),
                    result = "failed",
                    dry_run,
                    %error,
                    "provisioning failed"
                );
            }
        }
        result
    }

    async fn execute(&self, request: &Request) -> Result<Report, ProvisionError> {
        let planner = Planner {
            client: &self.client,
        };
        let plan = match request {
            Request::Grant {
                entitlement,
                principal,
            } => {
                let entitlement = EntitlementRef::parse(entitlement)?;
                self.plan_change(Direction::Grant, &entitlement, principal)
                    .await?
            }
            Request::Revoke { grant } => {
                let grant = GrantRef::parse(grant)?;
                let principal = Principal::new(grant.principal_type, grant.principal_id);
                self.plan_change(Direction::Revoke, &grant.entitlement, &principal)
                    .await?
            }
            Request::CreateAccount(account) => planner.plan_create(account).await?,
            Request::SetStatus { user, status } => planner.plan_status(user, *status).await?,
            Request::Delete {
                resource_type,
                resource_id,
                options,
            } => match resource_type.as_str() {
                ids::USER => planner.plan_user_delete(resource_id, options).await?,
                ids::INVITE => planner.plan_invite_delete(resource_id, options).await?,
                _ => {
                    return Err(ProvisionError::NotDeletable {
                        resource_type: resource_type.clone(),
                    });
                }
            },
        };
        self.carry_out(summarize(request), plan).await
    }

    /// Steps 1 to 3 of a grant or revoke.
    async fn plan_change(
        &self,
        direction: Direction,
        entitlement: &EntitlementRef,
        principal: &Principal,
    ) -> Result<Plan, ProvisionError> {
        let id = entitlement.to_string();
        let kind = rules(&entitlement.resource_type).ok_or_else(|| {
            ProvisionError::UnknownEntitlement {
                id: id.clone(),
                reason: format!(
                    "resource type {} has no entitlements to grant; these do: group (member, admin), role (member), contactGroup (member), license (assigned)",
                    entitlement.resource_type
                ),
            }
        })?;
        if !kind.slugs.contains(&entitlement.slug.as_str()) {
            return Err(ProvisionError::UnknownEntitlement {
                id,
                reason: format!(
                    "{} entitlements are {}",
                    entitlement.resource_type,
                    kind.slugs.join(", ")
                ),
            });
        }
        if !kind
            .principal_types
            .contains(&principal.resource_type.as_str())
        {
            return Err(ProvisionError::WrongPrincipalType {
                entitlement: id,
                principal_type: principal.resource_type.clone(),
                allowed: kind.principal_types.join(" and "),
            });
        }
        let listed: Listed = match &self.catalogue {
            Catalogue::None => return Err(ProvisionError::NoSyncFile),
            Catalogue::SyncFile(file) => {
                file.lookup(
                    &id,
                    ResourceId::new(&entitlement.resource_type, &entitlement.resource_id),
                    ResourceId::new(&principal.resource_type, &principal.id),
                )
                .await?
            }
            // No file to tell stale entries from typos: messages say "check the id".
            Catalogue::Caller => Listed {
                principal: false,
                resource: false,
            },
        };
        let change = Change {
            direction,
            entitlement,
            principal,
            listed,
        };
        Planner {
            client: &self.client,
        }
        .plan_change(&change)
        .await
    }

    /// Steps 4 and 5: checks the app's scopes, then makes the writes (or, in a dry run,
    /// lists them).
    async fn carry_out(&self, summary: Summary, plan: Plan) -> Result<Report, ProvisionError> {
        self.check_scopes(&plan.writes).await?;
        let mut report = Report {
            action: summary.action,
            object: summary.object,
            subject: plan.subject.unwrap_or(summary.subject),
            outcome: plan.outcome,
            calls: plan.writes.iter().map(Write::call).collect(),
            dry_run: self.mode == Mode::DryRun,
        };
        if report.dry_run {
            return Ok(report);
        }
        report.calls.clear();
        for (i, write) in plan.writes.iter().enumerate() {
            let applied =
                write
                    .apply(&self.client)
                    .await
                    .map_err(|error| ProvisionError::Zoom {
                        call: write.call().to_string(),
                        applied: report.calls.iter().map(ToString::to_string).collect(),
                        error,
                    })?;
            report.calls.push(write.call());
            match applied {
                // The first write found its change already made (by someone else, since
                // we looked): its follow-ups are not ours to make.
                Applied::Unchanged if i == 0 => {
                    report.outcome = report.outcome.already();
                    break;
                }
                Applied::Created(created) => {
                    if let Outcome::Created { user_id, .. } = &mut report.outcome {
                        *user_id = Some(created.id);
                    }
                }
                Applied::Changed | Applied::Unchanged => {}
            }
        }
        Ok(report)
    }

    /// Refuses writes the app has no scope for, before any is made.
    async fn check_scopes(&self, writes: &[Write]) -> Result<(), ProvisionError> {
        if writes.is_empty() {
            return Ok(());
        }
        let granted = self
            .client
            .granted_scopes()
            .await
            .map_err(|e| ProvisionError::read("the OAuth token request", e))?;
        if granted.is_empty() {
            // Zoom listed no scopes with the token, so there is nothing to check against;
            // a write lacking a scope is then refused by Zoom itself (code 4711), which
            // changes nothing either.
            return Ok(());
        }
        let needed: Vec<_> = writes.iter().map(Write::endpoint).collect();
        let mut missing: Vec<String> = missing_scopes(&granted, &needed)
            .into_iter()
            .map(|(_, scope)| scope.to_owned())
            .collect();
        missing.sort_unstable();
        missing.dedup();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(ProvisionError::MissingScopes(missing))
        }
    }
}

/// The action, object and subject of a request as it was given.
fn summarize(request: &Request) -> Summary {
    match request {
        Request::Grant {
            entitlement,
            principal,
        } => Summary {
            action: "grant",
            object: entitlement.clone(),
            subject: principal.to_string(),
        },
        Request::Revoke { grant } => {
            let (object, subject) = match GrantRef::parse(grant) {
                Ok(g) => (
                    g.entitlement.to_string(),
                    format!("{}:{}", g.principal_type, g.principal_id),
                ),
                Err(_) => (grant.clone(), String::new()),
            };
            Summary {
                action: "revoke",
                object,
                subject,
            }
        }
        Request::CreateAccount(account) => Summary {
            action: "create",
            object: ids::USER.to_owned(),
            subject: account.email.clone(),
        },
        Request::SetStatus { user, status } => Summary {
            action: match status {
                AccountStatus::Active => "activate",
                AccountStatus::Inactive => "deactivate",
            },
            object: format!("{}:{user}", ids::USER),
            subject: format!("{}:{user}", ids::USER),
        },
        Request::Delete {
            resource_type,
            resource_id,
            options,
        } => Summary {
            action: match options.action {
                DeleteAction::Disassociate => "disassociate",
                DeleteAction::Delete => "delete",
            },
            object: format!("{resource_type}:{resource_id}"),
            subject: format!("{resource_type}:{resource_id}"),
        },
    }
}

fn calls_text(report: &Report) -> String {
    report
        .calls
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
