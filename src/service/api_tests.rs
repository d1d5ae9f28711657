use super::*;
use crate::domain::case::Complainant;

fn intake() -> Intake {
    Intake::new(
        Channel::Phone,
        Kind::Complaint,
        Complainant::default(),
        "主题",
        "内容",
    )
}

fn page() -> Page {
    Page::default()
}

/// One request of every variant, with what a desk did with it before `Request::kind` named
/// them all: `resend` after a lost reply, and whether it was sent with a key of its own.
pub(crate) fn one_of_each() -> Vec<(Request, bool, bool)> {
    use Request as R;
    let date = NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date");
    let case = || CaseRef::Number("X-1".into());
    let policy = Policy::preset("government").expect("the government preset");
    vec![
        (R::Summary, true, false),
        (R::WhoAmI, true, false),
        (
            R::Intake {
                intake: intake(),
                resolve: None,
                link_to: None,
                draft: Some("d".into()),
                reception: None,
            },
            false,
            true,
        ),
        (
            R::Intake {
                intake: intake(),
                resolve: None,
                link_to: None,
                draft: None,
                reception: None,
            },
            false,
            true,
        ),
        (
            R::Act {
                case: case(),
                version: 1,
                action: Action::Accept,
                detail: Detail::default(),
            },
            false,
            true,
        ),
        (
            R::Edit {
                case: case(),
                version: 1,
                intake: intake(),
            },
            false,
            true,
        ),
        (
            R::Reveal {
                case: case(),
                field: PersonalField::Phone,
            },
            false,
            false,
        ),
        (R::Case(case()), true, false),
        (
            R::Timeline {
                case: case(),
                before: 9,
            },
            true,
            false,
        ),
        (
            R::Inbox {
                queue: Queue::Mine,
                filter: Filter::default(),
                page: page(),
            },
            true,
            false,
        ),
        (
            R::Overdue {
                limit: 9,
                include_due_soon: true,
            },
            true,
            false,
        ),
        (
            R::CallerHistory {
                phone: Some("1".into()),
                id_number: None,
                limit: 9,
            },
            true,
            false,
        ),
        (
            R::Search {
                text: "t".into(),
                page: page(),
            },
            true,
            false,
        ),
        (R::Workload, true, false),
        (R::Users, true, false),
        (
            R::AddUser(NewUser {
                login: "u".into(),
                name: "u".into(),
                roles: vec![Role::Operator],
                dept: None,
            }),
            false,
            false,
        ),
        (
            R::SetUserRoles {
                user: 1,
                roles: Vec::new(),
                dept: None,
            },
            false,
            false,
        ),
        (R::Departments, true, false),
        (
            R::AddDepartment {
                name: "n".into(),
                code: "c".into(),
                aliases: Vec::new(),
            },
            false,
            false,
        ),
        (
            R::SetDeptAliases {
                dept: 1,
                aliases: Vec::new(),
            },
            false,
            false,
        ),
        (R::Categories, true, false),
        (
            R::AddCategory {
                name: "n".into(),
                dept: None,
            },
            false,
            false,
        ),
        (R::Calendar(2026), true, false),
        (
            R::ImportCalendar(YearCalendar {
                year: 2026,
                source: String::new(),
                holidays: Vec::new(),
                workdays: Vec::new(),
            }),
            false,
            false,
        ),
        (R::Settings, true, false),
        (
            R::SetOrganisation {
                name: "n".into(),
                prefix: "P".into(),
            },
            false,
            false,
        ),
        (R::Check { repair: false }, false, false),
        (R::Backup { file: "b".into() }, false, false),
        (
            R::SaveDraft {
                name: "d".into(),
                body: String::new(),
            },
            false,
            false,
        ),
        (R::Drafts, true, false),
        (R::DeleteDraft { name: "d".into() }, false, false),
        (R::LoadDemo { cases: 1, seed: 1 }, false, false),
        (
            R::SetUserActive {
                user: 1,
                active: false,
            },
            false,
            false,
        ),
        (R::Retention { page: page() }, true, false),
        // Reads the old list had forgotten: sent again now, like every other read.
        (R::ReceptionSchedule, true, false),
        (R::SetReceptionSchedule(Schedule::default()), false, false),
        (
            R::Book(NewBooking {
                date,
                leader: "l".into(),
                visitor: "v".into(),
                phone: "1".into(),
                subject: "s".into(),
            }),
            false,
            false,
        ),
        (R::CancelBooking(1), false, false),
        (R::Bookings { date: None }, true, false),
        (
            R::Phrases {
                use_: None,
                category: None,
            },
            true,
            false,
        ),
        (
            R::AddPhrase {
                use_: crate::domain::phrase::PhraseUse::Result,
                category: None,
                text: "已办结".into(),
            },
            false,
            false,
        ),
        (R::RemovePhrase { id: 1 }, false, false),
        (R::SetPolicy(policy), false, false),
    ]
}

#[test]
fn every_request_is_a_read_a_keyed_change_or_another_change_as_desks_sent_them() {
    for (req, resend, keyed) in one_of_each() {
        let want = match (resend, keyed) {
            (true, _) => RequestKind::Read,
            (false, true) => RequestKind::Keyed,
            (false, false) => RequestKind::Write,
        };
        assert_eq!(req.kind(), want, "{req:?}");
    }
}
