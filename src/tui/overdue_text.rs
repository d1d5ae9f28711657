//! The overdue list's words: a department's heading with its counts and a case's cells, as
//! the pane draws them and as the export writes them.

use crate::lang::L;
use crate::service::api::{CaseRow, OverdueReport};
use crate::width::{fit, width};

use super::shell::Shell;
use super::theme::{Role, due_cell};

pub fn group_name<'a>(sh: &Shell, name: &'a str) -> &'a str {
    if name.is_empty() {
        sh.words().label(L::Unassigned)
    } else {
        name
    }
}

/// One case's cells: number, subject, stage, due, urge count.
pub fn cells(sh: &Shell, r: &CaseRow, total: usize) -> Vec<(String, Role)> {
    let w = sh.words();
    let (due, role) = due_cell(sh.env.lang, r.due.as_ref());
    let stage = r.due.as_ref().map_or("", |d| w.stage(d.stage));
    let urged = if r.urge_count > 0 {
        format!("{}{}", sh.tr(L::UrgedShort), r.urge_count)
    } else {
        String::new()
    };
    let ext = if r.extension_pending {
        sh.tr(L::ExtensionShort)
    } else {
        ""
    };
    let num = width(&r.number).clamp(8, 16);
    let fixed = 2 + num + 1 + 10 + 1 + 9 + 1 + 8 + 1 + 4;
    let subject = total.saturating_sub(fixed).max(4);
    vec![
        (fit(&r.number, num), Role::CaseNumber),
        (
            format!(" {}", fit(&crate::width::clean_line(&r.subject), subject)),
            Role::Text,
        ),
        (format!(" {}", fit(stage, 10)), Role::Muted),
        (format!(" {}", fit(&due, 9)), role),
        (format!(" {}", fit(&urged, 8)), Role::Warn),
        (format!(" {}", fit(ext, 4)), Role::Info),
    ]
}

/// "住房和城乡建设局  逾期 2 | 临期 1": a heading with its counts.
pub fn heading(sh: &Shell, name: &str, overdue: u64, due_soon: u64) -> String {
    let w = sh.words();
    format!(
        "{name}  {} {overdue} | {} {due_soon}",
        w.label(L::Overdue),
        w.label(L::DueSoon)
    )
}

/// The list as plain text, for the export key: one heading per department, one line per case.
pub fn export_text(sh: &Shell, r: &OverdueReport) -> String {
    let mut out = heading(sh, sh.tr(L::OverdueTitle), r.overdue, r.due_soon) + "\n";
    for g in &r.groups {
        out += &format!(
            "\n{}\n",
            heading(sh, group_name(sh, &g.name), g.overdue, g.due_soon)
        );
        for row in &g.rows {
            let line: String = cells(sh, row, 100).into_iter().map(|c| c.0).collect();
            out += &format!("  {}\n", line.trim_end());
        }
    }
    out
}
