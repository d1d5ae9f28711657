//! `xinfang doc` from the real binary: a notice issued and written as a Word file into the
//! documents directory (0600 in 0700), produced again byte for byte, printed as text, written
//! to a file the user names without overwriting, and a department sheet of a confidential
//! report that carries no trace of the reporter.

mod shell;

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use shell::{Cli, MONDAY_0900};

/// The binary with its config directory (naming the documents directory) set.
struct Desk {
    cli: Cli,
    config: tempfile::TempDir,
    documents: PathBuf,
}

impl Desk {
    fn new() -> Desk {
        let cli = Cli::new();
        cli.setup();
        let config = tempfile::tempdir().unwrap();
        let documents = config.path().join("公文");
        std::fs::write(
            config.path().join("config.toml"),
            format!("documents_dir = \"{}\"\n", documents.display()),
        )
        .unwrap();
        Desk {
            cli,
            config,
            documents,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_xinfang"))
            .args(args)
            .env("XINFANG_DATA", self.cli.data())
            .env("XINFANG_NOW", MONDAY_0900)
            .env("XINFANG_CONFIG_DIR", self.config.path())
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Issues or reissues, with `--json`: the path written and the document number.
    fn doc(&self, args: &[&str]) -> (PathBuf, String) {
        let mut all = vec!["--json", "doc"];
        all.extend(args);
        let v: serde_json::Value = serde_json::from_str(&self.ok(&all)).unwrap();
        (
            PathBuf::from(v["path"].as_str().unwrap()),
            v["serial"].as_str().unwrap().to_string(),
        )
    }
}

fn document_xml(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut s = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_notice_is_written_as_a_word_file_and_made_again_identically() {
    let d = Desk::new();
    let n = d.cli.add(&[
        "--name",
        "张三",
        "--phone",
        "13812345678",
        "--subject",
        "路灯不亮",
        "--content",
        "幸福路北段路灯连续一周不亮。",
    ]);
    d.cli.ok(&["--as", "clerk", "accept", &n]);
    let (path, serial) = d.doc(&["--as", "clerk", &n, "--kind", "acceptance-notice"]);
    assert!(path.starts_with(&d.documents), "{}", path.display());
    assert_eq!(path.extension().unwrap(), "docx");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&d.documents), 0o700);
    let xml = document_xml(&path);
    // The case, the complainant and the legal basis the notice rests on.
    for want in [n.as_str(), "张三", serial.as_str(), "《信访工作条例》"] {
        assert!(xml.contains(want), "{want} missing");
    }
    // Issued: on the timeline by its number.
    let shown = d.ok(&["--as", "clerk", "show", &n]);
    assert!(shown.contains(&serial), "{shown}");

    // Again, from the record: a new file, the same bytes.
    let (again, same) = d.doc(&["--as", "clerk", &n, "--again", &serial]);
    assert_eq!(same, serial);
    assert_ne!(again, path, "never over the first file");
    assert!(std::fs::read(&again).unwrap() == std::fs::read(&path).unwrap());

    // As text on standard output: marks gone, laid out on the page.
    let text = d.ok(&[
        "--as", "clerk", "doc", &n, "--again", &serial, "--format", "text",
    ]);
    assert!(text.contains(&serial) && text.contains(&n), "{text}");
    for l in text.lines() {
        assert!(!l.starts_with("# ") && !l.starts_with("> "), "{l:?}");
        assert!(unicode_width::UnicodeWidthStr::width(l) <= 72, "{l:?}");
    }

    // To a file the user names, never over one that is there.
    let out = d.config.path().join("给张三.docx");
    std::fs::write(&out, "mine").unwrap();
    let written = d.ok(&[
        "--as",
        "clerk",
        "doc",
        &n,
        "--again",
        &serial,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        written.trim(),
        d.config
            .path()
            .join("给张三 (2).docx")
            .display()
            .to_string()
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    assert_eq!(mode(Path::new(written.trim())), 0o600);
}

#[test]
fn a_wrong_kind_or_method_is_refused_with_the_choices() {
    let d = Desk::new();
    let n = d
        .cli
        .add(&["--subject", "噪声扰民", "--content", "夜间施工。"]);
    let out = d.run(&["--as", "clerk", "doc", &n, "--kind", "notice"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("无法识别的文书种类") && err.contains("acceptance-notice"),
        "{err}"
    );
    let out = d.run(&[
        "--as", "op", "doc", &n, "--kind", "receipt", "--method", "pigeon",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("送达方式") && err.contains("in_person"),
        "{err}"
    );
    // Nothing was written for either.
    assert!(!d.documents.exists());
}

#[test]
fn a_department_sheet_of_a_confidential_report_names_no_reporter() {
    let d = Desk::new();
    let n = d.cli.add(&[
        "--kind",
        "report",
        "--confidential",
        "--name",
        "李四",
        "--phone",
        "13900001111",
        "--id-number",
        "110101199003071233",
        "--subject",
        "举报执法人员收受好处费",
        "--content",
        "城管某中队队员多次收取摊贩好处费。",
        "--accused",
        "城市管理综合执法局",
    ]);
    d.cli.ok(&["--as", "clerk", "accept", &n]);
    d.cli.ok(&["--as", "clerk", "assign", &n, "--dept", "zjj"]);
    let (path, serial) = d.doc(&["--as", "clerk", &n, "--kind", "assignment-sheet"]);
    let text = d.ok(&[
        "--as", "clerk", "doc", &n, "--again", &serial, "--format", "text",
    ]);
    let xml = document_xml(&path);
    assert!(
        xml.contains("举报执法人员收受好处费"),
        "the sheet is the case's"
    );
    for out in [&xml, &text] {
        for secret in [
            "李四",
            "13900001111",
            "1390000",
            "110101199003071233",
            "1111",
        ] {
            assert!(
                !out.contains(secret),
                "{secret} on a department sheet:\n{out}"
            );
        }
    }
}

#[test]
fn an_administrator_sets_a_kinds_prefix_and_the_next_number_carries_it() {
    let d = Desk::new();
    let listed = d.ok(&["doc-prefix"]);
    assert!(
        listed.contains("acceptance-notice") && listed.contains("信告"),
        "{listed}"
    );
    d.ok(&["doc-prefix", "acceptance-notice", "苏信告"]);
    let refused = d.run(&["--as", "clerk", "doc-prefix", "receipt", "苏信收"]);
    assert!(
        !refused.status.success(),
        "only an administrator sets a prefix"
    );
    let bad = d.run(&["doc-prefix", "receipt", "苏 信"]);
    assert!(!bad.status.success(), "a prefix has no spaces");
    let n = d.cli.add(&[
        "--name",
        "李四",
        "--subject",
        "噪音扰民",
        "--content",
        "夜间施工。",
    ]);
    d.cli.ok(&["--as", "clerk", "accept", &n]);
    let (_, serial) = d.doc(&["--as", "clerk", &n, "--kind", "受理告知书"]);
    assert!(serial.starts_with("苏信告〔"), "{serial}");
    let (_, receipt) = d.doc(&["--as", "clerk", &n, "--kind", "receipt"]);
    assert!(receipt.starts_with("信收〔"), "{receipt}");
}

#[test]
fn an_anonymous_callers_receipt_names_no_one() {
    let d = Desk::new();
    let n = d.cli.add(&[
        "--anonymous",
        "--subject",
        "路面塌陷",
        "--content",
        "幸福路与人民路交叉口路面塌陷。",
    ]);
    let (path, _) = d.doc(&["--as", "op", &n, "--kind", "receipt"]);
    let xml = document_xml(&path);
    assert!(xml.contains(&n) && xml.contains("匿名"), "{xml}");
}

#[test]
fn a_wrong_gateway_setting_is_said_and_stops_no_command() {
    let d = Desk::new();
    std::fs::write(
        d.config.path().join("config.toml"),
        "notify_command = \"/bin/true\"\nnotify_timeout = 0\n",
    )
    .unwrap();
    let out = d.run(&["--as", "clerk", "list"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("notify_timeout") && err.contains("1 至 300"),
        "{err}"
    );
}
