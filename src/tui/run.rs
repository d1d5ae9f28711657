//! The loop: one channel of messages from the keyboard, the service worker and the change
//! stream; `update`, perform the effects, draw once per batch.

use std::io::stdout;
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
use crate::service::Request;

use super::app::App;
use super::effects::Runner;
use super::msg::{Msg, Purpose};
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
    let (calls, worker) = super::effects::worker(desk, tx.clone());
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
        // reported on the status line as a failed call (see `effects::worker`), and printing it
        // here would scribble over the screen.
        if thread::current().id() == ui {
            restore();
            hook(info);
        }
    }));
    let mut terminal = ratatui::try_init().context("opening the terminal")?;
    execute!(stdout(), EnableBracketedPaste).context("enabling bracketed paste")?;
    spawn_input(tx);
    // Exports go to the working directory, where the user started the desk.
    let mut runner = Runner::new(calls, ".");
    let result = run_loop(&mut terminal, &mut app, &theme, &rx, &mut runner);
    restore();
    // Let queued calls (the last draft save) finish before the process ends.
    drop(runner);
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
    runner: &mut Runner<Sender<(Purpose, Request)>>,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.shell.size = (size.width, size.height);
    let mut effects = app.start();
    let mut presenter = Presenter::default();
    loop {
        runner.perform(app, effects);
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
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

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
}
