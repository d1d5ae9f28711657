//! Documents' templates (issue 15): every shipped template renders for a case in every state
//! and every preset, in Chinese; the kinds a case calls for say what the law asks of them; a
//! confidential reporter's identity is on no sheet for a department; the same facts give the
//! same text; an administrator's broken template is reported with its file and line.

mod common;

use common::*;
use xinfang::domain::case::{Kind, Level, Satisfaction};
use xinfang::domain::deadline::Policy;
use xinfang::domain::document::{DocKind, serial};
use xinfang::domain::event::Detail;
use xinfang::domain::method::Method;
use xinfang::domain::presets::PRESETS;
use xinfang::domain::state::{Action, State};
use xinfang::domain::time::{Timestamp, Zone};
use xinfang::lang::Lang;
use xinfang::service::api::{CaseRef, CaseView};
use xinfang::service::documents::context::{self, DocContext, IssueFacts};
use xinfang::service::documents::templates::{TemplateProblem, Templates};
use xinfang::service::{Request, ServiceError};

const ORG: &str = "苏州市信访局";

fn step(w: &World, who: xinfang::service::Actor, n: &str, a: Action, d: Detail) {
    if let Err(e) = act(w, who, n, a, d) {
        panic!("{a:?} on {n}: {e:?}");
    }
}

fn feedback() -> Detail {
    Detail {
        method: Some("letter".into()),
        text: Some("已书面答复信访人：路灯已修复".into()),
        ..Detail::default()
    }
}

/// A case walked into each state the workflow has, and into 复查 and 复核, under `preset`.
fn cases(preset: &str) -> (World, Vec<CaseView>) {
    let w = World::new();
    let policy = Policy::preset(preset).unwrap();
    w.call(w.admin, Request::SetPolicy(policy)).unwrap();
    w.call(
        w.admin,
        Request::SetOrganisation {
            name: ORG.into(),
            prefix: "XF".into(),
        },
    )
    .unwrap();
    let new = |subject: &str, phone: &str| {
        w.intake(w.operator, complaint(subject, phone))
            .case
            .number
            .clone()
    };
    let mut numbers = Vec::new();
    numbers.push(new("路灯不亮", "13812345601"));
    let n = {
        let mut i = complaint("小区违建", "13812345602");
        i.important = Some("涉及群体利益".into());
        w.intake(w.operator, i).case.number
    };
    step(&w, w.clerk, &n, Action::Accept, Detail::default());
    numbers.push(n);
    let n = new("噪音扰民", "13812345603");
    step(&w, w.clerk, &n, Action::Accept, Detail::default());
    numbers.push(n);
    // In progress, with an approved extension and its reason.
    let n = new("道路破损", "13812345604");
    accept_and_assign(&w, &n, 1);
    let ext = Detail {
        days: Some(10),
        reason: Some("需会同多个部门现场核查".into()),
        ..Detail::default()
    };
    if act(&w, w.officer, &n, Action::RequestExtension, ext).is_ok() {
        step(
            &w,
            w.leader,
            &n,
            Action::ApproveExtension,
            Detail::default(),
        );
    }
    numbers.push(n);
    let through = |subject: &str, phone: &str, last: Action| {
        let n = new(subject, phone);
        accept_and_assign(&w, &n, 1);
        let steps = [
            (
                w.officer,
                Action::Submit,
                text("经核查，路灯线路老化，已更换并恢复照明"),
            ),
            (w.clerk, Action::Approve, Detail::default()),
            (w.clerk, Action::Feedback, feedback()),
            (
                w.clerk,
                Action::FollowUp,
                Detail {
                    satisfaction: Some(Satisfaction::Satisfied),
                    ..Detail::default()
                },
            ),
            (w.clerk, Action::Archive, Detail::default()),
        ];
        for (who, a, d) in steps {
            step(&w, who, &n, a, d);
            if a == last {
                break;
            }
        }
        n
    };
    for (i, last) in [
        Action::Submit,
        Action::Approve,
        Action::Feedback,
        Action::FollowUp,
        Action::Archive,
    ]
    .into_iter()
    .enumerate()
    {
        numbers.push(through("路灯不亮", &format!("1390000000{i}"), last));
    }
    let n = new("邻里纠纷", "13812345605");
    step(
        &w,
        w.clerk,
        &n,
        Action::NotAccept,
        reason("属于民事纠纷，应通过人民调解或诉讼解决"),
    );
    numbers.push(n);
    let n = new("社保缴费", "13812345606");
    let to = Detail {
        body: Some("市人力资源和社会保障局".into()),
        ..Detail::default()
    };
    step(&w, w.clerk, &n, Action::TransferOut, to);
    numbers.push(n);
    let n = new("路灯不亮（重复）", "13812345607");
    let target = w.view(w.admin, &numbers[0]).unwrap().case.id;
    let into = Detail {
        target: Some(target),
        ..Detail::default()
    };
    step(&w, w.clerk, &n, Action::Merge, into);
    numbers.push(n);
    // A confidential report on a department, being handled by another one.
    let mut i = complaint("举报城管执法人员收受好处费", "13700002222");
    i.kind = Kind::Report;
    i.complainant.name = "李秘密".into();
    i.complainant.confidential = true;
    i.accused_unit = Some("城市管理综合执法局某中队".into());
    let n = w.intake(w.operator, i).case.number;
    accept_and_assign(&w, &n, 1);
    step(&w, w.leader, &n, Action::Urge, text("请加快办理"));
    numbers.push(n);
    // 复查 of an answered case, then 复核 of the 复查.
    let answered = w.view(w.admin, &numbers[6]).unwrap();
    let mut review = answered.clone();
    for level in [Level::Review, Level::Recheck] {
        let mut i = xinfang::domain::case::Intake::new(
            xinfang::domain::case::Channel::Letter,
            Kind::Complaint,
            Default::default(),
            review.case.intake.subject.clone(),
            "对处理意见不服，请求复查",
        );
        i.review_of = Some(review.case.id);
        let v = w.intake(w.operator, i);
        assert_eq!(v.case.level, level, "{preset}");
        let n = v.case.number.clone();
        accept_and_assign(&w, &n, 1);
        step(
            &w,
            w.officer,
            &n,
            Action::Submit,
            text("经复查，原处理意见正确，予以维持"),
        );
        step(&w, w.clerk, &n, Action::Approve, Detail::default());
        review = act(&w, w.clerk, &n, Action::Feedback, feedback()).unwrap();
        numbers.push(n);
    }
    let views = numbers
        .iter()
        .map(|n| *w.view(w.clerk, n).unwrap())
        .collect();
    (w, views)
}

/// Issued on Wednesday 2026-12-02, whatever the service's clock says.
fn facts(kind: DocKind) -> IssueFacts {
    IssueFacts {
        kind,
        serial: serial("苏信告", 2026, 15),
        method: Method::Letter,
        at: Timestamp(1_796_176_800),
        zone: Zone::default(),
    }
}

fn ctx(v: &CaseView, preset: &str, kind: DocKind) -> DocContext {
    let policy = Policy::preset(preset).unwrap();
    context::build(v, ORG, &policy, &facts(kind), Lang::Zh.words())
}

/// Whether `kind` is issued for the case as it stands: its states, and for a notice its
/// action's rule for the clerk who issues it.
fn applies(kind: DocKind, v: &CaseView) -> bool {
    kind.fits(&v.case) && kind.notice_action().is_none_or(|a| v.actions.contains(&a))
}

#[test]
fn every_template_renders_for_every_state_and_preset_in_chinese() {
    let templates = Templates::load(None);
    let mut applied = std::collections::BTreeSet::new();
    let mut states = std::collections::BTreeSet::new();
    for preset in PRESETS {
        let (_w, views) = cases(preset);
        for v in &views {
            states.insert(format!("{:?}", v.case.state));
            for kind in DocKind::ALL {
                let text = templates
                    .render(preset, *kind, &ctx(v, preset, *kind))
                    .unwrap_or_else(|e| panic!("{preset} {kind:?} {:?}: {e}", v.case.state));
                assert!(text.starts_with("# "), "{text}");
                assert!(text.contains(&v.case.number), "{preset} {kind:?}\n{text}");
                assert!(text.contains(ORG), "{preset} {kind:?}\n{text}");
                assert!(!text.contains("none"), "a missing value printed: {text}");
                for line in text.lines() {
                    assert!(!line.contains("{{") && !line.contains("{%"), "{line}");
                    assert!(
                        !line.starts_with('|') || line.ends_with('|'),
                        "a table row ends its last cell: {line}"
                    );
                }
                if applies(*kind, v) {
                    applied.insert(*kind);
                    assert!(text.contains("2026年12月2日"), "dated by the issue: {text}");
                }
            }
        }
    }
    assert_eq!(applied.len(), DocKind::ALL.len(), "{applied:?}");
    assert_eq!(states.len(), State::ALL.len(), "{states:?}");
}

fn find(views: &[CaseView], f: impl Fn(&CaseView) -> bool) -> &CaseView {
    views.iter().find(|v| f(v)).expect("such a case")
}

#[test]
fn government_documents_say_what_the_regulation_asks() {
    let t = Templates::load(None);
    let (_w, views) = cases("government");
    let render = |v: &CaseView, kind| {
        t.render("government", kind, &ctx(v, "government", kind))
            .unwrap()
    };
    let accepted = find(&views, |v| v.case.state == State::Accepted);
    let text = render(accepted, DocKind::AcceptanceNotice);
    assert!(text.contains("第二十二条"), "{text}");
    assert!(text.contains("自受理之日起60日"), "{text}");
    assert!(
        text.lines().any(|l| l == "张三："),
        "the addressee, a line of its own: {text}"
    );
    let receipt = render(accepted, DocKind::Receipt);
    assert!(receipt.lines().any(|l| l == "---"), "a cut line: {receipt}");
    assert!(receipt.contains("存根"), "{receipt}");
    let extended = find(&views, |v| v.case.extension_days > 0);
    let text = render(extended, DocKind::ExtensionNotice);
    assert!(text.contains("需会同多个部门现场核查"), "{text}");
    assert!(
        text.contains("延长10日") && text.contains("第三十四条"),
        "{text}"
    );
    let not = find(&views, |v| v.case.state == State::NotAccepted);
    let text = render(not, DocKind::NotAcceptedNotice);
    assert!(
        text.contains("人民调解") && text.contains("不予受理"),
        "{text}"
    );
    let moved = find(&views, |v| v.case.state == State::TransferredOut);
    let text = render(moved, DocKind::TransferNotice);
    assert!(text.contains("市人力资源和社会保障局"), "{text}");
    let resolved = find(&views, |v| {
        v.case.state == State::Resolved && v.case.level == Level::First
    });
    let text = render(resolved, DocKind::Reply);
    assert!(text.contains("已更换并恢复照明"), "{text}");
    assert!(
        text.contains("30日内") && text.contains("复查") && text.contains("第三十五条"),
        "{text}"
    );
    let review = find(&views, |v| v.case.level == Level::Review);
    let text = render(review, DocKind::ReviewOpinion);
    assert!(text.contains("复核") && text.contains("30日内"), "{text}");
    let recheck = find(&views, |v| v.case.level == Level::Recheck);
    let text = render(recheck, DocKind::RecheckOpinion);
    assert!(text.contains("终结") && text.contains("不再受理"), "{text}");
    let form = render(accepted, DocKind::RegisterForm);
    assert!(
        form.lines().any(|l| l.starts_with("| 信访人签字 |")),
        "{form}"
    );
    let sheet = render(extended, DocKind::AssignmentSheet);
    assert!(
        sheet.contains("住房和城乡建设局：") && sheet.contains("办结期限"),
        "{sheet}"
    );
    let reported = find(&views, |v| v.case.intake.complainant.confidential);
    let urge = render(reported, DocKind::UrgeSheet);
    assert!(
        urge.contains("办理期限为自受理之日起60日") && urge.contains("累计督办1次"),
        "the department's own clock: {urge}"
    );
    let followed = find(&views, |v| v.case.state == State::FollowedUp);
    let text = render(followed, DocKind::FollowUpRecord);
    assert!(text.contains("| 满意程度 | 满意 |"), "{text}");
}

#[test]
fn a_preset_words_its_own_receipt() {
    let t = Templates::load(None);
    let (_w, views) = cases("government");
    let v = &views[0];
    for (preset, words) in [
        ("hospital", "患者投诉受理回执"),
        ("telecom", "投诉受理单据"),
        ("school", "家长"),
        ("kindergarten", "家长"),
        ("enterprise", "客户"),
        ("court", "信访事项受理回执"),
    ] {
        let text = t
            .render(preset, DocKind::Receipt, &ctx(v, preset, DocKind::Receipt))
            .unwrap();
        assert!(text.contains(words), "{preset}: {text}");
        let addressee = ["张三：", "尊敬的张三家长：", "尊敬的张三："];
        assert!(
            text.lines().any(|l| addressee.contains(&l)) || preset == "telecom",
            "{preset}: the addressee, a line of its own: {text}"
        );
        assert!(text.contains(&v.case.number), "{preset}: {text}");
    }
}

#[test]
fn no_sheet_for_a_department_carries_a_confidential_reporters_identity() {
    let t = Templates::load(None);
    for preset in ["government", "hospital", "enterprise"] {
        let (w, views) = cases(preset);
        let v = find(&views, |v| v.case.intake.complainant.confidential);
        // The issuer sees the identity; the sheet still does not carry it.
        let full = w.view(w.admin, &v.case.number).unwrap();
        assert!(!full.identity_hidden);
        let revealed = |field| match w.call(
            w.leader,
            Request::Reveal {
                case: CaseRef::Number(v.case.number.clone()),
                field,
            },
        ) {
            Ok(xinfang::service::Reply::Revealed(s)) => s,
            other => panic!("{other:?}"),
        };
        use xinfang::domain::event::PersonalField;
        let secrets = [
            "李秘密".to_string(),
            "13700002222".into(),
            v.case.intake.complainant.phone.clone(),
            "11010519491231002X".into(),
            v.case.intake.complainant.id_number.clone(),
            "人民路128号".into(),
            revealed(PersonalField::Phone),
        ];
        for kind in DocKind::ALL.iter().filter(|k| k.for_department()) {
            let text = t.render(preset, *kind, &ctx(v, preset, *kind)).unwrap();
            for s in secrets.iter().filter(|s| !s.is_empty()) {
                assert!(
                    !text.contains(s.as_str()),
                    "{preset} {kind:?} holds {s}:\n{text}"
                );
            }
            assert!(text.contains("保密"), "{text}");
        }
        // A notice to the reporter names them.
        let text = t
            .render(preset, DocKind::Receipt, &ctx(v, preset, DocKind::Receipt))
            .unwrap();
        assert!(text.contains("李秘密"), "{text}");
    }
}

#[test]
fn the_same_facts_give_byte_identical_text() {
    let t = Templates::load(None);
    let (w, views) = cases("government");
    for v in &views {
        for kind in DocKind::ALL {
            let a = t
                .render("government", *kind, &ctx(v, "government", *kind))
                .unwrap();
            // Later, on another clock, from a view made again: the same document.
            w.clock.advance(3 * DAY);
            let again = w.view(w.clerk, &v.case.number).unwrap();
            let b = Templates::load(None)
                .render("government", *kind, &ctx(&again, "government", *kind))
                .unwrap();
            if again.clocks == v.clocks {
                assert_eq!(a, b, "{kind:?}");
            }
            let c = t
                .render("government", *kind, &ctx(v, "government", *kind))
                .unwrap();
            assert_eq!(a.as_bytes(), c.as_bytes());
        }
    }
}

#[test]
fn an_administrators_broken_template_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("acceptance-notice.j2"),
        "# 受理告知书\n\n{{ case.name }}：\n您的编号是{{ case.numbr }}。\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("reply.j2"),
        "# 答复意见书\n{% if case.result %}\n{{ case.result }\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("receipt.j2"),
        "# 本单位的回执\n编号：{{ case.number }}\n",
    )
    .unwrap();
    let t = Templates::load(Some(dir.path()));
    let problems = t.problems();
    assert_eq!(
        problems.len(),
        1,
        "only the syntax error is known before rendering"
    );
    assert_eq!(
        (problems[0].line, problems[0].problem),
        (Some(3), TemplateProblem::Syntax)
    );
    let (_w, views) = cases("government");
    let v = &views[2];
    let e = t
        .render(
            "government",
            DocKind::AcceptanceNotice,
            &ctx(v, "government", DocKind::AcceptanceNotice),
        )
        .unwrap_err();
    assert!(e.file.ends_with("acceptance-notice.j2"), "{e:?}");
    assert_eq!(
        (e.line, e.problem),
        (Some(4), TemplateProblem::UnknownField),
        "{e:?}"
    );
    assert_eq!(e.field.as_deref(), Some("case.numbr"), "{e:?}");
    let zh = Lang::Zh.words().error(&ServiceError::Template(e.clone()));
    assert!(
        zh.contains("acceptance-notice.j2 第4行") && zh.contains("case.numbr"),
        "{zh}"
    );
    let en = Lang::En.words().error(&ServiceError::Template(e));
    assert!(en.contains("line 4") && en.contains("case.numbr"), "{en}");
    let e = t
        .render(
            "government",
            DocKind::Reply,
            &ctx(v, "government", DocKind::Reply),
        )
        .unwrap_err();
    assert!(e.file.ends_with("reply.j2"), "{e:?}");
    assert_eq!(
        (e.line, e.problem),
        (Some(3), TemplateProblem::Syntax),
        "{e:?}"
    );
    // The administrator's receipt is used; every other kind still renders the shipped one.
    let text = t
        .render(
            "hospital",
            DocKind::Receipt,
            &ctx(v, "hospital", DocKind::Receipt),
        )
        .unwrap();
    assert_eq!(text, format!("# 本单位的回执\n编号：{}\n", v.case.number));
    let text = t
        .render(
            "government",
            DocKind::TransferNotice,
            &ctx(v, "government", DocKind::TransferNotice),
        )
        .unwrap();
    assert!(text.contains("转送告知书"), "{text}");
}

#[test]
fn every_field_a_template_may_use_is_documented() {
    let doc = include_str!("../templates/FIELDS.md");
    let (_w, views) = cases("government");
    let v = find(&views, |v| v.case.extension_days > 0);
    let json = serde_json::to_value(ctx(v, "government", DocKind::UrgeSheet)).unwrap();
    let mut missing = Vec::new();
    let mut need = |name: String| {
        if !doc.contains(&format!("`{name}`")) {
            missing.push(name);
        }
    };
    for (top, value) in json.as_object().unwrap() {
        match (top.as_str(), value) {
            ("clocks", serde_json::Value::Object(stages)) => {
                for (stage, clock) in stages {
                    need(stage.clone());
                    if let Some(clock) = clock.as_object() {
                        clock.keys().for_each(|k| need(k.clone()));
                    }
                }
            }
            ("due", _) => need("due".into()),
            (_, serde_json::Value::Object(fields)) => {
                for (k, sub) in fields {
                    match sub.as_object() {
                        Some(inner) => inner.keys().for_each(|i| need(format!("{top}.{k}.{i}"))),
                        None => need(format!("{top}.{k}")),
                    }
                }
            }
            _ => need(top.clone()),
        }
    }
    assert!(
        missing.is_empty(),
        "not in templates/FIELDS.md: {missing:?}"
    );
}

#[test]
fn the_templates_can_be_shared_by_the_services_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Templates>();
}

#[test]
fn text_from_a_case_never_becomes_markup() {
    let w = World::new();
    let mut i = complaint("井盖缺失", "13812345699");
    i.content = "# 假标题\n| 假 | 表 |\n---".into();
    let n = w.intake(w.operator, i).case.number;
    accept_and_assign(&w, &n, 1);
    act(&w, w.officer, &n, Action::Submit, text("> 假落款\n已修复")).unwrap();
    act(&w, w.clerk, &n, Action::Approve, Detail::default()).unwrap();
    let v = w.view(w.clerk, &n).unwrap();
    let t = Templates::load(None);
    let reply = t
        .render(
            "government",
            DocKind::Reply,
            &ctx(&v, "government", DocKind::Reply),
        )
        .unwrap();
    assert!(reply.lines().any(|l| l == "＞ 假落款"), "{reply}");
    assert!(
        !reply
            .lines()
            .any(|l| l.contains("假落款") && l.starts_with('>'))
    );
    let sheet = t
        .render(
            "government",
            DocKind::AssignmentSheet,
            &ctx(&v, "government", DocKind::AssignmentSheet),
        )
        .unwrap();
    assert!(
        sheet
            .lines()
            .any(|l| l == "| 主要内容 | ＃ 假标题 ｜ 假 ｜ 表 ｜ －-- |"),
        "{sheet}"
    );
    assert!(
        !sheet.lines().any(|l| l == "---" || l.starts_with("# 假")),
        "{sheet}"
    );
}

#[test]
fn every_kind_a_demo_case_calls_for_renders() {
    let w = World::new();
    w.call(
        w.admin,
        Request::LoadDemo {
            cases: 400,
            seed: 3,
        },
    )
    .unwrap();
    let t = Templates::load(None);
    let mut states = std::collections::BTreeSet::new();
    let mut kinds = std::collections::BTreeSet::new();
    for id in 1..=400u64 {
        let v = reply_case(w.call(w.clerk, Request::Case(CaseRef::Id(id))));
        states.insert(format!("{:?}", v.case.state));
        for kind in DocKind::ALL.iter().filter(|k| applies(**k, &v)) {
            kinds.insert(*kind);
            let text = t
                .render("government", *kind, &ctx(&v, "government", *kind))
                .unwrap_or_else(|e| panic!("{} {kind:?}: {e}", v.case.number));
            assert!(text.contains(&v.case.number), "{text}");
            let who = &v.case.intake.complainant;
            if kind.for_department() && who.confidential && !who.name.is_empty() {
                assert!(!text.contains(&who.name), "{text}");
            }
        }
    }
    assert!(states.len() >= 8, "{states:?}");
    // The rarer states and kinds are walked in `every_template_renders_for_every_state_...`.
    assert!(kinds.len() >= 8, "{kinds:?}");
}
