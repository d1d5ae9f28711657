//! The fixed clock of scripts and tests (`XINFANG_NOW`), accepted only on a test store: on a
//! real store it would let anyone date a legal record as they please.

use std::sync::Arc;

use anyhow::Context;

use crate::domain::time::Timestamp;
use crate::lang::Lang;
use crate::service::{Clock, FixedClock, Service, ServiceError, SystemClock};

use super::Failure;

/// `XINFANG_NOW=2026-03-02T09:00:00+08:00`, if set.
pub(crate) fn fixed_time() -> anyhow::Result<Option<Timestamp>> {
    match std::env::var("XINFANG_NOW") {
        Ok(v) if !v.is_empty() => {
            let t = chrono::DateTime::parse_from_rfc3339(&v)
                .with_context(|| format!("XINFANG_NOW={v} is not an RFC 3339 time"))?;
            Ok(Some(Timestamp(t.timestamp())))
        }
        _ => Ok(None),
    }
}

pub(crate) fn clock_of(fixed: Option<Timestamp>) -> Arc<dyn Clock> {
    match fixed {
        Some(t) => Arc::new(FixedClock::new(t)),
        None => Arc::new(SystemClock),
    }
}

/// Marks a new store as a test store when asked (`init --test-store`); refuses a fixed clock
/// on a real store; says on stderr that a test store is one. Runs before anything is recorded.
pub(crate) fn gate(service: &Service, fixed: bool, mark: bool, lang: Lang) -> Result<(), Failure> {
    let words = lang.words();
    if mark {
        match service.mark_test_store() {
            Err(ServiceError::NotEmpty) => {
                return Err(Failure::Other(anyhow::anyhow!(
                    "{}",
                    words.test_store_refused()
                )));
            }
            r => r?,
        }
    }
    if service.is_test_store()? {
        eprintln!("{}", words.test_store_notice());
    } else if fixed {
        return Err(Failure::Other(anyhow::anyhow!(
            "{}",
            words.fixed_clock_refused()
        )));
    }
    Ok(())
}
