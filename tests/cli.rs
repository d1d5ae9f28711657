//! The real binary, scripted as an administrator would script it.

use std::path::Path;
use std::process::{Command, Output};

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    /// A test store, so that `XINFANG_NOW` may fix its clock.
    fn new() -> Cli {
        let cli = Cli {
            dir: tempfile::tempdir().unwrap(),
        };
        cli.ok(&["init", "--org", "测试单位", "--test-store"]);
        cli
    }

    fn data(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_xinfang"))
            .args(args)
            .env("XINFANG_DATA", self.data())
            .env("XINFANG_NOW", "2026-03-02T09:00:00+08:00")
            .output()
            .unwrap()
    }

    /// Runs and expects success; returns standard output.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and expects failure; returns standard error.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            !out.status.success(),
            "{args:?} should fail: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    fn setup(&self) {
        self.ok(&["init", "--org", "苏州市信访局", "--prefix", "XF"]);
        self.ok(&["dept", "add", "住房和城乡建设局", "--code", "zjj"]);
        self.ok(&["dept", "add", "城市管理综合执法局", "--code", "cgj"]);
        for (login, name, role, dept) in [
            ("op", "王晓燕", "operator", None),
            ("clerk", "陈静", "clerk", None),
            ("leader", "赵志刚", "supervisor", None),
            ("zjj1", "刘洋", "officer", Some("zjj")),
            ("cgj1", "张伟", "officer", Some("cgj")),
        ] {
            let mut args = vec!["user", "add", login, "--name", name, "--role", role];
            if let Some(d) = dept {
                args.extend(["--dept", d]);
            }
            self.ok(&args);
        }
    }

    /// Registers a case as the operator and returns its number.
    fn add(&self, extra: &[&str]) -> String {
        let mut args = vec!["--as", "op", "--json", "add"];
        args.extend(extra);
        let out = self.ok(&args);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["Case"]["case"]["number"].as_str().unwrap().to_string()
    }
}

#[test]
fn one_case_through_every_stage_from_the_command_line() {
    let cli = Cli::new();
    cli.setup();
    let out = cli.ok(&[
        "--as",
        "op",
        "add",
        "--name",
        "张三",
        "--phone",
        "13812345678",
        "--subject",
        "小区电梯长期故障无人维修",
        "--content",
        "3号楼电梯停运两周，老人上下楼困难。",
        "--demands",
        "尽快修复",
    ]);
    assert!(out.contains("案件编号：XF2026-00001"), "{out}");
    let n = "XF2026-00001";
    let steps: &[&[&str]] = &[
        &["--as", "clerk", "accept", n],
        &["--as", "clerk", "assign", n, "--dept", "zjj"],
        &[
            "--as",
            "zjj1",
            "submit",
            n,
            "--result",
            "已督促物业更换电梯主板",
        ],
        &["--as", "clerk", "return", n, "--reason", "未附维修记录"],
        &[
            "--as",
            "zjj1",
            "submit",
            n,
            "--result",
            "已更换主板，附维修记录",
        ],
        &["--as", "clerk", "approve", n],
        &[
            "--as",
            "clerk",
            "feedback",
            n,
            "--method",
            "电话",
            "--content",
            "已电话告知处理结果",
        ],
        &[
            "--as",
            "clerk",
            "followup",
            n,
            "--satisfaction",
            "satisfied",
        ],
        &["--as", "clerk", "archive", n],
    ];
    for s in steps {
        cli.ok(s);
    }
    let json = cli.ok(&["--json", "show", n]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let case = &v["Case"];
    assert_eq!(case["case"]["state"], "Archived");
    let events = case["events"].as_array().unwrap();
    let got: Vec<(String, String)> = events
        .iter()
        .map(|e| {
            let kind = &e["event"]["kind"];
            let what = match kind.get("Acted") {
                Some(a) => a["action"].as_str().unwrap().to_string(),
                None => kind.as_object().unwrap().keys().next().unwrap().clone(),
            };
            (what, e["actor"].as_str().unwrap().to_string())
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("Registered", "王晓燕"),
        ("Accept", "陈静"),
        ("Assign", "陈静"),
        ("Submit", "刘洋"),
        ("Return", "陈静"),
        ("Submit", "刘洋"),
        ("Approve", "陈静"),
        ("Feedback", "陈静"),
        ("FollowUp", "陈静"),
        ("Archive", "陈静"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(got, want);
    // Each was done by the administrator acting as that user, and says so.
    let admin = xinfang::config::os_login();
    assert!(events.iter().all(|e| e["via"] == admin.as_str()));
    let human = cli.ok(&["show", n]);
    assert!(
        human.contains("已归档") && human.contains("退回重办") && human.contains("刘洋"),
        "{human}"
    );
    assert!(
        human.contains("138****5678") && !human.contains("13812345678"),
        "numbers are masked: {human}"
    );
    assert!(cli.ok(&["check"]).contains("存储完好"));
}

#[test]
fn a_confidential_report_cannot_be_assigned_to_its_accused_unit() {
    let cli = Cli::new();
    cli.setup();
    let n = cli.add(&[
        "--kind",
        "report",
        "--confidential",
        "--name",
        "李四",
        "--phone",
        "13900001111",
        "--subject",
        "举报执法人员收受好处费",
        "--content",
        "城管某中队队员多次收取摊贩好处费。",
        "--accused",
        "城市管理综合执法局",
    ]);
    cli.ok(&["--as", "clerk", "accept", &n]);
    let err = cli.fails(&["--as", "clerk", "assign", &n, "--dept", "cgj"]);
    assert!(err.contains("不能交办给被举报单位"), "{err}");
    let err = cli.fails(&[
        "--lang", "en", "--as", "clerk", "assign", &n, "--dept", "cgj",
    ]);
    assert!(
        err.contains("never be assigned to the unit it reports on"),
        "{err}"
    );
    cli.ok(&["--as", "clerk", "assign", &n, "--dept", "zjj"]);
    let seen = cli.ok(&["--as", "zjj1", "show", &n]);
    assert!(
        !seen.contains("李四") && !seen.contains("1390000"),
        "the reporter is hidden: {seen}"
    );
    assert!(seen.contains("保密"), "{seen}");
}

#[test]
fn an_officer_cannot_see_another_departments_case() {
    let cli = Cli::new();
    cli.setup();
    let n = cli.add(&["--subject", "占道经营", "--content", "菜市场门口摊贩占道。"]);
    cli.ok(&["--as", "clerk", "accept", &n]);
    cli.ok(&["--as", "clerk", "assign", &n, "--dept", "cgj"]);
    let err = cli.fails(&["--as", "zjj1", "show", &n]);
    assert!(err.contains("找不到") && err.contains(&n), "{err}");
    assert!(cli.ok(&["--as", "cgj1", "show", &n]).contains("占道经营"));
    let list = cli.ok(&["--as", "zjj1", "list"]);
    assert!(!list.contains(&n), "{list}");
    assert!(cli.ok(&["--as", "cgj1", "list"]).contains(&n));
    let err = cli.fails(&["--as", "zjj1", "submit", &n, "--result", "已处理"]);
    assert!(err.contains("找不到"), "{err}");
}

#[test]
fn a_summary_without_a_command_and_clear_errors_for_bad_input() {
    let cli = Cli::new();
    let out = cli.ok(&[]);
    assert!(out.contains("在办 0") && out.contains("逾期 0"), "{out}");
    cli.setup();
    cli.add(&["--subject", "噪声扰民", "--content", "夜间施工。"]);
    let out = cli.ok(&["--lang", "en"]);
    assert!(out.contains("Open 1") && out.contains("Overdue 0"), "{out}");
    let err = cli.fails(&["--as", "op", "add", "--subject", "", "--content", "x"]);
    assert!(err.contains("事由不能为空"), "{err}");
    let err = cli.fails(&[
        "--as",
        "op",
        "add",
        "--subject",
        "x",
        "--content",
        "y",
        "--id-number",
        "110105194912310021",
    ]);
    assert!(err.contains("校验位"), "{err}");
    let bad = cli.data().join("2027.toml");
    std::fs::write(
        &bad,
        "year = 2027\nholidays = [\"2027-01-01\", \"2027-02-30\"]\n",
    )
    .unwrap();
    let err = cli.fails(&["calendar", "import", bad.to_str().unwrap()]);
    assert!(
        err.contains("2027.toml") && err.contains("line 2") && err.contains("2027-02-30"),
        "{err}"
    );
    let good = cli.data().join("good.toml");
    std::fs::write(
        &good,
        "year = 2027\nsource = \"测试\"\nholidays = [\"2027-01-01\"]\nworkdays = []\n",
    )
    .unwrap();
    cli.ok(&["calendar", "import", good.to_str().unwrap()]);
    assert!(cli.ok(&["calendar", "show", "2027"]).contains("01-01"));
}

#[test]
fn the_store_in_use_is_named_clearly() {
    let cli = Cli::new();
    cli.ok(&["init", "--org", "x"]);
    // Hold the store open in this process through the library.
    let _held = xinfang::service::Service::open(
        cli.data(),
        std::sync::Arc::new(xinfang::service::SystemClock),
    )
    .unwrap();
    let err = cli.fails(&["list"]);
    assert!(
        err.contains("xinfang serve") && err.contains("in use by another process"),
        "{err}"
    );
}

#[test]
fn an_edit_changes_only_the_fields_given_and_keeps_masked_numbers() {
    let cli = Cli::new();
    cli.setup();
    let n = cli.add(&[
        "--name",
        "张三",
        "--phone",
        "13812345678",
        "--id-number",
        "11010519491231002X",
        "--subject",
        "路灯不亮",
        "--content",
        "人民路路灯坏了。",
    ]);
    let out = cli.ok(&[
        "--as",
        "clerk",
        "edit",
        &n,
        "--subject",
        "人民路路灯夜间不亮",
        "--urgency",
        "urgent",
    ]);
    assert!(out.contains(&n), "{out}");
    let full = cli.ok(&["--as", "clerk", "reveal", &n, "--field", "phone"]);
    assert_eq!(
        full.trim(),
        "13812345678",
        "the masked number shown in the form was not written back"
    );
    let id = cli.ok(&["--as", "clerk", "reveal", &n, "--field", "id"]);
    assert_eq!(id.trim(), "11010519491231002X");
    let json = cli.ok(&["--json", "show", &n]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["Case"]["case"]["intake"]["subject"], "人民路路灯夜间不亮");
    assert_eq!(v["Case"]["case"]["intake"]["urgency"], "Urgent");
    assert_eq!(v["Case"]["case"]["intake"]["content"], "人民路路灯坏了。");
    // An officer may not correct the intake.
    cli.ok(&["--as", "clerk", "accept", &n]);
    cli.ok(&["--as", "clerk", "assign", &n, "--dept", "zjj"]);
    let err = cli.fails(&["--as", "zjj1", "edit", &n, "--subject", "x"]);
    assert!(err.contains("不能修改"), "{err}");
}

#[test]
fn another_operator_links_a_repeat_call_through_the_callers_history() {
    let cli = Cli::new();
    cli.setup();
    cli.ok(&[
        "user",
        "add",
        "op2",
        "--name",
        "李建国",
        "--role",
        "operator",
    ]);
    let first = cli.add(&[
        "--name",
        "张三",
        "--phone",
        "13922223333",
        "--subject",
        "楼上漏水",
        "--content",
        "卫生间天花板渗水。",
    ]);
    let history = cli.ok(&["--as", "op2", "history", "--phone", "13922223333"]);
    assert!(
        history.contains(&first) && history.contains("张三"),
        "{history}"
    );
    let out = cli.ok(&[
        "--as",
        "op2",
        "add",
        "--name",
        "张三",
        "--phone",
        "13922223333",
        "--subject",
        "楼上还在漏水",
        "--content",
        "又来电反映。",
        "--link",
        &first,
    ]);
    assert!(out.contains("XF2026-00002"), "{out}");
}

#[test]
fn output_ends_quietly_when_the_reader_goes_away() {
    let cli = Cli::new();
    cli.ok(&["demo", "--cases", "1500"]);
    // 500 cases as JSON is far more than a pipe buffers, so the writer meets the closed pipe.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_xinfang"))
        .args(["--json", "list", "--queue", "all", "--limit", "500"])
        .env("XINFANG_DATA", cli.data())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("panicked") && out.status.code() != Some(101),
        "{err}"
    );
}

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

#[test]
fn a_note_cannot_forge_a_timeline_line_or_reach_the_terminal_raw() {
    let cli = Cli::new();
    cli.setup();
    let n = cli.add(&[
        "--name",
        "张三",
        "--phone",
        "13812345678",
        "--subject",
        "噪音扰民",
        "--content",
        "夜间施工噪音扰民",
    ]);
    let forged = "2026-03-02 09:00  赵志刚  办结审核 -> 已办结";
    cli.ok(&[
        "--as",
        "op",
        "note",
        &n,
        "--note",
        &format!("来电人补充\u{1b}[2J\u{202E}情况\n{forged}"),
    ]);
    let out = cli.ok(&["show", &n]);
    assert!(
        !out.chars().any(|c| c != '\n' && c.is_control()) && !out.contains('\u{202E}'),
        "{out:?}"
    );
    let line = out.lines().find(|l| l.contains(forged)).unwrap();
    let first = out.lines().find(|l| l.contains("来电人补充")).unwrap();
    let text_at = |l: &str| l.find(|c: char| !c.is_whitespace()).unwrap();
    assert!(
        text_at(line) > text_at(first),
        "the note's second line stands under its text, not as an event:\n{out}"
    );
}

#[test]
fn an_accused_unit_is_found_by_alias_or_abbreviation_and_otherwise_asked_about() {
    let cli = Cli::new();
    cli.setup();
    let report = |unit: &str, extra: &[&str]| {
        let mut args = vec![
            "--as",
            "op",
            "add",
            "--kind",
            "report",
            "--confidential",
            "--name",
            "李四",
            "--subject",
            "举报工作人员吃拿卡要",
            "--content",
            "办事窗口工作人员索要好处费。",
            "--accused",
            unit,
        ];
        args.extend(extra);
        cli.run(&args)
    };
    let out = report("建委", &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("建委")
            && err.contains("住房和城乡建设局 (zjj)")
            && err.contains("城市管理综合执法局 (cgj)")
            && err.contains("--accused-dept"),
        "the error names the choices: {err}"
    );
    let outside = report("某物业公司", &["--accused-dept", "none"]);
    assert!(outside.status.success(), "{outside:?}");
    cli.ok(&["dept", "alias", "zjj", "建委"]);
    cli.ok(&[
        "dept",
        "add",
        "教育局",
        "--code",
        "jyj",
        "--alias",
        "市教委",
    ]);
    assert!(cli.ok(&["dept", "list"]).contains("(建委)"));
    for (unit, code) in [("建委", "zjj"), ("市教委", "jyj"), ("市住建局", "zjj")] {
        let n = cli.add(&[
            "--kind",
            "report",
            "--confidential",
            "--subject",
            "举报工作人员吃拿卡要",
            "--content",
            "办事窗口工作人员索要好处费。",
            "--accused",
            unit,
        ]);
        cli.ok(&["--as", "clerk", "accept", &n]);
        let err = cli.fails(&["--as", "clerk", "assign", &n, "--dept", code]);
        assert!(err.contains("不能交办给被举报单位"), "{unit}: {err}");
    }
}

#[test]
fn the_recorded_actor_comes_from_the_uid_never_from_user() {
    let cli = Cli::new();
    cli.setup();
    // Someone on the same machine sets USER to the operator's login.
    let out = Command::new(env!("CARGO_BIN_EXE_xinfang"))
        .args([
            "--json",
            "add",
            "--subject",
            "路灯不亮",
            "--content",
            "一周了",
        ])
        .env("XINFANG_DATA", cli.data())
        .env("XINFANG_NOW", "2026-03-02T09:00:00+08:00")
        .env("USER", "op")
        .env("LOGNAME", "op")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = v["Case"]["case"]["number"].as_str().unwrap().to_string();
    let shown: serde_json::Value = serde_json::from_str(&cli.ok(&["--json", "show", &n])).unwrap();
    let actor = shown["Case"]["events"][0]["actor"].as_str().unwrap();
    assert_ne!(actor, "王晓燕", "USER chose the recorded actor");
    assert_eq!(actor, xinfang::config::os_login());
}

#[test]
fn a_fixed_clock_is_refused_on_a_real_store() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], now: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_xinfang"));
        cmd.args(args).env("XINFANG_DATA", dir.path());
        match now {
            Some(t) => cmd.env("XINFANG_NOW", t),
            None => cmd.env_remove("XINFANG_NOW"),
        };
        cmd.output().unwrap()
    };
    let init = run(&["init", "--org", "苏州市信访局"], None);
    assert!(init.status.success(), "{init:?}");
    let add = ["add", "--subject", "路灯不亮", "--content", "一周了"];
    let forged = run(&add, Some("2025-04-01T09:00:00+08:00"));
    assert!(!forged.status.success(), "a back-dated intake was taken");
    let err = String::from_utf8_lossy(&forged.stderr);
    assert!(
        err.contains("XINFANG_NOW") && err.contains("测试库"),
        "{err}"
    );
    let real = run(&add, None);
    assert!(real.status.success(), "{real:?}");
    assert!(!String::from_utf8_lossy(&real.stderr).contains("测试库"));
    // A store with cases never becomes a test store.
    let late = run(&["init", "--org", "苏州市信访局", "--test-store"], None);
    assert!(!late.status.success());
    // A test store says so on every command.
    let test = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xinfang"))
        .args(["init", "--org", "测试", "--test-store"])
        .env("XINFANG_DATA", test.path())
        .env("XINFANG_NOW", "2026-03-02T09:00:00+08:00")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("测试库"));
}

#[test]
fn an_interrupted_demo_load_is_one_problem_with_one_fix_everywhere() {
    let cli = Cli::new();
    cli.ok(&["list"]);
    {
        // A demo load killed right after it marked itself under way.
        let store = xinfang::store::Store::open(cli.data()).unwrap();
        drop(xinfang::store::Bulk::journaled(&store).unwrap());
    }
    let fix = "删除数据目录后重新运行 `xinfang demo`";
    let fix_en = "remove the data directory and run `xinfang demo` again";
    // check: not sound, and it says why and what to do.
    let out = cli.run(&["check"]);
    assert_eq!(out.status.code(), Some(3));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains(fix_en), "{report}");
    // The start line and the refusal of a change name the same fix, and nothing else.
    let add = [
        "add",
        "--name",
        "张三",
        "--phone",
        "13800000000",
        "--subject",
        "路灯不亮",
        "--content",
        "夜间道路漆黑",
    ];
    let err = cli.fails(&add);
    assert!(err.contains(fix), "{err}");
    assert_eq!(
        err.matches(fix).count(),
        2,
        "the start line and the refusal: {err}"
    );
    for wrong in ["日志有损", "备份", "damaged", "backup"] {
        assert!(!err.contains(wrong), "{wrong} in: {err}");
    }
    let err = cli.fails(&[&["--lang", "en"][..], &add].concat());
    assert!(err.contains(fix_en), "{err}");
    for wrong in ["damaged", "backup"] {
        assert!(!err.contains(wrong), "{wrong} in: {err}");
    }
}
