//! The real binary, scripted as an administrator would script it: one case through every
//! stage, roles, clear errors.

mod shell;

use shell::Cli;

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
fn lang_in_the_config_file_chooses_the_language_unless_the_flag_does() {
    let cli = Cli::new();
    let xdg = tempfile::tempdir().unwrap();
    std::fs::create_dir(xdg.path().join("xinfang")).unwrap();
    let config = xdg.path().join("xinfang").join("config.toml");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_xinfang"))
            .args(args)
            .env("XINFANG_DATA", cli.data())
            .env("XINFANG_NOW", shell::MONDAY_0900)
            .env_remove("XINFANG_CONFIG_DIR")
            .env("XDG_CONFIG_HOME", xdg.path())
            .output()
            .unwrap()
    };
    let stdout = |o: std::process::Output| {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    std::fs::write(&config, "ascii = true\nlang = \"en\"\n").unwrap();
    let out = stdout(run(&[]));
    assert!(out.contains("Open 0"), "{out}");
    let out = stdout(run(&["--lang", "zh"]));
    assert!(out.contains("在办 0"), "{out}");
    std::fs::write(&config, "ascii = true\nlang = \"fr\"\n").unwrap();
    let out = run(&[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("config.toml line 2") && err.contains("fr"),
        "{err}"
    );
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
