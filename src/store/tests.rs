//! The store on its own: open hardening, migration, damage found by `check` and repaired.

use super::*;
use crate::domain::event::{Event, EventKind};
use crate::domain::state::State;
use crate::domain::state_tests::case_in;

/// A new case and its one `Registered` event.
pub(super) fn registered(id: u64, subject: &str) -> (Case, Event) {
    let mut c = case_in(State::Registered, 1, None);
    c.id = id;
    c.number = format!("XF2026-{id:05}");
    c.intake.subject = subject.into();
    let ev = Event {
        case: id,
        seq: 0,
        at: c.received_at,
        actor: 1,
        via: None,
        kind: EventKind::Registered {
            number: c.number.clone(),
            intake: c.intake.clone(),
        },
    };
    (ev.apply(None).unwrap(), ev)
}

/// A read-only store: a new case is refused.
pub(super) fn assert_refuses_changes(s: &Store) {
    let (c, ev) = registered(99, "路灯不亮");
    let m = Mutation {
        cases: vec![(c, None)],
        events: vec![ev],
        puts: vec![],
    };
    assert!(s.commit(&m).is_err());
}

/// A case with its one `Registered` event, written through a real mutation.
pub(super) fn put_case(store: &Store, id: u64, subject: &str) -> Case {
    let (c, ev) = registered(id, subject);
    store
        .commit(&Mutation {
            cases: vec![(c.clone(), None)],
            events: vec![ev],
            puts: vec![],
        })
        .unwrap();
    c
}

pub(super) fn no_due(_: &Case) -> Option<crate::domain::time::Timestamp> {
    None
}

#[test]
fn an_unfinished_startup_snapshot_does_not_stop_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    {
        let s = Store::open(dir.path()).unwrap();
        put_case(&s, 1, "路灯不亮");
    }
    // What a crash while sled writes its start-up snapshot leaves behind.
    let stray = dir.path().join("snap.00000000000DEAD.generating");
    std::fs::write(&stray, b"partial snapshot").unwrap();
    let s = Store::open(dir.path()).unwrap();
    assert!(!stray.exists());
    assert_eq!(s.case(1).unwrap().unwrap().intake.subject, "路灯不亮");
}

#[test]
fn an_older_store_is_migrated_on_open() {
    let dir = tempfile::tempdir().unwrap();
    {
        let s = Store::open(dir.path()).unwrap();
        put_case(&s, 1, "井盖缺失");
        // A store from before the layout number existed.
        s.meta_tree(Meta::Meta).remove(b"schema").unwrap();
        s.sync().unwrap();
    }
    let s = Store::open(dir.path()).unwrap();
    let schema: u32 = s.get(Meta::Meta, b"schema").unwrap().unwrap();
    assert_eq!(schema, migrate::SCHEMA);
    assert_eq!(s.case(1).unwrap().unwrap().intake.subject, "井盖缺失");
    // A layout newer than this build is refused rather than misread.
    s.meta_tree(Meta::Meta)
        .insert(b"schema", codec::encode(&(migrate::SCHEMA + 1)).unwrap())
        .unwrap();
    s.sync().unwrap();
    drop(s);
    assert!(matches!(
        Store::open(dir.path()),
        Err(StoreError::Corrupt(_))
    ));
}

#[test]
fn check_finds_damage_and_repair_rebuilds_it() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(dir.path()).unwrap();
    for i in 1..=20 {
        put_case(&s, i, &format!("小区电梯故障第{i}次"));
    }
    assert!(s.check(&no_due, false).unwrap().sound());
    // Lose index entries, a posting, a counter; corrupt a record so it no longer folds.
    s.ix_tree(Ix::Number).remove(b"XF2026-00003").unwrap();
    s.ix_tree(Ix::StateDue).pop_min().unwrap();
    let g = search::gram('电', '梯');
    s.search.remove(search::posting_key(&g, 0)).unwrap();
    s.meta_tree(Meta::Counters)
        .insert(
            state_counter(State::Registered).as_bytes(),
            &7u64.to_be_bytes()[..],
        )
        .unwrap();
    // A counter no case counts toward any more, and a record that no longer decodes.
    s.meta_tree(Meta::Counters)
        .insert(
            state_counter(State::Archived).as_bytes(),
            &3u64.to_be_bytes()[..],
        )
        .unwrap();
    s.cases
        .insert(keys::case_key(6), &[1u8, 0xff, 0xff][..])
        .unwrap();
    let mut bad = s.case(5).unwrap().unwrap();
    bad.intake.subject = "被篡改".into();
    s.cases
        .insert(
            keys::case_key(5),
            super::case_format::encode_case(&bad).unwrap(),
        )
        .unwrap();
    let r = s.check(&no_due, false).unwrap();
    assert!(!r.sound());
    let text = r.problems.join("\n");
    for want in [
        "XF2026-00003: missing from ix_number",
        "missing from the search index",
        "n:state:registered",
        "n:state:archived is 3, expected 0",
        "XF2026-00005: the record differs from its timeline",
        "could not be read",
    ] {
        assert!(text.contains(want), "{want} not in:\n{text}");
    }
    let r = s.check(&no_due, true).unwrap();
    assert!(r.repaired);
    let after = s.check(&no_due, false).unwrap();
    assert!(after.sound(), "{:?}", after.problems);
    assert_eq!(
        s.case(5).unwrap().unwrap().intake.subject,
        "小区电梯故障第5次",
        "the timeline wins"
    );
    assert_eq!(s.case_id_by_number("XF2026-00003").unwrap(), Some(3));
    assert_eq!(
        s.case(6).unwrap().unwrap().intake.subject,
        "小区电梯故障第6次",
        "rebuilt from its timeline"
    );
}

/// A case written to the journal as a crash would leave it: the record on disk, sled never
/// told. In this month's file, as a commit would write it.
pub(super) fn journal_only(dir: &Path, id: u64, subject: &str) {
    let (c, ev) = registered(id, subject);
    let m = Mutation {
        cases: vec![(c, None)],
        events: vec![ev],
        puts: vec![],
    };
    let (mut j, _) = journal::Journal::open(&dir.join(JOURNAL_DIR), |_| Ok(())).unwrap();
    let month = chrono::Utc::now().format("%Y-%m").to_string();
    j.append(
        &super::case_format::encode_entry(&Entry::Commit(m)).unwrap(),
        &month,
    )
    .unwrap();
}

#[test]
fn a_record_the_journal_has_and_the_store_missed_is_applied_at_open() {
    let d = tempfile::tempdir().unwrap();
    {
        let s = Store::open(d.path()).unwrap();
        put_case(&s, 1, "电梯故障");
        assert_eq!(s.journal_seq().unwrap(), 1);
    }
    journal_only(d.path(), 2, "噪音扰民");
    let s = Store::open(d.path()).unwrap();
    assert_eq!(s.recovery().replayed, 1);
    assert_eq!(s.journal_seq().unwrap(), 2);
    assert_eq!(
        s.case(2).unwrap().map(|c| c.intake.subject),
        Some("噪音扰民".into())
    );
    let report = s.check(&no_due, false).unwrap();
    assert!(report.sound(), "{report:?}");
    drop(s);
    // Nothing more to do the next time.
    let s = Store::open(d.path()).unwrap();
    assert_eq!(s.recovery(), &Recovery::default());
}

#[test]
fn a_torn_journal_record_is_cut_at_open_and_said() {
    let d = tempfile::tempdir().unwrap();
    {
        let s = Store::open(d.path()).unwrap();
        put_case(&s, 1, "电梯故障");
    }
    let file = journal::files(&d.path().join(JOURNAL_DIR)).unwrap()[0].clone();
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .unwrap();
    std::io::Write::write_all(&mut f, &[40, 0, 0, 0, 7, 7]).unwrap();
    drop(f);
    let s = Store::open(d.path()).unwrap();
    assert!(matches!(
        s.recovery().cut,
        Some(journal::Damage::TornTail { .. })
    ));
    assert_eq!(s.recovery().replayed, 0);
    // The next commit follows on from the last whole record.
    put_case(&s, 2, "噪音扰民");
    assert_eq!(s.journal_seq().unwrap(), 2);
}

#[test]
fn a_journal_that_lost_records_the_store_has_makes_the_store_read_only() {
    let d = tempfile::tempdir().unwrap();
    {
        let s = Store::open(d.path()).unwrap();
        put_case(&s, 1, "电梯故障");
        put_case(&s, 2, "噪音扰民");
    }
    std::fs::remove_dir_all(d.path().join(JOURNAL_DIR)).unwrap();
    let s = Store::open(d.path()).unwrap();
    assert!(matches!(
        s.recovery().damage,
        Some(journal::Damage::Behind {
            journal: 0,
            store: 2
        })
    ));
    assert_eq!(s.case(2).unwrap().map(|c| c.id), Some(2));
    assert_refuses_changes(&s);
}

#[test]
fn a_store_whose_demo_load_stopped_part_way_takes_no_changes() {
    let d = tempfile::tempdir().unwrap();
    {
        let s = Store::open(d.path()).unwrap();
        // As `Bulk::journaled` marks a load under way; the load never finished.
        s.commit(&Mutation {
            puts: vec![Put::counter(BULK_UNDER_WAY, 1)],
            ..Mutation::default()
        })
        .unwrap();
    }
    let s = Store::open(d.path()).unwrap();
    assert_eq!(s.recovery().damage, Some(journal::Damage::Interrupted));
    assert_refuses_changes(&s);
}

#[test]
fn a_backup_cut_short_is_refused_by_restore() {
    let d = tempfile::tempdir().unwrap();
    let s = Store::open(&d.path().join("data")).unwrap();
    put_case(&s, 1, "电梯故障");
    let file = d.path().join("b.xfj");
    s.backup(&file).unwrap();
    // Drop the closing record: what is left still verifies.
    let bytes = std::fs::read(&file).unwrap();
    let mut at = 0;
    let mut starts = Vec::new();
    while at < bytes.len() {
        starts.push(at);
        let len = u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        at += 48 + len as usize;
    }
    let cut = d.path().join("cut.xfj");
    std::fs::write(&cut, &bytes[..*starts.last().unwrap()]).unwrap();
    assert!(journal::verify(vec![cut.clone()]).unwrap().damage.is_none());
    let Err(e) = Store::restore(&cut, &d.path().join("restored")) else {
        panic!("a cut backup was restored");
    };
    assert!(e.to_string().contains("cut short"), "{e}");
    assert!(!d.path().join("restored").exists());
    // The whole backup restores.
    let r = Store::restore(&file, &d.path().join("restored")).unwrap();
    assert_eq!(
        r.case(1).unwrap().map(|c| c.intake.subject),
        Some("电梯故障".into())
    );
    assert!(r.journal_complete().unwrap());
}
