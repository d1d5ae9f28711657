//! The help overlay, generated from the live keymap and the action docs: what is on the screen
//! is what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::width::{fit, width};

use super::block;
use crate::lang::L;
use crate::tui::action::KeyContext;
use crate::tui::help::sections;
use crate::tui::shell::Shell;
use crate::tui::theme::{Role, Theme};

fn help_lines(sh: &Shell, section: KeyContext, theme: &Theme, cells: usize) -> Vec<Line<'static>> {
    let lang = sh.env.lang;
    let mut out = Vec::new();
    for (ctx, bindings) in sections(sh, section) {
        out.push(Line::styled(
            ctx.name(lang).to_string(),
            theme.style(Role::Title),
        ));
        for (key, action) in bindings {
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

pub fn draw(sh: &Shell, section: KeyContext, at: usize, theme: &Theme, f: &mut Frame, area: Rect) {
    crate::tui::popup::clear_under(f.buffer_mut(), area);
    let outer = block(sh, theme, sh.tr(L::HelpTitle), true);
    let inner = outer.inner(area);
    f.render_widget(outer, area);
    super::draw_scrolled(
        f,
        inner,
        help_lines(sh, section, theme, usize::from(inner.width)),
        at,
    );
}
