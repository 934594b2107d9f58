//! The Zoom writes provisioning makes, as data: each one can show itself as the exact HTTP
//! call (for dry runs and logs), name the endpoint it needs scopes for, and be applied
//! through the Zoom client.
//!
//! Keeping writes as values is what makes `--dry-run` exact: the planner decides the same
//! list of writes either way, and only the last step differs (print or apply).

use std::fmt;

use serde::Serialize;
use zoom_api::{
    Client, ContactGroupMember, CreatedUser, DeleteAction, Endpoint, MemberRef, NewUser,
    StatusAction, UserUpdate,
};

use super::request::Transfer;

/// One HTTP call to Zoom, as Zoom's API reference writes it: the method, the path below the
/// API base (`https://api.zoom.us/v2`), the query and the JSON body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ZoomCall {
    /// `POST`, `PATCH`, `PUT` or `DELETE`.
    pub method: &'static str,
    /// Path below the API base, e.g. `/groups/abc/members`.
    pub path: String,
    /// Query parameters, in the order sent.
    pub query: Vec<(&'static str, String)>,
    /// JSON body, if any.
    pub body: Option<serde_json::Value>,
}

impl fmt::Display for ZoomCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)?;
        for (i, (key, value)) in self.query.iter().enumerate() {
            write!(f, "{}{key}={value}", if i == 0 { '?' } else { '&' })?;
        }
        if let Some(body) = &self.body {
            write!(f, " {body}")?;
        }
        Ok(())
    }
}

/// A change to make in Zoom.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Write {
    /// Add a user to a group.
    AddGroupMember { group: String, user: MemberRef },
    /// Remove a user from a group.
    RemoveGroupMember { group: String, user: String },
    /// Make a user a group admin.
    AddGroupAdmin { group: String, user: MemberRef },
    /// Take a user's group-admin rights.
    RemoveGroupAdmin { group: String, user: String },
    /// Give a user a role (replacing the one held).
    AssignRole { role: String, user: MemberRef },
    /// Take a role from a user (who falls back to Member).
    UnassignRole { role: String, user: String },
    /// Add a user or group to a contact group.
    AddContactMember {
        group: String,
        member: ContactGroupMember,
    },
    /// Remove a user or group from a contact group.
    RemoveContactMember { group: String, member: String },
    /// Change a user's fields (the licence type).
    UpdateUser { user: String, update: UserUpdate },
    /// Create or invite a user.
    CreateUser(NewUser),
    /// Activate or deactivate a user.
    SetStatus { user: String, action: StatusAction },
    /// Disassociate or delete a user, optionally transferring their data.
    DeleteUser {
        user: String,
        action: DeleteAction,
        transfer: Option<Transfer>,
    },
}

/// What Zoom reported a write did.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Applied {
    /// The change was made.
    Changed,
    /// Zoom already was in the requested state (a concurrent change got there first).
    Unchanged,
    /// A user was created.
    Created(CreatedUser),
}

impl Write {
    /// The exact HTTP call this write makes.
    pub(crate) fn call(&self) -> ZoomCall {
        let member_body = |key: &str, member: &MemberRef| serde_json::json!({ key: [member] });
        match self {
            Write::AddGroupMember { group, user } => post(
                path(&["groups", group, "members"]),
                member_body("members", user),
            ),
            Write::RemoveGroupMember { group, user } => {
                delete(path(&["groups", group, "members", user]))
            }
            Write::AddGroupAdmin { group, user } => post(
                path(&["groups", group, "admins"]),
                member_body("admins", user),
            ),
            Write::RemoveGroupAdmin { group, user } => {
                delete(path(&["groups", group, "admins", user]))
            }
            Write::AssignRole { role, user } => post(
                path(&["roles", role, "members"]),
                member_body("members", user),
            ),
            Write::UnassignRole { role, user } => delete(path(&["roles", role, "members", user])),
            Write::AddContactMember { group, member } => post(
                path(&["contacts", "groups", group, "members"]),
                serde_json::json!({ "group_members": [member] }),
            ),
            Write::RemoveContactMember { group, member } => ZoomCall {
                query: vec![("member_ids", member.clone())],
                ..delete(path(&["contacts", "groups", group, "members"]))
            },
            Write::UpdateUser { user, update } => ZoomCall {
                body: Some(to_json(update)),
                ..call("PATCH", path(&["users", user]))
            },
            Write::CreateUser(user) => post(path(&["users"]), to_json(user)),
            Write::SetStatus { user, action } => ZoomCall {
                body: Some(serde_json::json!({ "action": action })),
                ..call("PUT", path(&["users", user, "status"]))
            },
            Write::DeleteUser {
                user,
                action,
                transfer,
            } => {
                let mut query = vec![("action", action.as_str().to_owned())];
                if let Some(transfer) = transfer {
                    query.extend(transfer.query());
                }
                ZoomCall {
                    query,
                    ..delete(path(&["users", user]))
                }
            }
        }
    }

    /// The operation, whose scopes the app must hold.
    pub(crate) fn endpoint(&self) -> Endpoint {
        match self {
            Write::AddGroupMember { .. } => Endpoint::GroupMembersCreate,
            Write::RemoveGroupMember { .. } => Endpoint::GroupMembersDelete,
            Write::AddGroupAdmin { .. } => Endpoint::GroupAdminsCreate,
            Write::RemoveGroupAdmin { .. } => Endpoint::GroupAdminsDelete,
            Write::AssignRole { .. } => Endpoint::AddRoleMembers,
            Write::UnassignRole { .. } => Endpoint::RoleMemberDelete,
            Write::AddContactMember { .. } => Endpoint::ContactGroupMemberAdd,
            Write::RemoveContactMember { .. } => Endpoint::ContactGroupMemberRemove,
            Write::UpdateUser { .. } => Endpoint::UserUpdate,
            Write::CreateUser(_) => Endpoint::UserCreate,
            Write::SetStatus { .. } => Endpoint::UserStatus,
            Write::DeleteUser { .. } => Endpoint::UserDelete,
        }
    }

    /// Makes the change in Zoom. Answers that say the change was already there (an add
    /// that added nobody, a remove of something absent) are `Unchanged`, not errors.
    pub(crate) async fn apply(&self, client: &Client) -> Result<Applied, zoom_api::Error> {
        let added = |ids: &[String], member: &MemberRef| match member {
            MemberRef::Id(id) if !ids.contains(id) => Applied::Unchanged,
            _ if ids.is_empty() => Applied::Unchanged,
            _ => Applied::Changed,
        };
        let removed = |result: Result<(), zoom_api::Error>| match result {
            Ok(()) => Ok(Applied::Changed),
            Err(zoom_api::Error::NotFound { .. }) => Ok(Applied::Unchanged),
            Err(e) => Err(e),
        };
        match self {
            Write::AddGroupMember { group, user } => {
                let answer = client
                    .groups()
                    .add_members(group, std::slice::from_ref(user))
                    .await?;
                Ok(added(&answer.ids, user))
            }
            Write::RemoveGroupMember { group, user } => {
                removed(client.groups().remove_member(group, user).await)
            }
            Write::AddGroupAdmin { group, user } => {
                let answer = client
                    .groups()
                    .add_admins(group, std::slice::from_ref(user))
                    .await?;
                Ok(added(&answer.ids, user))
            }
            Write::RemoveGroupAdmin { group, user } => {
                removed(client.groups().remove_admin(group, user).await)
            }
            Write::AssignRole { role, user } => {
                let answer = client
                    .roles()
                    .assign(role, std::slice::from_ref(user))
                    .await?;
                Ok(added(&answer.ids, user))
            }
            Write::UnassignRole { role, user } => {
                removed(client.roles().unassign(role, user).await)
            }
            Write::AddContactMember { group, member } => {
                let ids = client
                    .contact_groups()
                    .add_members(group, std::slice::from_ref(member))
                    .await?;
                Ok(added(&ids, &MemberRef::Id(member.id.clone())))
            }
            Write::RemoveContactMember { group, member } => {
                client
                    .contact_groups()
                    .remove_members(group, std::slice::from_ref(member))
                    .await?;
                Ok(Applied::Changed)
            }
            Write::UpdateUser { user, update } => {
                client.users().update(user, update).await?;
                Ok(Applied::Changed)
            }
            Write::CreateUser(user) => match client.users().create(user).await {
                Ok(created) => Ok(Applied::Created(created)),
                Err(zoom_api::Error::AlreadyExists { .. }) => Ok(Applied::Unchanged),
                Err(e) => Err(e),
            },
            Write::SetStatus { user, action } => {
                client.users().set_status(user, *action).await?;
                Ok(Applied::Changed)
            }
            Write::DeleteUser {
                user,
                action,
                transfer: None,
            } => removed(client.users().delete(user, *action).await),
            Write::DeleteUser {
                user,
                action,
                transfer: Some(transfer),
            } => {
                let items: Vec<&'static str> =
                    transfer.data.iter().map(|item| item.parameter()).collect();
                removed(
                    client
                        .users()
                        .delete_transferring(user, *action, &transfer.to_email, &items)
                        .await,
                )
            }
        }
    }
}

fn call(method: &'static str, path: String) -> ZoomCall {
    ZoomCall {
        method,
        path,
        query: Vec::new(),
        body: None,
    }
}

fn post(path: String, body: serde_json::Value) -> ZoomCall {
    ZoomCall {
        body: Some(body),
        ..call("POST", path)
    }
}

fn delete(path: String) -> ZoomCall {
    call("DELETE", path)
}

/// `/a/b/c` from segments, each percent-encoded with the URL standard's path-segment set,
/// as the client encodes them (so `@` in an email stays, `/` and spaces do not).
fn path(segments: &[&str]) -> String {
    segments.iter().fold(String::new(), |mut out, segment| {
        out.push('/');
        for byte in segment.bytes() {
            if !(0x20..0x7F).contains(&byte) || b" \"#<>?`{}/%".contains(&byte) {
                out.push_str(&format!("%{byte:02X}"));
            } else {
                out.push(char::from(byte));
            }
        }
        out
    })
}

fn to_json<T: Serialize>(body: &T) -> serde_json::Value {
    serde_json::to_value(body)
        .expect("Zoom request bodies are plain structs of strings and numbers")
}

#[cfg(test)]
mod tests {
    use zoom_api::{CreateAction, NewUserInfo, UserType};

    use super::*;

    #[test]
    fn calls_show_method_path_query_and_body() {
        let add = Write::AddGroupMember {
            group: "g1".into(),
            user: MemberRef::Id("u1".into()),
        };
        assert_eq!(
            add.call().to_string(),
            r#"POST /groups/g1/members {"members":[{"id":"u1"}]}"#
        );
        let remove = Write::RemoveContactMember {
            group: "dir.x".into(),
            member: "u1".into(),
        };
        assert_eq!(
            remove.call().to_string(),
            "DELETE /contacts/groups/dir.x/members?member_ids=u1"
        );
        let delete = Write::DeleteUser {
            user: "a b/c@example.com".into(),
            action: DeleteAction::Delete,
            transfer: None,
        };
        assert_eq!(
            delete.call().to_string(),
            "DELETE /users/a%20b%2Fc@example.com?action=delete"
        );
        let status = Write::SetStatus {
            user: "u1".into(),
            action: StatusAction::Deactivate,
        };
        assert_eq!(
            status.call().to_string(),
            r#"PUT /users/u1/status {"action":"deactivate"}"#
        );
    }

    #[test]
    fn create_body_is_zoom_shape() {
        let create = Write::CreateUser(NewUser {
            action: CreateAction::SsoCreate,
            user_info: NewUserInfo {
                email: "a@b.c".into(),
                user_type: UserType::Licensed,
                first_name: Some("A".into()),
                last_name: None,
                display_name: None,
            },
        });
        let call = create.call();
        assert_eq!((call.method, call.path.as_str()), ("POST", "/users"));
        assert_eq!(
            call.body,
            Some(serde_json::json!({
                "action": "ssoCreate",
                "user_info": {"email": "a@b.c", "first_name": "A", "type": 2}
            }))
        );
        assert_eq!(create.endpoint(), Endpoint::UserCreate);
    }

    #[test]
    fn transfers_are_sent_as_zoom_delete_parameters() {
        let transfer = Transfer {
            to_email: "t@example.com".into(),
            data: vec![super::super::request::TransferData::Recordings],
        };
        let write = Write::DeleteUser {
            user: "u1".into(),
            action: DeleteAction::Delete,
            transfer: Some(transfer),
        };
        assert_eq!(
            write.call().to_string(),
            "DELETE /users/u1?action=delete&transfer_email=t@example.com&transfer_recording=true"
        );
    }
}
