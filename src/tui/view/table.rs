//! The case table of the inbox and the assignment pane: columns by display width, the subject
//! taking what is left.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::time::Zone;
use crate::lang::{L, Words};
use crate::service::api::CaseRow;
use crate::width::{fit, width};

use super::{block, caret_at, clip_spans, style_or};
use crate::tui::layout::Layout;
use crate::tui::list::ListPane;
use crate::tui::panes::assign::AssignPane;
use crate::tui::shell::Shell;
use crate::tui::theme::{Role, Theme, due_cell, state_role};

/// Column widths for a table `cells` wide.
struct Columns {
    number: usize,
    received: usize,
    channel: usize,
    complainant: usize,
    subject: usize,
    category: usize,
    state: usize,
    due: usize,
}

impl Columns {
    fn new(cells: usize, rows: &[&CaseRow], with_state: bool) -> Columns {
        let number = rows
            .iter()
            .map(|r| width(&r.number))
            .max()
            .unwrap_or(8)
            .clamp(8, 16);
        let wide = cells >= 100;
        // A narrow table (the assignment pane beside its workload panel) drops the category.
        let narrow = cells < 70;
        let mut c = Columns {
            number,
            received: if wide { 11 } else { 5 },
            channel: if wide { 4 } else { 0 },
            complainant: if narrow { 6 } else { 8 },
            subject: 0,
            category: match (wide, narrow) {
                (true, _) => 12,
                (false, true) => 0,
                (false, false) => 8,
            },
            state: if with_state { 8 } else { 0 },
            due: 8,
        };
        // Two cells of marker; one space before every column after the number.
        let used =
            2 + c.number + c.received + c.channel + c.complainant + c.category + c.state + c.due;
        let gaps =
            4 + usize::from(c.channel > 0) + usize::from(c.category > 0) + usize::from(c.state > 0);
        c.subject = cells.saturating_sub(used + gaps).max(4);
        c
    }
}

fn received(r: &CaseRow, zone: Zone, wide: bool) -> String {
    let t = r.received_at.local(zone);
    if wide {
        t.format("%m-%d %H:%M").to_string()
    } else {
        t.format("%m-%d").to_string()
    }
}

fn heading(words: &dyn Words, short_received: &str, c: &Columns) -> String {
    let mut s = String::from("  ");
    s += &fit(words.label(L::Number), c.number);
    s += " ";
    let received = if c.received < 11 {
        short_received
    } else {
        words.label(L::Received)
    };
    s += &fit(received, c.received);
    if c.channel > 0 {
        s += " ";
        s += &fit(words.label(L::Channel), c.channel);
    }
    for (label, w) in [
        (L::Complainant, c.complainant),
        (L::Subject, c.subject),
        (L::Category, c.category),
        (L::State, c.state),
        (L::Due, c.due),
    ] {
        if w == 0 {
            continue;
        }
        s += " ";
        s += &fit(words.label(label), w);
    }
    s
}

fn row_line(
    sh: &Shell,
    theme: &Theme,
    r: &CaseRow,
    c: &Columns,
    selected: bool,
    marked: bool,
) -> Line<'static> {
    let w = sh.words();
    let wide = c.channel > 0;
    let marker = match (marked, r.handed_back, r.important) {
        (true, _, _) => "* ",
        (false, true, _) => "< ",
        (false, false, true) => "! ",
        _ => "  ",
    };
    let mut spans = vec![
        Span::styled(marker.to_string(), style_or(theme, Role::Marked, selected)),
        Span::styled(
            fit(&r.number, c.number),
            style_or(theme, Role::CaseNumber, selected),
        ),
        Span::styled(
            format!(" {}", fit(&received(r, sh.zone, wide), c.received)),
            style_or(theme, Role::Muted, selected),
        ),
    ];
    if wide {
        spans.push(Span::styled(
            format!(" {}", fit(w.channel(r.channel), c.channel)),
            style_or(theme, Role::Text, selected),
        ));
    }
    let (due, due_role) = if r.paused {
        (w.label(L::Paused).to_string(), Role::Muted)
    } else {
        due_cell(sh.env.lang, r.due.as_ref())
    };
    let name = if r.complainant == crate::service::api::WITHHELD {
        w.label(L::WithheldShort)
    } else {
        r.complainant.as_str()
    };
    for (text, cells, role) in [
        (name, c.complainant, Role::Text),
        (r.subject.as_str(), c.subject, Role::Text),
        (r.category.as_deref().unwrap_or(""), c.category, Role::Muted),
        (w.state(r.state), c.state, state_role(r.state)),
        (due.as_str(), c.due, due_role),
    ] {
        if cells == 0 {
            continue;
        }
        let clean = crate::width::clean_line(text);
        spans.push(Span::styled(
            format!(" {}", fit(&clean, cells)),
            style_or(theme, role, selected),
        ));
    }
    Line::from(spans)
}

/// Draws a list pane: the filter line, the heading and the rows. Returns the caret when the
/// filter line has the keys.
pub fn draw_list(
    sh: &Shell,
    theme: &Theme,
    f: &mut Frame,
    area: Rect,
    list: &ListPane,
    title: L,
    marked: &dyn Fn(u64) -> bool,
) -> Option<Position> {
    let outer = block(sh, theme, sh.tr(title), true);
    let inner = outer.inner(area);
    f.render_widget(outer, area);
    if inner.height < 3 {
        return None;
    }
    let cells = usize::from(inner.width);
    let filter_area = Rect { height: 1, ..inner };
    let caret = draw_filter(sh, theme, f, filter_area, list);
    let head = Rect {
        y: inner.y + 1,
        height: 1,
        ..inner
    };
    let rows_area = Rect {
        y: inner.y + 2,
        height: inner.height - 2,
        ..inner
    };
    let height = usize::from(rows_area.height);
    let w = &list.window;
    let visible: Vec<&CaseRow> = (w.offset..w.offset + height)
        .filter_map(|i| w.row(i))
        .collect();
    // The assignment pane lists one state only; its column would say the same on every row.
    let cols = Columns::new(cells, &visible, list.filter.states.len() != 1);
    f.render_widget(
        Paragraph::new(Line::styled(
            fit(&heading(sh.words(), sh.tr(L::ReceivedShort), &cols), cells),
            theme.style(Role::Header),
        )),
        head,
    );
    let mut lines: Vec<Line> = Vec::new();
    for (n, r) in visible.iter().enumerate() {
        let i = w.offset + n;
        lines.push(row_line(sh, theme, r, &cols, i == w.selected, marked(r.id)));
    }
    if lines.is_empty() {
        let t = if w.loaded {
            sh.words().label(L::NoCases)
        } else {
            sh.tr(L::Loading)
        };
        lines.push(Line::styled(format!("  {t}"), theme.style(Role::Muted)));
    } else if w.more() && visible.len() < height {
        lines.push(Line::styled(
            format!("  {}", sh.tr(L::Loading)),
            theme.style(Role::Muted),
        ));
    }
    f.render_widget(Paragraph::new(lines), rows_area);
    caret
}

fn draw_filter(
    sh: &Shell,
    theme: &Theme,
    f: &mut Frame,
    area: Rect,
    list: &ListPane,
) -> Option<Position> {
    let label = format!("{} ", sh.tr(L::FilterLabel));
    let lw = width(&label);
    let mut spans = vec![Span::styled(label, theme.style(Role::Muted))];
    let room = usize::from(area.width).saturating_sub(lw + 1);
    let (shown, caret) = list.query.visible(room);
    let role = if list.filtering {
        Role::Input
    } else {
        Role::Text
    };
    spans.push(Span::styled(shown, theme.style(role)));
    let w = sh.words();
    let fl = &list.filter;
    let mut chips = Vec::new();
    if let Some(s) = fl.states.first().filter(|_| fl.states.len() == 1) {
        chips.push(w.state(*s).to_string());
    }
    if let Some(d) = fl.department {
        chips.push(
            sh.departments
                .iter()
                .find(|x| x.id == d)
                .map_or(String::new(), |x| x.name.clone()),
        );
    }
    if let Some(c) = fl.category {
        chips.push(
            sh.categories
                .iter()
                .find(|x| x.id == c)
                .map_or(String::new(), |x| x.name.clone()),
        );
    }
    if let Some(c) = fl.channel {
        chips.push(w.channel(c).to_string());
    }
    if !chips.is_empty() {
        spans.push(Span::styled(
            format!("  [{}]", chips.join(" | ")),
            theme.style(Role::Info),
        ));
    }
    f.render_widget(
        Paragraph::new(clip_spans(spans, usize::from(area.width))),
        area,
    );
    list.filtering.then(|| {
        caret_at(
            Rect {
                x: area.x + lw as u16,
                ..area
            },
            caret,
        )
    })
}

/// The assignment pane: the waiting cases, with each department's load beside them.
pub fn draw_assign(
    sh: &Shell,
    a: &AssignPane,
    theme: &Theme,
    f: &mut Frame,
    layout: &Layout,
) -> Option<Position> {
    let (list_area, side_area) = layout.assign();
    let marked = |id| a.marked.contains(&id);
    let caret = draw_list(sh, theme, f, list_area, &a.list, L::AssignTitle, &marked);
    let w = sh.words();
    let outer = block(sh, theme, w.label(L::Workload), false);
    let inner = outer.inner(side_area);
    f.render_widget(outer, side_area);
    let cells = usize::from(inner.width);
    // Each count column as wide as its heading, and room for five digits.
    let open_w = width(w.label(L::Open)).max(5);
    let late_w = width(w.label(L::Overdue)).max(5);
    let name_w = cells.saturating_sub(open_w + late_w + 2);
    let mut lines = vec![Line::styled(
        format!(
            "{} {} {}",
            fit(w.label(L::Department), name_w),
            crate::width::pad_left(w.label(L::Open), open_w),
            crate::width::pad_left(w.label(L::Overdue), late_w)
        ),
        theme.style(Role::Header),
    )];
    for l in &a.workload {
        let role = if l.overdue > 0 {
            Role::Overdue
        } else {
            Role::Text
        };
        lines.push(Line::from(vec![
            Span::styled(fit(&l.department.name, name_w), theme.style(Role::Text)),
            Span::styled(
                format!(" {}", crate::width::pad_left(&l.open.to_string(), open_w)),
                theme.style(Role::Text),
            ),
            Span::styled(
                format!(
                    " {}",
                    crate::width::pad_left(&l.overdue.to_string(), late_w)
                ),
                theme.style(role),
            ),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
    caret
}
