//! Popups: drawn over the body after clearing the wide glyphs their left edge would cut.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::width::{fit, pad, truncate, width, wrap};

use super::{block, caret_at, key_hint, style_or};
use crate::domain::phrase::PhraseUse;
use crate::lang::L;
use crate::tui::act_form::{ActForm, FieldInput};
use crate::tui::action::{Action, KeyContext};
use crate::tui::choice::Choice;
use crate::tui::overlay::{PickFor, Popup};
use crate::tui::popup::{centered, clear_under};
use crate::tui::shell::Shell;
use crate::tui::theme::{Role, Theme};

fn frame_popup(sh: &Shell, theme: &Theme, f: &mut Frame, area: Rect, title: &str) -> Rect {
    clear_under(f.buffer_mut(), area);
    let b = block(sh, theme, title, true);
    let inner = b.inner(area);
    f.render_widget(b, area);
    inner
}

/// Draws the popup over `body`; where the caret goes when the popup takes typing.
pub fn draw(sh: &Shell, theme: &Theme, f: &mut Frame, body: Rect, p: &Popup) -> Option<Position> {
    match p {
        Popup::Pick {
            title,
            choice,
            what,
        } => {
            // A phrase is read whole before it is chosen: its picker takes the body's width.
            let cells = match what {
                PickFor::Phrase { .. } => body.width.saturating_sub(4).clamp(64, 100),
                _ => 64,
            };
            pick(sh, theme, f, body, title, choice, cells)
        }
        Popup::Form(form) => form_popup(sh, theme, f, body, form),
        Popup::Confirm { text, .. } => {
            confirm(sh, theme, f, body, text);
            None
        }
        Popup::Saved { number } => {
            saved(sh, theme, f, body, number);
            None
        }
        Popup::Notice { title, text } => {
            notice(sh, theme, f, body, title, text);
            None
        }
        Popup::OfferDemo => {
            offer_demo(sh, theme, f, body);
            None
        }
    }
}

/// A filter line over the options that match it.
fn pick(
    sh: &Shell,
    theme: &Theme,
    f: &mut Frame,
    body: Rect,
    title: &str,
    choice: &Choice,
    cells: u16,
) -> Option<Position> {
    let h = (choice.matches.len() as u16 + 3).clamp(5, body.height.min(20));
    let area = centered(body, cells.min(body.width), h);
    let inner = frame_popup(sh, theme, f, area, title);
    let cells = usize::from(inner.width);
    let label = format!("{} ", sh.tr(L::FilterLabel));
    let (shown, caret) = choice
        .query
        .visible(cells.saturating_sub(width(&label) + 1));
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(label.clone(), theme.style(Role::Muted)),
            Span::styled(shown, theme.style(Role::Input)),
        ])),
        Rect { height: 1, ..inner },
    );
    pick_options(theme, f, inner, choice);
    Some(caret_at(
        Rect {
            x: inner.x + width(&label) as u16,
            ..inner
        },
        caret,
    ))
}

/// The matching options under the filter line, the chosen one highlighted and in view.
fn pick_options(theme: &Theme, f: &mut Frame, inner: Rect, choice: &Choice) {
    let cells = usize::from(inner.width);
    let rows = usize::from(inner.height.saturating_sub(1));
    // Nothing chosen yet shows the list from its top.
    let at = if choice.at == usize::MAX {
        0
    } else {
        choice.at
    };
    let top = at
        .min(choice.matches.len())
        .saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line> = choice
        .matches
        .iter()
        .enumerate()
        .skip(top)
        .take(rows)
        .map(|(n, i)| {
            let text = choice.options.get(*i).map_or("", |s| s.as_str());
            Line::styled(
                fit(&format!(" {text}"), cells),
                style_or(theme, Role::Text, n == choice.at),
            )
        })
        .collect();
    f.render_widget(
        Paragraph::new(lines),
        Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        },
    );
}

/// An action's fields, each a name over its value, and the keys that move and save.
fn form_popup(
    sh: &Shell,
    theme: &Theme,
    f: &mut Frame,
    body: Rect,
    form: &ActForm,
) -> Option<Position> {
    let w = sh.words();
    let numbers: Vec<&str> = form.cases.iter().map(|c| c.number.as_str()).collect();
    let title = format!(
        "{} {}",
        w.action(form.action),
        truncate(&numbers.join("、"), 30)
    );
    let h = (form.fields.len() as u16 * 2 + 3).min(body.height);
    let area = centered(body, 70.min(body.width), h);
    let inner = frame_popup(sh, theme, f, area, &title);
    let mut caret = None;
    for (n, (need, required, input)) in form.fields.iter().enumerate() {
        let y = inner.y + (n as u16) * 2;
        if y + 1 >= inner.y + inner.height {
            break;
        }
        let focused = n == form.focus;
        let star = if *required { "*" } else { " " };
        f.render_widget(
            Paragraph::new(Line::styled(
                format!("{star}{}", w.need(*need)),
                theme.style(if focused { Role::Title } else { Role::Muted }),
            )),
            Rect {
                y,
                height: 1,
                ..inner
            },
        );
        let val = Rect {
            y: y + 1,
            height: 1,
            x: inner.x + 2,
            width: inner.width.saturating_sub(2),
        };
        let c = form_value(theme, f, val, input, focused);
        if focused {
            caret = Some(caret_at(val, c));
        }
    }
    form_hint(sh, theme, f, inner, form);
    caret
}

/// One field's value on its line; the caret's cell within it.
fn form_value(theme: &Theme, f: &mut Frame, val: Rect, input: &FieldInput, focused: bool) -> usize {
    let room = usize::from(val.width);
    let (text, c) = match input {
        FieldInput::Line(l) => {
            let (s, c) = l.visible(room);
            (s, c)
        }
        FieldInput::Choice(ch) => {
            let q = ch.query.text();
            let s = if q.is_empty() {
                format!("< {} >", ch.chosen_text())
            } else {
                format!("{q} = {}", ch.chosen_text())
            };
            (truncate(&s, room), ch.query.caret_cells())
        }
    };
    let role = if focused { Role::Input } else { Role::Text };
    f.render_widget(
        Paragraph::new(Line::styled(pad(&text, room), theme.style(role))),
        val,
    );
    c
}

/// The form's last line: the keys that move between fields, save and cancel.
fn form_hint(sh: &Shell, theme: &Theme, f: &mut Frame, inner: Rect, form: &ActForm) {
    let lang = sh.env.lang;
    let mut keys = vec![
        (Action::Down, Action::NextField.name(lang)),
        (Action::Save, Action::Confirm.name(lang)),
        (Action::Cancel, Action::Cancel.name(lang)),
    ];
    // A text field with canned phrases says which key offers them.
    if let Some((need, _, FieldInput::Line(_))) = form.fields.get(form.focus)
        && PhraseUse::for_field(form.action, *need).is_some()
    {
        keys.insert(1, (Action::Phrase, Action::Phrase.name(lang)));
    }
    let hint = Rect {
        y: inner.y + inner.height - 1,
        height: 1,
        ..inner
    };
    f.render_widget(
        Paragraph::new(Line::styled(
            truncate(
                &format!(
                    "{}{}",
                    // A choice steps with the arrow keys the field itself reads.
                    match form.fields.get(form.focus) {
                        Some((_, _, FieldInput::Choice(_))) => sh.tr(L::ChooseHint),
                        _ => "",
                    },
                    key_hint(sh, KeyContext::Popup, &keys)
                ),
                usize::from(inner.width),
            ),
            theme.style(Role::KeyHint),
        )),
        hint,
    );
}

/// The question asked before an action that needs no fields is taken.
fn confirm(sh: &Shell, theme: &Theme, f: &mut Frame, body: Rect, text: &str) {
    let p = TextPopup {
        title: sh.tr(L::ConfirmTitle),
        text,
        role: Role::Text,
        hint: Some(confirm_hint(sh)),
    };
    text_popup(sh, theme, f, body, p);
}

/// Something the user must read before working.
fn notice(sh: &Shell, theme: &Theme, f: &mut Frame, body: Rect, title: &str, text: &str) {
    let p = TextPopup {
        title,
        text,
        role: Role::Warn,
        hint: Some(confirm_hint(sh)),
    };
    text_popup(sh, theme, f, body, p);
}

/// The new case's number, large and spaced so it can be read out to the caller.
fn saved(sh: &Shell, theme: &Theme, f: &mut Frame, body: Rect, number: &str) {
    let spaced: String = number.chars().map(|c| format!("{c} ")).collect();
    let spaced = spaced.trim_end().to_string();
    let wdt = (width(&spaced) as u16 + 8).clamp(40, body.width);
    let area = centered(body, wdt, 7);
    let inner = frame_popup(sh, theme, f, area, sh.tr(L::SavedTitle));
    let cells = usize::from(inner.width);
    let lines = vec![
        Line::raw(""),
        Line::styled(
            format!("  {}", truncate(&spaced, cells.saturating_sub(2))),
            theme.style(Role::Big),
        ),
        Line::raw(""),
        Line::styled(
            truncate(
                &format!(
                    "{}  {}",
                    sh.tr(L::SavedHint),
                    key_hint(sh, KeyContext::Popup, &[(Action::Confirm, sh.tr(L::Close))])
                ),
                cells,
            ),
            theme.style(Role::KeyHint),
        ),
    ];
    f.render_widget(Paragraph::new(lines), inner);
}

/// On an empty store: the offer to load the demo cases.
fn offer_demo(sh: &Shell, theme: &Theme, f: &mut Frame, body: Rect) {
    let p = TextPopup {
        title: sh.tr(L::EmptyTitle),
        text: sh.tr(L::OfferDemo),
        role: Role::Text,
        hint: Some(key_hint(
            sh,
            KeyContext::Popup,
            &[
                (Action::Confirm, sh.tr(L::LoadDemo)),
                (Action::Cancel, sh.tr(L::Skip)),
            ],
        )),
    };
    text_popup(sh, theme, f, body, p);
}

/// A popup of wrapped text and, under it, the keys that close it.
struct TextPopup<'a> {
    title: &'a str,
    text: &'a str,
    role: Role,
    hint: Option<String>,
}

/// The keys that confirm or cancel a popup.
fn confirm_hint(sh: &Shell) -> String {
    let lang = sh.env.lang;
    key_hint(
        sh,
        KeyContext::Popup,
        &[
            (Action::Confirm, Action::Confirm.name(lang)),
            (Action::Cancel, Action::Cancel.name(lang)),
        ],
    )
}

fn text_popup(sh: &Shell, theme: &Theme, f: &mut Frame, body: Rect, p: TextPopup<'_>) {
    let TextPopup {
        title,
        text,
        role,
        hint,
    } = p;
    let outer = body.width.min(64);
    let lines = wrap(text, usize::from(outer.saturating_sub(4)).max(2));
    let h = (lines.len() as u16 + 2 + u16::from(hint.is_some())).min(body.height);
    let area = centered(body, outer, h);
    let inner = frame_popup(sh, theme, f, area, title);
    let mut out: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::styled(l, theme.style(role)))
        .collect();
    if let Some(hint) = hint {
        out.push(Line::styled(hint, theme.style(Role::KeyHint)));
    }
    f.render_widget(Paragraph::new(out), inner);
}
