//! Acting on cases, the same from every pane that offers it: the action's form (or a
//! confirmation when it needs nothing), the calls, a merge or link target's number looked up
//! first, and a batch counted until its last reply comes home.

use crate::domain::event::Detail;
use crate::domain::role::DeptId;
use crate::domain::state::Action as Workflow;
use crate::lang::L;
use crate::service::api::{CaseRef, CaseView};
use crate::service::{Reply, Request, ServiceError};

use super::act_form::{ActForm, Target};
use super::component::{Outcome, Tone};
use super::msg::{Ask, Effect};
use super::overlay::{Done, Popup};
use super::shell::Shell;

/// A batch in flight.
#[derive(Clone, Debug, Default)]
struct Batch {
    /// Replies still awaited.
    left: usize,
    done: usize,
    refused: usize,
    /// Why the first refused case was refused, worded for the user.
    first_refusal: Option<String>,
}

/// What a pane that acts on cases keeps between the form and the replies.
#[derive(Default)]
pub struct Acting {
    /// An action waiting for its merge or link target's number to be resolved.
    pending: Option<(Vec<Target>, Workflow, Detail)>,
    batch: Option<Batch>,
}

/// An act's reply, for the pane that asked.
pub struct Acted {
    pub outcome: Outcome,
    /// The case as it is now, when the act went through.
    pub case: Option<Box<CaseView>>,
    /// The last reply of a batch came in.
    pub batch_over: bool,
}

/// Opens the form of a workflow action, or a confirmation when it needs nothing.
pub fn begin(sh: &Shell, cases: Vec<Target>, action: Workflow) -> Popup {
    let form = ActForm::new(cases, action, &sh.departments, sh.words());
    if !form.fields.is_empty() {
        return Popup::Form(form);
    }
    let numbers: Vec<&str> = form.cases.iter().map(|c| c.number.as_str()).collect();
    let text = format!("{} {}？", sh.words().action(action), numbers.join("、"));
    let then = form
        .cases
        .iter()
        .map(|c| act_effect(c, action, Detail::default()))
        .collect();
    Popup::Confirm { text, then }
}

fn act_effect(target: &Target, action: Workflow, detail: Detail) -> Effect {
    Effect::call(
        Ask::Act,
        Request::Act {
            case: CaseRef::Id(target.id),
            version: target.version,
            action,
            detail,
        },
    )
}

impl Acting {
    /// The calls a filled-in form or a confirmation asks for; nothing for another popup's result.
    pub fn start(&mut self, done: Done) -> Vec<Effect> {
        match done {
            Done::Confirmed(then) => {
                self.counted(then.len());
                then
            }
            Done::Acted {
                cases,
                action,
                detail,
                target: Some(number),
            } => {
                self.pending = Some((cases, action, detail));
                vec![Effect::call(
                    Ask::Target,
                    Request::Case(CaseRef::Number(number)),
                )]
            }
            Done::Acted {
                cases,
                action,
                detail,
                target: None,
            } => {
                self.counted(cases.len());
                cases
                    .iter()
                    .map(|c| act_effect(c, action, detail.clone()))
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// Assigns the cases to a department.
    pub fn assign(&mut self, cases: &[Target], department: DeptId) -> Vec<Effect> {
        let detail = Detail {
            department: Some(department),
            ..Detail::default()
        };
        self.counted(cases.len());
        cases
            .iter()
            .map(|c| act_effect(c, Workflow::Assign, detail.clone()))
            .collect()
    }

    /// The calls about to be made, counted until their last reply is in.
    fn counted(&mut self, n: usize) {
        self.batch = (n > 0).then(|| Batch {
            left: n,
            ..Batch::default()
        });
    }

    /// Whether a batch waits for replies.
    pub fn busy(&self) -> bool {
        self.batch.is_some()
    }

    /// The reply to an act or to a target's lookup; `None` for any other ask.
    pub fn reply(
        &mut self,
        sh: &Shell,
        ask: &Ask,
        r: Result<Reply, ServiceError>,
    ) -> Option<Acted> {
        let acted = match (ask, r) {
            (Ask::Act, Ok(Reply::Case(view))) => {
                let text = format!(
                    "{} {} | {}",
                    sh.tr(L::ActionDone),
                    view.case.number,
                    sh.words().state(view.case.state)
                );
                let mut acted = self.step(sh, None);
                acted.outcome = Outcome::say(Tone::Info, text).and(acted.outcome);
                acted.case = Some(view);
                acted
            }
            (Ask::Act, Err(e)) => {
                let why = sh.words().error(&e);
                let mut acted = self.step(sh, Some(why.clone()));
                // A stale or refused action: show the case as it is now.
                acted.outcome = Outcome::say(Tone::Error, why).and(acted.outcome);
                acted
            }
            (Ask::Act, Ok(_)) => self.step(sh, None),
            (Ask::Target, Ok(Reply::Case(found))) => {
                let effects = match self.pending.take() {
                    Some((cases, action, mut detail)) => {
                        detail.target = Some(found.case.id);
                        self.counted(cases.len());
                        cases
                            .iter()
                            .map(|c| act_effect(c, action, detail.clone()))
                            .collect()
                    }
                    None => Vec::new(),
                };
                Acted {
                    outcome: Outcome::effects(effects),
                    case: None,
                    batch_over: false,
                }
            }
            (Ask::Target, r) => {
                self.pending = None;
                let outcome = match r {
                    Err(e) => Outcome::error(sh, &e),
                    Ok(_) => Outcome::default(),
                };
                Acted {
                    outcome,
                    case: None,
                    batch_over: false,
                }
            }
            _ => return None,
        };
        Some(acted)
    }

    /// Counts one reply (a refusal with its reason). The screen is asked for again after a
    /// single act or a batch's last reply, not after each of a batch.
    fn step(&mut self, sh: &Shell, refusal: Option<String>) -> Acted {
        let mut acted = Acted {
            outcome: Outcome::refresh(),
            case: None,
            batch_over: false,
        };
        let Some(b) = self.batch.as_mut() else {
            return acted;
        };
        b.left = b.left.saturating_sub(1);
        match refusal {
            None => b.done += 1,
            Some(why) => {
                b.refused += 1;
                b.first_refusal.get_or_insert(why);
            }
        }
        if b.left > 0 {
            acted.outcome.refresh = false;
            return acted;
        }
        acted.batch_over = true;
        if let Some(b) = self.batch.take() {
            acted.outcome = acted.outcome.and(report(sh, &b));
        }
        acted
    }
}

/// After a batch of more than one: how many went through, how many were refused, and why the
/// first was (a single case's refusal is already on the status line).
fn report(sh: &Shell, b: &Batch) -> Outcome {
    if b.done + b.refused <= 1 {
        return Outcome::default();
    }
    let mut text = format!(
        "{} {} | {} {}",
        sh.tr(L::Assigned),
        b.done,
        sh.tr(L::Refused),
        b.refused
    );
    if let Some(why) = &b.first_refusal {
        text.push_str(&format!("：{why}"));
    }
    let tone = if b.refused > 0 {
        Tone::Warn
    } else {
        Tone::Info
    };
    Outcome::say(tone, text)
}
