use super::*;

#[test]
fn every_shipped_template_compiles_and_every_kind_has_a_default() {
    let t = Templates::load(None);
    assert!(t.broken.is_empty(), "{:?}", t.broken);
    for kind in DocKind::ALL {
        let file = format!("templates/default/{}.j2", kind.code());
        assert!(SHIPPED.iter().any(|(f, _)| *f == file), "{file}");
    }
}

#[test]
fn a_preset_file_is_used_for_its_kind_only() {
    let t = Templates::load(None);
    assert_eq!(
        t.file("hospital", DocKind::Receipt),
        "templates/hospital/receipt.j2"
    );
    assert_eq!(
        t.file("hospital", DocKind::Reply),
        "templates/default/reply.j2"
    );
    assert_eq!(
        t.file("no-such-preset", DocKind::Receipt),
        "templates/default/receipt.j2"
    );
    // Every preset-specific file belongs to a known preset and kind.
    for (file, _) in SHIPPED {
        let (preset, code) = file
            .trim_start_matches("templates/")
            .trim_end_matches(".j2")
            .split_once('/')
            .unwrap_or_default();
        assert!(
            preset == "default" || crate::domain::presets::PRESETS.contains(&preset),
            "{file}"
        );
        assert!(DocKind::from_code(code).is_some(), "{file}");
    }
}

#[test]
fn a_table_cell_stays_one_cell() {
    assert_eq!(cell("甲|乙\n丙".into()), "甲｜乙 丙");
}

#[test]
fn an_unreadable_or_oversized_override_is_reported_when_its_kind_is_rendered() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("reply.j2"), vec![0xff, 0xfe, 0x00]).unwrap();
    let big = "字".repeat(MAX_TEMPLATE_BYTES as usize);
    std::fs::write(dir.path().join("receipt.j2"), big).unwrap();
    let t = Templates::load(Some(dir.path()));
    let reply = t.broken.get(&t.file("government", DocKind::Reply)).unwrap();
    assert_eq!(reply.problem, TemplateProblem::Unreadable);
    let receipt = t
        .broken
        .get(&t.file("government", DocKind::Receipt))
        .unwrap();
    assert_eq!(receipt.problem, TemplateProblem::TooLarge);
    assert!(receipt.file.ends_with("receipt.j2"), "{receipt:?}");
}

#[test]
fn a_template_that_never_ends_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let forever =
        "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}";
    std::fs::write(dir.path().join("receipt.j2"), forever).unwrap();
    let t = Templates::load(Some(dir.path()));
    let file = t.file("government", DocKind::Receipt);
    let tpl = t.env.get_template(&file).unwrap();
    let e = tpl.render(minijinja::context! {}).unwrap_err();
    assert_eq!(
        TemplateError::of_engine(&file, None, &e).problem,
        TemplateProblem::TooLong
    );
}
