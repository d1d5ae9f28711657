//! Writing a document's file: for its owner alone, flushed to disk, never over another file and
//! never through a symbolic link.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// The longest file name made, in bytes: room under the usual 255 for " (999)".
const MAX_NAME_BYTES: usize = 200;

/// How many numbered names are tried before giving up.
const MAX_TRIES: u32 = 999;

/// Writes `bytes` as a new file named `name` (cleaned: [`clean_name`]) in `dir`, which is made
/// for its owner alone (0700) and refused if others can read what it already holds. The file is
/// 0600. A name already taken, by a file or a link, is never written over: " (2)", " (3)" …
/// are tried instead. Returns the path written.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    crate::config::ensure_private_dir(dir)?;
    write_new(dir, &clean_name(name), bytes)
}

/// [`write`] to a file the user named (`--out`): its directory is theirs to choose and is
/// used as it is; the file is still 0600 and never written over or through a link.
pub fn write_to(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    write_new(dir, &clean_name(&name), bytes)
}

fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let (stem, ext) = split_ext(name);
    for n in 1..=MAX_TRIES {
        let path = if n == 1 {
            dir.join(name)
        } else {
            dir.join(format!("{stem} ({n}){ext}"))
        };
        match create(&path) {
            Ok(f) => {
                return fill(f, &path, bytes).map(|()| path);
            }
            // Taken, by a file or a link (O_EXCL never follows one): the next number.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!(
            "{}: {MAX_TRIES} 个同名文件已存在 ({MAX_TRIES} files of that name exist)",
            dir.join(name).display()
        ),
    ))
}

fn create(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
}

/// Writes and flushes to disk, the directory's entry too; a file left half written (a full
/// disk) is removed, so no broken document is left to be printed.
fn fill(mut f: File, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let written = f.write_all(bytes).and_then(|()| f.sync_all());
    if let Err(e) = written {
        drop(f);
        // The first error is the one to tell; this removal is a courtesy.
        let _ = std::fs::remove_file(path);
        return Err(e);
    }
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => File::open(dir)?.sync_all(),
        _ => Ok(()),
    }
}

/// `name` made safe as one file name: path separators become `_`, control and invisible
/// characters go, leading dots and surrounding spaces go (no hidden file, no `..`), and it is
/// cut to a bounded length keeping its extension. Nothing left gives `xinfang`.
pub fn clean_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !crate::domain::text::hidden(*c))
        .map(|c| if matches!(c, '/' | '\\') { '_' } else { c })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim_start();
    let (stem, ext) = split_ext(cleaned);
    let room = MAX_NAME_BYTES.saturating_sub(ext.len());
    let mut stem_cut = String::new();
    for c in stem.chars() {
        if stem_cut.len() + c.len_utf8() > room {
            break;
        }
        stem_cut.push(c);
    }
    let stem_cut = stem_cut.trim_end();
    if stem_cut.is_empty() {
        format!("xinfang{ext}")
    } else {
        format!("{stem_cut}{ext}")
    }
}

/// `受理告知书.docx` → (`受理告知书`, `.docx`); a name without a short extension has none.
fn split_ext(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i)
            if i > 0
                && name.len() - i <= 6
                && name[i + 1..].chars().all(|c| c.is_ascii_alphanumeric())
                && name.len() > i + 1 =>
        {
            name.split_at(i)
        }
        _ => (name, ""),
    }
}
