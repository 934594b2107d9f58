//! The paging part of list requests and answers: `page_size` and `next_page_token` in,
//! `page_count`, `page_number`, `page_size`, `total_records`, `next_page_token` out.

use serde::Serialize;

use super::params::QueryParams;
use crate::error::ApiError;
use crate::pagination::PageSizeRule;
use crate::state::Shared;
use crate::tenant::Page;

/// A list request's position and page size.
pub(crate) struct PageRequest {
    listing: String,
    /// The key to resume after; `None` on the first page.
    pub after: Option<String>,
    /// 1-based page number.
    pub page_number: u64,
    /// Items per page.
    pub size: usize,
}

/// The paging fields of an answer.
#[derive(Debug, Serialize)]
pub(crate) struct PageMeta {
    pub page_count: usize,
    pub page_number: u64,
    pub page_size: usize,
    pub total_records: usize,
    pub next_page_token: String,
}

impl PageRequest {
    /// Reads `page_size` and `next_page_token` for `listing` (a key naming the listing and
    /// its filters, which the token is bound to).
    pub(crate) fn parse(
        state: &Shared,
        query: &QueryParams,
        listing: String,
        rule: PageSizeRule,
    ) -> Result<Self, ApiError> {
        let size = rule
            .resolve(query.get("page_size"))
            .map_err(|_| ApiError::invalid_field("page_size", "Invalid field."))?;
        let (after, page_number) = match query.get("next_page_token") {
            None => (None, 1),
            Some(token) => {
                let cursor = state
                    .page_tokens
                    .resolve(token, &listing)
                    .map_err(|_| ApiError::page_token_invalid())?;
                (Some(cursor.after), cursor.page_number)
            }
        };
        Ok(PageRequest {
            listing,
            after,
            page_number,
            size,
        })
    }

    /// [`PageRequest::parse`] for a listing of one parent's items (a group's members, a
    /// role's members, ...): the token is bound to `listing` and to that parent's id.
    pub(crate) fn parse_under(
        state: &Shared,
        query: &QueryParams,
        listing: &str,
        parent_id: &str,
        rule: PageSizeRule,
    ) -> Result<Self, ApiError> {
        Self::parse(state, query, format!("{listing}:{parent_id}"), rule)
    }

    /// The key to start after, as the tenant's page functions take it.
    pub(crate) fn after(&self) -> Option<&str> {
        self.after.as_deref()
    }

    /// The token of the next page, or `""` on the last page.
    pub(crate) fn next_token<T>(&self, state: &Shared, page: &Page<T>) -> String {
        page.next_after
            .as_deref()
            .map(|after| {
                state
                    .page_tokens
                    .issue(&self.listing, after, self.page_number + 1)
            })
            .unwrap_or_default()
    }

    /// All paging fields of the answer.
    pub(crate) fn meta<T>(&self, state: &Shared, page: &Page<T>) -> PageMeta {
        let page_size = if self.size == usize::MAX {
            page.total
        } else {
            self.size
        };
        PageMeta {
            page_count: page.total.div_ceil(page_size.max(1)),
            page_number: self.page_number,
            page_size,
            total_records: page.total,
            next_page_token: self.next_token(state, page),
        }
    }
}
