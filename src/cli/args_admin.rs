//! The administration subcommands' arguments: users, departments, categories, the calendar,
//! the policy and its important-letter rules.

use std::path::PathBuf;

use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum UserCmd {
    List,
    /// Add a user: LOGIN is the OS login name
    Add {
        login: String,
        #[arg(long, default_value = "")]
        name: String,
        /// operator, officer, clerk, supervisor, admin (repeatable)
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        #[arg(long)]
        dept: Option<String>,
    },
    /// Deactivate a user: their desks are closed at once and turned away until enabled
    Disable {
        login: String,
    },
    /// Let a deactivated user back
    Enable {
        login: String,
    },
    /// Replace a user's roles and department
    Set {
        login: String,
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        #[arg(long)]
        dept: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum DeptCmd {
    List,
    Add {
        name: String,
        /// Short code typed on the command line, e.g. zjj
        #[arg(long, default_value = "")]
        code: String,
        /// Another name people use for it, e.g. 市住建局 (repeat for several)
        #[arg(long)]
        alias: Vec<String>,
    },
    /// Sets a department's aliases (none given: removes them)
    Alias {
        /// Department code, name or id
        dept: String,
        aliases: Vec<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum CategoryCmd {
    List,
    Add {
        name: String,
        /// The department that usually handles it
        #[arg(long)]
        dept: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum CalendarCmd {
    Show {
        year: i32,
    },
    /// Load a year from a TOML file (year, source, holidays, workdays)
    Import {
        file: PathBuf,
    },
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum Switch {
    On,
    Off,
}

// Parsed once per run: the size of the `Set` variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum PolicyCmd {
    Show,
    /// Change the deadline policy
    Set {
        /// Start from a preset: government, hospital, school, kindergarten, nursing-home,
        /// telecom, court, enterprise, hotline, institution
        #[arg(long)]
        preset: Option<String>,
        /// Working days before a deadline that count as due soon
        #[arg(long)]
        due_soon: Option<u32>,
        /// Longest extension in days
        #[arg(long)]
        extension_max: Option<u32>,
        /// on or off: a period in days ending on a rest day ends on the next working day
        /// (《民法典》第二百零三条)
        #[arg(long)]
        holiday_shift: Option<Switch>,
        /// Stage to change: acceptance, handling, feedback, followup, objection, notice,
        /// extension_notice, review_window
        #[arg(long)]
        stage: Option<String>,
        /// The stage's limit
        #[arg(long, requires = "stage")]
        days: Option<u32>,
        /// working, calendar or months (“一个月内”), for the limits given with it (with only
        /// --multi-dept-days or --investigated-days, for those alone); without it the stage
        /// keeps its unit
        #[arg(long, requires = "stage")]
        unit: Option<String>,
        /// Where the stage's clock starts: received, accepted, assigned, resolved, answered,
        /// replied, extended, requested
        #[arg(long, requires = "stage")]
        from: Option<String>,
        /// The legal basis shown beside the clock
        #[arg(long, requires = "stage")]
        basis: Option<String>,
        /// The stage's limit when several departments handle the case (hospital); 0 removes it
        #[arg(long, requires = "stage")]
        multi_dept_days: Option<u32>,
        /// The stage's limit when the handling needs investigation (需调查, e.g. 1 month against
        /// 5 working days for a direct answer); 0 removes it
        #[arg(long, requires = "stage")]
        investigated_days: Option<u32>,
        /// Hotline row: urgency (normal, urgent, critical) or "any"
        #[arg(long)]
        hotline_urgency: Option<String>,
        /// Hotline row: working days
        #[arg(long, requires = "hotline_urgency")]
        hotline_days: Option<u32>,
        /// Hotline row: only for this category (rows with a category are tried first)
        #[arg(long, requires = "hotline_urgency")]
        hotline_category: Option<String>,
        /// Months an archived case is kept before it is due for disposal (its basis becomes
        /// 本单位规定); 0 keeps archived cases without limit
        #[arg(long)]
        retention_months: Option<u32>,
    },
    /// 重要信访事项规则（领导阅批）：列出、添加、删除 — the rules that flag a case important
    #[command(subcommand)]
    Important(ImportantCmd),
}

#[derive(Subcommand, Debug)]
pub enum ImportantCmd {
    /// 列出规则 — list the rules, numbered
    List,
    /// 添加规则（三者选一） — add a rule: one of --channel, --collective, --words
    Add {
        /// 来源渠道，如 superior（上级交办） — a channel
        #[arg(long, conflicts_with_all = ["collective", "words"])]
        channel: Option<String>,
        /// 集体访、联名人数下限 — a collective letter or visit of at least N people
        #[arg(long, conflicts_with = "words")]
        collective: Option<u32>,
        /// 事由或内容中的词，逗号分隔 — words in the subject or content, comma separated
        #[arg(long, value_delimiter = ',')]
        words: Vec<String>,
        /// 仅限此类案件，如 report — only in cases of this kind
        #[arg(long, requires = "words")]
        kind: Option<String>,
        /// 写在案件上的重要原因 — the reason written on the case
        #[arg(long)]
        reason: String,
    },
    /// 按编号删除规则 — remove the rule with this number (from list)
    Remove { number: usize },
}
