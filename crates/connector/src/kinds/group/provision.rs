//! Provisioning of groups: `member` adds or removes a user, `admin` makes a user a group
//! admin or takes it back. Membership is read from the user (`group_ids`); admins from the
//! group's admin list, which names admins by email.

use futures::TryStreamExt;
use zoom_api::{MemberRef, StartAt, User};

use crate::ids::{ADMIN, GROUP, MEMBER, USER};
use crate::provision::planner::{Change, KindRules, Plan, Planner};
use crate::provision::{Outcome, ProvisionError, Write};

impl Planner<'_> {
    /// Group entitlements: `member` and `admin`, held by users.
    pub(crate) const GROUP_RULES: KindRules = KindRules {
        slugs: &[MEMBER, ADMIN],
        principal_types: &[USER],
    };

    /// Plans adding or removing a group member or admin.
    pub(crate) async fn plan_group(&self, change: &Change<'_>) -> Result<Plan, ProvisionError> {
        let group_id = change.entitlement.resource_id.as_str();
        self.group(group_id, || ProvisionError::ResourceNotFound {
            resource: format!("{GROUP} {group_id}"),
            in_sync_file: change.listed.resource,
        })
        .await?;
        let user = self.principal_user(change).await?;
        let user_id = user.id.clone().unwrap_or_else(|| user.email.clone());
        let (group, member) = (group_id.to_owned(), MemberRef::Id(user_id.clone()));
        let (held, add, remove) = if change.entitlement.slug == ADMIN {
            (
                self.is_group_admin(group_id, &user).await?,
                Write::AddGroupAdmin {
                    group: group.clone(),
                    user: member,
                },
                Write::RemoveGroupAdmin {
                    group,
                    user: user_id,
                },
            )
        } else {
            (
                user.group_ids.iter().any(|g| g == group_id),
                Write::AddGroupMember {
                    group: group.clone(),
                    user: member,
                },
                Write::RemoveGroupMember {
                    group,
                    user: user_id,
                },
            )
        };
        let plan = change.decide(held, (Outcome::Granted, add), (Outcome::Revoked, remove));
        Ok(plan.about(&user))
    }

    /// Whether `user` is an admin of the group. Zoom lists admins by email (an id, when
    /// present, is matched too).
    async fn is_group_admin(&self, group_id: &str, user: &User) -> Result<bool, ProvisionError> {
        let mut pages = self.client.groups().admins(group_id, StartAt::Beginning);
        while let Some(page) = pages
            .try_next()
            .await
            .map_err(|e| ProvisionError::read(format!("GET /groups/{group_id}/admins"), e))?
        {
            if page.items.iter().any(|admin| {
                admin.email.eq_ignore_ascii_case(&user.email)
                    || (admin.id.is_some() && admin.id == user.id)
            }) {
                return Ok(true);
            }
        }
        Ok(false)
    }
}
