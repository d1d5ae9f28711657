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

use crate::domain::deadline::DueStatus;
use crate::lang::{L, Lang};
use crate::service::api::Due;
use crate::width::{fit, truncate, width};

use super::action::{Action, KeyContext};
use super::app::{App, Pane, Tone};
use super::theme::{Role, Theme};

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

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

pub fn block<'a>(app: &App, theme: &Theme, title: &str, focused: bool) -> Block<'a> {
    let b = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(Span::styled(format!(" {title} "), theme.style(Role::Title)));
    if app.env.ascii {
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
    let area = f.area();
    let buf_style = theme.style(Role::Text);
    f.render_widget(Block::default().style(buf_style), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, theme, f, area);
        return None;
    }
    let header = Rect { height: 1, ..area };
    let body = Rect {
        y: area.y + 1,
        height: area.height - 3,
        ..area
    };
    let status = Rect {
        y: area.y + area.height - 2,
        height: 1,
        ..area
    };
    let hints = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    draw_header(app, theme, f, header);
    let mut caret = match app.pane {
        Pane::Inbox => {
            let (list, visits) = reception::split(app, body);
            if let Some(a) = visits {
                reception::draw(app, theme, f, a);
            }
            table::draw_list(app, theme, f, list, &app.inbox, L::InboxTitle)
        }
        Pane::Assign => table::draw_assign(app, theme, f, body),
        Pane::Overdue => {
            overdue::draw(app, theme, f, body);
            None
        }
        Pane::Detail => {
            detail::draw(app, theme, f, body);
            None
        }
        Pane::Intake => intake::draw(app, theme, f, body),
    };
    draw_status(app, theme, f, status);
    draw_hints(app, theme, f, hints);
    if app.help.is_some() {
        help::draw(app, theme, f, body);
        caret = None;
    }
    if let Some(p) = &app.popup {
        caret = overlay::draw(app, theme, f, body, p);
    }
    if app.env.ascii {
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

fn too_small(app: &App, theme: &Theme, f: &mut Frame, area: Rect) {
    let text = format!(
        "{} {}x{} ({}x{})",
        app.tr(L::TooSmall),
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
    let w = app.words();
    let pane = app.tr(match app.pane {
        Pane::Inbox => L::InboxTitle,
        Pane::Assign => L::AssignTitle,
        Pane::Overdue => L::OverdueTitle,
        Pane::Detail => L::DetailTitle,
        Pane::Intake => L::IntakeTitle,
    });
    let mut spans = vec![Span::styled(
        format!(" {} | {pane} ", app.tr(L::AppName)),
        theme.style(Role::Title),
    )];
    if app.offline {
        spans.push(Span::styled(
            format!(" {} ", app.tr(L::Offline)),
            theme.style(Role::Error),
        ));
    }
    if app.test_store {
        spans.push(Span::styled(
            format!(" {} ", app.tr(L::TestStore)),
            theme.style(Role::Warn),
        ));
    }
    // The counts first: on a narrow screen the user's name is what gets cut.
    if let Some(s) = &app.summary {
        spans.push(Span::styled(
            format!(" {} {} ", app.tr(L::NewToday), s.new_today),
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
        if !app.drafts.is_empty() {
            spans.push(Span::styled(
                format!(" {} {} ", app.tr(L::Drafts), app.drafts.len()),
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
        KeyContext::Popup if app.popup.is_none() => &[A::Confirm, A::Cancel],
        KeyContext::Popup => &[A::Confirm, A::Cancel, A::Down],
        KeyContext::Help => &[A::Back, A::Down],
        KeyContext::Inbox => &[
            A::Open,
            A::Act,
            A::NewIntake,
            A::Filter,
            A::FilterState,
            A::Assign,
            A::Overdue,
            A::Help,
            A::Quit,
        ],
        KeyContext::Assign => &[
            A::Mark,
            A::Act,
            A::Open,
            A::Filter,
            A::Inbox,
            A::Overdue,
            A::Help,
        ],
        KeyContext::Overdue => &[
            A::Urge,
            A::ApproveExtension,
            A::Export,
            A::Open,
            A::Inbox,
            A::Help,
        ],
        KeyContext::Detail => &[A::Act, A::Back, A::Reveal, A::NewIntake, A::Help],
        KeyContext::Intake => &[
            A::Save,
            A::Leave,
            A::NextField,
            A::ResolveOnSpot,
            A::LinkCase,
            A::Help,
        ],
        KeyContext::Global | KeyContext::List => &[],
    }
}

fn draw_hints(app: &App, theme: &Theme, f: &mut Frame, area: Rect) {
    let ctx = app.context();
    let mut spans = Vec::new();
    for a in hint_actions(app, ctx) {
        if let Some(k) = app.env.keymap.keys_for(ctx, *a).first() {
            spans.push(Span::styled(format!(" {k}"), theme.style(Role::Key)));
            spans.push(Span::styled(
                format!(" {} ", a.name(app.env.lang)),
                theme.style(Role::KeyHint),
            ));
        }
    }
    if ctx == KeyContext::Detail
        && let Some(v) = &app.detail.view
    {
        let names: Vec<&str> = v.actions.iter().map(|a| app.words().action(*a)).collect();
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

/// A due status in a few cells, with the style that marks it; the words say it too, so
/// colour is never the only signal.
pub fn due_cell(lang: Lang, due: Option<&Due>) -> (String, Role) {
    let Some(d) = due else {
        return (String::new(), Role::Muted);
    };
    let role = match d.status {
        DueStatus::OnTrack { .. } => Role::Text,
        DueStatus::DueSoon { .. } | DueStatus::DueToday => Role::DueSoon,
        DueStatus::Overdue { .. } => Role::Overdue,
    };
    (lang.words().due_short(d.status), role)
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

/// Splits `area` into a main part and a side panel `side` cells wide at its right, wider on
/// wide screens.
pub fn split_side(area: Rect, narrow: u16, wide: u16) -> (Rect, Rect) {
    let side = if area.width >= 110 { wide } else { narrow }.min(area.width);
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

/// "F2 确认  F10 取消": each action's first key in `ctx` from the live keymap, with its
/// label; an action with no key is left out, so a hint never names a key that does nothing.
pub fn key_hint(app: &App, ctx: KeyContext, items: &[(Action, &str)]) -> String {
    items
        .iter()
        .filter_map(|(a, label)| {
            let keys = app.env.keymap.keys_for(ctx, *a);
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
