//! Display width: Chinese characters take two cells. Every alignment goes through here.

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

/// Truncates, then pads with spaces to exactly `cells` cells.
pub fn fit(s: &str, cells: usize) -> String {
    let t = truncate(s, cells);
    let pad = cells.saturating_sub(width(&t));
    t + &" ".repeat(pad)
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

    proptest! {
        #[test]
        fn fit_is_exact(s in "[a-z电梯故障，。“”①…\u{1F600}]{0,30}", cells in 0usize..40) {
            let f = fit(&s, cells);
            prop_assert_eq!(width(&f), cells);
        }
    }
}
