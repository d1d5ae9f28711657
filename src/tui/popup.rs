//! Popups over Chinese text: placing them, and clearing what is under them so their borders
//! survive ratatui's diff.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;

/// Widest glyph a cell can hold that we look back for (emoji and CJK are 2; a little slack).
const MAX_GLYPH_WIDTH: u16 = 4;

/// Prepares `buf` for a popup over `area`: clears wide glyphs cut by its left edge, then resets
/// every cell of the area (as ratatui's `Clear`).
///
/// A wide glyph starting left of the area whose right half lies under the popup's first column
/// would make ratatui's diff skip that column as the glyph's continuation, so the popup's left
/// border never reaches the terminal (open upstream). That glyph becomes a space (its style
/// kept). At the right edge nothing extra is needed: a glyph starting in the popup's last
/// column is reset with the area, and its continuation cell outside is already blank.
pub fn clear_under(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let reach = MAX_GLYPH_WIDTH.min(area.x - buf.area.x);
    for y in area.top()..area.bottom() {
        for back in 1..=reach {
            let x = area.x - back;
            let cell = &mut buf[(x, y)];
            if x.saturating_add(cell.cell_width()) > area.x {
                cell.set_symbol(" ");
            }
        }
        for x in area.left()..area.right() {
            buf[(x, y)].reset();
        }
    }
}

/// A `width` x `height` rectangle centred in `area`, shrunk to fit inside it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Style;
    use ratatui::widgets::{Block, Clear, Paragraph, Widget};

    /// Chinese text that puts a wide glyph across column `popup.x` on every row: rows start at
    /// alternating offsets so both even and odd popup columns are tested.
    fn background(area: Rect, buf: &mut Buffer) {
        for y in area.top()..area.bottom() {
            let offset = y % 2;
            let line = "投诉电梯故障物业维修供水供暖噪声扰民".repeat(3);
            buf.set_stringn(
                offset,
                y,
                &line,
                usize::from(area.width - offset),
                Style::default(),
            );
        }
    }

    /// Draws two frames (background alone, then with the popup) through `TestBackend`, so the
    /// second goes through the diff, and returns what the "terminal" shows.
    fn screen_after(popup: Rect, prepare: fn(&mut Buffer, Rect)) -> Buffer {
        let mut terminal = Terminal::new(TestBackend::new(30, 8)).unwrap();
        terminal
            .draw(|f| background(f.area(), f.buffer_mut()))
            .unwrap();
        terminal
            .draw(|f| {
                background(f.area(), f.buffer_mut());
                prepare(f.buffer_mut(), popup);
                Paragraph::new("确认")
                    .block(Block::bordered())
                    .render(popup, f.buffer_mut());
            })
            .unwrap();
        terminal.backend().buffer().clone()
    }

    fn left_border_rows(screen: &Buffer, popup: Rect) -> Vec<u16> {
        (popup.top()..popup.bottom())
            .filter(|&y| {
                let s = screen[(popup.x, y)].symbol();
                ["│", "┌", "└"].contains(&s)
            })
            .collect()
    }

    #[test]
    fn plain_clear_loses_the_left_border_under_a_cut_glyph() {
        // The bug this module exists for: shows the fix below is not vacuous.
        let popup = Rect::new(5, 1, 12, 5);
        let screen = screen_after(popup, |buf, area| Clear.render(area, buf));
        assert!(left_border_rows(&screen, popup).len() < usize::from(popup.height));
    }

    #[test]
    fn left_border_survives_at_odd_and_even_columns() {
        for x in [4, 5, 6, 7] {
            let popup = Rect::new(x, 1, 11, 5);
            let screen = screen_after(popup, clear_under);
            assert_eq!(
                left_border_rows(&screen, popup),
                (popup.top()..popup.bottom()).collect::<Vec<_>>(),
                "popup at x = {x}"
            );
            // The right border too.
            for y in popup.top()..popup.bottom() {
                let s = screen[(popup.right() - 1, y)].symbol();
                assert!(["│", "┐", "┘"].contains(&s), "right edge at x = {x}: {s:?}");
            }
        }
    }

    #[test]
    fn only_the_cut_glyph_is_cleared() {
        let area = Rect::new(0, 0, 10, 1);
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, "电梯故障", Style::default());
        // Popup from column 3: 梯 at 2..4 is cut, 电 at 0..2 is not.
        clear_under(&mut buf, Rect::new(3, 0, 4, 1));
        assert_eq!(buf[(0, 0)].symbol(), "电");
        assert_eq!(buf[(2, 0)].symbol(), " ");
        // Popup from column 4: nothing is cut.
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, "电梯故障", Style::default());
        clear_under(&mut buf, Rect::new(4, 0, 4, 1));
        assert_eq!(buf[(2, 0)].symbol(), "梯");
        assert_eq!(buf[(4, 0)].symbol(), " ");
    }

    #[test]
    fn edges_of_the_buffer_are_safe() {
        let area = Rect::new(0, 0, 6, 2);
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, "电梯故", Style::default());
        clear_under(&mut buf, Rect::new(0, 0, 3, 2));
        clear_under(&mut buf, Rect::new(5, 1, 10, 10));
        clear_under(&mut buf, Rect::new(40, 40, 3, 3));
        assert_eq!(buf[(4, 0)].symbol(), "故");
    }

    #[test]
    fn centered_is_clamped() {
        let area = Rect::new(2, 1, 80, 24);
        assert_eq!(centered(area, 40, 10), Rect::new(22, 8, 40, 10));
        assert_eq!(centered(area, 100, 30), area);
        assert_eq!(centered(Rect::new(0, 0, 5, 3), 4, 2), Rect::new(0, 0, 4, 2));
    }
}
