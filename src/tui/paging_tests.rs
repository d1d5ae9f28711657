use super::*;
use crate::domain::case::{Channel, Kind};
use crate::domain::state::State;
use crate::domain::time::Timestamp;

fn row(id: u64) -> CaseRow {
    CaseRow {
        id,
        number: format!("XF{id:06}"),
        received_at: Timestamp(0),
        channel: Channel::Phone,
        kind: Kind::Complaint,
        complainant: "张三".into(),
        phone: String::new(),
        subject: "噪音扰民".into(),
        category: None,
        state: State::Registered,
        department: None,
        due: None,
        urge_count: 0,
        important: false,
        version: 1,
        handed_back: false,
        extension_pending: false,
        paused: false,
    }
}

/// A list of `total` cases served in pages of 50, as the service would.
fn serve(total: u64, want: Want) -> CaseList {
    let start = want.after.map_or(0, |c| c.id + 1);
    let end = (start + 50).min(total);
    let rows: Vec<CaseRow> = (start..end).map(row).collect();
    let next = (end < total).then(|| Cursor {
        sort: 0,
        id: end - 1,
    });
    CaseList { rows, next }
}

fn pump(w: &mut Window, total: u64, want: Option<Want>) {
    if let Some(want) = want {
        let list = serve(total, want);
        assert_eq!(w.receive(w.generation, want.page, list), Received::Taken);
    }
}

#[test]
fn scrolling_a_long_list_holds_a_few_pages_and_comes_back() {
    let mut w = Window::default();
    let first = w.restart();
    pump(&mut w, 100_000, Some(first));
    for _ in 0..2_000 {
        let want = w.move_by(1, 20);
        pump(&mut w, 100_000, want);
        assert!(w.rows.len() <= KEEP_PAGES * 50);
        assert_eq!(w.current().map(|r| r.id), Some(w.selected as u64));
    }
    assert_eq!(w.selected, 2_000);
    for _ in 0..2_000 {
        let want = w.move_by(-1, 20);
        pump(&mut w, 100_000, want);
        assert_eq!(w.current().map(|r| r.id), Some(w.selected as u64));
    }
    assert_eq!(w.selected, 0);
}

#[test]
fn the_end_stops_the_selection() {
    let mut w = Window::default();
    let first = w.restart();
    pump(&mut w, 120, Some(first));
    for _ in 0..10 {
        let want = w.move_by(25, 10);
        pump(&mut w, 120, want);
    }
    assert_eq!(w.selected, 119);
    assert!(!w.more());
    assert!(w.offset + 10 > w.selected && w.offset <= w.selected);
}

#[test]
fn a_superseded_reply_is_dropped() {
    let mut w = Window::default();
    let old = w.restart();
    let old_generation = w.generation;
    let new = w.restart();
    assert_eq!(
        w.receive(old_generation, old.page, serve(10, old)),
        Received::Dropped
    );
    assert!(!w.loaded);
    assert_eq!(
        w.receive(w.generation, new.page, serve(10, new)),
        Received::Taken
    );
    assert_eq!(w.rows.len(), 10);
}

#[test]
fn a_reload_keeps_the_selected_case() {
    let mut w = Window::default();
    let first = w.restart();
    pump(&mut w, 30, Some(first));
    w.move_by(5, 10);
    let want = w.reload();
    // A new case arrived at the top: the selected one moved down a row.
    let mut list = serve(30, want);
    list.rows.insert(0, row(999));
    assert_eq!(w.receive(w.generation, want.page, list), Received::Taken);
    assert_eq!(w.current().map(|r| r.id), Some(5));
    assert_eq!(w.selected, 6);
}

#[test]
fn an_empty_list_never_moves() {
    let mut w = Window::default();
    let first = w.restart();
    pump(&mut w, 0, Some(first));
    assert_eq!(w.move_by(1, 10), None);
    assert_eq!(w.to_bottom(10), None);
    assert!(w.current().is_none());
}

#[test]
fn a_reload_deep_in_the_list_keeps_the_selected_case() {
    let mut w = Window::default();
    let first = w.restart();
    pump(&mut w, 1_000, Some(first));
    for _ in 0..130 {
        let want = w.move_by(1, 20);
        pump(&mut w, 1_000, want);
    }
    assert_eq!(w.current().map(|r| r.id), Some(130));
    let want = w.reload();
    assert_eq!(want.page, 2, "the page that holds row 130");
    let mut list = serve(1_000, want);
    // Two cases were inserted above: the selected one moved down.
    list.rows.insert(0, row(5_000));
    list.rows.insert(0, row(5_001));
    assert_eq!(w.receive(w.generation, want.page, list), Received::Taken);
    assert_eq!(w.current().map(|r| r.id), Some(130));
    // Moving on from there still works in both directions.
    for _ in 0..100 {
        let want = w.move_by(-1, 20);
        pump(&mut w, 1_000, want);
    }
    assert!(w.current().is_some());
}

#[test]
fn a_reloaded_page_that_came_back_empty_starts_the_list_again() {
    let mut w = Window::default();
    let first = w.restart();
    pump(&mut w, 51, Some(first));
    let want = w.to_bottom(20);
    pump(&mut w, 51, want);
    let want = w.to_bottom(20);
    pump(&mut w, 51, want);
    assert_eq!(w.selected, 50);
    // The one case of the second page left the list.
    let want = w.reload();
    assert_eq!(want.page, 1);
    let again = w.receive(w.generation, want.page, serve(50, want));
    let Received::Again(from) = again else {
        panic!("{again:?}");
    };
    assert_eq!(from.page, 0);
    pump(&mut w, 50, Some(from));
    assert_eq!(w.move_by(-1, 20), None);
    assert_eq!(w.current().map(|r| r.id), Some(48));
}
