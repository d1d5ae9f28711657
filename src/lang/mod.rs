//! User-facing words of the command line, the desk and the errors. Simplified Chinese by
//! default, English with `--lang en` (or `lang =` in config.toml). Every enum the user sees is
//! named here and nowhere else.
//!
//! - `labels.rs`: `L`, every plain word, one row per key with both languages side by side.
//! - `Words`, one implementation per language (`zh.rs`, `en.rs`, with their `*_errors.rs`): the
//!   domain's enums and the sentences built from values. Tables of both languages side by side
//!   that they delegate to: `clocks.rs` (limits, due), `reception.rs`, `messages.rs`
//!   (`Message`: config, socket and argument errors of the command line and the server).
//!
//! The desk's key names and docs sit with its key enums (`tui/action.rs`), since this layer
//! does not know the desk.

mod clocks;
pub mod describe;
mod en;
mod en_errors;
mod labels;
mod messages;
mod reception;
mod zh;
mod zh_errors;

use crate::domain::case::{Bar, Channel, Kind, Level, Notice, Satisfaction, Urgency};
use crate::domain::deadline::{Anchor, DueStatus, Limit, Stage};
use crate::domain::document::DocKind;
use crate::domain::event::PersonalField;
use crate::domain::important::ImportantWhen;
use crate::domain::method::Method;
use crate::domain::phrase::PhraseUse;
use crate::domain::role::Role;
use crate::domain::state::{Action, Need, Refusal};
use crate::service::ServiceError;
use crate::service::error::{Field, Problem};

pub use labels::L;
pub use messages::{Message, Named};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Lang> {
        match text.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh_cn" | "cn" => Some(Lang::Zh),
            "en" | "en-us" | "en_us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn words(self) -> &'static dyn Words {
        match self {
            Lang::Zh => &zh::ZH,
            Lang::En => &en::EN,
        }
    }
}

pub trait Words: Sync {
    fn label(&self, l: L) -> &'static str;
    fn state(&self, s: crate::domain::state::State) -> &'static str;
    fn action(&self, a: Action) -> &'static str;
    /// One line of help for an action (the command line's and the desk's action menu).
    fn action_doc(&self, a: Action) -> &'static str;
    fn channel(&self, c: Channel) -> &'static str;
    fn kind(&self, k: Kind) -> &'static str;
    fn urgency(&self, u: Urgency) -> &'static str;
    fn satisfaction(&self, s: Satisfaction) -> &'static str;
    fn stage(&self, s: Stage) -> &'static str;
    fn role(&self, r: Role) -> &'static str;
    fn personal(&self, f: PersonalField) -> &'static str;
    fn need(&self, n: Need) -> &'static str;
    fn field(&self, f: Field) -> &'static str;
    fn problem(&self, p: Problem) -> String;
    fn refusal(&self, r: &Refusal) -> String;
    fn due(&self, s: DueStatus) -> String;
    /// A due status in a few cells: "剩3日", "逾期2日".
    fn due_short(&self, s: DueStatus) -> String;
    fn error(&self, e: &ServiceError) -> String;
    /// "3 working days" / "3 日" / "1个月": a limit as shown beside a clock.
    fn limit(&self, l: Limit) -> String;
    fn notice(&self, n: Notice) -> &'static str;
    fn level(&self, l: Level) -> &'static str;
    fn bar(&self, b: Bar) -> &'static str;
    /// What is wrong with a journal file, naming the record.
    fn damage(&self, d: &crate::store::journal::Damage) -> String;
    /// One line on what opening the store did with its journal, if it did anything.
    fn recovered(&self, r: &crate::store::Recovery) -> Option<String>;
    /// The summary of `verify-journal`: how many records, which, and the last one's hash.
    fn verified(&self, v: &crate::store::journal::Verified) -> String;
    /// Why a desk could not start on its server.
    fn connect_error(&self, e: &crate::desk::ConnectError) -> String;
    /// `--as` was given to a desk on a server.
    fn as_needs_embedded(&self) -> &'static str;
    /// Printed on stderr by every command on a test store.
    fn test_store_notice(&self) -> &'static str;
    /// `XINFANG_NOW` on a store that is not a test store.
    fn fixed_clock_refused(&self) -> &'static str;
    /// `init --test-store` on a store that already holds cases, or over a server.
    fn test_store_refused(&self) -> &'static str;
    /// Why a server turned a desk away.
    fn turned_away(&self, r: &crate::wire::Refusal) -> String;
    /// A lost connection, for the desk's status line; with the server's reason if it refused.
    fn link_down(&self, refused: Option<&crate::wire::Refusal>) -> String;
    /// How the petitioner was told (电话、短信…).
    fn method(&self, m: Method) -> &'static str;
    /// A kind of document: 受理告知书 …
    fn doc_kind(&self, k: DocKind) -> &'static str;
    /// The rule a bar comes from.
    fn bar_basis(&self, b: Bar) -> &'static str;
    /// What an important-letter rule looks for, in one line.
    fn important_when(&self, when: &ImportantWhen) -> String;
    /// "每周二" / "every Tuesday".
    fn weekly(&self, w: chrono::Weekday) -> &'static str;
    /// Why a reception day's schedule, booking or reception was refused.
    fn reception_refusal(&self, r: &crate::domain::reception::ReceptionRefusal) -> String;
    /// A limit and where it counts from: "自受理之日起60日" / "60 days from acceptance".
    fn period(&self, a: Anchor, l: Limit) -> String;
    /// A sentence of the command line or the server, built from values.
    fn message(&self, m: &Message) -> String;
    /// A date as documents write it: "2026年12月2日" / "2 December 2026".
    fn date(&self, d: chrono::NaiveDate) -> String;
    /// What a canned phrase is for: 办理结果 …
    fn phrase_use(&self, u: PhraseUse) -> &'static str {
        self.label(match u {
            PhraseUse::Note => L::PhraseNote,
            PhraseUse::Result => L::PhraseResult,
            PhraseUse::Feedback => L::PhraseFeedback,
            PhraseUse::Reason => L::PhraseReason,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::state::State;

    /// Every state, action and enum has a non-empty word in both languages, and the two differ.
    #[test]
    fn tables_are_complete() {
        for lang in [Lang::Zh, Lang::En] {
            let w = lang.words();
            for s in State::ALL {
                assert!(!w.state(*s).is_empty());
            }
            for a in Action::ALL {
                assert!(!w.action(*a).is_empty());
                assert!(!w.action_doc(*a).is_empty());
            }
        }
        assert_ne!(
            Lang::Zh.words().state(State::Registered),
            Lang::En.words().state(State::Registered)
        );
        assert_eq!(Lang::Zh.words().state(State::Registered), "已登记");
    }
}
