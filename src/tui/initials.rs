//! Matching for pickers and the command palette: by the Chinese text itself, or by pinyin
//! typed without an IME (initials like `yl` for 医疗, or the full reading `yiliao`).

use pinyin::ToPinyinMulti;

/// Readings kept per candidate: every heteronym combination would grow exponentially with
/// length, so combinations past this many are dropped (the most common readings come first).
const MAX_READINGS: usize = 64;

/// One candidate with its precomputed keys, all lowercase.
#[derive(Debug, Clone)]
struct Entry {
    text: String,
    lower: String,
    /// Initials across heteronym readings, most common reading first, no duplicates.
    initials: Vec<String>,
    /// Full toneless pinyin for the same readings, syllables run together.
    full: Vec<String>,
}

/// Candidates prepared for matching, keystroke by keystroke.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    entries: Vec<Entry>,
}

impl Matcher {
    pub fn new(items: impl IntoIterator<Item = String>) -> Self {
        Self {
            entries: items.into_iter().map(Entry::new).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The candidate at `index`, as given.
    pub fn item(&self, index: usize) -> &str {
        &self.entries[index].text
    }

    /// Indices of the candidates matching `query`, best first, in the given order within a tier.
    ///
    /// Empty query: all. A query with any non-ASCII character (Chinese): substring of the text,
    /// text prefixes first. An ASCII query, case-insensitive, tiers: prefix of the initials or
    /// of the text; substring of the initials; prefix of the full pinyin; substring of the text.
    pub fn matches(&self, query: &str) -> Vec<usize> {
        let query = query.trim().to_lowercase();
        if query.is_empty() {
            return (0..self.entries.len()).collect();
        }
        let ascii = query.is_ascii();
        // Initials skip whitespace, so a spaced query ("a 01") still meets them.
        let compact: String = query.chars().filter(|c| !c.is_whitespace()).collect();
        let mut ranked: Vec<(u8, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let tier = if ascii {
                    e.ascii_tier(&query, &compact)
                } else if e.lower.starts_with(&query) {
                    Some(0)
                } else if e.lower.contains(&query) {
                    Some(1)
                } else {
                    None
                };
                tier.map(|t| (t, i))
            })
            .collect();
        // Stable sort: the original order survives within a tier.
        ranked.sort_by_key(|&(tier, _)| tier);
        ranked.into_iter().map(|(_, i)| i).collect()
    }
}

impl Entry {
    fn new(text: String) -> Self {
        let lower = text.to_lowercase();
        // Partial readings: (initials, full pinyin), extended one character at a time.
        let mut readings: Vec<(String, String)> = vec![(String::new(), String::new())];
        for c in lower.chars() {
            if c.is_whitespace() {
                continue;
            }
            let options: Vec<&'static str> = match c.to_pinyin_multi() {
                Some(multi) => {
                    // Readings differing only in tone are one reading here.
                    let mut v: Vec<&'static str> = Vec::new();
                    for p in multi {
                        if !v.contains(&p.plain()) {
                            v.push(p.plain());
                        }
                    }
                    v
                }
                None => Vec::new(),
            };
            if options.is_empty() {
                for (ini, full) in &mut readings {
                    ini.push(c);
                    full.push(c);
                }
                continue;
            }
            let mut next = Vec::with_capacity(readings.len() * options.len());
            for (ini, full) in &readings {
                for syllable in &options {
                    if next.len() == MAX_READINGS {
                        break;
                    }
                    // ü is typed as v on a Latin keyboard.
                    let syllable = syllable.replace('ü', "v");
                    let mut i = ini.clone();
                    i.extend(syllable.chars().next());
                    next.push((i, format!("{full}{syllable}")));
                }
            }
            readings = next;
        }
        let mut initials: Vec<String> = Vec::new();
        let mut full: Vec<String> = Vec::new();
        for (i, f) in readings {
            if !initials.contains(&i) {
                initials.push(i);
            }
            if !full.contains(&f) {
                full.push(f);
            }
        }
        Self {
            text,
            lower,
            initials,
            full,
        }
    }

    fn ascii_tier(&self, query: &str, compact: &str) -> Option<u8> {
        if self.initials.iter().any(|i| i.starts_with(compact)) || self.lower.starts_with(query) {
            Some(0)
        } else if self.initials.iter().any(|i| i.contains(compact)) {
            Some(1)
        } else if self.full.iter().any(|f| f.starts_with(compact)) {
            Some(2)
        } else if self.lower.contains(query) {
            Some(3)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(items: &[&str]) -> Matcher {
        Matcher::new(items.iter().map(|s| s.to_string()))
    }

    fn found(m: &Matcher, query: &str) -> Vec<String> {
        m.matches(query)
            .into_iter()
            .map(|i| m.item(i).to_string())
            .collect()
    }

    const DEPARTMENTS: &[&str] = &[
        "交通运输局",
        "医疗卫生",
        "卫生健康委员会",
        "重庆市信访局",
        "中国银行",
        "12345热线",
        "住房和城乡建设局",
        "A01 城市管理",
        "Legal Aid Center",
    ];

    #[test]
    fn initials_find_chinese() {
        let m = matcher(DEPARTMENTS);
        assert_eq!(found(&m, "yl"), ["医疗卫生"]);
        assert_eq!(found(&m, "jt"), ["交通运输局"]);
        assert_eq!(found(&m, "JT"), ["交通运输局"]);
        assert_eq!(found(&m, "12345rx"), ["12345热线"]);
    }

    #[test]
    fn heteronyms_give_every_reading() {
        let m = matcher(DEPARTMENTS);
        assert_eq!(found(&m, "cq"), ["重庆市信访局"]);
        assert_eq!(found(&m, "zq"), ["重庆市信访局"]);
        assert_eq!(found(&m, "zgyh"), ["中国银行"]);
        assert_eq!(found(&m, "zgyx"), ["中国银行"]);
        assert_eq!(found(&m, "chongqing"), ["重庆市信访局"]);
    }

    #[test]
    fn chinese_query_matches_text() {
        let m = matcher(DEPARTMENTS);
        assert_eq!(found(&m, "卫生"), ["卫生健康委员会", "医疗卫生"]);
        assert_eq!(found(&m, "信访"), ["重庆市信访局"]);
        assert!(found(&m, "公安").is_empty());
    }

    #[test]
    fn ascii_text_matches_codes_and_names() {
        let m = matcher(DEPARTMENTS);
        assert_eq!(found(&m, "a01"), ["A01 城市管理"]);
        assert_eq!(found(&m, "aid cen"), ["Legal Aid Center"]);
        assert_eq!(found(&m, "legal"), ["Legal Aid Center"]);
    }

    #[test]
    fn empty_query_returns_all_in_order() {
        let m = matcher(DEPARTMENTS);
        assert_eq!(m.matches(""), (0..DEPARTMENTS.len()).collect::<Vec<_>>());
        assert_eq!(m.matches("  "), (0..DEPARTMENTS.len()).collect::<Vec<_>>());
    }

    #[test]
    fn prefix_ranks_before_substring_then_full_pinyin() {
        let m = matcher(&["公共卫生", "卫生监督", "为人民服务", "危险品", "建设局"]);
        // Prefix of 卫生监督 (wsjd), substring of 公共卫生 (ggws).
        assert_eq!(found(&m, "ws"), ["卫生监督", "公共卫生"]);
        // "jian" is no one's initials; as full pinyin it starts 建设局 (jianshe...).
        assert_eq!(found(&m, "jian"), ["建设局"]);
        // "w" is a prefix for three, kept in the given order.
        assert_eq!(
            found(&m, "w"),
            ["卫生监督", "为人民服务", "危险品", "公共卫生"]
        );
    }

    #[test]
    fn readings_stay_bounded() {
        let long = "重行重行重行重行重行重行重行重行重行重行".to_string();
        let m = Matcher::new([long]);
        assert!(m.entries[0].initials.len() <= MAX_READINGS);
        assert_eq!(m.matches("zxzx"), [0]);
    }

    #[test]
    fn a_thousand_candidates_per_keystroke_is_cheap() {
        let items: Vec<String> = (0..1000)
            .map(|i| format!("{}{i}", DEPARTMENTS[i % DEPARTMENTS.len()]))
            .collect();
        let m = Matcher::new(items);
        let started = std::time::Instant::now();
        for q in ["y", "yl", "ylw", "jtysj", "卫生", "a01", "chongq"] {
            assert!(!m.matches(q).is_empty());
        }
        // Generous for a debug build on a loaded machine; in practice well under a millisecond.
        assert!(started.elapsed() < std::time::Duration::from_millis(500));
    }
}
