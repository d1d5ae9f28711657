//! One case walked through the real binary on a test store set up with one preset: each step
//! named, run as a named user at a fixed local time (`XINFANG_NOW`), so a walk reads like the
//! case's history and a failure names the step it broke at.
#![allow(dead_code)]

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use xinfang::domain::deadline::Policy;

/// The department every walk's case goes to, and its officer.
pub const DEPT: &str = "bm";
pub const OFFICER: &str = "bm1";

pub struct Walk {
    dir: tempfile::TempDir,
    pub preset: String,
    /// The walk's case, once registered.
    pub number: String,
}

/// `2026-03-02 09:00` → the local (UTC+08:00) time `XINFANG_NOW` takes.
fn now(at: &str) -> String {
    format!("{}:00+08:00", at.replace(' ', "T"))
}

impl Walk {
    /// A test store with `preset`, one handling department and a user for each desk role.
    pub fn new(preset: &str) -> Walk {
        let w = Walk {
            dir: tempfile::tempdir().unwrap(),
            preset: preset.to_string(),
            number: String::new(),
        };
        let at = "2026-03-01 09:00";
        w.ok(
            at,
            &[
                "init",
                "--org",
                "测试单位",
                "--test-store",
                "--preset",
                preset,
            ],
        );
        w.ok(at, &["dept", "add", "办理部门", "--code", DEPT]);
        w.ok(at, &["dept", "add", "协办部门", "--code", "xb"]);
        for (login, name, role, dept) in [
            ("op", "王晓燕", "operator", None),
            ("clerk", "陈静", "clerk", None),
            ("leader", "赵志刚", "supervisor", None),
            (OFFICER, "刘洋", "officer", Some(DEPT)),
        ] {
            let mut args = vec!["user", "add", login, "--name", name, "--role", role];
            if let Some(d) = dept {
                args.extend(["--dept", d]);
            }
            w.ok(at, &args);
        }
        w
    }

    pub fn data(&self) -> &Path {
        self.dir.path()
    }

    pub fn run(&self, at: &str, args: &[&str]) -> Output {
        crate::shell::run_at(self.data(), &now(at), args)
    }

    /// Runs and expects success; returns standard output.
    pub fn ok(&self, at: &str, args: &[&str]) -> String {
        crate::shell::ok_at(self.data(), &now(at), args)
    }

    fn json(&self, at: &str, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(at, args)).unwrap()
    }

    /// The operator registers the walk's case at `at`.
    pub fn intake(&mut self, at: &str, extra: &[&str]) {
        let mut args = vec!["--as", "op", "--json", "add"];
        args.extend(extra);
        let v = self.json(at, &args);
        self.number = v["Case"]["case"]["number"].as_str().unwrap().to_string();
    }

    /// The petitioner's request for 复查 (or 复核) of the walk's case, registered by the operator
    /// at `at`; the new case becomes the walk's case. Returns its level and bar as `show --json`
    /// words them.
    pub fn review_request(&mut self, at: &str, content: &str) -> (String, String) {
        let reviewed = self.number.clone();
        let args = [
            "--as",
            "op",
            "--json",
            "review-request",
            reviewed.as_str(),
            "--content",
            content,
        ];
        let v = self.json(at, &args);
        let case = &v["Case"]["case"];
        self.number = case["number"].as_str().unwrap().to_string();
        assert!(case["intake"]["review_of"].is_u64(), "{v}");
        (case["level"].to_string(), case["bar"].to_string())
    }

    /// One named step: `who` takes `action` on the walk's case at `at`; returns the case's
    /// state after it.
    pub fn step(&self, name: &str, at: &str, who: &str, action: &str, extra: &[&str]) -> String {
        let mut args = vec!["--as", who, "--json", action, self.number.as_str()];
        args.extend(extra);
        let out = self.run(at, &args);
        assert!(
            out.status.success(),
            "{}: step “{name}” ({who} {action} at {at}) failed: {}",
            self.preset,
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["Case"]["case"]["state"]
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// The case as the supervisor sees it at `at` (`show --json`).
    pub fn show(&self, at: &str) -> Value {
        self.json(at, &["--as", "leader", "--json", "show", &self.number])["Case"].clone()
    }

    /// Every clock `show --json` has at `at` is one of `expected` (stage code → last day), each
    /// expected one is there, and each basis is the preset's basis for its stage (a §203 shift
    /// may follow it).
    pub fn check_clocks(&self, step: &str, at: &str, expected: &[(&str, &str)]) {
        let policy = Policy::preset(&self.preset).unwrap();
        let with_basis: Vec<(&str, &str, &str)> = expected
            .iter()
            .map(|(stage, day)| {
                let rule = policy
                    .stages
                    .iter()
                    .find(|r| format!("{:?}", r.stage) == *stage)
                    .unwrap_or_else(|| panic!("{}: no {stage} in the preset", self.preset));
                (*stage, *day, rule.basis.as_str())
            })
            .collect();
        self.check_clocks_with(step, at, &with_basis);
    }

    /// Like `check_clocks`, with each clock's basis given (the start of it): a 复查 or 复核
    /// case's clock carries the review basis instead of its stage's.
    pub fn check_clocks_with(&self, step: &str, at: &str, expected: &[(&str, &str, &str)]) {
        let view = self.show(at);
        let shown: Vec<(String, String, String)> = view["clocks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let field = |k: &str| c[k].as_str().unwrap().to_string();
                (field("stage"), field("deadline"), field("basis"))
            })
            .collect();
        let days: Vec<(&str, &str)> = shown
            .iter()
            .map(|(s, d, _)| (s.as_str(), d.as_str()))
            .collect();
        let want: Vec<(&str, &str)> = expected.iter().map(|(s, d, _)| (*s, *d)).collect();
        assert_eq!(days, want, "{}: clocks after “{step}”", self.preset);
        for ((stage, _, basis), (_, _, want)) in shown.iter().zip(expected) {
            assert!(
                basis.starts_with(want),
                "{}: {stage}'s basis after “{step}”: {basis}",
                self.preset
            );
        }
    }

    /// `retention --json` as `who` at `at`.
    pub fn retention(&self, at: &str, who: &str) -> Value {
        self.json(at, &["--as", who, "--json", "retention"])["Retention"].clone()
    }

    /// The walk's archived case is due for disposal from `day` (09:00 that day), not before.
    pub fn check_disposal_from(&self, day: &str) {
        let before = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .unwrap()
            .pred_opt()
            .unwrap();
        let r = self.retention(&format!("{before} 23:59"), "leader");
        assert_eq!(r["rows"], Value::Array(vec![]), "{}: not yet", self.preset);
        let r = self.retention(&format!("{day} 09:00"), "leader");
        let rows = r["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 1, "{}: {r}", self.preset);
        assert_eq!(rows[0]["number"], self.number.as_str());
        assert_eq!(rows[0]["dispose_by"], day, "{}", self.preset);
    }
}
