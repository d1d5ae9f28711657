//! The character-bigram index for Chinese search (no word segmentation needed).
//!
//! Text is cut into runs of letters, digits and CJK characters; every pair of neighbours in a
//! run is a gram (a one-character query is answered by the service with a bounded scan). Postings are grouped in blocks of 4096 case ids: the
//! key is `first char, second char, block` (big-endian u32s) and the value the sorted low
//! 12 bits of the ids, so one new case touches about one small value per gram.

use std::collections::BTreeSet;

use crate::domain::case::CaseId;

pub type Gram = [u8; 8];
pub const BLOCK_BITS: u32 = 12;

/// Lower-case ASCII, fold full-width forms; anything else that is not a letter or digit cuts a run.
fn fold(c: char) -> Option<char> {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.is_alphanumeric().then(|| c.to_ascii_lowercase())
}

/// Runs of searchable characters.
pub fn runs(text: &str) -> Vec<Vec<char>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for c in text.chars() {
        match fold(c) {
            Some(f) => cur.push(f),
            None if !cur.is_empty() => out.push(std::mem::take(&mut cur)),
            None => {}
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub fn gram(a: char, b: char) -> Gram {
    let mut g = [0u8; 8];
    g[..4].copy_from_slice(&(a as u32).to_be_bytes());
    g[4..].copy_from_slice(&(b as u32).to_be_bytes());
    g
}

/// Every gram of the texts, each once.
pub fn grams<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeSet<Gram> {
    let mut set = BTreeSet::new();
    for t in texts {
        for run in runs(t) {
            for w in run.windows(2) {
                set.insert(gram(w[0], w[1]));
            }
        }
    }
    set
}

/// The text a query must appear in, normalised the same way (runs joined by one space).
pub fn normalized(text: &str) -> String {
    runs(text)
        .iter()
        .map(|r| r.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn posting_key(g: &Gram, block: u32) -> Vec<u8> {
    let mut k = Vec::with_capacity(12);
    k.extend_from_slice(g);
    k.extend_from_slice(&block.to_be_bytes());
    k
}

pub fn block_of(id: CaseId) -> u32 {
    (id >> BLOCK_BITS) as u32
}

fn offset_of(id: CaseId) -> u16 {
    (id & ((1 << BLOCK_BITS) - 1)) as u16
}

pub fn decode_posting(v: &[u8]) -> Vec<u16> {
    v.chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect()
}

pub fn encode_posting(offsets: &[u16]) -> Vec<u8> {
    offsets.iter().flat_map(|o| o.to_le_bytes()).collect()
}

/// The posting value with `id` added (or removed); `None` when it became empty.
pub fn posting_with(existing: Option<&[u8]>, id: CaseId, present: bool) -> Option<Vec<u8>> {
    let mut offs = existing.map(decode_posting).unwrap_or_default();
    let o = offset_of(id);
    match (offs.binary_search(&o), present) {
        (Err(i), true) => offs.insert(i, o),
        (Ok(i), false) => {
            offs.remove(i);
        }
        _ => {}
    }
    (!offs.is_empty()).then(|| encode_posting(&offs))
}

pub fn ids_in(block: u32, value: &[u8]) -> impl DoubleEndedIterator<Item = CaseId> + '_ {
    decode_posting(value)
        .into_iter()
        .map(move |o| (u64::from(block) << BLOCK_BITS) | u64::from(o))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_on_punctuation_and_fold() {
        let r = runs("小区电梯，ＡＢC12 故障！");
        let s: Vec<String> = r.iter().map(|x| x.iter().collect()).collect();
        assert_eq!(s, ["小区电梯", "abc12", "故障"]);
        assert_eq!(normalized("电梯，故障"), "电梯 故障");
    }

    #[test]
    fn grams_cover_pairs_within_runs() {
        let g = grams(["电梯坏，好"]);
        assert!(g.contains(&gram('电', '梯')));
        assert!(g.contains(&gram('梯', '坏')));
        assert_eq!(g.len(), 2);
    }

    #[test]
    fn postings_add_and_remove() {
        let v = posting_with(None, 4097, true).unwrap();
        let v = posting_with(Some(&v), 4096, true).unwrap();
        assert_eq!(ids_in(1, &v).collect::<Vec<_>>(), [4096, 4097]);
        let v = posting_with(Some(&v), 4096, false).unwrap();
        assert_eq!(posting_with(Some(&v), 4097, false), None);
    }
}
