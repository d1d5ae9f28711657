//! Whether the listener on a socket path is the server, before a desk sends it anything (a
//! name, an ID number, a draft): another local user who can create files where the socket
//! lives could listen there instead.
//!
//! The socket's directory must be writable by nobody but its owner, and that owner, every
//! directory above it (which others may write only if it is sticky, like /tmp) and the socket
//! must belong to root or the server's user. The server's user is `server_uid` when configured,
//! else the socket's owner; the process that answers must run as it (SO_PEERCRED).

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::UnixStream;
use std::path::Path;

/// Why a desk will not talk to the listener on a path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Distrust {
    /// Others can create files in this directory, so anyone could be listening.
    #[error("{dir} can be written by other users")]
    OpenDir { dir: String },
    /// A file or directory on the way belongs to neither root nor the server's user.
    #[error("{path} belongs to uid {owner}, not to the server's uid {expected}")]
    Owner {
        path: String,
        owner: u32,
        expected: u32,
    },
    /// The process that answered runs as another user than the server's.
    #[error("the process listening runs as uid {uid}, not as the server's uid {expected}")]
    Peer { uid: u32, expected: u32 },
}

pub(crate) const GROUP_OR_OTHERS_WRITE: u32 = 0o022;
const STICKY: u32 = 0o1000;

/// The uid the server must run as, if the path may be trusted; `Ok(None)` when there is no
/// socket there (connecting then fails as unreachable).
pub fn check_path(path: &Path, configured: Option<u32>) -> Result<Option<u32>, Distrust> {
    // Where a link leads is what the connection reaches.
    let Ok(path) = std::fs::canonicalize(path) else {
        return Ok(None);
    };
    let path = path.as_path();
    let Ok(socket) = std::fs::symlink_metadata(path) else {
        return Ok(None);
    };
    let expected = configured.unwrap_or(socket.uid());
    let owned = |p: &Path, owner: u32| {
        if owner == 0 || owner == expected {
            Ok(())
        } else {
            Err(Distrust::Owner {
                path: p.display().to_string(),
                owner,
                expected,
            })
        }
    };
    owned(path, socket.uid())?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    for (n, d) in dir.ancestors().enumerate() {
        let Ok(m) = std::fs::metadata(d) else {
            continue;
        };
        let mode = m.permissions().mode();
        // The socket's own directory may never be shared; one above it only when sticky, as
        // nobody can then move what another user put there.
        if mode & GROUP_OR_OTHERS_WRITE != 0 && (n == 0 || mode & STICKY == 0) {
            return Err(Distrust::OpenDir {
                dir: d.display().to_string(),
            });
        }
        owned(d, m.uid())?;
    }
    Ok(Some(expected))
}

/// Refuses a connection whose peer is not the server's user.
pub fn check_peer(stream: &UnixStream, expected: u32) -> Result<(), Distrust> {
    let uid = crate::server::peer::credentials(stream)
        .map(|p| p.uid)
        .unwrap_or(u32::MAX);
    if uid == expected {
        Ok(())
    } else {
        Err(Distrust::Peer { uid, expected })
    }
}
