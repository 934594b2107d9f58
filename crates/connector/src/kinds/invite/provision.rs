//! Provisioning of invitations (pending users, known by email): they can be removed, which
//! Zoom does by disassociating them. Nothing else can be done to an invitation.

use zoom_api::{DeleteAction, UserStatus};

use crate::ids::INVITE;
use crate::provision::planner::{Plan, Planner};
use crate::provision::{DeleteOptions, Outcome, ProvisionError, Write};

impl Planner<'_> {
    /// Plans removing the invitation of `email`. An invitation that is gone (removed, or
    /// never sent) is already deleted; one that was accepted is a user and is refused.
    pub(crate) async fn plan_invite_delete(
        &self,
        email: &str,
        options: &DeleteOptions,
    ) -> Result<Plan, ProvisionError> {
        if options.action != DeleteAction::Disassociate || options.transfer.is_some() {
            return Err(ProvisionError::Refused(format!(
                "invitation {email} can only be removed with action disassociate and no transfer: Zoom cannot delete invitations, and they own no data"
            )));
        }
        let Some(user) = self.any_user(email).await? else {
            return Ok(Plan::unchanged(Outcome::AlreadyDeleted));
        };
        if user.status != Some(UserStatus::Pending) {
            return Err(ProvisionError::WrongResourceKind {
                resource: format!("{INVITE}:{email}"),
                actual: "a user who accepted the invitation",
                fix: "delete it as resource type user",
            });
        }
        Ok(Plan::write(
            Outcome::Deleted,
            Write::DeleteUser {
                user: user.email,
                action: DeleteAction::Disassociate,
                transfer: None,
            },
        ))
    }
}
