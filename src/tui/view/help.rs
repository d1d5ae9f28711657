//! The help overlay, generated from the live keymap and the action docs: what is on the screen
//! is what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::width::{fit, width};

use super::block;
use crate::lang::L;
use crate::tui::action::{Action, KeyContext};
use crate::tui::app::App;
use crate::tui::theme::{Role, Theme};

/// Sections for the pane under the overlay, then the keys that work everywhere.
fn contexts(app: &App) -> Vec<KeyContext> {
    let pane = match app.pane {
        crate::tui::app::Pane::Inbox => KeyContext::Inbox,
        crate::tui::app::Pane::Assign => KeyContext::Assign,
        crate::tui::app::Pane::Overdue => KeyContext::Overdue,
        crate::tui::app::Pane::Detail => KeyContext::Detail,
        crate::tui::app::Pane::Intake => KeyContext::Intake,
    };
    let mut out = vec![pane];
    if matches!(
        pane,
        KeyContext::Inbox | KeyContext::Assign | KeyContext::Overdue
    ) {
        out.push(KeyContext::List);
    }
    out.extend([KeyContext::Global, KeyContext::Popup]);
    out
}

/// The bindings a section shows: the overdue pane has no filters, though it reads `[list]`.
fn shown(app: &App, ctx: KeyContext) -> Vec<(crate::tui::key::Key, Action)> {
    let mut b = app.env.keymap.bindings(ctx);
    if ctx == KeyContext::List && app.pane == crate::tui::app::Pane::Overdue {
        b.retain(|(_, a)| {
            !matches!(
                a,
                Action::Filter
                    | Action::FilterState
                    | Action::FilterDepartment
                    | Action::FilterCategory
                    | Action::FilterChannel
                    | Action::ClearFilter
            )
        });
    }
    b
}

/// How many lines the overlay has: the limit of its scroll.
pub fn help_len(app: &App) -> usize {
    contexts(app)
        .into_iter()
        .map(|c| shown(app, c).len() + 2)
        .sum()
}

pub fn help_lines(app: &App, theme: &Theme, cells: usize) -> Vec<Line<'static>> {
    let lang = app.env.lang;
    let mut out = Vec::new();
    for ctx in contexts(app) {
        out.push(Line::styled(
            ctx.name(lang).to_string(),
            theme.style(Role::Title),
        ));
        for (key, action) in shown(app, ctx) {
            let k = key.to_string();
            let kw = 12.max(width(&k) + 1);
            out.push(Line::from(vec![
                Span::styled(fit(&k, kw), theme.style(Role::Key)),
                Span::styled(
                    crate::width::truncate(action.doc(lang), cells.saturating_sub(kw)),
                    theme.style(Role::Text),
                ),
            ]));
        }
        out.push(Line::raw(""));
    }
    out
}

pub fn draw(app: &App, theme: &Theme, f: &mut Frame, area: Rect) {
    crate::tui::popup::clear_under(f.buffer_mut(), area);
    let outer = block(app, theme, app.tr(L::HelpTitle), true);
    let inner = outer.inner(area);
    f.render_widget(outer, area);
    super::draw_scrolled(
        f,
        inner,
        help_lines(app, theme, usize::from(inner.width)),
        app.help.unwrap_or(0),
    );
}
