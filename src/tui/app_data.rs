//! What the app itself asks for and offers, beside routing: the data every pane reads (the
//! summary, settings, departments, categories, drafts), the popups it opens (the palette, the
//! drafts, the demo offer, a notice, a new case's number) and news of the server.

use crate::domain::role::Role;
use crate::domain::time::Zone;
use crate::lang::L;
use crate::service::{Change, Reply, Request, ServiceError};

use super::app::App;
use super::component::{Pane, Tone};
use super::msg::{Ask, Effect, Owner};
use super::overlay::{self, Done, PickFor, Popup};

/// Every canned phrase: the desk picks those of a field's use and a case's category itself.
pub(super) fn all_phrases() -> Request {
    Request::Phrases {
        use_: None,
        category: None,
    }
}

impl App {
    pub(super) fn refresh_summary(&mut self) -> Vec<Effect> {
        if self.summary_waiting {
            self.summary_stale = true;
            return Vec::new();
        }
        self.summary_waiting = true;
        vec![Effect::call(Ask::Summary, Request::Summary)]
    }

    /// Replies to what the app asks for every pane.
    pub(super) fn app_reply(&mut self, ask: Ask, r: Result<Reply, ServiceError>) -> Vec<Effect> {
        let sh = &mut self.shell;
        match (ask, r) {
            (Ask::Summary, r) => {
                self.summary_waiting = false;
                if let Ok(Reply::Summary(s)) = r {
                    // Only the administrator can load demo data, and only they see the whole
                    // store's total.
                    let empty = s.total == 0 && s.user.roles.has(Role::Admin);
                    sh.summary = Some(s);
                    if empty && self.popup.is_none() && !self.demo_offered {
                        self.demo_offered = true;
                        self.open_popup(Owner::App, Popup::OfferDemo);
                    }
                }
                if std::mem::take(&mut self.summary_stale) {
                    return self.refresh_summary();
                }
            }
            (Ask::Settings, Ok(Reply::Settings(s))) => {
                sh.zone = Zone {
                    offset_minutes: s.zone_minutes,
                };
                sh.test_store = s.test_store;
            }
            (Ask::Departments, Ok(Reply::Departments(d))) => {
                sh.departments = d.into_iter().filter(|d| d.active).collect();
            }
            (Ask::Categories, Ok(Reply::Categories(c))) => {
                sh.categories = c.into_iter().filter(|c| c.active).collect();
            }
            (Ask::Phrases, Ok(Reply::Phrases(p))) => sh.phrases = p,
            (Ask::Drafts, Ok(Reply::Drafts(d))) => {
                sh.drafts = d;
                if !self.shell.drafts.is_empty() && self.popup.is_none() {
                    self.open_popup(Owner::App, overlay::drafts(&self.shell));
                }
            }
            (Ask::Demo, r) => {
                match r {
                    Ok(Reply::Demo { cases }) => {
                        let text = format!("{} {cases}", self.tr(L::DemoLoaded));
                        self.say(Tone::Info, text);
                    }
                    Ok(_) => {}
                    Err(e) => self.say_error(&e),
                }
                let mut fx = vec![
                    Effect::call(Ask::Departments, Request::Departments),
                    Effect::call(Ask::Categories, Request::Categories),
                    Effect::call(Ask::Phrases, all_phrases()),
                ];
                fx.extend(self.refresh_visible());
                return fx;
            }
            (_, Err(e)) => self.say_error(&e),
            (_, Ok(_)) => {}
        }
        Vec::new()
    }

    /// The results of the popups the app itself opens.
    pub(super) fn app_done(&mut self, done: Done) -> Vec<Effect> {
        match done {
            Done::Picked {
                what: PickFor::Palette(actions),
                index,
            } => match index.and_then(|i| actions.get(i)) {
                Some(a) => self.perform(*a),
                None => Vec::new(),
            },
            Done::Picked {
                what: PickFor::Draft,
                index: Some(i),
            } => match self.shell.drafts.get(i).cloned() {
                Some((name, body)) => {
                    let mut fx = self.open_intake();
                    let out = self.intake.resume(&self.shell, &name, &body);
                    fx.extend(self.apply(Owner::Pane(Pane::Intake), out));
                    fx
                }
                None => Vec::new(),
            },
            Done::Demo => {
                self.say(Tone::Info, self.tr(L::LoadingDemo));
                vec![Effect::call(
                    Ask::Demo,
                    Request::LoadDemo {
                        cases: 2_000,
                        seed: 1,
                    },
                )]
            }
            // Closing the notice brings what waited behind it: the drafts, the demo offer.
            Done::Read => {
                if !self.shell.drafts.is_empty() {
                    self.open_popup(Owner::App, overlay::drafts(&self.shell));
                }
                self.refresh_visible()
            }
            _ => Vec::new(),
        }
    }

    /// Shows a new case's number large, or keeps it until the popup the user is in closes.
    pub fn show_saved(&mut self, number: String) {
        let text = format!("{} {number}", self.tr(L::SavedTitle));
        self.say(Tone::Info, text);
        if self.popup.is_some() {
            self.saved_waiting = Some(number);
        } else {
            self.open_popup(Owner::App, Popup::Saved { number });
        }
    }

    /// News of the connection to a server.
    pub(super) fn link(&mut self, link: crate::desk::Link) -> Vec<Effect> {
        match link {
            crate::desk::Link::Down { attempt, refused } => {
                self.shell.offline = true;
                // Said once, and again only with the server's reason: later attempts must not
                // wipe out what a call made meanwhile reported. The header keeps the mark.
                if attempt == 1 || refused.is_some() {
                    let text = self.shell.words().link_down(refused.as_ref());
                    self.say(Tone::Error, text);
                }
                Vec::new()
            }
            crate::desk::Link::Up => {
                self.shell.offline = false;
                self.say(Tone::Info, self.tr(L::Reconnected));
                // Anything may have changed while the server was away.
                self.changed(&Change::default())
            }
        }
    }
}
