//! Serde models of Zoom's payloads: what the connector reads and writes.
//!
//! Answers are read leniently: unknown fields are ignored, optional fields are `Option`,
//! and fields Zoom sends in several shapes go through [`lenient`] readers. Request bodies
//! serialize exactly Zoom's documented shape.

pub(crate) mod lenient;

mod contact_group;
mod group;
mod membership;
mod role;
mod user;

pub use contact_group::{ContactGroup, ContactGroupMember, ContactMemberType};
pub use group::{Group, GroupAdmin};
pub use membership::{Added, Member, MemberRef};
pub use role::Role;
pub use user::{
    CreateAction, CreatedUser, CustomAttribute, DeleteAction, NewUser, NewUserInfo, StatusAction,
    User, UserStatus, UserType, UserUpdate,
};
