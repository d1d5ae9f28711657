//! `xinfang retention`: archived cases past their retention period, on a nursing home's store
//! (materials kept two years), with a fixed clock. Nothing is deleted, and a confidential
//! reporter never appears in it.

mod shell;
mod walk;

use serde_json::Value;
use walk::Walk;
use xinfang::domain::deadline::Policy;
use xinfang::service::api::{Page, Request};
use xinfang::service::bounds::{MAX_ROWS, request};

const NAME: &str = "李秘密";
const PHONE: &str = "13900001111";
const ID_NUMBER: &str = "110101199003074514";

/// A case resolved on the spot at `at`, told the next morning, archived on `archived`.
fn archived_case(w: &mut Walk, at: &str, told: &str, archived: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "--content",
        "护工多次呵斥老人",
        "--resolve",
        "已当场调换护工",
    ];
    args.extend(extra);
    w.intake(at, &args);
    w.step(
        "feedback",
        told,
        "clerk",
        "feedback",
        &["--method", "电话", "--content", "已告知"],
    );
    w.step("archive", archived, "clerk", "archive", &[]);
    w.number.clone()
}

/// A nursing home's store with a confidential report archived on 2026-03-05 and a later
/// case archived earlier, on 2026-03-04.
fn two_archived() -> (Walk, String, String) {
    let mut w = Walk::new("nursing-home");
    let report = archived_case(
        &mut w,
        "2026-03-02 09:00",
        "2026-03-03 09:00",
        "2026-03-05 09:00",
        &[
            "--kind",
            "report",
            "--confidential",
            "--name",
            NAME,
            "--phone",
            PHONE,
            "--id-number",
            ID_NUMBER,
            "--subject",
            "举报护工虐待老人",
        ],
    );
    let later = archived_case(
        &mut w,
        "2026-03-02 10:00",
        "2026-03-03 10:00",
        "2026-03-04 09:00",
        &[
            "--name",
            "张三",
            "--phone",
            "13812345678",
            "--subject",
            "饭菜太咸",
        ],
    );
    (w, report, later)
}

fn numbers(v: &Value) -> Vec<String> {
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["number"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn archived_cases_are_due_two_years_after_archiving_oldest_case_first() {
    let (w, report, later) = two_archived();
    // Archived 03-04 + 24 months → due 2028-03-04; archived 03-05 → due 2028-03-05.
    assert_eq!(
        numbers(&w.retention("2028-03-03 23:59", "leader")),
        Vec::<String>::new()
    );
    assert_eq!(
        numbers(&w.retention("2028-03-04 09:00", "leader")),
        vec![later.clone()]
    );
    let both = w.retention("2028-03-05 09:00", "clerk");
    assert_eq!(numbers(&both), vec![report.clone(), later.clone()]);
    assert_eq!(both["rows"][0]["archived"], "2026-03-05");
    assert_eq!(both["rows"][0]["dispose_by"], "2028-03-05");
    assert_eq!(both["retention"]["days"], 24);
    assert!(both["basis"].as_str().unwrap().contains("保存两年"));
    // A page of one, then the rest after its position.
    let at = "2028-03-05 09:00";
    let first = w.ok(at, &["--as", "leader", "retention", "--limit", "1"]);
    assert!(
        first.contains(&report) && !first.contains(&later),
        "{first}"
    );
    let after = first
        .lines()
        .find_map(|l| l.split("--after ").nth(1))
        .unwrap_or_else(|| panic!("a position to continue from: {first}"));
    let rest = w.ok(
        at,
        &[
            "--as",
            "leader",
            "retention",
            "--limit",
            "1",
            "--after",
            after,
        ],
    );
    assert!(rest.contains(&later) && !rest.contains(&report), "{rest}");
    // Listing deletes nothing: both cases are still there, archived.
    for n in [&report, &later] {
        let v = w.ok(at, &["--as", "leader", "--json", "show", n]);
        assert!(v.contains("\"Archived\""), "{v}");
    }
}

#[test]
fn the_retention_list_never_shows_a_confidential_reporter() {
    let (w, report, _) = two_archived();
    w.ok(
        "2028-03-05 09:00",
        &["user", "add", "adm", "--name", "管理员", "--role", "admin"],
    );
    let at = "2028-03-05 09:00";
    for who in ["clerk", "leader", "adm"] {
        for args in [
            vec!["--as", who, "retention"],
            vec!["--as", who, "--lang", "en", "retention"],
            vec!["--as", who, "--json", "retention"],
        ] {
            let out = w.ok(at, &args);
            assert!(out.contains(&report), "{who}: {out}");
            for secret in [NAME, PHONE, "1111", ID_NUMBER, "4514"] {
                assert!(
                    !out.contains(secret),
                    "{who} {args:?} shows {secret}: {out}"
                );
            }
        }
    }
    // The administrator does not see cases: the row carries no subject for them.
    let adm = w.retention(at, "adm");
    assert_eq!(adm["rows"][0]["subject"], "");
    assert_eq!(
        w.retention(at, "leader")["rows"][0]["subject"],
        "举报护工虐待老人"
    );
}

#[test]
fn operators_and_officers_may_not_list_records_for_disposal() {
    let (w, _, _) = two_archived();
    for who in ["op", walk::OFFICER] {
        let out = w.run("2028-03-05 09:00", &["--as", who, "retention"]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("只有信访专员、督办领导和管理员"), "{err}");
        let out = w.run(
            "2028-03-05 09:00",
            &["--as", who, "--lang", "en", "retention"],
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("only clerks, supervisors"), "{err}");
    }
}

#[test]
fn a_site_sets_its_own_retention_or_none_within_a_hundred_years() {
    let (w, report, _) = two_archived();
    let at = "2026-03-06 09:00";
    w.ok(at, &["policy", "set", "--retention-months", "1"]);
    let show = w.ok(at, &["policy", "show"]);
    assert!(show.contains("1个月  本单位规定"), "{show}");
    // Archived 03-05 + 1 month → 04-05.
    assert_eq!(
        numbers(&w.retention("2026-04-05 09:00", "leader"))[0],
        report
    );
    let too_long = w.run(at, &["policy", "set", "--retention-months", "1201"]);
    assert!(!too_long.status.success());
    w.ok(at, &["policy", "set", "--retention-months", "0"]);
    let none = w.ok("2099-01-01 09:00", &["--as", "leader", "retention"]);
    assert!(none.contains("未设保存期限"), "{none}");
}

#[test]
fn a_retention_page_is_bounded_whatever_it_asks_for() {
    let Ok(Request::Retention { page }) = request(Request::Retention {
        page: Page {
            limit: u32::MAX,
            after: None,
        },
    }) else {
        panic!("a retention request passes the door")
    };
    assert_eq!(page.limit, MAX_ROWS);
    let mut p = Policy::preset("nursing-home").unwrap();
    p.retention_basis = "x".repeat(100_000);
    assert!(request(Request::SetPolicy(p)).is_err());
}
