//! Case detail: the record, its clocks, links and timeline (`case_lines`), styled and scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::lang::L;

use super::block;
use crate::tui::case_lines::rows;
use crate::tui::panes::detail::DetailPane;
use crate::tui::shell::Shell;
use crate::tui::theme::{Role, Theme};

pub fn draw(sh: &Shell, d: &DetailPane, theme: &Theme, f: &mut Frame, area: Rect) {
    let title = d.view.as_ref().map_or_else(
        || sh.tr(L::DetailTitle).to_string(),
        |v| v.case.number.clone(),
    );
    let outer = block(sh, theme, &title, true);
    let inner = outer.inner(area);
    f.render_widget(outer, area);
    let Some(v) = &d.view else {
        f.render_widget(
            Paragraph::new(Line::styled(sh.tr(L::Loading), theme.style(Role::Muted))),
            inner,
        );
        return;
    };
    let lines = rows(sh, v, d.revealed.as_deref(), usize::from(inner.width))
        .into_iter()
        .map(|r| {
            Line::from(
                r.into_iter()
                    .map(|(t, role)| Span::styled(t, theme.style(role)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    super::draw_scrolled(f, inner, lines, d.scroll);
}
