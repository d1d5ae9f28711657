//! Reception days from the real binary on a test store (clock: Monday 2026-03-02 09:00,
//! UTC+08:00): the schedule, bookings, the day's table, receiving a visitor, and a backup.

mod shell;

use shell::Cli;

#[test]
fn reception_days_from_the_command_line() {
    let cli = Cli::new();
    cli.setup();
    let out = cli.ok(&[
        "--as",
        "leader",
        "reception",
        "schedule",
        "add",
        "--leader",
        "张院长",
        "--title",
        "院长",
        "--place",
        "诉讼服务中心",
        "--weekday",
        "周二",
        "--weekday",
        "fri",
        "--date",
        "2026-03-04",
    ]);
    assert!(out.contains("每周二") && out.contains("每周五"), "{out}");
    assert!(out.contains("2026-03-04（周三）"), "{out}");
    let booked = |visitor: &str, d: &str| {
        cli.run(&[
            "--as",
            "op",
            "reception",
            "book",
            "--date",
            d,
            "--leader",
            "张院长",
            "--visitor",
            visitor,
            "--phone",
            "13800138000",
            "--subject",
            "执行款迟迟未到位",
        ])
    };
    assert!(booked("王五", "2026-03-03").status.success());
    assert!(booked("Li Lei", "2026-03-03").status.success());
    // Thursday 03-05 is no day of his; the refusal says so in the user's language.
    let no = booked("王五", "2026-03-05");
    let err = String::from_utf8_lossy(&no.stderr);
    assert!(
        err.contains("2026-03-05（周四）不是张院长的接待日"),
        "{err}"
    );
    let en = cli.fails(&["--lang", "en", "--as", "op", "reception", "cancel", "99"]);
    assert!(en.contains("no booking 99"), "{en}");
    let list = cli.ok(&["--as", "clerk", "reception", "list", "--date", "2026-03-03"]);
    assert!(
        !list.contains("13800138000") && list.contains("138****8000"),
        "{list}"
    );
    // Columns line up by display width: the phone starts in the same cell on every row.
    let phone_at = |l: &str| {
        let i = l.find("138****8000").or_else(|| l.find("电话")).unwrap();
        unicode_width::UnicodeWidthStr::width(&l[..i])
    };
    let rows: Vec<&str> = list.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{list}");
    assert!(
        rows.iter().all(|l| phone_at(l) == phone_at(rows[0])),
        "{list}"
    );
    // Tuesday: the first visitor is received and the case records the leader.
    let tuesday = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_xinfang"))
            .args(args)
            .env("XINFANG_DATA", cli.data())
            .env("XINFANG_NOW", "2026-03-03T09:30:00+08:00")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let json = tuesday(&[
        "--as",
        "op",
        "--json",
        "reception",
        "receive",
        "1",
        "--content",
        "申请执行三年未到位",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let number = v["Case"]["case"]["number"].as_str().unwrap().to_string();
    assert_eq!(v["Case"]["case"]["intake"]["channel"], "Visit");
    let show = tuesday(&["--as", "clerk", "show", &number]);
    assert!(
        show.lines()
            .any(|l| l.starts_with("接待领导") && l.ends_with("张院长")),
        "{show}"
    );
    let today = tuesday(&["--as", "clerk", "reception", "list"]);
    assert!(today.contains(&format!("已接待 {number}")), "{today}");
    let added = tuesday(&[
        "--as",
        "op",
        "--json",
        "add",
        "--name",
        "周七",
        "--subject",
        "判决未执行",
        "--content",
        "胜诉判决一年未执行",
        "--received-by",
        "张院长",
    ]);
    let v: serde_json::Value = serde_json::from_str(&added).unwrap();
    assert_eq!(v["Case"]["case"]["received_by"], "张院长");
}

/// Counters are not in a backup: a restored store's next booking takes the number after the
/// highest one kept, never one already given.
#[test]
fn bookings_and_the_days_come_back_from_a_backup() {
    let cli = Cli::new();
    cli.setup();
    cli.ok(&[
        "--as",
        "leader",
        "reception",
        "schedule",
        "add",
        "--leader",
        "张院长",
        "--weekday",
        "2",
    ]);
    let book = |at: &std::path::Path, visitor: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_xinfang"))
            .args([
                "--as",
                "op",
                "--json",
                "reception",
                "book",
                "--date",
                "2026-03-03",
                "--leader",
                "张院长",
                "--visitor",
                visitor,
                "--phone",
                "13800138000",
                "--subject",
                "执行难",
            ])
            .env("XINFANG_DATA", at)
            .env("XINFANG_NOW", "2026-03-02T09:00:00+08:00")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["Booking"]["booking"]["id"].as_u64().unwrap()
    };
    assert_eq!(book(cli.data(), "王五"), 1);
    let backups = tempfile::tempdir().unwrap();
    let file = backups.path().join("b.xfj");
    cli.ok(&["backup", file.to_str().unwrap()]);
    let restored = backups.path().join("restored");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xinfang"))
        .args([
            "--data",
            restored.to_str().unwrap(),
            "restore",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(book(&restored, "赵六"), 2);
}

/// `reception list` for another operator, who may not see the case a visit became: the
/// visitor's name, phone and subject are withheld, as in every case list; the clerk, who sees
/// the case, still sees them.
#[test]
fn a_received_visit_is_listed_only_as_its_case_may_be_seen() {
    let cli = Cli::new();
    cli.setup();
    cli.ok(&["user", "add", "op2", "--name", "孙丽", "--role", "operator"]);
    cli.ok(&[
        "--as",
        "leader",
        "reception",
        "schedule",
        "add",
        "--leader",
        "张院长",
        "--weekday",
        "周二",
    ]);
    cli.ok(&[
        "--as",
        "op",
        "reception",
        "book",
        "--date",
        "2026-03-03",
        "--leader",
        "张院长",
        "--visitor",
        "王五",
        "--phone",
        "13800138000",
        "--subject",
        "执行款迟迟未到位",
    ]);
    // Tuesday 2026-03-03, the reception day.
    let tuesday = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_xinfang"))
            .args(args)
            .env("XINFANG_DATA", cli.data())
            .env("XINFANG_NOW", "2026-03-03T09:30:00+08:00")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let before = tuesday(&["--as", "op2", "reception", "list"]);
    assert!(before.contains("王五"), "{before}");
    tuesday(&[
        "--as",
        "op",
        "reception",
        "receive",
        "1",
        "--content",
        "申请执行三年未到位",
    ]);
    let other = tuesday(&["--as", "op2", "reception", "list"]);
    assert!(
        !other.contains("王五") && !other.contains("138****8000") && !other.contains("执行款"),
        "{other}"
    );
    assert!(other.contains("（保密）"), "{other}");
    let clerk = tuesday(&["--as", "clerk", "reception", "list"]);
    assert!(
        clerk.contains("王五") && clerk.contains("138****8000") && clerk.contains("执行款"),
        "{clerk}"
    );
}

/// A 举报 made in person at a reception day is as protected as one added: `receive` takes
/// `--kind report --confidential --accused`, the officer's `show` lacks the reporter, the
/// accused unit is never its handler; and an anonymous visitor's case keeps neither the name
/// nor the phone the booking knows.
#[test]
fn a_report_received_at_a_reception_day_is_confidential_and_kept_from_its_accused_unit() {
    let cli = Cli::new();
    cli.setup();
    cli.ok(&[
        "--as",
        "leader",
        "reception",
        "schedule",
        "add",
        "--leader",
        "张院长",
        "--weekday",
        "周二",
    ]);
    for (visitor, phone) in [("李四", "13900001111"), ("赵六", "13600002222")] {
        cli.ok(&[
            "--as",
            "op",
            "reception",
            "book",
            "--date",
            "2026-03-03",
            "--leader",
            "张院长",
            "--visitor",
            visitor,
            "--phone",
            phone,
            "--subject",
            "举报执法人员收受好处费",
        ]);
    }
    // Tuesday 2026-03-03, the reception day.
    let tuesday = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_xinfang"))
            .args(args)
            .env("XINFANG_DATA", cli.data())
            .env("XINFANG_NOW", "2026-03-03T09:30:00+08:00")
            .output()
            .unwrap()
    };
    let ok = |args: &[&str]| {
        let out = tuesday(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let received = |booking: &str, flags: &[&str]| {
        let mut args = vec!["--as", "op", "--json", "reception", "receive", booking];
        args.extend(flags);
        args.extend(["--content", "城管某中队队员多次收取摊贩好处费。"]);
        let v: serde_json::Value = serde_json::from_str(&ok(&args)).unwrap();
        v["Case"]["case"].clone()
    };
    let case = received(
        "1",
        &[
            "--kind",
            "report",
            "--confidential",
            "--accused",
            "城市管理综合执法局",
        ],
    );
    assert_eq!(case["intake"]["kind"], "Report");
    assert_eq!(case["intake"]["complainant"]["confidential"], true);
    let n = case["number"].as_str().unwrap().to_string();
    ok(&["--as", "clerk", "accept", &n]);
    let refused = tuesday(&["--as", "clerk", "assign", &n, "--dept", "cgj"]);
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("不能交办给被举报单位"), "{err}");
    ok(&["--as", "clerk", "assign", &n, "--dept", "zjj"]);
    let seen = ok(&["--as", "zjj1", "show", &n]);
    assert!(
        !seen.contains("李四") && !seen.contains("1390000") && seen.contains("保密"),
        "{seen}"
    );
    let anonymous = received("2", &["--kind", "report", "--anonymous"]);
    let who = &anonymous["intake"]["complainant"];
    assert_eq!(who["anonymous"], true);
    assert_eq!(who["name"], "");
    assert_eq!(who["phone"], "");
    // Nor does the day's list put the booked name to the anonymous case's number.
    let list = ok(&["--as", "clerk", "reception", "list"]);
    let row = list
        .lines()
        .find(|l| l.contains(anonymous["number"].as_str().unwrap()))
        .unwrap_or_else(|| panic!("{list}"));
    assert!(
        !row.contains("赵六") && !row.contains("136****2222") && row.contains("（保密）"),
        "{list}"
    );
}

/// A court's schedule shows its source, whose 遇节假日顺延 the booking keeps: Tuesday
/// 2026-10-06 is inside 国庆节 (10-01..10-07), so it is refused with the president's next
/// working reception day, Friday 10-09, which is booked.
#[test]
fn a_court_schedule_shows_its_basis_and_a_holiday_takes_no_visits() {
    let cli = Cli::new();
    cli.setup();
    cli.ok(&["policy", "set", "--preset", "court"]);
    let shown = cli.ok(&["--as", "clerk", "reception", "schedule"]);
    assert!(
        shown.contains("依据 法院信访工作程序") && shown.contains("遇节假日顺延"),
        "{shown}"
    );
    let book = |lang: &str, d: &str| {
        cli.run(&[
            "--lang",
            lang,
            "--as",
            "op",
            "reception",
            "book",
            "--date",
            d,
            "--leader",
            "院长",
            "--visitor",
            "王五",
            "--phone",
            "13800138000",
            "--subject",
            "执行款迟迟未到位",
        ])
    };
    let no = book("zh", "2026-10-06");
    assert!(!no.status.success());
    let err = String::from_utf8_lossy(&no.stderr);
    assert!(
        err.contains("2026-10-06（周二）是节假日或休息日，接待日遇节假日顺延，未预约。")
            && err.contains("下一个接待日是 2026-10-09（周五）"),
        "{err}"
    );
    let en = book("en", "2026-10-06");
    let err = String::from_utf8_lossy(&en.stderr);
    assert!(
        err.contains("2026-10-06 (Tue) is a holiday or rest day")
            && err.contains("2026-10-09 (Fri)"),
        "{err}"
    );
    assert!(book("zh", "2026-10-09").status.success());
    // A schedule changed from the preset no longer claims the court's source.
    cli.ok(&["--as", "leader", "reception", "schedule", "remove", "2"]);
    let changed = cli.ok(&["--as", "clerk", "reception", "schedule"]);
    assert!(!changed.contains("依据"), "{changed}");
}
