//! Display width: Chinese characters take two cells. Every alignment goes through here.

use textwrap::{Options, WordSeparator, WrapAlgorithm};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` cells, ending with `…` when cut; never splits a wide character.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Cuts `s` to at most `max` cells with no ellipsis (a field scrolled under its caret).
pub fn truncate_plain(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out
}

/// Truncates, then pads with spaces to exactly `cells` cells.
pub fn fit(s: &str, cells: usize) -> String {
    let t = truncate(s, cells);
    let pad = cells.saturating_sub(width(&t));
    t + &" ".repeat(pad)
}

/// Pads with spaces to at least `cells` cells, text on the left; never truncates.
pub fn pad(s: &str, cells: usize) -> String {
    let n = cells.saturating_sub(width(s));
    format!("{s}{}", " ".repeat(n))
}

/// Pads with spaces to at least `cells` cells, text on the right (numbers); never truncates.
pub fn pad_left(s: &str, cells: usize) -> String {
    let n = cells.saturating_sub(width(s));
    format!("{}{s}", " ".repeat(n))
}

/// A tab in pasted or imported text: four spaces, since a real tab's width depends on the column.
const TAB: &str = "    ";

/// Pasted or imported text made safe to draw: `\r\n` and `\r` become `\n` (bracketed paste
/// delivers line breaks as `\r`), a tab becomes four spaces, and every other control character
/// (C0, DEL, C1, including the ESC that starts an escape sequence) and every bidirectional or
/// line-separator control is removed ([`crate::domain::text::hidden`]), so nothing pasted can
/// drive the terminal or reorder what it shows.
pub fn clean_paste(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' => out.push('\n'),
            '\t' => out.push_str(TAB),
            c if crate::domain::text::hidden(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// [`clean_paste`] for single-line fields: each line break becomes one space.
pub fn clean_line(s: &str) -> String {
    clean_paste(s).replace('\n', " ")
}

/// Wraps `text` into lines of at most `cells` cells, by Chinese line-breaking rules.
///
/// The text is cleaned first ([`clean_paste`]: tabs become spaces, control characters go).
/// Break opportunities come from the Unicode line-break properties, so Chinese breaks between
/// any two characters, but not before closing punctuation (`，。；：！？、）」』”`) nor after an
/// opening one (`“（「`); Latin words break only at spaces unless a word is longer than the
/// line, which is then split by width. A closing mark can therefore start a line only when the
/// line before is full (the unbreakable run it belongs to was wider than the line), when it
/// follows a space (the Unicode rules allow a break there for some marks), or when the input
/// line itself starts with it. Whitespace at a break is dropped, and so is indentation too wide
/// to share a line with the word after it. Each `\n` starts a new line and empty lines are
/// kept; `""` gives one empty line.
///
/// `cells` 0 is treated as 1. At 1 cell a wide character cannot fit: it gets a line of its own
/// and overflows rather than being dropped or looping; from 2 cells up no line is wider than
/// `cells`.
pub fn wrap(text: &str, cells: usize) -> Vec<String> {
    let text = clean_paste(text);
    let cells = cells.max(1);
    if cells == 1 {
        // textwrap has nothing to break into at width 1 for wide text; one glyph per line.
        return text
            .split('\n')
            .flat_map(|line| {
                let pieces: Vec<String> = line
                    .split_whitespace()
                    .flat_map(|w| split_by_width(w, 1))
                    .collect();
                if pieces.is_empty() {
                    vec![String::new()]
                } else {
                    pieces
                }
            })
            .collect();
    }
    let options = Options::new(cells)
        .word_separator(WordSeparator::UnicodeBreakProperties)
        // First fit, as typeset Chinese does: fill each line, no balancing across lines.
        .wrap_algorithm(WrapAlgorithm::FirstFit);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let start = out.len();
        for line in textwrap::wrap(para, &options) {
            let line = line.trim_end();
            if line.is_empty() {
                // Indentation too wide to share a line with the next word: not worth a line.
                continue;
            }
            // textwrap sums per-character widths; `width` measures whole sequences (emoji with
            // variation selectors can be wider), so re-split the rare line that then overflows.
            if width(line) > cells {
                out.extend(split_by_width(line, cells));
            } else {
                out.push(line.to_string());
            }
        }
        if out.len() == start {
            out.push(String::new());
        }
    }
    out
}

/// Splits `s` into pieces of at most `cells` cells, greedily, never inside a character; a
/// character wider than `cells` becomes a piece of its own.
fn split_by_width(s: &str, cells: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        cur.push(c);
        if width(&cur) > cells && cur.chars().count() > 1 {
            cur.pop();
            out.push(std::mem::take(&mut cur));
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn chinese_takes_two_cells() {
        assert_eq!(width("电梯故障"), 8);
        assert_eq!(truncate("电梯故障无人维修", 7), "电梯故…");
        assert_eq!(fit("电梯", 5), "电梯 ");
        assert_eq!(fit("电梯故障", 4), "电… ");
    }

    #[test]
    fn pad_never_truncates() {
        assert_eq!(pad("电梯", 6), "电梯  ");
        assert_eq!(pad("电梯故障", 4), "电梯故障");
        assert_eq!(pad_left("42", 5), "   42");
        assert_eq!(pad_left("12345", 3), "12345");
        assert_eq!(width(&pad_left("电梯", 7)), 7);
    }

    #[test]
    fn paste_is_cleaned() {
        assert_eq!(clean_paste("一\r\n二\r三\n四"), "一\n二\n三\n四");
        assert_eq!(clean_paste("a\tb"), "a    b");
        assert_eq!(clean_paste("\u{1b}[31m红\u{1b}[0m"), "[31m红[0m");
        assert_eq!(clean_paste("x\u{0}\u{7}\u{8}\u{7f}\u{85}\u{9b}y"), "xy");
        assert_eq!(clean_paste("“好”①※—…😀"), "“好”①※—…😀");
        assert_eq!(
            clean_line("投诉人：张三\r\n电话：123\n"),
            "投诉人：张三 电话：123 "
        );
        assert_eq!(clean_line("a\tb\u{1b}"), "a    b");
    }

    fn check_wrap(text: &str, cells: usize, want: &[&str]) {
        assert_eq!(wrap(text, cells), want, "wrap({text:?}, {cells})");
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_closing_marks() {
        check_wrap(
            "小区电梯已停运三天，物业不予维修。",
            10,
            &["小区电梯已", "停运三天，", "物业不予维", "修。"],
        );
        // "天，" cannot be split, so "天" moves down with its comma.
        check_wrap("停运三天，物业不管。", 8, &["停运三", "天，物业", "不管。"]);
        // The segmenter binds the opening quote to the colon before it too, so "说：“明" moves as one.
        check_wrap("他说：“明天再来。”", 8, &["他", "说：“明", "天再", "来。”"]);
        check_wrap(
            "供水（含二次供水）问题",
            8,
            &["供水（含", "二次供", "水）问题"],
        );
        check_wrap(
            "供水（含二次供水）问题",
            6,
            &["供水", "（含二", "次供", "水）问", "题"],
        );
    }

    #[test]
    fn latin_words_stay_whole_unless_too_long() {
        check_wrap(
            "热线 12345 转 Wang Xiaoming 处理",
            12,
            &["热线 12345", "转 Wang", "Xiaoming 处", "理"],
        );
        // Breaks after `/` where it can, by width where it must.
        check_wrap(
            "网址 https://example.com/abcdef",
            10,
            &["网址", "https://", "example.co", "m/abcdef"],
        );
    }

    #[test]
    fn newlines_and_empty_lines_are_kept() {
        check_wrap("第一行\n\n第三行", 20, &["第一行", "", "第三行"]);
        check_wrap("", 10, &[""]);
        check_wrap("a\tb", 10, &["a    b"]);
    }

    #[test]
    fn tiny_widths_do_not_hang() {
        assert_eq!(wrap("电梯ab", 1), ["电", "梯", "a", "b"]);
        assert_eq!(wrap("电梯ab", 0), ["电", "梯", "a", "b"]);
        assert_eq!(wrap("电梯，", 2), ["电", "梯", "，"]);
        assert_eq!(wrap("\n", 1), ["", ""]);
    }

    /// Closing marks a line may not start with.
    const NO_START: &[char] = &[
        '，', '。', '；', '：', '！', '？', '、', '）', '」', '』', '”',
    ];

    proptest! {
        #[test]
        fn wrap_fits_and_keeps_every_character(
            text in "([电梯故障物业维修，。；：！？、（）「」“”①※—…\u{1F600} \tabcXYZ0-9\n]|\r\n){0,80}",
            cells in 2usize..30,
        ) {
            let lines = wrap(&text, cells);
            for line in &lines {
                prop_assert!(width(line) <= cells, "{line:?} wider than {cells}");
            }
            let want: String = clean_paste(&text).chars().filter(|c| !c.is_whitespace()).collect();
            let got: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(got, want);
        }

        #[test]
        fn closing_marks_start_a_line_only_when_forced(
            text in "[电梯故障物业维修，。；、）」”a-c \n]{0,80}",
            cells in 2usize..30,
        ) {
            for para in text.split('\n') {
                let wrapped = wrap(para, cells);
                // Each line is a slice of the paragraph; find where it starts.
                let mut at = 0;
                for (i, line) in wrapped.iter().enumerate() {
                    let start = at + para[at..].find(line.as_str()).expect("line is a slice");
                    at = start + line.len();
                    let Some(first) = line.chars().next().filter(|c| NO_START.contains(c)) else {
                        continue;
                    };
                    // Allowed: the paragraph starts with it; it follows a space (the Unicode
                    // rules allow a break after a space before some of these marks); or the
                    // line before was full, so its unbreakable run had to be split by width.
                    let after_space = para[..start].chars().next_back().is_none_or(char::is_whitespace);
                    let full = i > 0 && width(&wrapped[i - 1]) + width(&first.to_string()) > cells;
                    prop_assert!(
                        after_space || full,
                        "{line:?} after {:?} at {cells}", wrapped.get(i.wrapping_sub(1))
                    );
                }
            }
        }

        #[test]
        fn fit_is_exact(s in "[a-z电梯故障，。“”①…\u{1F600}]{0,30}", cells in 0usize..40) {
            let f = fit(&s, cells);
            prop_assert_eq!(width(&f), cells);
        }
    }
}
