//! Users, departments, categories, settings, calendar, drafts and the store check.

use crate::domain::case::Case;
use crate::domain::role::{Category, Role, Roles, User};
use crate::domain::state::State;
use crate::store::{Meta, Mutation, Put};

use super::api::{Reply, Request, RequestKind, Settings};
use super::drafts::draft_key;
use super::error::{Field, Problem, ServiceError};
use super::settings::{DOC_PREFIXES, ORGANISATION, PREFIX};
use super::validate::clean;
use super::{Result, Service};

const USER_COUNTER: &str = "user_id";
const CATEGORY_COUNTER: &str = "category_id";
/// Cases rewritten per commit when a policy or calendar change moves their deadlines.
const REINDEX_CHUNK: usize = 1000;

impl Service {
    pub(super) fn create_user(
        &self,
        login: &str,
        name: &str,
        roles: Roles,
        dept: Option<u32>,
    ) -> Result<User> {
        let login = clean(login);
        if login.is_empty() || login.chars().any(char::is_whitespace) {
            return Err(ServiceError::invalid(Field::Login, Problem::BadFormat));
        }
        if self
            .store
            .get::<u32>(Meta::Logins, login.as_bytes())?
            .is_some()
        {
            return Err(ServiceError::invalid(Field::Login, Problem::Duplicate));
        }
        if let Some(d) = dept {
            self.store
                .department(d)?
                .ok_or(ServiceError::invalid(Field::Department, Problem::NotFound))?;
        }
        let id = self.store.counter(USER_COUNTER)? as u32 + 1;
        let name = clean(name);
        let user = User {
            id,
            name: if name.is_empty() { login.clone() } else { name },
            login: login.clone(),
            roles,
            dept,
            active: true,
        };
        self.store.commit(&Mutation {
            puts: vec![
                Put::value(Meta::Users, id.to_be_bytes(), &user)?,
                Put::value(Meta::Logins, login.into_bytes(), &id)?,
                Put::counter(USER_COUNTER, u64::from(id)),
            ],
            ..Mutation::default()
        })?;
        Ok(user)
    }

    /// Rewrites the due index of every case that may be due after the policy or calendar
    /// changed.
    pub(super) fn reindex_due(&self) -> Result<()> {
        self.forget_dues();
        let mut ids = Vec::new();
        for s in State::due_states() {
            for c in self.store.scan(
                crate::store::Ix::StateDue,
                &[crate::store::state_byte(s)],
                None,
                false,
            ) {
                ids.push(c?.id);
            }
        }
        for chunk in ids.chunks(REINDEX_CHUNK) {
            let mut m = Mutation::default();
            for id in chunk {
                if let Some(c) = self.store.case(*id)? {
                    let due = self.due_of(&c);
                    m.cases.push((c, due));
                }
            }
            self.store.commit(&m)?;
        }
        self.forget_dues();
        Ok(())
    }

    /// A consistent backup to a new file; commits wait while it is written. Callers check
    /// that the asker may (an administrator, or the server's own schedule).
    pub fn backup_to(&self, file: &std::path::Path) -> Result<crate::store::journal::Verified> {
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        Ok(self.store.backup(file)?)
    }

    /// Behind a server, from now on: a backup asked for by request is named by a file name
    /// alone and goes into `dir` (none at all without one), never where the asker points.
    pub fn backups_by_name_in(&self, dir: Option<std::path::PathBuf>) {
        *self
            .socket_backups
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(dir);
    }

    /// Where a requested backup goes: the path given to an embedded store; behind a server, a
    /// plain file name (no separator, no leading dot, no control character) in its backups
    /// directory.
    fn backup_file(&self, file: std::path::PathBuf) -> Result<std::path::PathBuf> {
        let Some(dir) = self
            .socket_backups
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
        else {
            return Ok(file);
        };
        let Some(dir) = dir else {
            return Err(ServiceError::NoBackups);
        };
        let name = file.to_str().unwrap_or_default();
        let plain = !name.is_empty()
            && name.len() <= 255
            && !name.starts_with('.')
            && !name.contains('/')
            && !name.chars().any(char::is_control);
        if !plain {
            return Err(ServiceError::BackupName(
                file.to_string_lossy().into_owned(),
            ));
        }
        // Made for the server alone, or refused if others can read it (as the daily backups).
        crate::store::private_dir(&dir)?;
        Ok(dir.join(name))
    }

    /// The journal's chain verified up to where it stood when asked, while commits go on.
    pub fn verify_journal(
        &self,
        go_on: &dyn Fn() -> bool,
    ) -> Result<Option<crate::store::journal::Verified>> {
        Ok(self.store.verify_journal(go_on)?)
    }

    /// How many cases the store holds.
    pub fn case_count(&self) -> Result<u64> {
        Ok(self.store.counter(super::commands::ID_COUNTER)?)
    }

    /// Checks the store against its journal and its records; commits wait meanwhile.
    pub fn check_store(&self, repair: bool) -> Result<crate::store::CheckReport> {
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        let report = self.store.check(&|c: &Case| self.due_of(c), repair)?;
        if report.repaired {
            self.forget_dues();
        }
        Ok(report)
    }

    pub(super) fn require_admin(user: &User) -> Result<()> {
        if user.roles.has(Role::Admin) {
            Ok(())
        } else {
            Err(ServiceError::AdminOnly)
        }
    }

    pub(super) fn admin(&self, user: &User, req: Request) -> Result<Reply> {
        use Request as R;
        let reads = req.kind() == RequestKind::Read;
        let own_drafts = matches!(req, R::SaveDraft { .. } | R::DeleteDraft { .. });
        if !reads && !own_drafts {
            Self::require_admin(user)?;
        }
        // A backup and the check take the write lock themselves.
        let takes_lock = !matches!(req, R::Backup { .. } | R::Check { .. });
        let _guard =
            (!reads && takes_lock).then(|| self.write.lock().unwrap_or_else(|p| p.into_inner()));
        match req {
            R::Backup { file } => {
                let file = self.backup_file(file)?;
                Ok(Reply::Backup(self.backup_to(&file)?))
            }
            R::Check { repair } => Ok(Reply::Check(self.check_store(repair)?)),
            R::Users if !super::queries::sees_reports(user) => Err(ServiceError::ReportsOnly),
            R::Users => Ok(Reply::Users(self.store.all(Meta::Users)?)),
            R::AddUser(n) => {
                let u =
                    self.create_user(&n.login, &n.name, n.roles.iter().copied().collect(), n.dept)?;
                Ok(Reply::User(u))
            }
            R::SetUserRoles {
                user: id,
                roles,
                dept,
            } => {
                let mut u = self.user(id)?;
                u.roles = roles.iter().copied().collect();
                u.dept = dept;
                self.store.commit(&Mutation {
                    puts: vec![Put::value(Meta::Users, id.to_be_bytes(), &u)?],
                    ..Mutation::default()
                })?;
                Ok(Reply::User(u))
            }
            R::SetUserActive { user: id, active } => {
                let mut u = self
                    .store
                    .get::<User>(Meta::Users, &id.to_be_bytes())?
                    .ok_or_else(|| ServiceError::NoSuchUser(id.to_string()))?;
                u.active = active;
                self.store.commit(&Mutation {
                    puts: vec![Put::value(Meta::Users, id.to_be_bytes(), &u)?],
                    ..Mutation::default()
                })?;
                // A change that names no case reaches every desk; the server closes the desks
                // of a user no longer active when it sends it.
                self.publish(super::api::Change::default());
                Ok(Reply::User(u))
            }
            R::Departments => Ok(Reply::Departments(self.store.departments()?)),
            R::Categories => Ok(Reply::Categories(self.store.all(Meta::Categories)?)),
            R::AddCategory { name, dept } => {
                let name = clean(&name);
                if name.is_empty() {
                    return Err(ServiceError::invalid(Field::Name, Problem::Empty));
                }
                let all: Vec<Category> = self.store.all(Meta::Categories)?;
                if all.iter().any(|c| c.name == name) {
                    return Err(ServiceError::invalid(Field::Category, Problem::Duplicate));
                }
                let id = self.store.counter(CATEGORY_COUNTER)? as u32 + 1;
                let c = Category {
                    id,
                    name,
                    dept,
                    active: true,
                };
                self.store.commit(&Mutation {
                    puts: vec![
                        Put::value(Meta::Categories, id.to_be_bytes(), &c)?,
                        Put::counter(CATEGORY_COUNTER, u64::from(id)),
                    ],
                    ..Mutation::default()
                })?;
                Ok(Reply::Category(c))
            }
            R::Calendar(year) => Ok(Reply::Calendar(self.cached().calendar.year(year).cloned())),
            R::ImportCalendar(y) => {
                self.store.commit(&Mutation {
                    puts: vec![Put::value(Meta::Calendar, y.year.to_be_bytes(), &y)?],
                    ..Mutation::default()
                })?;
                self.cached
                    .write()
                    .unwrap_or_else(|p| p.into_inner())
                    .calendar
                    .insert(y.clone());
                self.reindex_due()?;
                Ok(Reply::Calendar(Some(y)))
            }
            R::Settings => Ok(Reply::Settings(Box::new(self.settings()))),
            R::SetPolicy(p) => {
                p.validate().map_err(|(min, max)| {
                    ServiceError::invalid(Field::Days, Problem::OutOfRange { min, max })
                })?;
                self.store.commit(&Mutation {
                    puts: vec![Put::policy(&p)?],
                    ..Mutation::default()
                })?;
                {
                    let mut c = self.cached.write().unwrap_or_else(|p| p.into_inner());
                    let notices_from = c.policy.notices_from;
                    c.policy = crate::domain::deadline::Policy { notices_from, ..p };
                }
                self.reindex_due()?;
                Ok(Reply::Settings(Box::new(self.settings())))
            }
            R::SetOrganisation { name, prefix } => {
                let prefix = clean(&prefix).to_uppercase();
                if prefix.chars().count() > 8 || prefix.chars().any(|c| !c.is_alphanumeric()) {
                    return Err(ServiceError::invalid(Field::Prefix, Problem::BadFormat));
                }
                let name = clean(&name);
                self.store.commit(&Mutation {
                    puts: vec![
                        Put::value(Meta::Settings, ORGANISATION, &name)?,
                        Put::value(Meta::Settings, PREFIX, &prefix)?,
                    ],
                    ..Mutation::default()
                })?;
                let mut c = self.cached.write().unwrap_or_else(|p| p.into_inner());
                c.organisation = name;
                c.prefix = prefix;
                drop(c);
                Ok(Reply::Settings(Box::new(self.settings())))
            }
            R::SetDocPrefix { kind, prefix } => {
                let prefix = clean(&prefix);
                // A number reads 某信告〔2026〕15号: the prefix is a few characters, no spaces.
                if prefix.is_empty()
                    || prefix.chars().count() > 16
                    || prefix
                        .chars()
                        .any(|c| c.is_whitespace() || "〔〕[]".contains(c))
                {
                    return Err(ServiceError::invalid(Field::Prefix, Problem::BadFormat));
                }
                let mut c = self.cached.write().unwrap_or_else(|p| p.into_inner());
                let mut all = c.doc_prefixes.clone();
                all.retain(|(k, _)| k != kind.code());
                all.push((kind.code().to_string(), prefix));
                self.store.commit(&Mutation {
                    puts: vec![Put::value(Meta::Settings, DOC_PREFIXES, &all)?],
                    ..Mutation::default()
                })?;
                c.doc_prefixes = all;
                drop(c);
                Ok(Reply::Settings(Box::new(self.settings())))
            }
            R::SaveDraft { name, body } => {
                self.save_draft(user, &name, body)?;
                Ok(Reply::Done)
            }
            R::Drafts => Ok(Reply::Drafts(self.drafts(user)?)),
            R::DeleteDraft { name } => {
                self.store.commit(&Mutation {
                    puts: vec![Put::delete(Meta::Drafts, draft_key(user.id, &name))],
                    ..Mutation::default()
                })?;
                Ok(Reply::Done)
            }
            // `call_keyed` routes these elsewhere; named so that a new request is routed
            // before it compiles, never refused at run time.
            R::Summary
            | R::WhoAmI
            | R::Intake { .. }
            | R::Act { .. }
            | R::Issue { .. }
            | R::Reissue { .. }
            | R::Edit { .. }
            | R::Reveal { .. }
            | R::Case(_)
            | R::Timeline { .. }
            | R::Inbox { .. }
            | R::Overdue { .. }
            | R::CallerHistory { .. }
            | R::Search { .. }
            | R::Workload
            | R::AddDepartment { .. }
            | R::SetDeptAliases { .. }
            | R::LoadDemo { .. }
            | R::Retention { .. }
            | R::ReceptionSchedule
            | R::SetReceptionSchedule(_)
            | R::Book(_)
            | R::CancelBooking(_)
            | R::Bookings { .. }
            | R::Phrases { .. }
            | R::AddPhrase { .. }
            | R::RemovePhrase { .. } => Err(ServiceError::Internal),
        }
    }

    fn settings(&self) -> Settings {
        let c = self.cached();
        Settings {
            organisation: c.organisation.clone(),
            prefix: c.prefix.clone(),
            zone_minutes: c.zone.offset_minutes,
            policy: c.policy.clone(),
            test_store: self.is_test_store().unwrap_or(false),
            doc_prefixes: crate::domain::document::DocKind::ALL
                .iter()
                .map(|k| (*k, c.doc_prefix(*k)))
                .collect(),
        }
    }
}
