//! Listing rows of one table for one sync: by page (with baton's page tokens) or as a
//! streaming iterator.
//!
//! Both use keyset paging on the row id (`id >= token order by id`), baton's own scheme,
//! so memory stays bounded by one page however many rows match, and the first rows arrive
//! after one small query. The iterator starts with small pages and grows them, trading a
//! quick first row for fewer queries on long listings.

use std::collections::VecDeque;
use std::marker::PhantomData;

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use crate::error::{Error, Result};
use crate::record::Record;

/// Largest page a caller may ask for (baton clamps to the same).
pub const MAX_PAGE_SIZE: usize = 10_000;
/// First page size of an iterator.
const FIRST_ITER_PAGE: usize = 256;
/// Page size an iterator grows to.
const MAX_ITER_PAGE: usize = 8_192;

/// One page of rows and the token for the next page.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<R> {
    /// The rows, in row-id order.
    pub items: Vec<R>,
    /// Token for the following page (a decimal row id), `None` on the last page.
    pub next_page_token: Option<String>,
}

/// A filtered listing of one table; see the module docs.
pub struct Query<'r, R> {
    conn: &'r Connection,
    /// `column = value` conditions, all required.
    filters: Vec<(&'static str, String)>,
    record: PhantomData<fn() -> R>,
}

impl<'r, R: Record> Query<'r, R> {
    pub(crate) fn new(conn: &'r Connection, filters: Vec<(&'static str, String)>) -> Self {
        Query {
            conn,
            filters,
            record: PhantomData,
        }
    }

    fn where_clause(&self) -> String {
        let mut clause: Vec<String> = self
            .filters
            .iter()
            .enumerate()
            .map(|(i, (column, _))| format!("{column} = ?{}", i + 1))
            .collect();
        clause.push("1 = 1".into());
        clause.join(" and ")
    }

    /// The page starting at `token` (`None` or empty for the first page); `size` is
    /// clamped to 1..=10000.
    pub fn page(&self, token: Option<&str>, size: usize) -> Result<Page<R>> {
        let from = match token {
            None | Some("") => 0,
            Some(text) => text
                .parse::<i64>()
                .map_err(|_| Error::InvalidPageToken(text.to_owned()))?,
        };
        let (items, next) = self.fetch(from, size.clamp(1, MAX_PAGE_SIZE))?;
        Ok(Page {
            items: items.into(),
            next_page_token: next.map(|id| id.to_string()),
        })
    }

    /// Number of matching rows.
    pub fn count(&self) -> Result<u64> {
        let sql = format!(
            "select count(*) from {} where {}",
            R::TABLE,
            self.where_clause()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let params = rusqlite::params_from_iter(self.filters.iter().map(|(_, v)| v));
        let count: i64 = stmt.query_row(params, |row| row.get(0))?;
        Ok(count.max(0) as u64)
    }

    /// Up to `size` rows with id ≥ `from`, and the id where the next page starts.
    fn fetch(&self, from: i64, size: usize) -> Result<(VecDeque<R>, Option<i64>)> {
        let n = self.filters.len();
        let sql = format!(
            "select id, data from {} where {} and id >= ?{} order by id limit ?{}",
            R::TABLE,
            self.where_clause(),
            n + 1,
            n + 2
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut index = 1;
        for (_, value) in &self.filters {
            stmt.raw_bind_parameter(index, value)?;
            index += 1;
        }
        stmt.raw_bind_parameter(index, from)?;
        stmt.raw_bind_parameter(index + 1, (size + 1) as i64)?;
        let mut rows = stmt.raw_query();
        let mut items = VecDeque::with_capacity(size.min(1024));
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            if items.len() == size {
                return Ok((items, Some(id)));
            }
            // `data` is `not null`; other SDKs' text-typed blobs are read as bytes too.
            let data = match row.get_ref(1)? {
                ValueRef::Blob(bytes) | ValueRef::Text(bytes) => bytes,
                _ => &[],
            };
            items.push_back(decode::<R>(id, data)?);
        }
        Ok((items, None))
    }
}

/// Decodes one stored blob, naming the row on failure.
pub(crate) fn decode<R: Record>(row_id: i64, data: &[u8]) -> Result<R> {
    R::decode(data).map_err(|error| Error::Decode {
        table: R::TABLE,
        row_id,
        error,
    })
}

impl<'r, R: Record> IntoIterator for Query<'r, R> {
    type Item = Result<R>;
    type IntoIter = Rows<'r, R>;

    fn into_iter(self) -> Rows<'r, R> {
        Rows {
            query: self,
            buffer: VecDeque::new(),
            next_id: Some(0),
            page_size: FIRST_ITER_PAGE,
        }
    }
}

/// Streaming iterator over a [`Query`]; stops after the first error.
pub struct Rows<'r, R> {
    query: Query<'r, R>,
    buffer: VecDeque<R>,
    next_id: Option<i64>,
    page_size: usize,
}

impl<R: Record> Iterator for Rows<'_, R> {
    type Item = Result<R>;

    fn next(&mut self) -> Option<Result<R>> {
        loop {
            if let Some(row) = self.buffer.pop_front() {
                return Some(Ok(row));
            }
            let from = self.next_id?;
            match self.query.fetch(from, self.page_size) {
                Ok((rows, next)) => {
                    self.buffer = rows;
                    self.next_id = next;
                    self.page_size = (self.page_size * 2).min(MAX_ITER_PAGE);
                }
                Err(e) => {
                    self.next_id = None;
                    return Some(Err(e));
                }
            }
        }
    }
}
