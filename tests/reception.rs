//! Reception days (院长接待日): the schedule, visits booked onto it (约访), the day's list, and
//! a case received at one recording its leader. The fixed clock stands at Monday 2026-03-02
//! 09:00 (UTC+08:00): Tuesday is 03-03, Wednesday 03-04, Friday 03-06.

mod common;

use chrono::{NaiveDate, Weekday};

use common::{DAY, MONDAY_0900, World, complaint, reply_case};
use xinfang::domain::event::EventKind;
use xinfang::domain::reception::{
    Day, MAX_BOOKINGS_PER_DAY, NewBooking, Reception, ReceptionDay, ReceptionRefusal, Schedule,
};
use xinfang::domain::time::Timestamp;
use xinfang::lang::Lang;
use xinfang::service::api::BookingRow;
use xinfang::service::{Actor, Reply, Request, ServiceError};

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn entry(leader: &str, title: &str, place: &str, day: Day) -> ReceptionDay {
    ReceptionDay {
        leader: leader.into(),
        title: title.into(),
        place: place.into(),
        day,
    }
}

/// 张院长 on Tuesdays, 李副院长 on Wednesday 03-04 only.
fn with_schedule(w: &World) {
    let s = Schedule {
        days: vec![
            entry("张院长", "院长", "诉讼服务中心", Day::Weekly(Weekday::Tue)),
            entry("李副院长", "副院长", "", Day::On(date(3, 4))),
        ],
    };
    w.call(w.admin, Request::SetReceptionSchedule(s)).unwrap();
}

fn visit(d: NaiveDate, leader: &str, visitor: &str, phone: &str) -> NewBooking {
    NewBooking {
        date: d,
        leader: leader.into(),
        visitor: visitor.into(),
        phone: phone.into(),
        subject: "执行款迟迟未到位".into(),
    }
}

fn book(w: &World, who: Actor, b: NewBooking) -> Result<BookingRow, ServiceError> {
    match w.call(who, Request::Book(b))? {
        Reply::Booking(r) => Ok(r),
        other => panic!("{other:?}"),
    }
}

fn refusal(r: Result<impl std::fmt::Debug, ServiceError>) -> ReceptionRefusal {
    match r {
        Err(ServiceError::Reception(r)) => r,
        other => panic!("expected a reception refusal, got {other:?}"),
    }
}

fn day_list(w: &World, who: Actor, d: Option<NaiveDate>) -> (NaiveDate, Vec<BookingRow>) {
    match w.call(who, Request::Bookings { date: d }).unwrap() {
        Reply::Bookings { date, rows } => (date, rows),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_court_starts_with_its_presidents_tuesdays_and_fridays_and_others_with_none() {
    let w = World::new();
    let schedule = |w: &World| match w.call(w.operator, Request::ReceptionSchedule).unwrap() {
        Reply::Schedule(s) => s,
        other => panic!("{other:?}"),
    };
    assert!(schedule(&w).days.is_empty(), "government starts empty");
    let mut court = xinfang::domain::deadline::Policy::preset("government").unwrap();
    court.preset = "court".into();
    w.call(w.admin, Request::SetPolicy(court)).unwrap();
    let days: Vec<Day> = schedule(&w).days.iter().map(|d| d.day).collect();
    assert_eq!(
        days,
        vec![Day::Weekly(Weekday::Tue), Day::Weekly(Weekday::Fri)]
    );
    // Tuesday 03-03 is the president's day: bookable with no schedule ever set.
    book(
        &w,
        w.operator,
        visit(date(3, 3), "院长", "王五", "13800138000"),
    )
    .unwrap();
    // A schedule set replaces the seed.
    with_schedule(&w);
    assert_eq!(schedule(&w).days.len(), 2);
    assert_eq!(schedule(&w).days[0].leader, "张院长");
}

#[test]
fn a_visit_goes_only_onto_its_leaders_day_and_never_into_the_past() {
    let w = World::new();
    with_schedule(&w);
    let ok = book(
        &w,
        w.operator,
        visit(date(3, 3), "张院长", "王五", "13800138000"),
    )
    .unwrap();
    assert_eq!(
        (ok.booking.title.as_str(), ok.booking.place.as_str()),
        ("院长", "诉讼服务中心")
    );
    // Wednesday 03-04 is 李副院长's date, not 张院长's.
    let r = refusal(book(
        &w,
        w.clerk,
        visit(date(3, 4), "张院长", "王五", "13800138000"),
    ));
    assert_eq!(
        r,
        ReceptionRefusal::NotReceptionDay {
            leader: "张院长".into(),
            date: date(3, 4)
        }
    );
    let zh = Lang::Zh.words().error(&ServiceError::Reception(r.clone()));
    assert!(zh.contains("2026-03-04（周三）不是张院长的接待日"), "{zh}");
    let en = Lang::En.words().error(&ServiceError::Reception(r));
    assert!(en.contains("is not a reception day of 张院长"), "{en}");
    book(
        &w,
        w.clerk,
        visit(date(3, 4), "李副院长", "赵六", "13900139000"),
    )
    .unwrap();
    // Tuesday 02-24 was 张院长's day, a week before today.
    let past = refusal(book(
        &w,
        w.leader,
        visit(date(2, 24), "张院长", "王五", "13800138000"),
    ));
    assert_eq!(
        past,
        ReceptionRefusal::Past {
            date: date(2, 24),
            today: date(3, 2)
        }
    );
    let missing = book(&w, w.operator, visit(date(3, 3), "张院长", "王五", ""));
    assert!(
        matches!(missing, Err(ServiceError::Invalid { .. })),
        "{missing:?}"
    );
}

#[test]
fn a_day_holds_fifty_visits_and_a_cancelled_one_frees_its_place() {
    let w = World::new();
    with_schedule(&w);
    let mut first = None;
    for n in 0..MAX_BOOKINGS_PER_DAY {
        let b = book(
            &w,
            w.operator,
            visit(date(3, 3), "张院长", &format!("来访人{n}"), "13800138000"),
        )
        .unwrap();
        first.get_or_insert(b.booking.id);
    }
    let full = refusal(book(
        &w,
        w.operator,
        visit(date(3, 3), "张院长", "迟到者", "13800138000"),
    ));
    assert_eq!(
        full,
        ReceptionRefusal::DayFull {
            date: date(3, 3),
            max: 50
        }
    );
    let id = first.unwrap();
    w.call(w.clerk, Request::CancelBooking(id)).unwrap();
    assert_eq!(
        refusal(w.call(w.clerk, Request::CancelBooking(id))),
        ReceptionRefusal::Cancelled(id)
    );
    book(
        &w,
        w.operator,
        visit(date(3, 3), "张院长", "迟到者", "13800138000"),
    )
    .unwrap();
}

#[test]
fn those_who_receive_visitors_book_them_and_only_leaders_set_the_days() {
    let w = World::new();
    with_schedule(&w);
    let b = visit(date(3, 3), "张院长", "王五", "13800138000");
    // The administrator of this world holds every role; an officer receives no visitors.
    for who in [w.officer, w.officer2] {
        assert_eq!(
            refusal(book(&w, who, b.clone())),
            ReceptionRefusal::MayNotBook
        );
        assert_eq!(
            refusal(w.call(who, Request::Bookings { date: None })),
            ReceptionRefusal::MayNotBook
        );
    }
    for who in [w.operator, w.clerk] {
        assert_eq!(
            refusal(w.call(who, Request::SetReceptionSchedule(Schedule::default()))),
            ReceptionRefusal::MayNotSchedule
        );
    }
    w.call(w.leader, Request::SetReceptionSchedule(Schedule::default()))
        .unwrap();
    // The same day twice is a slip, not a second day.
    let twice = Schedule {
        days: vec![
            entry("张院长", "院长", "", Day::Weekly(Weekday::Tue)),
            entry("张院长", "院长", "", Day::Weekly(Weekday::Tue)),
        ],
    };
    assert_eq!(
        refusal(w.call(w.admin, Request::SetReceptionSchedule(twice))),
        ReceptionRefusal::Duplicate {
            leader: "张院长".into()
        }
    );
}

#[test]
fn what_a_booking_carries_is_cleaned_and_capped() {
    let w = World::new();
    with_schedule(&w);
    let mut b = visit(date(3, 3), "张院长", "王\u{1b}[2J五\u{202E}", "13800138000");
    b.subject = "执行款\u{7}未到位".into();
    let row = book(&w, w.operator, b).unwrap();
    assert_eq!(row.booking.visitor, "王[2J五");
    assert_eq!(row.booking.subject, "执行款未到位");
    let long = visit(date(3, 3), "张院长", &"王".repeat(51), "13800138000");
    assert!(matches!(
        book(&w, w.operator, long),
        Err(ServiceError::Invalid { .. })
    ));
    let many = Schedule {
        days: (0..201)
            .map(|n| entry(&format!("领导{n}"), "", "", Day::Weekly(Weekday::Mon)))
            .collect(),
    };
    assert!(matches!(
        w.call(w.admin, Request::SetReceptionSchedule(many)),
        Err(ServiceError::Invalid { .. })
    ));
}

#[test]
fn the_days_list_masks_phones_as_case_lists_do() {
    let w = World::new();
    with_schedule(&w);
    book(
        &w,
        w.operator,
        visit(date(3, 3), "张院长", "王五", "13800138000"),
    )
    .unwrap();
    book(
        &w,
        w.clerk,
        visit(date(3, 4), "李副院长", "赵六", "13900139000"),
    )
    .unwrap();
    let (d, rows) = day_list(&w, w.clerk, Some(date(3, 3)));
    assert_eq!((d, rows.len()), (date(3, 3), 1));
    assert_eq!(rows[0].booking.phone, "138****8000");
    let text = format!("{rows:?}");
    assert!(!text.contains("13800138000"), "{text}");
    // No date: today by the service's clock (Monday 03-02), when nobody is booked.
    assert_eq!(day_list(&w, w.operator, None), (date(3, 2), Vec::new()));
}

#[test]
fn a_booked_visitor_received_is_registered_with_the_leader_in_the_same_commit() {
    let w = World::new();
    with_schedule(&w);
    let b = book(
        &w,
        w.operator,
        visit(date(3, 3), "张院长", "王五", "13800138000"),
    )
    .unwrap()
    .booking;
    let receive = |w: &World, intake| {
        w.call(
            w.operator,
            Request::Intake {
                intake,
                resolve: None,
                link_to: None,
                draft: None,
                reception: Some(Reception::Booking(b.id)),
            },
        )
    };
    let mut form = complaint("", "");
    form.complainant.name.clear();
    form.content = "申请执行三年，执行款仍未到位。".into();
    // Monday: the visit is tomorrow.
    assert_eq!(
        refusal(receive(&w, form.clone())),
        ReceptionRefusal::NotYet {
            booking: b.id,
            date: date(3, 3)
        }
    );
    w.clock.set(Timestamp(MONDAY_0900 + DAY));
    let v = reply_case(receive(&w, form.clone()));
    let c = &v.case;
    assert_eq!(c.received_by.as_deref(), Some("张院长"));
    // The form left the visitor out: the booking filled them in.
    assert_eq!(c.intake.complainant.name, "王五");
    assert_eq!(c.intake.subject, "执行款迟迟未到位");
    let timeline: Vec<_> = v
        .events
        .iter()
        .map(|e| (&e.event.kind, e.event.at))
        .collect();
    assert!(matches!(timeline[0].0, EventKind::Registered { .. }));
    assert_eq!(
        timeline.last().map(|(k, at)| ((*k).clone(), *at)),
        Some((
            EventKind::Reception {
                leader: "张院长".into()
            },
            c.received_at
        ))
    );
    assert_eq!(c.events, 2, "registration and reception, nothing between");
    let (_, rows) = day_list(&w, w.clerk, None);
    assert_eq!(rows[0].booking.case, Some(c.id));
    assert_eq!(rows[0].case_number.as_deref(), Some(c.number.as_str()));
    // Received once: a second registration, or a cancellation, is refused with the case.
    assert_eq!(
        refusal(receive(&w, form)),
        ReceptionRefusal::Received {
            booking: b.id,
            number: c.number.clone()
        }
    );
    assert!(matches!(
        refusal(w.call(w.clerk, Request::CancelBooking(b.id))),
        ReceptionRefusal::Received { .. }
    ));
}

#[test]
fn received_by_names_a_leader_of_the_schedule() {
    let w = World::new();
    with_schedule(&w);
    let intake = |leader: &str| Request::Intake {
        intake: complaint("法官态度粗暴", "13700001111"),
        resolve: None,
        link_to: None,
        draft: None,
        reception: Some(Reception::Leader(leader.into())),
    };
    assert_eq!(
        refusal(w.call(w.operator, intake("王院长"))),
        ReceptionRefusal::UnknownLeader("王院长".into())
    );
    let v = reply_case(w.call(w.operator, intake("李副院长")));
    assert_eq!(v.case.received_by.as_deref(), Some("李副院长"));
}

/// A confidential report received at a reception day and handled by a department: the
/// department's officer sees who received it, never who reported.
#[test]
fn a_confidential_visitors_identity_stays_hidden_with_the_leader_shown() {
    let w = World::new();
    with_schedule(&w);
    w.clock.set(Timestamp(MONDAY_0900 + DAY));
    let b = book(
        &w,
        w.operator,
        visit(date(3, 3), "张院长", "孙秘密", "13612345678"),
    )
    .unwrap()
    .booking;
    let mut report = complaint("举报执行干警吃拿卡要", "");
    report.complainant.name.clear();
    report.kind = xinfang::domain::case::Kind::Report;
    report.complainant.confidential = true;
    report.content = "执行过程中索要好处费。".into();
    let v = reply_case(w.call(
        w.operator,
        Request::Intake {
            intake: report,
            resolve: None,
            link_to: None,
            draft: None,
            reception: Some(Reception::Booking(b.id)),
        },
    ));
    common::accept_and_assign(&w, &v.case.number, 1);
    let seen = w.view(w.officer, &v.case.number).unwrap();
    assert_eq!(seen.case.received_by.as_deref(), Some("张院长"));
    let text = serde_json::to_string(&seen).unwrap();
    for secret in ["孙秘密", "13612345678", "5678"] {
        assert!(!text.contains(secret), "{secret} reached the officer");
    }
}

/// 遇节假日顺延: a reception day on a holiday is not held. Tuesday 2026-10-06 is inside
/// 国庆节 (10-01..10-07), so the court's president takes no visits then, and the refusal
/// names his next working reception day, Friday 10-09 (10-08 is a Thursday, no day of his).
/// Saturday 10-10 is a make-up working day (国庆节调休): a leader who receives on Saturdays
/// receives then, but not on the ordinary Saturday 10-17, and no later Saturday of 2026 is
/// a working day (2027 has no calendar, so its Saturdays count as rest days): no next day.
#[test]
fn a_reception_day_on_a_holiday_is_not_held_and_a_make_up_working_day_is() {
    let w = World::new();
    let s = Schedule {
        days: vec![
            entry("院长", "院长", "", Day::Weekly(Weekday::Tue)),
            entry("院长", "院长", "", Day::Weekly(Weekday::Fri)),
            entry("周末值班领导", "副院长", "", Day::Weekly(Weekday::Sat)),
        ],
    };
    w.call(w.admin, Request::SetReceptionSchedule(s)).unwrap();
    let holiday = refusal(book(
        &w,
        w.operator,
        visit(date(10, 6), "院长", "王五", "13800138000"),
    ));
    assert_eq!(
        holiday,
        ReceptionRefusal::Holiday {
            leader: "院长".into(),
            date: date(10, 6),
            next: Some(date(10, 9)),
        }
    );
    let words = |lang: Lang| {
        lang.words()
            .error(&ServiceError::Reception(holiday.clone()))
    };
    assert_eq!(
        words(Lang::Zh),
        "2026-10-06（周二）是节假日或休息日，接待日遇节假日顺延，未预约。院长的下一个接待日是 2026-10-09（周五）。"
    );
    assert!(
        words(Lang::En).contains("is a holiday or rest day")
            && words(Lang::En).contains("2026-10-09 (Fri)"),
        "{}",
        words(Lang::En)
    );
    book(
        &w,
        w.operator,
        visit(date(10, 9), "院长", "王五", "13800138000"),
    )
    .unwrap();
    book(
        &w,
        w.operator,
        visit(date(10, 10), "周末值班领导", "赵六", "13600002222"),
    )
    .unwrap();
    assert_eq!(
        refusal(book(
            &w,
            w.operator,
            visit(date(10, 17), "周末值班领导", "赵六", "13600002222"),
        )),
        ReceptionRefusal::Holiday {
            leader: "周末值班领导".into(),
            date: date(10, 17),
            next: None,
        }
    );
}
