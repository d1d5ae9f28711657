//! The petitioner's request for 复查 or 复核: a new case registered from the reviewed one.

use crate::domain::case::{Channel, Complainant, Intake};
use crate::lang::Named;
use crate::service::api::CaseRef;
use crate::service::{Reply, Request};

use super::args::ReviewArgs;
use super::{CliResult, Ctx, Failure, output};

/// Registers the request through the ordinary intake, naming the reviewed case: the service
/// finds the level (复查 after a first answer, 复核 after 复查, 终结 after 复核), whether it
/// came too late, and carries the petitioner and accused unit over from the reviewed case.
pub fn request(ctx: &Ctx, a: ReviewArgs) -> CliResult {
    let reviewed = match ctx.call(Request::Case(CaseRef::Number(a.number.clone())))? {
        Reply::Case(v) => v.case,
        _ => return Err(Failure::unknown(Named::Case, &a.number)),
    };
    let channel = Channel::from_code(a.channel.trim())
        .ok_or_else(|| Failure::unknown(Named::Channel, &a.channel))?;
    let subject = a.subject.unwrap_or(reviewed.intake.subject);
    // No one named: the service carries the reviewed case's petitioner, unmasked, if this user
    // may see them.
    let mut intake = Intake::new(
        channel,
        reviewed.intake.kind,
        Complainant::default(),
        subject,
        a.content,
    );
    intake.demands = a.demands;
    intake.category = reviewed.intake.category;
    intake.urgency = reviewed.intake.urgency;
    intake.review_of = Some(reviewed.id);
    let reply = ctx.call(Request::Intake {
        intake,
        resolve: None,
        link_to: None,
        draft: None,
        reception: None,
    })?;
    ctx.emit(&reply, |ctx, r| {
        if let Reply::Case(v) = r {
            output::registered(ctx, v);
        }
    })
}
