//! What every pane may read and nothing it may change: the desk's settings, the screen's
//! layout, and the data the app fetched for all panes (the zone, the summary, departments,
//! categories, phrases, drafts). The app owns it; panes get it by shared reference.

use crate::domain::case::Channel;
use crate::domain::phrase::Phrase;
use crate::domain::role::{Category, Department};
use crate::domain::time::Zone;
use crate::lang::{L, Lang, Words};
use crate::service::api::Summary;

use super::keymap::Keymap;
use super::layout::Layout;

/// What does not change while the desk runs.
pub struct Env {
    pub lang: Lang,
    pub keymap: Keymap,
    /// Plain ASCII borders and markers, for terminals that draw ambiguous-width characters wide.
    pub ascii: bool,
    /// The channel a new intake starts with.
    pub channel: Channel,
    /// Tells this desk's drafts from another desk's of the same user, and from an earlier
    /// session's (the process id and the start time).
    pub session: String,
    /// Where issued documents are saved (`documents_dir`); `None` when the setting is wrong.
    pub documents: Option<std::path::PathBuf>,
}

pub struct Shell {
    pub env: Env,
    pub size: (u16, u16),
    pub zone: Zone,
    pub summary: Option<Summary>,
    /// The store is a test store: the header says so on every screen.
    pub test_store: bool,
    pub departments: Vec<Department>,
    pub categories: Vec<Category>,
    /// Canned phrases (常用语) of every use, offered in text fields.
    pub phrases: Vec<Phrase>,
    /// Saved intake drafts (name, body), offered back at start and from the palette.
    pub drafts: Vec<(String, String)>,
    /// Whether the server is away (a remote desk only).
    pub offline: bool,
}

impl Shell {
    pub fn new(env: Env, size: (u16, u16)) -> Shell {
        Shell {
            env,
            size,
            zone: Zone::default(),
            summary: None,
            test_store: false,
            departments: Vec::new(),
            categories: Vec::new(),
            phrases: Vec::new(),
            drafts: Vec::new(),
            offline: false,
        }
    }

    pub fn words(&self) -> &'static dyn Words {
        self.env.lang.words()
    }

    pub fn tr(&self, l: L) -> &'static str {
        self.words().label(l)
    }

    pub fn layout(&self) -> Layout {
        Layout::new(self.size.0, self.size.1)
    }

    /// Whether the user has one of `roles` (true until the summary says who they are).
    pub fn may_be(&self, roles: &[crate::domain::role::Role]) -> bool {
        self.summary
            .as_ref()
            .is_none_or(|s| roles.iter().any(|r| s.user.roles.has(*r)))
    }
}
