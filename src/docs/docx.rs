//! A document as a Word file, laid out as 《党政机关公文格式》(GB/T 9704) lays out official
//! documents: A4, margins 上37 下35 左28 右26 mm, body 仿宋_GB2312 三号 on a fixed 28-point
//! line, the title in 黑体 二号, page numbers "— 1 —" centred at the foot.

use docx_rs::{
    AlignmentType, BorderType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing,
    LineSpacingType, PageMargin, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, RunFonts, SpecialIndentType, Table, TableCell, TableLayoutType,
    TableRow, WidthType,
};

use super::{Block, parse};
use crate::domain::time::Timestamp;

/// What the package says about the document beside its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    /// The document's title, for the file's properties (dc:title).
    pub title: String,
    /// When it was issued: the file's created and modified dates, so the same record gives
    /// the same bytes.
    pub issued_at: Timestamp,
}

#[derive(Debug, thiserror::Error)]
pub enum DocsError {
    #[error("无法生成 Word 文件：{0} (cannot make the .docx)")]
    Pack(String),
}

/// Twips (1/20 point) in a millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

/// A4 in twips.
const A4: (u32, u32) = (11906, 16838);

/// The width of the text between the margins, in twips.
fn text_width() -> i32 {
    A4.0 as i32 - mm(28.0) - mm(26.0)
}

/// Sizes in half-points, as Word counts them: 二号 22pt, 三号 16pt, 四号 14pt.
const ERHAO: usize = 44;
const SANHAO: usize = 32;
const SIHAO: usize = 28;

/// One display cell of 四号 text in twips: half a 14-point Chinese character.
const SIHAO_CELL: i32 = 140;

/// A table cell's left and right padding together (Word's default 0.19 cm a side), with a
/// little to spare for the border, in twips.
const CELL_PADDING: i32 = 250;

/// A form's lines: 22 points for 四号 text, so a long field stays readable and compact.
const FORM_LINE: i32 = 440;

/// 28-point lines, in twips: 22 lines to a page of 三号 text, as GB/T 9704 sets.
const LINE: i32 = 560;

/// The body's face: 仿宋_GB2312 for Chinese, Times New Roman for Latin letters and digits.
fn fangsong() -> RunFonts {
    fonts("仿宋_GB2312")
}

fn heiti() -> RunFonts {
    fonts("黑体")
}

/// The page number's face: GB/T 9704 sets 四号 宋体 digits.
fn songti() -> RunFonts {
    fonts("宋体")
}

fn fonts(east_asian: &str) -> RunFonts {
    RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .east_asia(east_asian)
        // Quotes and dashes shared by both scripts take the Chinese face.
        .hint("eastAsia")
}

/// The fonts used, each with the name Word falls back to on a machine without it (a Windows
/// without the GB2312 fonts has 仿宋; one in English knows 黑体 as SimHei), its GB2312
/// character set and PANOSE numbers, so Word substitutes the right face rather than its own.
const FONT_TABLE: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:panose1 w:val="02010609030101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
    r#"</w:fonts>"#,
);

/// Paragraph ids numbered from 1 for each file: docx-rs draws them from a counter that runs on
/// for the life of the thread, which would make the second file of a session differ.
struct Ids(u32);

impl Ids {
    fn next(&mut self, p: Paragraph) -> Paragraph {
        self.0 += 1;
        p.id(format!("{:08X}", self.0))
    }
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
        .before(0)
        .after(0)
}

fn run(text: &str, fonts: RunFonts, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts).size(size)
}

/// One line of the page: its face, size and alignment.
fn line(
    ids: &mut Ids,
    text: &str,
    fonts: RunFonts,
    size: usize,
    align: AlignmentType,
) -> Paragraph {
    let p = Paragraph::new().align(align).line_spacing(exact(LINE));
    let p = if text.is_empty() {
        p
    } else {
        p.add_run(run(text, fonts, size))
    };
    ids.next(p)
}

/// The document as a Word file. The same text and meta give the same bytes: fixed dates, ids
/// counted per file, and no clock in the archive (its entries carry the zip format's epoch).
pub fn docx(doc: &str, meta: &Meta) -> Result<Vec<u8>, DocsError> {
    let mut ids = Ids(0);
    let mut d = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(mm(37.0))
                .bottom(mm(35.0))
                .left(mm(28.0))
                .right(mm(26.0))
                .header(mm(15.0))
                // The number's dash sits about 7 mm below the text, as GB/T 9704 asks.
                .footer(mm(25.0))
                .gutter(0),
        )
        .default_fonts(fangsong())
        .default_size(SANHAO)
        .footer(footer(&mut ids));
    for block in parse(doc) {
        d = match block {
            Block::Title(t) => {
                d.add_paragraph(line(&mut ids, &t, heiti(), ERHAO, AlignmentType::Center))
            }
            Block::Heading(t) => {
                d.add_paragraph(line(&mut ids, &t, heiti(), SANHAO, AlignmentType::Left))
            }
            Block::Centre(t) => d.add_paragraph(line(
                &mut ids,
                &t,
                fangsong(),
                SANHAO,
                AlignmentType::Center,
            )),
            Block::Right(t) => {
                d.add_paragraph(line(&mut ids, &t, fangsong(), SANHAO, AlignmentType::Right))
            }
            Block::Body(t) => d.add_paragraph(
                line(&mut ids, &t, fangsong(), SANHAO, AlignmentType::Both).indent(
                    None,
                    Some(SpecialIndentType::FirstLine(2 * LINE_CHAR)),
                    None,
                    None,
                ),
            ),
            Block::Gap => {
                d.add_paragraph(line(&mut ids, "", fangsong(), SANHAO, AlignmentType::Left))
            }
            Block::Cut => {
                let mut p = line(&mut ids, "", fangsong(), SANHAO, AlignmentType::Left);
                p.property = p.property.set_borders(
                    ParagraphBorders::with_empty().set(
                        ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                            .val(BorderType::Dashed)
                            .size(6),
                    ),
                );
                d.add_paragraph(p)
            }
            Block::Table(rows) => d.add_table(table(&mut ids, &rows)),
        };
    }
    let mut xml = d.build();
    xml.font_table = FONT_TABLE.as_bytes().to_vec();
    xml.doc_props.core = core(meta).into_bytes();
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| DocsError::Pack(e.to_string()))?;
    Ok(out.into_inner())
}

/// A 三号 character's width in twips: 16 points.
const LINE_CHAR: i32 = 320;

/// "— 1 —", centred: the page number between two dashes.
fn footer(ids: &mut Ids) -> Footer {
    let field = Run::new()
        .fonts(songti())
        .size(SIHAO)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    let p = Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(run("— ", songti(), SIHAO))
        .add_run(field)
        .add_run(run(" —", songti(), SIHAO));
    Footer::new().add_paragraph(ids.next(p))
}

/// A bordered table across the text width, its columns as wide as their text asks; a row with
/// fewer cells lets its last cell span the rest. Forms are set in 四号 to fit their fields.
fn table(ids: &mut Ids, rows: &[Vec<String>]) -> Table {
    // Widths in cells of 四号 text, each with its cell's padding, fitted to the line as the
    // text output fits them; what is left of the line is shared out as the text asks. An
    // empty column still gets room for two characters, to be written in by hand.
    let full = text_width();
    let natural: Vec<usize> = super::column_widths(rows)
        .iter()
        .map(|w| (*w).max(4))
        .collect();
    let n = natural.len().max(1);
    let room = (full - n as i32 * CELL_PADDING).max(SIHAO_CELL) / SIHAO_CELL;
    let cells = super::fit_columns(natural, room as usize, 0);
    let used: i32 = cells
        .iter()
        .map(|w| *w as i32 * SIHAO_CELL + CELL_PADDING)
        .sum();
    let spare = (full - used).max(0);
    let sum = cells.iter().sum::<usize>().max(1) as i32;
    let twips: Vec<i32> = cells
        .iter()
        .map(|w| *w as i32 * SIHAO_CELL + CELL_PADDING + spare * *w as i32 / sum)
        .collect();
    let rows = rows
        .iter()
        .map(|row| {
            let cells = row
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    let span = if i + 1 == row.len() { n - i } else { 1 };
                    let w: i32 = twips.iter().skip(i).take(span).sum();
                    let p = Paragraph::new()
                        .align(AlignmentType::Left)
                        .line_spacing(exact(FORM_LINE))
                        .add_run(run(text, fangsong(), SIHAO));
                    let cell = TableCell::new()
                        .add_paragraph(ids.next(p))
                        .width(w.max(0) as usize, WidthType::Dxa);
                    if span > 1 { cell.grid_span(span) } else { cell }
                })
                .collect();
            TableRow::new(cells)
        })
        .collect();
    Table::new(rows)
        .set_grid(twips.iter().map(|w| (*w).max(0) as usize).collect())
        .width(full.max(0) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// The package's core properties, written here because docx-rs sets no title and dates
/// only as given: the issue time for both dates, so a file made again is the same file.
fn core(meta: &Meta) -> String {
    let at = chrono::DateTime::from_timestamp(meta.issued_at.0, 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ");
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title><dc:creator>xinfang</dc:creator><cp:lastModifiedBy>xinfang</cp:lastModifiedBy>"#,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{at}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{at}</dcterms:modified>"#,
            r#"<cp:revision>1</cp:revision></cp:coreProperties>"#
        ),
        title = escape(
            &crate::width::clean_line(&meta.title)
                .chars()
                .take(200)
                .collect::<String>()
        ),
        at = at,
    )
}

/// Text as XML character data or an attribute value.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}
