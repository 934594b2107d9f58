//! Provisioning of users: create (invite, or create active with `autoCreate`, `custCreate`,
//! `ssoCreate`, optionally into a first group and role), activate and deactivate, and
//! delete (disassociate or delete, with data transfers). Every action reads the user from
//! Zoom first, so a stale sync file never decides what happens to an account.
//!
//! What each create action can set, as Zoom allows it:
//!
//! | action | licence None (99) | first group | first role |
//! |---|---|---|---|
//! | `create` (invitation) | refused | `PATCH /users/{email}` `group_id` (joined on accepting) | refused: grant it once accepted |
//! | `autoCreate`, `custCreate` | refused | `POST /groups/{id}/members` | `POST /roles/{id}/members` |
//! | `ssoCreate` | yes | `POST /groups/{id}/members` | `POST /roles/{id}/members` |
//!
//! Zoom's group member and role APIs refuse users who have not accepted their invitation;
//! Zoom documents `group_id` on `PATCH /users/{userId}` for exactly those, and nothing that
//! gives them a role. Refusals come before any call, naming what to do instead.

use zoom_api::{
    CreateAction, MemberRef, NewUser, NewUserInfo, StatusAction, User, UserStatus, UserType,
    UserUpdate,
};

use crate::ids::{GROUP, ROLE, USER};
use crate::provision::planner::{Plan, Planner, owns_account};
use crate::provision::{AccountStatus, DeleteOptions, NewAccount, Outcome, ProvisionError, Write};

/// Zoom's length limits of `user_info` fields.
const MAX_EMAIL: usize = 128;
const MAX_NAME: usize = 64;
const MAX_DISPLAY_NAME: usize = 128;

impl Planner<'_> {
    /// Plans creating a user, then adding it to its first group and role (by email, which
    /// Zoom accepts in both, so a dry run shows the exact calls).
    pub(crate) async fn plan_create(&self, account: &NewAccount) -> Result<Plan, ProvisionError> {
        check_account(account)?;
        if let Some(existing) = self.any_user(&account.email).await? {
            let outcome = Outcome::AlreadyExists {
                user_id: existing.id.clone(),
            };
            return Ok(Plan::unchanged(outcome));
        }
        let mut follow_ups = Vec::new();
        if let Some(group_id) = &account.group_id {
            self.group(group_id, || ProvisionError::ResourceNotFound {
                resource: format!("{GROUP} {group_id}"),
                in_sync_file: false,
            })
            .await?;
            follow_ups.push(match account.action {
                // An invitation joins its group through the user: `{userId}` takes the email,
                // which is how a pending user is known before it has an id of its own in
                // listings. (Zoom documents email for `{userId}` in general; the created
                // user's id would do as well.)
                CreateAction::Create => Write::UpdateUser {
                    user: account.email.clone(),
                    update: UserUpdate {
                        group_id: Some(group_id.clone()),
                        ..UserUpdate::default()
                    },
                },
                _ => Write::AddGroupMember {
                    group: group_id.clone(),
                    user: MemberRef::Email(account.email.clone()),
                },
            });
        }
        if let Some(role_id) = &account.role_id {
            let roles = self.roles().await?;
            let role = roles
                .get(role_id)
                .ok_or_else(|| ProvisionError::ResourceNotFound {
                    resource: format!("{ROLE} {role_id}"),
                    in_sync_file: false,
                })?;
            if roles.is_owner(role_id) {
                return Err(ProvisionError::FixedRole {
                    role: role.id.clone(),
                    name: role.name.clone(),
                    verb: "granted",
                    why: "Zoom has one owner, and ownership can only be transferred in the Zoom web portal",
                });
            }
            // New users hold Member already; assigning it would be refused by Zoom.
            if role_id != roles.member_id() {
                follow_ups.push(Write::AssignRole {
                    role: role_id.clone(),
                    user: MemberRef::Email(account.email.clone()),
                });
            }
        }
        let create = Write::CreateUser(NewUser {
            action: account.action,
            user_info: NewUserInfo {
                email: account.email.clone(),
                user_type: account.license,
                first_name: account.first_name.clone(),
                last_name: account.last_name.clone(),
                display_name: account.display_name.clone(),
            },
        });
        let mut plan = Plan::write(
            Outcome::Created {
                user_id: None,
                pending: account.action == CreateAction::Create,
            },
            create,
        );
        plan.writes.extend(follow_ups);
        Ok(plan)
    }

    /// Plans activating or deactivating a user.
    pub(crate) async fn plan_status(
        &self,
        key: &str,
        status: AccountStatus,
    ) -> Result<Plan, ProvisionError> {
        let user = self.target_user(key).await?;
        if user.status == Some(UserStatus::Pending) {
            return Err(ProvisionError::PendingUser {
                user: user.email,
                why: "an invitation has no status to change; remove it with `invite delete` if it is not wanted",
            });
        }
        if owns_account(&user) {
            return Err(ProvisionError::OwnerProtected {
                user: key.to_owned(),
            });
        }
        let user_id = user.id.clone().unwrap_or_else(|| user.email.clone());
        let active = user.status == Some(UserStatus::Active);
        let plan = match (status, active) {
            (AccountStatus::Active, true) => Plan::unchanged(Outcome::AlreadyActive),
            (AccountStatus::Inactive, false) => Plan::unchanged(Outcome::AlreadyInactive),
            (AccountStatus::Active, false) => Plan::write(
                Outcome::Activated,
                Write::SetStatus {
                    user: user_id,
                    action: StatusAction::Activate,
                },
            ),
            (AccountStatus::Inactive, true) => Plan::write(
                Outcome::Deactivated,
                Write::SetStatus {
                    user: user_id,
                    action: StatusAction::Deactivate,
                },
            ),
        };
        Ok(plan.about(&user))
    }

    /// Plans disassociating or deleting a user. A user that is not in Zoom (any more) is
    /// already deleted; a transfer target must exist and be someone else.
    pub(crate) async fn plan_user_delete(
        &self,
        key: &str,
        options: &DeleteOptions,
    ) -> Result<Plan, ProvisionError> {
        if let Some(transfer) = &options.transfer
            && transfer.data.is_empty()
        {
            return Err(ProvisionError::Refused(format!(
                "a transfer to {} needs the data to transfer: meetings, webinars, recordings and/or whiteboards",
                transfer.to_email
            )));
        }
        let Some(user) = self.any_user(key).await? else {
            return Ok(Plan::unchanged(Outcome::AlreadyDeleted));
        };
        if user.status == Some(UserStatus::Pending)
            && options.action == zoom_api::DeleteAction::Delete
        {
            return Err(ProvisionError::PendingUser {
                user: user.email,
                why: "Zoom only disassociates invitations: delete it with action disassociate",
            });
        }
        if owns_account(&user) {
            return Err(ProvisionError::OwnerProtected {
                user: key.to_owned(),
            });
        }
        if let Some(transfer) = &options.transfer {
            if transfer.to_email.eq_ignore_ascii_case(&user.email) {
                return Err(ProvisionError::Refused(format!(
                    "cannot transfer {}'s data to the user being deleted: pick another user",
                    user.email
                )));
            }
            if self.any_user(&transfer.to_email).await?.is_none() {
                return Err(ProvisionError::ResourceNotFound {
                    resource: format!("transfer target {}", transfer.to_email),
                    in_sync_file: false,
                });
            }
        }
        let write = Write::DeleteUser {
            user: user.id.clone().unwrap_or_else(|| user.email.clone()),
            action: options.action,
            transfer: options.transfer.clone(),
        };
        Ok(Plan::write(Outcome::Deleted, write).about(&user))
    }

    /// The user a user action targets; it must exist.
    async fn target_user(&self, key: &str) -> Result<User, ProvisionError> {
        self.any_user(key)
            .await?
            .ok_or_else(|| ProvisionError::ResourceNotFound {
                resource: format!("{USER} {key}"),
                in_sync_file: false,
            })
    }
}

/// Checks what Zoom would refuse about a new account, before any call.
fn check_account(account: &NewAccount) -> Result<(), ProvisionError> {
    let invalid = |why: String| Err(ProvisionError::InvalidProfile(why));
    let email = account.email.as_str();
    let plausible = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
    }) && !email.contains(char::is_whitespace);
    if !plausible || email.chars().count() > MAX_EMAIL {
        return invalid(format!(
            "email {email:?} is not an address of at most {MAX_EMAIL} characters such as john.doe@example.com"
        ));
    }
    let names = [
        ("first_name", &account.first_name, MAX_NAME),
        ("last_name", &account.last_name, MAX_NAME),
        ("display_name", &account.display_name, MAX_DISPLAY_NAME),
    ];
    for (key, value, max) in names {
        if value.as_ref().is_some_and(|v| v.chars().count() > max) {
            return invalid(format!("{key} is longer than Zoom's {max} characters"));
        }
    }
    if account.license == UserType::NoPlan && account.action != CreateAction::SsoCreate {
        return Err(ProvisionError::UnsupportedCreate {
            action: account.action.as_str(),
            what: "give licence none (99)",
            instead: "Zoom takes licence none only with action ssoCreate: use ssoCreate, or another licence",
        });
    }
    if account.action == CreateAction::Create && account.role_id.is_some() {
        return Err(ProvisionError::UnsupportedCreate {
            action: "create",
            what: "give the invited user a role",
            instead: "Zoom gives an invitation no role (it holds Member until accepted): grant role:<id>:member once the invitation is accepted, or create with autoCreate, custCreate or ssoCreate, which take a first role at once",
        });
    }
    Ok(())
}
