//! The overdue pane: groups by department, worst first, and the same list as plain text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::lang::L;
use crate::service::api::{CaseRow, OverdueReport};
use crate::width::{fit, width};

use super::{block, due_cell, style_or};
use crate::tui::app::App;
use crate::tui::panes::overdue::Line as PaneLine;
use crate::tui::theme::{Role, Theme};

fn group_name<'a>(app: &App, name: &'a str) -> &'a str {
    if name.is_empty() {
        app.words().label(L::Unassigned)
    } else {
        name
    }
}

/// One case's cells: number, subject, stage, due, urge count.
fn cells(app: &App, r: &CaseRow, total: usize) -> Vec<(String, Role)> {
    let w = app.words();
    let (due, role) = due_cell(app.env.lang, r.due.as_ref());
    let stage = r.due.as_ref().map_or("", |d| w.stage(d.stage));
    let urged = if r.urge_count > 0 {
        format!("{}{}", app.tr(L::UrgedShort), r.urge_count)
    } else {
        String::new()
    };
    let ext = if r.extension_pending {
        app.tr(L::ExtensionShort)
    } else {
        ""
    };
    let num = width(&r.number).clamp(8, 16);
    let fixed = 2 + num + 1 + 10 + 1 + 9 + 1 + 8 + 1 + 4;
    let subject = total.saturating_sub(fixed).max(4);
    vec![
        (fit(&r.number, num), Role::CaseNumber),
        (
            format!(" {}", fit(&crate::width::clean_line(&r.subject), subject)),
            Role::Text,
        ),
        (format!(" {}", fit(stage, 10)), Role::Muted),
        (format!(" {}", fit(&due, 9)), role),
        (format!(" {}", fit(&urged, 8)), Role::Warn),
        (format!(" {}", fit(ext, 4)), Role::Info),
    ]
}

/// "住房和城乡建设局  逾期 2 | 临期 1": a heading with its counts.
fn heading(app: &App, name: &str, overdue: u64, due_soon: u64) -> String {
    let w = app.words();
    format!(
        "{name}  {} {overdue} | {} {due_soon}",
        w.label(L::Overdue),
        w.label(L::DueSoon)
    )
}

pub fn draw(app: &App, theme: &Theme, f: &mut Frame, area: Rect) {
    let o = &app.overdue;
    let title = match &o.report {
        Some(r) => heading(app, app.tr(L::OverdueTitle), r.overdue, r.due_soon),
        None => app.tr(L::OverdueTitle).to_string(),
    };
    let outer = block(app, theme, &title, true);
    let inner = outer.inner(area);
    f.render_widget(outer, area);
    let total = usize::from(inner.width);
    let Some(report) = &o.report else {
        f.render_widget(
            Paragraph::new(Line::styled(app.tr(L::Loading), theme.style(Role::Muted))),
            inner,
        );
        return;
    };
    if report.groups.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(
                app.tr(L::NothingLate),
                theme.style(Role::Info),
            )),
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
                    &heading(app, group_name(app, &g.name), g.overdue, g.due_soon),
                    total,
                ),
                theme.style(Role::Header),
            )),
            PaneLine::Case(i, r) => {
                let selected = i == o.selected;
                let mut spans = vec![Span::styled("  ", style_or(theme, Role::Text, selected))];
                for (text, role) in cells(app, r, total) {
                    spans.push(Span::styled(text, style_or(theme, role, selected)));
                }
                lines.push(Line::from(spans));
            }
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// The list as plain text, for the export key: one heading per department, one line per case.
pub fn export_text(app: &App, r: &OverdueReport) -> String {
    let mut out = heading(app, app.tr(L::OverdueTitle), r.overdue, r.due_soon) + "\n";
    for g in &r.groups {
        out += &format!(
            "\n{}\n",
            heading(app, group_name(app, &g.name), g.overdue, g.due_soon)
        );
        for row in &g.rows {
            let line: String = cells(app, row, 100).into_iter().map(|c| c.0).collect();
            out += &format!("  {}\n", line.trim_end());
        }
    }
    out
}
