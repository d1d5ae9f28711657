//! The real binary and the deadline policy: what `policy show` prints and what `policy set`
//! can change.

mod shell;

use shell::Cli;

#[test]
fn the_hospital_multi_department_limit_is_shown_in_full_and_can_be_edited() {
    let cli = Cli::new();
    cli.setup();
    cli.ok(&["policy", "set", "--preset", "hospital"]);
    let show = cli.ok(&["policy", "show"]);
    let feedback = show
        .lines()
        .find(|l| l.contains("医疗机构投诉管理办法"))
        .unwrap_or_else(|| panic!("{show}"));
    // One department: 5 working days; several: 10. Both figures stay in the limits column,
    // before the basis text (which quotes them too).
    let limits = feedback.split('《').next().unwrap_or_default();
    assert!(limits.contains("5个工作日 / 10个工作日"), "{feedback}");
    cli.ok(&[
        "policy",
        "set",
        "--stage",
        "feedback",
        "--multi-dept-days",
        "8",
    ]);
    let show = cli.ok(&["policy", "show"]);
    let feedback = show
        .lines()
        .find(|l| l.contains("医疗机构投诉管理办法"))
        .unwrap_or_else(|| panic!("{show}"));
    // The limits column, before the basis text (which still quotes the rule's own figures).
    let limits = feedback.split('《').next().unwrap_or_default();
    assert!(
        limits.contains("5个工作日 / 8个工作日") && !limits.contains("10个"),
        "{feedback}"
    );
}

#[test]
fn the_civil_code_holiday_shift_is_shown_and_can_be_turned_off() {
    let cli = Cli::new();
    cli.setup();
    assert!(cli.ok(&["policy", "show"]).contains("第二百零三条"));
    cli.ok(&["policy", "set", "--holiday-shift", "off"]);
    let show = cli.ok(&["policy", "show"]);
    assert!(show.contains("不因休假日顺延"), "{show}");
    assert!(
        cli.fails(&["policy", "set", "--holiday-shift", "maybe"])
            .contains("on, off")
    );
}
