//! Provisioning of roles. A Zoom user holds exactly one role: granting a role replaces the
//! one held (reported as such), revoking moves the user back to the Member role. The Owner
//! and Member roles take no direct changes (Zoom answers code 300), so both are refused with
//! the reason before any call that could change anything.

use zoom_api::MemberRef;

use crate::ids::{MEMBER, ROLE, USER};
use crate::provision::planner::{Change, Direction, KindRules, Plan, Planner};
use crate::provision::{Outcome, ProvisionError, Write};

impl Planner<'_> {
    /// Role entitlements: `member`, held by users.
    pub(crate) const ROLE_RULES: KindRules = KindRules {
        slugs: &[MEMBER],
        principal_types: &[USER],
    };

    /// Plans assigning a role to a user or taking it away.
    pub(crate) async fn plan_role(&self, change: &Change<'_>) -> Result<Plan, ProvisionError> {
        let role_id = change.entitlement.resource_id.as_str();
        let roles = self.roles().await?;
        let role = roles
            .get(role_id)
            .ok_or_else(|| ProvisionError::ResourceNotFound {
                resource: format!("{ROLE} {role_id}"),
                in_sync_file: change.listed.resource,
            })?;
        let fixed = |why| ProvisionError::FixedRole {
            role: role.id.clone(),
            name: role.name.clone(),
            verb: change.verb(),
            why,
        };
        if roles.is_owner(role_id) {
            return Err(fixed(
                "Zoom has one owner, and ownership can only be transferred in the Zoom web portal",
            ));
        }
        if role_id == roles.member_id() {
            return Err(fixed(match change.direction {
                Direction::Grant => {
                    "Member is the role users fall back to: revoke the role the user holds instead"
                }
                Direction::Revoke => {
                    "every user holds exactly one role and Member is the default: grant the user another role instead"
                }
            }));
        }
        let user = self.principal_user(change).await?;
        let current = user.role_id.clone().unwrap_or_default();
        if roles.is_owner(&current) {
            return Err(ProvisionError::OwnerProtected {
                user: change.principal.id.clone(),
            });
        }
        let user_id = user.id.clone().unwrap_or_else(|| user.email.clone());
        let entitlement = |id: &str| format!("{ROLE}:{id}:{MEMBER}");
        let plan = change.decide(
            current == role_id,
            (
                Outcome::Replaced {
                    previous: entitlement(&current),
                },
                Write::AssignRole {
                    role: role_id.to_owned(),
                    user: MemberRef::Id(user_id.clone()),
                },
            ),
            (
                Outcome::Reverted {
                    to: entitlement(roles.member_id()),
                },
                Write::UnassignRole {
                    role: role_id.to_owned(),
                    user: user_id,
                },
            ),
        );
        Ok(plan.about(&user))
    }
}
