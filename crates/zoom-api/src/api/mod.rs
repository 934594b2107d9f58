//! Endpoint groups: one file per Zoom API area, each a thin description of requests.
//!
//! They hold no retry, auth or paging logic: requests go through the transport, lists
//! through the paginator.

mod contact_groups;
mod groups;
mod roles;
mod users;

pub use contact_groups::ContactGroups;
pub use groups::Groups;
pub use roles::Roles;
pub use users::{UserQuery, Users};

use reqwest::Method;

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::models::{Added, MemberRef};
use crate::transport::{ApiRequest, Transport};

/// Adds `refs` with as many calls as Zoom's per-call maximum (`max`) needs, under the body
/// key `key`, and merges the answers. If a later call fails, the earlier ones stay applied;
/// repeating the whole add is safe because adding an existing member is a no-op in Zoom.
async fn add_in_chunks(
    transport: &Transport,
    endpoint: Endpoint,
    path: &[&str],
    key: &'static str,
    refs: &[MemberRef],
    max: usize,
) -> Result<Added, Error> {
    let mut added = Added::default();
    for chunk in refs.chunks(max) {
        let body = serde_json::json!({ key: chunk });
        let req = ApiRequest::new(endpoint, Method::POST, path).json(&body);
        let answer: Added = transport.json(&req).await?;
        added.ids.extend(answer.ids);
        added.added_at = answer.added_at.or(added.added_at);
    }
    Ok(added)
}
