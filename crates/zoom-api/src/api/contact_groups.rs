//! `/contacts/groups`: contact groups and their members.

use std::sync::Arc;

use reqwest::Method;
use serde::Deserialize;

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::models::{ContactGroup, ContactGroupMember};
use crate::pagination::{PageStream, StartAt, paginate};
use crate::transport::{ApiRequest, Transport};

/// Largest page of contact groups and of their members.
const PAGE_SIZE: u32 = 50;
/// Zoom's maximum members per add call (50 users; at most 3 of them groups).
const MAX_ADD: usize = 50;
/// Zoom's maximum ids per remove call.
const MAX_REMOVE: usize = 20;

/// The contact-groups API; from [`crate::Client::contact_groups`].
pub struct ContactGroups<'a> {
    pub(crate) transport: &'a Arc<Transport>,
}

#[derive(Deserialize)]
struct AddedMembers {
    #[serde(default, deserialize_with = "crate::models::lenient::id_list")]
    member_ids: Vec<String>,
}

impl ContactGroups<'_> {
    /// Every contact group.
    pub fn list(&self, start: StartAt) -> PageStream<ContactGroup> {
        let req = ApiRequest::new(
            Endpoint::ContactGroups,
            Method::GET,
            &["contacts", "groups"],
        );
        paginate(Arc::clone(self.transport), req, Some(PAGE_SIZE), start)
    }

    /// Every member (user or group) of a contact group.
    pub fn members(&self, group_id: &str, start: StartAt) -> PageStream<ContactGroupMember> {
        let req = ApiRequest::new(
            Endpoint::ContactGroupMembers,
            Method::GET,
            &["contacts", "groups", group_id, "members"],
        );
        paginate(Arc::clone(self.transport), req, Some(PAGE_SIZE), start)
    }

    /// Adds members, 50 per call (callers keep group members to 3 per call, Zoom's limit);
    /// returns the ids Zoom reports added.
    pub async fn add_members(
        &self,
        group_id: &str,
        members: &[ContactGroupMember],
    ) -> Result<Vec<String>, Error> {
        let mut added = Vec::new();
        for chunk in members.chunks(MAX_ADD) {
            let req = ApiRequest::new(
                Endpoint::ContactGroupMemberAdd,
                Method::POST,
                &["contacts", "groups", group_id, "members"],
            )
            .json(&serde_json::json!({ "group_members": chunk }));
            let answer: AddedMembers = self.transport.json(&req).await?;
            added.extend(answer.member_ids);
        }
        Ok(added)
    }

    /// Removes members by id, 20 per call.
    pub async fn remove_members(&self, group_id: &str, member_ids: &[String]) -> Result<(), Error> {
        for chunk in member_ids.chunks(MAX_REMOVE) {
            let req = ApiRequest::new(
                Endpoint::ContactGroupMemberRemove,
                Method::DELETE,
                &["contacts", "groups", group_id, "members"],
            )
            .query("member_ids", chunk.join(","));
            self.transport.no_content(&req).await?;
        }
        Ok(())
    }
}
