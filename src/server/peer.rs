//! The credentials of the process at the other end of a Unix socket (SO_PEERCRED).

use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;

use super::Peer;

/// The peer's uid and pid as the kernel recorded them at connect. The pid is 0 when the peer
/// lives in a pid namespace this server cannot see; only the uid names the user.
pub fn credentials(stream: &UnixStream) -> std::io::Result<Peer> {
    let mut cred = libc::ucred {
        pid: 0,
        uid: 0,
        gid: 0,
    };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: `cred` and `len` are valid for writes of the sizes given, and the descriptor is
    // the stream's own, open for the duration of the call.
    let rc = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&raw mut cred).cast(),
            &mut len,
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(Peer {
        uid: cred.uid,
        pid: cred.pid,
    })
}
