//! `init --preset`: every institution's preset sets its policy and, in a store without
//! categories, its categories.

mod shell;

use xinfang::domain::presets::{PRESETS, categories};

fn run(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    shell::run_at(dir, shell::MONDAY_0900, args)
}

fn ok(dir: &std::path::Path, args: &[&str]) -> String {
    shell::ok_at(dir, shell::MONDAY_0900, args)
}

fn category_names(dir: &std::path::Path) -> Vec<String> {
    let v: serde_json::Value =
        serde_json::from_str(&ok(dir, &["--json", "category", "list"])).unwrap();
    v["Categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn each_preset_sets_its_policy_and_categories() {
    for preset in PRESETS {
        let dir = tempfile::tempdir().unwrap();
        let out = ok(
            dir.path(),
            &[
                "init",
                "--org",
                "某单位",
                "--test-store",
                "--preset",
                preset,
            ],
        );
        let want: Vec<String> = categories(preset).iter().map(|c| c.to_string()).collect();
        assert!(out.contains(&want.join("、")), "{preset}: {out}");
        assert_eq!(category_names(dir.path()), want, "{preset}");
        let policy = ok(dir.path(), &["policy", "show"]);
        assert!(policy.contains(&format!("预设：{preset}")), "{policy}");
        assert!(policy.contains("归档保存期限"), "{policy}");
    }
}

#[test]
fn a_store_with_categories_keeps_them_when_set_up_again() {
    // A second init with another preset adds none of its categories: the store has some.
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &[
            "init",
            "--org",
            "某医院",
            "--test-store",
            "--preset",
            "hospital",
        ],
    );
    ok(
        dir.path(),
        &["init", "--org", "某医院", "--preset", "court"],
    );
    let hospital: Vec<String> = categories("hospital")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(category_names(dir.path()), hospital);
}

#[test]
fn an_unknown_preset_names_every_preset() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &[
            "init",
            "--org",
            "某单位",
            "--test-store",
            "--preset",
            "bank",
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bank") && err.contains(&PRESETS.join(", ")),
        "{err}"
    );
}
