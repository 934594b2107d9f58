//! Formatting apart from querying: a listing takes rows one at a time and writes them as
//! an aligned console table, CSV, or the `baton` CLI's protojson list object.
//!
//! Rows are written as they come, so output starts at once and memory does not grow with
//! the file; the first rows are flushed early so a pipe or terminal sees them while the
//! rest is read.

mod table;

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use serde::Serialize;

pub use table::{Table, printable};

/// How a listing is written (`-o`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// Aligned tables for people; fitted to the terminal's width.
    #[default]
    Console,
    /// The `baton` CLI's protojson shapes, one JSON document.
    Json,
    /// Comma-separated values with a header row, for spreadsheets.
    Csv,
}

/// What the console output may assume about stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    /// Width to fit tables into; `None` (not a terminal, no `COLUMNS`) never cuts cells.
    pub width: Option<usize>,
    /// Whether escape codes (bold headers) may be written.
    pub styled: bool,
}

impl Terminal {
    /// Looks at stdout: the terminal's width (or `$COLUMNS`), and styling only on a
    /// terminal and without `NO_COLOR`.
    pub fn detect() -> Terminal {
        let is_terminal = io::stdout().is_terminal();
        let columns = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|c| *c > 0);
        let width = columns.or_else(|| {
            is_terminal
                .then(terminal_size::terminal_size)
                .flatten()
                .map(|(w, _)| usize::from(w.0))
        });
        Terminal {
            width,
            styled: is_terminal && std::env::var_os("NO_COLOR").is_none(),
        }
    }
}

/// One row of a listing, in all three shapes.
pub trait Row: Serialize {
    /// The key of the protojson list object (`{"grants": [...]}`).
    const LIST_KEY: &'static str;
    /// Console column headers.
    const COLUMNS: &'static [&'static str];
    /// CSV column headers; spreadsheets get ids next to names.
    const CSV_COLUMNS: &'static [&'static str] = Self::COLUMNS;

    /// Console cells, in [`Row::COLUMNS`] order.
    fn cells(&self) -> Vec<String>;

    /// CSV cells, in [`Row::CSV_COLUMNS`] order.
    fn csv_cells(&self) -> Vec<String> {
        self.cells()
    }
}

/// A listing being written.
pub struct Listing<W: Write> {
    sink: Sink<W>,
    rows: u64,
}

enum Sink<W: Write> {
    Table(Table<W>),
    Csv(Box<csv::Writer<W>>),
    Json(JsonList<W>),
}

impl<W: Write> Listing<W> {
    /// Starts a listing of `R` rows (the CSV header is written at once).
    pub fn new<R: Row>(format: Format, out: W, terminal: Terminal) -> io::Result<Self> {
        let sink = match format {
            Format::Console => Sink::Table(Table::new(out, R::COLUMNS, terminal)),
            Format::Csv => {
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(R::CSV_COLUMNS)?;
                Sink::Csv(Box::new(writer))
            }
            Format::Json => Sink::Json(JsonList::new(out, R::LIST_KEY)),
        };
        Ok(Listing { sink, rows: 0 })
    }

    /// Writes one row.
    pub fn push<R: Row>(&mut self, row: &R) -> io::Result<()> {
        match &mut self.sink {
            Sink::Table(table) => table.row(row.cells())?,
            Sink::Csv(writer) => {
                writer.write_record(row.csv_cells())?;
                if self.rows == 0 {
                    writer.flush()?;
                }
            }
            Sink::Json(list) => {
                list.push(row)?;
                if self.rows == 0 {
                    list.out.flush()?;
                }
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Ends the listing and flushes it.
    pub fn finish(self) -> io::Result<()> {
        match self.sink {
            Sink::Table(table) => {
                table.finish()?;
            }
            Sink::Csv(mut writer) => writer.flush()?,
            Sink::Json(list) => list.finish()?,
        }
        Ok(())
    }
}

/// `{"<key>":[row,row,...]}`, opened at the first row; an empty list is `{}`, as protojson
/// leaves out empty repeated fields.
struct JsonList<W: Write> {
    out: W,
    key: &'static str,
    open: bool,
}

impl<W: Write> JsonList<W> {
    fn new(out: W, key: &'static str) -> Self {
        JsonList {
            out,
            key,
            open: false,
        }
    }

    fn push<T: Serialize>(&mut self, row: &T) -> io::Result<()> {
        if self.open {
            self.out.write_all(b",")?;
        } else {
            write!(self.out, "{{\"{}\":[", self.key)?;
            self.open = true;
        }
        serde_json::to_writer(&mut self.out, row)?;
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        let end: &[u8] = if self.open { b"]}\n" } else { b"{}\n" };
        self.out.write_all(end)?;
        self.out.flush()
    }
}

/// Writes a whole CSV document: the header, then the rows.
pub fn write_csv<W: Write>(
    out: W,
    columns: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(columns)?;
    for row in rows {
        writer.write_record(row)?;
    }
    writer.flush()
}

/// Writes one whole JSON document and a newline.
pub fn write_json<W: Write, T: Serialize>(mut out: W, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut out, value)?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Item {
        id: &'static str,
        name: &'static str,
    }

    impl Row for Item {
        const LIST_KEY: &'static str = "items";
        const COLUMNS: &'static [&'static str] = &["ID", "Name"];

        fn cells(&self) -> Vec<String> {
            vec![self.id.to_owned(), self.name.to_owned()]
        }
    }

    fn render(format: Format, items: &[Item]) -> String {
        let terminal = Terminal {
            width: None,
            styled: false,
        };
        let mut out = Vec::new();
        let mut listing =
            Listing::new::<Item>(format, &mut out, terminal).expect("memory output works");
        for item in items {
            listing.push(item).expect("memory output works");
        }
        listing.finish().expect("memory output works");
        String::from_utf8(out).expect("output is UTF-8")
    }

    #[test]
    fn json_lists_open_at_the_first_row_and_are_empty_objects_without_rows() {
        let items = [Item { id: "1", name: "a" }, Item { id: "2", name: "b" }];
        assert_eq!(
            render(Format::Json, &items),
            "{\"items\":[{\"id\":\"1\",\"name\":\"a\"},{\"id\":\"2\",\"name\":\"b\"}]}\n"
        );
        assert_eq!(render(Format::Json, &[]), "{}\n");
    }

    #[test]
    fn csv_quotes_commas_quotes_and_newlines() {
        let items = [Item {
            id: "1",
            name: "Smith, \"Jo\"\nline",
        }];
        assert_eq!(
            render(Format::Csv, &items),
            "ID,Name\n1,\"Smith, \"\"Jo\"\"\nline\"\n"
        );
    }
}
