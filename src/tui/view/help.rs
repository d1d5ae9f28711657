//! The help overlay, generated from the live keymap and the action docs: what is on the screen
//! is what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::width::{fit, width};

use super::block;
use crate::tui::action::KeyContext;
use crate::tui::app::App;
use crate::tui::strings::{T, Text};
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

pub fn help_lines(app: &App, theme: &Theme, cells: usize) -> Vec<Line<'static>> {
    let text = Text::of(app.env.lang);
    let mut out = Vec::new();
    for ctx in contexts(app) {
        out.push(Line::styled(
            text.context(ctx).to_string(),
            theme.style(Role::Title),
        ));
        for (key, action) in app.env.keymap.bindings(ctx) {
            let k = key.to_string();
            let kw = 12.max(width(&k) + 1);
            out.push(Line::from(vec![
                Span::styled(fit(&k, kw), theme.style(Role::Key)),
                Span::styled(
                    crate::width::truncate(text.doc(action), cells.saturating_sub(kw)),
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
    let outer = block(app, theme, app.tr(T::HelpTitle), true);
    let inner = outer.inner(area);
    f.render_widget(outer, area);
    super::draw_scrolled(
        f,
        inner,
        help_lines(app, theme, usize::from(inner.width)),
        app.help.unwrap_or(0),
    );
}
