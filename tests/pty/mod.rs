//! The pseudo-terminal driver shared by the end-to-end tests: it runs the real `xinfang` binary
//! in a pty, sends keys as the bytes a terminal sends, and reads the screen back through a vt100
//! emulator. Every wait polls the screen with a deadline and dumps the whole screen when it runs
//! out. Dropping an [`App`] kills its process, so a failed test leaves nothing running.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

pub use portable_pty::CommandBuilder;
use portable_pty::{Child, MasterPty, PtySize, native_pty_system};

pub const BIN: &str = env!("CARGO_BIN_EXE_xinfang");
/// How long any wait lasts before the test fails with the screen.
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub const F2: &str = "\x1bOQ";
pub const F3: &str = "\x1bOR";
pub const TAB: &str = "\t";
pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const CTRL_Q: &str = "\x11";

/// Every pty starts at this size.
pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal side is never zero")
}

/// One run of the app in a pty.
pub struct App {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    pub screen: Arc<Mutex<vt100::Parser>>,
    reaped: bool,
}

impl App {
    /// Runs `cmd` (built from [`BIN`]) in a new pty of [`ROWS`]×[`COLS`].
    pub fn spawn(cmd: CommandBuilder) -> App {
        let pair = native_pty_system()
            .openpty(size(ROWS, COLS))
            .expect("openpty");
        let child = pair.slave.spawn_command(cmd).expect("spawn xinfang");
        drop(pair.slave);
        let master = pair.master;
        let mut reader = master.try_clone_reader().expect("pty reader");
        let writer = master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(ROWS), nz(COLS), 0)));
        let feed = Arc::clone(&screen);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => feed.lock().unwrap().process(&buf[..n]),
                }
            }
        });
        App {
            child,
            master,
            writer,
            screen,
            reaped: false,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Polls the screen every 20 ms until `done` holds for it, and returns that screen; panics
    /// with the screen once `within` has passed.
    pub fn wait_until(&self, what: &str, within: Duration, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + within;
        loop {
            let text = self.contents();
            if done(&text) {
                return text;
            }
            if Instant::now() > deadline {
                panic!("timed out after {within:?} waiting for {what}; screen:\n{text}");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Polls the screen until it shows `needle`; panics with the screen on timeout.
    pub fn wait_for(&self, needle: &str) {
        self.wait_until(&format!("{needle:?}"), TIMEOUT, |s| s.contains(needle));
    }

    /// Polls until `needle` is gone from the screen, e.g. a popup closed.
    pub fn wait_gone(&self, needle: &str) {
        self.wait_until(&format!("{needle:?} to go"), TIMEOUT, |s| {
            !s.contains(needle)
        });
    }

    pub fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// Types text one character at a time, as a person at a keyboard (or an IME committing) would.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.keys(c.encode_utf8(&mut [0; 4]));
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.keys(&format!("\x1b[200~{text}\x1b[201~"));
    }

    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
        self.master.resize(size(rows, cols)).expect("resize pty");
    }

    /// Waits for the child to exit on its own, with the same deadline as the screen waits.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                self.reaped = true;
                return status;
            }
            if Instant::now() > deadline {
                panic!(
                    "xinfang did not exit within {TIMEOUT:?}; screen:\n{}",
                    self.contents()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn kill(&mut self) {
        self.child.kill().expect("kill xinfang");
        self.child.wait().expect("reap xinfang");
        self.reaped = true;
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if !self.reaped {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
