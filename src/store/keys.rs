//! Index keys: big-endian integers so that sled's byte order is numeric order.

use crate::domain::case::CaseId;
use crate::domain::state::State;
use crate::domain::time::Timestamp;

/// Keys sort by due time; a case with no running clock sorts last.
pub const NO_DUE: u64 = u64::MAX;

pub fn due_key(due: Option<Timestamp>) -> u64 {
    due.map_or(NO_DUE, ts_key)
}

/// A signed time as an order-preserving unsigned key.
pub fn ts_key(t: Timestamp) -> u64 {
    (t.0 as u64) ^ (1 << 63)
}

pub fn ts_from_key(k: u64) -> Timestamp {
    Timestamp((k ^ (1 << 63)) as i64)
}

pub fn state_byte(s: State) -> u8 {
    State::ALL.iter().position(|x| *x == s).unwrap_or(0) as u8
}

pub fn case_key(id: CaseId) -> [u8; 8] {
    id.to_be_bytes()
}

pub fn event_key(id: CaseId, seq: u32) -> [u8; 12] {
    let mut k = [0u8; 12];
    k[..8].copy_from_slice(&id.to_be_bytes());
    k[8..].copy_from_slice(&seq.to_be_bytes());
    k
}

/// Builds a key from parts.
#[derive(Default)]
pub struct Key(pub Vec<u8>);

impl Key {
    pub fn new() -> Key {
        Key(Vec::with_capacity(24))
    }
    pub fn u8(mut self, v: u8) -> Key {
        self.0.push(v);
        self
    }
    pub fn u32(mut self, v: u32) -> Key {
        self.0.extend_from_slice(&v.to_be_bytes());
        self
    }
    pub fn u64(mut self, v: u64) -> Key {
        self.0.extend_from_slice(&v.to_be_bytes());
        self
    }
    /// Text followed by a 0 byte, so that one value is never a prefix of another's key.
    pub fn text(mut self, v: &str) -> Key {
        self.0.extend_from_slice(v.as_bytes());
        self.0.push(0);
        self
    }
    pub fn build(self) -> Vec<u8> {
        self.0
    }
}

/// The trailing case id of an index key.
pub fn trailing_id(key: &[u8]) -> Option<CaseId> {
    let tail: [u8; 8] = key.get(key.len().checked_sub(8)?..)?.try_into().ok()?;
    Some(u64::from_be_bytes(tail))
}

/// The u64 that ends `8 + 8` bytes before the end (the due or time part before the id).
pub fn sort_part(key: &[u8]) -> Option<u64> {
    let start = key.len().checked_sub(16)?;
    let part: [u8; 8] = key.get(start..start + 8)?.try_into().ok()?;
    Some(u64::from_be_bytes(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_keep_order() {
        let a = ts_key(Timestamp(-5));
        let b = ts_key(Timestamp(0));
        let c = ts_key(Timestamp(1_700_000_000));
        assert!(a < b && b < c);
        assert_eq!(ts_from_key(c), Timestamp(1_700_000_000));
    }

    #[test]
    fn index_key_parts() {
        let k = Key::new().u8(3).u64(77).u64(42).build();
        assert_eq!(trailing_id(&k), Some(42));
        assert_eq!(sort_part(&k), Some(77));
        assert_eq!(
            State::ALL[usize::from(state_byte(State::UnderReview))],
            State::UnderReview
        );
    }
}
