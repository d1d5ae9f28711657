//! Where things live: the data and config directories.

use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

use crate::lang::Lang;

/// `--data DIR`, else `$XINFANG_DATA`, else the XDG data directory (`~/.local/share/xinfang`).
pub fn data_dir(flag: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("XINFANG_DATA").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let base = etcetera::choose_base_strategy()
        .map_err(|e| anyhow::anyhow!("cannot find the home directory: {e}"))?;
    Ok(base.data_dir().join("xinfang"))
}

/// `$XINFANG_CONFIG_DIR`, else `$XDG_CONFIG_HOME/xinfang`, else `~/.config/xinfang`; `None`
/// without a home directory, so the desk still starts on its built-in defaults.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("XINFANG_CONFIG_DIR").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join("xinfang"))
}

/// Creates a directory of personal data readable by its owner only; one that group or others
/// can read is refused, with the `chmod` to run, once it holds anything.
pub fn ensure_private_dir(dir: &Path) -> std::io::Result<()> {
    crate::store::private_dir(dir).map_err(|e| match e {
        crate::store::StoreError::Io { message, .. } => std::io::Error::other(message),
        // Kept whole, so that the command line can word it in the user's language.
        e => std::io::Error::other(e),
    })
}

/// The OS login name of the person running this process: the name of its uid, never the
/// environment (`USER=someone-else` must not choose who is recorded on a legal record). A uid
/// no name source knows is `uid<N>`.
pub fn os_login() -> String {
    let uid = crate::os_user::my_uid();
    crate::os_user::login_of(uid).unwrap_or_else(|| format!("uid{uid}"))
}

/// Where a server keeps its log and backups: `$STATE_DIRECTORY` (systemd's `StateDirectory=`),
/// else `$XDG_STATE_HOME/xinfang`, else `~/.local/state/xinfang`.
pub fn state_dir() -> anyhow::Result<PathBuf> {
    if let Some(p) = std::env::var_os("STATE_DIRECTORY").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let base = etcetera::choose_base_strategy()
        .map_err(|e| anyhow::anyhow!("cannot find the home directory: {e}"))?;
    Ok(base
        .state_dir()
        .unwrap_or_else(|| base.data_dir())
        .join("xinfang"))
}

/// Where the desk's service is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreAt {
    /// In this process, on the store in this directory.
    Embedded(PathBuf),
    /// A `xinfang serve` process, at this socket.
    Server(PathBuf),
}

/// `--connect`, else `--data`, else `$XINFANG_SOCKET`, else `$XINFANG_DATA`, else `socket` in
/// `config.toml`, else the embedded default. A config file that names a server but cannot be
/// read is an error, never a quiet switch to a private store.
pub fn choose_store(connect: Option<&Path>, data: Option<&Path>) -> anyhow::Result<StoreAt> {
    if let Some(p) = connect {
        return Ok(StoreAt::Server(p.to_path_buf()));
    }
    if data.is_none() {
        if let Some(p) = std::env::var_os("XINFANG_SOCKET").filter(|v| !v.is_empty()) {
            return Ok(StoreAt::Server(PathBuf::from(p)));
        }
        if std::env::var_os("XINFANG_DATA").is_none_or(|v| v.is_empty())
            && let Some(p) = configured_socket(config_dir().as_deref())?
        {
            return Ok(StoreAt::Server(p));
        }
    }
    Ok(StoreAt::Embedded(data_dir(data)?))
}

/// What stops a command in `config.toml` or the environment. The text here is for developers;
/// the user reads it through `lang` (`Message::Config`).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file cannot be read (a permission, a file saved as GBK): it might name a server.
    #[error("{path}: {why}")]
    Unreadable { path: String, why: String },
    /// Not valid TOML where the file names `setting`, which therefore cannot be told.
    #[error("{path} line {line}: {why}")]
    Broken {
        path: String,
        line: usize,
        setting: Setting,
        why: String,
    },
    /// A value the setting does not take. `path` is empty for an environment variable; `line`
    /// is 0 where it is not known.
    #[error("{}{setting} = {value} is not {}", place(path, *line), setting.takes())]
    BadValue {
        path: String,
        line: usize,
        setting: Setting,
        value: String,
    },
}

/// The settings whose errors stop a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    Socket,
    Lang,
    ServerUid,
    DocumentsDir,
    NotifyCommand,
    NotifyTimeout,
}

impl Setting {
    fn takes(self) -> &'static str {
        match self {
            Setting::Socket => "a path",
            Setting::Lang => "a language (zh, en)",
            Setting::ServerUid => "a uid (a number, `id -u USER`)",
            Setting::DocumentsDir => "an absolute path (/… or ~/…)",
            Setting::NotifyCommand => "a command (a string)",
            Setting::NotifyTimeout => "a number of seconds from 1 to 300",
        }
    }
}

impl std::fmt::Display for Setting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Setting::Socket => "socket",
            Setting::Lang => "lang",
            Setting::ServerUid => "server_uid",
            Setting::DocumentsDir => "documents_dir",
            Setting::NotifyCommand => "notify_command",
            Setting::NotifyTimeout => "notify_timeout",
        })
    }
}

fn place(path: &str, line: usize) -> String {
    match (path, line) {
        ("", _) => String::new(),
        (p, 0) => format!("{p}: "),
        (p, n) => format!("{p} line {n}: "),
    }
}

/// The `socket` setting of `config.toml` in `dir`.
pub fn configured_socket(dir: Option<&Path>) -> Result<Option<PathBuf>, ConfigError> {
    let Some(path) = dir.map(|d| d.join("config.toml")) else {
        return Ok(None);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        // Unreadable (a permission, a file saved as GBK): it might name a server.
        Err(e) => {
            return Err(ConfigError::Unreadable {
                path: path.display().to_string(),
                why: e.to_string(),
            });
        }
    };
    match toml::from_str::<toml::Table>(&text) {
        Ok(t) => match t.get("socket") {
            None => Ok(None),
            Some(toml::Value::String(s)) if !s.trim().is_empty() => Ok(Some(PathBuf::from(s))),
            Some(v) => Err(ConfigError::BadValue {
                path: path.display().to_string(),
                line: 0,
                setting: Setting::Socket,
                value: v.to_string(),
            }),
        },
        Err(e) if text.lines().any(|l| l.trim_start().starts_with("socket")) => {
            let line = e.span().map_or(0, |s| {
                text[..s.start.min(text.len())].lines().count().max(1)
            });
            Err(ConfigError::Broken {
                path: path.display().to_string(),
                line,
                setting: Setting::Socket,
                why: e.message().to_string(),
            })
        }
        // A broken file that names no server: the desk reports it and starts as before.
        Err(_) => Ok(None),
    }
}

/// The `lang` setting of `config.toml` in `dir`, for when `--lang` is not given. A language the
/// desk does not speak is refused with its line rather than quietly read as Chinese; a broken
/// file that names no language is left to the desk to report.
pub fn configured_lang(dir: Option<&Path>) -> Result<Option<Lang>, ConfigError> {
    let Some(path) = dir.map(|d| d.join("config.toml")) else {
        return Ok(None);
    };
    // An unreadable file is reported where it names the socket.
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    let names_lang = |l: &str| {
        l.trim_start()
            .strip_prefix("lang")
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let line = || text.lines().position(names_lang).map_or(0, |i| i + 1);
    match toml::from_str::<toml::Table>(&text) {
        Ok(t) => match t.get("lang") {
            None => Ok(None),
            Some(v) => match v.as_str().and_then(Lang::parse) {
                Some(l) => Ok(Some(l)),
                None => Err(ConfigError::BadValue {
                    path: path.display().to_string(),
                    line: line(),
                    setting: Setting::Lang,
                    value: v.to_string(),
                }),
            },
        },
        Err(e) if text.lines().any(names_lang) => Err(ConfigError::Broken {
            path: path.display().to_string(),
            line: e.span().map_or_else(line, |s| {
                text[..s.start.min(text.len())].lines().count().max(1)
            }),
            setting: Setting::Lang,
            why: e.message().to_string(),
        }),
        Err(_) => Ok(None),
    }
}

/// Where documents are written: `documents_dir` in `config.toml` in `dir` (a leading `~/` is the
/// home directory), else `$XDG_DOCUMENTS_DIR/xinfang`, else `~/Documents/xinfang`. Never the
/// working directory: a relative path is refused with its line, and so is a broken file that
/// names the setting.
pub fn documents_dir(dir: Option<&Path>) -> anyhow::Result<PathBuf> {
    let home =
        || etcetera::home_dir().map_err(|e| anyhow::anyhow!("cannot find the home directory: {e}"));
    if let Some(found) = setting(dir, Setting::DocumentsDir)? {
        let value = match &found.value {
            toml::Value::String(s) => crate::domain::text::clean(s),
            _ => return Err(found.refused().into()),
        };
        if let Some(rest) = value.strip_prefix("~/") {
            return Ok(home()?.join(rest));
        }
        if Path::new(&value).is_absolute() {
            return Ok(PathBuf::from(value));
        }
        return Err(found.refused().into());
    }
    if let Some(p) = std::env::var_os("XDG_DOCUMENTS_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
    {
        return Ok(p.join("xinfang"));
    }
    Ok(home()?.join("Documents").join("xinfang"))
}

/// A setting of `config.toml` in `dir` as TOML, with where it is for messages: `None` when
/// there is no file or the file does not name it. A file that names it but cannot be read as
/// TOML is refused with its line.
fn setting(dir: Option<&Path>, setting: Setting) -> Result<Option<Found>, ConfigError> {
    let Some(path) = dir.map(|d| d.join("config.toml")) else {
        return Ok(None);
    };
    // An unreadable file is reported where it names the socket.
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    let key = setting.to_string();
    let names = |l: &str| {
        l.trim_start()
            .strip_prefix(key.as_str())
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let line = text.lines().position(names).map_or(0, |i| i + 1);
    let path = path.display().to_string();
    match toml::from_str::<toml::Table>(&text) {
        Ok(mut t) => Ok(t.remove(&key).map(|value| Found {
            value,
            bad: ConfigError::BadValue {
                path,
                line,
                setting,
                value: String::new(),
            },
        })),
        Err(e) if line > 0 => Err(ConfigError::Broken {
            line: e.span().map_or(line, |s| {
                text[..s.start.min(text.len())].lines().count().max(1)
            }),
            path,
            setting,
            why: e.message().to_string(),
        }),
        Err(_) => Ok(None),
    }
}

/// A setting's value, and the error that names it when the value is not one it takes.
struct Found {
    value: toml::Value,
    bad: ConfigError,
}

impl Found {
    fn refused(self) -> ConfigError {
        match self.bad {
            ConfigError::BadValue {
                path,
                line,
                setting,
                ..
            } => ConfigError::BadValue {
                path,
                line,
                setting,
                value: self.value.to_string(),
            },
            other => other,
        }
    }
}

/// The site's gateway for documents sent by SMS or e-mail: `notify_command` (run with
/// `/bin/sh -c`, a JSON message on its stdin) and `notify_timeout` in seconds (10 unless set).
/// Read by the process that holds the store, never by a desk that connects to a server.
pub fn gateway(
    dir: Option<&Path>,
) -> Result<Option<crate::service::documents::notify::Gateway>, ConfigError> {
    let Some(found) = setting(dir, Setting::NotifyCommand)? else {
        return Ok(None);
    };
    let command = match &found.value {
        toml::Value::String(c) if !c.trim().is_empty() => crate::domain::text::clean(c),
        _ => return Err(found.refused()),
    };
    let timeout = match setting(dir, Setting::NotifyTimeout)? {
        None => 10,
        Some(f) => match f.value.as_integer() {
            Some(n @ 1..=300) => n as u64,
            _ => return Err(f.refused()),
        },
    };
    Ok(Some(crate::service::documents::notify::Gateway {
        command,
        timeout: std::time::Duration::from_secs(timeout),
    }))
}

/// The uid the server must run as, for a desk to talk to it: `$XINFANG_SERVER_UID`, else
/// `server_uid` in `config.toml`, else none (the socket's owner is taken).
pub fn server_uid(dir: Option<&Path>) -> Result<Option<u32>, ConfigError> {
    let bad = |v: &dyn std::fmt::Display| ConfigError::BadValue {
        path: String::new(),
        line: 0,
        setting: Setting::ServerUid,
        value: v.to_string(),
    };
    if let Some(v) = std::env::var_os("XINFANG_SERVER_UID").filter(|v| !v.is_empty()) {
        let text = v.to_string_lossy();
        return text.trim().parse().map(Some).map_err(|_| bad(&text));
    }
    let Some(path) = dir.map(|d| d.join("config.toml")) else {
        return Ok(None);
    };
    // An unreadable or broken file is reported where it names the socket.
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    match toml::from_str::<toml::Table>(&text)
        .ok()
        .and_then(|t| t.get("server_uid").cloned())
    {
        None => Ok(None),
        Some(toml::Value::Integer(n)) => u32::try_from(n).map(Some).map_err(|_| bad(&n)),
        Some(v) => Err(bad(&v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir_with(text: &str) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("config.toml"), text).unwrap();
        d
    }

    #[test]
    fn a_state_or_backups_directory_others_can_read_is_refused_once_it_holds_anything() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let state = d.path().join("state");
        ensure_private_dir(&state).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&state), 0o700);
        std::fs::write(state.join("serve.log"), "").unwrap();
        std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o755)).unwrap();
        let e = ensure_private_dir(&state).unwrap_err().to_string();
        assert!(e.contains(&format!("chmod 700 {}", state.display())), "{e}");
        assert_eq!(mode(&state), 0o755, "left for its owner to decide");
        // An empty one, as systemd makes a state directory, is tightened.
        let fresh = d.path().join("fresh");
        std::fs::create_dir(&fresh).unwrap();
        std::fs::set_permissions(&fresh, std::fs::Permissions::from_mode(0o755)).unwrap();
        ensure_private_dir(&fresh).unwrap();
        assert_eq!(mode(&fresh), 0o700);
    }

    #[test]
    fn the_config_file_names_a_server() {
        let d = dir_with("theme = \"light\"\nsocket = \"/run/xinfang/desk.sock\"\n");
        assert_eq!(
            configured_socket(Some(d.path())).unwrap(),
            Some(PathBuf::from("/run/xinfang/desk.sock"))
        );
        let d = dir_with("theme = \"light\"\n");
        assert_eq!(configured_socket(Some(d.path())).unwrap(), None);
    }

    #[test]
    fn a_broken_file_that_names_a_server_stops_the_desk_with_its_line() {
        let d = dir_with("theme = \"light\"\nsocket = /run/x.sock\n");
        let e = configured_socket(Some(d.path())).unwrap_err().to_string();
        assert!(e.contains("config.toml line 2"), "{e}");
        let d = dir_with("theme = light\n");
        assert_eq!(configured_socket(Some(d.path())).unwrap(), None);
        // Saved in GBK: not readable as text, so it cannot be taken as naming no server.
        let d = tempfile::tempdir().unwrap();
        std::fs::write(
            d.path().join("config.toml"),
            b"socket = \"\xb7\xfe\xce\xf1\"\n",
        )
        .unwrap();
        assert!(configured_socket(Some(d.path())).is_err());
    }

    #[test]
    fn the_config_file_names_a_language_or_is_refused_with_its_line() {
        let d = dir_with("theme = \"light\"\nlang = \"en\"\n");
        assert_eq!(configured_lang(Some(d.path())).unwrap(), Some(Lang::En));
        let d = dir_with("theme = \"light\"\n");
        assert_eq!(configured_lang(Some(d.path())).unwrap(), None);
        let d = dir_with("theme = \"light\"\nlang = \"fr\"\n");
        let e = configured_lang(Some(d.path())).unwrap_err().to_string();
        assert!(e.contains("config.toml line 2") && e.contains("fr"), "{e}");
        let d = dir_with("theme = \"light\"\nlang = en\n");
        let e = configured_lang(Some(d.path())).unwrap_err().to_string();
        assert!(e.contains("config.toml line 2"), "{e}");
        let d = dir_with("theme = light\n");
        assert_eq!(configured_lang(Some(d.path())).unwrap(), None);
    }
}
