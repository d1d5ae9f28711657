//! End-to-end tests of the real `xinfang` binary in a pseudo-terminal: keys go in as the bytes a
//! terminal sends, the screen comes back through a vt100 emulator. They prove that Chinese typed
//! and pasted (bracketed paste, CR/CRLF line ends, long text) reaches the store unchanged, that a
//! draft written during intake survives a SIGKILL and is offered again at the next start, and that
//! a tiny window shows a message instead of panicking. The driver is in `pty/`, shared with the
//! server tests.

mod pty;

use std::path::{Path, PathBuf};

use pty::{App, BIN, CTRL_Q, CommandBuilder, ENTER, ESC, F2, TAB};

const NOW: &str = "2026-03-02T09:00:00+08:00";

/// The app on the store in `home/data`.
fn start(home: &Path) -> App {
    start_with(home, &[])
}

/// Starts with some environment variables set differently (`LANG`, say).
fn start_with(home: &Path, extra: &[(&str, &str)]) -> App {
    if !home.join("data").exists() {
        init_test_store(home);
    }
    let mut cmd = CommandBuilder::new(BIN);
    cmd.arg("--data");
    cmd.arg(home.join("data"));
    for (k, v) in env(home) {
        cmd.env(k, v);
    }
    for (k, v) in extra {
        cmd.env(k, v);
    }
    cmd.cwd(home);
    App::spawn(cmd)
}

fn env(home: &Path) -> Vec<(&'static str, PathBuf)> {
    vec![
        ("LANG", "C.UTF-8".into()),
        ("TERM", "xterm-256color".into()),
        ("XINFANG_NOW", NOW.into()),
        ("XINFANG_CONFIG_DIR", home.join("config")),
        ("HOME", home.to_path_buf()),
    ]
}

/// Creates the store as a test store, so that `XINFANG_NOW` may fix its clock.
fn init_test_store(home: &Path) {
    let mut cmd = std::process::Command::new(BIN);
    cmd.arg("--data")
        .arg(home.join("data"))
        .args(["init", "--org", "测试单位", "--test-store"]);
    for (k, v) in env(home) {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run xinfang init");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Starts on an empty store and skips the demo-data offer, leaving the inbox on screen.
fn start_empty(home: &Path) -> App {
    let app = start(home);
    app.wait_for("存储中还没有案件");
    let mut app = app;
    // The inbox is drawn behind the popup, so wait for the popup to go. (A lone Esc followed at
    // once by another key would be read as Alt+key, so nothing is typed until it has gone.)
    app.keys(ESC);
    app.wait_gone("存储中还没有案件");
    app.wait_for("收件箱");
    app
}

/// Runs the CLI on the same store and returns its JSON reply.
fn cli_show(home: &Path, number: &str) -> serde_json::Value {
    let mut cmd = std::process::Command::new(BIN);
    cmd.arg("--data")
        .arg(home.join("data"))
        .args(["show", number, "--json"]);
    for (k, v) in env(home) {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run xinfang show");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "xinfang show {number} failed ({}):\nstdout:\n{stdout}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("show --json gave bad JSON ({e}):\n{stdout}"))
}

#[test]
fn intake_typed_in_chinese_with_a_pasted_text_is_saved_with_f2() {
    let home = tempfile::tempdir().unwrap();
    let mut app = start_empty(home.path());
    app.keys("n");
    app.wait_for("登记");
    app.type_text("张三");
    app.keys(TAB);
    app.type_text("13800138000");
    for _ in 0..5 {
        app.keys(TAB);
    }
    app.type_text("电梯故障无人维修");
    app.keys(TAB);
    let long: String =
        "楼道电梯自去年十月起多次停运，物业公司拒不修理，老人上下楼十分困难。".repeat(18);
    assert!(long.chars().count() >= 600);
    app.paste(&format!("第一行\r\n第二行\r第三行\r\n{long}"));
    // The paste must land in the content editor before F2; if it is lost, this says so.
    app.wait_for("十分困难。");
    app.keys(F2);
    app.wait_for("已登记，编号");
    app.wait_for("X F 2 0 2 6 - 0 0 0 0 1");
    app.keys(ENTER);
    app.keys(CTRL_Q);
    assert!(
        app.wait_exit().success(),
        "xinfang exited with failure after Ctrl-Q"
    );

    let json = cli_show(home.path(), "XF2026-00001");
    let case = &json["Case"]["case"];
    let intake = &case["intake"];
    assert_eq!(case["number"], "XF2026-00001", "{json:#}");
    assert_eq!(intake["subject"], "电梯故障无人维修", "{json:#}");
    assert_eq!(intake["complainant"]["name"], "张三", "{json:#}");
    let content = intake["content"]
        .as_str()
        .unwrap_or_else(|| panic!("no content: {json:#}"));
    assert!(
        content.starts_with("第一行\n第二行\n第三行"),
        "line ends were not normalised to \\n: {content:?}"
    );
    assert!(
        !content.contains('\r'),
        "a carriage return survived: {content:?}"
    );
    assert!(
        content.contains(&long),
        "the long pasted text was not kept whole: {content:?}"
    );
}

#[test]
fn a_draft_survives_a_kill_mid_intake() {
    let home = tempfile::tempdir().unwrap();
    let mut app = start_empty(home.path());
    app.keys("n");
    app.wait_for("登记");
    app.type_text("李四");
    for _ in 0..6 {
        app.keys(TAB);
    }
    app.type_text("小区噪音扰民夜间施工");
    app.wait_for("小区噪音扰民夜间施工");
    app.wait_for("草稿已保存");
    app.kill();
    drop(app);

    let mut app = start(home.path());
    app.wait_for("未保存的登记草稿");
    app.wait_for("小区噪音扰民夜间施工");
    app.keys(ENTER);
    app.wait_for("登记");
    app.wait_for("李四");
    app.wait_for("小区噪音扰民夜间施工");
}

#[test]
fn a_tiny_window_never_panics() {
    let home = tempfile::tempdir().unwrap();
    let mut app = start_empty(home.path());
    app.resize(5, 20);
    app.wait_for("窗口太");
    app.resize(30, 100);
    app.wait_for("收件箱");
    app.keys(CTRL_Q);
    let status = app.wait_exit();
    assert!(
        status.success(),
        "xinfang exited with {status:?} after a tiny window; screen:\n{}",
        app.contents()
    );
}

#[test]
fn quitting_puts_the_terminal_back() {
    let home = tempfile::tempdir().unwrap();
    let mut app = start_empty(home.path());
    {
        let screen = app.screen.lock().unwrap();
        assert!(screen.screen().alternate_screen() && screen.screen().bracketed_paste());
    }
    app.keys(CTRL_Q);
    assert!(app.wait_exit().success());
    let screen = app.screen.lock().unwrap();
    assert!(
        !screen.screen().alternate_screen(),
        "still on the alternate screen"
    );
    assert!(
        !screen.screen().bracketed_paste(),
        "bracketed paste left on"
    );
    assert!(!screen.screen().hide_cursor(), "cursor left hidden");
}

#[test]
fn a_locale_that_is_not_utf8_is_explained_in_both_languages() {
    let home = tempfile::tempdir().unwrap();
    let app = start_with(
        home.path(),
        &[("LANG", "zh_CN.GBK"), ("LC_ALL", ""), ("LC_CTYPE", "")],
    );
    app.wait_for("终端编码不是 UTF-8");
    app.wait_for("The terminal is not UTF-8");
}
