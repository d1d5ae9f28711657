//! The real binary and the journal: verify-journal, check, backup and restore.

mod shell;

use shell::Cli;
use std::process::Command;

#[test]
fn verify_journal_proves_the_records_intact_and_names_a_changed_one() {
    let cli = Cli::new();
    cli.setup();
    for subject in ["电梯故障", "噪音扰民", "路灯不亮"] {
        cli.ok(&[
            "add",
            "--subject",
            subject,
            "--content",
            "已经持续两周",
            "--name",
            "张三",
        ]);
    }
    let dir = cli.data().join("journal");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xfj"))
        .collect();
    files.sort();
    let args: Vec<String> = std::iter::once("verify-journal".to_string())
        .chain(files.iter().map(|f| f.display().to_string()))
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = cli.ok(&args);
    assert!(out.contains("日志完好"), "{out}");
    // "第 1 至 N 条": the last record's number.
    let last_seq: String = out
        .split("至 ")
        .nth(1)
        .unwrap_or_default()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(!last_seq.is_empty(), "{out}");
    // Change one byte near the end of the last file's records.
    let last = files.last().unwrap();
    let mut bytes = std::fs::read(last).unwrap();
    let at = bytes.len() - 10;
    bytes[at] ^= 1;
    std::fs::write(last, bytes).unwrap();
    let out = cli.run(&args);
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("日志有损"), "{text}");
    assert!(text.contains(&format!("第 {last_seq} 条记录")), "{text}");
}

#[test]
fn check_finds_a_changed_journal_record() {
    let cli = Cli::new();
    cli.setup();
    for subject in ["电梯故障", "噪音扰民"] {
        cli.ok(&["add", "--subject", subject, "--content", "已经持续两周"]);
    }
    cli.ok(&["check"]);
    let dir = cli.data().join("journal");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "xfj"))
        .unwrap();
    let mut bytes = std::fs::read(&file).unwrap();
    // A byte inside the first record's payload.
    bytes[60] ^= 0x20;
    std::fs::write(&file, bytes).unwrap();
    let out = cli.run(&["check"]);
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("record 1"), "{text}");
}

#[test]
fn backup_then_restore_gives_a_sound_store_with_the_same_cases() {
    let cli = Cli::new();
    cli.setup();
    cli.ok(&["demo", "--cases", "300"]);
    cli.ok(&["add", "--subject", "电梯故障", "--content", "已经持续两周"]);
    let backups = tempfile::tempdir().unwrap();
    let file = backups.path().join("xinfang-2026-03-02.xfj");
    let file_s = file.display().to_string();
    let out = cli.ok(&["backup", &file_s]);
    assert!(out.contains("日志完好"), "{out}");
    // Never over an existing file.
    assert!(cli.fails(&["backup", &file_s]).contains("already exists"));
    // The backup is a journal an auditor can verify.
    assert!(cli.ok(&["verify-journal", &file_s]).contains("日志完好"));
    let target = backups.path().join("restored");
    let target_s = target.display().to_string();
    cli.ok(&["restore", &file_s, "--data", &target_s]);
    // Never over a store.
    let data = cli.data().display().to_string();
    assert!(
        cli.fails(&["restore", &file_s, "--data", &data])
            .contains("not empty")
    );
    let list = |dir: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_xinfang"))
            .args([
                "--data", dir, "list", "--queue", "all", "--limit", "1000", "--json",
            ])
            .env("XINFANG_NOW", "2026-03-02T09:00:00+08:00")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(list(&data), list(&target_s));
    let check = Command::new(env!("CARGO_BIN_EXE_xinfang"))
        .args(["--data", &target_s, "check"])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // The restored store takes new cases after the ones it came with.
    let add = Command::new(env!("CARGO_BIN_EXE_xinfang"))
        .args([
            "--data",
            &target_s,
            "add",
            "--subject",
            "路灯不亮",
            "--content",
            "一周了",
        ])
        .env("XINFANG_NOW", "2026-03-02T09:00:00+08:00")
        .output()
        .unwrap();
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
}
