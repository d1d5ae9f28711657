//! Important letters (重要信访事项, 领导阅批): the rules that flag a case important at intake.

use serde::{Deserialize, Serialize};

use super::case::{Channel, Intake, Kind};

/// What makes a letter important.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportantWhen {
    /// It came by this channel (上级交办: handed down by a superior body).
    Channel(Channel),
    /// A collective or joint letter or visit of at least this many people.
    Collective { at_least: u32 },
    /// Its subject or content names one of these words, in a case of this kind if one is
    /// given (a 举报 naming 局长、书记: a report against a leading cadre).
    Words {
        kind: Option<Kind>,
        words: Vec<String>,
    },
}

/// One rule of the policy's list, with the reason it writes on the case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportantRule {
    pub when: ImportantWhen,
    pub reason: String,
}

impl ImportantRule {
    pub fn matches(&self, intake: &Intake) -> bool {
        match &self.when {
            ImportantWhen::Channel(c) => intake.channel == *c,
            ImportantWhen::Collective { at_least } => intake.complainant.head_count >= *at_least,
            ImportantWhen::Words { kind, words } => {
                kind.is_none_or(|k| k == intake.kind)
                    && words.iter().any(|w| {
                        !w.is_empty() && (intake.subject.contains(w) || intake.content.contains(w))
                    })
            }
        }
    }
}

/// The reasons the rules give for this intake, joined for the case's `important` field; `None`
/// when no rule matches.
pub fn reasons(rules: &[ImportantRule], intake: &Intake) -> Option<String> {
    let found: Vec<&str> = rules
        .iter()
        .filter(|r| r.matches(intake))
        .map(|r| r.reason.as_str())
        .collect();
    (!found.is_empty()).then(|| found.join("；"))
}

/// The seeds' list: letters handed down by a superior body, reports against leading cadres,
/// collective or joint letters, and matters of wide public impact.
pub fn default_rules() -> Vec<ImportantRule> {
    let words = |ws: &[&str]| ws.iter().map(|w| (*w).to_string()).collect();
    vec![
        ImportantRule {
            when: ImportantWhen::Channel(Channel::Superior),
            reason: "上级交办".into(),
        },
        ImportantRule {
            when: ImportantWhen::Words {
                kind: Some(Kind::Report),
                words: words(&[
                    "领导干部",
                    "书记",
                    "局长",
                    "县长",
                    "市长",
                    "院长",
                    "校长",
                    "园长",
                    "主任",
                    "总经理",
                ]),
            },
            reason: "反映领导干部问题".into(),
        },
        ImportantRule {
            when: ImportantWhen::Collective { at_least: 5 },
            reason: "集体联名".into(),
        },
        ImportantRule {
            when: ImportantWhen::Words {
                kind: None,
                words: words(&[
                    "联名",
                    "群体",
                    "媒体",
                    "网络舆情",
                    "重大",
                    "安全事故",
                    "死亡",
                ]),
            },
            reason: "社会影响较大".into(),
        },
    ]
}
