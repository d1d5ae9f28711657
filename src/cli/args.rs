//! Command-line arguments. Workflow actions are added from the transition table (`actions`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "xinfang",
    version,
    about = "信访投诉登记与办理台 — a keyboard-driven desk for petitions and complaints",
    after_help = "Without a command: a summary of the store (open, due soon, overdue).\n不带命令运行：显示在办、临期、逾期案件概况。"
)]
pub struct Cli {
    /// Data directory (else $XINFANG_DATA, else the XDG data directory)
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Language of messages: zh (default) or en
    #[arg(long, global = true, default_value = "zh")]
    pub lang: String,
    /// Print replies as JSON
    #[arg(long, global = true)]
    pub json: bool,
    /// Act as another user (administrators, embedded store only; recorded on every event)
    #[arg(long = "as", global = true, value_name = "LOGIN")]
    pub as_user: Option<String>,
    #[command(subcommand)]
    pub cmd: Option<Cmd>,
}

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Set up the store: organisation, numbering prefix, deadline preset
    Init(InitArgs),
    /// Fill an empty store with realistic synthetic cases
    Demo(DemoArgs),
    /// Register a case (intake); prints its number
    Add(Box<AddArgs>),
    /// List cases: your inbox by default
    List(ListArgs),
    /// Show one case with its timeline and clocks
    Show { number: String },
    /// Search subject, content and complainant (Chinese text, number, phone)
    Search {
        text: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Continue after this position (printed at the end of a page)
        #[arg(long)]
        after: Option<String>,
    },
    /// A caller's earlier cases by phone or ID number
    History {
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        id_number: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// The morning list: overdue and due-soon cases by department, worst first
    Overdue {
        #[arg(long, default_value_t = 200)]
        limit: u32,
        /// Overdue only
        #[arg(long)]
        no_due_soon: bool,
        /// Plain text for mail (no alignment padding)
        #[arg(long)]
        text: bool,
    },
    /// Open and overdue cases per department
    Workload,
    /// Correct a case's intake: only the fields given change (recorded on the timeline)
    Edit(EditArgs),
    /// Show a full phone or ID number (recorded on the timeline)
    Reveal {
        number: String,
        #[arg(long, value_parser = ["phone", "id", "identity"])]
        field: String,
    },
    /// Users and roles
    #[command(subcommand)]
    User(UserCmd),
    /// Departments
    #[command(subcommand)]
    Dept(DeptCmd),
    /// Case categories
    #[command(subcommand)]
    Category(CategoryCmd),
    /// The working-day calendar (holidays and make-up days)
    #[command(subcommand)]
    Calendar(CalendarCmd),
    /// The deadline policy
    #[command(subcommand)]
    Policy(PolicyCmd),
    /// Verify records, indexes and counters; --repair rebuilds what is derivable
    Check {
        #[arg(long)]
        repair: bool,
    },
    /// Measure the store on N demo cases and print the figures
    Bench(BenchArgs),
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Organisation name shown in the header
    #[arg(long)]
    pub org: String,
    /// Case number prefix, e.g. XF
    #[arg(long, default_value = "XF")]
    pub prefix: String,
    /// Deadline preset: government, institution, hospital, hotline
    #[arg(long, default_value = "government")]
    pub preset: String,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    #[arg(long, default_value_t = 2000)]
    pub cases: u64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Args, Debug, Default)]
pub struct AddArgs {
    /// phone, letter, visit, online, email, mailbox, superior
    #[arg(long, default_value = "phone")]
    pub channel: String,
    /// complaint, report, suggestion, inquiry, help, praise
    #[arg(long, default_value = "complaint")]
    pub kind: String,
    #[arg(long, default_value = "")]
    pub name: String,
    #[arg(long, default_value = "")]
    pub phone: String,
    #[arg(long, default_value = "")]
    pub id_number: String,
    #[arg(long, default_value = "")]
    pub address: String,
    #[arg(long, default_value = "")]
    pub subject: String,
    #[arg(long, default_value = "")]
    pub content: String,
    #[arg(long, default_value = "")]
    pub demands: String,
    /// Category name
    #[arg(long)]
    pub category: Option<String>,
    /// normal, urgent, critical
    #[arg(long, default_value = "normal")]
    pub urgency: String,
    /// Mark important, with the reason (acceptance then needs a leader's approval)
    #[arg(long)]
    pub important: Option<String>,
    /// The unit a report is about
    #[arg(long)]
    pub accused: Option<String>,
    #[arg(long)]
    pub anonymous: bool,
    #[arg(long)]
    pub confidential: bool,
    #[arg(long)]
    pub no_callback: bool,
    #[arg(long, default_value_t = 1)]
    pub head_count: u32,
    /// A representative of a collective visit (up to 5)
    #[arg(long = "rep")]
    pub representatives: Vec<String>,
    /// Resolve on the spot with this result (当场办结)
    #[arg(long)]
    pub resolve: Option<String>,
    /// Link to an open case on the same matter
    #[arg(long)]
    pub link: Option<String>,
    /// This is a 复查 of an earlier case
    #[arg(long)]
    pub review_of: Option<String>,
    /// Read intakes as JSON lines from standard input; print each number as it is saved
    #[arg(long)]
    pub stream: bool,
}

#[derive(Args, Debug)]
pub struct EditArgs {
    pub number: String,
    /// The version you saw; refused if the case changed since
    #[arg(long)]
    pub version: Option<u64>,
    #[arg(long)]
    pub subject: Option<String>,
    #[arg(long)]
    pub content: Option<String>,
    #[arg(long)]
    pub demands: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub id_number: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub category: Option<String>,
    /// normal, urgent, critical
    #[arg(long)]
    pub urgency: Option<String>,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// mine (by role), untriaged, department, registered, open, all
    #[arg(long, default_value = "mine")]
    pub queue: String,
    #[arg(long = "state")]
    pub states: Vec<String>,
    #[arg(long)]
    pub dept: Option<String>,
    #[arg(long)]
    pub category: Option<String>,
    #[arg(long)]
    pub channel: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    /// Received on or after (YYYY-MM-DD)
    #[arg(long)]
    pub from: Option<String>,
    /// Received on or before (YYYY-MM-DD)
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long)]
    pub text: Option<String>,
    /// Overdue cases only
    #[arg(long)]
    pub overdue: bool,
    /// Due-soon and overdue cases
    #[arg(long)]
    pub due_soon: bool,
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// Continue after this position (printed at the end of a page)
    #[arg(long)]
    pub after: Option<String>,
}

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

#[derive(Subcommand, Debug)]
pub enum PolicyCmd {
    Show,
    /// Change the deadline policy
    Set {
        /// Start from a preset: government, institution, hospital, hotline
        #[arg(long)]
        preset: Option<String>,
        /// Working days before a deadline that count as due soon
        #[arg(long)]
        due_soon: Option<u32>,
        /// Longest extension in days
        #[arg(long)]
        extension_max: Option<u32>,
        /// Stage to change: acceptance, handling, feedback, followup, objection
        #[arg(long)]
        stage: Option<String>,
        /// The stage's limit
        #[arg(long, requires = "stage")]
        days: Option<u32>,
        /// working or calendar
        #[arg(long, requires = "stage")]
        unit: Option<String>,
        /// The legal basis shown beside the clock
        #[arg(long, requires = "stage")]
        basis: Option<String>,
        /// Hotline row: urgency (normal, urgent, critical) or "any"
        #[arg(long)]
        hotline_urgency: Option<String>,
        /// Hotline row: working days
        #[arg(long, requires = "hotline_urgency")]
        hotline_days: Option<u32>,
        /// Hotline row: only for this category (rows with a category are tried first)
        #[arg(long, requires = "hotline_urgency")]
        hotline_category: Option<String>,
    },
}

#[derive(Args, Debug)]
pub struct BenchArgs {
    #[arg(long, default_value_t = 100_000)]
    pub cases: u64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Durable intakes to time
    #[arg(long, default_value_t = 200)]
    pub intakes: u32,
}
