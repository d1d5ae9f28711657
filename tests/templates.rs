//! Documents' templates (issue 15): every shipped template renders for a case in every state
//! and every preset, in Chinese; the kinds a case calls for say what the law asks of them; a
//! confidential reporter's identity is on no sheet for a department; the same facts give the
//! same text.

#[path = "documents/cases.rs"]
mod cases;
mod common;

use cases::*;
use common::*;
use xinfang::domain::case::Level;
use xinfang::domain::document::DocKind;
use xinfang::domain::presets::PRESETS;
use xinfang::domain::state::State;
use xinfang::service::Request;
use xinfang::service::api::{CaseRef, CaseView};
use xinfang::service::documents::templates::Templates;

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
