//! Provisioning of contact groups: `member` adds or removes a user (Zoom member type 1) or a
//! whole group (type 2). Membership is read from the contact group's member list; Zoom
//! refuses to remove a contact group's last member, so that is refused up front.

use futures::TryStreamExt;
use zoom_api::{ContactGroupMember, ContactMemberType, StartAt};

use crate::ids::{CONTACT_GROUP, GROUP, MEMBER, USER};
use crate::provision::planner::{Change, Direction, KindRules, Plan, Planner};
use crate::provision::{Outcome, ProvisionError, Write};

impl Planner<'_> {
    /// Contact-group entitlements: `member`, held by users and groups.
    pub(crate) const CONTACT_GROUP_RULES: KindRules = KindRules {
        slugs: &[MEMBER],
        principal_types: &[USER, GROUP],
    };

    /// Plans adding a user or group to a contact group, or removing it.
    pub(crate) async fn plan_contact_group(
        &self,
        change: &Change<'_>,
    ) -> Result<Plan, ProvisionError> {
        let contact_group = change.entitlement.resource_id.as_str();
        let members = self.contact_members(change, contact_group).await?;
        let (member_type, member_id, user) = if change.principal.resource_type == GROUP {
            let id = change.principal.id.as_str();
            self.group(id, || ProvisionError::PrincipalNotFound {
                principal: change.principal.to_string(),
                resource_type: GROUP.to_owned(),
            })
            .await?;
            (ContactMemberType::Group, id.to_owned(), None)
        } else {
            let user = self.principal_user(change).await?;
            let id = user.id.clone().unwrap_or_else(|| user.email.clone());
            (ContactMemberType::User, id, Some(user))
        };
        let held = members
            .iter()
            .any(|m| m.member_type == member_type && m.id == member_id);
        if change.direction == Direction::Revoke && held && members.len() == 1 {
            return Err(ProvisionError::Refused(format!(
                "{} is the last member of contact group {contact_group}, and Zoom does not let a contact group lose its last member: add another member first",
                change.principal
            )));
        }
        let plan = change.decide(
            held,
            (
                Outcome::Granted,
                Write::AddContactMember {
                    group: contact_group.to_owned(),
                    member: ContactGroupMember {
                        member_type,
                        id: member_id.clone(),
                        name: None,
                    },
                },
            ),
            (
                Outcome::Revoked,
                Write::RemoveContactMember {
                    group: contact_group.to_owned(),
                    member: member_id,
                },
            ),
        );
        Ok(match &user {
            Some(user) => plan.about(user),
            None => plan,
        })
    }

    /// Every member of a contact group that must exist.
    async fn contact_members(
        &self,
        change: &Change<'_>,
        contact_group: &str,
    ) -> Result<Vec<ContactGroupMember>, ProvisionError> {
        let mut members = Vec::new();
        let mut pages = self
            .client
            .contact_groups()
            .members(contact_group, StartAt::Beginning);
        loop {
            match pages.try_next().await {
                Ok(Some(page)) => {
                    if page.restarted {
                        members.clear();
                    }
                    members.extend(page.items);
                }
                Ok(None) => return Ok(members),
                Err(zoom_api::Error::NotFound { .. }) => {
                    return Err(ProvisionError::ResourceNotFound {
                        resource: format!("{CONTACT_GROUP} {contact_group}"),
                        in_sync_file: change.listed.resource,
                    });
                }
                Err(e) => {
                    return Err(ProvisionError::read(
                        format!("GET /contacts/groups/{contact_group}/members"),
                        e,
                    ));
                }
            }
        }
    }
}
