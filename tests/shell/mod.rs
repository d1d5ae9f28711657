//! The real binary on a temporary test store, scripted as an administrator would script it.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// The test store's clock unless a test sets another.
pub const MONDAY_0900: &str = "2026-03-02T09:00:00+08:00";

/// The binary on the store in `data`, its clock at `now` (honoured by a test store).
pub fn run_at(data: &Path, now: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xinfang"))
        .args(args)
        .env("XINFANG_DATA", data)
        .env("XINFANG_NOW", now)
        .output()
        .unwrap()
}

/// Runs and expects success; returns standard output. Every test that runs the binary for a
/// step it expects to work goes through here.
pub fn ok_at(data: &Path, now: &str, args: &[&str]) -> String {
    let out = run_at(data, now, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub struct Cli {
    pub dir: tempfile::TempDir,
}

impl Cli {
    /// A test store, so that `XINFANG_NOW` may fix its clock.
    pub fn new() -> Cli {
        let cli = Cli {
            dir: tempfile::tempdir().unwrap(),
        };
        cli.ok(&["init", "--org", "测试单位", "--test-store"]);
        cli
    }

    pub fn data(&self) -> &Path {
        self.dir.path()
    }

    pub fn run(&self, args: &[&str]) -> Output {
        run_at(self.data(), MONDAY_0900, args)
    }

    /// Runs and expects success; returns standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        ok_at(self.data(), MONDAY_0900, args)
    }

    /// Runs and expects failure; returns standard error.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            !out.status.success(),
            "{args:?} should fail: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    pub fn setup(&self) {
        self.ok(&["init", "--org", "苏州市信访局", "--prefix", "XF"]);
        self.ok(&["dept", "add", "住房和城乡建设局", "--code", "zjj"]);
        self.ok(&["dept", "add", "城市管理综合执法局", "--code", "cgj"]);
        for (login, name, role, dept) in [
            ("op", "王晓燕", "operator", None),
            ("clerk", "陈静", "clerk", None),
            ("leader", "赵志刚", "supervisor", None),
            ("zjj1", "刘洋", "officer", Some("zjj")),
            ("cgj1", "张伟", "officer", Some("cgj")),
        ] {
            let mut args = vec!["user", "add", login, "--name", name, "--role", role];
            if let Some(d) = dept {
                args.extend(["--dept", d]);
            }
            self.ok(&args);
        }
    }

    /// Registers a case as the operator and returns its number.
    pub fn add(&self, extra: &[&str]) -> String {
        let mut args = vec!["--as", "op", "--json", "add"];
        args.extend(extra);
        let out = self.ok(&args);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["Case"]["case"]["number"].as_str().unwrap().to_string()
    }
}
