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

/// Room kept in the data directory so that a store on a full disk still opens to be read:
/// sled writes a new snapshot whenever it opens, and fails to open without room for it.
const RESERVE: &str = "reserve";
const RESERVE_BYTES: u64 = 8 << 20;

/// Sees that the reserve is there, twice the size of sled's snapshot and at least 8 MB, when
/// the disk has room for it and `MIN_FREE` beside it. Best effort: without it the store works.
pub fn keep_reserve(dir: &Path) {
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::io::AsRawFd;
    let path = dir.join(RESERVE);
    let snapshots: u64 = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("snap."))
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    let want = RESERVE_BYTES.max(2 * snapshots);
    let have = std::fs::metadata(&path).map_or(0, |m| m.len());
    if have >= want || free_bytes(dir).is_none_or(|f| f < want - have + MIN_FREE) {
        return;
    }
    let Ok(f) = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .mode(0o600)
        .open(&path)
    else {
        return;
    };
    let Ok(len) = libc::off_t::try_from(want) else {
        return;
    };
    // Allocated, not sparse: a sparse file frees nothing when it is removed.
    // SAFETY: a valid descriptor for the life of `f`.
    if unsafe { libc::posix_fallocate(f.as_raw_fd(), 0, len) } != 0 {
        drop(f);
        let _ = std::fs::remove_file(&path);
    }
}

/// Gives the reserve back to the disk; whether there was one to give.
pub fn release_reserve(dir: &Path) -> bool {
    std::fs::remove_file(dir.join(RESERVE)).is_ok()
}
