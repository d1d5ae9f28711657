//! Directories and files that hold personal data: made for their owner alone, and never written
//! where another user could swap what is being written.

use std::ffi::{CString, OsStr};
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::{BackupPlace, StoreError};

fn io(path: &Path, e: io::Error) -> StoreError {
    StoreError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// Makes `dir` (and missing parents) for its owner alone. An existing one that group or others
/// can reach is tightened while it is empty, and refused once it holds anything: what it holds
/// may have been read already, and its owner decides.
pub fn dir(dir: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    let meta = match std::fs::metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(|e| io(dir, e));
        }
        Err(e) => return Err(io(dir, e)),
    };
    if meta.permissions().mode() & 0o077 == 0 {
        return Ok(());
    }
    let empty = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .next()
        .is_none();
    if empty {
        return std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| io(dir, e));
    }
    Err(StoreError::Exposed {
        path: dir.display().to_string(),
        chmod: format!("chmod 700 {}", shell_quoted(dir)),
    })
}

/// `path` as a shell word: unchanged when it is plain, else in single quotes.
pub(super) fn shell_quoted(path: &Path) -> String {
    let s = path.display().to_string();
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:,=@".contains(c))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

fn c_name(name: &OsStr) -> Result<CString, StoreError> {
    CString::new(name.as_bytes()).map_err(|_| StoreError::Io {
        path: name.to_string_lossy().into_owned(),
        message: "a file name with a NUL byte".into(),
    })
}

fn last_error() -> io::Error {
    io::Error::last_os_error()
}

fn fstatat(dir: &OwnedFd, name: &CString) -> io::Result<libc::stat> {
    // SAFETY: a zeroed stat is a valid value for fstatat to fill; the fd and the name are
    // valid for the call.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        if libc::fstatat(
            dir.as_raw_fd(),
            name.as_ptr(),
            &mut st,
            libc::AT_SYMLINK_NOFOLLOW,
        ) == 0
        {
            Ok(st)
        } else {
            Err(last_error())
        }
    }
}

fn fstat(fd: &OwnedFd) -> io::Result<libc::stat> {
    // SAFETY: as in `fstatat`.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        if libc::fstat(fd.as_raw_fd(), &mut st) == 0 {
            Ok(st)
        } else {
            Err(last_error())
        }
    }
}

fn openat(dir: Option<&OwnedFd>, name: &CString, flags: i32, mode: u32) -> io::Result<OwnedFd> {
    let at = dir.map_or(libc::AT_FDCWD, AsRawFd::as_raw_fd);
    // SAFETY: the name is NUL-terminated; a non-negative result is a new fd we own.
    let fd = unsafe { libc::openat(at, name.as_ptr(), flags | libc::O_CLOEXEC, mode) };
    if fd < 0 {
        Err(last_error())
    } else {
        // SAFETY: `fd` was just opened and is owned by nothing else.
        Ok(unsafe { OwnedFd::from_raw_fd(fd) })
    }
}

/// A directory a backup is written into, held open: every name below is looked up in it, so
/// nothing is redirected by a path changing under us, and it was checked that no other user
/// can rename or replace what we put there.
pub struct Target {
    dir: OwnedFd,
    path: PathBuf,
}

impl Target {
    /// Opens `path` and checks it: owned by us or root, and writable by nobody else unless it
    /// is sticky (then others cannot touch the files we make in it).
    pub fn open(path: &Path) -> Result<Target, StoreError> {
        let name = c_name(path.as_os_str())?;
        let dir =
            openat(None, &name, libc::O_RDONLY | libc::O_DIRECTORY, 0).map_err(|e| io(path, e))?;
        let st = fstat(&dir).map_err(|e| io(path, e))?;
        let owner_ok = st.st_uid == crate::os_user::my_uid() || st.st_uid == 0;
        let others_write = st.st_mode & 0o022 != 0;
        let sticky = st.st_mode & libc::S_ISVTX != 0;
        if !owner_ok || (others_write && !sticky) {
            return Err(StoreError::BackupPlace {
                path: path.display().to_string(),
                why: BackupPlace::Shared,
            });
        }
        Ok(Target {
            dir,
            path: path.to_path_buf(),
        })
    }

    /// Whether the directory is `other` or lies inside it (walking up through `..`).
    pub fn within(&self, other: &Path) -> Result<bool, StoreError> {
        let Ok(other) = std::fs::metadata(other) else {
            return Ok(false);
        };
        use std::os::unix::fs::MetadataExt;
        let up = c_name(OsStr::new(".."))?;
        let mut at = openat(
            Some(&self.dir),
            &c_name(OsStr::new("."))?,
            libc::O_RDONLY,
            0,
        )
        .map_err(|e| io(&self.path, e))?;
        // Deeper than any real tree: a loop guard, not a limit anyone meets.
        for _ in 0..4096 {
            let st = fstat(&at).map_err(|e| io(&self.path, e))?;
            if st.st_dev == other.dev() && st.st_ino == other.ino() {
                return Ok(true);
            }
            let parent = openat(Some(&at), &up, libc::O_RDONLY | libc::O_DIRECTORY, 0)
                .map_err(|e| io(&self.path, e))?;
            let pst = fstat(&parent).map_err(|e| io(&self.path, e))?;
            if pst.st_dev == st.st_dev && pst.st_ino == st.st_ino {
                return Ok(false);
            }
            at = parent;
        }
        Ok(false)
    }

    /// Whether `name` exists in the directory (a symbolic link counts).
    pub fn has(&self, name: &OsStr) -> Result<bool, StoreError> {
        match fstatat(&self.dir, &c_name(name)?) {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(io(&self.path.join(name), e)),
        }
    }

    /// Makes a new work file for `name`, readable and writable by us alone: `.NAME.partial`,
    /// or another unused name when that one is taken by something not ours. A leftover of
    /// ours (a backup cut short) is removed first, so it never blocks the next backup.
    pub fn work_file(&self, name: &OsStr) -> Result<Work<'_>, StoreError> {
        let mut base = std::ffi::OsString::from(".");
        base.push(name);
        base.push(".partial");
        let flags = libc::O_RDWR | libc::O_CREAT | libc::O_EXCL | libc::O_NOFOLLOW;
        let mut tries = 0u32;
        let mut candidate = base.clone();
        loop {
            let cname = c_name(&candidate)?;
            match openat(Some(&self.dir), &cname, flags, 0o600) {
                Ok(fd) => {
                    return Ok(Work {
                        target: self,
                        name: cname,
                        file: Some(File::from(fd)),
                        published: false,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 16 => {
                    tries += 1;
                    let st = fstatat(&self.dir, &cname).ok();
                    let ours = st.is_some_and(|s| {
                        s.st_mode & libc::S_IFMT == libc::S_IFREG
                            && s.st_uid == crate::os_user::my_uid()
                    });
                    // Ours: a backup cut short. Anything else is left where it is.
                    if ours && tries == 1 {
                        // SAFETY: the fd and the name are valid for the call.
                        unsafe { libc::unlinkat(self.dir.as_raw_fd(), cname.as_ptr(), 0) };
                    } else {
                        candidate = base.clone();
                        candidate.push(format!("-{}-{}", std::process::id(), nonce()));
                    }
                }
                Err(e) => return Err(io(&self.path.join(&candidate), e)),
            }
        }
    }
}

/// A number that differs from one call to the next.
fn nonce() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// A backup's work file in its target directory; removed when dropped unless published.
pub struct Work<'a> {
    target: &'a Target,
    name: CString,
    file: Option<File>,
    published: bool,
}

impl Work<'_> {
    /// The open file (taken once, to be written through).
    pub fn take_file(&mut self) -> Option<File> {
        self.file.take()
    }

    /// Gives the work file its final `name`, never replacing a file that has it, and makes
    /// the name durable.
    pub fn publish(mut self, name: &OsStr) -> Result<(), StoreError> {
        let to = c_name(name)?;
        let dir = self.target.dir.as_raw_fd();
        // SAFETY: the fd and both names are valid for the call.
        let r = unsafe {
            libc::renameat2(
                dir,
                self.name.as_ptr(),
                dir,
                to.as_ptr(),
                libc::RENAME_NOREPLACE,
            )
        };
        let path = self.target.path.join(name);
        if r != 0 {
            let e = last_error();
            if e.raw_os_error() != Some(libc::EINVAL) {
                return Err(match e.kind() {
                    io::ErrorKind::AlreadyExists => StoreError::BackupPlace {
                        path: path.display().to_string(),
                        why: BackupPlace::Exists,
                    },
                    _ => io(&path, e),
                });
            }
            // A file system without the flag: a hard link fails just as well on a taken name.
            // SAFETY: as above.
            if unsafe { libc::linkat(dir, self.name.as_ptr(), dir, to.as_ptr(), 0) } != 0 {
                let e = last_error();
                return Err(match e.kind() {
                    io::ErrorKind::AlreadyExists => StoreError::BackupPlace {
                        path: path.display().to_string(),
                        why: BackupPlace::Exists,
                    },
                    _ => io(&path, e),
                });
            }
            // SAFETY: as above.
            unsafe { libc::unlinkat(dir, self.name.as_ptr(), 0) };
        }
        self.published = true;
        // SAFETY: the fd is valid for the call.
        if unsafe { libc::fsync(dir) } != 0 {
            return Err(io(&path, last_error()));
        }
        Ok(())
    }
}

impl Drop for Work<'_> {
    fn drop(&mut self) {
        if self.published {
            return;
        }
        // SAFETY: the fd and the name are valid for the call.
        unsafe { libc::unlinkat(self.target.dir.as_raw_fd(), self.name.as_ptr(), 0) };
    }
}
