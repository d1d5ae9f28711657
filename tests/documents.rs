//! Issuing documents (出具文书): numbered per kind and year, recorded on the timeline with the
//! text and its hash, the notice's clock completed, produced again identically, sent once when
//! asked again with the same key, and a confidential reporter's identity on no department sheet.

mod common;
#[path = "desk/driver.rs"]
mod driver;

use common::*;
use sha2::{Digest, Sha256};
use xinfang::domain::case::{Kind, Notice};
use xinfang::domain::document::{DocKind, Issued};
use xinfang::domain::event::{Detail, EventKind};
use xinfang::domain::method::Method;
use xinfang::domain::state::Action;
use xinfang::service::api::{CaseRef, CaseView, Reply};
use xinfang::service::{Request, ServiceError};

fn issue(
    w: &World,
    who: xinfang::service::Actor,
    n: &str,
    kind: DocKind,
    method: Method,
) -> Result<(Box<CaseView>, Box<Issued>), ServiceError> {
    let version = w.view(who, n)?.case.version;
    match w.call(
        who,
        Request::Issue {
            case: CaseRef::Number(n.into()),
            version,
            kind,
            method,
        },
    )? {
        Reply::Issued { case, doc } => Ok((case, doc)),
        other => panic!("not a document: {other:?}"),
    }
}

fn reissue(
    w: &World,
    who: xinfang::service::Actor,
    n: &str,
    serial: &str,
) -> Result<Issued, ServiceError> {
    match w.call(
        who,
        Request::Reissue {
            case: CaseRef::Number(n.into()),
            serial: serial.into(),
        },
    )? {
        Reply::Document(d) => Ok(*d),
        other => panic!("not a document: {other:?}"),
    }
}

#[test]
fn an_acceptance_notice_is_numbered_recorded_and_completes_its_clock() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("路灯不亮", "13812345678"))
        .case
        .number
        .clone();
    act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    let before = w.view(w.clerk, &n).unwrap();
    assert!(before.documents.contains(&DocKind::AcceptanceNotice));
    assert!(
        !before.documents.contains(&DocKind::Reply),
        "no reply before a result"
    );

    let (view, doc) = issue(&w, w.clerk, &n, DocKind::AcceptanceNotice, Method::Letter).unwrap();
    assert!(doc.serial.starts_with("信告〔"), "{}", doc.serial);
    assert!(doc.serial.ends_with("〕1号"), "{}", doc.serial);
    assert!(doc.text.contains(&n), "the case number is in the notice");
    assert!(doc.text.contains("张三"));
    assert_eq!(doc.sha256, hex(&Sha256::digest(doc.text.as_bytes())));
    // The notice is given: the clock it answers is done.
    assert!(
        view.case
            .notices
            .iter()
            .any(|g| g.notice == Notice::Accepted)
    );
    let kinds: Vec<_> = view.events.iter().map(|e| &e.event.kind).collect();
    assert!(kinds.iter().any(|k| matches!(
        k,
        EventKind::Acted {
            action: Action::NotifyAccepted,
            ..
        }
    )));
    // The timeline names the document but carries no text: that goes to who may read it.
    let shown = view
        .events
        .iter()
        .find_map(|e| match &e.event.kind {
            EventKind::Issued(d) => Some(d.clone()),
            _ => None,
        })
        .expect("an issued event");
    assert_eq!(shown.serial, doc.serial);
    assert!(shown.text.is_empty());

    // The next one of the kind takes the next number, and each comes back as it was.
    let (_, second) = issue(&w, w.clerk, &n, DocKind::AcceptanceNotice, Method::InPerson).unwrap();
    assert!(second.serial.ends_with("〕2号"), "{}", second.serial);
    assert_eq!(reissue(&w, w.clerk, &n, &doc.serial).unwrap(), *doc);
    assert_eq!(reissue(&w, w.clerk, &n, &second.serial).unwrap(), *second);
    assert!(w.check().problems.is_empty());
}

#[test]
fn a_document_the_case_does_not_call_for_is_refused() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("噪音扰民", "13812345678"))
        .case
        .number
        .clone();
    // Registered, not accepted: no acceptance notice, no reply; the receipt is.
    for kind in [
        DocKind::AcceptanceNotice,
        DocKind::Reply,
        DocKind::AssignmentSheet,
    ] {
        assert!(matches!(
            issue(&w, w.clerk, &n, kind, Method::Letter),
            Err(ServiceError::NoDocument { .. })
        ));
    }
    let (_, receipt) = issue(&w, w.operator, &n, DocKind::Receipt, Method::InPerson).unwrap();
    assert!(receipt.serial.starts_with("信收〔"));
    // An operator issues no notice.
    act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    assert!(
        issue(
            &w,
            w.operator,
            &n,
            DocKind::AcceptanceNotice,
            Method::Letter
        )
        .is_err()
    );
}

#[test]
fn a_confidential_reporters_identity_is_on_no_department_sheet() {
    let w = World::new();
    let mut report = complaint("工作人员收受红包", "13912345678");
    report.kind = Kind::Report;
    report.complainant.name = "李秘密".into();
    report.complainant.confidential = true;
    let n = w.intake(w.operator, report).case.number.clone();
    accept_and_assign(&w, &n, 1);
    let (_, sheet) = issue(&w, w.clerk, &n, DocKind::AssignmentSheet, Method::InPerson).unwrap();
    for secret in ["李秘密", "13912345678", "11010519491231002X", "人民路128号"] {
        assert!(
            !sheet.text.contains(secret),
            "{secret} in the 交办单:\n{}",
            sheet.text
        );
    }
    assert!(sheet.text.contains(&n));
    // The department's officer may read the sheet, which never carried the identity …
    assert_eq!(reissue(&w, w.officer, &n, &sheet.serial).unwrap(), *sheet);
    // … but not a notice to the reporter, which does.
    let (_, notice) = issue(&w, w.clerk, &n, DocKind::AcceptanceNotice, Method::Letter).unwrap();
    assert!(notice.text.contains("李秘密"));
    assert!(matches!(
        reissue(&w, w.officer, &n, &notice.serial),
        Err(ServiceError::NoSuchDocument(_))
    ));
}

#[test]
fn sent_again_with_its_key_a_document_is_issued_once() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("路灯不亮", "13812345678"))
        .case
        .number
        .clone();
    act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    let version = w.view(w.clerk, &n).unwrap().case.version;
    let req = Request::Issue {
        case: CaseRef::Number(n.clone()),
        version,
        kind: DocKind::AcceptanceNotice,
        method: Method::Letter,
    };
    let key: xinfang::service::RequestKey = [7; 16];
    let first = w
        .service
        .call_keyed(w.clerk, Some(key), req.clone())
        .unwrap();
    let again = w.service.call_keyed(w.clerk, Some(key), req).unwrap();
    let (Reply::Issued { doc: a, .. }, Reply::Issued { doc: b, .. }) = (first, again) else {
        panic!("not documents");
    };
    assert_eq!(a, b);
    let issued = w
        .view(w.clerk, &n)
        .unwrap()
        .events
        .iter()
        .filter(|e| matches!(e.event.kind, EventKind::Issued(_)))
        .count();
    assert_eq!(issued, 1);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn with_gateway(w: &World, command: String, secs: u64) {
    w.service.use_outside(
        None,
        Some(xinfang::service::documents::notify::Gateway {
            command,
            timeout: std::time::Duration::from_secs(secs),
        }),
    );
}

/// Issues a notice by SMS on a fresh accepted case and returns what the timeline says of it.
fn sent_by_sms(w: &World) -> (Box<Issued>, Option<(bool, String)>) {
    let n = w
        .intake(w.operator, complaint("路灯不亮", "13812345678"))
        .case
        .number
        .clone();
    act(w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    let (view, doc) = issue(w, w.clerk, &n, DocKind::AcceptanceNotice, Method::Sms).unwrap();
    let sent = view.events.iter().find_map(|e| match &e.event.kind {
        EventKind::Sent { serial, ok, detail } if *serial == doc.serial => {
            Some((*ok, detail.clone()))
        }
        _ => None,
    });
    (doc, sent)
}

#[test]
fn a_gateway_gets_one_json_message_and_what_it_says_is_recorded() {
    let w = World::new();
    let out = w.dir.path().join("gateway-stdin.json");
    with_gateway(
        &w,
        format!("cat > '{}'; echo 'queued id=42'", out.display()),
        10,
    );
    let (doc, sent) = sent_by_sms(&w);
    assert_eq!(doc.method, "sms");
    assert_eq!(sent, Some((true, "queued id=42".to_string())));
    let message: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(
        message["phone"], "13812345678",
        "the gateway needs the full number"
    );
    assert_eq!(message["serial"], doc.serial.as_str());
    assert_eq!(message["kind"], "acceptance-notice");
    assert!(message["text"].as_str().unwrap().contains("张三"));
    // Plain text, not the markup the .docx is made from.
    assert!(
        !message["text"]
            .as_str()
            .unwrap()
            .lines()
            .any(|l| l.starts_with("# "))
    );
}

#[test]
fn a_gateway_that_fails_hangs_or_babbles_is_recorded_as_failed_and_nothing_else_breaks() {
    let w = World::new();
    with_gateway(&w, "echo 'no credit' >&1; exit 3".into(), 10);
    let (_, sent) = sent_by_sms(&w);
    assert_eq!(sent, Some((false, "exit 3: no credit".to_string())));

    with_gateway(
        &w,
        "printf '\\033[2J\\001\\377\\376 garbage'; exit 0".into(),
        10,
    );
    let (_, sent) = sent_by_sms(&w);
    let (ok, detail) = sent.expect("recorded");
    assert!(ok);
    assert!(!detail.chars().any(|c| c.is_control()), "{detail:?}");

    with_gateway(&w, "exec sleep 30".into(), 1);
    let (_, sent) = sent_by_sms(&w);
    let (ok, detail) = sent.expect("recorded");
    assert!(!ok);
    assert!(detail.contains("1 s"), "{detail}");
    assert!(w.check().problems.is_empty());
}

#[test]
fn without_a_gateway_an_sms_is_read_out_and_recorded_as_a_call() {
    let w = World::new();
    let (doc, sent) = sent_by_sms(&w);
    assert_eq!(doc.method, "phone");
    assert_eq!(sent, None);
}

#[test]
fn at_the_desk_d_issues_a_document_and_saves_it_as_a_word_file() {
    use crossterm::event::KeyCode;
    use std::os::unix::fs::PermissionsExt;
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("路灯不亮", "13812345678"))
        .case
        .number
        .clone();
    let v = act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    let mut d = driver::Driver::new(&w, w.clerk, xinfang::lang::Lang::Zh, (120, 40));
    let fx = d.app.open_case(v.case.id);
    d.pump(fx);
    d.key(KeyCode::Char('d'));
    // The menu holds what the case calls for; typing narrows it, Enter takes it.
    d.typed("受理告知");
    d.key(KeyCode::Enter);
    d.typed("信函");
    d.key(KeyCode::Enter);
    let status = d.app.status.clone().expect("a message").text;
    assert!(status.contains("受理告知书"), "{status}");
    let dir = d.exports.path().join("documents");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let file = &files[0];
    assert!(
        status.contains(&file.display().to_string()),
        "the path is shown: {status}"
    );
    assert!(file.display().to_string().ends_with(".docx"));
    assert_eq!(
        std::fs::metadata(file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    // The case shows the notice given and the document on its timeline.
    let shown = d.screen(120, 40);
    assert!(shown.contains("受理告知书"), "{shown}");
    let view = w.view(w.clerk, &n).unwrap();
    assert!(
        view.case
            .notices
            .iter()
            .any(|g| g.notice == Notice::Accepted)
    );
}

#[test]
fn kinds_that_share_a_prefix_share_one_sequence() {
    let w = World::new();
    w.call(
        w.admin,
        Request::SetDocPrefix {
            kind: DocKind::Receipt,
            prefix: "信告".into(),
        },
    )
    .unwrap();
    let n = w
        .intake(w.operator, complaint("路灯不亮", "13812345678"))
        .case
        .number
        .clone();
    act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    let (_, notice) = issue(&w, w.clerk, &n, DocKind::AcceptanceNotice, Method::Letter).unwrap();
    let (_, receipt) = issue(&w, w.clerk, &n, DocKind::Receipt, Method::InPerson).unwrap();
    assert_ne!(notice.serial, receipt.serial);
    assert_eq!(reissue(&w, w.clerk, &n, &notice.serial).unwrap(), *notice);
    assert_eq!(reissue(&w, w.clerk, &n, &receipt.serial).unwrap(), *receipt);
}

#[test]
fn sent_again_with_its_key_a_document_goes_through_the_gateway_once() {
    let w = World::new();
    let log = w.dir.path().join("gateway.log");
    with_gateway(
        &w,
        format!("cat >> '{}'; echo >> '{}'", log.display(), log.display()),
        10,
    );
    let n = w
        .intake(w.operator, complaint("路灯不亮", "13812345678"))
        .case
        .number
        .clone();
    act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    let req = Request::Issue {
        case: CaseRef::Number(n.clone()),
        version: w.view(w.clerk, &n).unwrap().case.version,
        kind: DocKind::AcceptanceNotice,
        method: Method::Sms,
    };
    let key: xinfang::service::RequestKey = [9; 16];
    w.service
        .call_keyed(w.clerk, Some(key), req.clone())
        .unwrap();
    w.service.call_keyed(w.clerk, Some(key), req).unwrap();
    let sent = std::fs::read_to_string(&log).unwrap();
    assert_eq!(sent.lines().filter(|l| !l.is_empty()).count(), 1, "{sent}");
    let events = w.view(w.clerk, &n).unwrap().events;
    let sends = events
        .iter()
        .filter(|e| matches!(e.event.kind, EventKind::Sent { .. }))
        .count();
    assert_eq!(sends, 1);
}

#[test]
fn a_department_sheet_is_never_sent_to_the_petitioner_and_a_gateways_words_stay_with_who_may_see() {
    let w = World::new();
    with_gateway(&w, "echo 'sent to 13912345678'".into(), 10);
    let mut report = complaint("工作人员收受红包", "13912345678");
    report.kind = Kind::Report;
    report.complainant.confidential = true;
    let n = w.intake(w.operator, report).case.number.clone();
    accept_and_assign(&w, &n, 1);
    assert!(issue(&w, w.clerk, &n, DocKind::AssignmentSheet, Method::Sms).is_err());
    issue(&w, w.clerk, &n, DocKind::AcceptanceNotice, Method::Sms).unwrap();
    let detail_for = |who| {
        w.view(who, &n)
            .unwrap()
            .events
            .iter()
            .find_map(|e| match &e.event.kind {
                EventKind::Sent { detail, .. } => Some(detail.clone()),
                _ => None,
            })
    };
    assert_eq!(detail_for(w.clerk).as_deref(), Some("sent to 13912345678"));
    assert_eq!(detail_for(w.officer).as_deref(), Some(""));
}
