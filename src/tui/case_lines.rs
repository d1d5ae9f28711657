//! The lines of a case's detail, wrapped to a width: what the view draws and what the pane
//! scrolls through, from one function so that they always agree.

use crate::lang::{L, describe};
use crate::service::api::CaseView;
use crate::width::{pad, width, wrap};

use super::shell::Shell;
use super::theme::{Role, state_role};

/// One line of the detail: its pieces and what each means (styled when drawn).
pub type Row = Vec<(String, Role)>;

/// Every line of the detail, already wrapped to `cells`. No styles: the pane's scroll limit is
/// counted from these in `update`.
pub fn rows(sh: &Shell, v: &CaseView, revealed: Option<&str>, cells: usize) -> Vec<Row> {
    let label_w = if sh.env.lang == crate::lang::Lang::Zh {
        10
    } else {
        14
    };
    let mut s = Sheet {
        out: Vec::new(),
        cells,
        label_w,
    };
    header(&mut s, sh, v);
    complainant(&mut s, sh, v, revealed);
    intake_facts(&mut s, sh, v);
    standing(&mut s, sh, v);
    pending_extension(&mut s, sh, v);
    links(&mut s, sh, v);
    content(&mut s, sh, v);
    clocks(&mut s, sh, v);
    timeline(&mut s, sh, v);
    s.out
}

/// The lines built so far, and the widths they wrap to.
struct Sheet {
    out: Vec<Row>,
    cells: usize,
    label_w: usize,
}

impl Sheet {
    /// A value beside its label, wrapped under itself; an empty value leaves no line.
    fn field(&mut self, label: &str, value: &str, role: Role) {
        if value.trim().is_empty() {
            return;
        }
        let room = self.cells.saturating_sub(self.label_w).max(1);
        for (n, part) in wrap(value, room).into_iter().enumerate() {
            let head = if n == 0 {
                pad(label, self.label_w)
            } else {
                " ".repeat(self.label_w)
            };
            self.out.push(vec![(head, Role::Muted), (part, role)]);
        }
    }

    /// A section title after a blank line.
    fn heading(&mut self, text: &str) {
        self.out.push(Vec::new());
        self.out.push(vec![(text.to_string(), Role::Title)]);
    }

    /// Text across the whole width.
    fn text(&mut self, text: &str, role: Role) {
        for part in wrap(text, self.cells.max(2)) {
            self.out.push(vec![(part, role)]);
        }
    }
}

/// Subject, state, the running deadline, and how and by whom the case came in.
fn header(s: &mut Sheet, sh: &Shell, v: &CaseView) {
    let w = sh.words();
    let c = &v.case;
    let i = &c.intake;
    s.field(w.label(L::Subject), &i.subject, Role::Text);
    s.field(w.label(L::State), w.state(c.state), state_role(c.state));
    if let Some(d) = &v.due {
        let (text, role) = crate::tui::theme::due_cell(sh.env.lang, Some(d));
        s.field(
            w.label(L::Due),
            &format!("{text}  {} {}", w.stage(d.stage), d.deadline),
            role,
        );
    }
    s.field(
        w.label(L::Received),
        &format!(
            "{}  {} | {}",
            c.received_at.display_in(sh.zone),
            w.channel(i.channel),
            w.kind(i.kind)
        ),
        Role::Text,
    );
    s.field(
        w.label(L::ReceivedBy),
        c.received_by.as_deref().unwrap_or(""),
        Role::Text,
    );
}

/// Who complained, or only that it is withheld from this user.
fn complainant(s: &mut Sheet, sh: &Shell, v: &CaseView, revealed: Option<&str>) {
    let w = sh.words();
    let p = &v.case.intake.complainant;
    if v.identity_hidden {
        s.field(w.label(L::Complainant), w.label(L::Withheld), Role::Warn);
        return;
    }
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
    s.field(w.label(L::Complainant), &name, Role::Text);
    let phone = revealed.unwrap_or(&p.phone);
    s.field(w.label(L::Phone), phone, Role::Text);
    s.field(w.label(L::IdNumber), &p.id_number, Role::Text);
    s.field(w.label(L::Address), &p.address, Role::Text);
}

/// Where the case was sorted and sent, and what the intake marked about it.
fn intake_facts(s: &mut Sheet, sh: &Shell, v: &CaseView) {
    let w = sh.words();
    let c = &v.case;
    let i = &c.intake;
    s.field(
        w.label(L::Category),
        v.category.as_deref().unwrap_or(""),
        Role::Text,
    );
    s.field(
        w.label(L::Department),
        v.department.as_deref().unwrap_or(""),
        Role::Text,
    );
    if i.urgency != crate::domain::case::Urgency::Normal {
        s.field(w.label(L::Urgency), w.urgency(i.urgency), Role::Warn);
    }
    s.field(
        w.label(L::Important),
        i.important.as_deref().unwrap_or(""),
        Role::Warn,
    );
    s.field(
        w.label(L::AccusedUnit),
        i.accused_unit.as_deref().unwrap_or(""),
        Role::Text,
    );
    s.field(
        w.label(L::Instruction),
        c.instruction.as_deref().unwrap_or(""),
        Role::Text,
    );
}

/// Where the case stands: its notices, result, feedback, satisfaction and urgings.
fn standing(s: &mut Sheet, sh: &Shell, v: &CaseView) {
    let w = sh.words();
    let c = &v.case;
    for n in describe::standing(w, v, sh.zone) {
        let role = if n.warn { Role::Warn } else { Role::Text };
        s.field(w.label(n.label), &n.text, role);
    }
    s.field(
        w.label(L::Result),
        c.result.as_deref().unwrap_or(""),
        Role::Text,
    );
    if let Some(fb) = &c.feedback {
        s.field(
            w.label(L::Feedback),
            &format!(
                "{}：{}",
                crate::lang::describe::method(w, &fb.method),
                fb.content
            ),
            Role::Text,
        );
    }
    if let Some(sat) = c.satisfaction {
        s.field(w.label(L::Satisfaction), w.satisfaction(sat), Role::Text);
    }
    if c.urge_count > 0 {
        s.field(w.label(L::Urged), &c.urge_count.to_string(), Role::Warn);
    }
}

/// An extension asked for and not yet decided.
fn pending_extension(s: &mut Sheet, sh: &Shell, v: &CaseView) {
    // The days count in the unit of the clock they would move (a month-long clock takes
    // them as calendar days).
    use crate::domain::calendar::DayUnit;
    use crate::domain::deadline::{Limit, Stage};
    let Some(x) = &v.case.pending_extension else {
        return;
    };
    let w = sh.words();
    let unit = v
        .clocks
        .iter()
        .find(|k| k.running && matches!(k.stage, Stage::Handling | Stage::Feedback))
        .map_or(DayUnit::Calendar, |k| match k.limit.unit {
            DayUnit::Months => DayUnit::Calendar,
            u => u,
        });
    let asked = Limit { days: x.days, unit };
    s.field(
        w.label(L::Extension),
        &format!("{}  {}", w.limit(asked), x.reason),
        Role::Warn,
    );
}

/// Each link by its kind; only cases this user may see come with a number.
fn links(s: &mut Sheet, sh: &Shell, v: &CaseView) {
    let w = sh.words();
    let numbers = |ids: &[u64]| -> String {
        ids.iter()
            .filter_map(|id| v.linked.iter().find(|(i, _)| i == id))
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let l = &v.case.links;
    let merged_into: Vec<u64> = l.merged_into.iter().copied().collect();
    let review_of: Vec<u64> = v.case.intake.review_of.iter().copied().collect();
    for (label, ids) in [
        (w.label(L::Links), &l.same_matter[..]),
        (w.label(L::MergedInto), &merged_into[..]),
        (w.label(L::MergedFrom), &l.merged_from[..]),
        (sh.tr(L::ReviewOf), &review_of[..]),
    ] {
        s.field(label, &numbers(ids), Role::Text);
    }
}

/// What the complainant wrote, and what they ask for.
fn content(s: &mut Sheet, sh: &Shell, v: &CaseView) {
    let w = sh.words();
    let i = &v.case.intake;
    s.heading(w.label(L::Content));
    s.text(&i.content, Role::Text);
    if !i.demands.trim().is_empty() {
        s.heading(w.label(L::Demands));
        s.text(&i.demands, Role::Text);
    }
}

/// Each deadline clock with its state, and under it the rule it counts by.
fn clocks(s: &mut Sheet, sh: &Shell, v: &CaseView) {
    if v.clocks.is_empty() {
        return;
    }
    let w = sh.words();
    s.heading(w.label(L::Clocks));
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
        s.text(&text, Role::Text);
        s.text(&format!("  {} {}", w.label(L::Basis), k.basis), Role::Muted);
    }
}

/// The events, oldest first, each after its time and actor.
fn timeline(s: &mut Sheet, sh: &Shell, v: &CaseView) {
    let w = sh.words();
    let cells = s.cells;
    s.heading(w.label(L::Timeline));
    let dept = |id: u32| {
        sh.departments
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| format!("#{id}"), |d| d.name.clone())
    };
    if v.earlier_events > 0 {
        s.out.push(vec![(
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
        let head = format!("{}  {}{}  ", e.event.at.display_in(sh.zone), e.actor, via);
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
            s.out.push(vec![(lead, Role::Muted), (part, Role::Text)]);
        }
    }
}
