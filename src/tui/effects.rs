//! Runs what `update` asks for: the one place that knows each `Effect`. The desk's loop, the
//! bench and the test driver differ only in how a call reaches the desk (`Calls`) and where an
//! export is written.

use std::collections::VecDeque;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Sender, channel};
use std::thread;

use crate::desk::Desk;
use crate::lang::L;
use crate::service::{Request, ServiceError};

use super::app::{App, Tone};
use super::msg::{Effect, Msg, Purpose};

/// Nobody is left to make a call.
pub struct Stopped;

/// How a call reaches the desk.
pub trait Calls {
    /// Makes the call: its reply if made at once, `None` if that arrives later as a
    /// `Msg::Reply` on the loop's channel.
    fn call(&mut self, purpose: Purpose, req: Request) -> Result<Option<Msg>, Stopped>;
}

/// To the worker thread of `worker`.
impl Calls for Sender<(Purpose, Request)> {
    fn call(&mut self, purpose: Purpose, req: Request) -> Result<Option<Msg>, Stopped> {
        self.send((purpose, req))
            .map(|()| None)
            .map_err(|_| Stopped)
    }
}

/// On this thread, at once: the test driver's desk.
pub struct Now<D>(pub D);

impl<D: Desk> Calls for Now<D> {
    fn call(&mut self, purpose: Purpose, req: Request) -> Result<Option<Msg>, Stopped> {
        Ok(Some(Msg::Reply(purpose, self.0.call(req))))
    }
}

pub struct Runner<C> {
    calls: C,
    /// Where exports are written: the working directory for the desk, a test's own directory.
    exports: PathBuf,
}

impl<C: Calls> Runner<C> {
    pub fn new(calls: C, exports: impl Into<PathBuf>) -> Runner<C> {
        Runner {
            calls,
            exports: exports.into(),
        }
    }

    /// Performs `fx` and those their immediate results ask for, in order; returns how many
    /// replies are still to come on the loop's channel.
    pub fn perform(&mut self, app: &mut App, fx: Vec<Effect>) -> usize {
        let mut queue: VecDeque<Effect> = fx.into();
        let mut later = 0;
        while let Some(e) = queue.pop_front() {
            let msg = match e {
                Effect::Call(p, r) => match self.calls.call(p, *r) {
                    Ok(Some(msg)) => msg,
                    Ok(None) => {
                        later += 1;
                        continue;
                    }
                    Err(Stopped) => {
                        app.say(Tone::Error, app.tr(L::WorkerStopped));
                        continue;
                    }
                },
                Effect::Export { name, text } => {
                    let path = self.exports.join(&name);
                    let written = write_new(&path, &text).map(|()| name);
                    Msg::Exported(written.map_err(|e| e.to_string()))
                }
                Effect::Document { number, doc, at } => save_document(app, &number, &doc, at),
            };
            queue.extend(app.update(msg));
        }
        later
    }
}

/// Writes an issued document as a Word file into the documents directory, never over another.
fn save_document(
    app: &App,
    number: &str,
    doc: &crate::domain::document::Issued,
    at: crate::domain::time::Timestamp,
) -> Msg {
    // Documents are Chinese official papers whatever the desk's language: so is their name.
    let kind = crate::lang::Lang::Zh.words().doc_kind(doc.kind);
    let title = format!("{} {}", app.shell.words().doc_kind(doc.kind), doc.serial);
    let result = match &app.shell.env.documents {
        None => Err(app.tr(L::DocumentsDirUnset).to_string()),
        Some(dir) => crate::docs::docx(
            &doc.text,
            &crate::docs::Meta {
                title: kind.to_string(),
                issued_at: at,
            },
        )
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            let name = format!("{number}-{kind}-{}.docx", doc.serial);
            crate::docs::write(dir, &name, &bytes).map_err(|e| e.to_string())
        })
        .map(|path| path.display().to_string()),
    };
    Msg::Saved { title, result }
}

/// Writes a new file for its owner alone (it lists cases and names) and flushes it to disk;
/// never overwrites one, nor writes through a symbolic link.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

/// Moves the desk to a thread of its own, making the calls sent to it in order; each reply
/// comes back on `tx` as a `Msg::Reply`. The thread ends when the sender returned is dropped.
pub fn worker(
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

#[cfg(test)]
mod tests {
    use super::{Runner, write_new};
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_call_after_the_worker_has_gone_is_said_on_the_status_line() {
        let (keymap, _) = crate::tui::keymap::Keymap::load("default", None);
        let env = crate::tui::app::Env {
            lang: crate::lang::Lang::En,
            keymap,
            ascii: false,
            channel: crate::domain::case::Channel::Phone,
            session: "test".into(),
            documents: None,
        };
        let mut app = crate::tui::app::App::new(env, (80, 24));
        let (calls, requests) = std::sync::mpsc::channel();
        drop(requests);
        let mut runner = Runner::new(calls, ".");
        let fx = app.start();
        assert!(!fx.is_empty());
        assert_eq!(runner.perform(&mut app, fx), 0);
        let said = app.tr(crate::lang::L::WorkerStopped);
        let status = app.status.expect("a message");
        assert_eq!(status.text, said);
    }

    #[test]
    fn an_export_is_for_its_owner_alone_and_never_goes_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("overdue.txt");
        write_new(&file, "XF2026-00001 逾期3个工作日\n").unwrap();
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        // A name planted as a link to someone's file: refused, and the file is untouched.
        let theirs = dir.path().join("theirs.txt");
        std::fs::write(&theirs, "").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&theirs, &link).unwrap();
        assert!(write_new(&link, "名单").is_err());
        assert_eq!(std::fs::read_to_string(&theirs).unwrap(), "");
    }
}
