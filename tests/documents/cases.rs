//! Cases walked into every state and review level under a preset, and the context of a document
//! issued for one of them on a fixed date: shared by the template tests.

use xinfang::domain::case::{Kind, Level, Satisfaction};
use xinfang::domain::deadline::Policy;
use xinfang::domain::document::{DocKind, serial};
use xinfang::domain::event::Detail;
use xinfang::domain::method::Method;
use xinfang::domain::state::Action;
use xinfang::domain::time::{Timestamp, Zone};
use xinfang::lang::Lang;
use xinfang::service::Request;
use xinfang::service::api::CaseView;
use xinfang::service::documents::context::{self, DocContext, IssueFacts};

use crate::common::*;

pub const ORG: &str = "苏州市信访局";

pub fn step(w: &World, who: xinfang::service::Actor, n: &str, a: Action, d: Detail) {
    if let Err(e) = act(w, who, n, a, d) {
        panic!("{a:?} on {n}: {e:?}");
    }
}

pub fn feedback() -> Detail {
    Detail {
        method: Some("letter".into()),
        text: Some("已书面答复信访人：路灯已修复".into()),
        ..Detail::default()
    }
}

/// A case walked into each state the workflow has, and into 复查 and 复核, under `preset`.
pub fn cases(preset: &str) -> (World, Vec<CaseView>) {
    let w = World::new();
    let policy = Policy::preset(preset).unwrap();
    w.call(w.admin, Request::SetPolicy(policy)).unwrap();
    w.call(
        w.admin,
        Request::SetOrganisation {
            name: ORG.into(),
            prefix: "XF".into(),
        },
    )
    .unwrap();
    let new = |subject: &str, phone: &str| {
        w.intake(w.operator, complaint(subject, phone))
            .case
            .number
            .clone()
    };
    let mut numbers = Vec::new();
    numbers.push(new("路灯不亮", "13812345601"));
    let n = {
        let mut i = complaint("小区违建", "13812345602");
        i.important = Some("涉及群体利益".into());
        w.intake(w.operator, i).case.number
    };
    step(&w, w.clerk, &n, Action::Accept, Detail::default());
    numbers.push(n);
    let n = new("噪音扰民", "13812345603");
    step(&w, w.clerk, &n, Action::Accept, Detail::default());
    numbers.push(n);
    // In progress, with an approved extension and its reason.
    let n = new("道路破损", "13812345604");
    accept_and_assign(&w, &n, 1);
    let ext = Detail {
        days: Some(10),
        reason: Some("需会同多个部门现场核查".into()),
        ..Detail::default()
    };
    if act(&w, w.officer, &n, Action::RequestExtension, ext).is_ok() {
        step(
            &w,
            w.leader,
            &n,
            Action::ApproveExtension,
            Detail::default(),
        );
    }
    numbers.push(n);
    let through = |subject: &str, phone: &str, last: Action| {
        let n = new(subject, phone);
        accept_and_assign(&w, &n, 1);
        let steps = [
            (
                w.officer,
                Action::Submit,
                text("经核查，路灯线路老化，已更换并恢复照明"),
            ),
            (w.clerk, Action::Approve, Detail::default()),
            (w.clerk, Action::Feedback, feedback()),
            (
                w.clerk,
                Action::FollowUp,
                Detail {
                    satisfaction: Some(Satisfaction::Satisfied),
                    ..Detail::default()
                },
            ),
            (w.clerk, Action::Archive, Detail::default()),
        ];
        for (who, a, d) in steps {
            step(&w, who, &n, a, d);
            if a == last {
                break;
            }
        }
        n
    };
    for (i, last) in [
        Action::Submit,
        Action::Approve,
        Action::Feedback,
        Action::FollowUp,
        Action::Archive,
    ]
    .into_iter()
    .enumerate()
    {
        numbers.push(through("路灯不亮", &format!("1390000000{i}"), last));
    }
    let n = new("邻里纠纷", "13812345605");
    step(
        &w,
        w.clerk,
        &n,
        Action::NotAccept,
        reason("属于民事纠纷，应通过人民调解或诉讼解决"),
    );
    numbers.push(n);
    let n = new("社保缴费", "13812345606");
    let to = Detail {
        body: Some("市人力资源和社会保障局".into()),
        ..Detail::default()
    };
    step(&w, w.clerk, &n, Action::TransferOut, to);
    numbers.push(n);
    let n = new("路灯不亮（重复）", "13812345607");
    let target = w.view(w.admin, &numbers[0]).unwrap().case.id;
    let into = Detail {
        target: Some(target),
        ..Detail::default()
    };
    step(&w, w.clerk, &n, Action::Merge, into);
    numbers.push(n);
    // A confidential report on a department, being handled by another one.
    let mut i = complaint("举报城管执法人员收受好处费", "13700002222");
    i.kind = Kind::Report;
    i.complainant.name = "李秘密".into();
    i.complainant.confidential = true;
    i.accused_unit = Some("城市管理综合执法局某中队".into());
    let n = w.intake(w.operator, i).case.number;
    accept_and_assign(&w, &n, 1);
    step(&w, w.leader, &n, Action::Urge, text("请加快办理"));
    numbers.push(n);
    // 复查 of an answered case, then 复核 of the 复查.
    let answered = w.view(w.admin, &numbers[6]).unwrap();
    let mut review = answered.clone();
    for level in [Level::Review, Level::Recheck] {
        let mut i = xinfang::domain::case::Intake::new(
            xinfang::domain::case::Channel::Letter,
            Kind::Complaint,
            Default::default(),
            review.case.intake.subject.clone(),
            "对处理意见不服，请求复查",
        );
        i.review_of = Some(review.case.id);
        let v = w.intake(w.operator, i);
        assert_eq!(v.case.level, level, "{preset}");
        let n = v.case.number.clone();
        accept_and_assign(&w, &n, 1);
        step(
            &w,
            w.officer,
            &n,
            Action::Submit,
            text("经复查，原处理意见正确，予以维持"),
        );
        step(&w, w.clerk, &n, Action::Approve, Detail::default());
        review = act(&w, w.clerk, &n, Action::Feedback, feedback()).unwrap();
        numbers.push(n);
    }
    let views = numbers
        .iter()
        .map(|n| *w.view(w.clerk, n).unwrap())
        .collect();
    (w, views)
}

/// Issued on Wednesday 2026-12-02, whatever the service's clock says.
pub fn facts(kind: DocKind) -> IssueFacts {
    IssueFacts {
        kind,
        serial: serial("苏信告", 2026, 15),
        method: Method::Letter,
        at: Timestamp(1_796_176_800),
        zone: Zone::default(),
    }
}

pub fn ctx(v: &CaseView, preset: &str, kind: DocKind) -> DocContext {
    let policy = Policy::preset(preset).unwrap();
    context::build(v, ORG, &policy, &facts(kind), Lang::Zh.words())
}

/// Whether `kind` is issued for the case as it stands: its states, and for a notice its
/// action's rule for the clerk who issues it.
pub fn applies(kind: DocKind, v: &CaseView) -> bool {
    kind.fits(&v.case) && kind.notice_action().is_none_or(|a| v.actions.contains(&a))
}

pub fn find(views: &[CaseView], f: impl Fn(&CaseView) -> bool) -> &CaseView {
    views.iter().find(|v| f(v)).expect("such a case")
}
