//! The desk's case detail shows where each clock starts, the days it stood still, and a pause
//! that still lasts.

mod common;
#[path = "desk/driver.rs"]
mod driver;

use common::{DAY, World, act, complaint, dept, reason};
use driver::Driver;
use xinfang::domain::event::Detail;
use xinfang::domain::state::Action;
use xinfang::lang::Lang;

/// Accepted, assigned and told on Mon 2026-03-02, paused on Fri 03-06 for a hearing.
fn paused_case(w: &World, subject: &str) -> String {
    let n = w
        .intake(w.operator, complaint(subject, "13811112222"))
        .case
        .number;
    act(w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    act(w, w.clerk, &n, Action::Assign, dept(1)).unwrap();
    let told = Detail {
        method: Some("letter".into()),
        text: Some("受理告知书已寄送".into()),
        ..Detail::default()
    };
    act(w, w.clerk, &n, Action::NotifyAccepted, told).unwrap();
    w.clock.advance(4 * DAY);
    act(w, w.clerk, &n, Action::Pause, reason("听证")).unwrap();
    w.clock.advance(-4 * DAY);
    n
}

fn detail(w: &World, lang: Lang, number: &str) -> String {
    let id = w.view(w.clerk, number).unwrap().case.id;
    let mut d = Driver::new(w, w.clerk, lang, (120, 40));
    let fx = d.app.open_case(id);
    d.pump(fx);
    d.screen(120, 40)
}

#[test]
fn a_paused_and_a_resumed_clock_on_the_desk() {
    let w = World::new();
    let resumed = paused_case(&w, "征收补偿");
    w.clock.advance(4 * DAY);
    let lasting = paused_case(&w, "噪声扰民");
    // Resumed on Mon 03-16: it stood still 10 days (07..16); 60 days from 03-02 is 05-01,
    // plus 10: Mon 05-11.
    w.clock.advance(10 * DAY);
    act(&w, w.clerk, &resumed, Action::Resume, Detail::default()).unwrap();
    let zh = detail(&w, Lang::Zh, &resumed);
    let line = zh
        .lines()
        .find(|l| l.contains("办理 自受理之日起"))
        .unwrap();
    assert!(
        line.contains("60日 + 已暂停 10日") && line.contains("2026-05-11"),
        "{zh}"
    );
    let zh = detail(&w, Lang::Zh, &lasting);
    let line = zh
        .lines()
        .find(|l| l.contains("办理 自受理之日起"))
        .unwrap();
    assert!(line.contains("暂停计时"), "{zh}");
    let en = detail(&w, Lang::En, &lasting);
    let line = en.lines().find(|l| l.contains("handling 60 days")).unwrap();
    assert!(
        line.contains("from acceptance") && line.contains("paused"),
        "{en}"
    );
}

/// A paused case has no time left to show: its row says 暂停计时 instead of a blank.
#[test]
fn a_paused_case_in_the_list_says_its_clocks_stand_still() {
    let w = World::new();
    let n = paused_case(&w, "噪声扰民");
    w.clock.advance(4 * DAY);
    let mut d = Driver::new(&w, w.leader, Lang::Zh, (120, 40));
    let screen = d.screen(120, 40);
    let row = screen.lines().find(|l| l.contains(&n)).unwrap();
    assert!(row.contains("暂停计时"), "{screen}");
}
