//! The form of one workflow action: one field per thing the transition table says the action
//! needs, nothing more.

use crossterm::event::KeyEvent;

use crate::domain::case::{CaseId, Satisfaction};
use crate::domain::event::Detail;
use crate::domain::method::Method;
use crate::domain::role::Department;
use crate::domain::state::{Action, Need, State, optional_needs, rules_for};
use crate::lang::Words;

use super::choice::Choice;
use super::line::{Edit, LineInput};

#[derive(Clone, Debug)]
pub enum FieldInput {
    Line(LineInput),
    Choice(Choice),
}

impl FieldInput {
    pub fn key(&mut self, key: KeyEvent) -> Edit {
        match self {
            FieldInput::Line(l) => l.key(key),
            FieldInput::Choice(c) => c.key(key),
        }
    }

    pub fn paste(&mut self, text: &str) -> Edit {
        match self {
            FieldInput::Line(l) => l.paste(text),
            FieldInput::Choice(c) => c.paste(text),
        }
    }
}

/// The case an action is for, as the user saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub id: CaseId,
    pub number: String,
    pub version: u64,
    pub state: State,
    /// The case's category as shown: its canned phrases are offered.
    pub category: Option<String>,
}

impl Target {
    /// The case of a list row.
    pub fn of(row: &crate::service::api::CaseRow) -> Target {
        Target {
            id: row.id,
            number: row.number.clone(),
            version: row.version,
            state: row.state,
            category: row.category.clone(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct ActForm {
    /// One or more cases (a batch assignment).
    pub cases: Vec<Target>,
    pub action: Action,
    pub fields: Vec<(Need, bool, FieldInput)>,
    pub focus: usize,
    /// Department ids in the order of the department field's options.
    pub dept_ids: Vec<u32>,
}

impl ActForm {
    pub fn new(
        cases: Vec<Target>,
        action: Action,
        departments: &[Department],
        words: &dyn Words,
    ) -> ActForm {
        let state = cases.first().map_or(State::Registered, |c| c.state);
        // Every need of the rules for this state; one that only some rules have (archiving an
        // unsatisfied case needs its decision) is asked for but left to the service to require.
        let rules: Vec<_> = rules_for(action, state).collect();
        let mut needs: Vec<(Need, bool)> = Vec::new();
        for n in rules.iter().flat_map(|r| r.needs) {
            if !needs.iter().any(|(m, _)| m == n) {
                needs.push((*n, rules.iter().all(|r| r.needs.contains(n))));
            }
        }
        let dept_ids = departments.iter().map(|d| d.id).collect();
        let mut fields = Vec::new();
        let all = needs
            .into_iter()
            .chain(optional_needs(action).iter().map(|n| (*n, false)));
        for (need, required) in all {
            let input = match need {
                // Nothing is chosen for the user: a choice must be made, never defaulted.
                Need::Department => FieldInput::Choice(
                    Choice::new(departments.iter().map(|d| d.name.clone()).collect(), false)
                        .unchosen(),
                ),
                // The methods in the user's words; the chosen one is sent as its code.
                Need::FeedbackMethod => FieldInput::Choice(
                    Choice::new(
                        Method::ALL
                            .iter()
                            .map(|m| words.method(*m).to_string())
                            .collect(),
                        false,
                    )
                    .unchosen(),
                ),
                Need::Satisfaction => FieldInput::Choice(
                    Choice::new(
                        Satisfaction::ALL
                            .iter()
                            .map(|s| words.satisfaction(*s).to_string())
                            .collect(),
                        false,
                    )
                    .unchosen(),
                ),
                Need::Days => FieldInput::Line(LineInput::new(3)),
                Need::Target => FieldInput::Line(LineInput::new(30)),
                Need::Reason | Need::Body => FieldInput::Line(LineInput::new(200)),
                Need::Text => FieldInput::Line(LineInput::new(5_000)),
            };
            fields.push((need, required, input));
        }
        ActForm {
            cases,
            action,
            fields,
            focus: 0,
            dept_ids,
        }
    }

    /// The detail to send, the merge or link target's number still to resolve, or the field
    /// that is missing.
    pub fn detail(&self) -> Result<(Detail, Option<String>), usize> {
        let mut d = Detail::default();
        let mut target = None;
        for (i, (need, required, input)) in self.fields.iter().enumerate() {
            let text = match input {
                FieldInput::Line(l) => l.text().trim().to_string(),
                FieldInput::Choice(c) => c.chosen_text().to_string(),
            };
            if text.is_empty() {
                if *required {
                    return Err(i);
                }
                continue;
            }
            match (need, input) {
                (Need::Department, FieldInput::Choice(c)) => {
                    d.department = c.chosen().and_then(|i| self.dept_ids.get(i).copied());
                }
                (Need::Satisfaction, FieldInput::Choice(c)) => {
                    d.satisfaction = c.chosen().and_then(|i| Satisfaction::ALL.get(i).copied());
                }
                (Need::FeedbackMethod, FieldInput::Choice(c)) => {
                    d.method = c
                        .chosen()
                        .and_then(|i| Method::ALL.get(i))
                        .map(|m| m.code().to_string());
                }
                (Need::FeedbackMethod, _) => d.method = Some(text),
                (Need::Days, _) => d.days = Some(text.parse().map_err(|_| i)?),
                (Need::Target, _) => target = Some(text),
                (Need::Reason, _) => d.reason = Some(text),
                (Need::Body, _) => d.body = Some(text),
                (Need::Text, _) => d.text = Some(text),
                _ => {}
            }
        }
        Ok((d, target))
    }

    pub fn focused(&mut self) -> Option<&mut FieldInput> {
        self.fields.get_mut(self.focus).map(|f| &mut f.2)
    }

    pub fn next_field(&mut self) -> bool {
        if self.focus + 1 < self.fields.len() {
            self.focus += 1;
            true
        } else {
            false
        }
    }

    pub fn prev_field(&mut self) {
        self.focus = self.focus.saturating_sub(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    /// Feedback and every notice offer the methods in the user's words and send the chosen
    /// one's code, in either language: what is stored never depends on who typed it.
    #[test]
    fn the_method_goes_as_its_code_whatever_the_language() {
        for (lang, action, state) in [
            (Lang::Zh, Action::NotifyAccepted, State::Accepted),
            (Lang::En, Action::NotifyAccepted, State::Accepted),
            (Lang::Zh, Action::Feedback, State::Resolved),
            (Lang::En, Action::Feedback, State::Resolved),
        ] {
            let target = Target {
                id: 1,
                number: "XF2026-00001".into(),
                version: 3,
                state,
                category: None,
            };
            let mut form = ActForm::new(vec![target], action, &[], lang.words());
            for (need, _, input) in &mut form.fields {
                match (need, input) {
                    (Need::FeedbackMethod, FieldInput::Choice(c)) => {
                        assert_eq!(c.chosen_text(), "");
                        *c = c.clone().select(Some(1));
                        assert_eq!(c.chosen_text(), lang.words().method(Method::Sms));
                    }
                    (Need::Text, FieldInput::Line(l)) => {
                        l.paste("已短信告知");
                    }
                    other => panic!("{other:?}"),
                }
            }
            let (d, _) = form.detail().unwrap();
            assert_eq!(d.method.as_deref(), Some("sms"), "{lang:?} {action:?}");
        }
    }
}
