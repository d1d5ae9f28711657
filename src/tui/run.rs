//! The loop: one channel of messages from the keyboard, the service worker and the change
//! stream; `update`, perform the effects, draw once per batch.

use std::io::{Write, stdout};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

use anyhow::Context;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::execute;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::Position;

use crate::desk::Desk;
use crate::lang::L;
use crate::service::{Request, ServiceError};

use super::app::{App, Tone};
use super::msg::{Effect, Msg, Purpose};
use super::theme::Theme;

/// Puts the terminal back: raw mode off, main screen, paste mode off, cursor shown.
fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
}

/// Whether the locale promises UTF-8; a GBK client's Chinese never arrives otherwise.
pub fn locale_is_utf8() -> bool {
    let v = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default()
        .to_ascii_lowercase();
    v.contains("utf-8") || v.contains("utf8")
}

/// Runs the desk until the user quits. The desk moves to a worker thread; nothing slow runs
/// on the thread that reads keys and draws.
pub fn run(desk: Box<dyn Desk + Send>, mut app: App, theme: Theme) -> anyhow::Result<()> {
    let changes = desk.changes();
    let links = desk.links();
    let (tx, rx) = channel::<Msg>();
    let (calls, worker) = spawn_worker(desk, tx.clone());
    spawn_changes(changes, tx.clone());
    if let Some(links) = links {
        let tx = tx.clone();
        thread::spawn(move || {
            for l in links {
                if tx.send(Msg::Link(l)).is_err() {
                    break;
                }
            }
        });
    }
    spawn_ticks(tx.clone());
    let hook = std::panic::take_hook();
    let ui = thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        // Only the thread that owns the screen gives it back and prints; a worker's panic is
        // reported on the status line as a failed call (see `spawn_worker`), and printing it
        // here would scribble over the screen.
        if thread::current().id() == ui {
            restore();
            hook(info);
        }
    }));
    let mut terminal = ratatui::try_init().context("opening the terminal")?;
    execute!(stdout(), EnableBracketedPaste).context("enabling bracketed paste")?;
    spawn_input(tx);
    let result = run_loop(&mut terminal, &mut app, &theme, &rx, &calls);
    restore();
    // Let queued calls (the last draft save) finish before the process ends.
    drop(calls);
    let _ = worker.join();
    result
}

/// Draws frames, writing nothing for a frame equal to the last one: a reply or a tick that
/// changes nothing on screen costs the terminal no bytes.
#[derive(Default)]
pub struct Presenter {
    last: Option<(Buffer, Option<Position>)>,
}

impl Presenter {
    pub fn present<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        app: &App,
        theme: &Theme,
    ) -> Result<(), B::Error> {
        terminal.autoresize()?;
        let caret = {
            let mut frame = terminal.get_frame();
            super::view::render(app, theme, &mut frame)
        };
        let buffer = terminal.current_buffer_mut();
        scrub(buffer);
        if self
            .last
            .as_ref()
            .is_some_and(|(b, c)| b == buffer && *c == caret)
        {
            buffer.reset();
            return Ok(());
        }
        self.last = Some((buffer.clone(), caret));
        terminal.apply_buffer_with_cursor(caret)?;
        Ok(())
    }
}

/// The last guard before the terminal: ratatui drops control and zero-width characters, but a
/// line or paragraph separator (U+2028/U+2029) from a server's reply would still be written;
/// such a cell shows `?` instead.
pub fn scrub(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(crate::domain::text::hidden) {
            cell.set_symbol("?");
        }
    }
}

fn run_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    theme: &Theme,
    rx: &Receiver<Msg>,
    calls: &Sender<(Purpose, Request)>,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    let mut effects = app.start();
    let mut presenter = Presenter::default();
    loop {
        for e in effects.drain(..) {
            perform(e, calls, app);
        }
        if app.quit {
            return Ok(());
        }
        presenter.present(terminal, app, theme)?;
        let Ok(msg) = rx.recv() else {
            return Ok(());
        };
        effects = app.update(msg);
        while let Ok(m) = rx.try_recv() {
            effects.extend(app.update(m));
        }
    }
}

fn perform(e: Effect, calls: &Sender<(Purpose, Request)>, app: &mut App) {
    match e {
        Effect::Call(p, r) => {
            if calls.send((p, *r)).is_err() {
                let text = app.tr(L::WorkerStopped);
                app.say(Tone::Error, text);
            }
        }
        Effect::Export { name, text } => {
            let result = write_new(&name, &text)
                .map(|()| name)
                .map_err(|e| e.to_string());
            let fx = app.update(Msg::Exported(result));
            for e in fx {
                perform(e, calls, app);
            }
        }
    }
}

/// Writes a new file for its owner alone (it lists cases and names) and flushes it to disk;
/// never overwrites one, nor writes through a symbolic link.
fn write_new(name: &str, text: &str) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(name)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

fn spawn_worker(
    desk: Box<dyn Desk + Send>,
    tx: Sender<Msg>,
) -> (Sender<(Purpose, Request)>, thread::JoinHandle<()>) {
    let (calls, requests) = channel::<(Purpose, Request)>();
    let worker = thread::spawn(move || {
        for (purpose, req) in requests {
            // A bug in one call must not take the desk's service away for the rest.
            let reply = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| desk.call(req)))
                .unwrap_or(Err(ServiceError::Internal));
            // The desk may be closing: a reply nobody reads is fine, the call was made.
            let _ = tx.send(Msg::Reply(purpose, reply));
        }
    });
    (calls, worker)
}

/// A quarter-second beat: drafts are saved when typing pauses.
fn spawn_ticks(tx: Sender<Msg>) {
    thread::spawn(move || {
        while tx.send(Msg::Tick).is_ok() {
            thread::sleep(std::time::Duration::from_millis(250));
        }
    });
}

fn spawn_changes(changes: Receiver<crate::service::Change>, tx: Sender<Msg>) {
    thread::spawn(move || {
        for c in changes {
            if tx.send(Msg::Changed(c)).is_err() {
                break;
            }
        }
    });
}

fn spawn_input(tx: Sender<Msg>) {
    thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(Event::Key(k)) => Msg::Key(k),
                Ok(Event::Paste(p)) => Msg::Paste(p),
                Ok(Event::Resize(w, h)) => Msg::Resize(w, h),
                Ok(_) => continue,
                Err(_) => break,
            };
            if tx.send(msg).is_err() {
                break;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::write_new;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn no_control_or_bidi_character_reaches_the_terminal() {
        let mut b = Buffer::empty(Rect::new(0, 0, 20, 1));
        let text = "电梯\u{1b}[2J\u{202E}坏了\u{2066}\u{2028}";
        b.set_string(0, 0, text, ratatui::style::Style::default());
        super::scrub(&mut b);
        let shown: String = b.content.iter().map(|c| c.symbol()).collect();
        assert!(!shown.chars().any(crate::domain::text::hidden), "{shown:?}");
        assert_eq!(shown.replace(' ', ""), "电梯[2J坏了?");
    }

    #[test]
    fn an_export_is_for_its_owner_alone_and_never_goes_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("overdue.txt");
        let name = file.to_str().unwrap();
        write_new(name, "XF2026-00001 逾期3个工作日\n").unwrap();
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        // A name planted as a link to someone's file: refused, and the file is untouched.
        let theirs = dir.path().join("theirs.txt");
        std::fs::write(&theirs, "").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&theirs, &link).unwrap();
        assert!(write_new(link.to_str().unwrap(), "名单").is_err());
        assert_eq!(std::fs::read_to_string(&theirs).unwrap(), "");
    }
}
