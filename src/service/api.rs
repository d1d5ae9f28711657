//! The one API: requests in, replies out, the same in process and over a socket (serde).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::YearCalendar;
use crate::domain::case::{Case, CaseId, Channel, Intake, Kind};
use crate::domain::correction::IntakeField;
use crate::domain::deadline::{Clock, DueStatus, Limit, Policy, Stage};
use crate::domain::event::{Detail, Event, PersonalField};
use crate::domain::phrase::{Phrase, PhraseId, PhraseUse};
use crate::domain::reception::{Booking, BookingId, NewBooking, Reception, Schedule};
use crate::domain::role::{Category, CategoryId, Department, DeptId, Role, User, UserId};
use crate::domain::state::{Action, State};
use crate::domain::time::Timestamp;
use crate::store::{CheckReport, Cursor};

/// The placeholder for a withheld identity; each language table words it for display.
pub const WITHHELD: &str = "***";

/// Stands for a linked case the viewer may not see; no case has id 0.
pub const HIDDEN_CASE: crate::domain::case::CaseId = 0;

/// Who is asking: the user, and the administrator acting as them (`--as`), if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user: UserId,
    pub via: Option<UserId>,
}

/// A desk's idempotency key for one mutation, chosen by the desk and sent again with a retry.
pub type RequestKey = [u8; 16];

/// A case named by number (as typed) or by id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseRef {
    Id(CaseId),
    Number(String),
}

/// Which cases a list shows; every field narrows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub states: Vec<State>,
    pub department: Option<DeptId>,
    pub category: Option<CategoryId>,
    pub channel: Option<Channel>,
    pub kind: Option<Kind>,
    /// Received on or after this local date.
    pub from: Option<NaiveDate>,
    /// Received on or before this local date.
    pub to: Option<NaiveDate>,
    /// Text in the subject, content or complainant name, or a case number or phone number.
    pub text: Option<String>,
}

/// Which inbox: by default the one the user's roles call for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Queue {
    /// By role: clerk → untriaged, officer → department, operator → own registrations,
    /// supervisor → all open.
    Mine,
    Untriaged,
    Department,
    Registered,
    AllOpen,
    /// Every case the user may see, newest first (closed included).
    All,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub limit: u32,
    /// Continue after this position (from the previous page's `next`).
    pub after: Option<Cursor>,
}

impl Default for Page {
    fn default() -> Page {
        Page {
            limit: 50,
            after: None,
        }
    }
}

/// What is due on a case: the clock that ends first and where it stands today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    pub stage: Stage,
    pub deadline: NaiveDate,
    pub status: DueStatus,
    /// The deadline was counted through a year with no holiday data.
    pub unsure: bool,
}

/// One line of a list: what may be shown to this user, with personal numbers masked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRow {
    pub id: CaseId,
    pub number: String,
    pub received_at: Timestamp,
    pub channel: Channel,
    pub kind: Kind,
    pub complainant: String,
    pub phone: String,
    pub subject: String,
    pub category: Option<String>,
    pub state: State,
    pub department: Option<String>,
    pub due: Option<Due>,
    pub urge_count: u32,
    pub important: bool,
    /// The version the row shows: an action taken from a list carries it.
    pub version: u64,
    /// Back at triage after a department handed it back.
    pub handed_back: bool,
    /// An extension request waits for a supervisor.
    pub extension_pending: bool,
    /// The clocks stand still (a pause lasts): no due time, and never overdue.
    pub paused: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseList {
    pub rows: Vec<CaseRow>,
    /// Where the next page starts; `None` at the end.
    pub next: Option<Cursor>,
}

/// A case as this user may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseView {
    /// The record, with personal numbers masked and a confidential identity removed.
    pub case: Case,
    /// Whether the identity was withheld from this user.
    pub identity_hidden: bool,
    /// The newest events that fit one reply, oldest first; `Request::Timeline` pages back.
    pub events: Vec<EventView>,
    /// Events older than the first one here.
    pub earlier_events: u32,
    pub clocks: Vec<Clock>,
    pub due: Option<Due>,
    /// What this user may do now, from the transition table.
    pub actions: Vec<Action>,
    /// The documents this user may issue now (文书), from the same table.
    pub documents: Vec<crate::domain::document::DocKind>,
    pub department: Option<String>,
    pub category: Option<String>,
    /// Numbers of linked cases, by id.
    pub linked: Vec<(CaseId, String)>,
    /// The service's time when the view was made: clocks are read against it.
    pub now: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    /// A registration or correction carries no intake here (the case carries the current one
    /// once): `changed` names what a correction changed.
    pub event: Event,
    pub actor: String,
    pub via: Option<String>,
    pub changed: Vec<IntakeField>,
}

/// A page of a long timeline: the events before `before`, newest that fit one reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    pub events: Vec<EventView>,
    /// Events older than the first one here.
    pub earlier: u32,
}

/// The overdue pane: late and due-soon cases by department, worst first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueReport {
    pub groups: Vec<OverdueGroup>,
    pub overdue: u64,
    pub due_soon: u64,
    /// Whether some cases were left out because `limit` was reached.
    pub truncated: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueGroup {
    pub department: Option<DeptId>,
    pub name: String,
    pub overdue: u64,
    pub due_soon: u64,
    pub rows: Vec<CaseRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workload {
    pub department: Department,
    pub open: u64,
    pub overdue: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub organisation: String,
    pub user: User,
    pub total: u64,
    /// Registered today (the desk's header).
    pub new_today: u64,
    pub open: u64,
    pub due_soon: u64,
    pub overdue: u64,
    pub today: NaiveDate,
    /// Years that deadlines reach into but that have no holiday data.
    pub missing_calendar_years: Vec<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUser {
    pub login: String,
    pub name: String,
    pub roles: Vec<Role>,
    pub dept: Option<DeptId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub organisation: String,
    pub prefix: String,
    /// Minutes east of UTC.
    pub zone_minutes: i32,
    pub policy: Policy,
    /// A test store (`init --test-store`): shown on every screen.
    pub test_store: bool,
    /// The prefix of each kind's document numbers (某信告).
    pub doc_prefixes: Vec<(crate::domain::document::DocKind, String)>,
}

/// An archived case whose retention period has run out. No complainant: whoever asks for the
/// list decides over records, not over people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionRow {
    pub id: CaseId,
    pub number: String,
    /// Empty for a user who may not see the case (the administrator).
    pub subject: String,
    pub category: Option<String>,
    pub department: Option<String>,
    /// The local date it was archived.
    pub archived: NaiveDate,
    /// The archive date plus the retention period: due for disposal from this day.
    pub dispose_by: NaiveDate,
}

/// The archived cases due for disposal today, oldest first, a page at a time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionList {
    pub rows: Vec<RetentionRow>,
    /// Where the next page starts; `None` at the end.
    pub next: Option<Cursor>,
    /// The policy's retention period; `None` keeps everything.
    pub retention: Option<Limit>,
    pub basis: String,
    pub today: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    Summary,
    WhoAmI,
    /// Registers a case; with `resolve`, resolves it on the spot with that result.
    Intake {
        intake: Intake,
        resolve: Option<String>,
        link_to: Option<CaseId>,
        /// The desk's draft of this call, deleted in the same transaction as the case is
        /// registered: a registered call is never offered back as a draft.
        draft: Option<String>,
        /// Received at a reception day: by this leader, or as this booked visit.
        reception: Option<Reception>,
    },
    /// A workflow action; `version` is the one the user saw.
    Act {
        case: CaseRef,
        version: u64,
        action: Action,
        detail: Detail,
    },
    Edit {
        case: CaseRef,
        version: u64,
        intake: Intake,
    },
    /// Shows a full personal value; recorded on the timeline.
    Reveal {
        case: CaseRef,
        field: PersonalField,
    },
    Case(CaseRef),
    /// The events of a case before sequence number `before`, as many as fit one reply.
    Timeline {
        case: CaseRef,
        before: u32,
    },
    Inbox {
        queue: Queue,
        filter: Filter,
        page: Page,
    },
    Overdue {
        limit: u32,
        include_due_soon: bool,
    },
    CallerHistory {
        phone: Option<String>,
        id_number: Option<String>,
        limit: u32,
    },
    Search {
        text: String,
        page: Page,
    },
    Workload,
    Users,
    AddUser(NewUser),
    SetUserRoles {
        user: UserId,
        roles: Vec<Role>,
        dept: Option<DeptId>,
    },
    Departments,
    AddDepartment {
        name: String,
        code: String,
        /// Other names people use for it (`市住建局`).
        aliases: Vec<String>,
    },
    /// Replaces a department's aliases.
    SetDeptAliases {
        dept: DeptId,
        aliases: Vec<String>,
    },
    Categories,
    AddCategory {
        name: String,
        dept: Option<DeptId>,
    },
    Calendar(i32),
    ImportCalendar(YearCalendar),
    Settings,
    SetPolicy(Policy),
    SetOrganisation {
        name: String,
        prefix: String,
    },
    /// The prefix of a kind's document numbers (administrators).
    SetDocPrefix {
        kind: crate::domain::document::DocKind,
        prefix: String,
    },
    Check {
        repair: bool,
    },
    /// Writes a consistent backup of the store to a new file on the service's machine.
    Backup {
        file: std::path::PathBuf,
    },
    SaveDraft {
        name: String,
        body: String,
    },
    Drafts,
    DeleteDraft {
        name: String,
    },
    /// Fills an empty store with `cases` synthetic cases, deterministic by `seed`.
    LoadDemo {
        cases: u64,
        seed: u64,
    },
    /// Deactivates a user (their desks are closed at once and turned away after) or lets them
    /// back. Their cases and events stay as they are.
    SetUserActive {
        user: UserId,
        active: bool,
    },
    /// Archived cases whose retention has run out (nothing is deleted).
    Retention {
        page: Page,
    },
    /// The leaders' reception days (院长接待日).
    ReceptionSchedule,
    /// Replaces the schedule (administrators and supervisors).
    SetReceptionSchedule(Schedule),
    /// Books a visit onto a leader's reception day (约访).
    Book(NewBooking),
    CancelBooking(BookingId),
    /// The visits booked for a day; today by the service's clock when none is given.
    Bookings {
        date: Option<NaiveDate>,
    },
    /// Issues a document (出具文书) for the case as the user saw it (`version`), given to the
    /// petitioner by `method`; a notice completes the clock it answers.
    Issue {
        case: CaseRef,
        version: u64,
        kind: crate::domain::document::DocKind,
        method: crate::domain::method::Method,
    },
    /// A document issued before, exactly as it was issued (its text is on the timeline).
    Reissue {
        case: CaseRef,
        serial: String,
    },
    /// Canned phrases (常用语), of one use or all; with a category, those for every category
    /// and that one's.
    Phrases {
        use_: Option<PhraseUse>,
        category: Option<CategoryId>,
    },
    /// Adds a canned phrase (administrators); no category: offered for every one.
    AddPhrase {
        use_: PhraseUse,
        category: Option<CategoryId>,
        text: String,
    },
    RemovePhrase {
        id: PhraseId,
    },
}

/// What sending a request again does, for a desk that lost the reply to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKind {
    /// Changes nothing: sent again, it answers as before.
    Read,
    /// Makes or changes a case under an idempotency key: sent again with the same key, the
    /// service makes it once.
    Keyed,
    /// Any other change: never sent again, the desk says the server went away.
    Write,
}

impl Request {
    /// Every variant is named here, so a new one is classified before it compiles.
    pub fn kind(&self) -> RequestKind {
        use Request as R;
        use RequestKind::{Keyed, Read, Write};
        match self {
            R::Summary
            | R::WhoAmI
            | R::Case(_)
            | R::Timeline { .. }
            | R::Inbox { .. }
            | R::Overdue { .. }
            | R::CallerHistory { .. }
            | R::Search { .. }
            | R::Workload
            | R::Reissue { .. }
            | R::Users
            | R::Departments
            | R::Categories
            | R::Calendar(_)
            | R::Settings
            | R::Drafts
            | R::Retention { .. }
            | R::ReceptionSchedule
            | R::Bookings { .. }
            | R::Phrases { .. } => Read,
            R::Intake { .. } | R::Act { .. } | R::Edit { .. } | R::Issue { .. } => Keyed,
            // A reveal is recorded on the timeline: sent twice, it would be recorded twice.
            R::Reveal { .. }
            | R::AddUser(_)
            | R::SetUserRoles { .. }
            | R::AddDepartment { .. }
            | R::SetDeptAliases { .. }
            | R::AddCategory { .. }
            | R::ImportCalendar(_)
            | R::SetPolicy(_)
            | R::SetOrganisation { .. }
            | R::SetDocPrefix { .. }
            | R::Check { .. }
            | R::Backup { .. }
            | R::SaveDraft { .. }
            | R::DeleteDraft { .. }
            | R::LoadDemo { .. }
            | R::SetUserActive { .. }
            | R::SetReceptionSchedule(_)
            | R::Book(_)
            | R::CancelBooking(_)
            | R::AddPhrase { .. }
            | R::RemovePhrase { .. } => Write,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    Summary(Summary),
    User(User),
    /// The case after a change, as this user may see it.
    Case(Box<CaseView>),
    Timeline(Timeline),
    List(CaseList),
    Overdue(OverdueReport),
    Workload(Vec<Workload>),
    Users(Vec<User>),
    Departments(Vec<Department>),
    Department(Department),
    Categories(Vec<Category>),
    Category(Category),
    Calendar(Option<YearCalendar>),
    Settings(Box<Settings>),
    Check(CheckReport),
    Backup(crate::store::journal::Verified),
    Revealed(String),
    Drafts(Vec<(String, String)>),
    Demo {
        cases: u64,
    },
    Done,
    Retention(RetentionList),
    Schedule(Schedule),
    Booking(BookingRow),
    Bookings {
        date: NaiveDate,
        rows: Vec<BookingRow>,
    },
    /// A document just issued, with the case after it.
    Issued {
        case: Box<CaseView>,
        doc: Box<crate::domain::document::Issued>,
    },
    /// A document issued before.
    Document(Box<crate::domain::document::Issued>),
    Phrases(Vec<Phrase>),
    Phrase(Phrase),
}

/// A booked visit as this user may see it: the phone masked as in every list, and the case it
/// became when the user may see that case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingRow {
    pub booking: Booking,
    pub case_number: Option<String>,
}

/// Published after every committed change so that other screens refresh.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub case: Option<CaseId>,
    pub version: u64,
    pub state: Option<State>,
    pub department: Option<DeptId>,
    /// Which user registered the case (an operator's inbox lists it).
    pub registered_by: Option<UserId>,
    /// The department the case was with before this change, when it moved: that
    /// department's desks drop it from their lists.
    pub left: Option<DeptId>,
}

#[cfg(test)]
#[path = "api_tests.rs"]
pub(crate) mod tests;
