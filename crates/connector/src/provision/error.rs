//! Why a provisioning request was refused or failed. Every variant's text names the object
//! at fault and what to do about it; the variants that are raised before any Zoom write
//! guarantee that nothing changed.

use std::path::PathBuf;

use crate::ids::MalformedId;

/// A refused or failed provisioning request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProvisionError {
    /// An entitlement, grant or principal id does not have the SDK's shape.
    #[error(transparent)]
    MalformedId(#[from] MalformedId),

    /// A principal that is neither `type:id` nor a bare user id or email.
    #[error(
        "malformed principal {0:?}: expected <type>:<id> (e.g. user:xyz or group:abc) or a bare user id or email"
    )]
    MalformedPrincipal(String),

    /// The entitlement is not one this connector provisions, or not in the sync file.
    #[error("unknown entitlement id {id}: {reason}")]
    UnknownEntitlement {
        /// The entitlement id as given.
        id: String,
        /// Why it is unknown and where to look for valid ids.
        reason: String,
    },

    /// The principal does not exist in Zoom.
    #[error(
        "principal {principal} not found in Zoom: check the id or email (baton-zoom resources -t {resource_type} lists them; a user deleted since the last sync is gone)"
    )]
    PrincipalNotFound {
        /// `type:id` of the principal as given.
        principal: String,
        /// Its resource type, for the hint.
        resource_type: String,
    },

    /// The principal's resource type cannot hold this entitlement.
    #[error(
        "a principal of type {principal_type} cannot hold {entitlement}: it is granted to {allowed} principals only"
    )]
    WrongPrincipalType {
        /// The entitlement id.
        entitlement: String,
        /// The refused principal type.
        principal_type: String,
        /// The principal types the entitlement is granted to, e.g. `user`.
        allowed: String,
    },

    /// The entitled resource or the target of a user action does not exist in Zoom.
    #[error("{resource} does not exist in Zoom{}", stale_hint(*.in_sync_file))]
    ResourceNotFound {
        /// The resource, e.g. `group abc` or `user x@example.com`.
        resource: String,
        /// Whether the sync file still lists it.
        in_sync_file: bool,
    },

    /// Zoom does not let anyone change the members of the Owner or Member role directly.
    #[error("role {role} ({name}) cannot be {verb}: {why}")]
    FixedRole {
        /// The role id.
        role: String,
        /// The role's name.
        name: String,
        /// `granted` or `revoked`.
        verb: &'static str,
        /// Zoom's rule and what to do instead.
        why: &'static str,
    },

    /// The request would change the account owner, which Zoom forbids.
    #[error(
        "user {user} is the account owner: Zoom does not let an API change the owner's role, status or account; transfer ownership in the Zoom web portal first"
    )]
    OwnerProtected {
        /// The owner's id or email as given.
        user: String,
    },

    /// A licence entitlement that cannot be set this way.
    #[error("{entitlement} cannot be {verb}: {why}")]
    LicenseNotSettable {
        /// The licence entitlement id.
        entitlement: String,
        /// `granted` or `revoked`.
        verb: &'static str,
        /// Why, and what to do instead.
        why: &'static str,
    },

    /// The user is still a pending invitation, which the operation needs accepted.
    #[error("{user} is a pending invitation, not an active user: {why}")]
    PendingUser {
        /// The user's email or id.
        user: String,
        /// What the user has to do first, or the way that does work.
        why: &'static str,
    },

    /// The target is of another kind than the request says.
    #[error("{resource} is {actual}: {fix}")]
    WrongResourceKind {
        /// The resource as named.
        resource: String,
        /// What it really is.
        actual: &'static str,
        /// The request that fits it.
        fix: &'static str,
    },

    /// The request cannot be carried out as given (contact group's last member, transfer
    /// without a target, delete of an invitation ...).
    #[error("{0}")]
    Refused(String),

    /// A resource type this connector cannot create or delete.
    #[error(
        "resource type {resource_type} cannot be deleted: only user (a Zoom user id or email) and invite (a pending user's email) can"
    )]
    NotDeletable {
        /// The resource type as given.
        resource_type: String,
    },

    /// Zoom has no way to create a user with this action and this attribute.
    #[error("action {action} cannot {what}: {instead}")]
    UnsupportedCreate {
        /// Zoom's create action, e.g. `create`.
        action: &'static str,
        /// What the request asked for, e.g. `give the new user a role`.
        what: &'static str,
        /// What to do instead.
        instead: &'static str,
    },

    /// The account-creation profile is not valid.
    #[error("invalid account profile: {0}")]
    InvalidProfile(String),

    /// A required account field is missing.
    #[error("missing required account field {field}: {hint}")]
    MissingField {
        /// The profile key, e.g. `email`.
        field: &'static str,
        /// How to give it.
        hint: &'static str,
    },

    /// The Zoom app lacks scopes the change needs; checked before any write.
    #[error(
        "the Zoom app is missing write scope(s) {}: add them to the Server-to-Server OAuth app in the Zoom App Marketplace and re-activate it; nothing was changed",
        .0.join(", ")
    )]
    MissingScopes(Vec<String>),

    /// Grant and revoke need a sync file to look entitlements up in, and none was given.
    #[error(
        "grant and revoke look entitlements up in the latest sync of a sync file, and none was given: pass --file"
    )]
    NoSyncFile,

    /// Grant and revoke need a sync file to look entitlements up in, and it is missing.
    #[error(
        "sync file {} not found: grant and revoke look entitlements up in the latest sync; run a sync first or point --file at one",
        .path.display()
    )]
    SyncFileMissing {
        /// The path given.
        path: PathBuf,
    },

    /// The sync file could not be read.
    #[error("cannot read sync file {}: {error}", .path.display())]
    SyncFile {
        /// The file.
        path: PathBuf,
        /// What went wrong, part of the message.
        error: c1z::Error,
    },

    /// A Zoom call failed.
    #[error("{call} failed: {error}{}", aftermath(.applied, .error))]
    Zoom {
        /// The call (or the read) that failed.
        call: String,
        /// Writes of the same request that succeeded before it.
        applied: Vec<String>,
        /// Zoom's typed error, part of the message.
        error: zoom_api::Error,
    },
}

impl ProvisionError {
    /// A failed read, before any write.
    pub(crate) fn read(what: impl Into<String>, error: zoom_api::Error) -> ProvisionError {
        ProvisionError::Zoom {
            call: what.into(),
            applied: Vec::new(),
            error,
        }
    }
}

fn stale_hint(in_sync_file: bool) -> &'static str {
    if in_sync_file {
        " (the sync file still lists it: it was deleted since; run a sync)"
    } else {
        ": check the id"
    }
}

/// What the failure left behind: a call that got no clear answer may have been applied, so
/// the fix is to repeat the (idempotent) request; a refused call changed nothing itself.
fn aftermath(applied: &[String], error: &zoom_api::Error) -> String {
    let unsure = matches!(
        error,
        zoom_api::Error::Transport { .. } | zoom_api::Error::Server { .. }
    );
    let mut text = if unsure {
        "; Zoom may or may not have applied it: run the same request again, repeating it is safe"
            .to_owned()
    } else if applied.is_empty() {
        "; nothing was changed".to_owned()
    } else {
        String::new()
    };
    if !applied.is_empty() {
        text.push_str("; these changes were made before it and stay: ");
        text.push_str(&applied.join("; "));
    }
    text
}
