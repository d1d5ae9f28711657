//! Notices as events (受理告知、不予受理告知、转送告知、延期告知、答复意见书): the method is a code
//! from the one word list, the content is bounded, `show`, `show --json` and the desk detail list
//! the notices given, and a confidential reporter's identity reaches none of them.

mod common;
#[path = "desk/driver.rs"]
mod driver;
mod shell;

use crossterm::event::KeyCode;

use common::*;
use driver::Driver;
use xinfang::domain::case::{Kind, Notice};
use xinfang::domain::event::{Detail, EventKind};
use xinfang::domain::state::{Action, Refusal};
use xinfang::lang::Lang;
use xinfang::service::error::{Field, Problem};
use xinfang::service::{Request, ServiceError};

fn notice(method: &str, content: &str) -> Detail {
    Detail {
        method: Some(method.into()),
        text: Some(content.into()),
        ..Detail::default()
    }
}

#[test]
fn each_notice_is_an_event_with_a_method_code_and_bounded_content() {
    let w = World::new();
    let v = w.intake(w.operator, complaint("路灯不亮", "13812345678"));
    let n = v.case.number.clone();
    act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    // A label in someone's language is not stored: the desk and the command line send codes.
    let label = act(
        &w,
        w.clerk,
        &n,
        Action::NotifyAccepted,
        notice("电话", "已告知受理"),
    );
    assert_eq!(
        label.err(),
        Some(ServiceError::invalid(Field::Method, Problem::NotFound))
    );
    let long = w.call(
        w.clerk,
        Request::Act {
            case: xinfang::service::api::CaseRef::Number(n.clone()),
            version: w.view(w.admin, &n).unwrap().case.version,
            action: Action::NotifyAccepted,
            detail: notice("phone", &"告".repeat(5_001)),
        },
    );
    assert_eq!(
        long.err(),
        Some(ServiceError::invalid(
            Field::Content,
            Problem::TooLong { max: 5_000 }
        ))
    );
    let v = act(
        &w,
        w.clerk,
        &n,
        Action::NotifyAccepted,
        notice("phone", "已电话告知受理"),
    )
    .unwrap();
    assert_eq!(v.case.notified(Notice::Accepted), Some(v.now));
    let recorded = v.events.iter().any(|e| {
        matches!(&e.event.kind, EventKind::Acted { action: Action::NotifyAccepted, detail, .. }
            if detail.method.as_deref() == Some("phone"))
    });
    assert!(recorded, "{:?}", v.events);

    act(&w, w.clerk, &n, Action::Assign, dept(1)).unwrap();
    let refused = act(
        &w,
        w.clerk,
        &n,
        Action::NotifyExtended,
        notice("letter", "延期"),
    );
    assert!(
        matches!(
            refused,
            Err(ServiceError::Refused(Refusal::GuardFailed { .. }))
        ),
        "no extension, no 延期告知: {refused:?}"
    );
    let ext = Detail {
        days: Some(10),
        reason: Some("需现场勘查".into()),
        ..Detail::default()
    };
    act(&w, w.officer, &n, Action::RequestExtension, ext).unwrap();
    act(
        &w,
        w.leader,
        &n,
        Action::ApproveExtension,
        Detail::default(),
    )
    .unwrap();
    act(
        &w,
        w.clerk,
        &n,
        Action::NotifyExtended,
        notice("letter", "因需现场勘查延期10日"),
    )
    .unwrap();
    act(&w, w.officer, &n, Action::Submit, text("已维修")).unwrap();
    act(&w, w.clerk, &n, Action::Approve, Detail::default()).unwrap();
    let v = act(
        &w,
        w.clerk,
        &n,
        Action::ReplyLetter,
        notice("letter", "苏信复〔2026〕12号"),
    )
    .unwrap();
    let given: Vec<Notice> = v.case.notices.iter().map(|g| g.notice).collect();
    assert_eq!(given, [Notice::Accepted, Notice::Extended, Notice::Reply]);

    let other = w.intake(w.operator, complaint("养犬扰民", "13812345679"));
    act(
        &w,
        w.clerk,
        &other.case.number,
        Action::NotAccept,
        reason("已通过诉讼解决"),
    )
    .unwrap();
    let v = act(
        &w,
        w.clerk,
        &other.case.number,
        Action::NotifyNotAccepted,
        notice("sms", "不予受理"),
    )
    .unwrap();
    assert!(v.case.notified(Notice::NotAccepted).is_some());
    let moved = w.intake(w.operator, complaint("社保缴费", "13812345670"));
    let to = Detail {
        body: Some("市人力资源和社会保障局".into()),
        ..Detail::default()
    };
    act(&w, w.clerk, &moved.case.number, Action::TransferOut, to).unwrap();
    let v = act(
        &w,
        w.clerk,
        &moved.case.number,
        Action::NotifyTransferred,
        notice("online", "已转送人社局"),
    )
    .unwrap();
    assert!(v.case.notified(Notice::Transferred).is_some());

    // Nobody to tell: an anonymous case takes no notice.
    let mut anon = complaint("匿名反映", "");
    anon.complainant.anonymous = true;
    let a = w.intake(w.operator, anon);
    act(
        &w,
        w.clerk,
        &a.case.number,
        Action::Accept,
        Detail::default(),
    )
    .unwrap();
    assert!(
        act(
            &w,
            w.clerk,
            &a.case.number,
            Action::NotifyAccepted,
            notice("phone", "x")
        )
        .is_err()
    );
}

#[test]
fn notices_on_the_command_line_keep_the_code_and_show_lists_them() {
    let cli = shell::Cli::new();
    cli.setup();
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
    cli.ok(&["--as", "clerk", "accept", &n]);
    cli.ok(&[
        "--as",
        "clerk",
        "notify-accepted",
        &n,
        "--method",
        "电话",
        "--content",
        "已电话告知受理",
    ]);
    let err = cli.fails(&[
        "--as",
        "clerk",
        "notify-accepted",
        &n,
        "--method",
        "飞鸽",
        "--content",
        "已告知",
    ]);
    assert!(err.contains("告知方式"), "{err}");
    cli.ok(&["--as", "clerk", "assign", &n, "--dept", "zjj"]);
    cli.ok(&["--as", "zjj1", "submit", &n, "--result", "已更换灯泡"]);
    cli.ok(&["--as", "clerk", "approve", &n]);
    cli.ok(&[
        "--as",
        "clerk",
        "reply-letter",
        &n,
        "--method",
        "书面",
        "--content",
        "苏信复〔2026〕12号",
    ]);
    let show = cli.ok(&["--as", "clerk", "show", &n]);
    let given = show
        .lines()
        .find(|l| l.starts_with("告知 "))
        .unwrap_or_default();
    assert!(
        given.ends_with("受理告知 2026-03-02；答复意见书 2026-03-02"),
        "{show}"
    );
    assert!(
        show.contains("已电话告知受理  电话"),
        "the method in words: {show}"
    );
    let en = cli.ok(&["--lang", "en", "--as", "clerk", "show", &n]);
    assert!(en.contains("  phone") && en.contains("  letter"), "{en}");
    let json = cli.ok(&["--json", "--as", "clerk", "show", &n]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let notices = &v["Case"]["case"]["notices"];
    assert_eq!(notices[0]["notice"], "Accepted");
    assert_eq!(notices[1]["notice"], "Reply");
    let methods: Vec<&str> = v["Case"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["event"]["kind"]["Acted"]["detail"]["method"].as_str())
        .collect();
    assert_eq!(methods, ["phone", "letter"], "codes, never labels");
}

#[test]
fn a_confidential_reporter_is_in_no_new_output_an_officer_sees() {
    let cli = shell::Cli::new();
    cli.setup();
    let n = cli.add(&[
        "--kind",
        "report",
        "--confidential",
        "--name",
        "李秘密",
        "--phone",
        "13987654321",
        "--subject",
        "举报城管执法人员吃拿卡要",
        "--content",
        "执法人员索要好处费。",
        "--accused",
        "城市管理综合执法局",
    ]);
    cli.ok(&["--as", "clerk", "accept", &n]);
    cli.ok(&[
        "--as",
        "clerk",
        "notify-accepted",
        &n,
        "--method",
        "phone",
        "--content",
        "已电话告知受理",
    ]);
    cli.ok(&["--as", "clerk", "assign", &n, "--dept", "zjj"]);
    cli.ok(&[
        "--as",
        "clerk",
        "mark-important",
        &n,
        "--reason",
        "反映执法问题",
    ]);
    cli.ok(&["--as", "clerk", "send-instruction", &n]);
    cli.ok(&["--as", "zjj1", "submit", &n, "--result", "已核查"]);
    cli.ok(&["--as", "clerk", "approve", &n]);
    cli.ok(&[
        "--as",
        "clerk",
        "reply-letter",
        &n,
        "--method",
        "letter",
        "--content",
        "苏信复〔2026〕13号",
    ]);
    let review = cli.ok(&[
        "--as",
        "clerk",
        "review-request",
        &n,
        "--content",
        "对答复不服，请求复查",
    ]);
    let r = review
        .lines()
        .find_map(|l| l.strip_prefix("案件编号："))
        .unwrap()
        .to_string();
    cli.ok(&["--as", "clerk", "accept", &r]);
    cli.ok(&["--as", "clerk", "assign", &r, "--dept", "zjj"]);
    for number in [&n, &r] {
        for args in [
            vec!["--as", "zjj1", "show", number.as_str()],
            vec!["--as", "zjj1", "--json", "show", number.as_str()],
            vec!["--as", "zjj1", "--lang", "en", "show", number.as_str()],
        ] {
            let out = cli.ok(&args);
            assert!(
                !out.contains("李秘密") && !out.contains("13987654321") && !out.contains("4321"),
                "{args:?}: {out}"
            );
        }
    }
    let clerk = cli.ok(&["--as", "clerk", "show", &r]);
    assert!(
        clerk.contains("李秘密"),
        "the clerk sees the reporter: {clerk}"
    );
}

#[test]
fn the_desk_detail_shows_level_bar_pending_instruction_and_notices() {
    let w = World::new();
    let v = w.intake(w.operator, complaint("楼道灯不亮", "13812345678"));
    let n = v.case.number.clone();
    accept_and_assign(&w, &n, 1);
    act(&w, w.officer, &n, Action::Submit, text("已维修")).unwrap();
    act(&w, w.clerk, &n, Action::Approve, Detail::default()).unwrap();
    let first = act(
        &w,
        w.clerk,
        &n,
        Action::ReplyLetter,
        notice("letter", "苏信复〔2026〕12号"),
    )
    .unwrap();
    // 31 days after the reply: the window (03-02 + 30 = 04-01) has closed.
    w.clock
        .set(xinfang::domain::time::Timestamp(MONDAY_0900 + 31 * DAY));
    let mut i = complaint("楼道灯不亮", "13812345678");
    i.review_of = Some(first.case.id);
    i.content = "请求复查".into();
    let late = w.intake(w.clerk, i);
    let mut d = Driver::new(&w, w.clerk, Lang::Zh, (140, 60));
    // The clerk's inbox: the untriaged late request.
    d.key(KeyCode::Enter);
    let screen = d.screen(140, 60);
    assert!(screen.contains(&late.case.number), "{screen}");
    assert!(
        screen.contains("办理层级") && screen.contains("复查"),
        "{screen}"
    );
    assert!(
        screen.contains("不予受理事由") && screen.contains("第三十五条"),
        "{screen}"
    );

    let mut report = complaint("举报某局长收受礼金", "13900001111");
    report.kind = Kind::Report;
    report.complainant.confidential = true;
    report.complainant.name = "李秘密".into();
    let r = w.intake(w.operator, report);
    assert_eq!(r.case.intake.important.as_deref(), Some("反映领导干部问题"));
    act(
        &w,
        w.clerk,
        &r.case.number,
        Action::Accept,
        Detail::default(),
    )
    .unwrap();
    act(
        &w,
        w.leader,
        &r.case.number,
        Action::ApproveImportant,
        text("同意"),
    )
    .unwrap();
    act(
        &w,
        w.clerk,
        &r.case.number,
        Action::NotifyAccepted,
        notice("sms", "已告知受理"),
    )
    .unwrap();
    act(&w, w.clerk, &r.case.number, Action::Assign, dept(1)).unwrap();
    act(
        &w,
        w.clerk,
        &r.case.number,
        Action::SendForInstruction,
        Detail::default(),
    )
    .unwrap();
    let mut d = Driver::new(&w, w.officer, Lang::Zh, (140, 60));
    d.key(KeyCode::Enter);
    let screen = d.screen(140, 60);
    assert!(screen.contains("反映领导干部问题"), "{screen}");
    assert!(screen.contains("待阅批"), "{screen}");
    assert!(screen.contains("受理告知 2026-"), "{screen}");
    assert!(
        screen.contains("短信"),
        "the method in the reader's words: {screen}"
    );
    assert!(
        !screen.contains("李秘密") && !screen.contains("1111"),
        "{screen}"
    );
}

/// Feedback keeps its method as a code like the notices: a label is refused at the service,
/// the code is stored and worded in each reader's language; a label an older build stored is
/// shown as it was written.
#[test]
fn feedback_keeps_the_method_code_and_an_older_label_still_reads() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("路灯不亮", "13812345678"))
        .case
        .number;
    accept_and_assign(&w, &n, 1);
    act(&w, w.officer, &n, Action::Submit, text("已维修")).unwrap();
    act(&w, w.clerk, &n, Action::Approve, Detail::default()).unwrap();
    let label = act(&w, w.clerk, &n, Action::Feedback, notice("电话", "已告知"));
    assert!(
        matches!(
            label,
            Err(ServiceError::Invalid {
                field: Field::Method,
                problem: Problem::NotFound
            })
        ),
        "{label:?}"
    );
    let v = act(&w, w.clerk, &n, Action::Feedback, notice("phone", "已告知")).unwrap();
    assert_eq!(v.case.feedback.as_ref().unwrap().method, "phone");
    assert_eq!(
        xinfang::lang::describe::method(Lang::Zh.words(), "phone"),
        "电话"
    );
    assert_eq!(
        xinfang::lang::describe::method(Lang::En.words(), "phone"),
        "phone"
    );
    assert_eq!(
        xinfang::lang::describe::method(Lang::En.words(), "书面"),
        "书面"
    );
}
