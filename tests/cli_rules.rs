//! The real binary and the rules that protect records and people: notes that cannot forge the
//! timeline, accused units, who and when an event records, one fix for an interrupted load.

mod shell;

use shell::Cli;
use std::process::Command;

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
