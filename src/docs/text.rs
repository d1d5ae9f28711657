//! A document as plain text: for pasting into a message and for printers that take no Word
//! file. Laid out on a page of [`PAGE_CELLS`] display cells (a Chinese character is two).

use super::{Block, parse};
use crate::width::{pad, pad_left, width, wrap};

/// The page width in cells: 36 Chinese characters, near the 28 of a 公文 line at 三号 with room
/// for a form's columns, and within an 80-column terminal.
pub const PAGE_CELLS: usize = 72;

/// Two ideographic spaces: a Chinese paragraph's first-line indent.
const INDENT: &str = "\u{3000}\u{3000}";

/// Cells between two table columns.
const GAP: usize = 2;

/// The document with its marks removed: the title and `=` lines centred, `>` lines flush
/// right, body paragraphs indented two characters and wrapped, tables as aligned columns, the
/// cut line dashed. Lines end without trailing spaces; the text ends with a newline.
pub fn text(doc: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for block in parse(doc) {
        match block {
            Block::Title(t) | Block::Centre(t) => {
                out.extend(wrap(&t, PAGE_CELLS).iter().map(|l| {
                    let left = (PAGE_CELLS.saturating_sub(width(l))) / 2;
                    format!("{}{l}", " ".repeat(left))
                }))
            }
            Block::Right(t) => {
                out.extend(wrap(&t, PAGE_CELLS).iter().map(|l| pad_left(l, PAGE_CELLS)))
            }
            Block::Heading(t) => out.extend(wrap(&t, PAGE_CELLS)),
            Block::Body(t) => out.extend(body(&t)),
            Block::Table(rows) => out.extend(table(&rows)),
            Block::Cut => out.push("- ".repeat(PAGE_CELLS / 2).trim_end().to_string()),
            Block::Gap => out.push(String::new()),
        }
    }
    let mut s = out
        .iter()
        .map(|l| l.trim_end())
        .collect::<Vec<_>>()
        .join("\n");
    s.push('\n');
    s
}

/// A body paragraph, its first line indented by two ideographic spaces.
fn body(t: &str) -> Vec<String> {
    // Wrapped with the indent as two placeholder characters of the same width, since the
    // wrapper drops leading whitespace; then the placeholders become the indent.
    let lines = wrap(&format!("国国{t}"), PAGE_CELLS);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| match (i, l.strip_prefix("国国")) {
            (0, Some(rest)) => format!("{INDENT}{rest}"),
            _ => l,
        })
        .collect()
}

/// Rows as aligned columns. A row with fewer cells than the widest row lets its last cell run
/// over the rest (a form's long field), up to the page's edge; columns wider than the page are
/// squeezed, widest first, and their cells wrapped.
fn table(rows: &[Vec<String>]) -> Vec<String> {
    let widths = super::fit_columns(super::column_widths(rows), PAGE_CELLS, GAP);
    let total = |w: &[usize]| w.iter().sum::<usize>() + GAP * w.len().saturating_sub(1);
    let mut out = Vec::new();
    for row in rows {
        // The last cell has nothing on its right: it may run to the page's edge.
        let spans: Vec<usize> = (0..row.len())
            .map(|i| {
                if i + 1 == row.len() {
                    let start = total(&widths[..i]) + if i > 0 { GAP } else { 0 };
                    total(&widths[i..]).max(PAGE_CELLS.saturating_sub(start))
                } else {
                    widths[i]
                }
            })
            .collect();
        let wrapped: Vec<Vec<String>> = row
            .iter()
            .zip(&spans)
            .map(|(cell, &w)| wrap(cell, w))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            let line: Vec<String> = wrapped
                .iter()
                .zip(&spans)
                .map(|(lines, &w)| pad(lines.get(k).map_or("", String::as_str), w))
                .collect();
            out.push(line.join(&" ".repeat(GAP)));
        }
    }
    out
}
