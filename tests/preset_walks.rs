//! One case per preset from intake to archive through the command line, each step at a fixed
//! time, with every clock's last day and basis checked in `show --json` and the archived case's
//! disposal date in `retention`.
//!
//! The common timeline (2026; 劳动节 05-01..05-05 off):
//! intake Mon 03-02 09:00, accept Tue 03-03 09:00, assign Tue 03-03 10:00, submit Thu 03-12
//! 09:00, approve Thu 03-12 10:00 (resolved), feedback Fri 03-13 09:00 (answered), follow-up
//! Mon 03-16 09:00, archive Fri 03-20 09:00. The government walk names each step so that 复查
//! and 复核 can go between the follow-up and the archive.

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

#[test]
fn government_walk() {
    let mut w = Walk::new("government");
    register(&mut w);
    // 15 days from Mon 03-02 → Tue 03-17.
    w.check_clocks("intake", INTAKE, &[("Acceptance", "2026-03-17")]);
    w.step("accept", ACCEPT, "clerk", "accept", &[]);
    w.step("assign", ASSIGN, "clerk", "assign", &["--dept", DEPT]);
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
        &["--method", "书面", "--content", "已出具书面答复意见书"],
    );
    w.step(
        "follow-up",
        FOLLOW_UP,
        "clerk",
        "followup",
        &["--satisfaction", "satisfied"],
    );
    w.step("archive", ARCHIVE, "clerk", "archive", &[]);
    // Objection: 5 working days from Tue 03-03 → 03-04, 05, 06, 09, 10.
    // Handling and the written reply: 60 days from Tue 03-03 → Sat 05-02 (28 days of March,
    // 30 of April, 2 of May), inside 劳动节: §203 → Wed 05-06.
    w.check_clocks(
        "archive",
        ARCHIVE,
        &[
            ("Acceptance", "2026-03-17"),
            ("Objection", "2026-03-10"),
            ("Handling", "2026-05-06"),
            ("Feedback", "2026-05-06"),
        ],
    );
    // Kept 10 years (120 months) from 2026-03-20.
    w.check_disposal_from("2036-03-20");
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
