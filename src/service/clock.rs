//! Time is an input: the service asks a `Clock`, tests pass a fixed one.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::Utc;

use crate::domain::time::Timestamp;

pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_utc(Utc::now())
    }
}

/// A clock that stands still until moved.
pub struct FixedClock(AtomicI64);

impl FixedClock {
    pub fn new(t: Timestamp) -> FixedClock {
        FixedClock(AtomicI64::new(t.0))
    }

    pub fn set(&self, t: Timestamp) {
        self.0.store(t.0, Ordering::SeqCst);
    }

    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.0.load(Ordering::SeqCst))
    }
}
