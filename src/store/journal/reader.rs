//! Reading journal files record by record, checking each against the one before, and telling
//! a torn last record from damage.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use super::{Damage, HEADER, Hash, MAX_PAYLOAD, Mark, Record, crc, hash, io};
use crate::store::StoreError;

/// Reads records from files in order, checking each against the one before. Reads as it goes:
/// a journal of several gigabytes is never held in memory.
pub struct Reader {
    files: Vec<PathBuf>,
    at: usize,
    /// The open file, its length, and the offset of the next record.
    cur: Option<(BufReader<File>, u64, u64)>,
    prev: Hash,
    next_seq: Option<u64>,
    /// Read the last file only up to here: bytes appended after this point are not looked at.
    cap: Option<u64>,
    /// The one file being read, when it is never to be opened by name (a backup just made).
    held: Option<File>,
    /// When opening for a store that has applied records up to this one: a bad record at the
    /// very end, after it, with no whole record following, is a torn tail (see `torn_or`).
    applied: Option<u64>,
}

impl Reader {
    /// Records of `files`, which must follow on from each other.
    pub fn new(files: Vec<PathBuf>) -> Reader {
        Reader {
            files,
            at: 0,
            cur: None,
            prev: [0; 32],
            next_seq: None,
            cap: None,
            held: None,
            applied: None,
        }
    }

    /// Records of one file already open, read from its start through that handle alone;
    /// `name` is what damage is reported against.
    pub fn of_file(file: File, name: PathBuf) -> Result<Reader, StoreError> {
        let len = file.metadata().map_err(|e| io(&name, e))?.len();
        let mut r = Reader::new(vec![name]);
        let mut f = file.try_clone().map_err(|e| io(&r.files[0], e))?;
        std::io::Seek::seek(&mut f, std::io::SeekFrom::Start(0)).map_err(|e| io(&r.files[0], e))?;
        r.cur = Some((BufReader::new(f), len, 0));
        r.at = 1;
        r.held = Some(file);
        Ok(r)
    }

    /// Reads for a store that has applied records up to `seq`: those were acknowledged, so
    /// damage in them is never taken for a torn tail.
    pub(super) fn for_store(mut self, seq: u64) -> Reader {
        self.applied = Some(seq);
        self
    }

    /// Records of `files`, reading the last one only up to `cap` bytes.
    pub fn capped(files: Vec<PathBuf>, cap: u64) -> Reader {
        Reader {
            cap: Some(cap),
            ..Reader::new(files)
        }
    }

    /// Records after `mark`, in its file and the files after it (`files[0]` is its file).
    pub(super) fn resume(files: Vec<PathBuf>, mark: &Mark) -> Result<Reader, StoreError> {
        let mut r = Reader::new(files);
        if let Some(path) = r.files.first() {
            let mut f = File::open(path).map_err(|e| io(path, e))?;
            let len = f.metadata().map_err(|e| io(path, e))?.len();
            std::io::Seek::seek(&mut f, std::io::SeekFrom::Start(mark.end))
                .map_err(|e| io(path, e))?;
            r.cur = Some((BufReader::new(f), len, mark.end));
            r.at = 1;
        }
        r.prev = mark.hash;
        r.next_seq = mark.seq.checked_add(1);
        Ok(r)
    }

    /// Opens the next file with bytes left in it; false at the end of the last.
    fn load(&mut self) -> Result<bool, StoreError> {
        loop {
            if let Some((_, len, pos)) = &self.cur
                && pos < len
            {
                return Ok(true);
            }
            let Some(path) = self.files.get(self.at) else {
                return Ok(false);
            };
            let f = File::open(path).map_err(|e| io(path, e))?;
            let mut len = f.metadata().map_err(|e| io(path, e))?.len();
            if self.at + 1 == self.files.len()
                && let Some(cap) = self.cap
            {
                len = len.min(cap);
            }
            self.cur = Some((BufReader::new(f), len, 0));
            self.at += 1;
        }
    }

    /// The file the last record came from.
    fn current_file(&self) -> PathBuf {
        self.files
            .get(self.at.saturating_sub(1))
            .cloned()
            .unwrap_or_default()
    }

    /// Whether the file being read is the last one.
    fn in_last_file(&self) -> bool {
        self.at >= self.files.len()
    }

    /// The next record, `Ok(None)` at the end, or the damage that stops the reading.
    pub fn next_record(&mut self) -> Result<Result<Option<Record>, Damage>, StoreError> {
        if !self.load()? {
            return Ok(Ok(None));
        }
        let file = self.current_file();
        let Some((r, len, pos)) = self.cur.as_mut() else {
            return Ok(Ok(None));
        };
        let offset = *pos;
        let remaining = *len - offset;
        if remaining < HEADER as u64 {
            return Ok(Err(self.short(file, offset)?));
        }
        let mut head = [0u8; HEADER];
        r.read_exact(&mut head).map_err(|e| io(&file, e))?;
        let size = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
        let sum = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
        let mut seq_bytes = [0u8; 8];
        seq_bytes.copy_from_slice(&head[8..16]);
        let seq = u64::from_le_bytes(seq_bytes);
        let mut prev = [0u8; 32];
        prev.copy_from_slice(&head[16..48]);
        if size > MAX_PAYLOAD {
            let seq = self.next_seq.unwrap_or(seq);
            return self.torn_or(Damage::Length { file, offset, seq }, offset);
        }
        if remaining < HEADER as u64 + u64::from(size) {
            return Ok(Err(self.short(file, offset)?));
        }
        let mut payload = vec![0u8; size as usize];
        r.read_exact(&mut payload).map_err(|e| io(&file, e))?;
        *pos += HEADER as u64 + u64::from(size);
        if crc(seq, &prev, &payload) != sum {
            // The sequence the record should have: its own bytes may be the damaged ones.
            let seq = self.next_seq.unwrap_or(seq);
            return self.torn_or(Damage::Checksum { file, seq }, offset);
        }
        let expected = self.next_seq.unwrap_or(seq);
        if seq != expected || (self.next_seq.is_some() && prev != self.prev) {
            return Ok(Err(Damage::Chain { file, seq }));
        }
        let Some(next) = seq.checked_add(1) else {
            return Ok(Err(Damage::Chain { file, seq }));
        };
        let h = hash(seq, &prev, &payload);
        self.prev = h;
        self.next_seq = Some(next);
        let end = *pos;
        Ok(Ok(Some(Record {
            seq,
            prev,
            payload,
            hash: h,
            mark: Mark {
                seq,
                file: file
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
                    .to_string(),
                end,
                hash: h,
            },
        })))
    }

    /// A record cut short: a torn tail at the very end of the journal, damage elsewhere. A
    /// damaged length also looks short: a record that checks out over the bytes that are
    /// there, or whole records after it, tell the two apart.
    fn short(&self, file: PathBuf, offset: u64) -> Result<Damage, StoreError> {
        let data = match &self.held {
            Some(f) => {
                use std::os::unix::fs::FileExt;
                let len = f.metadata().map_err(|e| io(&file, e))?.len();
                let mut data = vec![0; usize::try_from(len).unwrap_or(usize::MAX)];
                f.read_exact_at(&mut data, 0).map_err(|e| io(&file, e))?;
                data
            }
            None => std::fs::read(&file).map_err(|e| io(&file, e))?,
        };
        let rest = data.get(offset as usize..).unwrap_or_default();
        let seq = self.expected_seq(rest);
        let torn = self.in_last_file()
            && self.past_applied()
            && !whole_record_within(&rest[1.min(rest.len())..], self.next_seq)
            && !whole_over_rest(rest);
        Ok(if torn {
            Damage::TornTail {
                file,
                offset,
                bytes: rest.len() as u64,
            }
        } else {
            Damage::Length { file, offset, seq }
        })
    }

    /// A record whose bytes are all there but wrong (a checksum or length that does not fit):
    /// damage, unless reading for a store (`for_store`) and it is the very end of the journal,
    /// past what the store applied, with no whole record after it. A power loss during the
    /// append's fsync keeps whichever pages reached the disk, not always a prefix (a header
    /// and a zeroed page after it, say); that record was never acknowledged.
    fn torn_or(
        &self,
        damage: Damage,
        offset: u64,
    ) -> Result<Result<Option<Record>, Damage>, StoreError> {
        let file = self.current_file();
        if self.applied.is_none() || !self.in_last_file() || !self.past_applied() {
            return Ok(Err(damage));
        }
        let data = std::fs::read(&file).map_err(|e| io(&file, e))?;
        let rest = data.get(offset as usize..).unwrap_or_default();
        if whole_record_within(rest.get(1..).unwrap_or_default(), self.next_seq) {
            return Ok(Err(damage));
        }
        Ok(Err(Damage::TornTail {
            file,
            offset,
            bytes: rest.len() as u64,
        }))
    }

    /// Whether the record at the read position comes after every record the store applied.
    /// The first record read starts its file, which is named by that record's number.
    fn past_applied(&self) -> bool {
        let Some(applied) = self.applied else {
            return true;
        };
        let named = || {
            let file = self.current_file();
            let stem = file.file_stem()?.to_str()?;
            stem.split('-').next()?.parse::<u64>().ok()
        };
        self.next_seq.or_else(named).is_none_or(|n| n > applied)
    }

    /// The sequence number the record at the read position should have.
    fn expected_seq(&self, rest: &[u8]) -> u64 {
        self.next_seq.unwrap_or_else(|| {
            let mut b = [0u8; 8];
            if let Some(s) = rest.get(8..16) {
                b.copy_from_slice(s);
            }
            u64::from_le_bytes(b)
        })
    }
}

/// Whether `rest` is one whole record whose length field alone is wrong.
fn whole_over_rest(rest: &[u8]) -> bool {
    if rest.len() < HEADER {
        return false;
    }
    let sum = u32::from_le_bytes([rest[4], rest[5], rest[6], rest[7]]);
    let mut seq = [0u8; 8];
    seq.copy_from_slice(&rest[8..16]);
    let mut prev = [0u8; 32];
    prev.copy_from_slice(&rest[16..48]);
    crc(u64::from_le_bytes(seq), &prev, &rest[HEADER..]) == sum
}

/// The sequence number of a file's first record, if it has one.
pub(super) fn first_seq(path: &Path) -> Result<Option<u64>, StoreError> {
    let mut head = [0u8; 16];
    let mut f = File::open(path).map_err(|e| io(path, e))?;
    match f.read_exact(&mut head) {
        Ok(()) => {
            let mut b = [0u8; 8];
            b.copy_from_slice(&head[8..16]);
            Ok(Some(u64::from_le_bytes(b)))
        }
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(io(path, e)),
    }
}

/// How far past a bad record a whole record may be numbered and still count as following it.
const FOLLOWING: u64 = 64;

/// Whether a whole, checksummed record starts anywhere in `bytes`; when the bad record's
/// number `bad` is known, only one numbered a little after it counts (so that random bytes in
/// a long torn record are not checksummed at every offset).
fn whole_record_within(bytes: &[u8], bad: Option<u64>) -> bool {
    (0..bytes.len().saturating_sub(HEADER - 1)).any(|i| {
        let r = &bytes[i..];
        let len = u32::from_le_bytes([r[0], r[1], r[2], r[3]]) as usize;
        if len > MAX_PAYLOAD as usize || r.len() < HEADER + len {
            return false;
        }
        let sum = u32::from_le_bytes([r[4], r[5], r[6], r[7]]);
        let mut seq = [0u8; 8];
        seq.copy_from_slice(&r[8..16]);
        let seq = u64::from_le_bytes(seq);
        if bad.is_some_and(|b| seq <= b || seq > b.saturating_add(FOLLOWING)) {
            return false;
        }
        let mut prev = [0u8; 32];
        prev.copy_from_slice(&r[16..48]);
        crc(seq, &prev, &r[HEADER..HEADER + len]) == sum
    })
}
