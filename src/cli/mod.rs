//! The command line: every workflow action is scriptable; human output by default, `--json`
//! for machines.

/// `println!` for everything the command line shows a person: what a store or a server sent
/// may hold escape sequences or bidi controls, so every hidden character but the line break is
/// printed escaped, never raw.
macro_rules! say {
    () => {
        println!()
    };
    ($($arg:tt)*) => {
        println!("{}", $crate::domain::text::escape(&format!($($arg)*)))
    };
}

mod actions;
mod admin;
mod args;
mod args_admin;
mod bench;
mod bench_desk;
mod bench_server;
mod cases;
mod desk;
mod doc;
mod important;
mod journal;
mod output;
mod phrase;
mod reception;
mod retention;
mod review;
mod serve;
mod stream;
mod test_store;

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{CommandFactory, FromArgMatches};

use crate::config;
use crate::config::StoreAt;
use crate::desk::{Desk, LocalDesk, RemoteDesk};
use crate::domain::text::escape;
use crate::lang::{Lang, Message, Named, Words};
use crate::service::{Reply, Request, Service, ServiceError};

pub use args::{Cli, Cmd};

/// What every subcommand needs: the desk, the language, the output form.
pub struct Ctx {
    pub desk: Box<dyn Desk + Send>,
    pub words: &'static dyn Words,
    pub lang: Lang,
    pub json: bool,
}

/// A failed command: a service refusal (worded in the user's language) or anything else.
pub enum Failure {
    Service(ServiceError),
    Other(anyhow::Error),
    /// The command ran and found a problem (e.g. `check` on an unsound store).
    Unsound,
    /// An argument that names nothing known; worded where it is printed.
    Unknown {
        what: Named,
        value: String,
        choices: &'static [&'static str],
    },
}

impl Failure {
    pub fn unknown(what: Named, value: &str) -> Failure {
        Failure::Unknown {
            what,
            value: value.to_string(),
            choices: &[],
        }
    }
}

impl From<ServiceError> for Failure {
    fn from(e: ServiceError) -> Failure {
        Failure::Service(e)
    }
}

impl From<crate::store::StoreError> for Failure {
    fn from(e: crate::store::StoreError) -> Failure {
        Failure::Service(ServiceError::Store(e))
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        Failure::Other(e)
    }
}

impl From<config::ConfigError> for Failure {
    fn from(e: config::ConfigError) -> Failure {
        Failure::Other(e.into())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Other(e.into())
    }
}

pub type CliResult = Result<(), Failure>;

impl Ctx {
    pub fn call(&self, req: Request) -> Result<Reply, ServiceError> {
        self.desk.call(req)
    }

    /// Prints a reply as JSON or through `human`.
    pub fn emit(&self, reply: &Reply, human: impl FnOnce(&Ctx, &Reply)) -> CliResult {
        if self.json {
            let text = serde_json::to_string_pretty(reply).context("encoding JSON")?;
            say!("{text}");
        } else {
            human(self, reply);
        }
        Ok(())
    }
}

pub fn main() -> ExitCode {
    // `xinfang list | head` must end quietly when the reader goes away, as other Unix tools do,
    // instead of panicking on a broken pipe (Rust ignores SIGPIPE by default).
    // SAFETY: called first thing, before any other thread exists; SIG_DFL is always valid.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Everything this process makes (sled's files, backups, logs, exports) holds personal
    // data or leads to it: for its owner alone, whatever each creator asks for.
    // SAFETY: umask only sets the process's mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
    let matches = Cli::command()
        .subcommands(actions::commands())
        .get_matches();
    // `--lang` wins over `lang` in config.toml; a config naming a language we lack is refused.
    let configured = match config::configured_lang(config::config_dir().as_deref()) {
        Ok(l) => l,
        // Said before the language is known, so in both.
        Err(e) => {
            let [zh, en] = [Lang::Zh, Lang::En].map(|l| l.words().message(&Message::Config(&e)));
            eprintln!("xinfang: {}", escape(&format!("{zh}\n{en}")));
            return ExitCode::FAILURE;
        }
    };
    let lang = match matches.get_one::<String>("lang") {
        Some(l) => Lang::parse(l).unwrap_or_default(),
        None => configured.unwrap_or_default(),
    };
    let words = lang.words();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    match run(cli, &matches, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Unsound) => ExitCode::from(3),
        Err(Failure::Service(e)) => {
            eprintln!("{}", escape(&words.error(&e)));
            ExitCode::FAILURE
        }
        Err(Failure::Other(e)) => {
            eprintln!("xinfang: {}", escape(&worded(&e, words)));
            ExitCode::FAILURE
        }
        Err(Failure::Unknown {
            what,
            value,
            choices,
        }) => {
            let m = Message::Unknown {
                what,
                value: &value,
                choices,
            };
            eprintln!("xinfang: {}", escape(&words.message(&m)));
            ExitCode::FAILURE
        }
    }
}

/// An error in the user's words where `lang` has them, else its own text.
fn worded(e: &anyhow::Error, words: &dyn Words) -> String {
    if let Some(c) = e.downcast_ref::<config::ConfigError>() {
        return words.message(&Message::Config(c));
    }
    if let Some(s) = e.downcast_ref::<crate::server::SocketError>() {
        return words.message(&Message::Socket(s));
    }
    // A store's refusal of a directory (state, drafts) comes wrapped in an io::Error.
    let store = e.chain().find_map(|c| {
        c.downcast_ref::<crate::store::StoreError>().or_else(|| {
            c.downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|inner| inner.downcast_ref::<crate::store::StoreError>())
        })
    });
    if let Some(s) = store {
        return words.error(&ServiceError::Store(s.clone()));
    }
    format!("{e:#}")
}

fn run(cli: Cli, matches: &clap::ArgMatches, lang: Lang) -> CliResult {
    if let Some(Cmd::Bench(b)) = &cli.cmd {
        return bench::run(b, cli.data.as_deref(), cli.json);
    }
    // An auditor's check needs no store, only the files.
    if let Some(Cmd::VerifyJournal { files }) = &cli.cmd {
        return journal::verify(files, lang, cli.json);
    }
    // A restore makes a new store; it must not open one first.
    if let Some(Cmd::Restore { file }) = &cli.cmd {
        return journal::restore(file, cli.data.as_deref(), lang, cli.json);
    }
    if let Some(Cmd::Serve(a)) = &cli.cmd {
        return serve::run(a, cli.data.as_deref(), lang);
    }
    let (desk, dir): (Box<dyn Desk + Send>, _) =
        match config::choose_store(cli.connect.as_deref(), cli.data.as_deref())? {
            StoreAt::Server(socket) => {
                if cli.as_user.is_some() {
                    return Err(anyhow::anyhow!("{}", lang.words().as_needs_embedded()).into());
                }
                if matches!(&cli.cmd, Some(Cmd::Init(a)) if a.test_store) {
                    return Err(anyhow::anyhow!("{}", lang.words().test_store_refused()).into());
                }
                (Box::new(connect(&socket, lang)?), None)
            }
            StoreAt::Embedded(dir) => {
                // The store makes its directory, or refuses one others can read.
                let fixed = test_store::fixed_time()?;
                let service = Arc::new(Service::open(&dir, test_store::clock_of(fixed))?);
                // A wrong gateway setting stops the server, not a desk or a command: said, and
                // documents go unsent until it is put right.
                if let Err(e) = site_outside(&service) {
                    eprintln!("{}", escape(&lang.words().message(&Message::Config(&e))));
                }
                if let Some(line) = journal::recovery_line(service.recovery(), lang) {
                    eprintln!("{}", escape(&line));
                }
                let mark = matches!(&cli.cmd, Some(Cmd::Init(a)) if a.test_store);
                test_store::gate(&service, fixed.is_some(), mark, lang)?;
                let mut actor = service.actor_for_login(&config::os_login())?;
                if let Some(name) = &cli.as_user {
                    actor = service.act_as(actor, name)?;
                }
                (Box::new(LocalDesk::new(service, actor)), Some(dir))
            }
        };
    let ctx = Ctx {
        desk,
        words: lang.words(),
        lang,
        json: cli.json,
    };
    if let Some((name, sub)) = matches.subcommand()
        && let Some(action) = actions::action_for(name)
    {
        return actions::run(&ctx, action, sub);
    }
    let bulk = matches!(cli.cmd, Some(Cmd::Demo(_)));
    let result = match cli.cmd {
        None if std::io::stdout().is_terminal() && !ctx.json => {
            return desk::run(ctx, cli.ascii, cli.theme.as_deref(), cli.keymap.as_deref());
        }
        None => cases::summary(&ctx),
        Some(cmd) => dispatch(&ctx, cmd),
    };
    if bulk
        && result.is_ok()
        && let Some(dir) = dir
    {
        // Pay sled's replay of the bulk load now rather than at the user's next start.
        drop(ctx);
        crate::store::Store::settle(&dir)?;
    }
    result
}

/// A desk on the server at `socket`; drafts typed while it is away are kept in the state
/// directory, one folder per server.
fn connect(socket: &std::path::Path, lang: Lang) -> Result<RemoteDesk, Failure> {
    use sha2::Digest;
    let tag: String = sha2::Sha256::digest(socket.as_os_str().as_encoded_bytes())[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let drafts = config::state_dir()?.join("drafts").join(tag);
    let server_uid = config::server_uid(config::config_dir().as_deref())?;
    RemoteDesk::connect_to(socket, &drafts, server_uid)
        .map_err(|e| Failure::Other(anyhow::anyhow!("{}", lang.words().connect_error(&e))))
}

fn dispatch(ctx: &Ctx, cmd: Cmd) -> CliResult {
    match cmd {
        Cmd::Init(a) => admin::init(ctx, a),
        Cmd::Demo(a) => admin::demo(ctx, a),
        Cmd::Add(a) => cases::add(ctx, *a),
        Cmd::List(a) => cases::list(ctx, a),
        Cmd::Show { number } => cases::show(ctx, &number),
        Cmd::Search { text, limit, after } => cases::search(ctx, &text, limit, after.as_deref()),
        Cmd::History {
            phone,
            id_number,
            limit,
        } => cases::history(ctx, phone, id_number, limit),
        Cmd::Overdue {
            limit,
            no_due_soon,
            text,
        } => cases::overdue(ctx, limit, !no_due_soon, text),
        Cmd::Workload => cases::workload(ctx),
        Cmd::Retention { limit, after } => retention::run(ctx, limit, after.as_deref()),
        Cmd::Reveal { number, field } => cases::reveal(ctx, &number, field),
        Cmd::Edit(a) => cases::edit(ctx, a),
        Cmd::User(c) => admin::user(ctx, c),
        Cmd::Dept(c) => admin::dept(ctx, c),
        Cmd::Category(c) => admin::category(ctx, c),
        Cmd::Calendar(c) => admin::calendar(ctx, c),
        Cmd::Policy(c) => admin::policy(ctx, c),
        Cmd::Check { repair } => admin::check(ctx, repair),
        Cmd::Backup { file } => journal::backup(ctx, &file),
        Cmd::ReviewRequest(a) => review::request(ctx, a),
        Cmd::Reception(c) => reception::run(ctx, c),
        Cmd::Doc(a) => doc::run(ctx, a),
        Cmd::DocPrefix { kind, prefix } => doc::prefix(ctx, kind, prefix),
        Cmd::Phrase(c) => phrase::run(ctx, c),
        Cmd::Bench(_) | Cmd::VerifyJournal { .. } | Cmd::Restore { .. } | Cmd::Serve(_) => Ok(()),
    }
}

/// The site's templates and gateway, from the config directory of the process that holds the
/// store (the server's, or the user's on an embedded store).
/// A wrong gateway setting leaves the templates taken and no gateway, and is returned.
pub(crate) fn site_outside(service: &Service) -> Result<(), config::ConfigError> {
    let dir = config::config_dir();
    let gateway = config::gateway(dir.as_deref());
    let templates = dir.map(|d| d.join("templates"));
    match gateway {
        Ok(g) => {
            service.use_outside(templates.as_deref(), g);
            Ok(())
        }
        Err(e) => {
            service.use_outside(templates.as_deref(), None);
            Err(e)
        }
    }
}
