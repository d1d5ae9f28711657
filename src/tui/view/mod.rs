//! Drawing: a pure function of the app state. Each pane draws into the body; the header, the
//! status line and the hint line frame it. Returns where the terminal's cursor belongs (the
//! caret of the focused field), so the IME's candidate window opens there.

pub mod detail;
pub mod help;
pub mod intake;
pub mod overdue;
pub mod overlay;
pub mod reception;
pub mod table;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::lang::L;
use crate::width::{fit, truncate, width};

use super::action::{Action, KeyContext};
use super::app::{App, Pane, Tone};
use super::layout::{Layout, MIN_HEIGHT, MIN_WIDTH};
use super::shell::Shell;
use super::theme::{Role, Theme};

/// Borders for terminals that draw box-drawing characters two cells wide.
const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

pub fn block<'a>(sh: &Shell, theme: &Theme, title: &str, focused: bool) -> Block<'a> {
    let b = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(Span::styled(format!(" {title} "), theme.style(Role::Title)));
    if sh.env.ascii {
        b.border_set(ASCII_BORDER)
    } else {
        b
    }
}

/// Draws the whole screen and places the cursor.
pub fn view(app: &App, theme: &Theme, f: &mut Frame) {
    if let Some(pos) = render(app, theme, f) {
        f.set_cursor_position(pos);
    }
}

/// Draws the whole screen; returns where the cursor belongs.
pub fn render(app: &App, theme: &Theme, f: &mut Frame) -> Option<Position> {
    let sh = &app.shell;
    let area = f.area();
    let buf_style = theme.style(Role::Text);
    f.render_widget(Block::default().style(buf_style), area);
    let layout = Layout::new(area.width, area.height);
    if !layout.fits() {
        too_small(sh, theme, f, area);
        return None;
    }
    let body = layout.body;
    draw_header(app, theme, f, layout.header);
    let mut caret = match app.pane {
        Pane::Inbox => {
            let (list, visits) = layout.inbox(app.inbox.visits_height());
            if let Some(a) = visits {
                reception::draw(sh, &app.inbox.visits, theme, f, a);
            }
            let unmarked = |_| false;
            table::draw_list(
                sh,
                theme,
                f,
                list,
                &app.inbox.list,
                L::InboxTitle,
                &unmarked,
            )
        }
        Pane::Assign => table::draw_assign(sh, &app.assign, theme, f, &layout),
        Pane::Overdue => {
            overdue::draw(sh, &app.overdue, theme, f, body);
            None
        }
        Pane::Detail => {
            detail::draw(sh, &app.detail, theme, f, body);
            None
        }
        Pane::Intake => intake::draw(sh, app.intake.form.as_ref(), theme, f, &layout),
    };
    draw_status(app, theme, f, layout.status);
    draw_hints(app, theme, f, layout.hints);
    if let Some(at) = app.help {
        help::draw(sh, app.current().section(), at, theme, f, body);
        caret = None;
    }
    if let Some(p) = &app.popup {
        caret = overlay::draw(sh, theme, f, body, p);
    }
    if sh.env.ascii {
        fold_ambiguous(f.buffer_mut());
    }
    caret
}

/// For terminals that draw East Asian Ambiguous characters two cells wide (`--ascii`): shows
/// each as a one-cell ASCII look-alike, so that no row shifts. Only the screen changes; the
/// record keeps what was typed.
fn fold_ambiguous(buf: &mut ratatui::buffer::Buffer) {
    use unicode_width::UnicodeWidthChar;
    for cell in buf.content.iter_mut() {
        let mut chars = cell.symbol().chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            continue;
        };
        if c.is_ascii() || c.width() == c.width_cjk() {
            continue;
        }
        let plain = match c {
            '…' => ".",
            '“' | '”' | '″' => "\"",
            '‘' | '’' | '′' => "'",
            '—' | '–' | '─' | '━' => "-",
            '·' | '•' => ".",
            '│' | '┃' => "|",
            '×' => "x",
            _ => "?",
        };
        cell.set_symbol(plain);
    }
}

fn too_small(sh: &Shell, theme: &Theme, f: &mut Frame, area: Rect) {
    let text = format!(
        "{} {}x{} ({}x{})",
        sh.tr(L::TooSmall),
        MIN_WIDTH,
        MIN_HEIGHT,
        area.width,
        area.height
    );
    let lines: Vec<Line> = crate::width::wrap(&text, usize::from(area.width.max(2)))
        .into_iter()
        .map(|l| Line::styled(l, theme.style(Role::Warn)))
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}

fn draw_header(app: &App, theme: &Theme, f: &mut Frame, area: Rect) {
    let sh = &app.shell;
    let w = sh.words();
    let pane = sh.tr(match app.pane {
        Pane::Inbox => L::InboxTitle,
        Pane::Assign => L::AssignTitle,
        Pane::Overdue => L::OverdueTitle,
        Pane::Detail => L::DetailTitle,
        Pane::Intake => L::IntakeTitle,
    });
    let mut spans = vec![Span::styled(
        format!(" {} | {pane} ", sh.tr(L::AppName)),
        theme.style(Role::Title),
    )];
    if sh.offline {
        spans.push(Span::styled(
            format!(" {} ", sh.tr(L::Offline)),
            theme.style(Role::Error),
        ));
    }
    if sh.test_store {
        spans.push(Span::styled(
            format!(" {} ", sh.tr(L::TestStore)),
            theme.style(Role::Warn),
        ));
    }
    // The counts first: on a narrow screen the user's name is what gets cut.
    if let Some(s) = &sh.summary {
        spans.push(Span::styled(
            format!(" {} {} ", sh.tr(L::NewToday), s.new_today),
            theme.style(Role::Header),
        ));
        spans.push(Span::styled(
            format!(" {} {} ", w.label(L::DueSoon), s.due_soon),
            theme.style(Role::DueSoon),
        ));
        spans.push(Span::styled(
            format!(" {} {} ", w.label(L::Overdue), s.overdue),
            theme.style(Role::Overdue),
        ));
        if !sh.drafts.is_empty() {
            spans.push(Span::styled(
                format!(" {} {} ", sh.tr(L::Drafts), sh.drafts.len()),
                theme.style(Role::Muted),
            ));
        }
        let roles: Vec<&str> = s.user.roles.iter().map(|r| w.role(r)).collect();
        spans.push(Span::styled(
            format!(" {}（{}） ", s.user.name, roles.join("、")),
            theme.style(Role::Header),
        ));
    }
    let line = clip_spans(spans, usize::from(area.width));
    f.render_widget(Paragraph::new(line).style(theme.style(Role::Header)), area);
}

/// Cuts a line of spans to `cells` display cells, the last one ending with `…`.
pub fn clip_spans(spans: Vec<Span<'static>>, cells: usize) -> Line<'static> {
    let mut out = Vec::new();
    let mut used = 0;
    for s in spans {
        let w = width(&s.content);
        if used + w <= cells {
            used += w;
            out.push(s);
        } else {
            let rest = cells - used;
            if rest > 0 {
                out.push(Span::styled(truncate(&s.content, rest), s.style));
            }
            break;
        }
    }
    Line::from(out)
}

fn draw_status(app: &App, theme: &Theme, f: &mut Frame, area: Rect) {
    let Some(s) = &app.status else {
        return;
    };
    let role = match s.tone {
        Tone::Info => Role::Info,
        Tone::Warn => Role::Warn,
        Tone::Error => Role::Error,
    };
    let text = crate::width::clean_line(&s.text);
    let line = Line::styled(
        fit(&format!(" {text}"), usize::from(area.width)),
        theme.style(role),
    );
    f.render_widget(Paragraph::new(line), area);
}

/// The actions a context offers in its hint line, in order; keys come from the keymap.
fn hint_actions(app: &App, ctx: KeyContext) -> &'static [Action] {
    use Action as A;
    match ctx {
        KeyContext::Popup if app.popup.is_none() && app.help.is_none() => {
            // A list's `/` line.
            &[A::Confirm, A::Cancel]
        }
        KeyContext::Popup => &[A::Confirm, A::Cancel, A::Down],
        KeyContext::Help => &[A::Back, A::Down],
        _ => app.current().hints(),
    }
}

fn draw_hints(app: &App, theme: &Theme, f: &mut Frame, area: Rect) {
    let sh = &app.shell;
    let ctx = app.context();
    let mut spans = Vec::new();
    for a in hint_actions(app, ctx) {
        if let Some(k) = sh.env.keymap.keys_for(ctx, *a).first() {
            spans.push(Span::styled(format!(" {k}"), theme.style(Role::Key)));
            spans.push(Span::styled(
                format!(" {} ", a.name(sh.env.lang)),
                theme.style(Role::KeyHint),
            ));
        }
    }
    if ctx == KeyContext::Detail
        && let Some(v) = &app.detail.view
    {
        let names: Vec<&str> = v.actions.iter().map(|a| sh.words().action(*a)).collect();
        if !names.is_empty() {
            spans.push(Span::styled(
                format!(" [{}]", names.join("/")),
                theme.style(Role::Muted),
            ));
        }
    }
    f.render_widget(
        Paragraph::new(clip_spans(spans, usize::from(area.width)))
            .style(theme.style(Role::KeyHint)),
        area,
    );
}

/// The lines from `skip` on that fit in `area`, drawn there (a scrolled pane or overlay).
pub fn draw_scrolled(f: &mut Frame, area: Rect, lines: Vec<Line<'static>>, skip: usize) {
    let skip = skip.min(lines.len().saturating_sub(1));
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(skip)
        .take(usize::from(area.height))
        .collect();
    f.render_widget(Paragraph::new(shown), area);
}

/// "F2 确认  F10 取消": each action's first key in `ctx` from the live keymap, with its
/// label; an action with no key is left out, so a hint never names a key that does nothing.
pub fn key_hint(sh: &Shell, ctx: KeyContext, items: &[(Action, &str)]) -> String {
    items
        .iter()
        .filter_map(|(a, label)| {
            let keys = sh.env.keymap.keys_for(ctx, *a);
            keys.first().map(|k| format!("{k} {label}"))
        })
        .collect::<Vec<_>>()
        .join("  ")
}

/// Where the caret of a one-line field drawn at `area` with `caret` cells before it sits.
pub fn caret_at(area: Rect, caret: usize) -> Position {
    let x = area.x + (caret as u16).min(area.width.saturating_sub(1));
    Position { x, y: area.y }
}

pub fn style_or(theme: &Theme, role: Role, selected: bool) -> Style {
    if selected {
        theme.style(role).patch(theme.style(Role::Selection))
    } else {
        theme.style(role)
    }
}
