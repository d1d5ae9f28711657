//! Documents' templates as an administrator meets them: a broken file of theirs is reported with
//! its file and line, every field is documented, text from a case never becomes markup, and
//! every kind the demo's cases call for renders.

#[path = "documents/cases.rs"]
mod cases;
mod common;

use cases::*;
use common::*;
use xinfang::domain::document::DocKind;
use xinfang::domain::event::Detail;
use xinfang::domain::state::Action;
use xinfang::lang::Lang;
use xinfang::service::api::CaseRef;
use xinfang::service::documents::templates::{TemplateProblem, Templates};
use xinfang::service::{Request, ServiceError};

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
