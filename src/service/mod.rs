//! The one API. Permission checks, validation and clear errors live here and only here.

mod accused;
mod admin;
pub mod admit;
pub mod api;
pub mod bounds;
pub mod clock;
mod commands;
mod demo;
mod demo_walk;
mod depts;
pub mod documents;
mod drafts;
mod dues;
pub mod error;
mod merged;
mod objection;
mod once;
mod phrases;
mod queries;
mod reception;
mod retention;
mod settings;
mod testing;
pub mod validate;
mod view;

use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};

use crate::domain::case::{Case, CaseId};
use crate::domain::deadline::due_clock;
use crate::domain::role::{Role, User, UserId};
use crate::domain::time::Timestamp;
use crate::store::{Meta, Store};

pub use api::{Actor, Change, Reply, Request, RequestKey};
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::ServiceError;
use settings::Cached;
pub use view::TIMELINE_BYTES;

pub type Result<T> = std::result::Result<T, ServiceError>;

pub struct Service {
    store: Store,
    clock: Arc<dyn Clock>,
    /// Mutations run one at a time, so version checks and counters never race.
    write: Mutex<()>,
    cached: RwLock<Cached>,
    /// Open cases' due times in memory, loaded on first use; `None` = load again.
    dues: RwLock<Option<dues::Dues>>,
    subscribers: Mutex<Vec<Sender<Change>>>,
    /// Set by a server: backups asked for over its socket go into this directory, named by a
    /// file name alone (`None`: the server makes none). Unset, a backup goes to the path given;
    /// once set it stays set (a later server on the same service names its own directory).
    socket_backups: Mutex<Option<Option<std::path::PathBuf>>>,
    /// What the site sets on the machine the store is on: its templates and its gateway.
    outside: RwLock<documents::Outside>,
}

impl Service {
    /// What opening found in the journal and did about it.
    pub fn recovery(&self) -> &crate::store::Recovery {
        self.store.recovery()
    }

    pub fn open(dir: &Path, clock: Arc<dyn Clock>) -> Result<Service> {
        let store = Store::open(dir)?;
        let cached = Cached::load(&store)?;
        let service = Service {
            store,
            clock,
            write: Mutex::new(()),
            cached: RwLock::new(cached),
            dues: RwLock::new(None),
            subscribers: Mutex::new(Vec::new()),
            socket_backups: Mutex::new(None),
            outside: RwLock::new(documents::Outside::default()),
        };
        // A store that takes no changes (its start line says why) or a full disk keeps the due
        // times it has, to be read; the next open that can write indexes it again.
        let _ = service.follow_clock_rules();
        Ok(service)
    }

    /// Open cases' due times as this build's clock rules compute them: a store indexed by an
    /// older build (a clock it did not run, a period it counted otherwise) is indexed again
    /// once, so the overdue pane and the figures are right from the first open.
    fn follow_clock_rules(&self) -> Result<()> {
        use settings::{CLOCK_RULES, CLOCK_RULES_EDITION, NOTICES_EDITION, NOTICES_FROM};
        let edition = self.store.get::<u32>(Meta::Settings, CLOCK_RULES)?;
        if edition == Some(CLOCK_RULES_EDITION) {
            return Ok(());
        }
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        let mut puts = Vec::new();
        // A store with cases from a build that could not record notices: they owe none.
        if edition.is_none_or(|e| e < NOTICES_EDITION)
            && self.store.case_count() > 0
            && self
                .store
                .get::<Timestamp>(Meta::Settings, NOTICES_FROM)?
                .is_none()
        {
            let now = self.now();
            puts.push(crate::store::Put::value(
                Meta::Settings,
                NOTICES_FROM,
                &now,
            )?);
            self.cached
                .write()
                .unwrap_or_else(|p| p.into_inner())
                .policy
                .notices_from = Some(now);
        }
        if self.store.case_count() > 0 {
            self.reindex_due()?;
        }
        puts.push(crate::store::Put::value(
            Meta::Settings,
            CLOCK_RULES,
            &CLOCK_RULES_EDITION,
        )?);
        self.store.commit(&crate::store::Mutation {
            puts,
            ..crate::store::Mutation::default()
        })?;
        Ok(())
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Every committed change from now on.
    pub fn subscribe(&self) -> Receiver<Change> {
        let (tx, rx) = channel();
        if let Ok(mut subs) = self.subscribers.lock() {
            subs.push(tx);
        }
        rx
    }

    fn publish(&self, change: Change) {
        if let Ok(mut subs) = self.subscribers.lock() {
            subs.retain(|s| s.send(change.clone()).is_ok());
        }
    }

    /// `left`: the department the case moved away from, if it moved.
    fn publish_case(&self, c: &Case, left: Option<crate::domain::role::DeptId>) {
        self.publish(Change {
            case: Some(c.id),
            version: c.version,
            state: Some(c.state),
            department: c.department,
            registered_by: Some(c.registered_by),
            left,
        });
    }

    /// Whether a change may reach this user's screen: only changes to cases the user may see
    /// now, or that just left the user's department. A change that names no case (settings,
    /// users) reaches everyone; it says nothing about any case.
    pub fn change_reaches(&self, user: UserId, change: &Change) -> Result<bool> {
        let user = self.user(user)?;
        let Some(id) = change.case else {
            return Ok(true);
        };
        if change.left.is_some() && user.roles.has(Role::Officer) && user.dept == change.left {
            return Ok(true);
        }
        Ok(self.store.case(id)?.is_some_and(|c| user.can_see(&c)))
    }

    fn cached(&self) -> std::sync::RwLockReadGuard<'_, Cached> {
        self.cached.read().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` over the in-memory due times, loading them first if needed.
    fn with_dues<T>(&self, f: impl FnOnce(&dues::Dues) -> T) -> Result<T> {
        if let Some(d) = self.dues.read().unwrap_or_else(|p| p.into_inner()).as_ref() {
            return Ok(f(d));
        }
        // Loading reads several indexes one after another: no commit may land in between, or a
        // case could be read in two places. Same lock order as `commit_case`.
        let _writes = self.write.lock().unwrap_or_else(|p| p.into_inner());
        let mut w = self.dues.write().unwrap_or_else(|p| p.into_inner());
        let d = match w.take() {
            Some(d) => d,
            None => {
                let depts: Vec<u32> = self.store.departments()?.iter().map(|d| d.id).collect();
                dues::Dues::load(&self.store, &depts)?
            }
        };
        Ok(f(w.insert(d)))
    }

    /// After bulk changes (demo data, re-indexing, repair) the due times are read again.
    fn forget_dues(&self) {
        *self.dues.write().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// The due time a case is indexed under, from the current policy and calendar.
    fn due_of(&self, c: &Case) -> Option<Timestamp> {
        let s = self.cached();
        due_clock(c, &s.policy, &s.calendar, s.zone).map(|k| k.due_at)
    }

    /// The user behind an OS login. On a store with no users yet, that login becomes the first
    /// administrator with every role (the desktop case: the owner is everyone).
    pub fn actor_for_login(&self, login: &str) -> Result<Actor> {
        if let Some(id) = self.store.get::<u32>(Meta::Logins, login.as_bytes())? {
            return Ok(Actor {
                user: id,
                via: None,
            });
        }
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        if self.store.all::<User>(Meta::Users)?.is_empty() {
            let user = self.create_user(login, login, crate::domain::role::Roles::all(), None)?;
            return Ok(Actor {
                user: user.id,
                via: None,
            });
        }
        Err(ServiceError::UnknownLogin {
            login: login.to_string(),
        })
    }

    /// The user behind an OS login, active or not, never creating one: a server's door, which
    /// tells a deactivated user so.
    pub fn known_user(&self, login: &str) -> Result<Option<User>> {
        match self.store.get::<u32>(Meta::Logins, login.as_bytes())? {
            Some(id) => Ok(self.store.get::<User>(Meta::Users, &id.to_be_bytes())?),
            None => Ok(None),
        }
    }

    /// An administrator acting as another user (`--as`), recorded on every event.
    pub fn act_as(&self, admin: Actor, login: &str) -> Result<Actor> {
        let a = self.user(admin.user)?;
        if !a.roles.has(Role::Admin) {
            return Err(ServiceError::AdminOnly);
        }
        let other = self
            .store
            .get::<u32>(Meta::Logins, login.as_bytes())?
            .ok_or_else(|| ServiceError::NoSuchUser(login.to_string()))?;
        Ok(Actor {
            user: other,
            via: (other != admin.user).then_some(admin.user),
        })
    }

    fn user(&self, id: u32) -> Result<User> {
        self.store
            .get::<User>(Meta::Users, &id.to_be_bytes())?
            .filter(|u| u.active)
            .ok_or_else(|| ServiceError::NoSuchUser(id.to_string()))
    }

    /// A case this user may see, or `NoSuchCase` (never revealing that it exists).
    fn visible_case(&self, user: &User, r: &api::CaseRef) -> Result<Case> {
        let (id, label) = match r {
            api::CaseRef::Id(id) => (Some(*id), id.to_string()),
            api::CaseRef::Number(n) => (self.store.case_id_by_number(n)?, n.clone()),
        };
        let case = match id {
            Some(id) => self.store.case(id)?,
            None => None,
        };
        case.filter(|c| user.can_see(c))
            .ok_or(ServiceError::NoSuchCase(label))
    }

    fn case_by_id(&self, id: CaseId) -> Result<Case> {
        self.store
            .case(id)?
            .ok_or_else(|| ServiceError::NoSuchCase(id.to_string()))
    }

    /// Handles one request for `actor`.
    pub fn call(&self, actor: Actor, req: Request) -> Result<Reply> {
        self.call_keyed(actor, None, req)
    }

    /// Handles one request; a mutation with a `key` this user already used is not made
    /// again, and its case is returned as it is now.
    pub fn call_keyed(&self, actor: Actor, key: Option<RequestKey>, req: Request) -> Result<Reply> {
        let user = self.user(actor.user)?;
        let req = bounds::request(req)?;
        let keyed = key.map(|k| once::Keyed::new(k, &req));
        let by = once::By {
            actor,
            user: &user,
            key: keyed.as_ref(),
        };
        use Request as R;
        match req {
            R::Summary => self.summary(&user).map(Reply::Summary),
            R::WhoAmI => Ok(Reply::User(user)),
            R::Intake {
                intake,
                resolve,
                link_to,
                draft,
                reception,
            } => self.intake(by, intake, resolve, link_to, draft, reception),
            R::Act {
                case,
                version,
                action,
                detail,
            } => self.act(by, &case, version, action, detail),
            R::Edit {
                case,
                version,
                intake,
            } => self.edit(by, &case, version, intake),
            R::Reveal { case, field } => self.reveal(actor, &user, &case, field),
            R::Issue {
                case,
                version,
                kind,
                method,
            } => self.issue(by, &case, version, kind, method),
            R::Reissue { case, serial } => self.reissue(&user, &case, &serial),
            R::Case(r) => {
                let c = self.visible_case(&user, &r)?;
                Ok(Reply::Case(Box::new(self.view(&user, c)?)))
            }
            R::Timeline { case, before } => {
                let c = self.visible_case(&user, &case)?;
                Ok(Reply::Timeline(self.timeline(&user, &c, before)?))
            }
            R::Inbox {
                queue,
                filter,
                page,
            } => self.inbox(&user, queue, &filter, &page).map(Reply::List),
            R::Overdue {
                limit,
                include_due_soon,
            } => self
                .overdue(&user, limit, include_due_soon)
                .map(Reply::Overdue),
            R::CallerHistory {
                phone,
                id_number,
                limit,
            } => self
                .caller_history(&user, phone.as_deref(), id_number.as_deref(), limit)
                .map(Reply::List),
            R::Search { text, page } => self.search(&user, &text, &page).map(Reply::List),
            R::Workload => self.workload(&user).map(Reply::Workload),
            R::Retention { page } => self.retention(&user, &page).map(Reply::Retention),
            R::LoadDemo { cases, seed } => self.load_demo(&user, cases, seed),
            R::AddDepartment {
                name,
                code,
                aliases,
            } => {
                Self::require_admin(&user)?;
                self.add_department(actor, &name, &code, &aliases)
            }
            R::SetDeptAliases { dept, aliases } => {
                Self::require_admin(&user)?;
                self.set_dept_aliases(actor, dept, &aliases)
            }
            R::ReceptionSchedule => self.schedule().map(Reply::Schedule),
            R::SetReceptionSchedule(s) => self.set_schedule(&user, s),
            R::Book(b) => self.book(&user, b),
            R::CancelBooking(id) => self.cancel_booking(&user, id),
            R::Bookings { date } => self.bookings(&user, date),
            R::Phrases { use_, category } => self.phrases(use_, category),
            R::AddPhrase {
                use_,
                category,
                text,
            } => self.add_phrase(&user, use_, category, text),
            R::RemovePhrase { id } => self.remove_phrase(&user, id),
            req @ (R::Users
            | R::AddUser(_)
            | R::SetUserRoles { .. }
            | R::SetUserActive { .. }
            | R::Departments
            | R::Categories
            | R::AddCategory { .. }
            | R::Calendar(_)
            | R::ImportCalendar(_)
            | R::Settings
            | R::SetPolicy(_)
            | R::SetOrganisation { .. }
            | R::SetDocPrefix { .. }
            | R::Check { .. }
            | R::Backup { .. }
            | R::SaveDraft { .. }
            | R::Drafts
            | R::DeleteDraft { .. }) => self.admin(&user, req),
        }
    }
}
