//! Case detail (案件): every field, the timeline, the clocks, the links; the actions this user
//! may take come with the view, from the transition table.

use crossterm::event::KeyEvent;

use crate::domain::case::CaseId;
use crate::domain::document::Issued;
use crate::domain::event::{EventKind, PersonalField};
use crate::domain::method::Method;
use crate::lang::L;
use crate::service::api::{CaseRef, CaseView};
use crate::service::{Change, Reply, Request, ServiceError};

use crate::tui::act_form::Target;
use crate::tui::acting::{self, Acting};
use crate::tui::action::{Action, KeyContext};
use crate::tui::case_lines;
use crate::tui::component::{Component, Go, Outcome, Tone};
use crate::tui::msg::{Ask, Effect};
use crate::tui::overlay::{self, Done, PickFor, Popup};
use crate::tui::shell::Shell;

#[derive(Default)]
pub struct DetailPane {
    pub id: Option<CaseId>,
    pub view: Option<Box<CaseView>>,
    pub generation: u64,
    /// First line of the body on screen.
    pub scroll: usize,
    /// The full phone number after a reveal (recorded on the timeline by the service).
    pub revealed: Option<String>,
    /// Open the action menu as soon as the case arrives (`a` on a list row).
    menu_on_arrival: bool,
    acting: Acting,
}

impl DetailPane {
    /// Shows a case, with its action menu as soon as it arrives when `menu` is set.
    pub fn open(&mut self, sh: &Shell, id: CaseId, menu: bool) -> Vec<Effect> {
        if self.id != Some(id) {
            self.view = None;
            self.scroll = 0;
            self.revealed = None;
        }
        self.id = Some(id);
        self.menu_on_arrival = menu;
        self.reload(sh)
    }

    fn target(&self) -> Option<Target> {
        self.view.as_ref().map(|v| Target {
            id: v.case.id,
            number: v.case.number.clone(),
            version: v.case.version,
            state: v.case.state,
            category: v.category.clone(),
        })
    }

    fn menu(&self, sh: &Shell) -> Outcome {
        let (Some(view), Some(target)) = (self.view.as_ref(), self.target()) else {
            return Outcome::default();
        };
        if view.actions.is_empty() {
            return Outcome::say(Tone::Info, sh.tr(L::NoActions));
        }
        Outcome::popup(overlay::picker(
            sh,
            PickFor::Action(target, view.actions.clone()),
        ))
    }

    /// The documents menu: what this case calls for now, as the service listed it.
    fn documents(&self, sh: &Shell) -> Outcome {
        let (Some(view), Some(target)) = (self.view.as_ref(), self.target()) else {
            return Outcome::default();
        };
        if view.documents.is_empty() {
            return Outcome::say(Tone::Info, sh.tr(L::NoDocuments));
        }
        Outcome::popup(overlay::picker(
            sh,
            PickFor::Document(target, view.documents.clone()),
        ))
    }

    /// A document issued: the case as it is now, its Word file saved, and the text to read
    /// out when it was to go by SMS or e-mail and no gateway takes them.
    fn issued(
        &mut self,
        sh: &Shell,
        asked: Method,
        view: Box<CaseView>,
        doc: Box<Issued>,
    ) -> Outcome {
        let at = view
            .events
            .iter()
            .rev()
            .find(|e| matches!(&e.event.kind, EventKind::Issued(d) if d.serial == doc.serial))
            .map_or(view.now, |e| e.event.at);
        let number = view.case.number.clone();
        let read_out =
            matches!(asked, Method::Sms | Method::Email) && doc.method == Method::Phone.code();
        let popup = read_out.then(|| Popup::Notice {
            title: sh.tr(L::ReadOut).to_string(),
            text: crate::docs::text(&doc.text),
        });
        if self.id == Some(view.case.id) {
            self.view = Some(view);
        }
        Outcome {
            effects: vec![Effect::Document { number, doc, at }],
            popup,
            ..Outcome::default()
        }
    }

    /// The last first-line that still fills the pane, from the same lines the view draws.
    fn last_scroll(&self, sh: &Shell, page: usize) -> usize {
        let cells = usize::from(sh.layout().body_inner().width);
        self.view.as_ref().map_or(0, |v| {
            case_lines::rows(sh, v, self.revealed.as_deref(), cells)
                .len()
                .saturating_sub(page)
        })
    }
}

impl Component for DetailPane {
    fn section(&self) -> KeyContext {
        KeyContext::Detail
    }

    fn hints(&self) -> &'static [Action] {
        use Action as A;
        &[
            A::Act,
            A::Documents,
            A::Back,
            A::Reveal,
            A::NewIntake,
            A::Help,
        ]
    }

    fn key(&mut self, sh: &Shell, action: Option<Action>, _key: KeyEvent) -> Outcome {
        let page = usize::from(sh.layout().body_inner().height).max(1);
        match action {
            Some(Action::Down) => self.scroll = (self.scroll + 1).min(self.last_scroll(sh, page)),
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::PageDown) => {
                self.scroll = (self.scroll + page).min(self.last_scroll(sh, page))
            }
            Some(Action::PageUp) => self.scroll = self.scroll.saturating_sub(page),
            Some(Action::Top) => self.scroll = 0,
            Some(Action::Bottom) => self.scroll = self.last_scroll(sh, page),
            Some(Action::Back | Action::Cancel) => return Outcome::go(Go::Back),
            Some(Action::Act | Action::Open) => return self.menu(sh),
            Some(Action::Documents) => return self.documents(sh),
            Some(Action::Reveal) => {
                if let Some(id) = self.id {
                    return Outcome::effects(vec![Effect::call(
                        Ask::Reveal,
                        Request::Reveal {
                            case: CaseRef::Id(id),
                            field: PersonalField::Phone,
                        },
                    )]);
                }
            }
            _ => {}
        }
        Outcome::default()
    }

    fn reply(&mut self, sh: &Shell, ask: Ask, r: Result<Reply, ServiceError>) -> Outcome {
        match (ask, r) {
            (Ask::Detail { generation }, Ok(Reply::Case(view))) => {
                if generation != self.generation || Some(view.case.id) != self.id {
                    return Outcome::default();
                }
                self.view = Some(view);
                if std::mem::take(&mut self.menu_on_arrival) {
                    return self.menu(sh);
                }
                Outcome::default()
            }
            (Ask::Issue { asked }, Ok(Reply::Issued { case, doc })) => {
                self.issued(sh, asked, case, doc)
            }
            (Ask::Issue { .. }, Err(e)) => Outcome::error(sh, &e).and(Outcome::refresh()),
            (Ask::Reveal, Ok(Reply::Revealed(full))) => {
                self.revealed = Some(full);
                self.reload(sh).into()
            }
            (ask @ (Ask::Act | Ask::Target), r) => {
                let Some(acted) = self.acting.reply(sh, &ask, r) else {
                    return Outcome::default();
                };
                let mut outcome = acted.outcome;
                if let Some(view) = acted.case {
                    if self.id == Some(view.case.id) {
                        self.view = Some(view);
                    }
                    // The case on screen is the answer: nothing to ask again.
                    outcome.refresh = false;
                }
                outcome
            }
            (_, Err(e)) => Outcome::error(sh, &e),
            _ => Outcome::default(),
        }
    }

    fn reload(&mut self, _sh: &Shell) -> Vec<Effect> {
        let Some(id) = self.id else {
            return Vec::new();
        };
        self.generation += 1;
        vec![Effect::call(
            Ask::Detail {
                generation: self.generation,
            },
            Request::Case(CaseRef::Id(id)),
        )]
    }

    fn changed(&mut self, sh: &Shell, change: &Change) -> Vec<Effect> {
        if change.case.is_some() && change.case == self.id {
            self.reload(sh)
        } else {
            Vec::new()
        }
    }

    fn popup_done(&mut self, sh: &Shell, done: Done) -> Outcome {
        match done {
            Done::Picked {
                what: PickFor::Action(target, actions),
                index,
            } => match index.and_then(|i| actions.get(i)) {
                Some(a) => Outcome::popup(acting::begin(sh, vec![target], *a)),
                None => Outcome::default(),
            },
            Done::Picked {
                what: PickFor::Document(target, kinds),
                index,
            } => match index.and_then(|i| kinds.get(i)) {
                Some(k) => Outcome::popup(overlay::picker(sh, PickFor::Method(target, *k))),
                None => Outcome::default(),
            },
            Done::Picked {
                what: PickFor::Method(target, kind),
                index,
            } => match index.and_then(|i| Method::ALL.get(i)) {
                Some(m) => Outcome::effects(vec![Effect::call(
                    Ask::Issue { asked: *m },
                    Request::Issue {
                        case: CaseRef::Id(target.id),
                        version: target.version,
                        kind,
                        method: *m,
                    },
                )]),
                None => Outcome::default(),
            },
            done => self.acting.start(done).into(),
        }
    }
}
