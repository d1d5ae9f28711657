//! Deterministic synthetic case text for demo data and benchmarks.
//!
//! Everything is generated from a [`Rng`], so one seed always gives the same
//! people and matters. All text is Simplified Chinese, modelled on a city's
//! petition office / 12345 hotline records. The word lists live in the
//! sibling file `corpus_data.rs`.

use std::fmt::Write as _;

use super::rng::Rng;

#[rustfmt::skip]
#[path = "corpus_data.rs"]
mod data;

use data::{CATS, Issue};

/// A municipal department that handles cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeptSeed {
    pub name: &'static str,
    pub code: &'static str,
}

pub static DEPARTMENTS: &[DeptSeed] = &[
    DeptSeed {
        name: "住房和城乡建设局",
        code: "zjj",
    },
    DeptSeed {
        name: "城市管理综合执法局",
        code: "cgj",
    },
    DeptSeed {
        name: "市场监督管理局",
        code: "scjgj",
    },
    DeptSeed {
        name: "人力资源和社会保障局",
        code: "rsj",
    },
    DeptSeed {
        name: "教育局",
        code: "jyj",
    },
    DeptSeed {
        name: "卫生健康委员会",
        code: "wjw",
    },
    DeptSeed {
        name: "生态环境局",
        code: "sthjj",
    },
    DeptSeed {
        name: "交通运输局",
        code: "jtysj",
    },
    DeptSeed {
        name: "公安局",
        code: "gaj",
    },
    DeptSeed {
        name: "民政局",
        code: "mzj",
    },
    DeptSeed {
        name: "自然资源和规划局",
        code: "zrzyj",
    },
    DeptSeed {
        name: "水务局",
        code: "swj",
    },
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

pub static CATEGORIES: &[CategorySeed] = &[
    cat("物业管理", 0),
    cat("拆迁安置", 0),
    cat("劳动欠薪", 3),
    cat("社会保险", 3),
    cat("教育收费", 4),
    cat("校园安全", 4),
    cat("医疗纠纷", 5),
    cat("医疗服务", 5),
    cat("噪声扰民", 6),
    cat("环境污染", 6),
    cat("交通出行", 7),
    cat("市容环境", 1),
    cat("违法建设", 1),
    cat("食品安全", 2),
    cat("价格收费", 2),
    cat("消费维权", 2),
    cat("社会救助", 9),
    cat("养老服务", 9),
    cat("供水排水", 11),
    cat("治安管理", 8),
    cat("不动产登记", 10),
];

pub const KINDS: [&str; 6] = ["投诉", "举报", "建议", "咨询", "求助", "表扬"];
const K_COMPLAINT: usize = 0;
const K_REPORT: usize = 1;
const K_SUGGEST: usize = 2;
const K_CONSULT: usize = 3;
const K_HELP: usize = 4;

/// A complainant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub phone: String,
    pub id_number: String,
    pub address: String,
}

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
    /// Always set for 举报, sometimes for 投诉. About a third of these are a
    /// [`DEPARTMENTS`] name.
    pub accused_unit: Option<String>,
}

// ---------------------------------------------------------------- people

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The ISO 7064 MOD 11-2 check character of a resident ID number, given its
/// first 17 characters. `None` unless `first17` is exactly 17 ASCII digits.
pub fn id_number_check_digit(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = bytes
        .iter()
        .zip(ID_WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    Some(ID_CHECK[(sum % 11) as usize])
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn weighted_str(rng: &mut Rng, items: &[(&'static str, u32)]) -> &'static str {
    let total: u64 = items.iter().map(|x| u64::from(x.1)).sum();
    let mut r = rng.below(total);
    for &(s, w) in items {
        if r < u64::from(w) {
            return s;
        }
        r -= u64::from(w);
    }
    items.first().map_or("", |x| x.0)
}

fn full_name(rng: &mut Rng, male: bool, birth_year: u64) -> String {
    let mut s = String::with_capacity(12);
    if rng.chance(3) {
        s.push_str(one(rng, data::RARE_SURNAMES));
    } else {
        s.push_str(weighted_str(rng, data::SURNAMES));
    }
    let (chars, old) = if male {
        (data::MALE_CHARS, data::OLD_MALE_NAMES)
    } else {
        (data::FEMALE_CHARS, data::OLD_FEMALE_NAMES)
    };
    if birth_year < 1965 && rng.chance(40) {
        s.push_str(one(rng, old));
    } else {
        s.push_str(one(rng, chars));
        if rng.chance(70) {
            s.push_str(one(rng, chars));
        }
    }
    s
}

/// A complainant with a realistic name, mobile number, ID number and address.
pub fn person(rng: &mut Rng) -> Person {
    let male = rng.chance(50);
    // Triangular distribution over 1940..=2005, peaking in the early 1970s.
    let year = 1940 + rng.below(34) + rng.below(33);
    let month = rng.range(1, 12);
    let day = rng.range(1, days_in_month(year, month));
    let name = full_name(rng, male, year);

    let mut phone = String::with_capacity(11);
    let _ = write!(
        phone,
        "{}{:08}",
        one(rng, data::PHONE_PREFIXES),
        rng.below(100_000_000)
    );

    let region = if rng.chance(78) {
        one(rng, data::LOCAL_REGIONS)
    } else {
        one(rng, data::OTHER_REGIONS)
    };
    // Sequence code: odd for men, even for women.
    let seq = rng.below(499) * 2 + if male { 1 } else { 2 };
    let mut id_number = String::with_capacity(18);
    let _ = write!(id_number, "{region}{year:04}{month:02}{day:02}{seq:03}");
    if let Some(c) = id_number_check_digit(&id_number) {
        id_number.push(c);
    }

    let mut address = String::with_capacity(96);
    address.push_str(data::PROVINCE_CITY);
    address.push_str(one(rng, data::DISTRICTS));
    address.push_str(one(rng, data::ROADS));
    let _ = write!(address, "{}号", rng.range(1, 888));
    if rng.chance(90) {
        address.push_str(one(rng, data::COMPOUNDS));
        let (building, unit) = (rng.range(1, 28), rng.range(1, 4));
        let (floor, room) = (rng.range(1, 26), rng.range(1, 4));
        let _ = write!(address, "{building}栋{unit}单元{floor}{room:02}室");
    }
    Person {
        name,
        phone,
        id_number,
        address,
    }
}

// ---------------------------------------------------------------- templates

/// Per-case values behind the template markers (see `corpus_data.rs`).
struct Ctx {
    w: &'static str,
    h: &'static str,
    compound: &'static str,
    building: u64,
    road: &'static str,
    road2: &'static str,
    district: &'static str,
    street: &'static str,
    dept: &'static str,
    family: &'static str,
    elder: &'static str,
    job: &'static str,
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
        let r1 = rng.below(data::ROADS.len() as u64) as usize;
        let r2 = (r1 + 1 + rng.below(data::ROADS.len() as u64 - 1) as usize) % data::ROADS.len();
        let dept = CATEGORIES.get(category).map_or(0, |c| c.dept);
        Ctx {
            w,
            h,
            compound: one(rng, data::COMPOUNDS),
            building: rng.range(1, 28),
            road: data::ROADS[r1],
            road2: data::ROADS[r2],
            district: one(rng, data::DISTRICTS),
            street: one(rng, data::STREETS),
            dept: data::DEPT_SHORT[dept],
            family: one(rng, data::FAMILY),
            elder: one(rng, data::ELDERS),
            job: one(rng, data::JOBS),
            age: rng.range(62, 92),
            unit: String::new(),
            unit_ref: "该单位",
            praised: String::new(),
            month: rng.range(1, 12),
            day: rng.range(1, 20),
            dates: 0,
        }
    }

    /// Chooses the case's unit: the kind named by a `{U:…}`/`{V:…}` marker in
    /// `fact`, otherwise one of the category's unit patterns.
    fn set_unit(&mut self, rng: &mut Rng, category: usize, fact: &str) {
        let suffix = ["{U:", "{V:"].iter().find_map(|m| {
            let start = fact.find(m)? + m.len();
            let end = fact[start..].find('}')?;
            Some(&fact[start..start + end])
        });
        let mut unit = String::with_capacity(48);
        match suffix {
            Some(sfx) => {
                if sfx.ends_with("有限公司") && rng.chance(35) {
                    unit.push_str(data::CITY_SHORT);
                }
                unit.push_str(one(rng, data::BRANDS));
                unit.push_str(sfx);
            }
            None => {
                let pattern = one(rng, CATS[category % CATS.len()].units);
                if pattern.starts_with("{Z}") && pattern.ends_with("有限公司") && rng.chance(35)
                {
                    unit.push_str(data::CITY_SHORT);
                }
                self.expand(rng, pattern, &mut unit);
            }
        }
        self.unit_ref = short_ref(&unit);
        self.unit = unit;
    }

    /// Makes a government department the case's unit; returns its index.
    fn set_dept_unit(&mut self, rng: &mut Rng, category: usize) -> usize {
        let d = match CATEGORIES.get(category) {
            Some(c) if rng.chance(70) => c.dept,
            _ => rng.below(DEPARTMENTS.len() as u64) as usize,
        };
        self.unit = DEPARTMENTS[d].name.to_string();
        self.unit_ref = short_ref(&self.unit);
        d
    }

    fn expand(&mut self, rng: &mut Rng, tpl: &str, out: &mut String) {
        let mut rest = tpl;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let Some(j) = after.find('}') else {
                out.push_str(&rest[i..]);
                return;
            };
            self.emit(rng, after.as_bytes().first().copied().unwrap_or(b'?'), out);
            rest = &after[j + 1..];
        }
        out.push_str(rest);
    }

    fn emit(&mut self, rng: &mut Rng, tag: u8, out: &mut String) {
        let s: &str = match tag {
            b'W' => self.w,
            b'H' => self.h,
            b'C' => self.compound,
            b'R' => self.road,
            b'S' => self.road2,
            b'X' => self.district,
            b'E' => self.street,
            b'G' => self.dept,
            b'V' => self.unit_ref,
            b'F' => self.family,
            b'O' => self.elder,
            b'J' => self.job,
            b'N' => one(rng, data::CN_SMALL),
            b'I' => one(rng, data::CN_ORD),
            b'T' => one(rng, data::LATE_HOURS),
            b'Y' => one(rng, data::SPANS),
            b'Z' => one(rng, data::BRANDS),
            b'U' => {
                out.push_str(&self.unit);
                return;
            }
            b'P' => {
                out.push_str(&self.praised);
                return;
            }
            b'B' => {
                let word = if self.building % 3 == 0 { "幢" } else { "栋" };
                let _ = write!(out, "{}{word}", self.building);
                return;
            }
            b'A' => {
                let _ = write!(out, "{}", self.age);
                return;
            }
            b'K' => {
                let _ = write!(out, "{}", rng.range(12, 96));
                return;
            }
            b'm' => {
                let _ = write!(out, "{}元", rng.range(2, 98) * 10);
                return;
            }
            b'M' => {
                // Mostly a few thousand yuan, sometimes tens of thousands.
                let hi = if rng.chance(80) { 300 } else { 980 };
                let x = rng.range(12, hi) * 100;
                let _ = if x >= 10_000 && rng.chance(30) {
                    match (x / 10_000, x % 10_000 / 1000) {
                        (w, 0) => write!(out, "{w}万元"),
                        (w, k) => write!(out, "{w}.{k}万元"),
                    }
                } else {
                    write!(out, "{x}元")
                };
                return;
            }
            b'D' => {
                if self.dates > 0 {
                    self.day += rng.range(1, 12);
                    while self.day > days_in_month(2023, self.month) {
                        self.day -= days_in_month(2023, self.month);
                        self.month = self.month % 12 + 1;
                    }
                }
                self.dates += 1;
                let _ = write!(out, "{}月{}日", self.month, self.day);
                return;
            }
            _ => "",
        };
        out.push_str(s);
    }
}

/// How later sentences refer back to a unit ("该公司", "该院", …).
fn short_ref(unit: &str) -> &'static str {
    const ENDINGS: &[(&str, &str)] = &[
        ("有限公司", "该公司"),
        ("委员会", "该委"),
        ("局", "该局"),
        ("办事处", "该街道"),
        ("居民委员会", "该社区"),
        ("学校", "该校"),
        ("中学", "该校"),
        ("小学", "该校"),
        ("幼儿园", "该园"),
        ("福利院", "该院"),
        ("养老院", "该院"),
        ("医院", "该院"),
        ("保健院", "该院"),
        ("诊所", "该诊所"),
        ("洗浴中心", "该场所"),
        ("网吧", "该场所"),
        ("棋牌室", "该场所"),
        ("中心", "该中心"),
        ("食品厂", "该作坊"),
    ];
    ENDINGS
        .iter()
        .find(|(end, _)| unit.ends_with(end))
        .map_or("该店", |&(_, r)| r)
}

// ---------------------------------------------------------------- matters

const CONTENT_MIN: usize = 60;
const CONTENT_MAX: usize = 300;

/// A string with its length in characters.
struct Text {
    s: String,
    n: usize,
}

impl Text {
    fn new(cap: usize) -> Text {
        Text {
            s: String::with_capacity(cap),
            n: 0,
        }
    }

    fn push(&mut self, seg: &str) {
        self.s.push_str(seg);
        self.n += seg.chars().count();
    }

    /// Expands `tpl` and appends it unless that would pass `max` characters.
    fn add_pick(&mut self, rng: &mut Rng, cx: &mut Ctx, list: &[&str]) -> bool {
        let tpl = *rng.pick(list);
        self.add(rng, cx, tpl, CONTENT_MAX)
    }

    fn add(&mut self, rng: &mut Rng, cx: &mut Ctx, tpl: &str, max: usize) -> bool {
        let mut seg = String::with_capacity(tpl.len() + 32);
        cx.expand(rng, tpl, &mut seg);
        let n = seg.chars().count();
        if self.n + n > max {
            return false;
        }
        self.s.push_str(&seg);
        self.n += n;
        true
    }
}

/// A uniformly chosen entry of a static word list.
fn one(rng: &mut Rng, list: &[&'static str]) -> &'static str {
    *rng.pick(list)
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// `s` if its length is within `lo..=hi` characters, else `fallback`.
fn within(s: String, lo: usize, hi: usize, fallback: impl FnOnce() -> String) -> String {
    if (lo..=hi).contains(&char_len(&s)) {
        s
    } else {
        fallback()
    }
}

fn pick_issue<'a>(rng: &mut Rng, issues: &'a [Issue], unit_only: bool) -> &'a Issue {
    let with_unit = |i: &&Issue| i.1.contains("{U");
    let n = issues.iter().filter(with_unit).count();
    if unit_only && n > 0 {
        let k = rng.below(n as u64) as usize;
        issues.iter().filter(with_unit).nth(k).unwrap_or(&issues[0])
    } else {
        rng.pick(issues)
    }
}

/// A random matter: kind, category, subject, content, demands and, for
/// 举报 and some 投诉, the accused unit.
pub fn matter(rng: &mut Rng) -> Matter {
    let kind = rng.weighted(&data::KIND_WEIGHTS);
    let weights = if kind == K_REPORT {
        data::REPORT_WEIGHTS
    } else {
        data::CAT_WEIGHTS
    };
    let category = rng.weighted(weights) % CATS.len();
    let c = &CATS[category];
    let mut cx = Ctx::new(rng, category);
    let mut text = Text::new(640);
    let closing = one(rng, data::CLOSINGS[kind]);
    let mut subject = String::with_capacity(64);
    let mut demands = String::with_capacity(96);
    let mut accused = false;

    match kind {
        K_COMPLAINT | K_REPORT | K_HELP => {
            accused = kind == K_REPORT || (kind == K_COMPLAINT && rng.chance(35));
            let dept = accused && rng.chance(33);
            let issue = if dept {
                cx.set_dept_unit(rng, category);
                rng.pick(data::MISCONDUCT)
            } else {
                let issue = if kind == K_REPORT {
                    rng.pick(c.reports)
                } else {
                    pick_issue(rng, c.issues, accused)
                };
                cx.set_unit(rng, category, issue.1);
                accused &= kind == K_REPORT || issue.1.contains("{U");
                issue
            };
            let who = if dept {
                one(rng, data::GENERIC_WHO)
            } else {
                one(rng, c.who)
            };
            if kind == K_REPORT && rng.chance(65) {
                text.add_pick(rng, &mut cx, data::REPORT_OPENERS);
            } else {
                text.add(rng, &mut cx, who, CONTENT_MAX);
                text.push(if kind == K_REPORT {
                    "，现实名举报"
                } else {
                    "，"
                });
                if kind == K_REPORT {
                    text.add(rng, &mut cx, "{U}：", CONTENT_MAX);
                } else if rng.chance(55) {
                    text.add_pick(rng, &mut cx, data::TIME_PHRASES);
                }
            }
            text.add(rng, &mut cx, issue.1, CONTENT_MAX);
            if !dept && kind != K_REPORT && rng.chance(25) {
                let other = rng.pick(c.issues);
                if other.1 != issue.1 && !other.1.contains("{U") {
                    let mut s = String::from("此外，");
                    s.push_str(other.1);
                    text.add(rng, &mut cx, &s, CONTENT_MAX);
                }
            }
            if kind == K_REPORT && rng.chance(50) {
                text.add_pick(rng, &mut cx, data::EVIDENCE);
            }
            if rng.chance(if kind == K_REPORT { 30 } else { 65 }) {
                let list = if rng.chance(50) { c.tried } else { data::TRIED };
                text.add_pick(rng, &mut cx, list);
            }
            if kind != K_REPORT && rng.chance(55) {
                let list = if rng.chance(50) {
                    c.impacts
                } else {
                    data::IMPACTS
                };
                text.add_pick(rng, &mut cx, list);
            }
            cx.expand(rng, issue.0, &mut subject);
            if kind != K_REPORT && subject.starts_with("举报") {
                subject.replace_range(..6, "投诉");
            }
            if subject.starts_with("小区") && rng.chance(40) {
                subject.insert_str(0, cx.compound);
            } else if kind == K_HELP && rng.chance(30) {
                subject.insert_str(0, "请求帮助解决");
                subject.push_str("问题");
            }
            cx.expand(rng, issue.2, &mut demands);
            if rng.chance(20) && char_len(&demands) <= 32 {
                demands.push_str("，并给予书面答复");
            }
        }
        K_SUGGEST => {
            cx.set_unit(rng, category, "");
            let pair = one(rng, c.suggestions);
            let (obs, tpl) = pair.split_once('|').unwrap_or(("", pair));
            text.add_pick(rng, &mut cx, c.who);
            text.push("，");
            if !obs.is_empty() {
                text.add(rng, &mut cx, &format!("{obs}。"), CONTENT_MAX);
            }
            let mut sugg = String::new();
            cx.expand(rng, tpl, &mut sugg);
            text.add(rng, &mut cx, &format!("建议{sugg}。"), CONTENT_MAX);
            if rng.chance(70) {
                text.add_pick(rng, &mut cx, data::SUGGEST_REASONS);
            }
            subject = match rng.below(3) {
                0 => format!("建议{sugg}"),
                1 => format!("关于{}的建议", c.topic),
                _ => format!("对{}工作的几点建议", c.topic),
            };
            if rng.chance(50) {
                demands = format!("希望{sugg}");
            } else {
                let tpl = one(rng, data::SUGGEST_DEMANDS);
                cx.expand(rng, tpl, &mut demands);
            }
        }
        K_CONSULT => {
            cx.set_unit(rng, category, "");
            let q = one(rng, c.questions);
            text.add_pick(rng, &mut cx, c.who);
            let ask = one(rng, &["，想咨询一下", "，想问一下", "，想了解"]);
            text.push(&format!("{ask}{q}？"));
            text.add_pick(rng, &mut cx, data::CONSULT_CONTEXT);
            subject = if rng.chance(70) {
                format!("咨询{q}")
            } else {
                format!("关于{}的咨询", c.topic)
            };
            let tpl = one(rng, data::CONSULT_DEMANDS);
            cx.expand(rng, tpl, &mut demands);
        }
        _ => {
            cx.set_unit(rng, category, "");
            let male = rng.chance(50);
            cx.praised = full_name(rng, male, 1980);
            text.add_pick(rng, &mut cx, c.who);
            text.add(rng, &mut cx, "。{D}，{W}因", CONTENT_MAX);
            text.push(c.topic);
            text.add(
                rng,
                &mut cx,
                "方面的问题向{G}求助，工作人员{P}",
                CONTENT_MAX,
            );
            text.add_pick(rng, &mut cx, data::PRAISE_ACTS);
            let tpl = if rng.chance(50) {
                "表扬{G}工作人员{P}"
            } else {
                "感谢{G}工作人员热心服务"
            };
            cx.expand(rng, tpl, &mut subject);
            let tpl = one(rng, data::PRAISE_DEMANDS);
            cx.expand(rng, tpl, &mut demands);
        }
    }
    // Pad short texts with sentences that suit the kind, then close.
    let mut end = String::new();
    cx.expand(rng, closing, &mut end);
    let fillers = data::FILLERS[kind];
    let first = rng.below(fillers.len() as u64) as usize;
    for k in 0..fillers.len() {
        if text.n + char_len(&end) >= CONTENT_MIN {
            break;
        }
        text.add(
            rng,
            &mut cx,
            fillers[(first + k) % fillers.len()],
            CONTENT_MAX - 40,
        );
    }
    text.add(rng, &mut cx, &end, CONTENT_MAX);

    let topic = c.topic;
    let subject = within(subject, 8, 24, || {
        format!("关于{topic}问题的{}", KINDS[kind])
    });
    let demands = within(demands, 10, 40, || {
        format!("希望有关部门依法处理{topic}问题")
    });
    let accused_unit = accused.then(|| cx.unit.clone());
    Matter {
        kind,
        category,
        subject,
        content: text.s,
        demands,
        accused_unit,
    }
}

// ---------------------------------------------------------------- case work

/// An officer's investigation note, 20–80 characters.
pub fn note(rng: &mut Rng) -> String {
    let category = rng.weighted(data::CAT_WEIGHTS) % CATS.len();
    let mut cx = Ctx::new(rng, category);
    let mut text = Text::new(256);
    text.add_pick(rng, &mut cx, data::NOTE_ACTIONS);
    let follows = data::NOTE_FOLLOWS;
    let first = rng.below(follows.len() as u64) as usize;
    for k in 0..2 {
        if text.n >= 20 && (k > 0 || rng.chance(45)) {
            break;
        }
        let tpl = follows[(first + k) % follows.len()];
        text.add(rng, &mut cx, tpl, 80);
    }
    text.s
}

/// A department's handling result for a case of `category`, 30–120 characters.
pub fn result(rng: &mut Rng, category: usize) -> String {
    let category = category % CATS.len();
    let mut cx = Ctx::new(rng, category);
    let mut text = Text::new(384);
    let body = one(rng, CATS[category].results);
    if !body.starts_with('经') {
        text.add_pick(rng, &mut cx, data::RESULT_LEADS);
    }
    text.add(rng, &mut cx, body, 120);
    let tails = data::RESULT_TAILS;
    let first = rng.below(tails.len() as u64) as usize;
    for k in 0..2 {
        if text.n >= 30 && (k > 0 || rng.chance(40)) {
            break;
        }
        text.add(rng, &mut cx, tails[(first + k) % tails.len()], 120);
    }
    text.s
}

/// What the complainant was told, 15–60 characters.
pub fn feedback(rng: &mut Rng) -> String {
    let how = one(rng, data::FEEDBACK_HOW);
    let what = one(rng, data::FEEDBACK_WHAT);
    let mut mood = one(rng, data::FEEDBACK_MOOD);
    if char_len(how) + char_len(what) + char_len(mood) < 15 {
        mood = data::FEEDBACK_MOOD[0];
    }
    format!("{how}{what}{mood}")
}

/// A short reason for returning, handing back or not accepting a case,
/// 8–30 characters.
pub fn reason(rng: &mut Rng) -> String {
    let r = one(rng, data::REASONS);
    if rng.chance(30) && char_len(r) <= 26 {
        format!("经审查，{r}")
    } else {
        r.to_string()
    }
}

/// Another body a case can be handed over to (not one of [`DEPARTMENTS`]).
pub fn transfer_body(rng: &mut Rng) -> &'static str {
    one(rng, data::TRANSFER_BODIES)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_range(s: &str, lo: usize, hi: usize) -> bool {
        (lo..=hi).contains(&char_len(s))
    }

    /// Plain Chinese text: no unexpanded markers, Latin letters or control chars.
    fn assert_clean(s: &str) {
        assert!(
            !s.chars()
                .any(|c| c.is_control() || c.is_ascii_alphabetic() || "{}".contains(c)),
            "unclean text: {s}"
        );
    }

    #[test]
    fn deterministic_per_seed() {
        let run = |seed| {
            let mut rng = Rng::new(seed);
            let v: Vec<(Person, Matter, String)> = (0..300)
                .map(|_| (person(&mut rng), matter(&mut rng), result(&mut rng, 3)))
                .collect();
            v
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }

    #[test]
    fn id_check_digit_known_numbers() {
        for id in ["11010519491231002X", "440524188001010014"] {
            assert_eq!(id_number_check_digit(&id[..17]), id.chars().last());
        }
        assert_eq!(id_number_check_digit("11010519491231002"), Some('X'));
        assert_eq!(id_number_check_digit("1101051949123100"), None);
        assert_eq!(id_number_check_digit("1101051949123100A"), None);
        assert_eq!(
            id_number_check_digit("１１０１０５１９４９１２３１００２"),
            None
        );
    }

    #[test]
    fn people_are_well_formed() {
        let mut rng = Rng::new(2024);
        let mut x_seen = false;
        let mut compound_names = 0;
        for _ in 0..50_000 {
            let p = person(&mut rng);
            let id = p.id_number.as_bytes();
            assert_eq!(id.len(), 18, "{}", p.id_number);
            assert_eq!(
                id_number_check_digit(&p.id_number[..17]),
                p.id_number.chars().last()
            );
            x_seen |= id[17] == b'X';
            let num = |a: usize, b: usize| p.id_number[a..b].parse::<u64>().unwrap();
            let (y, m, d) = (num(6, 10), num(10, 12), num(12, 14));
            assert!(
                (1940..=2005).contains(&y) && (1..=12).contains(&m),
                "{}",
                p.id_number
            );
            assert!(d >= 1 && d <= days_in_month(y, m), "{}", p.id_number);
            assert!(num(14, 17) >= 1);

            let ph = p.phone.as_bytes();
            assert_eq!(ph.len(), 11);
            assert!(ph.iter().all(u8::is_ascii_digit));
            assert!(
                ph[0] == b'1' && (b'3'..=b'9').contains(&ph[1]),
                "{}",
                p.phone
            );

            assert!(in_range(&p.name, 2, 4), "{}", p.name);
            compound_names += usize::from(char_len(&p.name) == 4 || p.name.starts_with("欧阳"));
            assert!(p.address.starts_with("江苏省苏州市") && p.address.contains('号'));
            for s in [&p.name, &p.address] {
                assert_clean(s);
            }
        }
        assert!(x_seen);
        assert!(compound_names < 2_000);
    }

    #[test]
    fn matters_are_well_formed() {
        let mut rng = Rng::new(99);
        let mut kinds = [0usize; 6];
        let (mut reports, mut dept_accused) = (0, 0);
        let mut complaints_accused = 0;
        let mut contents = std::collections::BTreeSet::new();
        const N: usize = 60_000;
        for _ in 0..N {
            let m = matter(&mut rng);
            assert!(m.kind < KINDS.len() && m.category < CATEGORIES.len());
            kinds[m.kind] += 1;
            assert!(in_range(&m.subject, 8, 24), "subject {}", m.subject);
            assert!(
                in_range(&m.content, 60, 300),
                "content {} {}",
                char_len(&m.content),
                m.content
            );
            assert!(in_range(&m.demands, 10, 40), "demands {}", m.demands);
            for s in [&m.subject, &m.content, &m.demands] {
                assert_clean(s);
            }
            if m.kind == 1 {
                reports += 1;
                let unit = m.accused_unit.as_deref().expect("举报 has an accused unit");
                assert!(m.content.contains(unit), "{unit}: {}", m.content);
                dept_accused += usize::from(DEPARTMENTS.iter().any(|d| d.name == unit));
            } else if let Some(unit) = &m.accused_unit {
                assert_eq!(m.kind, 0);
                complaints_accused += 1;
                assert!(m.content.contains(unit.as_str()), "{unit}: {}", m.content);
            }
            contents.insert(m.content);
        }
        // Kind weights 45/10/10/20/12/3.
        for (k, w) in [45, 10, 10, 20, 12, 3].into_iter().enumerate() {
            let expect = N * w / 100;
            assert!(kinds[k].abs_diff(expect) < expect / 8 + 50, "{kinds:?}");
        }
        let share = dept_accused * 100 / reports;
        assert!((25..=42).contains(&share), "dept share {share}%");
        assert!(complaints_accused > N / 20);
        assert!(
            contents.len() > N * 99 / 100,
            "only {} distinct",
            contents.len()
        );
    }

    #[test]
    fn casework_texts_are_well_formed() {
        let mut rng = Rng::new(5);
        for i in 0..20_000 {
            let n = note(&mut rng);
            assert!(in_range(&n, 20, 80), "note {n}");
            let r = result(&mut rng, i % (CATEGORIES.len() + 3));
            assert!(in_range(&r, 30, 120), "result {r}");
            let f = feedback(&mut rng);
            assert!(in_range(&f, 15, 60), "feedback {f}");
            let why = reason(&mut rng);
            assert!(in_range(&why, 8, 30), "reason {why}");
            let body = transfer_body(&mut rng);
            assert!(!DEPARTMENTS.iter().any(|d| d.name == body));
            for s in [n.as_str(), &r, &f, &why, body] {
                assert_clean(s);
            }
        }
    }

    #[test]
    fn tables_are_consistent() {
        assert_eq!(CATS.len(), CATEGORIES.len());
        assert_eq!(data::CAT_WEIGHTS.len(), CATEGORIES.len());
        assert_eq!(data::REPORT_WEIGHTS.len(), CATEGORIES.len());
        assert_eq!(data::DEPT_SHORT.len(), DEPARTMENTS.len());
        assert!(CATEGORIES.iter().all(|c| c.dept < DEPARTMENTS.len()));
        for (i, d) in DEPARTMENTS.iter().enumerate() {
            assert!(
                DEPARTMENTS[..i]
                    .iter()
                    .all(|e| e.code != d.code && e.name != d.name)
            );
            assert!(
                CATEGORIES.iter().any(|c| c.dept == i),
                "{} handles nothing",
                d.name
            );
        }
        for c in CATS {
            assert!(!c.issues.is_empty() && !c.reports.is_empty() && !c.who.is_empty());
            assert!(!c.units.is_empty() && !c.questions.is_empty() && !c.suggestions.is_empty());
            assert!(!c.results.is_empty() && !c.tried.is_empty() && !c.impacts.is_empty());
        }
        let mut rng = Rng::new(1);
        assert!((0..10_000).all(|_| !transfer_body(&mut rng).is_empty()));
    }

    /// `cargo test --release -- --ignored --nocapture speed`
    #[test]
    #[ignore]
    fn speed() {
        let mut rng = Rng::new(1);
        let start = std::time::Instant::now();
        let mut bytes = 0usize;
        const N: usize = 1_000_000;
        for _ in 0..N {
            let p = person(&mut rng);
            let m = matter(&mut rng);
            bytes += p.name.len() + m.content.len();
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{N} persons+matters in {secs:.2}s = {:.0}/s ({bytes} bytes)",
            N as f64 / secs
        );
    }
}
