//! Secondary index entries of a case: all derivable from the record and its due time.

use crate::domain::case::Case;
use crate::domain::number::{normalize_id_number, normalize_number, normalize_phone};
use crate::domain::time::Timestamp;

use super::keys::{Key, due_key, state_byte, ts_key};
use super::search;

/// The index trees, in the order `Store::index_trees` returns them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ix {
    /// state, due, id: the untriaged queue, the overdue pane.
    StateDue,
    /// department, state, due, id: a department's queue and workload.
    DeptStateDue,
    /// normalised phone, id: caller history.
    Phone,
    /// ID number, id.
    IdNumber,
    /// case number → id; a merged case keeps its entry so its number still finds it.
    Number,
    /// received, id: date filters, newest first.
    Received,
    /// registering user, received, id: an operator's own registrations.
    Registrar,
}

pub const ALL_IX: [Ix; 7] = [
    Ix::StateDue,
    Ix::DeptStateDue,
    Ix::Phone,
    Ix::IdNumber,
    Ix::Number,
    Ix::Received,
    Ix::Registrar,
];

impl Ix {
    pub fn tree_name(self) -> &'static str {
        match self {
            Ix::StateDue => "ix_state_due",
            Ix::DeptStateDue => "ix_dept_state_due",
            Ix::Phone => "ix_phone",
            Ix::IdNumber => "ix_id_number",
            Ix::Number => "ix_number",
            Ix::Received => "ix_received",
            Ix::Registrar => "ix_registrar",
        }
    }
}

/// Every (index, key, value) a case has.
pub fn entries(case: &Case, due: Option<Timestamp>) -> Vec<(Ix, Vec<u8>, Vec<u8>)> {
    let id = case.id;
    let s = state_byte(case.state);
    let d = due_key(due);
    let received = ts_key(case.received_at);
    let mut out = vec![
        (
            Ix::StateDue,
            Key::new().u8(s).u64(d).u64(id).build(),
            vec![],
        ),
        (
            Ix::Number,
            normalize_number(&case.number).into_bytes(),
            id.to_be_bytes().to_vec(),
        ),
        (
            Ix::Received,
            Key::new().u64(received).u64(id).build(),
            vec![],
        ),
        (
            Ix::Registrar,
            Key::new()
                .u32(case.registered_by)
                .u64(received)
                .u64(id)
                .build(),
            vec![],
        ),
    ];
    if let Some(dept) = case.department {
        out.push((
            Ix::DeptStateDue,
            Key::new().u32(dept).u8(s).u64(d).u64(id).build(),
            vec![],
        ));
    }
    let c = &case.intake.complainant;
    let phone = normalize_phone(&c.phone);
    if !phone.is_empty() {
        out.push((Ix::Phone, Key::new().text(&phone).u64(id).build(), vec![]));
    }
    let idn = normalize_id_number(&c.id_number);
    if !idn.is_empty() {
        out.push((Ix::IdNumber, Key::new().text(&idn).u64(id).build(), vec![]));
    }
    out
}

/// The counters a case counts toward: its state, and its department's open cases.
pub fn counters_of(case: &Case) -> impl Iterator<Item = String> {
    let dept = case
        .department
        .filter(|_| case.is_open())
        .map(super::dept_open_counter);
    std::iter::once(super::state_counter(case.state)).chain(dept)
}

/// The texts the bigram index covers.
pub fn search_texts(case: &Case) -> [&str; 3] {
    [
        &case.intake.subject,
        &case.intake.content,
        &case.intake.complainant.name,
    ]
}

/// The searchable text of a case, normalised, to confirm a bigram candidate; without the
/// complainant's name unless `identity`.
pub fn search_haystack(case: &Case, identity: bool) -> String {
    let texts = search_texts(case);
    let n = if identity { texts.len() } else { 2 };
    texts[..n]
        .iter()
        .map(|t| search::normalized(t))
        .collect::<Vec<_>>()
        .join("\n")
}
