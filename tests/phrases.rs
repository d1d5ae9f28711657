//! Canned phrases (常用语): administrators add and remove them, every signed-in user reads those
//! of a use and a category, the text is bounded and cleaned, and `init` gives a store its
//! preset's starter set, which backups carry.

mod common;
#[path = "server/rig.rs"]
mod rig;
mod shell;

use common::World;
use xinfang::desk::Desk;
use xinfang::domain::phrase::{MAX_PHRASE, Phrase, PhraseUse};
use xinfang::service::error::{Field, Problem};
use xinfang::service::{Actor, Reply, Request, ServiceError};

fn add(
    w: &World,
    who: Actor,
    use_: PhraseUse,
    category: Option<u32>,
    text: &str,
) -> Result<Phrase, ServiceError> {
    match w.call(
        who,
        Request::AddPhrase {
            use_,
            category,
            text: text.into(),
        },
    )? {
        Reply::Phrase(p) => Ok(p),
        other => panic!("{other:?}"),
    }
}

fn list(w: &World, who: Actor, use_: Option<PhraseUse>, category: Option<u32>) -> Vec<String> {
    match w.call(who, Request::Phrases { use_, category }) {
        Ok(Reply::Phrases(p)) => p.into_iter().map(|p| p.text).collect(),
        other => panic!("{other:?}"),
    }
}

fn category(w: &World, name: &str) -> u32 {
    match w.call(
        w.admin,
        Request::AddCategory {
            name: name.into(),
            dept: None,
        },
    ) {
        Ok(Reply::Category(c)) => c.id,
        other => panic!("{other:?}"),
    }
}

#[test]
fn only_administrators_add_and_remove_and_everyone_reads() {
    let w = World::new();
    for who in [w.operator, w.clerk, w.leader, w.officer] {
        assert_eq!(
            add(&w, who, PhraseUse::Note, None, "已电话联系信访人"),
            Err(ServiceError::AdminOnly)
        );
    }
    let p = add(&w, w.admin, PhraseUse::Note, None, "已电话联系信访人").unwrap();
    for who in [w.operator, w.clerk, w.leader, w.officer, w.officer2] {
        assert_eq!(list(&w, who, None, None), ["已电话联系信访人"]);
        assert_eq!(
            w.call(who, Request::RemovePhrase { id: p.id }),
            Err(ServiceError::AdminOnly)
        );
    }
    assert_eq!(
        w.call(w.admin, Request::RemovePhrase { id: p.id }),
        Ok(Reply::Phrase(p.clone()))
    );
    assert!(list(&w, w.clerk, None, None).is_empty());
    assert_eq!(
        w.call(w.admin, Request::RemovePhrase { id: p.id }),
        Err(ServiceError::invalid(Field::Phrase, Problem::NotFound))
    );
    // A removed phrase's id is never given again.
    let again = add(&w, w.admin, PhraseUse::Note, None, "已电话联系信访人").unwrap();
    assert!(again.id > p.id);
}

#[test]
fn a_list_by_use_and_category_holds_the_phrases_for_every_category_and_that_ones() {
    let w = World::new();
    let fees = category(&w, "医疗费用");
    let manner = category(&w, "服务态度");
    add(&w, w.admin, PhraseUse::Result, None, "经核查，反映情况属实").unwrap();
    add(
        &w,
        w.admin,
        PhraseUse::Result,
        Some(fees),
        "费用按物价标准收取",
    )
    .unwrap();
    add(
        &w,
        w.admin,
        PhraseUse::Result,
        Some(manner),
        "已批评教育当事人员",
    )
    .unwrap();
    add(&w, w.admin, PhraseUse::Reason, None, "需进一步调查核实").unwrap();
    assert_eq!(
        list(&w, w.officer, Some(PhraseUse::Result), Some(fees)),
        ["经核查，反映情况属实", "费用按物价标准收取"]
    );
    assert_eq!(
        list(&w, w.officer, Some(PhraseUse::Result), None),
        [
            "经核查，反映情况属实",
            "费用按物价标准收取",
            "已批评教育当事人员"
        ]
    );
    assert_eq!(
        list(&w, w.officer, Some(PhraseUse::Reason), Some(manner)),
        ["需进一步调查核实"]
    );
    assert_eq!(list(&w, w.officer, None, None).len(), 4);
}

#[test]
fn the_text_is_cleaned_and_bounded_and_a_category_must_exist() {
    let w = World::new();
    let p = add(
        &w,
        w.admin,
        PhraseUse::Feedback,
        None,
        " 已告知\u{1b}[31m信访人\r\n办理结果\u{202E} ",
    )
    .unwrap();
    assert_eq!(p.text, "已告知[31m信访人 办理结果");
    let too_long = "字".repeat(MAX_PHRASE as usize + 1);
    assert_eq!(
        add(&w, w.admin, PhraseUse::Feedback, None, &too_long),
        Err(ServiceError::invalid(
            Field::Phrase,
            Problem::TooLong { max: MAX_PHRASE }
        ))
    );
    assert_eq!(
        add(&w, w.admin, PhraseUse::Feedback, None, " \u{7} "),
        Err(ServiceError::invalid(Field::Phrase, Problem::Empty))
    );
    assert_eq!(
        add(
            &w,
            w.admin,
            PhraseUse::Feedback,
            None,
            "已告知[31m信访人 办理结果"
        ),
        Err(ServiceError::invalid(Field::Phrase, Problem::Duplicate))
    );
    assert_eq!(
        add(&w, w.admin, PhraseUse::Feedback, Some(99), "另一条"),
        Err(ServiceError::invalid(Field::Category, Problem::NotFound))
    );
}

#[test]
fn the_command_line_adds_lists_and_removes_and_init_gives_the_presets_set() {
    let cli = shell::Cli {
        dir: tempfile::tempdir().unwrap(),
    };
    let init = [
        "init",
        "--org",
        "某市人民医院",
        "--preset",
        "hospital",
        "--test-store",
    ];
    let said = cli.ok(&init);
    assert!(said.contains("常用语"), "{said}");
    let all = cli.ok(&["phrase", "list"]);
    assert!(all.contains("已电话联系信访人，核实诉求内容。"), "{all}");
    assert!(all.contains("办理结果"), "{all}");
    // A phrase for one category is listed with it, and only with it.
    let fees = cli.ok(&[
        "phrase",
        "list",
        "--use",
        "result",
        "--category",
        "医疗费用",
    ]);
    assert!(fees.contains("费用按物价部门核定标准收取"), "{fees}");
    assert!(fees.contains("医疗费用"), "{fees}");
    assert!(!fees.contains("当事医务人员"), "{fees}");
    let notes = cli.ok(&["phrase", "list", "--use", "note"]);
    assert!(!notes.contains("经核查"), "{notes}");
    // A second init adds nothing twice.
    cli.ok(&init[..5]);
    assert_eq!(cli.ok(&["phrase", "list"]), all);

    cli.ok(&[
        "user",
        "add",
        "op",
        "--name",
        "王晓燕",
        "--role",
        "operator",
    ]);
    let added = cli.ok(&[
        "phrase",
        "add",
        "--use",
        "feedback",
        "--category",
        "服务态度",
        "已向患者当面致歉",
    ]);
    let id = added.split_whitespace().next().unwrap().to_string();
    assert!(
        added.contains("反馈告知") && added.contains("服务态度"),
        "{added}"
    );
    let refused = cli.fails(&["--as", "op", "phrase", "remove", &id]);
    assert!(refused.contains("管理员"), "{refused}");
    let bad = cli.fails(&[
        "phrase",
        "add",
        "--use",
        "result",
        "--category",
        "不存在",
        "文字",
    ]);
    assert!(bad.contains("不存在"), "{bad}");
    let json = cli.ok(&["--json", "phrase", "list", "--use", "feedback"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        v["Phrases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["text"] == "已向患者当面致歉" && p["use"] == "Feedback"),
        "{json}"
    );
    cli.ok(&["phrase", "remove", &id]);
    assert!(!cli.ok(&["phrase", "list"]).contains("已向患者当面致歉"));

    // A backup carries them to the store it restores.
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("b.xfb");
    cli.ok(&["backup", file.to_str().unwrap()]);
    let restored = out.path().join("restored");
    shell::ok_at(
        &restored,
        shell::MONDAY_0900,
        &[
            "restore",
            file.to_str().unwrap(),
            "--data",
            restored.to_str().unwrap(),
        ],
    );
    let back = shell::ok_at(&restored, shell::MONDAY_0900, &["phrase", "list"]);
    assert_eq!(back, all);
}

#[test]
fn a_desk_on_the_shared_server_reads_them_and_only_the_administrators_adds() {
    let rig = rig::Rig::start();
    let admin = rig.desk("owner");
    let clerk = rig.desk("clerk");
    let add = |desk: &dyn Desk| {
        desk.call(Request::AddPhrase {
            use_: PhraseUse::Reason,
            category: None,
            text: "需进一步调查核实".into(),
        })
    };
    assert_eq!(add(&clerk), Err(ServiceError::AdminOnly));
    let Ok(Reply::Phrase(p)) = add(&admin) else {
        panic!("the administrator's phrase was refused");
    };
    assert_eq!(
        clerk.call(Request::Phrases {
            use_: Some(PhraseUse::Reason),
            category: None,
        }),
        Ok(Reply::Phrases(vec![p]))
    );
}
