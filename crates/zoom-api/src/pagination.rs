//! Lists as streams of pages that follow Zoom's `next_page_token`.
//!
//! Callers never write a pagination loop. Each page carries the token of the page after it,
//! so a caller can checkpoint it once the page is stored and later resume the listing from
//! it ([`StartAt::Token`]). Zoom's tokens expire after 15 minutes; a request whose token was
//! refused (code 300 on a request that carried one) restarts the listing from the first page,
//! and the first page after a restart says so ([`Page::restarted`]), so the caller can drop
//! or deduplicate what it already took.

use std::sync::Arc;

use futures::StreamExt;
use futures::stream::BoxStream;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::models::lenient;
use crate::transport::{ApiRequest, Transport};

/// How often one listing may restart from the first page before giving up: a listing that
/// takes longer than a page token lives would otherwise restart forever.
const MAX_RESTARTS: u32 = 3;
/// The error code Zoom answers for a next_page_token it no longer knows.
const EXPIRED_TOKEN_CODE: i64 = 300;

/// One page of a listing.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// Token of the next page; `None` on the last page. Checkpoint it after storing `items`
    /// and pass it as [`StartAt::Token`] to resume.
    pub next_page_token: Option<String>,
    /// Total rows of the listing, where Zoom reports it.
    pub total_records: Option<u64>,
    /// True on the first page after the listing restarted from the beginning because its
    /// page token expired: rows taken before may appear again.
    pub restarted: bool,
}

/// A listing: pages in order, or an error that ends it.
pub type PageStream<T> = BoxStream<'static, Result<Page<T>, Error>>;

/// Where a listing starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum StartAt {
    /// The first page.
    #[default]
    Beginning,
    /// The page a saved [`Page::next_page_token`] points to.
    Token(String),
}

impl From<Option<String>> for StartAt {
    fn from(token: Option<String>) -> StartAt {
        match token {
            Some(t) if !t.is_empty() => StartAt::Token(t),
            _ => StartAt::Beginning,
        }
    }
}

/// A list answer of any Zoom list. Zoom names the rows after the resource (`users`,
/// `groups`, `members`, `admins`, `roles`, and `group_members` or `members` for contact-group
/// members); each list answer carries exactly one of these keys.
#[derive(Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
struct ListAnswer<T> {
    #[serde(
        alias = "users",
        alias = "groups",
        alias = "members",
        alias = "group_members",
        alias = "admins",
        alias = "roles",
        default,
        deserialize_with = "lenient::list_or_null"
    )]
    items: Vec<T>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    next_page_token: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    total_records: Option<u64>,
}

struct Cursor {
    token: Option<String>,
    finished: bool,
    restarted: bool,
    restarts: u32,
}

/// Streams the pages of `request` (which carries every query parameter but the token) at
/// `page_size` rows per page, or unpaged when `page_size` is `None` (lists Zoom does not page).
pub(crate) fn paginate<T: DeserializeOwned + Send + 'static>(
    transport: Arc<Transport>,
    request: ApiRequest,
    page_size: Option<u32>,
    start: StartAt,
) -> PageStream<T> {
    let cursor = Cursor {
        token: match start {
            StartAt::Beginning => None,
            StartAt::Token(t) => Some(t),
        },
        finished: false,
        restarted: false,
        restarts: 0,
    };
    futures::stream::try_unfold(cursor, move |mut cursor| {
        let transport = Arc::clone(&transport);
        let request = request.clone();
        async move {
            if cursor.finished {
                return Ok(None);
            }
            loop {
                let mut req = request.clone();
                if let Some(size) = page_size {
                    req = req.query("page_size", size.to_string());
                }
                if let Some(token) = &cursor.token {
                    req = req.query("next_page_token", token.clone());
                }
                match transport.json::<ListAnswer<T>>(&req).await {
                    Ok(parts) => {
                        let next = parts.next_page_token;
                        cursor.finished = next.is_none();
                        cursor.token = next.clone();
                        let page = Page {
                            items: parts.items,
                            next_page_token: next,
                            total_records: parts.total_records,
                            restarted: std::mem::take(&mut cursor.restarted),
                        };
                        return Ok(Some((page, cursor)));
                    }
                    Err(e)
                        if cursor.token.is_some()
                            && e.zoom_code() == Some(EXPIRED_TOKEN_CODE)
                            && cursor.restarts < MAX_RESTARTS =>
                    {
                        tracing::warn!(
                            endpoint = ?request.endpoint,
                            "page token expired, restarting the listing from the first page"
                        );
                        transport.stats.listing_restart();
                        cursor.token = None;
                        cursor.restarted = true;
                        cursor.restarts += 1;
                    }
                    Err(e) => return Err(e),
                }
            }
        }
    })
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_answers_under_every_row_key() {
        for key in [
            "users",
            "groups",
            "members",
            "group_members",
            "admins",
            "roles",
        ] {
            let json = format!(
                r#"{{"{key}":[1,2],"next_page_token":"t","total_records":2,"page_size":300}}"#
            );
            let a: ListAnswer<u8> = serde_json::from_str(&json).unwrap();
            assert_eq!(a.items, [1, 2], "{key}");
            assert_eq!(a.next_page_token.as_deref(), Some("t"));
            assert_eq!(a.total_records, Some(2));
        }
        let last: ListAnswer<u8> =
            serde_json::from_str(r#"{"users":null,"next_page_token":""}"#).unwrap();
        assert!(last.items.is_empty());
        assert_eq!(last.next_page_token, None);
    }

    #[test]
    fn start_at_from_saved_token() {
        assert_eq!(StartAt::from(None), StartAt::Beginning);
        assert_eq!(StartAt::from(Some(String::new())), StartAt::Beginning);
        assert_eq!(
            StartAt::from(Some("tok".to_owned())),
            StartAt::Token("tok".to_owned())
        );
    }
}
