//! The desk's figures for `xinfang bench`: first frame, each pane's render, keystroke to frame
//! while typing an intake, and the bytes a typed character costs on the wire to the terminal.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::desk::LocalDesk;
use crate::domain::case::Channel;
use crate::lang::Lang;
use crate::service::{Actor, Request, Service};
use crate::tui::app::{App, Env};
use crate::tui::effects::{self, Runner};
use crate::tui::keymap::Keymap;
use crate::tui::msg::{Effect, Msg, Purpose};
use crate::tui::run::Presenter;
use crate::tui::theme::Theme;

use super::bench::{Figure, figure};

/// Counts what the desk writes to the terminal.
#[derive(Clone, Default)]
struct Counter(Arc<AtomicUsize>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.fetch_add(buf.len(), Ordering::Relaxed);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The desk in a fake 80x24 terminal, its service calls on a worker thread as in the real loop.
struct Rig {
    app: App,
    theme: Theme,
    term: Terminal<CrosstermBackend<Counter>>,
    runner: Runner<Sender<(Purpose, Request)>>,
    replies: Receiver<Msg>,
    written: Counter,
    worker: std::thread::JoinHandle<()>,
    presenter: Presenter,
}

impl Rig {
    fn new(desk: LocalDesk) -> anyhow::Result<Rig> {
        let (keymap, _) = Keymap::load("default", None);
        let (theme, _) = Theme::load("default", false, None);
        let env = Env {
            lang: Lang::Zh,
            keymap,
            ascii: false,
            channel: Channel::Phone,
            session: "bench".into(),
            documents: None,
        };
        let (tx, replies) = channel();
        let (calls, worker) = effects::worker(Box::new(desk), tx);
        let written = Counter::default();
        let backend = CrosstermBackend::new(written.clone());
        let term = Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 80, 24)),
            },
        )?;
        Ok(Rig {
            app: App::new(env, (80, 24)),
            theme,
            term,
            // The bench exports nothing; the working directory, as the desk.
            runner: Runner::new(calls, "."),
            replies,
            written,
            worker,
            presenter: Presenter::default(),
        })
    }

    fn perform(&mut self, fx: Vec<Effect>) -> usize {
        self.runner.perform(&mut self.app, fx)
    }

    /// A frame as the desk's loop draws it (nothing written when nothing changed).
    fn draw(&mut self) -> anyhow::Result<()> {
        self.presenter
            .present(&mut self.term, &self.app, &self.theme)?;
        Ok(())
    }

    /// Feeds replies until `outstanding` have arrived (and those they ask for), drawing after
    /// each as the desk's loop does.
    fn settle(&mut self, mut outstanding: usize) -> anyhow::Result<()> {
        while outstanding > 0 {
            let msg = self.replies.recv_timeout(Duration::from_secs(30))?;
            outstanding -= 1;
            let fx = self.app.update(msg);
            outstanding += self.perform(fx);
            self.draw()?;
        }
        Ok(())
    }

    fn key(&mut self, code: KeyCode) -> usize {
        let fx = self
            .app
            .update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        self.perform(fx)
    }

    /// Stops the worker and waits for it, so that its hold on the store ends here.
    fn finish(self) {
        drop(self.runner);
        let _ = self.worker.join();
    }

    fn bytes(&self) -> usize {
        self.written.0.load(Ordering::Relaxed)
    }
}

pub struct DeskFigures {
    pub figures: Vec<Figure>,
    pub bytes_per_char: f64,
}

pub fn measure(s: &Arc<Service>, actor: Actor) -> anyhow::Result<DeskFigures> {
    let mut figures = Vec::new();
    let started = Instant::now();
    let mut rig = Rig::new(LocalDesk::new(s.clone(), actor))?;
    let fx = rig.app.start();
    let n = rig.perform(fx);
    rig.settle(n)?;
    rig.draw()?;
    figures.push(figure(
        "desk: start to first full frame",
        Some(200.0),
        vec![started.elapsed()],
    ));
    for (what, key) in [
        ("desk: render inbox", KeyCode::F(4)),
        ("desk: render case detail", KeyCode::Enter),
        ("desk: render assignment", KeyCode::F(5)),
        ("desk: render overdue", KeyCode::F(6)),
    ] {
        let n = rig.key(key);
        rig.settle(n)?;
        let mut samples = Vec::new();
        for _ in 0..200 {
            let t = Instant::now();
            rig.term
                .draw(|f| crate::tui::view::view(&rig.app, &rig.theme, f))?;
            samples.push(t.elapsed());
        }
        figures.push(figure(what, Some(1.0), samples));
    }
    // Paging down the inbox: a page comes from the service whenever the held ones run out.
    let n = rig.key(KeyCode::F(4));
    rig.settle(n)?;
    let mut samples = Vec::new();
    for _ in 0..300 {
        let t = Instant::now();
        let n = rig.key(KeyCode::PageDown);
        rig.settle(n)?;
        rig.draw()?;
        samples.push(t.elapsed());
    }
    figures.push(figure(
        "desk: inbox page down, key to frame",
        Some(16.0),
        samples,
    ));
    // Switching panes as a user does: the key, the service call, the frame.
    let mut samples = Vec::new();
    for i in 0..100 {
        let key = if i % 2 == 0 {
            KeyCode::F(4)
        } else {
            KeyCode::F(6)
        };
        let t = Instant::now();
        let n = rig.key(key);
        rig.settle(n)?;
        rig.draw()?;
        samples.push(t.elapsed());
    }
    figures.push(figure(
        "desk: switch pane, key to frame",
        Some(16.0),
        samples,
    ));
    // Typing an intake: each key is drawn at once; the draft save runs on the worker.
    let n = rig.key(KeyCode::F(3));
    rig.settle(n)?;
    rig.draw()?;
    // A call as an operator types it: name, phone, subject, then the content of the call.
    let note =
        "王女士来电反映小区电梯经常停运，物业维修不及时，老人上下楼十分困难，请尽快督促处理。";
    let fields: [(&str, usize); 4] = [
        ("王女士", 1),
        ("13800138000", 5),
        ("小区电梯经常停运", 1),
        (&note.repeat(8), 0),
    ];
    // At a typist's pace: a quarter-second tick between keys, and every reply drawn as it
    // lands, exactly as the desk's loop does.
    let mut samples = Vec::new();
    let before = rig.bytes();
    let mut typed = 0;
    for (text, tabs) in fields {
        for c in text.chars() {
            let t = Instant::now();
            let n = rig.key(KeyCode::Char(c));
            rig.draw()?;
            samples.push(t.elapsed());
            typed += 1;
            rig.settle(n)?;
            let fx = rig.app.update(Msg::Tick);
            let n = rig.perform(fx);
            rig.draw()?;
            rig.settle(n)?;
        }
        for _ in 0..tabs {
            let n = rig.key(KeyCode::Tab);
            rig.settle(n)?;
        }
        rig.draw()?;
    }
    let bytes_per_char = (rig.bytes() - before) as f64 / typed as f64;
    figures.push(figure(
        "desk: keystroke to frame (intake)",
        Some(16.0),
        samples,
    ));
    rig.finish();
    Ok(DeskFigures {
        figures,
        bytes_per_char,
    })
}

/// `xinfang` as a whole process in a pseudo-terminal, from its start to the first frame that
/// shows a case: what a user waits for after pressing Enter.
/// Also returns the largest peak RSS of those processes, in MB.
/// Starts the desk five times in a pseudo-terminal, with `store` naming where its service is
/// (`--data DIR` or `--connect SOCKET`): the time to its first case on screen, and its peak RSS.
pub fn process_start(store: &[&std::ffi::OsStr]) -> anyhow::Result<(Vec<Duration>, f64)> {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    let exe = std::env::current_exe()?;
    let mut samples = Vec::new();
    let mut rss_kb = 0;
    for _ in 0..5 {
        let (mut master, slave) = open_pty()?;
        let t = Instant::now();
        let mut cmd = std::process::Command::new(&exe);
        cmd.env("LANG", "C.UTF-8")
            .env("TERM", "xterm-256color")
            .args(store)
            .stdin(slave.try_clone()?)
            .stdout(slave.try_clone()?)
            .stderr(slave);
        // SAFETY: between fork and exec only async-signal-safe calls: a new session whose
        // controlling terminal is the pty on stdin, as a login shell would have.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let mut child = cmd.spawn()?;
        let mut seen = Vec::new();
        let mut buf = [0u8; 65536];
        while !seen.windows(4).any(|w| w == b"XF20") {
            if t.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                anyhow::bail!("the desk showed no case within a minute");
            }
            let n = master.read(&mut buf)?;
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
        }
        samples.push(t.elapsed());
        master.write_all(b"\x11")?;
        // Keep reading so the desk's last frames never block it, until it has gone.
        std::thread::spawn(move || while matches!(master.read(&mut buf), Ok(n) if n > 0) {});
        rss_kb = rss_kb.max(reap(child.id())?);
    }
    Ok((samples, rss_kb as f64 / 1024.0))
}

/// Waits for a child and returns its peak RSS in kB.
fn reap(pid: u32) -> anyhow::Result<i64> {
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; the pointers are to the locals above.
    let rc = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    if rc < 0 {
        return Err(std::io::Error::last_os_error().into());
    }
    Ok(usage.ru_maxrss)
}

/// A new pseudo-terminal of 80x24: the master to read and write, the slave for the child.
fn open_pty() -> anyhow::Result<(std::fs::File, std::fs::File)> {
    use std::os::fd::FromRawFd;
    let mut master = -1;
    let mut slave = -1;
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors into the locals and reads `size`.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error().into());
    }
    // SAFETY: both descriptors were just opened and are owned by nobody else.
    Ok(unsafe {
        (
            std::fs::File::from_raw_fd(master),
            std::fs::File::from_raw_fd(slave),
        )
    })
}
