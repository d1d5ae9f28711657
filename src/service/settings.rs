//! Settings the service keeps in memory: policy, calendar, time zone, numbering.

use crate::domain::calendar::{Calendar, YearCalendar};
use crate::domain::deadline::Policy;
use crate::domain::document::DocKind;
use crate::domain::time::{Timestamp, Zone};
use crate::store::{Meta, Store, StoreError};

pub const PREFIX: &[u8] = b"prefix";
pub const ZONE: &[u8] = b"zone";
pub const ORGANISATION: &[u8] = b"organisation";
/// The site's prefixes of document numbers, by kind code (`DocKind::default_prefix` else).
pub const DOC_PREFIXES: &[u8] = b"doc_prefixes";
/// Which edition of the clock rules (`domain::deadline`) the due index was computed with.
pub const CLOCK_RULES: &[u8] = b"clock_rules";
/// Raised whenever a build changes which clocks run or how they count: a store indexed by an
/// older edition has its open cases' due times computed again when it is opened.
pub const CLOCK_RULES_EDITION: u32 = 3;
/// From when notices could be recorded (`Policy::notices_from`), on a store that is older.
pub const NOTICES_FROM: &[u8] = b"notices_from";
/// The first edition whose builds record notices.
pub const NOTICES_EDITION: u32 = 3;

pub struct Cached {
    pub policy: Policy,
    pub calendar: Calendar,
    pub zone: Zone,
    pub prefix: String,
    pub organisation: String,
    /// Kind codes with the prefix the site set for them.
    pub doc_prefixes: Vec<(String, String)>,
}

impl Cached {
    /// The prefix of a kind's document numbers.
    pub fn doc_prefix(&self, kind: DocKind) -> String {
        self.doc_prefixes
            .iter()
            .find(|(k, _)| k == kind.code())
            .map_or_else(|| kind.default_prefix().to_string(), |(_, p)| p.clone())
    }
}

impl Cached {
    pub fn load(store: &Store) -> Result<Cached, StoreError> {
        let mut calendar = Calendar::shipped();
        for y in store.all::<YearCalendar>(Meta::Calendar)? {
            calendar.insert(y);
        }
        let mut policy = match store.policy()? {
            Some(p) => p,
            None => Policy::preset("government")
                .ok_or_else(|| StoreError::Corrupt("no preset".into()))?,
        };
        policy.notices_from = store.get::<Timestamp>(Meta::Settings, NOTICES_FROM)?;
        Ok(Cached {
            policy,
            calendar,
            zone: store
                .get::<i32>(Meta::Settings, ZONE)?
                .map(|m| Zone { offset_minutes: m })
                .unwrap_or_default(),
            prefix: store
                .get::<String>(Meta::Settings, PREFIX)?
                .unwrap_or_else(|| "XF".to_string()),
            organisation: store
                .get::<String>(Meta::Settings, ORGANISATION)?
                .unwrap_or_default(),
            doc_prefixes: store
                .get::<Vec<(String, String)>>(Meta::Settings, DOC_PREFIXES)?
                .unwrap_or_default(),
        })
    }
}
