//! Many users taking random actions on many cases, some concurrently: afterwards every record
//! equals the fold of its timeline, every index and counter is the image of the records, the
//! overdue counts equal a count from scratch, and no case number was handed out twice.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use common::{DAY, Lcg, World, complaint};
use xinfang::domain::case::Satisfaction;
use xinfang::domain::event::Detail;
use xinfang::domain::state::{Action, available_actions};
use xinfang::service::api::CaseRef;
use xinfang::service::{Actor, Reply, Request, Service, ServiceError};

/// What an action carries, filled in for any action a user may take.
fn detail_for(a: Action, rng: &mut Lcg, other_case: u64) -> Detail {
    Detail {
        reason: Some("随机测试理由".into()),
        text: Some("随机测试内容".into()),
        department: Some(1 + rng.below(2) as u32),
        body: Some("区人民政府".into()),
        target: (a == Action::Merge || a == Action::Link).then_some(other_case),
        method: Some("phone".into()),
        satisfaction: Some(
            [
                Satisfaction::Satisfied,
                Satisfaction::Basically,
                Satisfaction::Unsatisfied,
            ][rng.below(3) as usize],
        ),
        days: Some(1 + rng.below(20) as u32),
        ..Detail::default()
    }
}

fn overdue_total(s: &Service, who: Actor) -> u64 {
    let o = common::overdue_of(s, who);
    o.overdue + o.due_soon
}

#[test]
fn random_actions_keep_every_derived_thing_consistent() {
    let w = World::new();
    let users = [w.operator, w.clerk, w.leader, w.officer, w.officer2];
    let mut rng = Lcg(7);
    let mut numbers = Vec::new();
    // Load the in-memory due times before anything happens, so they are kept up to date.
    overdue_total(&w.service, w.leader);
    for i in 0..40 {
        let v = w.intake(
            w.operator,
            complaint(
                &format!("随机案件{i}号 路灯不亮"),
                &format!("1380000{i:04}"),
            ),
        );
        numbers.push((v.case.number.clone(), v.case.id));
    }
    let mut done = 0;
    for step in 0..600 {
        if step % 50 == 0 {
            w.clock.advance(7 * DAY);
        }
        let (n, _) = numbers[rng.below(numbers.len() as u64) as usize].clone();
        let who = users[rng.below(users.len() as u64) as usize];
        let Ok(Reply::Case(v)) = w.call(who, Request::Case(CaseRef::Number(n.clone()))) else {
            continue;
        };
        let user = match w.call(who, Request::WhoAmI).unwrap() {
            Reply::User(u) => u,
            other => panic!("{other:?}"),
        };
        // The menu a desk would show, from the table; the masked view is enough to decide it.
        let actions = available_actions(&user, &v.case);
        if actions.is_empty() {
            continue;
        }
        let a = actions[rng.below(actions.len() as u64) as usize];
        let other = numbers[rng.below(numbers.len() as u64) as usize].1;
        let detail = detail_for(a, &mut rng, other);
        let r = w.call(
            who,
            Request::Act {
                case: CaseRef::Number(n),
                version: v.case.version,
                action: a,
                detail,
            },
        );
        match r {
            Ok(_) => done += 1,
            // Refusals the table cannot foresee: an accused unit, a merge target that is gone,
            // a department that is already the case's, too long an extension, a hand-back
            // after the objection window.
            Err(
                ServiceError::AccusedUnit { .. }
                | ServiceError::NoSuchCase(_)
                | ServiceError::Invalid { .. }
                | ServiceError::ObjectionWindowOver { .. },
            ) => {}
            Err(e) => panic!("{a:?} on {:?} by {}: {e:?}", v.case.state, user.login),
        }
    }
    assert!(done > 250, "the walk did real work: {done} actions");
    let report = w.check();
    assert!(report.sound(), "{:?}", report.problems);
    // The counts kept in memory equal the ones a fresh service reads from the store.
    let kept = overdue_total(&w.service, w.leader);
    let dir = w.dir.path().to_path_buf();
    let clock = w.clock.clone();
    drop(w.service);
    let fresh = Service::open(&dir, clock).unwrap();
    let leader = fresh
        .actor_for_login("owner")
        .and_then(|a| fresh.act_as(a, "leader"))
        .unwrap();
    assert_eq!(overdue_total(&fresh, leader), kept);
}

#[test]
fn concurrent_intakes_get_distinct_numbers_and_stale_writes_are_refused() {
    let w = World::new();
    let service = Arc::clone(&w.service);
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let s = Arc::clone(&service);
            let op = w.operator;
            std::thread::spawn(move || {
                (0..25)
                    .map(|i| {
                        match s.call(
                            op,
                            Request::Intake {
                                intake: complaint(&format!("并发登记{t}-{i}"), ""),
                                resolve: None,
                                link_to: None,
                                draft: None,
                                reception: None,
                            },
                        ) {
                            Ok(Reply::Case(v)) => v.case.number,
                            other => panic!("{other:?}"),
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let numbers: Vec<String> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    let unique: BTreeSet<&String> = numbers.iter().collect();
    assert_eq!(unique.len(), 100);
    assert_eq!(
        unique.iter().next().map(|s| s.as_str()),
        Some("XF2026-00001")
    );
    assert_eq!(
        unique.iter().last().map(|s| s.as_str()),
        Some("XF2026-00100")
    );
    // Two clerks act on the same version at once: exactly one wins.
    let n = numbers[0].clone();
    let version = match w
        .call(w.clerk, Request::Case(CaseRef::Number(n.clone())))
        .unwrap()
    {
        Reply::Case(v) => v.case.version,
        other => panic!("{other:?}"),
    };
    let racers: Vec<_> = [(w.clerk, Action::Accept), (w.leader, Action::NotAccept)]
        .into_iter()
        .map(|(who, a)| {
            let s = Arc::clone(&service);
            let n = n.clone();
            std::thread::spawn(move || {
                let detail = Detail {
                    reason: Some("重复".into()),
                    ..Detail::default()
                };
                s.call(
                    who,
                    Request::Act {
                        case: CaseRef::Number(n),
                        version,
                        action: a,
                        detail,
                    },
                )
            })
        })
        .collect();
    let results: Vec<_> = racers.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(
        results
            .iter()
            .any(|r| matches!(r, Err(ServiceError::Stale { .. })))
    );
}
