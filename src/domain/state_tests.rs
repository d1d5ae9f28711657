//! The transition table, cell by cell: every state × action × role is either allowed (with the
//! expected next state) or refused for the expected reason. The expectations are written out
//! from DESIGN §2 and §3, not derived from `RULES`.

use super::case::{Case, Channel, Complainant, ExtensionRequest, Intake, Kind, Satisfaction};
use super::event::{Event, EventKind};
use super::role::{Role, User};
use super::state::{Action, Guard, Refusal, State, authorize, available_actions};

use State as S;

const OPEN_WORK: &[State] = &[
    S::Registered,
    S::AwaitingApproval,
    S::Accepted,
    S::InProgress,
    S::UnderReview,
];
const TRIAGE: &[Role] = &[Role::Clerk, Role::Supervisor];
const OPEN: &[State] = &[
    S::Registered,
    S::AwaitingApproval,
    S::Accepted,
    S::InProgress,
    S::UnderReview,
    S::Resolved,
    S::Answered,
    S::FollowedUp,
];
const ACCEPTED_ON: &[State] = &[
    S::Accepted,
    S::InProgress,
    S::UnderReview,
    S::Resolved,
    S::Answered,
    S::FollowedUp,
];

/// (action, states it exists in, roles that may take it, next state or None = unchanged)
/// One row: the action, the states it exists in, the roles that may take it, the next state.
type Row = (Action, Vec<State>, Vec<Role>, Option<State>);

fn expected() -> Vec<Row> {
    use Action as A;
    vec![
        (
            A::Accept,
            vec![S::Registered],
            TRIAGE.to_vec(),
            Some(S::Accepted),
        ),
        (
            A::ApproveImportant,
            vec![S::AwaitingApproval],
            vec![Role::Supervisor],
            Some(S::Accepted),
        ),
        (
            A::NotAccept,
            vec![S::Registered],
            TRIAGE.to_vec(),
            Some(S::NotAccepted),
        ),
        (
            A::TransferOut,
            vec![S::Registered],
            TRIAGE.to_vec(),
            Some(S::TransferredOut),
        ),
        (
            A::Merge,
            vec![S::Registered],
            TRIAGE.to_vec(),
            Some(S::Merged),
        ),
        (
            A::ResolveOnSpot,
            vec![S::Registered],
            vec![Role::Operator, Role::Clerk, Role::Supervisor],
            Some(S::Resolved),
        ),
        (
            A::Assign,
            vec![S::Accepted],
            TRIAGE.to_vec(),
            Some(S::InProgress),
        ),
        (
            A::Reassign,
            vec![S::InProgress],
            TRIAGE.to_vec(),
            Some(S::InProgress),
        ),
        (
            A::HandBack,
            vec![S::InProgress],
            vec![Role::Officer],
            Some(S::Accepted),
        ),
        (
            A::Submit,
            vec![S::InProgress],
            vec![Role::Officer],
            Some(S::UnderReview),
        ),
        (
            A::Approve,
            vec![S::UnderReview],
            TRIAGE.to_vec(),
            Some(S::Resolved),
        ),
        (
            A::Return,
            vec![S::UnderReview],
            TRIAGE.to_vec(),
            Some(S::InProgress),
        ),
        (
            A::Feedback,
            vec![S::Resolved],
            TRIAGE.to_vec(),
            Some(S::Answered),
        ),
        (
            A::FollowUp,
            vec![S::Answered],
            TRIAGE.to_vec(),
            Some(S::FollowedUp),
        ),
        (
            A::Archive,
            vec![
                S::Answered,
                S::FollowedUp,
                S::NotAccepted,
                S::TransferredOut,
                S::Resolved,
            ],
            TRIAGE.to_vec(),
            Some(S::Archived),
        ),
        (
            A::Reopen,
            vec![S::FollowedUp],
            TRIAGE.to_vec(),
            Some(S::InProgress),
        ),
        (
            A::Note,
            State::ALL.to_vec(),
            vec![Role::Operator, Role::Officer, Role::Clerk, Role::Supervisor],
            None,
        ),
        (
            A::Urge,
            vec![
                S::Registered,
                S::AwaitingApproval,
                S::Accepted,
                S::InProgress,
                S::UnderReview,
                S::Resolved,
                S::Answered,
                S::FollowedUp,
            ],
            vec![Role::Supervisor],
            None,
        ),
        (
            A::RequestExtension,
            vec![S::InProgress],
            vec![Role::Officer],
            None,
        ),
        (
            A::ApproveExtension,
            vec![S::InProgress, S::UnderReview],
            vec![Role::Supervisor],
            None,
        ),
        (
            A::RefuseExtension,
            vec![S::InProgress, S::UnderReview],
            vec![Role::Supervisor],
            None,
        ),
        (
            A::Link,
            OPEN_WORK.to_vec(),
            vec![Role::Operator, Role::Clerk, Role::Supervisor],
            None,
        ),
        (
            A::Pause,
            vec![S::Accepted, S::InProgress, S::UnderReview],
            TRIAGE.to_vec(),
            None,
        ),
        (A::Resume, OPEN.to_vec(), TRIAGE.to_vec(), None),
        (
            A::Investigate,
            vec![S::Accepted, S::InProgress],
            TRIAGE.to_vec(),
            None,
        ),
        (A::MarkImportant, OPEN.to_vec(), TRIAGE.to_vec(), None),
        (
            A::SendForInstruction,
            ACCEPTED_ON.to_vec(),
            TRIAGE.to_vec(),
            None,
        ),
        (A::Instruct, OPEN.to_vec(), vec![Role::Supervisor], None),
        (
            A::NotifyAccepted,
            ACCEPTED_ON.to_vec(),
            TRIAGE.to_vec(),
            None,
        ),
        (
            A::NotifyNotAccepted,
            vec![S::NotAccepted],
            TRIAGE.to_vec(),
            None,
        ),
        (
            A::NotifyTransferred,
            vec![S::TransferredOut],
            TRIAGE.to_vec(),
            None,
        ),
        (A::NotifyExtended, OPEN.to_vec(), TRIAGE.to_vec(), None),
        (
            A::ReplyLetter,
            vec![S::Resolved, S::Answered, S::FollowedUp],
            TRIAGE.to_vec(),
            None,
        ),
    ]
}

/// Cells that exist for state and role but whose guard fails on a plain case.
fn guarded(action: Action, state: State) -> Option<Guard> {
    match (action, state) {
        (Action::Archive, S::Resolved) => Some(Guard::NoCallback),
        (Action::Reopen, _) => Some(Guard::UnsatisfiedAssigned),
        (Action::ApproveExtension | Action::RefuseExtension, _) => Some(Guard::PendingExtension),
        (Action::Resume, _) => Some(Guard::Paused),
        (Action::SendForInstruction, _) => Some(Guard::ImportantNotSent),
        (Action::Instruct, _) => Some(Guard::InstructionPending),
        (Action::NotifyExtended, _) => Some(Guard::Extended),
        _ => None,
    }
}

pub fn user(id: u32, role: Role, dept: Option<u32>) -> User {
    User {
        id,
        login: format!("u{id}"),
        name: format!("用户{id}"),
        roles: [role].into_iter().collect(),
        dept,
        active: true,
    }
}

pub fn case_in(state: State, registered_by: u32, dept: Option<u32>) -> Case {
    let complainant = Complainant {
        name: "张三".into(),
        phone: "13812345678".into(),
        head_count: 1,
        ..Complainant::default()
    };
    let intake = Intake::new(
        Channel::Phone,
        Kind::Complaint,
        complainant,
        "小区电梯长期故障",
        "电梯已停运两周",
    );
    let registered = Event {
        case: 1,
        seq: 0,
        at: super::time::Timestamp(1_767_000_000),
        actor: registered_by,
        via: None,
        kind: EventKind::Registered {
            number: "XF2026-00001".into(),
            intake,
        },
    };
    let mut c = registered
        .apply(None)
        .expect("a registration starts a case");
    c.state = state;
    c.department = dept;
    c
}

#[test]
fn every_cell_of_the_table() {
    let table = expected();
    assert_eq!(
        table.len(),
        Action::ALL.len(),
        "every action has a row of expectations"
    );
    let mut cells = 0;
    for (action, states, roles, next) in &table {
        for state in State::ALL {
            for role in Role::ALL {
                // The user's scope reaches the case: own registration, own department.
                let u = user(7, role, Some(3));
                let c = case_in(*state, 7, Some(3));
                let got = authorize(&u, &c, *action);
                let want: Result<Option<State>, Refusal> = if !states.contains(state) {
                    Err(Refusal::WrongState {
                        action: *action,
                        state: *state,
                    })
                } else if !roles.contains(&role) {
                    Err(Refusal::RoleMayNot { action: *action })
                } else if let Some(g) = guarded(*action, *state) {
                    Err(Refusal::GuardFailed {
                        action: *action,
                        guard: g,
                    })
                } else {
                    Ok(next.or(Some(*state)))
                };
                let got = got.map(|r| r.to.or(Some(*state)));
                assert_eq!(got, want, "{action:?} in {state:?} by {role:?}");
                cells += 1;
            }
        }
    }
    assert_eq!(
        cells,
        Action::ALL.len() * State::ALL.len() * Role::ALL.len()
    );
}

#[test]
fn scope_refuses_other_departments_and_other_operators() {
    let officer = user(7, Role::Officer, Some(3));
    let other_dept = case_in(S::InProgress, 1, Some(4));
    assert_eq!(
        authorize(&officer, &other_dept, Action::Submit).err(),
        Some(Refusal::OutOfScope {
            action: Action::Submit
        })
    );
    assert!(!officer.can_see(&other_dept));
    let operator = user(7, Role::Operator, None);
    let someone_elses = case_in(S::Registered, 8, None);
    assert_eq!(
        authorize(&operator, &someone_elses, Action::Note).err(),
        Some(Refusal::OutOfScope {
            action: Action::Note
        })
    );
    assert!(!operator.can_see(&someone_elses));
    let admin = user(7, Role::Admin, None);
    assert!(!admin.can_see(&someone_elses));
}

#[test]
fn guards_open_their_cells() {
    let clerk = user(7, Role::Clerk, None);
    let leader = user(8, Role::Supervisor, None);
    let mut important = case_in(S::Registered, 1, None);
    important.intake.important = Some("涉及群体性诉求".into());
    assert_eq!(
        authorize(&clerk, &important, Action::Accept)
            .map(|r| r.to)
            .ok(),
        Some(Some(S::AwaitingApproval))
    );

    let mut anonymous = case_in(S::Resolved, 1, None);
    anonymous.intake.complainant.anonymous = true;
    assert_eq!(
        authorize(&clerk, &anonymous, Action::Feedback).err(),
        Some(Refusal::GuardFailed {
            action: Action::Feedback,
            guard: Guard::Callback
        })
    );
    assert!(authorize(&clerk, &anonymous, Action::Archive).is_ok());
    let mut answered = case_in(S::Answered, 1, None);
    answered.intake.complainant.no_callback = true;
    assert!(authorize(&clerk, &answered, Action::FollowUp).is_err());

    let mut unhappy = case_in(S::FollowedUp, 1, None);
    unhappy.satisfaction = Some(Satisfaction::Unsatisfied);
    // Resolved on the spot, so no department yet: back to assignment.
    let reopen = |c: &Case| authorize(&clerk, c, Action::Reopen).map(|r| r.to).ok();
    assert_eq!(reopen(&unhappy), Some(Some(S::Accepted)));
    unhappy.department = Some(3);
    assert_eq!(reopen(&unhappy), Some(Some(S::InProgress)));

    let mut pending = case_in(S::InProgress, 1, Some(3));
    pending.pending_extension = Some(ExtensionRequest {
        days: 10,
        reason: "案情复杂".into(),
        by: 2,
    });
    assert!(authorize(&leader, &pending, Action::ApproveExtension).is_ok());
    let officer = user(9, Role::Officer, Some(3));
    assert_eq!(
        authorize(&officer, &pending, Action::RequestExtension).err(),
        Some(Refusal::GuardFailed {
            action: Action::RequestExtension,
            guard: Guard::NoPendingExtension
        })
    );
}

#[test]
fn the_action_menu_comes_from_the_table() {
    let clerk = user(7, Role::Clerk, None);
    let c = case_in(S::Registered, 1, None);
    assert_eq!(
        available_actions(&clerk, &c),
        [
            Action::Accept,
            Action::NotAccept,
            Action::TransferOut,
            Action::Merge,
            Action::ResolveOnSpot,
            Action::Note,
            Action::Link,
            Action::MarkImportant
        ]
    );
    let officer = user(9, Role::Officer, Some(3));
    let c = case_in(S::InProgress, 1, Some(3));
    assert_eq!(
        available_actions(&officer, &c),
        [
            Action::HandBack,
            Action::Submit,
            Action::Note,
            Action::RequestExtension
        ]
    );
    let confidential = {
        let mut c = case_in(S::InProgress, 1, Some(3));
        c.intake.complainant.confidential = true;
        c
    };
    assert!(!officer.sees_identity(&confidential));
    assert!(clerk.sees_identity(&confidential));
}

/// Archiving after an unsatisfied follow-up closes off `reopen`: the table asks for the
/// decision (复查 offered, declined, or 终结 with grounds) as its reason; a satisfied case is
/// archived without one.
#[test]
fn archiving_an_unsatisfied_case_needs_its_decision() {
    let clerk = user(7, Role::Clerk, None);
    let mut c = case_in(S::FollowedUp, 1, Some(3));
    c.satisfaction = Some(Satisfaction::Unsatisfied);
    let rule = authorize(&clerk, &c, Action::Archive).expect("archive is allowed");
    assert_eq!(rule.needs, [super::state::Need::Reason]);
    assert_eq!(rule.to, Some(S::Archived));
    c.satisfaction = Some(Satisfaction::Satisfied);
    let rule = authorize(&clerk, &c, Action::Archive).expect("archive is allowed");
    assert!(rule.needs.is_empty());
}

/// A matter final after 复核, or a review asked too late, is registered but not taken in: it
/// can still be not accepted (with the notice) and archived.
#[test]
fn a_barred_case_is_not_accepted_again() {
    let clerk = user(7, Role::Clerk, None);
    let mut c = case_in(S::Registered, 1, None);
    c.bar = Some(super::case::Bar::Final);
    assert_eq!(
        authorize(&clerk, &c, Action::Accept).err(),
        Some(Refusal::Barred {
            action: Action::Accept,
            bar: super::case::Bar::Final
        })
    );
    assert!(!available_actions(&clerk, &c).contains(&Action::Accept));
    assert!(!available_actions(&clerk, &c).contains(&Action::ResolveOnSpot));
    assert!(authorize(&clerk, &c, Action::NotAccept).is_ok());
}
