//! Documents (文书): the templates that word them, what a template may use, issuing one, and
//! sending it through the site's gateway.

pub mod context;
mod issue;
pub mod notify;
pub mod templates;

use std::path::Path;

use notify::Gateway;
use templates::Templates;

/// What the site sets on the machine that holds the store, for documents: an administrator's
/// own templates (over the shipped ones) and the gateway that sends SMS and e-mail.
pub struct Outside {
    pub templates: Templates,
    pub gateway: Option<Gateway>,
}

impl Default for Outside {
    fn default() -> Outside {
        Outside {
            templates: Templates::load(None),
            gateway: None,
        }
    }
}

impl super::Service {
    /// Takes the site's templates from `templates_dir` (a file there overrides the shipped
    /// one of its name) and its gateway. Set by the process that opens the store; a service
    /// without it uses the shipped templates and sends nothing.
    pub fn use_outside(&self, templates_dir: Option<&Path>, gateway: Option<Gateway>) {
        let mut o = self.outside.write().unwrap_or_else(|p| p.into_inner());
        *o = Outside {
            templates: Templates::load(templates_dir),
            gateway,
        };
    }

    fn outside(&self) -> std::sync::RwLockReadGuard<'_, Outside> {
        self.outside.read().unwrap_or_else(|p| p.into_inner())
    }
}
