//! Which department a typed accused unit (被举报单位) names. A confidential report may never go
//! to the unit it accuses, so a name typed the way people say it (`市住建局`) must still find
//! 住房和城乡建设局; when it cannot be told which department is meant, the intake asks.

use pinyin::ToPinyin;

use super::role::{Department, DeptId};

/// The answer "none of our departments" to an unclear accused unit: never a department's id
/// (they count from 1). The case then records no accused department.
pub const OUTSIDE: DeptId = 0;

/// What a typed accused unit names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Accused {
    Dept(DeptId),
    /// No department: the unit is outside the organisation, or named in a way not recognised.
    Unknown,
    /// Several departments fit equally well.
    Ambiguous(Vec<DeptId>),
}

/// A leading 市/区/县/省 names the level of government, not the department (`市住建局`).
const LEVELS: [char; 4] = ['市', '区', '县', '省'];

/// Lower case, full-width folded, without spaces and punctuation.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The names a department answers to: its name and its aliases, folded.
fn names(d: &Department) -> impl Iterator<Item = String> + '_ {
    std::iter::once(fold(&d.name))
        .chain(d.aliases.iter().map(|a| fold(a)))
        .filter(|n| !n.is_empty())
}

/// Full toneless pinyin and initials of a name (the most common reading of each character).
fn pinyin_of(name: &str) -> (String, String) {
    let mut full = String::new();
    let mut initials = String::new();
    for c in name.chars() {
        match c.to_pinyin() {
            Some(p) => {
                let plain = p.plain().replace('ü', "v");
                initials.extend(plain.chars().next());
                full.push_str(&plain);
            }
            None => {
                full.push(c);
                initials.push(c);
            }
        }
    }
    (full, initials)
}

/// Whether every character of `short` appears in `long`, in order.
fn in_order(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

fn decide(ids: Vec<DeptId>) -> Option<Accused> {
    let mut ids = ids;
    ids.sort_unstable();
    ids.dedup();
    match ids.len() {
        0 => None,
        1 => Some(Accused::Dept(ids[0])),
        _ => Some(Accused::Ambiguous(ids)),
    }
}

/// Resolves `text` against the departments, the first rule that fits deciding:
/// 1. the whole name, an alias or the code;
/// 2. a name or alias inside the text (`城市管理综合执法局某中队`), the longest winning;
/// 3. typed in pinyin, full or initials (`zjj`-style codes are rule 1);
/// 4. every character typed appears in order in one name or alias (`住建局` in
///    住房和城乡建设局), after dropping a leading 市/区/县/省; at least two characters.
///
/// Rules 2 to 4 can fit several departments: that is `Ambiguous`, never a guess.
pub fn resolve(text: &str, depts: &[Department]) -> Accused {
    let t = fold(text);
    if t.is_empty() {
        return Accused::Unknown;
    }
    let exact = depts
        .iter()
        .filter(|d| names(d).any(|n| n == t) || (!d.code.is_empty() && fold(&d.code) == t))
        .map(|d| d.id)
        .collect();
    if let Some(a) = decide(exact) {
        return a;
    }
    let inside: Vec<(usize, DeptId)> = depts
        .iter()
        .filter_map(|d| {
            names(d)
                .filter(|n| n.chars().count() >= 2 && t.contains(n.as_str()))
                .map(|n| n.chars().count())
                .max()
                .map(|len| (len, d.id))
        })
        .collect();
    if let Some(best) = inside.iter().map(|(len, _)| *len).max() {
        let ids = inside.iter().filter(|(l, _)| *l == best).map(|(_, id)| *id);
        if let Some(a) = decide(ids.collect()) {
            return a;
        }
    }
    if t.is_ascii() {
        let ids = depts
            .iter()
            .filter(|d| {
                names(d).any(|n| {
                    let (full, initials) = pinyin_of(&n);
                    t == full || t == initials
                })
            })
            .map(|d| d.id)
            .collect();
        return decide(ids).unwrap_or(Accused::Unknown);
    }
    let stripped = t.strip_prefix(&LEVELS[..]).unwrap_or(&t);
    let ids = depts
        .iter()
        .filter(|d| {
            names(d).any(|n| {
                [t.as_str(), stripped]
                    .iter()
                    .any(|q| q.chars().count() >= 2 && in_order(q, &n))
            })
        })
        .map(|d| d.id)
        .collect();
    decide(ids).unwrap_or(Accused::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dept(id: DeptId, name: &str, code: &str, aliases: &[&str]) -> Department {
        Department {
            id,
            name: name.into(),
            code: code.into(),
            active: true,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
    }

    fn city() -> Vec<Department> {
        vec![
            dept(1, "住房和城乡建设局", "zjj", &[]),
            dept(2, "城市管理综合执法局", "cgj", &["城管"]),
            dept(3, "市场监督管理局", "scj", &[]),
            dept(4, "人力资源和社会保障局", "rsj", &[]),
            dept(5, "生态环境局", "sthjj", &[]),
        ]
    }

    #[test]
    fn by_name_code_and_alias() {
        let d = city();
        assert_eq!(resolve("住房和城乡建设局", &d), Accused::Dept(1));
        assert_eq!(resolve(" ZJJ ", &d), Accused::Dept(1));
        assert_eq!(resolve("城管", &d), Accused::Dept(2));
        assert_eq!(resolve("城市管理综合执法局某中队", &d), Accused::Dept(2));
        assert_eq!(resolve("某城管中队", &d), Accused::Dept(2));
    }

    #[test]
    fn by_pinyin() {
        let d = city();
        assert_eq!(resolve("shichangjianduguanliju", &d), Accused::Dept(3));
        assert_eq!(resolve("rlzyhshbzj", &d), Accused::Dept(4));
    }

    #[test]
    fn usual_abbreviations_by_characters_in_order() {
        let d = city();
        assert_eq!(resolve("市住建局", &d), Accused::Dept(1));
        assert_eq!(resolve("住建局", &d), Accused::Dept(1));
        assert_eq!(resolve("人社局", &d), Accused::Dept(4));
        assert_eq!(resolve("市监局", &d), Accused::Dept(3));
        assert_eq!(resolve("区环境局", &d), Accused::Dept(5));
    }

    #[test]
    fn unknown_or_ambiguous_is_never_a_guess() {
        let d = city();
        assert_eq!(resolve("某物业公司", &d), Accused::Unknown);
        assert_eq!(resolve("", &d), Accused::Unknown);
        // 管理局 fits both 城市管理综合执法局 and 市场监督管理局.
        assert_eq!(resolve("管理局", &d), Accused::Ambiguous(vec![2, 3]));
        // One character says nothing.
        assert_eq!(resolve("局", &d), Accused::Unknown);
    }
}
