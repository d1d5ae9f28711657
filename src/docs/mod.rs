//! Documents out: a rendered document (the line-marked text kept in an `Issued` event) turned
//! into plain text for pasting and printers, or a Word file laid out as Chinese official
//! documents are (《党政机关公文格式》GB/T 9704), and written where only its owner can read it.
//!
//! The markup, one paragraph per line: `# ` the title, `## ` a heading, `= ` a centred line,
//! `> ` a right-aligned line, `| a | b |` table rows, `---` a cut line, an empty line a gap,
//! anything else a body paragraph.

mod docx;
mod file;
mod text;

pub use docx::{DocsError, Meta, docx};
pub use file::{clean_name, write, write_to};
pub use text::{PAGE_CELLS, text};

/// One line of a document, its mark read and its text cleaned.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Block {
    Title(String),
    Heading(String),
    Centre(String),
    Right(String),
    /// Consecutive `|` lines: rows of cells.
    Table(Vec<Vec<String>>),
    Cut,
    Gap,
    Body(String),
}

/// The longest line kept: a template gone wrong must not make a file without end.
const MAX_LINE_CHARS: usize = 10_000;

/// Reads the marks. Each line is cleaned first (control characters, which XML cannot carry and
/// a terminal would obey, go; a tab is spaces) and bounded.
fn parse(doc: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for raw in doc.lines() {
        let clean = crate::width::clean_line(raw);
        let line: String = clean.trim().chars().take(MAX_LINE_CHARS).collect();
        let block = if let Some(t) = line.strip_prefix("## ") {
            Block::Heading(t.trim().to_string())
        } else if let Some(t) = line.strip_prefix("# ") {
            Block::Title(t.trim().to_string())
        } else if let Some(t) = line.strip_prefix("= ") {
            Block::Centre(t.trim().to_string())
        } else if let Some(t) = line.strip_prefix("> ") {
            Block::Right(t.trim().to_string())
        } else if line.starts_with('|') {
            let row = cells(&line);
            if let Some(Block::Table(rows)) = blocks.last_mut() {
                rows.push(row);
                continue;
            }
            Block::Table(vec![row])
        } else if line == "---" {
            Block::Cut
        } else if line.is_empty() {
            Block::Gap
        } else {
            Block::Body(line)
        };
        blocks.push(block);
    }
    blocks
}

/// `| 甲 | 乙 |` → `["甲", "乙"]`; the closing bar may be missing.
fn cells(line: &str) -> Vec<String> {
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

/// Each column's width in cells, as its widest cell asks. A row with fewer cells than the
/// widest lets its last cell span the rest (a form's long field): that cell sets no width.
fn column_widths(rows: &[Vec<String>]) -> Vec<usize> {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; n];
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i + 1 < row.len() || row.len() == n {
                widths[i] = widths[i].max(crate::width::width(cell));
            }
        }
    }
    widths
}

/// The narrowest a column is squeezed to when a form is wider than its page.
const MIN_COLUMN: usize = 4;

/// Column widths in cells that fit a line of `page` cells with `gap` cells between columns:
/// the widest column gives way first, so labels keep their width and the long field wraps.
fn fit_columns(mut widths: Vec<usize>, page: usize, gap: usize) -> Vec<usize> {
    let total = |w: &[usize]| w.iter().sum::<usize>() + gap * w.len().saturating_sub(1);
    while total(&widths) > page {
        let Some((i, &w)) = widths.iter().enumerate().max_by_key(|(_, w)| **w) else {
            break;
        };
        if w <= MIN_COLUMN {
            break;
        }
        widths[i] = w - 1;
    }
    widths
}

#[cfg(test)]
mod tests;
