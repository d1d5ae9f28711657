//! Important letters (重要信访事项, 领导阅批): the policy's rules flag a case at intake, the rules
//! are edited within bounds, a clerk marks a case later, and 阅批 reaches any stage after
//! acceptance.

mod common;
mod shell;

use common::*;
use xinfang::domain::case::{Channel, Kind};
use xinfang::domain::deadline::Policy;
use xinfang::domain::event::{Detail, EventKind};
use xinfang::domain::important::{ImportantRule, ImportantWhen};
use xinfang::domain::state::{Action, Refusal, State};
use xinfang::service::error::{Field, Problem};
use xinfang::service::{Reply, Request, ServiceError};

fn policy(w: &World) -> Policy {
    match w.call(w.admin, Request::Settings) {
        Ok(Reply::Settings(s)) => s.policy,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_seeds_list_flags_a_case_the_operator_did_not_mark() {
    let w = World::new();
    let mut handed_down = complaint("拖欠工程款", "13812345678");
    handed_down.channel = Channel::Superior;
    let mut joint = complaint("小区违建", "13812345679");
    joint.complainant.head_count = 6;
    let mut cadre = complaint("举报某局长收受礼金", "13812345670");
    cadre.kind = Kind::Report;
    let plain = complaint("路灯不亮", "13812345671");
    let mut marked = complaint("拖欠工程款", "13812345672");
    marked.channel = Channel::Superior;
    marked.important = Some("市领导批示件".into());
    let flags: Vec<Option<String>> = [handed_down, joint, cadre, plain, marked]
        .into_iter()
        .map(|i| w.intake(w.operator, i).case.intake.important)
        .collect();
    assert_eq!(
        flags,
        [
            Some("上级交办".to_string()),
            Some("集体联名".to_string()),
            Some("反映领导干部问题".to_string()),
            None,
            // The operator's own reasons are kept as given.
            Some("市领导批示件".to_string()),
        ]
    );
    // A complaint (not a report) naming a 局长 is not a report against a leading cadre.
    let v = w.intake(w.operator, complaint("局长热线无人接听", "13812345673"));
    assert_eq!(v.case.intake.important, None);
    // Flagged, acceptance waits for a leader's approval.
    let v = w.intake(w.operator, {
        let mut i = complaint("拖欠工程款", "13812345674");
        i.channel = Channel::Superior;
        i
    });
    let v = act(
        &w,
        w.clerk,
        &v.case.number,
        Action::Accept,
        Detail::default(),
    )
    .unwrap();
    assert_eq!(v.case.state, State::AwaitingApproval);
}

#[test]
fn edited_rules_apply_and_are_bounded() {
    let w = World::new();
    let mut p = policy(&w);
    p.important = vec![ImportantRule {
        when: ImportantWhen::Words {
            kind: None,
            words: vec![" 燃气 ".into(), "".into(), "燃气".into(), "爆炸".into()],
        },
        reason: " 安全隐患 ".into(),
    }];
    let Ok(Reply::Settings(s)) = w.call(w.admin, Request::SetPolicy(p.clone())) else {
        panic!()
    };
    assert_eq!(
        s.policy.important[0].when,
        ImportantWhen::Words {
            kind: None,
            words: vec!["燃气".into(), "爆炸".into()]
        },
        "words cleaned, blank and repeated ones dropped"
    );
    assert_eq!(s.policy.important[0].reason, "安全隐患");
    let v = w.intake(w.operator, complaint("燃气管道漏气", "13812345678"));
    assert_eq!(v.case.intake.important.as_deref(), Some("安全隐患"));
    let mut superior = complaint("拖欠工程款", "13812345679");
    superior.channel = Channel::Superior;
    assert_eq!(
        w.intake(w.operator, superior).case.intake.important,
        None,
        "the seeds' rules were replaced"
    );

    let refused = |p: Policy| match w.call(w.admin, Request::SetPolicy(p)) {
        Err(ServiceError::Invalid { field, problem }) => (field, problem),
        other => panic!("{other:?}"),
    };
    let rule = |reason: &str, words: Vec<String>| ImportantRule {
        when: ImportantWhen::Words { kind: None, words },
        reason: reason.into(),
    };
    let mut many = p.clone();
    many.important = vec![rule("安全隐患", vec!["燃气".into()]); 51];
    assert_eq!(
        refused(many),
        (Field::Important, Problem::TooMany { max: 50 })
    );
    let mut long_word = p.clone();
    long_word.important = vec![rule("安全隐患", vec!["燃".repeat(21)])];
    assert_eq!(
        refused(long_word),
        (Field::Important, Problem::TooLong { max: 20 })
    );
    let mut many_words = p.clone();
    many_words.important = vec![rule(
        "安全隐患",
        (0..51).map(|n| format!("词{n}")).collect(),
    )];
    assert_eq!(
        refused(many_words),
        (Field::Important, Problem::TooMany { max: 50 })
    );
    let mut long_reason = p.clone();
    long_reason.important = vec![rule(&"重".repeat(101), vec!["燃气".into()])];
    assert_eq!(
        refused(long_reason),
        (Field::Important, Problem::TooLong { max: 100 })
    );
    let mut no_reason = p.clone();
    no_reason.important = vec![rule("  ", vec!["燃气".into()])];
    assert_eq!(refused(no_reason), (Field::Important, Problem::Empty));
    let mut everyone = p.clone();
    everyone.important = vec![ImportantRule {
        when: ImportantWhen::Collective { at_least: 1 },
        reason: "集体访".into(),
    }];
    assert!(matches!(
        refused(everyone),
        (Field::Important, Problem::OutOfRange { min: 2, .. })
    ));
}

#[test]
fn a_clerk_marks_a_case_in_progress_and_a_leader_instructs_after_acceptance() {
    let w = World::new();
    let v = w.intake(w.operator, complaint("路灯不亮", "13812345678"));
    let n = v.case.number.clone();
    accept_and_assign(&w, &n, 1);
    let refused = act(&w, w.officer, &n, Action::MarkImportant, reason("媒体关注"));
    assert!(
        matches!(
            refused,
            Err(ServiceError::Refused(Refusal::RoleMayNot { .. }))
        ),
        "{refused:?}"
    );
    let v = act(&w, w.clerk, &n, Action::MarkImportant, reason("媒体关注")).unwrap();
    assert_eq!(v.case.intake.important.as_deref(), Some("媒体关注"));
    assert_eq!(v.case.state, State::InProgress);
    let marked = v.events.iter().any(|e| {
        matches!(&e.event.kind, EventKind::Acted { action: Action::MarkImportant, detail, .. }
            if detail.reason.as_deref() == Some("媒体关注"))
    });
    assert!(marked, "the flag is an event with its reasons");

    let v = act(
        &w,
        w.clerk,
        &n,
        Action::SendForInstruction,
        Detail::default(),
    )
    .unwrap();
    assert!(v.case.instruction_pending);
    assert!(
        !v.actions.contains(&Action::SendForInstruction),
        "sent once"
    );
    let refused = act(&w, w.clerk, &n, Action::Instruct, text("从速办理"));
    assert!(refused.is_err(), "only a leader instructs");
    let v = act(
        &w,
        w.leader,
        &n,
        Action::Instruct,
        text("从速办理，一周内回复"),
    )
    .unwrap();
    assert!(!v.case.instruction_pending);
    assert_eq!(v.case.instruction.as_deref(), Some("从速办理，一周内回复"));

    // Once resolved, it may be sent again.
    act(&w, w.officer, &n, Action::Submit, text("已维修")).unwrap();
    act(&w, w.clerk, &n, Action::Approve, Detail::default()).unwrap();
    let v = act(
        &w,
        w.clerk,
        &n,
        Action::SendForInstruction,
        Detail::default(),
    )
    .unwrap();
    assert_eq!(v.case.state, State::Resolved);
    assert!(v.case.instruction_pending);
}

#[test]
fn policy_important_on_the_command_line_and_the_flag_in_show() {
    let cli = shell::Cli::new();
    cli.setup();
    let list = cli.ok(&["policy", "important", "list"]);
    assert!(
        list.contains("1. 来源：上级交办") && list.contains("→ 上级交办"),
        "{list}"
    );
    assert!(list.contains("4. "), "the seeds' four rules: {list}");
    let added = cli.ok(&[
        "policy",
        "important",
        "add",
        "--words",
        "燃气,爆炸",
        "--reason",
        "安全隐患",
    ]);
    assert!(
        added.contains("5. 事由或内容含：燃气、爆炸  → 安全隐患"),
        "{added}"
    );
    let removed = cli.ok(&["policy", "important", "remove", "1"]);
    assert!(!removed.contains("上级交办"), "{removed}");
    assert!(removed.contains("4. 事由或内容含：燃气、爆炸"), "{removed}");
    let err = cli.fails(&["policy", "important", "remove", "9"]);
    assert!(err.contains("没有第 9 条规则"), "{err}");
    let err = cli.fails(&[
        "policy",
        "important",
        "add",
        "--words",
        &"燃".repeat(21),
        "--reason",
        "安全隐患",
    ]);
    assert!(err.contains("重要原因") && err.contains("20"), "{err}");

    let n = cli.add(&[
        "--name",
        "张三",
        "--subject",
        "燃气管道漏气",
        "--content",
        "楼道里有燃气味",
    ]);
    let show = cli.ok(&["--as", "clerk", "show", &n]);
    assert!(show.contains("安全隐患"), "{show}");
    cli.ok(&["--as", "clerk", "accept", &n]);
    cli.ok(&[
        "--as",
        "leader",
        "approve-important",
        &n,
        "--instruction",
        "同意受理",
    ]);
    cli.ok(&["--as", "clerk", "assign", &n, "--dept", "zjj"]);
    cli.ok(&[
        "--as",
        "clerk",
        "mark-important",
        &n,
        "--reason",
        "安全隐患；媒体关注",
    ]);
    cli.ok(&["--as", "clerk", "send-instruction", &n]);
    // The timeline also says 待阅批 (the state an important case waits in before acceptance):
    // the field line is what tells the 阅批 is awaited now.
    let pending = |show: &str| {
        show.lines()
            .any(|l| l.starts_with("领导批示") && l.contains("待阅批"))
    };
    let show = cli.ok(&["--as", "zjj1", "show", &n]);
    assert!(pending(&show) && show.contains("媒体关注"), "{show}");
    cli.ok(&[
        "--as",
        "leader",
        "instruct",
        &n,
        "--instruction",
        "请住建局三日内排查",
    ]);
    let show = cli.ok(&["--as", "zjj1", "show", &n]);
    assert!(
        !pending(&show) && show.contains("请住建局三日内排查"),
        "{show}"
    );
}
