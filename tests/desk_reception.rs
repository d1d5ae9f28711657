//! The inbox's 今日接待 block: today's booked visits for those who receive visitors, drawn into
//! TestBackend and compared with insta snapshots (fixed clock: Monday 2026-03-02 09:00).

mod common;
#[path = "desk/driver.rs"]
mod driver;

use chrono::{NaiveDate, Weekday};

use common::{World, complaint};
use crossterm::event::KeyCode;
use driver::{Driver, fixture, stored_drafts};
use xinfang::domain::reception::{Day, NewBooking, Reception, ReceptionDay, Schedule};
use xinfang::lang::Lang;
use xinfang::service::Request;
use xinfang::tui::intake_form::FieldId;
use xinfang::tui::overlay::Popup;

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

/// 李副院长 receives on Tuesdays and 张院长 on Mondays: on Monday 2026-03-02 the intake offers
/// 张院长 first, though the schedule names 李副院长 first.
fn two_leaders(w: &World) {
    let day = |leader: &str, title: &str, w| ReceptionDay {
        leader: leader.into(),
        title: title.into(),
        place: "信访接待大厅".into(),
        day: Day::Weekly(w),
    };
    let schedule = Schedule {
        days: vec![
            day("李副院长", "副院长", Weekday::Tue),
            day("张院长", "院长", Weekday::Mon),
        ],
    };
    w.call(w.admin, Request::SetReceptionSchedule(schedule))
        .unwrap();
}

/// A new form up to its channel, stepped from 来电 (the desk's usual) to 来访: the caller's
/// name and phone, then three fields on (ID number, address, channel).
fn visit_form(d: &mut Driver) {
    d.key(KeyCode::F(3));
    d.typed("王五");
    d.key(KeyCode::Tab);
    d.typed("13900001234");
    d.focus(xinfang::tui::intake_form::FieldId::Channel);
    assert_eq!(d.app.intake.form.as_ref().unwrap().focus, FieldId::Channel);
    // 来电 → 来信 → 来访.
    d.key(KeyCode::Down);
    d.key(KeyCode::Down);
}

fn label_row<'a>(s: &'a str, label: &str) -> Option<&'a str> {
    s.lines().find(|l| l.contains(label))
}

#[test]
fn the_intake_form_asks_which_leader_received_a_visit() {
    for size in [(80, 24), (120, 40)] {
        let w = fixture();
        two_leaders(&w);
        let mut d = Driver::new(&w, w.operator, Lang::Zh, size);
        d.key(KeyCode::F(3));
        let phone = d.screen(size.0, size.1);
        assert!(label_row(&phone, "接待领导").is_none(), "a call: {phone}");
        d.key(KeyCode::Esc);
        visit_form(&mut d);
        let visit = d.screen(size.0, size.1);
        let row = label_row(&visit, "接待领导").expect("offered for a visit");
        assert!(row.contains("无（非领导接待）"), "none by default: {row}");
        d.key(KeyCode::Tab);
        assert_eq!(
            d.app.intake.form.as_ref().unwrap().focus,
            FieldId::ReceivedBy
        );
        d.key(KeyCode::Down);
        let s = d.screen(size.0, size.1);
        let row = label_row(&s, "接待领导").unwrap();
        assert!(
            row.contains("< 张院长 · 今日接待 >"),
            "today's first: {row}"
        );
        insta::assert_snapshot!(format!("reception_intake_zh_{}x{}", size.0, size.1), s);
    }
    // In English the same field and choices, and 李副院长 after today's.
    let w = fixture();
    two_leaders(&w);
    let mut d = Driver::new(&w, w.operator, Lang::En, (120, 40));
    visit_form(&mut d);
    d.key(KeyCode::Tab);
    let s = d.screen(120, 40);
    let row = label_row(&s, "received by").expect("offered");
    assert!(row.contains("none (not received by a leader)"), "{row}");
    d.key(KeyCode::Down);
    d.key(KeyCode::Down);
    let s = d.screen(120, 40);
    assert!(
        label_row(&s, "received by")
            .unwrap()
            .contains("< 李副院长 >"),
        "{s}"
    );
}

#[test]
fn a_visit_registered_with_a_leader_records_who_received_it() {
    let w = fixture();
    two_leaders(&w);
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    visit_form(&mut d);
    d.key(KeyCode::Tab);
    // Pinyin initials narrow the choices as in every choice field: zyz finds 张院长.
    d.typed("zyz");
    d.key(KeyCode::Tab);
    d.key(KeyCode::Tab);
    d.typed("征地补偿款迟迟未到位");
    d.key(KeyCode::Tab);
    d.typed("来访人反映村里征地补偿款一年未发放。");
    d.key(KeyCode::F(2));
    let Some(Popup::Saved { number }) = d.app.popup.clone() else {
        panic!("not registered: {:?}", d.app.status);
    };
    let v = w.view(w.admin, &number).unwrap();
    assert_eq!(v.case.received_by.as_deref(), Some("张院长"));
    assert_eq!(v.case.intake.channel, xinfang::domain::case::Channel::Visit);
    // The case's detail on the desk names the leader.
    d.key(KeyCode::Enter);
    d.key(KeyCode::Char('/'));
    d.typed(&number);
    d.key(KeyCode::Enter);
    d.key(KeyCode::Enter);
    let s = d.screen(100, 30);
    let row = label_row(&s, "接待领导").unwrap_or_else(|| panic!("{s}"));
    assert!(row.contains("张院长"), "{s}");
}

#[test]
fn a_leader_chosen_then_the_channel_changed_is_not_sent() {
    let w = fixture();
    two_leaders(&w);
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    visit_form(&mut d);
    d.key(KeyCode::Tab);
    d.key(KeyCode::Down);
    // Back to the channel, and on to 网上: the field goes, and with it the leader.
    d.key(KeyCode::BackTab);
    d.key(KeyCode::Down);
    assert!(label_row(&d.screen(100, 30), "接待领导").is_none());
    d.focus(xinfang::tui::intake_form::FieldId::Subject);
    d.typed("网上反映的征地问题");
    d.key(KeyCode::Tab);
    d.typed("网上留言。");
    d.key(KeyCode::F(2));
    let Some(Popup::Saved { number }) = d.app.popup.clone() else {
        panic!("not registered: {:?}", d.app.status);
    };
    assert_eq!(w.view(w.admin, &number).unwrap().case.received_by, None);
}

#[test]
fn a_draft_keeps_the_leader_chosen() {
    let w = fixture();
    two_leaders(&w);
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    visit_form(&mut d);
    d.key(KeyCode::Tab);
    d.key(KeyCode::Down);
    d.key(KeyCode::F(10));
    let drafts = stored_drafts(&w, w.operator);
    assert!(
        drafts[0].1.contains("\"received_by\":\"张院长\""),
        "{drafts:?}"
    );
    d.key(KeyCode::Char('D'));
    d.key(KeyCode::Enter);
    let form = d.app.intake.form.as_ref().expect("the draft resumed");
    assert_eq!(form.reception(), Some(Reception::Leader("张院长".into())));
    let row = label_row(&d.screen(100, 30), "接待领导").map(str::to_string);
    assert!(
        row.as_deref().is_some_and(|r| r.contains("张院长")),
        "{row:?}"
    );
}

#[test]
fn a_leader_taken_off_the_schedule_is_refused_and_the_form_stays() {
    let w = fixture();
    two_leaders(&w);
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    visit_form(&mut d);
    d.key(KeyCode::Tab);
    d.key(KeyCode::Down);
    d.focus(xinfang::tui::intake_form::FieldId::Subject);
    d.typed("征地补偿");
    d.key(KeyCode::Tab);
    d.typed("来访。");
    // Meanwhile the schedule loses 张院长.
    let only_li = Schedule {
        days: vec![ReceptionDay {
            leader: "李副院长".into(),
            title: "副院长".into(),
            place: String::new(),
            day: Day::Weekly(Weekday::Tue),
        }],
    };
    w.call(w.admin, Request::SetReceptionSchedule(only_li))
        .unwrap();
    d.key(KeyCode::F(2));
    assert!(d.app.popup.is_none(), "not registered");
    let status = d.app.status.clone().expect("the refusal is said");
    assert!(
        status.text.contains("领导接待日安排中没有“张院长”"),
        "{status:?}"
    );
    let form = d.app.intake.form.as_ref().expect("the form stays");
    assert_eq!(form.focus, FieldId::ReceivedBy);
    assert_eq!(form.content_text(), "来访。");
}

#[test]
fn no_schedule_no_field() {
    let w = fixture();
    w.call(w.admin, Request::SetReceptionSchedule(Schedule::default()))
        .unwrap();
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    visit_form(&mut d);
    assert!(label_row(&d.screen(100, 30), "接待领导").is_none());
    d.key(KeyCode::Tab);
    assert_eq!(d.app.intake.form.as_ref().unwrap().focus, FieldId::Kind);
}
