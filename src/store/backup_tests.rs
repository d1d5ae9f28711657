//! Backups written where another user could swap them, into the store itself, or over a
//! leftover; restores cut short.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use super::super::*;
use crate::domain::event::{Event, EventKind};
use crate::domain::state::State;
use crate::domain::state_tests::case_in;

fn store_with_a_case(dir: &Path) -> Store {
    let s = Store::open(dir).unwrap();
    let mut c = case_in(State::Registered, 1, None);
    c.id = 1;
    c.number = "XF2026-00001".into();
    c.intake.subject = "举报人信息".into();
    let ev = Event {
        case: 1,
        seq: 0,
        at: c.received_at,
        actor: 1,
        via: None,
        kind: EventKind::Registered {
            number: c.number.clone(),
            intake: c.intake.clone(),
        },
    };
    let c = ev.apply(None).unwrap();
    s.commit(&Mutation {
        cases: vec![(c, None)],
        events: vec![ev],
        puts: vec![],
    })
    .unwrap();
    s
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn a_backup_into_a_directory_others_can_write_is_refused_unless_it_is_sticky() {
    let d = tempfile::tempdir().unwrap();
    let s = store_with_a_case(&d.path().join("data"));
    let shared = d.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    chmod(&shared, 0o777);
    let e = s.backup(&shared.join("b.xfj")).unwrap_err();
    assert_eq!(
        e,
        StoreError::BackupPlace {
            path: shared.display().to_string(),
            why: BackupPlace::Shared
        }
    );
    assert_eq!(
        names(&shared),
        Vec::<String>::new(),
        "nothing written there"
    );
    // Sticky, like /tmp: nobody else may rename or remove what we make there.
    chmod(&shared, 0o1777);
    let v = s.backup(&shared.join("b.xfj")).unwrap();
    assert!(v.damage.is_none());
    assert_eq!(names(&shared), vec!["b.xfj"]);
    let mode = std::fs::metadata(shared.join("b.xfj"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
}

#[test]
fn a_file_or_link_planted_at_the_work_name_never_blocks_a_backup_nor_gets_its_data() {
    let d = tempfile::tempdir().unwrap();
    let s = store_with_a_case(&d.path().join("data"));
    let out = d.path().join("out");
    std::fs::create_dir(&out).unwrap();
    chmod(&out, 0o1777);
    // A leftover of a backup cut short.
    std::fs::write(out.join(".b.xfj.partial"), b"half a backup").unwrap();
    s.backup(&out.join("b.xfj")).unwrap();
    assert_eq!(names(&out), vec!["b.xfj"]);
    // A link at the work name to a file another user would read: left alone, never written.
    let theirs = d.path().join("theirs");
    std::fs::write(&theirs, b"").unwrap();
    std::os::unix::fs::symlink(&theirs, out.join(".c.xfj.partial")).unwrap();
    let v = s.backup(&out.join("c.xfj")).unwrap();
    assert!(v.damage.is_none() && v.records > 0);
    assert_eq!(std::fs::read(&theirs).unwrap(), b"");
    assert_eq!(names(&out), vec![".c.xfj.partial", "b.xfj", "c.xfj"]);
    let backup = std::fs::read(out.join("c.xfj")).unwrap();
    assert!(
        backup
            .windows("举报人信息".len())
            .any(|w| w == "举报人信息".as_bytes())
    );
}

#[test]
fn a_backup_is_never_written_inside_the_stores_own_directory() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    let s = store_with_a_case(&data);
    let journal = data.join(JOURNAL_DIR);
    let before = names(&journal);
    for file in [journal.join("x.xfj"), data.join("b.xfj")] {
        let e = s.backup(&file).unwrap_err();
        assert_eq!(
            e,
            StoreError::BackupPlace {
                path: file.display().to_string(),
                why: BackupPlace::InsideStore
            }
        );
    }
    assert_eq!(names(&journal), before);
    assert!(!data.join("b.xfj").exists());
    drop(s);
    // The store still takes changes after a restart.
    let s = Store::open(&data).unwrap();
    assert!(s.recovery().damage.is_none());
}

#[test]
fn a_restore_cut_short_leaves_no_store_that_a_later_command_would_use() {
    let d = tempfile::tempdir().unwrap();
    let s = store_with_a_case(&d.path().join("data"));
    let file = d.path().join("b.xfj");
    s.backup(&file).unwrap();
    drop(s);
    let target = d.path().join("restored");
    // A restore killed after it began: its work directory is all there is.
    let work = d.path().join("restored.restoring");
    std::fs::create_dir(&work).unwrap();
    std::fs::write(work.join("restoring-from"), file.display().to_string()).unwrap();
    let Err(e) = Store::open(&target) else {
        panic!("a store was opened where a restore was aimed");
    };
    let said = e.to_string();
    assert!(
        said.contains("stopped part way") && said.contains(&file.display().to_string()),
        "{said}"
    );
    assert!(!target.exists(), "no empty store made");
    // Running the restore again finishes it.
    let r = Store::restore(&file, &target).unwrap();
    assert_eq!(r.case(1).unwrap().unwrap().intake.subject, "举报人信息");
    assert!(!work.exists());
    drop(r);
    assert!(Store::open(&target).is_ok());
}

#[test]
fn a_data_directory_others_can_read_is_refused_with_the_chmod_to_run() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    drop(Store::open(&data).unwrap());
    let mode = std::fs::metadata(&data).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700, "made for its owner: {mode:o}");
    chmod(&data, 0o755);
    let Err(e) = Store::open(&data) else {
        panic!("opened a store others can read");
    };
    let said = e.to_string();
    assert!(
        said.contains(&format!("chmod 700 {}", data.display())) && said.contains("其他用户"),
        "{said}"
    );
    // An empty one (made by `mkdir`, or systemd) is simply tightened.
    let empty = d.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    chmod(&empty, 0o755);
    drop(Store::open(&empty).unwrap());
    let mode = std::fs::metadata(&empty).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700, "{mode:o}");
}
