//! Every list the explorer shows is a [`Table`]: rendered as an HTML table one page at a
//! time, or as CSV in full (the "Download CSV" link of every list), so the two never
//! disagree about what a list holds.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};

use super::layout::with_query;

/// Rows per HTML page.
pub const PAGE_SIZE: usize = 100;

/// One cell: text, or text linking to another page.
pub enum Cell {
    /// Plain text.
    Text(String),
    /// Text linking to `href`.
    Link {
        /// Shown text.
        text: String,
        /// Target.
        href: String,
    },
}

impl Cell {
    fn text(&self) -> &str {
        match self {
            Cell::Text(text) | Cell::Link { text, .. } => text,
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_owned())
    }
}

/// A list: column names and rows.
pub struct Table {
    /// Column headings (also the CSV header).
    pub columns: &'static [&'static str],
    /// Rows of cells, one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The table as HTML; `id` names it for tests and CSS.
    pub fn html(&self, id: &str) -> Markup {
        html! {
            table id=(id) {
                thead { tr { @for column in self.columns { th { (column) } } } }
                tbody {
                    @for row in &self.rows {
                        tr {
                            @for cell in row {
                                td {
                                    @match cell {
                                        Cell::Text(text) => (text),
                                        Cell::Link { text, href } => a href=(href) { (text) },
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The whole table as a CSV download named `name`.csv.
    pub fn csv(&self, name: &str) -> Response {
        csv_response(name, csv_body(self.columns, &self.rows))
    }
}

/// The CSV text of `columns` and `rows`, one row at a time: a caller can build each row as
/// it goes rather than hold the whole list as cells.
pub fn csv_body<R: AsRef<[Cell]>>(columns: &[&str], rows: impl IntoIterator<Item = R>) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail; a row that does is left out rather than aborting.
    let _ = out.write_record(columns);
    for row in rows {
        let _ = out.write_record(row.as_ref().iter().map(Cell::text));
    }
    out.into_inner().unwrap_or_default()
}

/// A CSV body as a download.
pub fn csv_response(name: &str, body: Vec<u8>) -> Response {
    let disposition = format!(
        "attachment; filename=\"{}.csv\"",
        name.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "_")
    );
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// Which page of a long list is shown.
pub struct Pager {
    /// 1-based page number, clamped to the pages there are.
    pub page: usize,
    /// Items in the whole list.
    pub total: usize,
}

impl Pager {
    /// The pager for `total` items at the requested `page` (1 when absent).
    pub fn new(page: Option<usize>, total: usize) -> Pager {
        let last = total.div_ceil(PAGE_SIZE).max(1);
        Pager {
            page: page.unwrap_or(1).clamp(1, last),
            total,
        }
    }

    /// The items of this page.
    pub fn slice<'a, T>(&self, items: &'a [T]) -> &'a [T] {
        let start = ((self.page - 1) * PAGE_SIZE).min(items.len());
        let end = (start + PAGE_SIZE).min(items.len());
        &items[start..end]
    }

    /// "101–200 of 1,234" with previous and next links; `path` and `query` rebuild the
    /// current list's URL with another page.
    pub fn html(&self, path: &str, query: &[(&str, &str)]) -> Markup {
        let first = (self.page - 1) * PAGE_SIZE + 1;
        let last = (self.page * PAGE_SIZE).min(self.total);
        let link = |page: usize| {
            let page = page.to_string();
            let mut pairs = query.to_vec();
            pairs.push(("page", &page));
            with_query(path, &pairs)
        };
        html! {
            nav.pager {
                @if self.total == 0 {
                    span { "nothing to show" }
                } @else {
                    span.range { (first) "–" (last) " of " (self.total) }
                }
                @if self.page > 1 {
                    a rel="prev" href=(link(self.page - 1)) { "← previous" }
                }
                @if last < self.total {
                    a rel="next" href=(link(self.page + 1)) { "next →" }
                }
                a.csv href=(with_query(path, &[query, &[("format", "csv")]].concat())) { "Download CSV" }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_clamps_and_slices() {
        let items: Vec<usize> = (0..250).collect();
        let pager = Pager::new(Some(3), items.len());
        assert_eq!(pager.slice(&items), &items[200..250]);
        assert_eq!(Pager::new(Some(9), 250).page, 3);
        assert_eq!(Pager::new(None, 0).page, 1);
        assert!(Pager::new(Some(1), 0).slice(&items[..0]).is_empty());
    }

    #[test]
    fn html_escapes_every_cell_and_csv_quotes_it() {
        let table = Table {
            columns: &["name"],
            rows: vec![vec![Cell::Link {
                text: "<img src=x onerror=alert(1)>".into(),
                href: "/user/a\"b".into(),
            }]],
        };
        let html = table.html("t").into_string();
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("href=\"/user/a&quot;b\""));
        assert!(!html.contains("<img"));
    }
}
