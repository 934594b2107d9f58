//! Why a tenant operation was refused. Each variant is one of Zoom's documented refusals;
//! the HTTP layer maps it to Zoom's status, code and message.

/// A refused tenant operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TenantError {
    /// No user with this id or email (Zoom 404/1001).
    #[error("User does not exist: {0}.")]
    UserNotFound(String),
    /// No group with this id (Zoom 404/4130).
    #[error("Group does not exist: {0}.")]
    GroupNotFound(String),
    /// No role with this id (Zoom 400/1034).
    #[error("Role does not exist: {0}.")]
    RoleNotFound(String),
    /// No contact group with this id (Zoom 400/300).
    #[error("A group with this groupId: {0} does not exist.")]
    ContactGroupNotFound(String),
    /// Creating a user whose email is taken (Zoom 409/1005).
    #[error("Email \"{0}\" has already been used.")]
    EmailInUse(String),
    /// Deleting a group member who is not one (Zoom 4131).
    #[error("Group member does not exist.")]
    NotGroupMember,
    /// Deleting a group admin who is not one (Zoom 4138).
    #[error("That user is not an administrator for the group: \"{0}\".")]
    NotGroupAdmin(String),
    /// Unassigning a role from a user who does not hold it.
    #[error("User does not exist: {0}.")]
    NotRoleMember(String),
    /// Adding members to, or removing them from, the Owner or Member role (Zoom 400/300).
    #[error("Can't delete or add members for Normal/Owner roles")]
    FixedRole,
    /// Changing the role of, deactivating or deleting the account owner (Zoom 400/200).
    #[error("The account owner cannot be changed, deactivated or deleted.")]
    OwnerProtected,
    /// Removing the last members of a contact group (Zoom 400/300).
    #[error("A group must have at least one member")]
    LastContactMember,
    /// A request that breaks one of Zoom's validation rules (Zoom 400/300).
    #[error("{0}")]
    Invalid(String),
}
