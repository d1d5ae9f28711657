//! Case detail: the record, its clocks, links and timeline, wrapped by display width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::lang::{L, describe};
use crate::service::api::CaseView;
use crate::width::{pad, width, wrap};

use super::block;
use super::table::state_role;
use crate::tui::app::App;
use crate::tui::strings::T;
use crate::tui::theme::{Role, Theme};

pub fn draw(app: &App, theme: &Theme, f: &mut Frame, area: Rect) {
    let title = app.detail.view.as_ref().map_or_else(
        || app.tr(T::DetailTitle).to_string(),
        |v| v.case.number.clone(),
    );
    let outer = block(app, theme, &title, true);
    let inner = outer.inner(area);
    f.render_widget(outer, area);
    let Some(v) = &app.detail.view else {
        f.render_widget(
            Paragraph::new(Line::styled(app.tr(T::Loading), theme.style(Role::Muted))),
            inner,
        );
        return;
    };
    let lines = rows(app, v, usize::from(inner.width))
        .into_iter()
        .map(|r| {
            Line::from(
                r.into_iter()
                    .map(|(t, role)| Span::styled(t, theme.style(role)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    super::draw_scrolled(f, inner, lines, app.detail.scroll);
}

/// One line of the detail: its pieces and what each means (styled when drawn).
pub type Row = Vec<(String, Role)>;

/// Every line of the detail, already wrapped to `cells`. No styles: the pane's scroll limit is
/// counted from these in `update`.
pub fn rows(app: &App, v: &CaseView, cells: usize) -> Vec<Row> {
    let w = app.words();
    let c = &v.case;
    let i = &c.intake;
    let label_w = if app.env.lang == crate::lang::Lang::Zh {
        10
    } else {
        14
    };
    let mut out: Vec<Row> = Vec::new();
    let field = |out: &mut Vec<Row>, label: &str, value: &str, role: Role| {
        if value.trim().is_empty() {
            return;
        }
        let room = cells.saturating_sub(label_w).max(1);
        for (n, part) in wrap(value, room).into_iter().enumerate() {
            let head = if n == 0 {
                pad(label, label_w)
            } else {
                " ".repeat(label_w)
            };
            out.push(vec![(head, Role::Muted), (part, role)]);
        }
    };
    let heading = |out: &mut Vec<Row>, text: &str| {
        out.push(Vec::new());
        out.push(vec![(text.to_string(), Role::Title)]);
    };
    field(&mut out, w.label(L::Subject), &i.subject, Role::Text);
    field(
        &mut out,
        w.label(L::State),
        w.state(c.state),
        state_role(c.state),
    );
    if let Some(d) = &v.due {
        let (text, role) = super::due_cell(app.env.lang, Some(d));
        field(
            &mut out,
            w.label(L::Due),
            &format!("{text}  {} {}", w.stage(d.stage), d.deadline),
            role,
        );
    }
    field(
        &mut out,
        w.label(L::Received),
        &format!(
            "{}  {} | {}",
            c.received_at.display_in(app.zone),
            w.channel(i.channel),
            w.kind(i.kind)
        ),
        Role::Text,
    );
    field(
        &mut out,
        w.label(L::ReceivedBy),
        c.received_by.as_deref().unwrap_or(""),
        Role::Text,
    );
    let p = &i.complainant;
    if v.identity_hidden {
        field(
            &mut out,
            w.label(L::Complainant),
            w.label(L::Withheld),
            Role::Warn,
        );
    } else {
        let mut flags = Vec::new();
        for (on, l) in [
            (p.anonymous, L::Anonymous),
            (p.confidential, L::Confidential),
            (p.no_callback, L::NoCallback),
        ] {
            if on {
                flags.push(w.label(l));
            }
        }
        let name = if flags.is_empty() {
            p.name.clone()
        } else {
            format!("{}  [{}]", p.name, flags.join(" | "))
        };
        field(&mut out, w.label(L::Complainant), &name, Role::Text);
        let phone = app
            .detail
            .revealed
            .clone()
            .unwrap_or_else(|| p.phone.clone());
        field(&mut out, w.label(L::Phone), &phone, Role::Text);
        field(&mut out, w.label(L::IdNumber), &p.id_number, Role::Text);
        field(&mut out, w.label(L::Address), &p.address, Role::Text);
    }
    field(
        &mut out,
        w.label(L::Category),
        v.category.as_deref().unwrap_or(""),
        Role::Text,
    );
    field(
        &mut out,
        w.label(L::Department),
        v.department.as_deref().unwrap_or(""),
        Role::Text,
    );
    if i.urgency != crate::domain::case::Urgency::Normal {
        field(
            &mut out,
            w.label(L::Urgency),
            w.urgency(i.urgency),
            Role::Warn,
        );
    }
    field(
        &mut out,
        w.label(L::Important),
        i.important.as_deref().unwrap_or(""),
        Role::Warn,
    );
    field(
        &mut out,
        w.label(L::AccusedUnit),
        i.accused_unit.as_deref().unwrap_or(""),
        Role::Text,
    );
    field(
        &mut out,
        w.label(L::Instruction),
        c.instruction.as_deref().unwrap_or(""),
        Role::Text,
    );
    for s in describe::standing(w, v, app.zone) {
        let role = if s.warn { Role::Warn } else { Role::Text };
        field(&mut out, w.label(s.label), &s.text, role);
    }
    field(
        &mut out,
        w.label(L::Result),
        c.result.as_deref().unwrap_or(""),
        Role::Text,
    );
    if let Some(fb) = &c.feedback {
        field(
            &mut out,
            w.label(L::Feedback),
            &format!(
                "{}：{}",
                crate::lang::describe::method(w, &fb.method),
                fb.content
            ),
            Role::Text,
        );
    }
    if let Some(s) = c.satisfaction {
        field(
            &mut out,
            w.label(L::Satisfaction),
            w.satisfaction(s),
            Role::Text,
        );
    }
    if c.urge_count > 0 {
        field(
            &mut out,
            w.label(L::Urged),
            &c.urge_count.to_string(),
            Role::Warn,
        );
    }
    if let Some(x) = &c.pending_extension {
        // The days count in the unit of the clock they would move (a month-long clock takes
        // them as calendar days).
        use crate::domain::calendar::DayUnit;
        use crate::domain::deadline::{Limit, Stage};
        let unit = v
            .clocks
            .iter()
            .find(|k| k.running && matches!(k.stage, Stage::Handling | Stage::Feedback))
            .map_or(DayUnit::Calendar, |k| match k.limit.unit {
                DayUnit::Months => DayUnit::Calendar,
                u => u,
            });
        let asked = Limit { days: x.days, unit };
        field(
            &mut out,
            w.label(L::Extension),
            &format!("{}  {}", w.limit(asked), x.reason),
            Role::Warn,
        );
    }
    // Each link by its kind; only cases this user may see come with a number.
    let numbers = |ids: &[u64]| -> String {
        ids.iter()
            .filter_map(|id| v.linked.iter().find(|(i, _)| i == id))
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let l = &c.links;
    let merged_into: Vec<u64> = l.merged_into.iter().copied().collect();
    let review_of: Vec<u64> = i.review_of.iter().copied().collect();
    for (label, ids) in [
        (w.label(L::Links), &l.same_matter[..]),
        (w.label(L::MergedInto), &merged_into[..]),
        (w.label(L::MergedFrom), &l.merged_from[..]),
        (app.tr(T::ReviewOf), &review_of[..]),
    ] {
        field(&mut out, label, &numbers(ids), Role::Text);
    }
    heading(&mut out, w.label(L::Content));
    for part in wrap(&i.content, cells.max(2)) {
        out.push(vec![(part, Role::Text)]);
    }
    if !i.demands.trim().is_empty() {
        heading(&mut out, w.label(L::Demands));
        for part in wrap(&i.demands, cells.max(2)) {
            out.push(vec![(part, Role::Text)]);
        }
    }
    if !v.clocks.is_empty() {
        heading(&mut out, w.label(L::Clocks));
        for k in &v.clocks {
            let d = describe::clock(w, v, k);
            let text = format!(
                "{} {} -> {} {} {}{}",
                w.stage(k.stage),
                d.limit,
                k.deadline,
                d.state,
                d.window,
                d.unsure
            );
            for part in wrap(&text, cells.max(2)) {
                out.push(vec![(part, Role::Text)]);
            }
            for part in wrap(
                &format!("  {} {}", w.label(L::Basis), k.basis),
                cells.max(2),
            ) {
                out.push(vec![(part, Role::Muted)]);
            }
        }
    }
    heading(&mut out, w.label(L::Timeline));
    let dept = |id: u32| {
        app.departments
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| format!("#{id}"), |d| d.name.clone())
    };
    if v.earlier_events > 0 {
        out.push(vec![(
            format!("  {} {}", w.label(L::EarlierEvents), v.earlier_events),
            Role::Muted,
        )]);
    }
    for e in &v.events {
        let what = describe::event(w, v, e, &dept);
        let via = e
            .via
            .as_ref()
            .map(|x| format!("（{} {x}）", w.label(L::Via)))
            .unwrap_or_default();
        let head = format!("{}  {}{}  ", e.event.at.display_in(app.zone), e.actor, via);
        let hw = width(&head).min(cells / 2);
        for (n, part) in wrap(&what, cells.saturating_sub(hw).max(2))
            .into_iter()
            .enumerate()
        {
            let lead = if n == 0 {
                crate::width::fit(&head, hw)
            } else {
                " ".repeat(hw)
            };
            out.push(vec![(lead, Role::Muted), (part, Role::Text)]);
        }
    }
    out
}
