//! The listening socket's path: never two servers on one path, a stale file from a crash
//! removed, mode 0660 so that only the owner and the desk staff's group may connect.

use std::io;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;

/// The English here is for developers and the log; `lang` words it for whoever runs `serve`.
#[derive(Debug, thiserror::Error)]
pub enum SocketError {
    #[error("a server is already listening on {0}")]
    Live(String),
    #[error("{0} exists and is not a socket; refusing to remove it")]
    NotASocket(String),
    #[error("no group named {0}")]
    NoGroup(String),
    #[error(
        "{0} can be written by other users, who could pose as the server there; put the socket in a directory only the server's user can write, e.g. /run/xinfang, 0755"
    )]
    OpenDir(String),
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> SocketError + '_ {
    move |source| SocketError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Refuses a directory that others could write: they could take the path whenever this
/// server is not on it, and desks refuse such a directory too.
fn private_dir(path: &Path) -> Result<(), SocketError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    match std::fs::metadata(dir) {
        Ok(m) if m.permissions().mode() & crate::desk::GROUP_OR_OTHERS_WRITE != 0 => {
            Err(SocketError::OpenDir(dir.display().to_string()))
        }
        _ => Ok(()),
    }
}

/// Refuses a path a server answers on, that is not a socket or whose directory others can
/// write; removes a stale socket.
pub fn claim(path: &Path) -> Result<(), SocketError> {
    private_dir(path)?;
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.file_type().is_socket() => {
            return Err(SocketError::NotASocket(path.display().to_string()));
        }
        Ok(_) => match UnixStream::connect(path) {
            Ok(_) => return Err(SocketError::Live(path.display().to_string())),
            // Nobody listens: left by a crash. Any other failure (a permission) may hide a live
            // server, whose socket must not be taken away.
            Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                std::fs::remove_file(path).map_err(io_err(path))?
            }
            Err(e) => return Err(io_err(path)(e)),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_err(path)(e)),
    }
    Ok(())
}

/// Binds `path` (see `claim`); with `group`, the socket belongs to that group so its
/// members' desks may connect.
pub fn bind(path: &Path, group: Option<&str>) -> Result<UnixListener, SocketError> {
    let gid = match group {
        Some(g) => Some(crate::os_user::group_id(g).ok_or_else(|| SocketError::NoGroup(g.into()))?),
        None => None,
    };
    claim(path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    }
    private_dir(path)?;
    let listener = UnixListener::bind(path).map_err(io_err(path))?;
    if let Some(gid) = gid {
        std::os::unix::fs::chown(path, None, Some(gid)).map_err(io_err(path))?;
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660)).map_err(io_err(path))?;
    Ok(listener)
}
