//! End-to-end tests of the shared server: a real `xinfang serve` process and real desks in
//! pseudo-terminals connected to it with `--connect`. They prove that an intake registered at
//! one desk appears in another desk's inbox by itself, pushed by the server, with no key pressed
//! at the second desk; that the server stops cleanly on SIGTERM and removes its socket; that an
//! intake typed while the server is away is kept on the desk and registered once when it is
//! back; and that a desk whose server is not there says why and never falls back to a private
//! store.

mod pty;

use std::fs::File;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use pty::{App, BIN, CTRL_Q, CommandBuilder, ENTER, ESC, F2, F3, TAB, TIMEOUT};

const NOW: &str = "2026-03-02T09:00:00+08:00";
const SUBJECT: &str = "小区电梯停运三天无人维修";
/// How long a registered case may take to reach the other desk.
const LIVE: Duration = Duration::from_secs(10);
/// How long a desk may take to find its server back: the back-off waits up to 8 s, stretched
/// by up to a quarter, between attempts.
const BACK: Duration = Duration::from_secs(20);

/// Settings that would point a process at some other store, server or directory.
const FOREIGN: &[&str] = &[
    "XINFANG_DATA",
    "XINFANG_SOCKET",
    "XINFANG_CONFIG_DIR",
    "STATE_DIRECTORY",
    "NO_COLOR",
    "LC_ALL",
    "LC_CTYPE",
];

/// One temporary directory for everything: home, XDG directories, the store, the server's
/// state and the socket. It lives under /tmp so the socket path stays far below the ~107
/// bytes a Unix socket path may have.
struct Place {
    dir: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::Builder::new()
            .prefix("xf-")
            .tempdir_in("/tmp")
            .expect("temporary directory under /tmp");
        Place { dir }
    }

    fn home(&self) -> &Path {
        self.dir.path()
    }

    fn data(&self) -> PathBuf {
        self.home().join("data")
    }

    fn state(&self) -> PathBuf {
        self.home().join("state")
    }

    fn socket(&self) -> PathBuf {
        self.home().join("s.sock")
    }

    fn xdg_data(&self) -> PathBuf {
        self.home().join("xdg-data")
    }

    /// Where a desk keeps what it must keep on its own machine (`drafts/`).
    fn xdg_state(&self) -> PathBuf {
        self.home().join("xdg-state")
    }

    /// The embedded store files its first administrator under the name of this process's uid,
    /// the same name the server finds for a desk's uid.
    fn env(&self) -> Vec<(&'static str, PathBuf)> {
        let home = self.home();
        vec![
            ("LANG", "C.UTF-8".into()),
            ("TERM", "xterm-256color".into()),
            ("XINFANG_NOW", NOW.into()),
            ("HOME", home.to_path_buf()),
            ("XDG_CONFIG_HOME", home.join("xdg-config")),
            ("XDG_DATA_HOME", self.xdg_data()),
            ("XDG_STATE_HOME", self.xdg_state()),
        ]
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(BIN);
        for k in FOREIGN.iter() {
            cmd.env_remove(k);
        }
        cmd.envs(self.env()).current_dir(self.home());
        cmd
    }

    /// Creates the store, making the login running the test its administrator with every role.
    fn init(&self) {
        let out = self
            .command()
            .arg("--data")
            .arg(self.data())
            .args([
                "init",
                "--org",
                "测试单位",
                "--prefix",
                "XF",
                "--test-store",
            ])
            .output()
            .expect("run xinfang init");
        assert!(
            out.status.success(),
            "xinfang init failed ({}):\nstdout:\n{}\nstderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A full-screen desk connected to the socket.
    fn desk(&self) -> App {
        let mut cmd = CommandBuilder::new(BIN);
        cmd.arg("--connect");
        cmd.arg(self.socket());
        for k in FOREIGN.iter() {
            cmd.env_remove(k);
        }
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        cmd.cwd(self.home());
        App::spawn(cmd)
    }
}

/// A running `xinfang serve`. Dropping it kills the process, so a failed test leaves no server.
struct Server {
    child: Child,
    stderr: PathBuf,
    log: PathBuf,
    reaped: bool,
}

impl Server {
    fn start(place: &Place) -> Server {
        let stderr = place.home().join("serve.stderr");
        let child = place
            .command()
            .arg("serve")
            .arg("--data")
            .arg(place.data())
            .arg("--socket")
            .arg(place.socket())
            .args(["--no-check", "--no-backups"])
            .env("STATE_DIRECTORY", place.state())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(File::create(&stderr).expect("server stderr file"))
            .spawn()
            .expect("spawn xinfang serve");
        let mut server = Server {
            child,
            stderr,
            log: place.state().join("serve.log"),
            reaped: false,
        };
        let deadline = Instant::now() + TIMEOUT;
        while UnixStream::connect(place.socket()).is_err() {
            if let Some(status) = server.child.try_wait().expect("try_wait server") {
                server.reaped = true;
                panic!(
                    "xinfang serve exited with {status} before listening\n{}",
                    server.dump()
                );
            }
            if Instant::now() > deadline {
                panic!(
                    "no server on the socket after {TIMEOUT:?}\n{}",
                    server.dump()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
        // The socket accepts once bound, a moment before the line is written.
        server.wait_said("listening on");
        server
    }

    /// Polls the server's stderr until it holds `needle`.
    fn wait_said(&self, needle: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while !std::fs::read_to_string(&self.stderr)
            .unwrap_or_default()
            .contains(needle)
        {
            if Instant::now() > deadline {
                panic!("the server never said {needle:?}\n{}", self.dump());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// What the server said on stderr and in its log, for a failure message.
    fn dump(&self) -> String {
        let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_else(|e| format!("({e})"));
        format!(
            "server stderr:\n{}\nserve.log:\n{}",
            read(&self.stderr),
            read(&self.log)
        )
    }

    /// Sends SIGTERM and checks the server exits successfully.
    fn stop(&mut self) {
        let status = self.terminate();
        assert!(
            status.success(),
            "the server exited with {status} after SIGTERM\n{}",
            self.dump()
        );
    }

    /// Sends SIGTERM and waits for the server to exit.
    fn terminate(&mut self) -> ExitStatus {
        let pid = libc::pid_t::try_from(self.child.id()).expect("pid fits pid_t");
        // SAFETY: kill has no memory effects; the pid is our own unreaped child.
        let rc = unsafe { libc::kill(pid, libc::SIGTERM) };
        assert_eq!(
            rc,
            0,
            "kill -TERM {pid}: {}",
            std::io::Error::last_os_error()
        );
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait server") {
                self.reaped = true;
                return status;
            }
            if Instant::now() > deadline {
                panic!(
                    "the server did not stop within {TIMEOUT:?} of SIGTERM\n{}",
                    self.dump()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Server {
    /// SIGKILL, as a crash: the socket file stays behind for the next server to clear.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.reaped = true;
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if !self.reaped {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Waits for a connected desk's inbox, skipping the offer of demo data an empty store makes.
fn open_inbox(desk: &mut App) {
    desk.wait_for("存储中还没有案件");
    // A lone Esc followed at once by another key would be read as Alt+key, so nothing is typed
    // until the popup has gone.
    desk.keys(ESC);
    desk.wait_gone("存储中还没有案件");
    desk.wait_for("收件箱");
}

/// The first case number (`XF2026-00001`) on a screen, read with the spaces of the large
/// display taken out.
fn case_number(screen: &str) -> Option<String> {
    screen.lines().find_map(|line| {
        let chars: Vec<char> = line.chars().filter(|c| *c != ' ').collect();
        (0..chars.len().saturating_sub(11)).find_map(|i| {
            let w = &chars[i..i + 12];
            let ok = w[0] == 'X'
                && w[1] == 'F'
                && w[2..6].iter().all(char::is_ascii_digit)
                && w[6] == '-'
                && w[7..12].iter().all(char::is_ascii_digit);
            ok.then(|| w.iter().collect())
        })
    })
}

#[test]
fn an_intake_at_one_desk_appears_live_in_another_desks_inbox() {
    let place = Place::new();
    place.init();
    let mut server = Server::start(&place);

    let mut a = place.desk();
    let mut b = place.desk();
    open_inbox(&mut a);
    open_inbox(&mut b);
    assert!(
        !b.contents().contains(SUBJECT),
        "the subject is on desk B before it was typed:\n{}",
        b.contents()
    );

    a.keys("n");
    a.wait_for("登记");
    a.type_text("王五");
    a.keys(TAB);
    a.type_text("13900139000");
    for _ in 0..5 {
        a.keys(TAB);
    }
    a.type_text(SUBJECT);
    a.keys(TAB);
    a.type_text("三号楼电梯已停运三天，物业称等配件，老人无法下楼。");
    a.wait_for("老人无法下楼。");
    a.keys(F2);
    a.wait_for("已登记，编号");
    let screen = a.wait_until("the new case's number", TIMEOUT, |s| {
        case_number(s).is_some()
    });
    let number = case_number(&screen).expect("a number on the screen");
    a.keys(ENTER);

    // Not one key goes to desk B from here on: only the server's push can bring the case.
    b.wait_until(
        &format!("{SUBJECT} or {number} on desk B, with no key pressed there"),
        LIVE,
        |s| s.contains(SUBJECT) || s.contains(&number),
    );

    // Desk A, back at its inbox, lists the case it registered too.
    a.wait_gone("请向来电人读出编号");
    a.wait_until(&format!("{SUBJECT} in desk A's inbox"), LIVE, |s| {
        s.contains(SUBJECT)
    });

    quit(&mut a);
    quit(&mut b);

    server.stop();
    assert!(
        !place.socket().exists(),
        "the server left its socket behind\n{}",
        server.dump()
    );
}

#[test]
fn a_desk_without_its_server_says_why_and_makes_no_store() {
    let place = Place::new();
    let mut desk = place.desk();
    desk.wait_for("无法连接服务器");
    let status = desk.wait_exit();
    assert!(
        !status.success(),
        "a desk with no server exited successfully; screen:\n{}",
        desk.contents()
    );
    let store = place.xdg_data().join("xinfang");
    assert!(
        !store.exists(),
        "a desk with no server made a store at {}",
        store.display()
    );
    assert!(
        !place.data().exists(),
        "a desk with no server made {}",
        place.data().display()
    );
    assert!(!place.socket().exists(), "a desk made the socket file");
}

/// Quits a desk with Ctrl-Q and checks it exits successfully.
fn quit(desk: &mut App) {
    desk.keys(CTRL_Q);
    let status = desk.wait_exit();
    assert!(
        status.success(),
        "a desk exited with {status:?} after Ctrl-Q; screen:\n{}",
        desk.contents()
    );
}

/// Every draft a desk keeps on its own machine (under its state directory's `drafts/`), as
/// the text of its file.
fn local_drafts(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .flat_map(|e| {
            let path = e.path();
            if path.is_dir() {
                local_drafts(&path)
            } else {
                vec![std::fs::read_to_string(&path).unwrap_or_default()]
            }
        })
        .collect()
}

/// Polls the desk's local drafts until `done` holds for them.
fn wait_drafts(desk: &App, dir: &Path, what: &str, done: impl Fn(&[String]) -> bool) {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let drafts = local_drafts(dir);
        if done(&drafts) {
            return;
        }
        if Instant::now() > deadline {
            panic!(
                "timed out after {TIMEOUT:?} waiting for {what}; drafts kept on the desk's machine: \
                 {drafts:#?}\nscreen:\n{}",
                desk.contents()
            );
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// Runs the CLI on the embedded store (the server stopped) and reads its JSON reply.
fn cli_json(place: &Place, args: &[&str]) -> serde_json::Value {
    let out = place
        .command()
        .arg("--data")
        .arg(place.data())
        .arg("--json")
        .args(args)
        .output()
        .expect("run xinfang");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "xinfang {args:?} failed ({}):\nstdout:\n{stdout}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("xinfang {args:?} gave bad JSON ({e}):\n{stdout}"))
}

#[test]
fn an_intake_typed_while_the_server_is_away_is_registered_once_when_it_is_back() {
    const TOPIC: &str = "小区供暖温度不达标多次反映未解决";
    const BEFORE: &str = "五号楼室温只有十二度，热力公司说在排查。";
    const AFTER: &str = "家有卧床老人。";
    let place = Place::new();
    place.init();
    let mut server = Server::start(&place);
    let mut desk = place.desk();
    let kept = place.xdg_state().join("xinfang").join("drafts");
    open_inbox(&mut desk);

    desk.keys(F3);
    desk.wait_for("来电历史");
    desk.type_text("赵六");
    desk.keys(TAB);
    desk.type_text("13700137000");
    for _ in 0..5 {
        desk.keys(TAB);
    }
    desk.type_text(TOPIC);
    desk.keys(TAB);
    desk.type_text(BEFORE);
    desk.wait_for("热力公司说在排查。");
    // The draft landed on the server: every call the typing asked for is answered, so none
    // is on its way when the server goes.
    desk.wait_for("草稿已保存");
    server.stop();
    desk.wait_until(
        "连接中断 and the reconnection on the status line",
        TIMEOUT,
        |s| {
            s.contains("连接中断")
                && s.contains("与服务器的连接已断开，草稿保存在本机；正在自动重连")
        },
    );

    desk.type_text(AFTER);
    desk.wait_for(AFTER);
    // Saved while the server is away, the draft is kept on this machine. Once it is there the
    // desk has no call on its way, so F2 below is answered within its 1.5 s.
    wait_drafts(&desk, &kept, "the draft with the text typed offline", |d| {
        d.iter().any(|body| body.contains(AFTER))
    });
    // Later attempts to reconnect leave the status line alone, so F2's answer stays to be read.
    desk.keys(F2);
    let screen = desk.wait_until("F2's failure on the status line", TIMEOUT, |s| {
        s.contains("与服务器的连接已断开，正在自动重连；这一操作未得到确认")
    });
    for typed in ["赵六", "13700137000", TOPIC, BEFORE, AFTER, "连接中断"] {
        assert!(
            screen.contains(typed),
            "{typed:?} is not on screen after F2 failed with the server away:\n{screen}"
        );
    }
    assert!(
        !screen.contains("已登记，编号"),
        "a case was registered with no server:\n{screen}"
    );

    let mut server = Server::start(&place);
    desk.wait_until(
        "已重新连接服务器, and 连接中断 gone from the header",
        BACK,
        |s| s.contains("已重新连接服务器，屏幕已刷新") && !s.contains("连接中断"),
    );
    // The draft kept here went to the server.
    wait_drafts(&desk, &kept, "no draft left on the desk's machine", |d| {
        d.is_empty()
    });

    // F2 again on the same form. Its key comes from the form's draft name, so even a first
    // F2 that had reached the server would not make a second case.
    desk.keys(F2);
    desk.wait_for("已登记，编号");
    let screen = desk.wait_until("the new case's number", TIMEOUT, |s| {
        case_number(s).is_some()
    });
    let number = case_number(&screen).expect("a number on the screen");
    desk.keys(ENTER);
    desk.wait_gone("请向来电人读出编号");
    quit(&mut desk);
    server.stop();

    let list = cli_json(&place, &["list", "--queue", "all"]);
    let rows = list["List"]["rows"]
        .as_array()
        .unwrap_or_else(|| panic!("no rows in the list: {list:#}"));
    assert!(list["List"]["next"].is_null(), "a second page: {list:#}");
    let same: Vec<_> = rows.iter().filter(|r| r["subject"] == TOPIC).collect();
    assert_eq!(same.len(), 1, "not exactly one case of the call: {list:#}");
    assert_eq!(same[0]["number"], number.as_str(), "{list:#}");
    assert_eq!(rows.len(), 1, "other cases in the store: {list:#}");

    let shown = cli_json(&place, &["show", &number]);
    let intake = &shown["Case"]["case"]["intake"];
    assert_eq!(intake["complainant"]["name"], "赵六", "{shown:#}");
    let content = intake["content"]
        .as_str()
        .unwrap_or_else(|| panic!("no content: {shown:#}"));
    assert_eq!(
        content,
        format!("{BEFORE}{AFTER}"),
        "the content is not what was typed before and after the server went"
    );
}

#[test]
fn add_stream_outlives_server_crashes_and_registers_each_line_exactly_once() {
    use std::io::{BufRead, BufReader, Write};
    const LINES: usize = 9;
    /// How long the server stays away when killed between two lines: longer than a call made
    /// while it is away used to wait before giving up.
    const OUTAGE: Duration = Duration::from_secs(3);
    let place = Place::new();
    place.init();
    let mut server = Server::start(&place);
    let mut cli = place
        .command()
        .arg("--connect")
        .arg(place.socket())
        .args(["add", "--stream"])
        .env("STATE_DIRECTORY", place.home().join("cli-state"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn xinfang add --stream");
    let mut feed = cli.stdin.take().unwrap();
    let (tx, numbers) = std::sync::mpsc::channel();
    let stdout = cli.stdout.take().unwrap();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut printed = Vec::new();
    for i in 0..LINES {
        let line = format!(
            "{{\"name\":\"流式{i}\",\"phone\":\"1380000{i:04}\",\"subject\":\"流式登记第{i}件\",\"content\":\"楼道堆放杂物\"}}\n"
        );
        match i % 3 {
            // Killed while the stream waits for its next line, which then starts while the
            // server is away.
            1 => {
                server.kill();
                feed.write_all(line.as_bytes()).unwrap();
                thread::sleep(OUTAGE);
                server = Server::start(&place);
            }
            // Killed with the line on its way.
            2 => {
                feed.write_all(line.as_bytes()).unwrap();
                server.kill();
                server = Server::start(&place);
            }
            _ => feed.write_all(line.as_bytes()).unwrap(),
        }
        match numbers.recv_timeout(Duration::from_secs(60)) {
            Ok(n) => printed.push(n),
            Err(_) => {
                let _ = cli.kill();
                let out = cli.wait_with_output().unwrap();
                panic!(
                    "line {i} got no number; add --stream: {}\n{}",
                    out.status,
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
    }
    drop(feed);
    let out = cli.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    server.stop();
    let listed = cli_json(&place, &["list", "--queue", "all", "--limit", "500"]);
    let rows = listed["List"]["rows"].as_array().expect("a list").clone();
    let mut numbers: Vec<String> = rows
        .iter()
        .map(|r| r["number"].as_str().unwrap().to_string())
        .collect();
    numbers.sort();
    printed.sort();
    assert_eq!(numbers.len(), LINES, "{numbers:?}");
    assert_eq!(numbers, printed);
}
