//! `xinfang` with no command: the desk in the terminal, on the same desk the commands use.

use crate::config;
use crate::lang::L;
use crate::tui::app::{App, Env, Tone};
use crate::tui::keymap::Keymap;
use crate::tui::prefs::Prefs;
use crate::tui::run::{locale_is_utf8, run as run_desk};
use crate::tui::theme::Theme;

use super::{CliResult, Ctx};

pub fn run(ctx: Ctx, ascii: bool, theme: Option<&str>, keymap: Option<&str>) -> CliResult {
    let dir = config::config_dir();
    let (prefs, mut problems) = Prefs::load(dir.as_deref());
    let user_keymap = dir.as_ref().map(|d| d.join("keymap.toml"));
    let user_theme = dir.as_ref().map(|d| d.join("theme.toml"));
    let (keymap, p) = Keymap::load(
        keymap.or(prefs.keymap.as_deref()).unwrap_or("default"),
        user_keymap.as_deref(),
    );
    problems.extend(p);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let (theme, p) = Theme::load(
        theme.or(prefs.theme.as_deref()).unwrap_or("default"),
        no_color,
        user_theme.as_deref(),
    );
    problems.extend(p);
    // A wrong documents_dir does not stop the desk: it is said, and no file is written.
    let documents = config::documents_dir(dir.as_deref());
    let env = Env {
        lang: ctx.lang,
        keymap,
        ascii: ascii || prefs.ascii,
        channel: prefs.channel(),
        session: format!(
            "{}-{}",
            std::process::id(),
            chrono::Utc::now().timestamp_millis()
        ),
        documents: documents.as_ref().ok().cloned(),
    };
    let mut app = App::new(env, (80, 24));
    if let Err(e) = &documents {
        let text = format!("{}: {e}", app.tr(L::DocumentsDirUnset));
        app.say(Tone::Warn, text);
    }
    if let Some(first) = problems.first() {
        let mut text = format!("{}{}", app.tr(L::ConfigProblem), first.describe(ctx.lang));
        if problems.len() > 1 {
            text.push_str(&format!(" (+{})", problems.len() - 1));
        }
        app.say(Tone::Warn, text);
    }
    let utf8 = locale_is_utf8();
    if !utf8 {
        app.popup = Some(crate::tui::overlay::Popup::Notice {
            title: "UTF-8".into(),
            text: app.tr(L::LocaleHelp).into(),
        });
    }
    run_desk(ctx.desk, app, theme)?;
    if !utf8 {
        // Said again where it stays on screen after the desk closes.
        eprintln!("{}", ctx.lang.words().label(L::LocaleHelp));
    }
    Ok(())
}
