//! The real binary and the files it makes: for their owner alone, directories others can read
//! refused, and a restore that fails or stops leaving nothing a later command would use.

use std::path::Path;
use std::process::{Command, Output};

/// The binary on the store in `data`, as its owner.
fn at(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xinfang"))
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .unwrap()
}

/// Every path under `dir` with a mode that lets group or others in.
fn reachable_by_others(dir: &Path) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt;
    let mut found = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let meta = e.path().symlink_metadata().unwrap();
        if meta.permissions().mode() & 0o077 != 0 {
            found.push(format!(
                "{} {:o}",
                e.path().display(),
                meta.permissions().mode()
            ));
        }
        if meta.is_dir() {
            found.extend(reachable_by_others(&e.path()));
        }
    }
    found
}

#[test]
fn the_stores_files_are_its_owners_alone_and_a_directory_others_can_read_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let top = tempfile::tempdir().unwrap();
    let data = top.path().join("data");
    let out = at(&data, &["init", "--org", "苏州市信访局", "--prefix", "XF"]);
    assert!(out.status.success(), "{out:?}");
    let mode = std::fs::metadata(&data).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700, "{mode:o}");
    assert_eq!(reachable_by_others(&data), Vec::<String>::new());
    // Made readable by others (an older build's 0755): refused, with the command to run.
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = at(&data, &["list"]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(&format!("chmod 700 {}", data.display())),
        "{said}"
    );
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert!(at(&data, &["list"]).status.success());
}

#[test]
fn a_restore_that_fails_or_stops_leaves_no_store_a_later_command_would_use() {
    let top = tempfile::tempdir().unwrap();
    let junk = top.path().join("junk.xfj");
    std::fs::write(&junk, "不是备份").unwrap();
    let target = top.path().join("restored");
    let out = at(&target, &["restore", &junk.display().to_string()]);
    assert!(!out.status.success());
    assert!(!target.exists(), "no empty target left behind");
    // A restore killed part way: its work directory beside the target says so.
    std::fs::create_dir(top.path().join("restored.restoring")).unwrap();
    let out = at(&target, &["list"]);
    assert!(!out.status.success(), "a new empty store was used");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("xinfang restore"), "{said}");
    assert!(!target.exists());
}
