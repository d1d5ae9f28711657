//! `xinfang serve`: the shared server, until SIGTERM or SIGINT.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;

use crate::config;
use crate::lang::{L, Lang, Message};
use crate::server::log::Log;
use crate::server::{Passwd, Server, Upkeep};
use crate::service::Service;

use super::args::ServeArgs;
use super::{CliResult, Failure};

pub fn run(a: &ServeArgs, data: Option<&Path>, lang: Lang) -> CliResult {
    let socket = match &a.socket {
        Some(s) => s.clone(),
        None => match config::choose_store(None, None)? {
            config::StoreAt::Server(s) => s,
            config::StoreAt::Embedded(_) => {
                let need = lang.words().label(L::ServeNeedsSocket);
                return Err(anyhow::anyhow!("{need}").into());
            }
        },
    };
    let at = chrono::NaiveTime::parse_from_str(&a.backup_at, "%H:%M").map_err(|_| {
        let m = Message::NotTimeOfDay(&a.backup_at);
        Failure::Other(anyhow::anyhow!("{}", lang.words().message(&m)))
    })?;
    // Said before the store is opened or created: nothing is touched for a server that
    // cannot listen.
    crate::server::socket::claim(&socket).map_err(|e| Failure::Other(e.into()))?;
    if let Some(g) = a.group.as_deref()
        && crate::os_user::group_id(g).is_none()
    {
        return Err(Failure::Other(
            crate::server::SocketError::NoGroup(g.into()).into(),
        ));
    }
    let dir = config::data_dir(data)?;
    let state = config::state_dir()?;
    let log = Arc::new(
        Log::open(&state, true)
            .with_context(|| format!("opening the log in {}", state.display()))?,
    );
    let fixed = super::test_store::fixed_time()?;
    let service = Arc::new(Service::open(&dir, super::test_store::clock_of(fixed))?);
    super::site_outside(&service)?;
    super::test_store::gate(&service, fixed.is_some(), false, lang)?;
    log.line(format!("store {}", dir.display()));
    if let Some(line) = super::journal::recovery_line(service.recovery(), lang) {
        log.line(line);
    }
    let server = Server::bind(
        service,
        &socket,
        a.group.as_deref(),
        Box::new(Passwd),
        log.clone(),
    )
    .map_err(|e| Failure::Other(e.into()))?
    .limits(crate::server::Limits {
        connections: a.max_connections.max(1),
        per_user: a.max_per_user.max(1),
        ..crate::server::Limits::default()
    });
    let stopper = server.stopper();
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
    ])
    .context("listening for SIGTERM")?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            log.line(format!("signal {sig}"));
            stopper.stop();
        }
    });
    server.run(Upkeep {
        backups: (!a.no_backups)
            .then(|| a.backups.clone().unwrap_or_else(|| state.join("backups"))),
        at,
        keep: a.keep,
        check: !a.no_check,
    });
    Ok(())
}
