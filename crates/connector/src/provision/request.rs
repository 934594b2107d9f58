//! What a caller can ask provisioning to do, in baton's terms: grant an entitlement to a
//! principal, revoke a grant, create an account, change a user's status, delete a resource.
//!
//! Requests carry ids as the caller typed them; parsing and every check happen when the
//! request runs, so that all refusals come back as typed [`super::ProvisionError`]s.

use std::fmt;

use zoom_api::{CreateAction, DeleteAction, UserType};

use super::ProvisionError;
use crate::ids;

/// One provisioning request.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Grant `entitlement` (`type:id:slug`) to `principal`.
    Grant {
        /// Entitlement id, e.g. `group:abc:member`.
        entitlement: String,
        /// Who receives it.
        principal: Principal,
    },
    /// Revoke a grant, named by its id (`type:id:slug:principalType:principalId`).
    Revoke {
        /// Grant id, e.g. `group:abc:member:user:xyz`.
        grant: String,
    },
    /// Create (or invite) a Zoom user.
    CreateAccount(NewAccount),
    /// Activate or deactivate a user.
    SetStatus {
        /// Zoom user id or email.
        user: String,
        /// The status wanted.
        status: AccountStatus,
    },
    /// Delete a resource: a `user` (disassociate or delete) or an `invite`.
    Delete {
        /// Resource type id: `user` or `invite`.
        resource_type: String,
        /// Zoom user id or email (`user`), or the invited email (`invite`).
        resource_id: String,
        /// How to delete.
        options: DeleteOptions,
    },
}

/// A principal named by type and id. Users may be named by email; the id Zoom returns for it
/// is used from then on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// Resource type id, e.g. `user` or `group`.
    pub resource_type: String,
    /// Id (or, for users, email).
    pub id: String,
}

impl Principal {
    /// A principal of type `resource_type`.
    pub fn new(resource_type: impl Into<String>, id: impl Into<String>) -> Principal {
        Principal {
            resource_type: resource_type.into(),
            id: id.into(),
        }
    }

    /// Parses `type:id`, or a bare user id or email (which names a user).
    pub fn parse(text: &str) -> Result<Principal, ProvisionError> {
        match text.split_once(':') {
            None if !text.trim().is_empty() => Ok(Principal::new(ids::USER, text.trim())),
            Some((kind, id)) if !kind.is_empty() && !id.is_empty() && !id.contains(':') => {
                Ok(Principal::new(kind, id))
            }
            _ => Err(ProvisionError::MalformedPrincipal(text.to_owned())),
        }
    }
}

impl fmt::Display for Principal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.resource_type, self.id)
    }
}

/// A user to create. Build it from a baton account profile with
/// [`super::NewAccount::from_profile`] or field by field.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAccount {
    /// Email (the user's login).
    pub email: String,
    /// How Zoom creates the user: `Create` invites (pending until accepted); the others
    /// create an active user.
    pub action: CreateAction,
    /// Licence type.
    pub license: UserType,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Display name (Zoom defaults to "first last").
    pub display_name: Option<String>,
    /// A group to add the new user to.
    pub group_id: Option<String>,
    /// A role to give the new user (instead of Member).
    pub role_id: Option<String>,
}

impl NewAccount {
    /// An invitation of `email` with a Basic licence and nothing else set.
    pub fn invite(email: impl Into<String>) -> NewAccount {
        NewAccount {
            email: email.into(),
            action: CreateAction::Create,
            license: UserType::Basic,
            first_name: None,
            last_name: None,
            display_name: None,
            group_id: None,
            role_id: None,
        }
    }
}

/// A user status a request can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountStatus {
    /// Active: can sign in.
    Active,
    /// Deactivated: cannot sign in, holds no licence.
    Inactive,
}

/// How to delete a user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeleteOptions {
    /// Disassociate (Zoom's default; the user keeps a free account) or delete permanently.
    pub action: DeleteAction,
    /// Data to hand over to another user first.
    pub transfer: Option<Transfer>,
}

/// A transfer of a deleted user's data to another user of the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    /// Email of the user receiving the data.
    pub to_email: String,
    /// What to transfer; at least one item.
    pub data: Vec<TransferData>,
}

/// What a transfer hands over; each is one of Zoom's `transfer_*` delete parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TransferData {
    /// Upcoming meetings (`transfer_meeting`).
    Meetings,
    /// Upcoming webinars (`transfer_webinar`).
    Webinars,
    /// Cloud recordings (`transfer_recording`).
    Recordings,
    /// Whiteboards (`transfer_whiteboard`).
    Whiteboards,
}

impl TransferData {
    /// Every kind of data, in Zoom's parameter order.
    pub const ALL: [TransferData; 4] = [
        TransferData::Meetings,
        TransferData::Webinars,
        TransferData::Recordings,
        TransferData::Whiteboards,
    ];

    /// Zoom's query parameter for this data.
    pub fn parameter(self) -> &'static str {
        match self {
            TransferData::Meetings => "transfer_meeting",
            TransferData::Webinars => "transfer_webinar",
            TransferData::Recordings => "transfer_recording",
            TransferData::Whiteboards => "transfer_whiteboard",
        }
    }
}

impl Transfer {
    /// The query parameters of `DELETE /users/{userId}` for this transfer.
    pub(crate) fn query(&self) -> Vec<(&'static str, String)> {
        let mut query = vec![("transfer_email", self.to_email.clone())];
        for data in TransferData::ALL {
            if self.data.contains(&data) {
                query.push((data.parameter(), "true".to_owned()));
            }
        }
        query
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principals_parse_typed_or_bare() {
        assert_eq!(
            Principal::parse("group:g1").unwrap(),
            Principal::new("group", "g1")
        );
        assert_eq!(
            Principal::parse("ada@example.com").unwrap(),
            Principal::new("user", "ada@example.com")
        );
        assert_eq!(
            Principal::parse("KDcuGIm1QgePTO8WbOqwIQ").unwrap(),
            Principal::new("user", "KDcuGIm1QgePTO8WbOqwIQ")
        );
        for bad in ["", "user:", ":x", "user:a:b"] {
            let err = Principal::parse(bad).unwrap_err();
            assert!(err.to_string().contains("user:xyz"), "{err}");
        }
    }
}
