//! Canned phrases (常用语) in a text field: the phrases of the field's use and the case's
//! category, offered in a picker that finds them by Chinese or pinyin initials; the chosen
//! one goes in at the caret as a paste would.

use crate::domain::phrase::PhraseUse;
use crate::domain::role::CategoryId;
use crate::lang::L;

use super::act_form::ActForm;
use super::choice::Choice;
use super::intake_form::FieldId;
use super::overlay::{PickFor, Popup};
use super::shell::Shell;

/// The phrases an intake field offers: what the caller says is noted like a note, and a case
/// resolved on the spot takes a result.
pub fn intake_use(field: FieldId) -> Option<PhraseUse> {
    match field {
        FieldId::Content | FieldId::Demands => Some(PhraseUse::Note),
        FieldId::Resolve => Some(PhraseUse::Result),
        _ => None,
    }
}

/// A category's id from its name as a list or a case shows it.
pub fn category_named(sh: &Shell, name: Option<&str>) -> Option<CategoryId> {
    let name = name?;
    sh.categories.iter().find(|c| c.name == name).map(|c| c.id)
}

/// The category whose phrases an action form offers: its cases' own when they share one.
pub fn form_category(sh: &Shell, form: &ActForm) -> Option<CategoryId> {
    let first = form.cases.first()?.category.as_deref();
    if form.cases.iter().any(|c| c.category.as_deref() != first) {
        return None;
    }
    category_named(sh, first)
}

/// The texts of the phrases of `use_` for a case of `category`, in the order they were added.
pub fn offered(sh: &Shell, use_: PhraseUse, category: Option<CategoryId>) -> Vec<String> {
    sh.phrases
        .iter()
        .filter(|p| p.fits(use_, category))
        .map(|p| p.text.clone())
        .collect()
}

/// The picker of `texts`; `form` is the action form it was opened from, which it goes back to.
pub fn picker(
    sh: &Shell,
    use_: PhraseUse,
    texts: Vec<String>,
    form: Option<Box<ActForm>>,
) -> Popup {
    Popup::Pick {
        title: format!("{} | {}", sh.tr(L::PickPhrase), sh.words().phrase_use(use_)),
        choice: Choice::new(texts.clone(), false),
        what: PickFor::Phrase { texts, form },
    }
}

/// The phrase picked, by its place among the texts offered.
pub fn chosen(texts: &[String], index: Option<usize>) -> Option<&str> {
    index.and_then(|i| texts.get(i)).map(String::as_str)
}
