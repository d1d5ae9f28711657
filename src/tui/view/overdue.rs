//! The overdue pane: groups by department, worst first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::lang::L;
use crate::width::fit;

use super::{block, style_or};
use crate::tui::overdue_text::{cells, group_name, heading};
use crate::tui::panes::overdue::{Line as PaneLine, OverduePane};
use crate::tui::shell::Shell;
use crate::tui::theme::{Role, Theme};

pub fn draw(sh: &Shell, o: &OverduePane, theme: &Theme, f: &mut Frame, area: Rect) {
    let title = match &o.report {
        Some(r) => heading(sh, sh.tr(L::OverdueTitle), r.overdue, r.due_soon),
        None => sh.tr(L::OverdueTitle).to_string(),
    };
    let outer = block(sh, theme, &title, true);
    let inner = outer.inner(area);
    f.render_widget(outer, area);
    let total = usize::from(inner.width);
    let Some(report) = &o.report else {
        f.render_widget(
            Paragraph::new(Line::styled(sh.tr(L::Loading), theme.style(Role::Muted))),
            inner,
        );
        return;
    };
    if report.groups.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(sh.tr(L::NothingLate), theme.style(Role::Info))),
            inner,
        );
        return;
    }
    let mut lines = Vec::new();
    for l in o
        .lines()
        .into_iter()
        .skip(o.offset)
        .take(usize::from(inner.height))
    {
        match l {
            PaneLine::Group(g) => lines.push(Line::styled(
                fit(
                    &heading(sh, group_name(sh, &g.name), g.overdue, g.due_soon),
                    total,
                ),
                theme.style(Role::Header),
            )),
            PaneLine::Case(i, r) => {
                let selected = i == o.selected;
                let mut spans = vec![Span::styled("  ", style_or(theme, Role::Text, selected))];
                for (text, role) in cells(sh, r, total) {
                    spans.push(Span::styled(text, style_or(theme, role, selected)));
                }
                lines.push(Line::from(spans));
            }
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
}
