//! Console tables that stream: column widths are measured on the first rows, fitted to the
//! terminal, and kept for the rest, so a million-row listing starts printing at once and
//! never holds more than a sample in memory.

use std::io::{self, Write};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::Terminal;

/// Rows measured before the widths are fixed.
const SAMPLE_ROWS: usize = 100;
/// Spaces between columns.
const GAP: usize = 2;
/// A column is not squeezed below this many cells (or its natural width if smaller).
const MIN_COLUMN: usize = 6;

/// An aligned table written row by row.
pub struct Table<W: Write> {
    out: W,
    header: Vec<String>,
    terminal: Terminal,
    widths: Option<Vec<usize>>,
    pending: Vec<Vec<String>>,
}

impl<W: Write> Table<W> {
    /// A table with these column headers.
    pub fn new(out: W, columns: &[&str], terminal: Terminal) -> Self {
        Table {
            out,
            header: columns.iter().map(|c| (*c).to_owned()).collect(),
            terminal,
            widths: None,
            pending: Vec::new(),
        }
    }

    /// Adds a row; the first rows are held back until the widths are known.
    pub fn row(&mut self, cells: Vec<String>) -> io::Result<()> {
        let cells: Vec<String> = cells.iter().map(|c| printable(c)).collect();
        match &self.widths {
            Some(widths) => {
                let widths = widths.clone();
                self.write_row(&cells, &widths)
            }
            None => {
                self.pending.push(cells);
                if self.pending.len() >= SAMPLE_ROWS {
                    self.start()?;
                }
                Ok(())
            }
        }
    }

    /// Prints what is held back and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        if self.widths.is_none() {
            self.start()?;
        }
        self.out.flush()?;
        Ok(self.out)
    }

    /// Fixes the widths from the sample, prints the header and the sample, and flushes so
    /// the first lines show while the rest is being read.
    fn start(&mut self) -> io::Result<()> {
        let natural = natural_widths(&self.header, &self.pending);
        let widths = fit(&natural, &self.header, self.terminal.width);
        let header = self.header.clone();
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        if self.terminal.styled {
            self.out.write_all(b"\x1b[1m")?;
            self.write_cells(&header, &widths)?;
            self.out.write_all(b"\x1b[0m\n")?;
        } else {
            self.write_row(&header, &widths)?;
        }
        self.write_row(&rule, &widths)?;
        for cells in std::mem::take(&mut self.pending) {
            self.write_row(&cells, &widths)?;
        }
        self.widths = Some(widths);
        self.out.flush()
    }

    fn write_row(&mut self, cells: &[String], widths: &[usize]) -> io::Result<()> {
        self.write_cells(cells, widths)?;
        self.out.write_all(b"\n")
    }

    /// One line without its newline; the last column is not padded.
    fn write_cells(&mut self, cells: &[String], widths: &[usize]) -> io::Result<()> {
        let mut line = String::new();
        let last = widths.len().saturating_sub(1);
        for (i, width) in widths.iter().enumerate() {
            let cell = cells.get(i).map_or("", String::as_str);
            let cell = if self.terminal.width.is_some() {
                truncate(cell, *width)
            } else {
                cell.to_owned()
            };
            line.push_str(&cell);
            if i < last {
                let pad = width.saturating_sub(cell.width()) + GAP;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        self.out.write_all(line.trim_end().as_bytes())
    }
}

/// The widest cell of each column, header included.
fn natural_widths(header: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            rows.iter()
                .filter_map(|row| row.get(i))
                .map(|cell| cell.width())
                .chain([h.width()])
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// Shrinks the widest columns, one cell at a time, until the line fits `max` (when given),
/// never below a column's floor.
fn fit(natural: &[usize], header: &[String], max: Option<usize>) -> Vec<usize> {
    let mut widths = natural.to_vec();
    let Some(max) = max else { return widths };
    let floors: Vec<usize> = natural
        .iter()
        .zip(header)
        .map(|(n, h)| (*n).min(h.width().max(MIN_COLUMN)))
        .collect();
    let gaps = GAP * widths.len().saturating_sub(1);
    while widths.iter().sum::<usize>() + gaps > max {
        let widest = widths
            .iter()
            .enumerate()
            .filter(|(i, w)| **w > floors[*i])
            .max_by_key(|(_, w)| **w)
            .map(|(i, _)| i);
        match widest {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
    widths
}

/// `text` cut to `width` display cells, ending in `…` when cut.
fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(ch);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Control characters (newlines, tabs, terminal escapes) from the data would break the
/// layout or drive the terminal; they are shown as spaces.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(terminal: Terminal, rows: &[[&str; 3]]) -> String {
        let mut table = Table::new(Vec::new(), &["ID", "Name", "Type"], terminal);
        for row in rows {
            table
                .row(row.iter().map(|c| (*c).to_owned()).collect())
                .expect("writing to memory succeeds");
        }
        String::from_utf8(table.finish().expect("writing to memory succeeds"))
            .expect("the table is UTF-8")
    }

    #[test]
    fn columns_align_on_the_widest_cell() {
        let plain = Terminal {
            width: None,
            styled: false,
        };
        let text = render(
            plain,
            &[["u1", "Ada Lovelace", "User"], ["u22", "Bo", "User"]],
        );
        assert_eq!(
            text,
            "ID   Name          Type\n\
             ---  ------------  ----\n\
             u1   Ada Lovelace  User\n\
             u22  Bo            User\n"
        );
    }

    #[test]
    fn long_cells_are_cut_to_fit_the_terminal() {
        let narrow = Terminal {
            width: Some(24),
            styled: false,
        };
        let text = render(narrow, &[["u1", "Ada Augusta King-Noel, Countess", "User"]]);
        for line in text.lines() {
            assert!(line.width() <= 24, "{line:?} is wider than 24");
        }
        assert!(text.contains("Ada Augusta K…"), "{text}");
    }

    #[test]
    fn escapes_in_data_never_reach_the_terminal() {
        let plain = Terminal {
            width: None,
            styled: false,
        };
        let text = render(plain, &[["u1", "evil\x1b[2Jname\nnext", "User"]]);
        assert!(!text.contains('\x1b'));
        assert_eq!(text.lines().count(), 3);
    }

    #[test]
    fn header_is_bold_only_when_styled() {
        let styled = Terminal {
            width: Some(80),
            styled: true,
        };
        assert!(render(styled, &[["a", "b", "c"]]).starts_with("\x1b[1mID"));
    }

    #[test]
    fn truncation_respects_wide_characters() {
        assert_eq!(truncate("日本語テキスト", 7), "日本語…");
        assert_eq!(truncate("short", 10), "short");
    }
}
