//! A service on a temporary store with a fixed clock and one user per role.
#![allow(dead_code)]

use std::sync::Arc;

use xinfang::domain::case::{Channel, Complainant, Intake, Kind};
use xinfang::domain::event::Detail;
use xinfang::domain::role::Role;
use xinfang::domain::state::Action;
use xinfang::domain::time::Timestamp;
use xinfang::service::api::{CaseRef, CaseView, NewUser, OverdueReport, Summary};
use xinfang::service::{Actor, FixedClock, Reply, Request, Service, ServiceError};
use xinfang::store::CheckReport;

/// Monday 2026-03-02 09:00 in UTC+08:00.
pub const MONDAY_0900: i64 = 1_772_413_200;
pub const DAY: i64 = 86_400;

pub struct World {
    pub dir: tempfile::TempDir,
    pub service: Arc<Service>,
    pub clock: Arc<FixedClock>,
    pub admin: Actor,
    pub operator: Actor,
    pub clerk: Actor,
    pub leader: Actor,
    /// Officer of 住房和城乡建设局 (department 1).
    pub officer: Actor,
    /// Officer of 城市管理综合执法局 (department 2).
    pub officer2: Actor,
}

pub fn reply_case(r: Result<Reply, ServiceError>) -> Box<CaseView> {
    match r {
        Ok(Reply::Case(v)) => v,
        other => panic!("expected a case, got {other:?}"),
    }
}

impl World {
    pub fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::new(Timestamp(MONDAY_0900)));
        let service = Arc::new(Service::open(dir.path(), clock.clone()).unwrap());
        let admin = service.actor_for_login("owner").unwrap();
        for (name, code) in [("住房和城乡建设局", "zjj"), ("城市管理综合执法局", "cgj")]
        {
            service
                .call(
                    admin,
                    Request::AddDepartment {
                        name: name.into(),
                        code: code.into(),
                        aliases: vec![],
                    },
                )
                .unwrap();
        }
        let add = |login: &str, name: &str, role: Role, dept: Option<u32>| {
            let r = service.call(
                admin,
                Request::AddUser(NewUser {
                    login: login.into(),
                    name: name.into(),
                    roles: vec![role],
                    dept,
                }),
            );
            assert!(r.is_ok(), "{r:?}");
            service.act_as(admin, login).unwrap()
        };
        let operator = add("op", "王晓燕", Role::Operator, None);
        let clerk = add("clerk", "陈静", Role::Clerk, None);
        let leader = add("leader", "赵志刚", Role::Supervisor, None);
        let officer = add("zjj", "刘洋", Role::Officer, Some(1));
        let officer2 = add("cgj", "张伟", Role::Officer, Some(2));
        World {
            dir,
            service,
            clock,
            admin,
            operator,
            clerk,
            leader,
            officer,
            officer2,
        }
    }

    pub fn call(&self, who: Actor, r: Request) -> Result<Reply, ServiceError> {
        self.service.call(who, r)
    }

    pub fn intake(&self, who: Actor, i: Intake) -> Box<CaseView> {
        reply_case(self.call(
            who,
            Request::Intake {
                intake: i,
                resolve: None,
                link_to: None,
                draft: None,
                reception: None,
            },
        ))
    }

    pub fn overdue(&self, who: Actor) -> OverdueReport {
        overdue_of(&self.service, who)
    }

    pub fn summary(&self, who: Actor) -> Summary {
        match self.call(who, Request::Summary) {
            Ok(Reply::Summary(s)) => s,
            other => panic!("{other:?}"),
        }
    }

    pub fn check(&self) -> CheckReport {
        match self.call(self.admin, Request::Check { repair: false }) {
            Ok(Reply::Check(r)) => r,
            other => panic!("{other:?}"),
        }
    }

    pub fn view(&self, who: Actor, number: &str) -> Result<Box<CaseView>, ServiceError> {
        match self.call(who, Request::Case(CaseRef::Number(number.into())))? {
            Reply::Case(v) => Ok(v),
            other => panic!("{other:?}"),
        }
    }
}

/// The overdue pane (due soon included) as `who` sees it.
pub fn overdue_of(s: &Service, who: Actor) -> OverdueReport {
    match s.call(
        who,
        Request::Overdue {
            limit: 500,
            include_due_soon: true,
        },
    ) {
        Ok(Reply::Overdue(o)) => o,
        other => panic!("{other:?}"),
    }
}

pub fn complaint(subject: &str, phone: &str) -> Intake {
    let complainant = Complainant {
        name: "张三".into(),
        phone: phone.into(),
        id_number: "11010519491231002X".into(),
        address: "苏州市姑苏区人民路128号".into(),
        head_count: 1,
        ..Complainant::default()
    };
    let content = format!("{subject}，已经持续两周，多次反映无人处理。");
    Intake {
        demands: "尽快处理".into(),
        ..Intake::new(
            Channel::Phone,
            Kind::Complaint,
            complainant,
            subject,
            content,
        )
    }
}

pub fn act(
    w: &World,
    who: Actor,
    number: &str,
    action: Action,
    detail: Detail,
) -> Result<Box<CaseView>, ServiceError> {
    let version = w.view(w.admin, number).map(|v| v.case.version).unwrap_or(0);
    match w.call(
        who,
        Request::Act {
            case: CaseRef::Number(number.into()),
            version,
            action,
            detail,
        },
    )? {
        Reply::Case(v) => Ok(v),
        other => panic!("{other:?}"),
    }
}

pub fn text(t: &str) -> Detail {
    Detail {
        text: Some(t.into()),
        ..Detail::default()
    }
}

pub fn reason(t: &str) -> Detail {
    Detail {
        reason: Some(t.into()),
        ..Detail::default()
    }
}

pub fn dept(d: u32) -> Detail {
    Detail {
        department: Some(d),
        ..Detail::default()
    }
}

/// A small deterministic generator, so a failing run can be replayed.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

/// The clerk accepts a case and assigns it to a department.
pub fn accept_and_assign(w: &World, number: &str, department: u32) -> Box<CaseView> {
    act(w, w.clerk, number, Action::Accept, Detail::default()).unwrap();
    act(w, w.clerk, number, Action::Assign, dept(department)).unwrap()
}
