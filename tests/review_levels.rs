//! 复查 and 复核 as first-class paths (《信访工作条例》第三十五条、第三十六条): the level found at
//! intake, the 30-day window from the reply, 终结 after 复核, and the petitioner's request on the
//! command line.

mod common;
mod shell;

use common::*;
use xinfang::domain::case::{Bar, Complainant, Intake, Kind, Level};
use xinfang::domain::event::{Detail, EventKind};
use xinfang::domain::state::{Action, Refusal, State};
use xinfang::domain::time::Timestamp;
use xinfang::lang::{Lang, describe};
use xinfang::service::api::CaseView;
use xinfang::service::{Request, ServiceError};

/// The clock `days` after Monday 2026-03-02 09:00 (UTC+08:00).
fn at(w: &World, days: i64) {
    w.clock.set(Timestamp(MONDAY_0900 + days * DAY));
}

fn feedback() -> Detail {
    Detail {
        method: Some("phone".into()),
        text: Some("已答复信访人：维修已完成".into()),
        ..Detail::default()
    }
}

/// Accepted, handled by 住建局, approved and answered by phone: the reply is the feedback.
fn answer(w: &World, number: &str) -> Box<CaseView> {
    accept_and_assign(w, number, 1);
    act(w, w.officer, number, Action::Submit, text("已维修")).unwrap();
    act(w, w.clerk, number, Action::Approve, Detail::default()).unwrap();
    act(w, w.clerk, number, Action::Feedback, feedback()).unwrap()
}

/// The petitioner's request for review of `of`, naming no one: the service carries them over.
fn review_of(w: &World, of: &CaseView, who: xinfang::service::Actor) -> Box<CaseView> {
    let mut i = Intake::new(
        xinfang::domain::case::Channel::Letter,
        of.case.intake.kind,
        Complainant::default(),
        of.case.intake.subject.clone(),
        "对答复意见不服，请求复查",
    );
    i.review_of = Some(of.case.id);
    w.intake(who, i)
}

fn admissibility(v: &CaseView) -> Option<(Level, Option<Bar>)> {
    v.events.iter().find_map(|e| match &e.event.kind {
        EventKind::Admissibility { level, bar } => Some((*level, *bar)),
        _ => None,
    })
}

#[test]
fn review_then_recheck_then_final_each_one_level_up() {
    let w = World::new();
    let first = w.intake(w.operator, complaint("楼道灯不亮", "13812345678"));
    assert_eq!(
        admissibility(&first),
        None,
        "a first letter records no level"
    );
    let first = answer(&w, &first.case.number);
    at(&w, 10);
    let review = review_of(&w, &first, w.operator);
    assert_eq!(review.case.level, Level::Review);
    assert_eq!(review.case.bar, None);
    assert_eq!(
        review.events[1].event.kind,
        EventKind::Admissibility {
            level: Level::Review,
            bar: None
        },
        "recorded in the registration's commit, right after it"
    );
    // The same petitioner, carried from the reviewed case (masked as any view masks it).
    assert_eq!(review.case.intake.complainant.name, "张三");
    assert_eq!(review.case.intake.complainant.phone, "138****5678");
    assert_eq!(review.case.intake.review_of, Some(first.case.id));

    let review = answer(&w, &review.case.number);
    at(&w, 20);
    let recheck = review_of(&w, &review, w.clerk);
    assert_eq!(
        (recheck.case.level, recheck.case.bar),
        (Level::Recheck, None)
    );
    assert!(!xinfang::service::admit::is_final(&recheck.case));
    let recheck = answer(&w, &recheck.case.number);
    assert!(
        xinfang::service::admit::is_final(&recheck.case),
        "an answered 复核 is 终结"
    );
    let zone = xinfang::domain::time::Zone::parse("+08:00").unwrap();
    let said: Vec<String> = describe::standing(Lang::Zh.words(), &recheck, zone)
        .into_iter()
        .map(|s| format!("{} {}", Lang::Zh.words().label(s.label), s.text))
        .collect();
    assert_eq!(
        said,
        [
            "办理层级 复核".to_string(),
            format!("终结 {}", Lang::Zh.words().bar_basis(Bar::Final)),
        ],
        "show and the desk say so"
    );

    at(&w, 25);
    // The 复核 was registered by the clerk: an operator sees only their own registrations.
    let again = review_of(&w, &recheck, w.clerk);
    assert_eq!(
        (again.case.level, again.case.bar),
        (Level::Recheck, Some(Bar::Final))
    );
    let refused = act(
        &w,
        w.clerk,
        &again.case.number,
        Action::Accept,
        Detail::default(),
    );
    assert!(
        matches!(
            refused,
            Err(ServiceError::Refused(Refusal::Barred {
                bar: Bar::Final,
                ..
            }))
        ),
        "{refused:?}"
    );
    // Barred, it may still be not accepted and closed.
    let closed = act(
        &w,
        w.clerk,
        &again.case.number,
        Action::NotAccept,
        reason("复核意见为最终意见，不再受理"),
    )
    .unwrap();
    assert_eq!(closed.case.state, State::NotAccepted);
}

#[test]
fn a_request_after_thirty_days_from_the_reply_is_late() {
    let w = World::new();
    // Answered on Monday 2026-03-02. The window is 30 calendar days counted from the next day:
    // 03-03 is day 1, 03-31 day 29, 04-01 (Wednesday, a working day) day 30, the last.
    let first = w.intake(w.operator, complaint("路灯不亮", "13812345678"));
    let first = answer(&w, &first.case.number);
    at(&w, 30); // 2026-04-01 09:00
    let in_time = review_of(&w, &first, w.operator);
    assert_eq!(
        (in_time.case.level, in_time.case.bar),
        (Level::Review, None)
    );
    at(&w, 31); // 2026-04-02
    let late = review_of(&w, &first, w.operator);
    assert_eq!(
        (late.case.level, late.case.bar),
        (Level::Review, Some(Bar::Late))
    );
    let refused = act(
        &w,
        w.clerk,
        &late.case.number,
        Action::Accept,
        Detail::default(),
    );
    assert!(
        matches!(
            refused,
            Err(ServiceError::Refused(Refusal::Barred {
                bar: Bar::Late,
                ..
            }))
        ),
        "{refused:?}"
    );
}

#[test]
fn the_written_reply_starts_the_window_and_a_holiday_end_moves_it() {
    let w = World::new();
    // Resolved on the spot on 03-02; the 答复意见书 went out on 04-01, which starts the window:
    // 04-01 + 30 days = 05-01, 劳动节 (05-01..05-05 off), so under 《民法典》第二百零三条 the
    // last day is 05-06, a Wednesday. Counted from the resolution it would have been 04-01.
    let r = w.call(
        w.operator,
        Request::Intake {
            intake: complaint("窨井盖松动", "13812345678"),
            resolve: Some("当场联系维修".into()),
            link_to: None,
            draft: None,
            reception: None,
        },
    );
    let first = reply_case(r);
    at(&w, 30);
    let letter = Detail {
        method: Some("letter".into()),
        text: Some("答复意见书 苏信复〔2026〕12号".into()),
        ..Detail::default()
    };
    let first = act(&w, w.clerk, &first.case.number, Action::ReplyLetter, letter).unwrap();
    at(&w, 65); // 2026-05-06
    let in_time = review_of(&w, &first, w.operator);
    assert_eq!(in_time.case.bar, None);
    at(&w, 66); // 2026-05-07
    let late = review_of(&w, &first, w.operator);
    assert_eq!(late.case.bar, Some(Bar::Late));
}

#[test]
fn a_new_letter_linked_to_a_final_matter_is_final() {
    let w = World::new();
    let first = w.intake(w.operator, complaint("小区停车位", "13812345678"));
    let first = answer(&w, &first.case.number);
    let review = answer(&w, &review_of(&w, &first, w.operator).case.number);
    let recheck = answer(&w, &review_of(&w, &review, w.operator).case.number);
    let r = w.call(
        w.operator,
        Request::Intake {
            intake: complaint("小区停车位", "13812345678"),
            resolve: None,
            link_to: Some(recheck.case.id),
            draft: None,
            reception: None,
        },
    );
    let linked = reply_case(r);
    assert_eq!(
        (linked.case.level, linked.case.bar),
        (Level::First, Some(Bar::Final))
    );
    assert_eq!(
        admissibility(&linked),
        Some((Level::First, Some(Bar::Final)))
    );
    // Linked to a matter still open, a new letter is simply registered.
    let open = w.intake(w.operator, complaint("噪音", "13900001111"));
    let r = w.call(
        w.operator,
        Request::Intake {
            intake: complaint("噪音", "13900001111"),
            resolve: None,
            link_to: Some(open.case.id),
            draft: None,
            reception: None,
        },
    );
    assert_eq!(reply_case(r).case.bar, None);
}

#[test]
fn a_review_of_a_report_keeps_it_from_the_accused_unit_and_its_reporter_hidden() {
    let w = World::new();
    let mut report = complaint("举报工作人员索要好处费", "13812345678");
    report.kind = Kind::Report;
    report.complainant.confidential = true;
    report.accused_unit = Some("住房和城乡建设局".into());
    let first = w.intake(w.operator, report);
    act(
        &w,
        w.clerk,
        &first.case.number,
        Action::Accept,
        Detail::default(),
    )
    .unwrap();
    act(&w, w.clerk, &first.case.number, Action::Assign, dept(2)).unwrap();
    act(
        &w,
        w.officer2,
        &first.case.number,
        Action::Submit,
        text("已核查"),
    )
    .unwrap();
    act(
        &w,
        w.clerk,
        &first.case.number,
        Action::Approve,
        Detail::default(),
    )
    .unwrap();
    let first = act(
        &w,
        w.clerk,
        &first.case.number,
        Action::Feedback,
        feedback(),
    )
    .unwrap();
    let review = review_of(&w, &first, w.clerk);
    assert_eq!(review.case.level, Level::Review);
    assert!(review.case.intake.complainant.confidential);
    assert_eq!(review.case.intake.accused_dept, Some(1));
    act(
        &w,
        w.clerk,
        &review.case.number,
        Action::Accept,
        Detail::default(),
    )
    .unwrap();
    let refused = act(&w, w.clerk, &review.case.number, Action::Assign, dept(1));
    assert!(
        matches!(refused, Err(ServiceError::AccusedUnit { .. })),
        "{refused:?}"
    );
    let v = act(&w, w.clerk, &review.case.number, Action::Assign, dept(2)).unwrap();
    let seen = w.view(w.officer2, &v.case.number).unwrap();
    assert!(seen.identity_hidden);
    assert!(!format!("{seen:?}").contains("张三"));
}

#[test]
fn review_request_on_the_command_line_says_the_level_and_show_gives_bar_and_rule() {
    let cli = shell::Cli::new();
    cli.setup();
    let run_at = |now: &str, args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_xinfang"))
            .args(args)
            .env("XINFANG_DATA", cli.data())
            .env("XINFANG_NOW", now)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let n = cli.add(&[
        "--name",
        "张三",
        "--phone",
        "13812345678",
        "--subject",
        "楼道灯不亮",
        "--content",
        "楼道灯坏了一个月",
    ]);
    // Answered on 2026-03-02 by `resolve` and `feedback` on the fixed clock.
    cli.ok(&["--as", "clerk", "accept", &n]);
    cli.ok(&["--as", "clerk", "assign", &n, "--dept", "zjj"]);
    cli.ok(&["--as", "zjj1", "submit", &n, "--result", "已更换灯泡"]);
    cli.ok(&["--as", "clerk", "approve", &n]);
    cli.ok(&[
        "--as",
        "clerk",
        "feedback",
        &n,
        "--method",
        "电话",
        "--content",
        "已答复",
    ]);
    let out = cli.ok(&[
        "--as",
        "op",
        "review-request",
        &n,
        "--content",
        "灯又坏了，对答复不服",
    ]);
    assert!(out.contains("办理层级：复查"), "{out}");
    let review = out
        .lines()
        .find_map(|l| l.strip_prefix("案件编号："))
        .unwrap()
        .to_string();
    let show = cli.ok(&["--as", "clerk", "show", &review]);
    assert!(show.contains("复查") && show.contains(&n), "{show}");
    assert!(show.contains("张三"), "the petitioner carried over: {show}");

    // 2026-04-02: a day after the window closed (03-02 + 30 days = 04-01).
    let late = run_at(
        "2026-04-02T10:00:00+08:00",
        &["--as", "op", "review-request", &n, "--content", "请求复查"],
    );
    assert!(late.contains("超过了提出期限"), "{late}");
    assert!(late.contains("第三十五条"), "the rule is named: {late}");
    let en = run_at(
        "2026-04-02T10:00:00+08:00",
        &["--lang", "en", "--as", "clerk", "show", &review],
    );
    assert!(en.contains("review"), "{en}");
    let json = run_at(
        "2026-04-02T10:00:00+08:00",
        &["--json", "--as", "clerk", "show", &review],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["Case"]["case"]["level"], "Review");
}

/// A review is of an answer: a case still being handled, or resolved and not yet answered, has
/// none, so the request is refused with the way to register it instead; nothing else changes.
#[test]
fn a_review_of_a_case_not_yet_answered_is_refused_naming_the_link() {
    let w = World::new();
    let first = w.intake(w.operator, complaint("路灯不亮", "13812345678"));
    let n = first.case.number.clone();
    accept_and_assign(&w, &n, 1);
    act(&w, w.officer, &n, Action::Submit, text("已维修")).unwrap();
    let resolved = act(&w, w.clerk, &n, Action::Approve, Detail::default()).unwrap();
    at(&w, 45);
    let r = w.call(
        w.operator,
        Request::Intake {
            intake: {
                let mut i = Intake::new(
                    xinfang::domain::case::Channel::Letter,
                    Kind::Complaint,
                    Complainant::default(),
                    "路灯不亮",
                    "对处理不服，请求复查",
                );
                i.review_of = Some(resolved.case.id);
                i
            },
            resolve: None,
            link_to: None,
            draft: None,
            reception: None,
        },
    );
    let Err(e) = r else {
        panic!("a review of an unanswered case was registered: {r:?}")
    };
    assert!(
        matches!(&e, ServiceError::NotAnswered { number } if *number == n),
        "{e:?}"
    );
    let zh = Lang::Zh.words().error(&e);
    assert!(zh.contains("尚未答复") && zh.contains("--link"), "{zh}");
    assert_eq!(w.summary(w.clerk).total, 1);
}

/// A request about a request that was not taken in is not taken in either: asking for 复核 of
/// a late 复查 keeps its bar instead of opening an unbarred 复核.
#[test]
fn a_review_of_a_barred_request_keeps_its_bar() {
    let w = World::new();
    let first = w.intake(w.operator, complaint("路灯不亮", "13812345678"));
    let first = answer(&w, &first.case.number);
    at(&w, 60);
    let late = review_of(&w, &first, w.operator);
    assert_eq!(late.case.bar, Some(Bar::Late));
    let reason = Detail {
        reason: Some("超过复查请求期限".into()),
        ..Detail::default()
    };
    let late = act(&w, w.clerk, &late.case.number, Action::NotAccept, reason).unwrap();
    at(&w, 61);
    let again = review_of(&w, &late, w.operator);
    assert_eq!(
        (again.case.level, again.case.bar),
        (Level::Recheck, Some(Bar::Late))
    );
    let refused = act(
        &w,
        w.clerk,
        &again.case.number,
        Action::Accept,
        Detail::default(),
    );
    assert!(refused.is_err(), "{refused:?}");
}

/// The window counts from the written reply when there is one: a phone answer on 03-02 and a
/// 答复意见书 on 03-20 give until 04-19 (Sunday, moved by §203 to Monday 04-20), so a request
/// on 04-10 is in time although 30 days from the phone call ended on 04-01.
#[test]
fn the_window_counts_from_the_written_reply_not_an_earlier_call() {
    let w = World::new();
    let first = w.intake(w.operator, complaint("路灯不亮", "13812345678"));
    let n = first.case.number.clone();
    answer(&w, &n);
    at(&w, 18);
    let letter = Detail {
        method: Some("letter".into()),
        text: Some("答复意见书已送达".into()),
        ..Detail::default()
    };
    let replied = act(&w, w.clerk, &n, Action::ReplyLetter, letter).unwrap();
    let window = replied
        .clocks
        .iter()
        .find(|k| k.stage == xinfang::domain::deadline::Stage::ReviewWindow)
        .unwrap();
    assert_eq!(window.deadline.to_string(), "2026-04-20");
    at(&w, 39); // 2026-04-10
    let asked = review_of(&w, &replied, w.operator);
    assert_eq!((asked.case.level, asked.case.bar), (Level::Review, None));
}
