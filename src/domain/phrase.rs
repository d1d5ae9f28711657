//! Canned phrases (常用语): the standard texts a desk types again and again — a note, a
//! result, feedback, a reason — kept per use and, where they only fit one, per category.

use serde::{Deserialize, Serialize};

use super::case::coded_enum;
use super::role::CategoryId;
use super::state::{Action, Need};

coded_enum!(
    /// The kind of text field a phrase is offered in.
    PhraseUse {
        /// 办理记录: notes, urging, instructions, the intake's content and demands.
        Note = "note",
        /// 办理结果: a department's result, a case resolved on the spot.
        Result = "result",
        /// 反馈与告知: what the complainant is told.
        Feedback = "feedback",
        /// 理由: not accepted, handed back, returned, extended, paused.
        Reason = "reason",
    }
);

pub type PhraseId = u32;

/// Characters of one phrase: it must fit the shortest field it is offered in (a reason).
pub const MAX_PHRASE: u32 = 200;
/// Phrases in one store: the desk loads them all at start, and every one fits one reply.
pub const MAX_PHRASES: usize = 1000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phrase {
    pub id: PhraseId,
    #[serde(rename = "use")]
    pub use_: PhraseUse,
    /// `None`: offered for every category.
    pub category: Option<CategoryId>,
    pub text: String,
}

impl Phrase {
    /// Offered in a field of `use_` on a case of `category`: the phrases for every category,
    /// and those of the case's own.
    pub fn fits(&self, use_: PhraseUse, category: Option<CategoryId>) -> bool {
        self.use_ == use_ && (self.category.is_none() || self.category == category)
    }
}

impl PhraseUse {
    /// The phrases an action form's field offers, if any (a department or a number has none).
    pub fn for_field(action: Action, need: Need) -> Option<PhraseUse> {
        match need {
            Need::Reason => Some(PhraseUse::Reason),
            Need::Text => Some(match action {
                Action::Submit | Action::ResolveOnSpot => PhraseUse::Result,
                Action::Feedback
                | Action::NotifyAccepted
                | Action::NotifyNotAccepted
                | Action::NotifyTransferred
                | Action::NotifyExtended
                | Action::ReplyLetter => PhraseUse::Feedback,
                _ => PhraseUse::Note,
            }),
            _ => None,
        }
    }
}

/// A phrase of a preset's starter set; `category` names one of the preset's categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Starter {
    pub use_: PhraseUse,
    pub category: Option<&'static str>,
    pub text: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_for_every_category_fits_each_and_one_for_a_category_only_it() {
        let any = Phrase {
            id: 1,
            use_: PhraseUse::Result,
            category: None,
            text: "已办结".into(),
        };
        let fees = Phrase {
            id: 2,
            category: Some(3),
            ..any.clone()
        };
        assert!(any.fits(PhraseUse::Result, None));
        assert!(any.fits(PhraseUse::Result, Some(3)));
        assert!(!any.fits(PhraseUse::Note, Some(3)));
        assert!(fees.fits(PhraseUse::Result, Some(3)));
        assert!(!fees.fits(PhraseUse::Result, Some(4)));
        assert!(!fees.fits(PhraseUse::Result, None));
    }

    #[test]
    fn each_text_field_of_an_action_offers_the_phrases_of_its_use() {
        use PhraseUse as U;
        assert_eq!(
            PhraseUse::for_field(Action::Submit, Need::Text),
            Some(U::Result)
        );
        assert_eq!(
            PhraseUse::for_field(Action::Feedback, Need::Text),
            Some(U::Feedback)
        );
        assert_eq!(
            PhraseUse::for_field(Action::Note, Need::Text),
            Some(U::Note)
        );
        assert_eq!(
            PhraseUse::for_field(Action::NotAccept, Need::Reason),
            Some(U::Reason)
        );
        assert_eq!(PhraseUse::for_field(Action::Assign, Need::Department), None);
        assert_eq!(PhraseUse::for_field(Action::Merge, Need::Target), None);
    }
}
