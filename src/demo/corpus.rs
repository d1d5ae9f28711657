//! Deterministic synthetic case text for demo data and benchmarks.
//!
//! Everything is drawn from a [`Rng`], so one seed always gives the same
//! people and matters on every platform. All text is Simplified Chinese,
//! modelled on a city's petition office / 12345 hotline records. Word lists
//! and sentence templates live in the sibling file `corpus_data.rs`.

use std::fmt::Write as _;

pub use super::person::{Person, person};
use super::person::{days_in_month, full_name};
use super::rng::Rng;
pub use crate::domain::number::id_number_check_digit;

#[rustfmt::skip]
#[path = "corpus_data.rs"]
pub(super) mod data;

use data::{CATS, Issue};

/// A municipal department that handles cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeptSeed {
    pub name: &'static str,
    pub code: &'static str,
}

const fn dept(name: &'static str, code: &'static str) -> DeptSeed {
    DeptSeed { name, code }
}

#[rustfmt::skip]
pub static DEPARTMENTS: &[DeptSeed] = &[
    dept("住房和城乡建设局", "zjj"), dept("城市管理综合执法局", "cgj"), dept("市场监督管理局", "scjgj"),
    dept("人力资源和社会保障局", "rsj"), dept("教育局", "jyj"), dept("卫生健康委员会", "wjw"),
    dept("生态环境局", "sthjj"), dept("交通运输局", "jtysj"), dept("公安局", "gaj"),
    dept("民政局", "mzj"), dept("自然资源和规划局", "zrzyj"), dept("水务局", "swj"),
];

/// A case category and the department that usually handles it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CategorySeed {
    pub name: &'static str,
    /// Index into [`DEPARTMENTS`].
    pub dept: usize,
}

const fn cat(name: &'static str, dept: usize) -> CategorySeed {
    CategorySeed { name, dept }
}

#[rustfmt::skip]
pub static CATEGORIES: &[CategorySeed] = &[
    cat("物业管理", 0), cat("拆迁安置", 0), cat("劳动欠薪", 3), cat("社会保险", 3), cat("教育收费", 4),
    cat("校园安全", 4), cat("医疗纠纷", 5), cat("医疗服务", 5), cat("噪声扰民", 6), cat("环境污染", 6),
    cat("交通出行", 7), cat("市容环境", 1), cat("违法建设", 1), cat("食品安全", 2), cat("价格收费", 2),
    cat("消费维权", 2), cat("社会救助", 9), cat("养老服务", 9), cat("供水排水", 11), cat("治安管理", 8),
    cat("不动产登记", 10),
];

pub const KINDS: [&str; 6] = ["投诉", "举报", "建议", "咨询", "求助", "表扬"];
const COMPLAINT: usize = 0;
const REPORT: usize = 1;
const SUGGEST: usize = 2;
const CONSULT: usize = 3;
const HELP: usize = 4;

/// What a case is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matter {
    /// Index into [`KINDS`].
    pub kind: usize,
    /// Index into [`CATEGORIES`].
    pub category: usize,
    /// 8–24 characters.
    pub subject: String,
    /// 60–300 characters.
    pub content: String,
    /// 10–40 characters.
    pub demands: String,
    /// Always set for 举报, sometimes for 投诉; about a third of these are a
    /// [`DEPARTMENTS`] name. The unit is always named in `content`.
    pub accused_unit: Option<String>,
}

// ------------------------------------------------------------------ people

/// A uniformly chosen entry of a static word list.
pub(super) fn one(rng: &mut Rng, list: &[&'static str]) -> &'static str {
    list[rng.below(list.len() as u64) as usize]
}

// --------------------------------------------------------------- templates

/// Markers with one value per case, in the order of `Ctx::fixed`.
const FIXED: &[u8; 11] = b"WHCRSXEFOJG";

/// Per-case values behind the template markers (documented in corpus_data.rs).
struct Ctx {
    fixed: [&'static str; 11],
    building: u64,
    age: u64,
    unit: String,
    unit_ref: &'static str,
    praised: String,
    month: u64,
    day: u64,
    dates: u32,
}

impl Ctx {
    fn new(rng: &mut Rng, category: usize) -> Ctx {
        let (w, h) = data::VOICES[rng.weighted(&data::VOICE_WEIGHTS)];
        let roads = data::ROADS.len() as u64;
        let r1 = rng.below(roads);
        let r2 = (r1 + 1 + rng.below(roads - 1)) % roads;
        let (road, road2) = (data::ROADS[r1 as usize], data::ROADS[r2 as usize]);
        let dept = data::DEPT_SHORT[CATEGORIES.get(category).map_or(0, |c| c.dept)];
        let compound = one(rng, data::COMPOUNDS);
        let district = one(rng, data::DISTRICTS);
        let street = one(rng, data::STREETS);
        let (family, elder) = (one(rng, data::FAMILY), one(rng, data::ELDERS));
        let job = one(rng, data::JOBS);
        Ctx {
            fixed: [
                w, h, compound, road, road2, district, street, family, elder, job, dept,
            ],
            building: rng.range(1, 28),
            age: rng.range(62, 92),
            unit: String::new(),
            unit_ref: "该单位",
            praised: String::new(),
            month: rng.range(1, 12),
            day: rng.range(1, 20),
            dates: 0,
        }
    }

    /// Chooses the case's unit: of the kind named by a `{U:…}`/`{V:…}` marker
    /// in `fact`, otherwise from the category's unit patterns.
    fn set_unit(&mut self, rng: &mut Rng, category: usize, fact: &str) {
        let suffix = ["{U:", "{V:"].iter().find_map(|m| {
            let start = fact.find(m)? + m.len();
            Some(&fact[start..start + fact[start..].find('}')?])
        });
        let (pattern, branded) = match suffix {
            Some(s) => (s, true),
            None => (one(rng, CATS[category % CATS.len()].units), false),
        };
        let mut unit = String::with_capacity(48);
        let company = (branded || pattern.starts_with("{Z}")) && pattern.ends_with("有限公司");
        if company && rng.chance(35) {
            unit.push_str(data::CITY_SHORT);
        }
        if branded {
            unit.push_str(one(rng, data::BRANDS));
        }
        self.expand(rng, pattern, &mut unit);
        self.set_unit_name(unit);
    }

    fn set_unit_name(&mut self, unit: String) {
        let found = data::UNIT_REFS.iter().find(|r| unit.ends_with(r.0));
        self.unit_ref = found.map_or("该店", |r| r.1);
        self.unit = unit;
    }

    /// Makes a government department the case's unit.
    fn set_dept_unit(&mut self, rng: &mut Rng, category: usize) {
        let d = match CATEGORIES.get(category) {
            Some(c) if rng.chance(70) => c.dept,
            _ => rng.below(DEPARTMENTS.len() as u64) as usize,
        };
        self.set_unit_name(DEPARTMENTS[d].name.to_string());
    }

    fn get(&self, tag: u8) -> &'static str {
        let i = FIXED.iter().position(|&b| b == tag);
        i.map_or("", |i| self.fixed[i])
    }

    fn expand(&mut self, rng: &mut Rng, tpl: &str, out: &mut String) {
        let mut rest = tpl;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let Some(j) = after.find('}') else {
                return out.push_str(&rest[i..]);
            };
            self.emit(rng, after.as_bytes()[0], out);
            rest = &after[j + 1..];
        }
        out.push_str(rest);
    }

    fn emit(&mut self, rng: &mut Rng, tag: u8, out: &mut String) {
        if FIXED.contains(&tag) {
            return out.push_str(self.get(tag));
        }
        if let Some((_, list)) = data::PICKS.iter().find(|p| p.0 == tag) {
            return out.push_str(one(rng, list));
        }
        let _ = match tag {
            b'U' => write!(out, "{}", self.unit),
            b'V' => write!(out, "{}", self.unit_ref),
            b'P' => write!(out, "{}", self.praised),
            b'A' => write!(out, "{}", self.age),
            b'K' => write!(out, "{}", rng.range(12, 96)),
            b'm' => write!(out, "{}元", rng.range(2, 98) * 10),
            b'B' => {
                let word = if self.building.is_multiple_of(3) {
                    "幢"
                } else {
                    "栋"
                };
                write!(out, "{}{word}", self.building)
            }
            b'M' => {
                // Mostly a few thousand yuan, sometimes tens of thousands.
                let hi = if rng.chance(80) { 300 } else { 980 };
                let x = rng.range(12, hi) * 100;
                match (x / 10_000, x % 10_000 / 1000) {
                    (w, 0) if w > 0 && rng.chance(30) => write!(out, "{w}万元"),
                    (w, k) if w > 0 && rng.chance(30) => write!(out, "{w}.{k}万元"),
                    _ => write!(out, "{x}元"),
                }
            }
            b'D' => {
                // Each date of a case is a little later than the one before.
                if self.dates > 0 {
                    self.day += rng.range(1, 12);
                    while self.day > days_in_month(2023, self.month) {
                        self.day -= days_in_month(2023, self.month);
                        self.month = self.month % 12 + 1;
                    }
                }
                self.dates += 1;
                write!(out, "{}月{}日", self.month, self.day)
            }
            _ => Ok(()),
        };
    }
}

/// A text being assembled from templates, with its length in characters.
struct Gen<'r> {
    rng: &'r mut Rng,
    cx: Ctx,
    s: String,
    n: usize,
    max: usize,
}

const CONTENT_MIN: usize = 60;
const CONTENT_MAX: usize = 300;

impl<'r> Gen<'r> {
    fn new(rng: &'r mut Rng, category: usize, max: usize) -> Gen<'r> {
        let cx = Ctx::new(rng, category);
        Gen {
            rng,
            cx,
            s: String::with_capacity(max * 3),
            n: 0,
            max,
        }
    }

    fn one(&mut self, list: &[&'static str]) -> &'static str {
        one(self.rng, list)
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.rng.chance(percent)
    }

    fn expand(&mut self, tpl: &str) -> String {
        let mut out = String::with_capacity(tpl.len() + 32);
        self.cx.expand(self.rng, tpl, &mut out);
        out
    }

    /// Expands `tpl` and appends it, unless that would pass the maximum length
    /// or the text already says exactly that.
    fn add(&mut self, tpl: &str) {
        let old = self.s.len();
        self.cx.expand(self.rng, tpl, &mut self.s);
        let n = char_len(&self.s[old..]);
        if self.n + n > self.max || self.s[..old].contains(&self.s[old..]) {
            self.s.truncate(old);
        } else {
            self.n += n;
        }
    }

    fn expand_pick(&mut self, list: &[&'static str]) -> String {
        let tpl = self.one(list);
        self.expand(tpl)
    }

    fn add_pick(&mut self, list: &[&'static str]) {
        let tpl = self.one(list);
        self.add(tpl);
    }

    /// Appends successive entries of `list` (from a random one) while the text
    /// is shorter than `min`; if it is not, still adds one with chance `extra`%.
    fn pad(&mut self, list: &[&str], min: usize, extra: u32) {
        let first = self.rng.below(list.len() as u64) as usize;
        for k in 0..list.len() {
            if self.n >= min && (k > 0 || !self.chance(extra)) {
                break;
            }
            self.add(list[(first + k) % list.len()]);
        }
    }
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// `s` if it is `lo..=hi` characters long, else `fallback`.
fn within(s: String, lo: usize, hi: usize, fallback: impl FnOnce() -> String) -> String {
    if (lo..=hi).contains(&char_len(&s)) {
        s
    } else {
        fallback()
    }
}

// ----------------------------------------------------------------- matters

/// A random matter: kind, category, subject, content, demands and, for 举报
/// and some 投诉, the accused unit.
pub fn matter(rng: &mut Rng) -> Matter {
    let kind = rng.weighted(&data::KIND_WEIGHTS);
    let weights = if kind == REPORT {
        data::REPORT_WEIGHTS
    } else {
        data::CAT_WEIGHTS
    };
    let category = rng.weighted(weights) % CATS.len();
    let c = &CATS[category];
    let mut g = Gen::new(rng, category, CONTENT_MAX);
    let (subject, demands, accused) = match kind {
        COMPLAINT | REPORT | HELP => grievance(&mut g, kind, category),
        SUGGEST => {
            g.cx.set_unit(g.rng, category, "");
            let pair = g.one(c.suggestions);
            let (obs, tpl) = pair.split_once('|').unwrap_or(("", pair));
            let who = g.one(c.who);
            g.add(&if obs.is_empty() {
                format!("{who}，")
            } else {
                format!("{who}，{obs}。")
            });
            let sugg = g.expand(tpl);
            g.add(&format!("建议{sugg}。"));
            if g.chance(70) {
                g.add_pick(data::SUGGEST_REASONS);
            }
            let subject = match g.rng.below(3) {
                0 if char_len(&sugg) <= 22 => format!("建议{sugg}"),
                1 => format!("关于{}的建议", c.topic),
                _ => format!("对{}工作的几点建议", c.topic),
            };
            let demands = if g.chance(50) {
                format!("希望{sugg}")
            } else {
                g.expand_pick(data::SUGGEST_DEMANDS)
            };
            (subject, demands, false)
        }
        CONSULT => {
            g.cx.set_unit(g.rng, category, "");
            let (who, q) = (g.one(c.who), g.one(c.questions));
            let ask = g.one(&["想咨询一下", "想问一下", "想了解"]);
            g.add(&format!("{who}，{ask}{q}？"));
            let list = data::CONSULT_CONTEXT;
            let k = g.rng.below(list.len() as u64) as usize;
            g.add(list[k]);
            if g.chance(40) {
                g.add(list[(k + 1) % list.len()]);
            }
            let subject = if g.chance(70) {
                format!("咨询{q}")
            } else {
                format!("关于{}的咨询", c.topic)
            };
            (subject, g.expand_pick(data::CONSULT_DEMANDS), false)
        }
        _ => {
            g.cx.set_unit(g.rng, category, "");
            let male = g.chance(50);
            g.cx.praised = full_name(g.rng, male, 1980);
            let (who, topic) = (g.one(c.who), c.topic);
            g.add(&format!(
                "{who}。{{D}}，{{W}}因{topic}方面的问题向{{G}}求助，工作人员{{P}}"
            ));
            g.add_pick(data::PRAISE_ACTS);
            let tpl = if g.chance(50) {
                "表扬{G}工作人员{P}"
            } else {
                "感谢{G}工作人员热心服务"
            };
            (g.expand(tpl), g.expand_pick(data::PRAISE_DEMANDS), false)
        }
    };
    // Pad with sentences that suit the kind (leaving room for the closing), then close.
    let closing = g.expand_pick(data::CLOSINGS[kind]);
    let min = CONTENT_MIN.saturating_sub(char_len(&closing));
    g.max = CONTENT_MAX - 40;
    g.pad(data::FILLERS[kind], min, 0);
    g.max = CONTENT_MAX;
    g.add(&closing);

    let topic = c.topic;
    let subject = within(subject, 8, 24, || {
        format!("关于{topic}问题的{}", KINDS[kind])
    });
    let demands = within(demands, 10, 40, || {
        format!("希望有关部门依法处理{topic}问题")
    });
    let accused_unit = accused.then(|| g.cx.unit.clone());
    Matter {
        kind,
        category,
        subject,
        content: g.s,
        demands,
        accused_unit,
    }
}

/// The body of a 投诉, 举报 or 求助; returns (subject, demands, accused).
fn grievance(g: &mut Gen, kind: usize, category: usize) -> (String, String, bool) {
    let c = &CATS[category];
    let mut accused = kind == REPORT || (kind == COMPLAINT && g.chance(35));
    let dept = accused && g.chance(33);
    let issue: &Issue = if dept {
        g.cx.set_dept_unit(g.rng, category);
        g.rng.pick(data::MISCONDUCT)
    } else {
        let named = |i: &&Issue| i.1.contains("{U");
        let n = c.issues.iter().filter(named).count() as u64;
        let issue = match kind {
            REPORT => g.rng.pick(c.reports),
            _ if accused && n > 0 => {
                let k = g.rng.below(n) as usize;
                c.issues.iter().filter(named).nth(k).unwrap_or(&c.issues[0])
            }
            _ => g.rng.pick(c.issues),
        };
        g.cx.set_unit(g.rng, category, issue.1);
        accused &= kind == REPORT || issue.1.contains("{U");
        issue
    };
    let who = g.one(if dept { data::GENERIC_WHO } else { c.who });
    if kind == REPORT && g.chance(65) {
        g.add_pick(data::REPORT_OPENERS);
    } else if kind == REPORT {
        g.add(&format!("{who}，现实名举报{{U}}："));
    } else {
        g.add(&format!("{who}，"));
        // Unless the fact itself opens with a date.
        let dated = ["{D}", "{W}{D}"].iter().any(|p| issue.1.starts_with(p));
        if g.chance(55) && !dated {
            g.add_pick(data::TIME_PHRASES);
        }
    }
    g.add(issue.1);
    let other = g.rng.pick(c.issues).1;
    if !dept && kind != REPORT && g.chance(25) && other != issue.1 && !other.contains("{U") {
        g.add(&format!("此外，{other}"));
    }
    if kind == REPORT && g.chance(50) {
        g.add_pick(data::EVIDENCE);
    }
    if g.chance(if kind == REPORT { 30 } else { 65 }) {
        let own = !dept && g.chance(50);
        g.add_pick(if own { c.tried } else { data::TRIED });
    }
    if kind != REPORT && g.chance(55) {
        let own = !dept && g.chance(50);
        g.add_pick(if own { c.impacts } else { data::IMPACTS });
    }
    let mut subject = g.expand(issue.0);
    if kind != REPORT && subject.starts_with("举报") {
        subject.replace_range(.."举报".len(), "投诉");
    }
    if subject.starts_with("小区") && g.chance(40) {
        subject.insert_str(0, g.cx.get(b'C'));
    } else if kind == HELP && g.chance(30) {
        subject = format!("请求帮助解决{subject}问题");
    }
    let mut demands = g.expand(issue.2);
    if g.chance(20) && char_len(&demands) <= 32 {
        demands.push_str("，并给予书面答复");
    }
    (subject, demands, accused)
}

// --------------------------------------------------------------- case work

/// An officer's investigation note, 20–80 characters.
pub fn note(rng: &mut Rng) -> String {
    let category = rng.weighted(data::CAT_WEIGHTS) % CATS.len();
    let mut g = Gen::new(rng, category, 80);
    g.add_pick(data::NOTE_ACTIONS);
    g.pad(data::NOTE_FOLLOWS, 20, 45);
    g.s
}

/// A department's handling result for a case of `category`, 30–120 characters.
pub fn result(rng: &mut Rng, category: usize) -> String {
    let category = category % CATS.len();
    let mut g = Gen::new(rng, category, 120);
    let body = g.one(CATS[category].results);
    if !body.starts_with('经') {
        g.add_pick(data::RESULT_LEADS);
    }
    g.add(body);
    g.pad(data::RESULT_TAILS, 30, 40);
    g.s
}

/// What the complainant was told, 15–60 characters.
pub fn feedback(rng: &mut Rng) -> String {
    let (how, what) = (one(rng, data::FEEDBACK_HOW), one(rng, data::FEEDBACK_WHAT));
    let mut mood = one(rng, data::FEEDBACK_MOOD);
    if char_len(how) + char_len(what) + char_len(mood) < 15 {
        mood = data::FEEDBACK_MOOD[0];
    }
    format!("{how}{what}{mood}")
}

/// A short reason for returning, handing back or not accepting a case, 8–30 characters.
pub fn reason(rng: &mut Rng) -> String {
    let r = one(rng, data::REASONS);
    if rng.chance(30) && char_len(r) <= 26 {
        format!("经审查，{r}")
    } else {
        r.to_string()
    }
}

/// Another body a case can be handed over to (never one of [`DEPARTMENTS`]).
pub fn transfer_body(rng: &mut Rng) -> &'static str {
    one(rng, data::TRANSFER_BODIES)
}

#[cfg(test)]
#[path = "corpus_tests.rs"]
mod tests;
