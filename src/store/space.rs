//! Room on the disk: changes are refused before anything is written when the disk is nearly
//! full, and a write that fails for want of room is told apart from damage.
//!
//! sled 0.34 stops taking writes for good (until reopened) after one failed write, so the
//! journal refuses a change while less than `MIN_FREE` is left rather than let sled find out.

use std::path::Path;

/// Refuse changes below this much free space: room for sled to start a new segment and
/// rewrite its snapshot, and for a large record.
pub const MIN_FREE: u64 = 16 << 20;

/// Bytes an unprivileged process may still write on the filesystem holding `dir`.
pub fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: `path` is a valid C string and `st` a plain struct statvfs fills in.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::statvfs(path.as_ptr(), &mut st) };
    (rc == 0).then_some(st.f_bavail.saturating_mul(st.f_frsize))
}

/// Whether a write failed for want of room: a full disk, a quota, or a file size limit.
pub fn is_full(e: &std::io::Error) -> bool {
    let full = |e: &std::io::Error| {
        matches!(
            e.raw_os_error(),
            Some(libc::ENOSPC | libc::EDQUOT | libc::EFBIG)
        )
    };
    full(e)
        || e.get_ref()
            .and_then(|inner| inner.downcast_ref::<std::io::Error>())
            .is_some_and(full)
}
