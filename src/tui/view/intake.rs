//! The intake form, with the caller's earlier cases beside it.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::lang::L;
use crate::width::{fit, pad, width};

use super::{block, caret_at};
use crate::tui::choice::Choice;
use crate::tui::intake_form::{FieldId, IntakeForm};
use crate::tui::layout::Layout;
use crate::tui::line::LineInput;
use crate::tui::shell::Shell;
use crate::tui::theme::{Role, Theme, due_cell};

fn label(sh: &Shell, f: FieldId) -> &'static str {
    let w = sh.words();
    match f {
        FieldId::Channel => w.label(L::Channel),
        FieldId::Kind => w.label(L::Kind),
        FieldId::Name => w.label(L::Complainant),
        FieldId::Phone => w.label(L::Phone),
        FieldId::IdNumber => w.label(L::IdNumber),
        FieldId::Address => w.label(L::Address),
        FieldId::Subject => w.label(L::Subject),
        FieldId::Content => w.label(L::Content),
        FieldId::Demands => w.label(L::Demands),
        FieldId::Category => w.label(L::Category),
        FieldId::Urgency => w.label(L::Urgency),
        FieldId::Anonymous => w.label(L::Anonymous),
        FieldId::Confidential => w.label(L::Confidential),
        FieldId::NoCallback => w.label(L::NoCallback),
        FieldId::AccusedUnit => w.label(L::AccusedUnit),
        FieldId::AccusedDept => sh.tr(L::AccusedDept),
        FieldId::Resolve => sh.tr(L::ResolveOnSpot),
        FieldId::ReceivedBy => w.label(L::ReceivedBy),
    }
}

fn line_value(l: &LineInput, cells: usize, focused: bool) -> (String, Option<usize>) {
    let (shown, caret) = l.visible(cells);
    (shown, focused.then_some(caret))
}

fn choice_value(c: &Choice, cells: usize, focused: bool) -> (String, Option<usize>) {
    let chosen = c.chosen_text();
    if focused {
        let q = c.query.text();
        let text = if q.is_empty() {
            format!("< {chosen} >")
        } else {
            format!("{q} = {chosen}")
        };
        let caret = if q.is_empty() {
            0
        } else {
            c.query.caret_cells()
        };
        (crate::width::truncate(&text, cells), Some(caret))
    } else {
        (crate::width::truncate(chosen, cells), None)
    }
}

pub fn draw(
    sh: &Shell,
    form: Option<&IntakeForm>,
    theme: &Theme,
    f: &mut Frame,
    layout: &Layout,
) -> Option<Position> {
    let form = form?;
    let (form_area, side_area) = layout.intake();
    let title = if form.draft_saved {
        format!("{}  | {}", sh.tr(L::IntakeTitle), sh.tr(L::DraftSaved))
    } else {
        sh.tr(L::IntakeTitle).to_string()
    };
    let outer = block(sh, theme, &title, true);
    let inner = outer.inner(form_area);
    f.render_widget(outer, form_area);
    let caret = draw_fields(sh, theme, f, inner, form);
    draw_history(sh, theme, f, side_area, form);
    caret
}

fn draw_fields(
    sh: &Shell,
    theme: &Theme,
    f: &mut Frame,
    inner: Rect,
    form: &IntakeForm,
) -> Option<Position> {
    let lw = if sh.env.lang == crate::lang::Lang::Zh {
        12
    } else {
        14
    };
    let value_w = usize::from(inner.width).saturating_sub(lw);
    let fields = form.fields();
    let singles = fields.len() as u16 - 1;
    let content_h = inner.height.saturating_sub(singles).max(1);
    let mut y = inner.y;
    let mut caret = None;
    for fid in fields {
        if y >= inner.y + inner.height {
            break;
        }
        let focused = form.focus == fid;
        let h = if fid == FieldId::Content {
            content_h
        } else {
            1
        };
        let h = h.min(inner.y + inner.height - y);
        let label_role = if focused { Role::Title } else { Role::Muted };
        let marker = if focused { "> " } else { "  " };
        let lab = Rect {
            x: inner.x,
            y,
            width: lw as u16,
            height: 1,
        };
        f.render_widget(
            Paragraph::new(Line::styled(
                format!("{marker}{}", fit(label(sh, fid), lw - 2)),
                theme.style(label_role),
            )),
            lab,
        );
        let val = Rect {
            x: inner.x + lw as u16,
            y,
            width: value_w as u16,
            height: h,
        };
        let role = if focused { Role::Input } else { Role::Text };
        let (text, c) = match fid {
            FieldId::Content => {
                if let Some(p) = draw_content(theme, f, val, form, role, focused) {
                    caret = Some(p);
                }
                y += h;
                continue;
            }
            FieldId::Channel => choice_value(&form.channel, value_w, focused),
            FieldId::Kind => choice_value(&form.kind, value_w, focused),
            FieldId::Category => choice_value(&form.category, value_w, focused),
            FieldId::Urgency => choice_value(&form.urgency, value_w, focused),
            FieldId::Anonymous | FieldId::Confidential | FieldId::NoCallback => {
                let on = match fid {
                    FieldId::Anonymous => form.anonymous,
                    FieldId::Confidential => form.confidential,
                    _ => form.no_callback,
                };
                let mark = if on { "[x]" } else { "[ ]" };
                (mark.to_string(), focused.then_some(1))
            }
            FieldId::Name => line_value(&form.name, value_w, focused),
            FieldId::Phone => line_value(&form.phone, value_w, focused),
            FieldId::IdNumber => line_value(&form.id_number, value_w, focused),
            FieldId::Address => line_value(&form.address, value_w, focused),
            FieldId::Subject => line_value(&form.subject, value_w, focused),
            FieldId::Demands => line_value(&form.demands, value_w, focused),
            FieldId::AccusedUnit => line_value(&form.accused_unit, value_w, focused),
            FieldId::AccusedDept => match &form.accused_pick {
                Some(p) => choice_value(&p.choice, value_w, focused),
                None => (String::new(), None),
            },
            FieldId::Resolve => match &form.resolve {
                Some(l) => line_value(l, value_w, focused),
                None => (String::new(), None),
            },
            FieldId::ReceivedBy => match &form.received_by.choice {
                Some(c) => choice_value(c, value_w, focused),
                None => (String::new(), None),
            },
        };
        f.render_widget(
            Paragraph::new(Line::styled(pad(&text, value_w), theme.style(role))),
            val,
        );
        if let Some(cc) = c {
            caret = Some(caret_at(val, cc));
        }
        y += h;
    }
    caret
}

/// The content editor. Its window moves by half its height when the caret leaves it, not by
/// one line: each move redraws every row, so typing a long call note costs the terminal a few
/// bytes per character. A first layout off screen, the pane's own size, finds the caret's row.
fn draw_content(
    theme: &Theme,
    f: &mut Frame,
    area: Rect,
    form: &IntakeForm,
    role: Role,
    focused: bool,
) -> Option<Position> {
    let mut ta = form.content.clone();
    ta.set_style(theme.style(role));
    ta.set_cursor_line_style(ratatui::style::Style::default());
    // The terminal's own cursor marks the caret; a drawn one would cost bytes per key.
    ta.set_cursor_style(theme.style(role));
    let scratch_area = Rect::new(0, 0, area.width, area.height);
    let mut scratch = ratatui::buffer::Buffer::empty(scratch_area);
    (&ta).render(scratch_area, &mut scratch);
    let caret = ta.screen_cursor();
    let (laid_top, _) = ta.scroll_offset();
    let h = usize::from(area.height.max(1));
    let step = (h / 2).max(1);
    let top = if caret.row < h {
        0
    } else {
        (caret.row + 1 - h).div_ceil(step) * step
    };
    let delta = (top as i64 - i64::from(laid_top)).clamp(i64::from(i16::MIN), i64::from(i16::MAX));
    if delta != 0 {
        // The caret stays inside the new window, so scrolling never moves it.
        ta.scroll((delta as i16, 0));
    }
    (&ta).render(area, f.buffer_mut());
    focused.then(|| Position {
        x: area.x + (caret.col as u16).min(area.width.saturating_sub(1)),
        y: area.y + (caret.row.saturating_sub(top) as u16).min(area.height.saturating_sub(1)),
    })
}

fn draw_history(sh: &Shell, theme: &Theme, f: &mut Frame, area: Rect, form: &IntakeForm) {
    let outer = block(sh, theme, sh.tr(L::CallerHistory), false);
    let inner = outer.inner(area);
    f.render_widget(outer, area);
    let cells = usize::from(inner.width);
    let mut lines = Vec::new();
    if let Some((_, n)) = &form.link_to {
        lines.push(Line::styled(
            crate::width::truncate(&format!("{} {n}", sh.tr(L::LinkedTo)), cells),
            theme.style(Role::Info),
        ));
    }
    if form.history.is_empty() {
        lines.push(Line::styled(
            crate::width::truncate(sh.tr(L::NoHistory), cells),
            theme.style(Role::Muted),
        ));
    }
    let w = sh.words();
    let case_lines = |lines: &mut Vec<Line<'static>>, r: &crate::service::api::CaseRow| {
        let linked = form.link_to.as_ref().is_some_and(|l| l.0 == r.id);
        let mark = if linked { "* " } else { "  " };
        let (due, role) = due_cell(sh.env.lang, r.due.as_ref());
        let head = format!("{mark}{} {}", r.number, w.state(r.state));
        lines.push(Line::from(vec![
            Span::styled(
                crate::width::truncate(&head, cells.saturating_sub(width(&due) + 1)),
                theme.style(Role::CaseNumber),
            ),
            Span::styled(format!(" {due}"), theme.style(role)),
        ]));
        lines.push(Line::styled(
            crate::width::truncate(
                &format!("  {}", crate::width::clean_line(&r.subject)),
                cells,
            ),
            theme.style(Role::Text),
        ));
    };
    for r in &form.history {
        case_lines(&mut lines, r);
    }
    if !form.similar.is_empty() {
        lines.push(Line::styled(
            crate::width::truncate(sh.tr(L::SameMatter), cells),
            theme.style(Role::Title),
        ));
        for r in &form.similar {
            case_lines(&mut lines, r);
        }
    }
    if form.history.iter().any(|r| r.state.is_open()) || !form.similar.is_empty() {
        lines.push(Line::styled(
            crate::width::truncate(
                &super::key_hint(
                    sh,
                    crate::tui::action::KeyContext::Intake,
                    &[(crate::tui::action::Action::LinkCase, sh.tr(L::LinkHint))],
                ),
                cells,
            ),
            theme.style(Role::Muted),
        ));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
