//! The server's log: one line per event, to `serve.log` in the state directory and to
//! standard error (which systemd keeps in its journal).

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

pub struct Log {
    file: Option<Mutex<File>>,
    echo: bool,
}

impl Log {
    /// Appends to `DIR/serve.log`, creating the directory readable by its owner only.
    pub fn open(dir: &Path, echo: bool) -> std::io::Result<Log> {
        crate::config::ensure_private_dir(dir)?;
        use std::os::unix::fs::OpenOptionsExt;
        let file = std::fs::OpenOptions::new()
            .mode(0o600)
            .create(true)
            .append(true)
            .open(dir.join("serve.log"))?;
        Ok(Log {
            file: Some(Mutex::new(file)),
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
            text.as_ref()
        );
        if let Some(f) = &self.file {
            let mut f = f.lock().unwrap_or_else(|p| p.into_inner());
            // A log that cannot be written must not stop the server serving.
            let _ = f.write_all(line.as_bytes());
        }
        if self.echo {
            eprint!("{line}");
        }
    }
}
