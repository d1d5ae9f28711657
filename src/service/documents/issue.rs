//! Issuing a document (出具文书): the case's text rendered from the site's template, numbered
//! per kind and year, recorded on the timeline with its text and hash, and — for a notice —
//! the notice action recorded with it, so issuing completes the clock it answers.

use sha2::{Digest, Sha256};

use crate::domain::case::Case;
use crate::domain::document::{DocKind, Issued, documents_for, serial};
use crate::domain::event::{Detail, EventKind};
use crate::domain::method::Method;
use crate::domain::role::User;
use crate::domain::state::authorize;
use crate::lang::Lang;
use crate::service::Actor;
use crate::service::api::{CaseRef, Reply};
use crate::service::commands::event;
use crate::service::error::{Field, Problem};
use crate::service::once::By;
use crate::service::view::identity_hidden;
use crate::service::{Result, Service, ServiceError};
use crate::store::{Mutation, Put};

use super::context::{self, IssueFacts};
use super::notify::{self, Gateway};

/// The counter of a prefix's document numbers in a year: kinds that share a prefix (the four
/// notices' 信告) share one sequence, so no two documents carry the same number.
fn counter(prefix: &str, year: i32) -> String {
    format!("doc/{prefix}/{year}")
}

impl Service {
    pub(in crate::service) fn issue(
        &self,
        by: By<'_>,
        r: &CaseRef,
        version: u64,
        kind: DocKind,
        method: Method,
    ) -> Result<Reply> {
        let user = by.user;
        let (case, doc, fresh) = self.issue_locked(by, r, version, kind, method)?;
        let case = match (&self.outside().gateway, Method::from_code(&doc.method)) {
            // A request sent again was sent through the gateway the first time.
            (Some(gateway), Some(Method::Sms | Method::Email)) if fresh => {
                self.send(by.actor, gateway, case, &doc)?
            }
            _ => case,
        };
        Ok(Reply::Issued {
            case: Box::new(self.view(user, case)?),
            doc: Box::new(doc),
        })
    }

    /// Numbers, renders and records the document under the write lock; with whether it is
    /// new (not the answer to a request sent again).
    fn issue_locked(
        &self,
        by: By<'_>,
        r: &CaseRef,
        version: u64,
        kind: DocKind,
        method: Method,
    ) -> Result<(Case, Issued, bool)> {
        let By { actor, user, key } = by;
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(Reply::Case(view)) = self.done_before(user, key)? {
            // Sent again: the document this request issued, as it was issued.
            let case = self.case_by_id(view.case.id)?;
            let doc = self.issued_by(user, &case, |d| d.kind == kind)?;
            return Ok((case, *doc, false));
        }
        let case = self.visible_case(user, r)?;
        if case.version != version {
            return Err(ServiceError::Stale {
                number: case.number.clone(),
                seen: version,
                current: case.version,
            });
        }
        if !documents_for(user, &case).contains(&kind) {
            return Err(ServiceError::NoDocument {
                kind,
                number: case.number.clone(),
            });
        }
        // Without a gateway an SMS or e-mail is read out on the phone, and recorded so.
        // A department's sheet goes to the department: the gateway sends to the petitioner.
        if kind.for_department() && matches!(method, Method::Sms | Method::Email) {
            return Err(ServiceError::invalid(Field::Method, Problem::NotFound));
        }
        let method = match method {
            Method::Sms | Method::Email if self.outside().gateway.is_none() => Method::Phone,
            m => m,
        };
        let now = self.now();
        let (zone, organisation, policy, prefix) = {
            let c = self.cached();
            (
                c.zone,
                c.organisation.clone(),
                c.policy.clone(),
                c.doc_prefix(kind),
            )
        };
        let year = chrono::Datelike::year(&now.date_in(zone));
        let n = self.store.counter(&counter(&prefix, year))? + 1;
        let facts = IssueFacts {
            kind,
            serial: serial(&prefix, year, n),
            method,
            at: now,
            zone,
        };
        // The document as this user may see the case: a withheld identity stays withheld.
        let view = self.view(user, case.clone())?;
        // Official documents are in Chinese whatever the desk's language.
        let ctx = context::build(&view, &organisation, &policy, &facts, Lang::Zh.words());
        let text = self
            .outside()
            .templates
            .render(&policy.preset, kind, &ctx)
            .map_err(ServiceError::Template)?;
        let doc = Issued {
            kind,
            serial: facts.serial.clone(),
            method: method.code().to_string(),
            sha256: crate::domain::text::hex(&Sha256::digest(text.as_bytes())),
            text,
        };
        let mut m = Mutation::default();
        self.remember(user, key, case.id, &mut m)?;
        m.puts.push(Put::counter(&counter(&prefix, year), n));
        let mut events = Vec::new();
        let mut seq = case.events;
        if let Some(action) = kind.notice_action() {
            let rule = authorize(user, &case, action).map_err(ServiceError::Refused)?;
            events.push(event(
                actor,
                case.id,
                seq,
                now,
                EventKind::Acted {
                    action,
                    from: case.state,
                    to: rule.to.unwrap_or(case.state),
                    detail: Detail {
                        method: Some(doc.method.clone()),
                        text: Some(doc.serial.clone()),
                        ..Detail::default()
                    },
                },
            ));
            seq += 1;
        }
        events.push(event(
            actor,
            case.id,
            seq,
            now,
            EventKind::Issued(doc.clone()),
        ));
        let case = self.commit_case(Some(case), events, m)?;
        Ok((case, doc, true))
    }

    /// Hands the document to the site's gateway, outside the write lock (it may take its
    /// whole timeout), then records what came of it.
    fn send(&self, actor: Actor, gateway: &Gateway, case: Case, doc: &Issued) -> Result<Case> {
        let plain = crate::docs::text(&doc.text);
        let sent = notify::send(gateway, &case, doc, &plain);
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        // The case as it is now: another change may have come in meanwhile.
        let case = self.case_by_id(case.id)?;
        let ev = event(
            actor,
            case.id,
            case.events,
            self.now(),
            EventKind::Sent {
                serial: doc.serial.clone(),
                ok: sent.ok,
                detail: sent.detail,
            },
        );
        self.commit_case(Some(case), vec![ev], Mutation::default())
    }

    /// An issued document again, exactly as issued, to a user who may read it: one who may see
    /// the identity, or anyone who sees the case for a sheet that never carried it.
    pub(in crate::service) fn reissue(
        &self,
        user: &User,
        r: &CaseRef,
        wanted: &str,
    ) -> Result<Reply> {
        let case = self.visible_case(user, r)?;
        let doc = self.issued_by(user, &case, |d| d.serial == wanted)?;
        Ok(Reply::Document(doc))
    }

    /// The newest document of the case that `pick` chooses, if `user` may read its text.
    fn issued_by(
        &self,
        user: &User,
        case: &Case,
        pick: impl Fn(&Issued) -> bool,
    ) -> Result<Box<Issued>> {
        let missing = || ServiceError::NoSuchDocument(case.number.clone());
        let doc = self
            .store
            .events(case.id)?
            .into_iter()
            .rev()
            .find_map(|e| match e.kind {
                EventKind::Issued(d) if pick(&d) => Some(d),
                _ => None,
            })
            .ok_or_else(missing)?;
        if identity_hidden(user, case) && !doc.kind.for_department() {
            return Err(missing());
        }
        Ok(Box::new(doc))
    }
}
