//! Where everything sits on the screen, computed from the terminal size alone. The views draw
//! into these regions and the panes page and scroll by them, so a key and a frame always agree
//! on how many rows there are.

use ratatui::layout::Rect;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// A box's border takes a row (and a column) on each side.
const BORDERS: u16 = 2;
/// Above a table's rows inside its box: the filter line and the column headings.
const TABLE_HEAD: u16 = 2;
/// Screens at least this wide give side panels their wide size.
const WIDE: u16 = 110;

/// The frame of every screen: a header line, the body, the status line and the hint line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub area: Rect,
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
    pub hints: Rect,
}

impl Layout {
    pub fn new(width: u16, height: u16) -> Layout {
        let area = Rect::new(0, 0, width, height);
        let line = |y: u16| Rect {
            y,
            height: 1.min(height),
            ..area
        };
        Layout {
            area,
            header: line(0),
            body: Rect {
                y: 1.min(height),
                height: height.saturating_sub(3),
                ..area
            },
            status: line(height.saturating_sub(2)),
            hints: line(height.saturating_sub(1)),
        }
    }

    /// Whether the screen is large enough to work on.
    pub fn fits(&self) -> bool {
        self.area.width >= MIN_WIDTH && self.area.height >= MIN_HEIGHT
    }

    /// The inbox's list, and above it the block of today's visits (`visits` rows with its
    /// borders) when it has room for at least one.
    pub fn inbox(&self, visits: usize) -> (Rect, Option<Rect>) {
        let area = self.body;
        let h = u16::try_from(visits)
            .unwrap_or(u16::MAX)
            .min(area.height / 2);
        if h < 3 {
            return (area, None);
        }
        (
            Rect {
                y: area.y + h,
                height: area.height - h,
                ..area
            },
            Some(Rect { height: h, ..area }),
        )
    }

    /// The assignment pane's list and its workload panel.
    pub fn assign(&self) -> (Rect, Rect) {
        split_side(self.body, 26, 34)
    }

    /// The intake form and the caller's history beside it.
    pub fn intake(&self) -> (Rect, Rect) {
        split_side(self.body, 28, 40)
    }

    /// The inside of a box drawn over the whole body (the case, the overdue list, help).
    pub fn body_inner(&self) -> Rect {
        inner(self.body)
    }
}

/// The inside of a bordered box at `area`.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(BORDERS),
        height: area.height.saturating_sub(BORDERS),
    }
}

/// The rows a case table shows in a box at `area`: its inside less the filter line and the
/// headings.
pub fn table_rows(area: Rect) -> usize {
    usize::from(inner(area).height.saturating_sub(TABLE_HEAD))
}

/// Splits `area` into a main part and a side panel at its right, `wide` cells on wide screens
/// and `narrow` on others.
pub fn split_side(area: Rect, narrow: u16, wide: u16) -> (Rect, Rect) {
    let side = if area.width >= WIDE { wide } else { narrow }.min(area.width);
    (
        Rect {
            width: area.width - side,
            ..area
        },
        Rect {
            x: area.x + area.width - side,
            width: side,
            ..area
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_covers_the_screen_once() {
        let l = Layout::new(80, 24);
        assert_eq!(l.header, Rect::new(0, 0, 80, 1));
        assert_eq!(l.body, Rect::new(0, 1, 80, 21));
        assert_eq!(l.status, Rect::new(0, 22, 80, 1));
        assert_eq!(l.hints, Rect::new(0, 23, 80, 1));
        assert!(l.fits());
        assert!(!Layout::new(80, 23).fits());
    }

    #[test]
    fn a_table_shows_its_box_less_borders_and_headings() {
        let l = Layout::new(80, 24);
        assert_eq!(table_rows(l.body), 21 - 4);
        let (list, visits) = l.inbox(5);
        assert_eq!(visits, Some(Rect::new(0, 1, 80, 5)));
        assert_eq!(table_rows(list), 16 - 4);
        // Too few rows for a block: the list keeps the body.
        assert_eq!(l.inbox(2), (l.body, None));
        // Never more than half the body.
        assert_eq!(l.inbox(40).1.map(|r| r.height), Some(10));
    }

    #[test]
    fn side_panels_widen_on_wide_screens() {
        assert_eq!(Layout::new(80, 24).assign().1.width, 26);
        assert_eq!(Layout::new(120, 30).assign().1.width, 34);
        assert_eq!(Layout::new(120, 30).intake().0.width, 80);
    }

    #[test]
    fn tiny_screens_do_not_underflow() {
        let l = Layout::new(3, 1);
        assert_eq!(l.body.height, 0);
        assert_eq!(table_rows(l.body), 0);
        assert_eq!(l.inbox(7), (l.body, None));
    }
}
