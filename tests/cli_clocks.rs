//! Clocks on the command line: a policy in months, a 交办 limit, a pause over a 调休 weekend
//! as `show` prints it and `show --json` carries it.

mod shell;

use shell::{Cli, ok_at};
use std::process::Command;

fn case(cli: &Cli) -> String {
    cli.add(&[
        "--name",
        "张三",
        "--phone",
        "13812345678",
        "--subject",
        "医疗纠纷",
        "--content",
        "手术后并发症，要求说明",
    ])
}

#[test]
fn a_policy_in_months_and_a_limit_set_at_assignment_are_shown() {
    let cli = Cli::new();
    cli.setup();
    cli.ok(&[
        "policy", "set", "--stage", "handling", "--days", "1", "--unit", "months",
    ]);
    let shown = cli.ok(&["policy", "show"]);
    assert!(shown.contains("自受理之日起1个月"), "{shown}");
    // No rule gives more than a year, in months too.
    let err = cli.fails(&["policy", "set", "--stage", "handling", "--days", "13"]);
    assert!(err.contains("1 至 12"), "{err}");
    // Without --unit a stage keeps counting as it does: still months.
    cli.ok(&["policy", "set", "--stage", "handling", "--days", "2"]);
    let shown = cli.ok(&["policy", "show"]);
    assert!(shown.contains("自受理之日起2个月"), "{shown}");
    let en = cli.ok(&["--lang", "en", "policy", "show"]);
    assert!(en.contains("2 months from acceptance"), "{en}");
    // 直接答复 一周 / 需调查 一个月: two limits by whether the handling needs investigation.
    let direct = [
        "policy", "set", "--stage", "feedback", "--days", "5", "--unit", "working",
    ];
    cli.ok(&direct);
    let month = [
        "policy",
        "set",
        "--stage",
        "feedback",
        "--investigated-days",
        "1",
    ];
    cli.ok(&[&month[..], &["--unit", "months"]].concat());
    let shown = cli.ok(&["policy", "show"]);
    let line = shown.lines().find(|l| l.contains("反馈")).unwrap();
    assert!(line.contains("5个工作日 / 需调查 1个月"), "{shown}");
    // Two months from Mon 2026-03-02: Sat 05-02, inside 劳动节: §203 ends it on Wed 05-06.
    let n = case(&cli);
    cli.ok(&["--as", "clerk", "accept", &n]);
    // The handling stage counts months here: a 交办 limit is 1 to 12 of them.
    for bad in ["0", "13"] {
        let err = cli.fails(&[
            "--as", "clerk", "assign", &n, "--dept", "zjj", "--days", bad,
        ]);
        assert!(err.contains("1 至 12"), "{err}");
    }
    cli.ok(&["--as", "clerk", "assign", &n, "--dept", "zjj"]);
    let out = cli.ok(&["--as", "clerk", "show", &n]);
    let line = out.lines().find(|l| l.contains("2个月")).unwrap();
    assert!(
        line.contains("办理") && line.contains("2026-05-06"),
        "{line}"
    );
    // A 交办 limit of 3 counts in the handling stage's unit: 3 months from the assignment on
    // 03-02 is Tue 06-02.
    cli.ok(&[
        "--as",
        "clerk",
        "reassign",
        &n,
        "--dept",
        "cgj",
        "--reason",
        "职责调整",
        "--days",
        "3",
    ]);
    let out = cli.ok(&["--as", "clerk", "show", &n]);
    let line = out
        .lines()
        .find(|l| l.contains("自交办之日起3个月"))
        .unwrap();
    assert!(line.contains("2026-06-02"), "{out}");
    assert!(out.contains("交办时限"), "{out}");
}

#[test]
fn a_pause_over_a_tiaoxiu_weekend_is_in_the_figures() {
    let cli = Cli::new();
    cli.setup();
    cli.ok(&["policy", "set", "--preset", "hospital"]);
    let thu = "2026-05-07T09:00:00+08:00";
    let n = String::from_utf8(
        Command::new(env!("CARGO_BIN_EXE_xinfang"))
            .args([
                "--as",
                "op",
                "--json",
                "add",
                "--name",
                "张三",
                "--phone",
                "13812345678",
                "--subject",
                "医疗纠纷",
                "--content",
                "手术后并发症，要求说明",
            ])
            .env("XINFANG_DATA", cli.data())
            .env("XINFANG_NOW", thu)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&n).unwrap();
    let n = v["Case"]["case"]["number"].as_str().unwrap().to_string();
    ok_at(cli.data(), thu, &["--as", "clerk", "accept", &n]);
    // Received Thu 05-07: feedback within 5 working days (Fri 08, Sat 09 调休, Mon 11, Tue 12,
    // Wed 13). Paused on Fri 05-08 for an expert opinion (鉴定).
    let fri = "2026-05-08T10:00:00+08:00";
    ok_at(
        cli.data(),
        fri,
        &["--as", "clerk", "pause", &n, "--reason", "鉴定"],
    );
    let out = ok_at(cli.data(), fri, &["--as", "clerk", "show", &n]);
    let line = out.lines().find(|l| l.contains("反馈")).unwrap();
    assert!(line.contains("暂停计时"), "{out}");
    // The list says so where the time left would be.
    let list = ok_at(
        cli.data(),
        fri,
        &["--as", "clerk", "list", "--queue", "all"],
    );
    let row = list.lines().find(|l| l.contains(&n)).unwrap();
    assert!(row.trim_end().ends_with("暂停计时"), "{list}");
    // Resumed on Tue 05-12: it stood still on Sat 09 (a working day), Sun 10, Mon 11 and Tue
    // 12, three working days: 5 + 3 working days from 05-07 is Mon 05-18.
    let tue = "2026-05-12T16:00:00+08:00";
    ok_at(cli.data(), tue, &["--as", "clerk", "resume", &n]);
    let out = ok_at(cli.data(), tue, &["--as", "clerk", "show", &n]);
    let line = out.lines().find(|l| l.contains("反馈")).unwrap();
    assert!(
        line.contains("已暂停 3个工作日") && line.contains("2026-05-18"),
        "{out}"
    );
    let json = ok_at(cli.data(), tue, &["--as", "clerk", "--json", "show", &n]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let clocks = v["Case"]["clocks"].as_array().unwrap();
    let k = clocks.iter().find(|k| k["stage"] == "Feedback").unwrap();
    assert_eq!(k["paused_days"], 3, "{k}");
    assert_eq!(k["deadline"], "2026-05-18", "{k}");
    assert_eq!(k["from"], "Received", "{k}");
    // The officer's view of the clocks names nobody.
    ok_at(
        cli.data(),
        tue,
        &["--as", "clerk", "assign", &n, "--dept", "zjj"],
    );
    let officer = ok_at(cli.data(), tue, &["--as", "zjj1", "show", &n]);
    let clock_lines: Vec<&str> = officer
        .lines()
        .skip_while(|l| *l != "办理时限:")
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(clock_lines.len() > 1, "{officer}");
    let clocks = clock_lines.join("\n");
    assert!(
        !clocks.contains("13812345678") && !clocks.contains("张三"),
        "{clocks}"
    );
}
