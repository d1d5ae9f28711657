//! The 今日接待 block above the inbox: today's booked visits, phones masked and a withheld
//! visitor or subject worded as in every list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::lang::L;
use crate::service::api::WITHHELD;
use crate::width::{fit, width};

use super::block;
use crate::service::api::BookingRow;
use crate::tui::panes::inbox::MAX_SHOWN;
use crate::tui::shell::Shell;
use crate::tui::theme::{Role, Theme};

pub fn draw(sh: &Shell, rows: &[BookingRow], theme: &Theme, f: &mut Frame, area: Rect) {
    let w = sh.words();
    let title = if rows.len() > MAX_SHOWN {
        format!("{} {}/{}", w.label(L::Reception), MAX_SHOWN, rows.len())
    } else {
        format!("{} {}", w.label(L::Reception), rows.len())
    };
    let outer = block(sh, theme, &title, false);
    let inner = outer.inner(area);
    f.render_widget(outer, area);
    let cells = usize::from(inner.width);
    let col = |get: fn(&crate::service::api::BookingRow) -> &str, min: usize, max: usize| {
        rows.iter()
            .map(|r| width(get(r)))
            .max()
            .unwrap_or(0)
            .clamp(min, max)
    };
    let leader_w = col(|r| &r.booking.leader, 4, 12);
    let shown = |t: &str| {
        if t == WITHHELD {
            w.label(L::WithheldShort).to_string()
        } else {
            crate::width::clean_line(t)
        }
    };
    let visitor_w = rows
        .iter()
        .map(|r| width(&shown(&r.booking.visitor)))
        .max()
        .unwrap_or(0)
        .clamp(4, 10);
    let phone_w = 11;
    let status_w = [L::Booked, L::ReceivedVisit]
        .iter()
        .map(|l| width(w.label(*l)))
        .max()
        .unwrap_or(6);
    let subject_w = cells.saturating_sub(2 + leader_w + visitor_w + phone_w + status_w + 4);
    let lines: Vec<Line> = rows
        .iter()
        .take(MAX_SHOWN)
        .map(|r| {
            let b = &r.booking;
            let (status, role) = if b.case.is_some() {
                (w.label(L::ReceivedVisit), Role::Muted)
            } else {
                (w.label(L::Booked), Role::Info)
            };
            Line::from(vec![
                Span::styled(
                    format!("  {}", fit(&crate::width::clean_line(&b.leader), leader_w)),
                    theme.style(Role::Text),
                ),
                Span::styled(
                    format!(" {}", fit(&shown(&b.visitor), visitor_w)),
                    theme.style(Role::Text),
                ),
                Span::styled(
                    format!(" {}", fit(&b.phone, phone_w)),
                    theme.style(Role::Muted),
                ),
                Span::styled(format!(" {}", fit(status, status_w)), theme.style(role)),
                Span::styled(
                    format!(" {}", fit(&shown(&b.subject), subject_w)),
                    theme.style(Role::Text),
                ),
            ])
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}
