//! The inbox's 今日接待 block: today's booked visits for those who receive visitors, drawn into
//! TestBackend and compared with insta snapshots (fixed clock: Monday 2026-03-02 09:00).

mod common;
#[path = "desk/driver.rs"]
mod driver;

use chrono::{NaiveDate, Weekday};

use common::{World, complaint};
use driver::{Driver, fixture};
use xinfang::domain::reception::{Day, NewBooking, Reception, ReceptionDay, Schedule};
use xinfang::lang::Lang;
use xinfang::service::Request;

const MONDAY: (i32, u32, u32) = (2026, 3, 2);

/// 张院长 receives on Mondays; three visits today, the first already received, one cancelled.
fn with_visits(w: &World) {
    let today = NaiveDate::from_ymd_opt(MONDAY.0, MONDAY.1, MONDAY.2).unwrap();
    let schedule = Schedule {
        days: vec![ReceptionDay {
            leader: "张院长".into(),
            title: "院长".into(),
            place: "信访接待大厅".into(),
            day: Day::Weekly(Weekday::Mon),
        }],
    };
    w.call(w.admin, Request::SetReceptionSchedule(schedule))
        .unwrap();
    for (visitor, phone, subject) in [
        ("王五", "13800138000", "拆迁补偿款未足额发放"),
        ("欧阳建国", "13912345678", "小区违建长期无人处理"),
        ("李四", "13700001111", "已取消的来访"),
        ("赵六", "13600002222", "低保资格被取消"),
    ] {
        w.call(
            w.operator,
            Request::Book(NewBooking {
                date: today,
                leader: "张院长".into(),
                visitor: visitor.into(),
                phone: phone.into(),
                subject: subject.into(),
            }),
        )
        .unwrap();
    }
    w.call(w.clerk, Request::CancelBooking(3)).unwrap();
    w.call(
        w.operator,
        Request::Intake {
            intake: complaint("", ""),
            resolve: None,
            link_to: None,
            draft: None,
            reception: Some(Reception::Booking(1)),
        },
    )
    .unwrap();
}

fn screen(who: fn(&World) -> xinfang::service::Actor, lang: Lang, size: (u16, u16)) -> String {
    let w = fixture();
    with_visits(&w);
    let mut d = Driver::new(&w, who(&w), lang, size);
    d.screen(size.0, size.1)
}

#[test]
fn the_inbox_shows_todays_visits_to_those_who_receive_them() {
    for lang in [Lang::Zh, Lang::En] {
        for size in [(80, 24), (120, 40)] {
            let s = screen(|w: &World| w.operator, lang, size);
            let code = if lang == Lang::Zh { "zh" } else { "en" };
            insta::assert_snapshot!(format!("reception_inbox_{code}_{}x{}", size.0, size.1), s);
            // Phones masked as in every list; the cancelled visit is not on the desk.
            assert!(
                !s.contains("13912345678") && s.contains("139****5678"),
                "{s}"
            );
            assert!(!s.contains("李四"), "{s}");
        }
    }
    let clerk = screen(|w: &World| w.clerk, Lang::Zh, (80, 24));
    assert!(clerk.contains("今日接待 3"), "{clerk}");
    // An officer receives no visitors: no block, and no visitor's name.
    let officer = screen(|w: &World| w.officer, Lang::Zh, (80, 24));
    assert!(
        !officer.contains("今日接待") && !officer.contains("欧阳建国"),
        "{officer}"
    );
}

#[test]
fn the_detail_names_the_leader_who_received_the_case() {
    let w = fixture();
    with_visits(&w);
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    let number = w
        .view(w.admin, "XF2026-00007")
        .map(|v| v.case.number.clone())
        .unwrap();
    d.key(crossterm::event::KeyCode::Char('/'));
    d.typed(&number);
    d.key(crossterm::event::KeyCode::Enter);
    d.key(crossterm::event::KeyCode::Enter);
    let s = d.screen(100, 30);
    assert!(
        s.lines()
            .any(|l| l.contains("接待领导") && l.contains("张院长")),
        "{s}"
    );
}

/// A received visit is its case: another operator, who may not see that case, sees neither
/// the visitor nor the phone nor the subject in the block; the operator who received it does.
#[test]
fn a_received_visit_shows_only_to_those_who_see_its_case() {
    use xinfang::domain::role::Role;
    use xinfang::service::api::NewUser;
    let w = fixture();
    with_visits(&w);
    w.call(
        w.admin,
        Request::AddUser(NewUser {
            login: "op2".into(),
            name: "孙丽".into(),
            roles: vec![Role::Operator],
            dept: None,
        }),
    )
    .unwrap();
    let op2 = w.service.act_as(w.admin, "op2").unwrap();
    let s = Driver::new(&w, op2, Lang::Zh, (120, 40)).screen(120, 40);
    assert!(s.contains("今日接待 3"), "{s}");
    assert!(
        !s.contains("王五") && !s.contains("138****8000") && !s.contains("拆迁补偿款"),
        "{s}"
    );
    assert!(s.contains("（保密）") && s.contains("欧阳建国"), "{s}");
    let own = Driver::new(&w, w.operator, Lang::Zh, (120, 40)).screen(120, 40);
    assert!(own.contains("王五") && own.contains("拆迁补偿款"), "{own}");
}
