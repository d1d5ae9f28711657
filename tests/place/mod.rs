//! One temporary place for a real `xinfang serve` and the desks and commands that use it: home,
//! XDG directories, the store, the server's state and its socket.
#![allow(dead_code)]

use std::fs::File;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::pty::{App, BIN, CTRL_Q, CommandBuilder, ESC, TIMEOUT};

/// The fixed time of every test store here.
pub const NOW: &str = "2026-03-02T09:00:00+08:00";

/// Settings that would point a process at some other store, server or directory.
pub const FOREIGN: &[&str] = &[
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
pub struct Place {
    dir: tempfile::TempDir,
}

impl Place {
    pub fn new() -> Place {
        let dir = tempfile::Builder::new()
            .prefix("xf-")
            .tempdir_in("/tmp")
            .expect("temporary directory under /tmp");
        Place { dir }
    }

    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    pub fn data(&self) -> PathBuf {
        self.home().join("data")
    }

    pub fn state(&self) -> PathBuf {
        self.home().join("state")
    }

    pub fn socket(&self) -> PathBuf {
        self.home().join("s.sock")
    }

    pub fn xdg_data(&self) -> PathBuf {
        self.home().join("xdg-data")
    }

    /// Where a desk keeps what it must keep on its own machine (`drafts/`).
    pub fn xdg_state(&self) -> PathBuf {
        self.home().join("xdg-state")
    }

    /// The embedded store files its first administrator under the name of this process's uid,
    /// the same name the server finds for a desk's uid.
    pub fn env(&self) -> Vec<(&'static str, PathBuf)> {
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

    pub fn command(&self) -> Command {
        let mut cmd = Command::new(BIN);
        for k in FOREIGN.iter() {
            cmd.env_remove(k);
        }
        cmd.envs(self.env()).current_dir(self.home());
        cmd
    }

    /// Creates the store, making the login running the test its administrator with every role.
    pub fn init(&self) {
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
    pub fn desk(&self) -> App {
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
pub struct Server {
    child: Child,
    stderr: PathBuf,
    log: PathBuf,
    reaped: bool,
}

impl Server {
    pub fn start(place: &Place) -> Server {
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
    pub fn wait_said(&self, needle: &str) {
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
    pub fn dump(&self) -> String {
        let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_else(|e| format!("({e})"));
        format!(
            "server stderr:\n{}\nserve.log:\n{}",
            read(&self.stderr),
            read(&self.log)
        )
    }

    /// Sends SIGTERM and checks the server exits successfully.
    pub fn stop(&mut self) {
        let status = self.terminate();
        assert!(
            status.success(),
            "the server exited with {status} after SIGTERM\n{}",
            self.dump()
        );
    }

    /// Sends SIGTERM and waits for the server to exit.
    pub fn terminate(&mut self) -> ExitStatus {
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
    pub fn kill(&mut self) {
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
pub fn open_inbox(desk: &mut App) {
    desk.wait_for("存储中还没有案件");
    // A lone Esc followed at once by another key would be read as Alt+key, so nothing is typed
    // until the popup has gone.
    desk.keys(ESC);
    desk.wait_gone("存储中还没有案件");
    desk.wait_for("收件箱");
}

/// The first case number (`XF2026-00001`) on a screen, read with the spaces of the large
/// display taken out.
pub fn case_number(screen: &str) -> Option<String> {
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

/// Quits a desk with Ctrl-Q and checks it exits successfully.
pub fn quit(desk: &mut App) {
    desk.keys(CTRL_Q);
    let status = desk.wait_exit();
    assert!(
        status.success(),
        "a desk exited with {status:?} after Ctrl-Q; screen:\n{}",
        desk.contents()
    );
}

/// Runs the CLI on the embedded store (the server stopped) and reads its JSON reply.
pub fn cli_json(place: &Place, args: &[&str]) -> serde_json::Value {
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
