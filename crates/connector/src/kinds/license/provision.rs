//! Provisioning of licences. A user holds exactly one licence type: granting
//! `license:<type>:assigned` changes the user's type (reporting the one replaced), revoking
//! sets Basic again. Basic cannot be revoked (it is what revokes fall back to) and None (99)
//! cannot be granted (Zoom sets it only for SSO-created users).

use zoom_api::UserUpdate;

use super::License;
use crate::ids::{ASSIGNED, LICENSE, USER};
use crate::provision::planner::{Change, Direction, KindRules, Plan, Planner};
use crate::provision::{Outcome, ProvisionError, Write};

impl Planner<'_> {
    /// Licence entitlements: `assigned`, held by users.
    pub(crate) const LICENSE_RULES: KindRules = KindRules {
        slugs: &[ASSIGNED],
        principal_types: &[USER],
    };

    /// Plans changing a user's licence type.
    pub(crate) async fn plan_license(&self, change: &Change<'_>) -> Result<Plan, ProvisionError> {
        let entitlement = change.entitlement.to_string();
        let wanted =
            License::from_resource_id(&change.entitlement.resource_id).ok_or_else(|| {
                ProvisionError::UnknownEntitlement {
                    id: entitlement.clone(),
                    reason:
                        "licence types are 1 (Basic), 2 (Licensed), 4 (Unassigned) and 99 (None)"
                            .into(),
                }
            })?;
        let refused = |why| ProvisionError::LicenseNotSettable {
            entitlement: entitlement.clone(),
            verb: change.verb(),
            why,
        };
        match (change.direction, wanted) {
            (Direction::Grant, License::NoPlan) => {
                return Err(refused(
                    "Zoom gives type 99 (None) only to users created with ssoCreate; grant license:1:assigned, license:2:assigned or license:4:assigned",
                ));
            }
            (Direction::Revoke, License::Basic) => {
                return Err(refused(
                    "Basic is the licence a revoke falls back to; grant another licence type instead",
                ));
            }
            _ => {}
        }
        let user = self.principal_user(change).await?;
        let user_id = user.id.clone().unwrap_or_else(|| user.email.clone());
        let set = |license: License| Write::UpdateUser {
            user: user_id.clone(),
            update: UserUpdate {
                user_type: Some(license.user_type()),
                ..UserUpdate::default()
            },
        };
        let assigned = |code: i64| format!("{LICENSE}:{code}:{ASSIGNED}");
        let plan = change.decide(
            License::of(user.user_type) == Some(wanted),
            (
                Outcome::Replaced {
                    previous: assigned(user.user_type.code()),
                },
                set(wanted),
            ),
            (
                Outcome::Reverted {
                    to: assigned(License::Basic.user_type().code()),
                },
                set(License::Basic),
            ),
        );
        Ok(plan.about(&user))
    }
}
