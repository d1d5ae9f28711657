//! Which characters text from users, files and sockets may carry to a terminal.
//!
//! C0/C1 controls drive the terminal (ESC starts an escape sequence); the bidirectional
//! controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) reorder what is shown, so a
//! note could make a timeline line read backwards; U+2028/U+2029 break lines where a list
//! expects none. The zero-width joiners stay: emoji and some scripts need them.

/// A character that must never be stored or drawn as it is.
pub fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// Free text as stored: line breaks (`\r\n`, `\r`, U+2028, U+2029) become `\n`, a tab a
/// space, every other hidden character goes; trimmed.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push(' '),
            c if hidden(c) => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// [`clean`] for one-line values: each line break becomes a space.
pub fn clean_line(text: &str) -> String {
    clean(text).replace('\n', " ")
}

/// Text for a terminal or a log line: every hidden character except `\n` is shown as
/// `\u{…}` instead of being written, so nothing can drive the terminal or forge a line.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && hidden(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c != '\n' && hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Bytes as lowercase hex, as hashes are shown and stored.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bidi_controls_are_removed() {
        assert_eq!(
            clean(" 电梯\u{1b}[31m坏了\r\n第二行\u{7}\u{202E}cba\u{2028}三 "),
            "电梯[31m坏了\n第二行cba\n三"
        );
        assert_eq!(clean_line("一\u{2029}二\t三"), "一 二 三");
    }

    #[test]
    fn escape_shows_what_it_will_not_write() {
        assert_eq!(escape("a\u{1b}[2Jb\n\u{202E}c"), "a\\u{1b}[2Jb\n\\u{202e}c");
        assert!(matches!(
            escape("电梯坏了\n"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
