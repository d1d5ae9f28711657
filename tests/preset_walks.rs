//! One case per preset from intake to archive through the command line, each step at a fixed
//! time, with every clock's last day and basis checked in `show --json` and the archived case's
//! disposal date in `retention`.
//!
//! The common timeline (2026; 劳动节 05-01..05-05 off):
//! intake Mon 03-02 09:00, accept Tue 03-03 09:00, assign Tue 03-03 10:00, submit Thu 03-12
//! 09:00, approve Thu 03-12 10:00 (resolved), feedback Fri 03-13 09:00 (answered), follow-up
//! Mon 03-16 09:00, archive Fri 03-20 09:00. The government walk names each step so that 复查
//! and 复核 can go between the follow-up and the archive.

mod shell;
mod walk;

use walk::{DEPT, OFFICER, Walk};

const INTAKE: &str = "2026-03-02 09:00";
const ACCEPT: &str = "2026-03-03 09:00";
const ASSIGN: &str = "2026-03-03 10:00";
const SUBMIT: &str = "2026-03-12 09:00";
const APPROVE: &str = "2026-03-12 10:00";
const FEEDBACK: &str = "2026-03-13 09:00";
const FOLLOW_UP: &str = "2026-03-16 09:00";
const ARCHIVE: &str = "2026-03-20 09:00";

fn register(w: &mut Walk) {
    w.intake(
        INTAKE,
        &[
            "--name",
            "张三",
            "--phone",
            "13812345678",
            "--subject",
            "服务态度差",
            "--content",
            "工作人员多次态度恶劣，要求道歉并改进",
        ],
    );
}

/// The common timeline after intake; `assign` carries extra flags (an assisting department).
fn handle_to_archive(w: &Walk, assign: &[&str]) {
    let mut to = vec!["--dept", DEPT];
    to.extend(assign);
    w.step("accept", ACCEPT, "clerk", "accept", &[]);
    w.step("assign", ASSIGN, "clerk", "assign", &to);
    w.step(
        "submit",
        SUBMIT,
        OFFICER,
        "submit",
        &["--result", "已核实并整改"],
    );
    w.step("approve", APPROVE, "clerk", "approve", &[]);
    w.step(
        "feedback",
        FEEDBACK,
        "clerk",
        "feedback",
        &["--method", "电话", "--content", "已电话告知处理结果"],
    );
    w.step(
        "follow-up",
        FOLLOW_UP,
        "clerk",
        "followup",
        &["--satisfaction", "satisfied"],
    );
    let state = w.step("archive", ARCHIVE, "clerk", "archive", &[]);
    assert_eq!(state, "Archived", "{}", w.preset);
}

/// Answers one level of a government matter: accepted with its 受理告知, assigned, resolved,
/// answered by 答复意见书 and feedback, followed up unsatisfied, archived with the decision.
/// Each step is at its own fixed time, given in order.
fn answer_unsatisfied(w: &Walk, at: [&str; 9]) {
    w.step("accept", at[0], "clerk", "accept", &[]);
    let told = ["--method", "letter", "--content", "受理告知书已邮寄送达"];
    w.step("受理告知", at[1], "clerk", "notify-accepted", &told);
    w.step("assign", at[2], "clerk", "assign", &["--dept", DEPT]);
    w.step(
        "submit",
        at[3],
        OFFICER,
        "submit",
        &["--result", "已核实并整改"],
    );
    w.step("approve", at[4], "clerk", "approve", &[]);
    let letter = ["--method", "letter", "--content", "答复意见书已送达"];
    w.step("答复意见书", at[5], "clerk", "reply-letter", &letter);
    let told = ["--method", "书面", "--content", "已书面答复"];
    w.step("feedback", at[6], "clerk", "feedback", &told);
    let verdict = ["--satisfaction", "unsatisfied"];
    w.step("follow-up", at[7], "clerk", "followup", &verdict);
    let decision = ["--reason", "信访人不服，已告知可在30日内请求复查（复核）"];
    let state = w.step("archive", at[8], "clerk", "archive", &decision);
    assert_eq!(state, "Archived");
}

const FIRST: &str = "《信访工作条例》";
const REVIEW: &str = "《信访工作条例》第三十五条";
const RECHECK: &str = "《信访工作条例》第三十六条";

/// 初次办理, then the petitioner's 复查 and 复核 (第三十五条、第三十六条), each answered within
/// 30 days of the request, then a third letter on the matter: 终结, registered and not accepted.
#[test]
fn government_walk() {
    let mut w = Walk::new("government");
    register(&mut w);
    // Triage and 受理告知: 15 days from Mon 03-02 → Tue 03-17.
    w.check_clocks(
        "intake",
        INTAKE,
        &[("Acceptance", "2026-03-17"), ("Notice", "2026-03-17")],
    );
    answer_unsatisfied(
        &w,
        [
            ACCEPT,
            "2026-03-03 09:30",
            ASSIGN,
            SUBMIT,
            APPROVE,
            "2026-03-13 09:00",
            "2026-03-13 09:30",
            FOLLOW_UP,
            ARCHIVE,
        ],
    );
    // Objection: 5 working days from Tue 03-03 → 03-04, 05, 06, 09, 10.
    // Handling and the written reply: 60 days from Tue 03-03 → Sat 05-02 (28 days of March,
    // 30 of April, 2 of May), inside 劳动节: §203 → Wed 05-06.
    // The 复查 window: 30 days from the 答复意见书 on Fri 03-13 → Sun 04-12, a rest day: §203
    // → Mon 04-13.
    w.check_clocks(
        "archive",
        ARCHIVE,
        &[
            ("Acceptance", "2026-03-17"),
            ("Notice", "2026-03-17"),
            ("Objection", "2026-03-10"),
            ("Handling", "2026-05-06"),
            ("Feedback", "2026-05-06"),
            ("ReviewWindow", "2026-04-13"),
        ],
    );
    // Kept 10 years (120 months) from 2026-03-20.
    w.check_disposal_from("2036-03-20");

    // 复查, asked on Fri 04-10, inside the window.
    let (level, bar) = w.review_request("2026-04-10 09:00", "对答复意见不服，请求复查");
    assert_eq!((level.as_str(), bar.as_str()), ("\"Review\"", "null"));
    // Triage and 受理告知: 15 days from Fri 04-10 → Sat 04-25, a rest day: §203 → Mon 04-27.
    // Handling and the written reply: 30 days from the request, Fri 04-10 → Sun 05-10, a rest
    // day after the 05-09 make-up Saturday: §203 → Mon 05-11.
    w.check_clocks_with(
        "复查 intake",
        "2026-04-10 09:00",
        &[
            ("Acceptance", "2026-04-27", FIRST),
            ("Notice", "2026-04-27", FIRST),
            ("Handling", "2026-05-11", REVIEW),
            ("Feedback", "2026-05-11", REVIEW),
        ],
    );
    answer_unsatisfied(
        &w,
        [
            "2026-04-13 09:00",
            "2026-04-13 09:30",
            "2026-04-13 10:00",
            "2026-04-20 09:00",
            "2026-04-20 10:00",
            "2026-04-21 09:00",
            "2026-04-21 09:30",
            "2026-04-22 09:00",
            "2026-04-24 09:00",
        ],
    );
    // Objection: 5 working days from Mon 04-13 → 04-14..17, 20 → Mon 04-20.
    // The 复核 window: 30 days from the 答复意见书 on Tue 04-21 → Thu 05-21.
    w.check_clocks_with(
        "复查 archive",
        "2026-04-24 09:00",
        &[
            ("Acceptance", "2026-04-27", FIRST),
            ("Notice", "2026-04-27", FIRST),
            ("Objection", "2026-04-20", FIRST),
            ("Handling", "2026-05-11", REVIEW),
            ("Feedback", "2026-05-11", REVIEW),
            ("ReviewWindow", "2026-05-21", FIRST),
        ],
    );

    // 复核, asked on Fri 05-08.
    let (level, bar) = w.review_request("2026-05-08 09:00", "对复查意见不服，请求复核");
    assert_eq!((level.as_str(), bar.as_str()), ("\"Recheck\"", "null"));
    answer_unsatisfied(
        &w,
        [
            "2026-05-11 09:00",
            "2026-05-11 09:30",
            "2026-05-11 10:00",
            "2026-05-18 09:00",
            "2026-05-18 10:00",
            "2026-05-19 09:00",
            "2026-05-19 09:30",
            "2026-05-20 09:00",
            "2026-05-22 09:00",
        ],
    );
    // Triage and 受理告知: 15 days from Fri 05-08 → Sat 05-23: §203 → Mon 05-25.
    // Objection: 5 working days from Mon 05-11 → 05-12..15, 18 → Mon 05-18.
    // Handling and the written reply: 30 days from Fri 05-08 → Sun 06-07: §203 → Mon 06-08.
    // After 复核 the matter is final: no window to ask again.
    w.check_clocks_with(
        "复核 archive",
        "2026-05-22 09:00",
        &[
            ("Acceptance", "2026-05-25", FIRST),
            ("Notice", "2026-05-25", FIRST),
            ("Objection", "2026-05-18", FIRST),
            ("Handling", "2026-06-08", RECHECK),
            ("Feedback", "2026-06-08", RECHECK),
        ],
    );
    let show = w.ok(
        "2026-05-22 09:00",
        &["--as", "leader", "show", &w.number.clone()],
    );
    assert!(show.contains("终结"), "{show}");

    // A third letter on the matter: registered as 终结 and not accepted again.
    let (level, bar) = w.review_request("2026-06-01 09:00", "仍不服，再次请求复核");
    assert_eq!(bar, "\"Final\"");
    assert_eq!(level, "\"Recheck\"");
    let refused = w.run(
        "2026-06-01 10:00",
        &["--as", "clerk", "accept", &w.number.clone()],
    );
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success() && err.contains("终结"), "{err}");
    let why = ["--reason", "该事项已经复核，办理终结（第三十六条）"];
    w.step("不予受理", "2026-06-01 10:30", "clerk", "reject", &why);
    let told = ["--method", "letter", "--content", "不予受理告知书已送达"];
    w.step(
        "不予受理告知",
        "2026-06-01 11:00",
        "clerk",
        "notify-not-accepted",
        &told,
    );
    // A barred request is not taken in: no review period starts, only triage and the notice,
    // done on the day: 15 days from Mon 06-01 → Tue 06-16.
    w.check_clocks_with(
        "终结 notice",
        "2026-06-01 11:00",
        &[
            ("Acceptance", "2026-06-16", FIRST),
            ("Notice", "2026-06-16", FIRST),
        ],
    );
    let state = w.step("archive", "2026-06-02 09:00", "clerk", "archive", &[]);
    assert_eq!(state, "Archived");
}

#[test]
fn hospital_walk_with_two_departments() {
    let mut w = Walk::new("hospital");
    register(&mut w);
    // 首诉负责: feedback from receipt, 5 working days from Mon 03-02 → Mon 03-09.
    w.check_clocks("intake", INTAKE, &[("Feedback", "2026-03-09")]);
    handle_to_archive(&w, &["--assist", "xb"]);
    // Several departments: 10 working days from 03-02 → 03-03..06, 09..13, 16 → Mon 03-16.
    // Follow-up: 5 working days from Fri 03-13 → 03-16..20 → Fri 03-20.
    w.check_clocks(
        "archive",
        ARCHIVE,
        &[("Feedback", "2026-03-16"), ("FollowUp", "2026-03-20")],
    );
    // Three years (36 months) from 2026-03-20.
    w.check_disposal_from("2029-03-20");
}

#[test]
fn school_walk() {
    let mut w = Walk::new("school");
    register(&mut w);
    // Acceptance: 3 working days from Mon 03-02 → Thu 03-05. Answer within a week → Mon 03-09.
    w.check_clocks(
        "intake",
        INTAKE,
        &[("Acceptance", "2026-03-05"), ("Feedback", "2026-03-09")],
    );
    handle_to_archive(&w, &[]);
    // Follow-up: 5 working days from Fri 03-13 → Fri 03-20.
    w.check_clocks(
        "archive",
        ARCHIVE,
        &[
            ("Acceptance", "2026-03-05"),
            ("Feedback", "2026-03-09"),
            ("FollowUp", "2026-03-20"),
        ],
    );
    w.check_disposal_from("2029-03-20");
}

#[test]
fn kindergarten_walk() {
    let mut w = Walk::new("kindergarten");
    register(&mut w);
    // Respond within a working day → Tue 03-03; result within 5 working days → Mon 03-09.
    w.check_clocks(
        "intake",
        INTAKE,
        &[("Acceptance", "2026-03-03"), ("Feedback", "2026-03-09")],
    );
    handle_to_archive(&w, &[]);
    w.check_clocks(
        "archive",
        ARCHIVE,
        &[
            ("Acceptance", "2026-03-03"),
            ("Feedback", "2026-03-09"),
            ("FollowUp", "2026-03-20"),
        ],
    );
    w.check_disposal_from("2029-03-20");
}

#[test]
fn nursing_home_walk_keeps_materials_two_years() {
    let mut w = Walk::new("nursing-home");
    register(&mut w);
    w.check_clocks("intake", INTAKE, &[("Acceptance", "2026-03-05")]);
    handle_to_archive(&w, &[]);
    // Handling: 15 working days from Tue 03-03 → 03-04..06 (3), 09..13 (8), 16..20 (13),
    // 23, 24 → Tue 03-24. Feedback: 7 days from Thu 03-12 → Thu 03-19.
    w.check_clocks(
        "archive",
        ARCHIVE,
        &[
            ("Acceptance", "2026-03-05"),
            ("Handling", "2026-03-24"),
            ("Feedback", "2026-03-19"),
            ("FollowUp", "2026-03-20"),
        ],
    );
    // Two years (24 months) from 2026-03-20.
    w.check_disposal_from("2028-03-20");
}

#[test]
fn telecom_walk() {
    let mut w = Walk::new("telecom");
    register(&mut w);
    // Answer within 15 days of receipt: Mon 03-02 → Tue 03-17.
    w.check_clocks("intake", INTAKE, &[("Feedback", "2026-03-17")]);
    handle_to_archive(&w, &[]);
    w.check_clocks(
        "archive",
        ARCHIVE,
        &[("Feedback", "2026-03-17"), ("FollowUp", "2026-03-20")],
    );
    w.check_disposal_from("2029-03-20");
}

#[test]
fn court_walk() {
    let mut w = Walk::new("court");
    register(&mut w);
    w.check_clocks("intake", INTAKE, &[("Acceptance", "2026-03-17")]);
    handle_to_archive(&w, &[]);
    // 60 days from Tue 03-03 → Sat 05-02, 劳动节: §203 → Wed 05-06 (handling and answer).
    w.check_clocks(
        "archive",
        ARCHIVE,
        &[
            ("Acceptance", "2026-03-17"),
            ("Handling", "2026-05-06"),
            ("Feedback", "2026-05-06"),
        ],
    );
    w.check_disposal_from("2036-03-20");
}

#[test]
fn enterprise_walk() {
    let mut w = Walk::new("enterprise");
    register(&mut w);
    w.check_clocks("intake", INTAKE, &[("Acceptance", "2026-03-05")]);
    handle_to_archive(&w, &[]);
    // The unit responds within 15 working days of assignment (Tue 03-03) → Tue 03-24.
    w.check_clocks(
        "archive",
        ARCHIVE,
        &[
            ("Acceptance", "2026-03-05"),
            ("Handling", "2026-03-24"),
            ("Feedback", "2026-03-19"),
            ("FollowUp", "2026-03-20"),
        ],
    );
    w.check_disposal_from("2029-03-20");
}

#[test]
fn hotline_walk() {
    let mut w = Walk::new("hotline");
    register(&mut w);
    // Dispatch within a working day → Tue 03-03.
    w.check_clocks("intake", INTAKE, &[("Acceptance", "2026-03-03")]);
    handle_to_archive(&w, &[]);
    // A normal work order: 5 working days from Tue 03-03 → 03-04, 05, 06, 09, 10.
    // Follow-up: 1 working day from Fri 03-13 → Mon 03-16.
    w.check_clocks(
        "archive",
        ARCHIVE,
        &[
            ("Acceptance", "2026-03-03"),
            ("Handling", "2026-03-10"),
            ("FollowUp", "2026-03-16"),
        ],
    );
    w.check_disposal_from("2036-03-20");
}

#[test]
fn institution_walk_for_stores_of_older_builds() {
    let mut w = Walk::new("institution");
    register(&mut w);
    w.check_clocks("intake", INTAKE, &[("Acceptance", "2026-03-05")]);
    handle_to_archive(&w, &[]);
    // Handling from acceptance (Tue 03-03): 15 working days → Tue 03-24.
    w.check_clocks(
        "archive",
        ARCHIVE,
        &[
            ("Acceptance", "2026-03-05"),
            ("Handling", "2026-03-24"),
            ("Feedback", "2026-03-19"),
            ("FollowUp", "2026-03-20"),
        ],
    );
    w.check_disposal_from("2029-03-20");
}
