//! The server's log: one line per event, to `serve.log` in the state directory and to
//! standard error (which systemd keeps in its journal). Anything a peer sent (a build name, an
//! error) is written with its control and bidi characters escaped, so no peer can forge a line
//! or hide text; and the file is rotated at a size, so no peer can fill the disk with it.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// `serve.log` is moved to `serve.log.1` (replacing the older one) when it reaches this size.
pub const ROTATE_AT: u64 = 16 * 1024 * 1024;

struct Open {
    file: File,
    path: PathBuf,
    size: u64,
    max: u64,
}

pub struct Log {
    file: Option<Mutex<Open>>,
    echo: bool,
}

fn open_append(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .mode(0o600)
        .create(true)
        .append(true)
        .open(path)
}

impl Log {
    /// Appends to `DIR/serve.log`, creating the directory readable by its owner only.
    pub fn open(dir: &Path, echo: bool) -> std::io::Result<Log> {
        Log::open_rotating(dir, echo, ROTATE_AT)
    }

    /// As `open`, rotating at `max` bytes.
    pub fn open_rotating(dir: &Path, echo: bool, max: u64) -> std::io::Result<Log> {
        crate::config::ensure_private_dir(dir)?;
        let path = dir.join("serve.log");
        let file = open_append(&path)?;
        let size = file.metadata()?.len();
        Ok(Log {
            file: Some(Mutex::new(Open {
                file,
                path,
                size,
                max,
            })),
            echo,
        })
    }

    /// A log that only echoes, for servers run inside tests and benchmarks.
    pub fn stderr_only(echo: bool) -> Log {
        Log { file: None, echo }
    }

    pub fn line(&self, text: impl AsRef<str>) {
        let line = format!(
            "{} {}\n",
            chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z"),
            escape(text.as_ref())
        );
        if let Some(f) = &self.file {
            let mut f = f.lock().unwrap_or_else(|p| p.into_inner());
            // A log that cannot be written must not stop the server serving.
            if f.size + line.len() as u64 > f.max {
                let _ = f.rotate();
            }
            if f.file.write_all(line.as_bytes()).is_ok() {
                f.size += line.len() as u64;
            }
        }
        if self.echo {
            eprint!("{line}");
        }
    }
}

impl Open {
    fn rotate(&mut self) -> std::io::Result<()> {
        let mut old = self.path.clone().into_os_string();
        old.push(".1");
        std::fs::rename(&self.path, &old)?;
        self.file = open_append(&self.path)?;
        self.size = 0;
        Ok(())
    }
}

/// `text` with every character that `domain::text::hidden` names (line breaks included, so a
/// peer cannot start a line of its own) written as `\u{..}`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if crate::domain::text::hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// A line that may come in a flood (accept failures, desks turned away): written at most once
/// per interval, with how many like it were left out.
pub struct Every {
    interval: Duration,
    state: Mutex<(Option<Instant>, u64)>,
}

impl Every {
    pub fn new(interval: Duration) -> Every {
        Every {
            interval,
            state: Mutex::new((None, 0)),
        }
    }

    pub fn line(&self, log: &Log, text: impl AsRef<str>) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if s.0.is_some_and(|t| t.elapsed() < self.interval) {
            s.1 += 1;
            return;
        }
        let left_out = std::mem::take(&mut s.1);
        s.0 = Some(Instant::now());
        drop(s);
        if left_out > 0 {
            log.line(format!(
                "{} ({left_out} more like it left out)",
                text.as_ref()
            ));
        } else {
            log.line(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_peers_newlines_escapes_and_bidi_controls_stay_on_one_visible_line() {
        let e = escape("1.0\n2026-01-01T00:00:00+08:00 admin connected\x1b[2J\u{202e}x\u{2028}");
        assert!(!e.contains('\n') && !e.contains('\x1b'), "{e}");
        assert!(!e.contains('\u{202e}') && !e.contains('\u{2028}'), "{e}");
        assert!(e.contains("\\u{a}") && e.contains("\\u{1b}") && e.contains("\\u{202e}"));
        assert_eq!(escape("张三 connected"), "张三 connected");
    }

    #[test]
    fn the_log_file_is_rotated_at_its_size_and_floods_are_summed_up() {
        let dir = tempfile::tempdir().unwrap();
        let log = Log::open_rotating(dir.path(), false, 10_000).unwrap();
        let every = Every::new(Duration::from_secs(3600));
        for n in 0..5000 {
            log.line(format!("line {n} of a long flood of lines"));
            every.line(&log, "accept: too many open files");
        }
        let size = |n: &str| std::fs::metadata(dir.path().join(n)).unwrap().len();
        assert!(size("serve.log") <= 10_000, "{}", size("serve.log"));
        assert!(size("serve.log.1") <= 10_000);
        let both = std::fs::read_to_string(dir.path().join("serve.log.1")).unwrap()
            + &std::fs::read_to_string(dir.path().join("serve.log")).unwrap();
        assert!(both.contains("line 4999 "));
        assert!(both.matches("too many open files").count() <= 1);
    }
}
