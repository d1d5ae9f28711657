//! Command-line arguments. Workflow actions are added from the transition table (`actions`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use super::args_admin::{
    CalendarCmd, CategoryCmd, DeptCmd, ImportantCmd, PolicyCmd, Switch, UserCmd,
};

// Clap prints this before the language is known (`--lang` is one of its arguments): both.
#[derive(Parser, Debug)]
#[command(
    name = "xinfang",
    version,
    about = "信访投诉登记与办理台 — a keyboard-driven desk for petitions and complaints",
    after_help = "Without a command: the desk in the terminal (a summary when output is not a terminal).\n不带命令运行：打开信访工作台（输出不是终端时显示概况）。"
)]
pub struct Cli {
    /// Data directory of an embedded store (else $XINFANG_DATA, else the XDG data directory)
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// The socket of a shared server (`xinfang serve`) to connect to instead of an embedded
    /// store (else $XINFANG_SOCKET, else `socket` in config.toml)
    #[arg(long, global = true, value_name = "PATH", conflicts_with = "data")]
    pub connect: Option<PathBuf>,
    /// Language of messages: zh (default) or en (else `lang` in config.toml)
    #[arg(long, global = true)]
    pub lang: Option<String>,
    /// Print replies as JSON
    #[arg(long, global = true)]
    pub json: bool,
    /// Act as another user (administrators, embedded store only; recorded on every event)
    #[arg(long = "as", global = true, value_name = "LOGIN")]
    pub as_user: Option<String>,
    /// Plain ASCII borders and markers, for terminals that draw ambiguous-width characters wide
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Colour theme: default, light, high-contrast, mono (NO_COLOR forces mono)
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,
    /// Keymap preset: default or vim (keymap.toml in the config directory is merged over it)
    #[arg(long, global = true, value_name = "NAME")]
    pub keymap: Option<String>,
    #[command(subcommand)]
    pub cmd: Option<Cmd>,
}

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// 初始化：单位名称、编号前缀、时限预设 — set up organisation, number prefix, deadline preset
    Init(InitArgs),
    /// 载入演示数据（仅限空存储） — fill an empty store with realistic synthetic cases
    Demo(DemoArgs),
    /// 登记案件并显示编号 — register a case (intake); prints its number
    Add(Box<AddArgs>),
    /// 案件列表，默认为我的待办 — list cases: your inbox by default
    List(ListArgs),
    /// 查看案件、办理过程和时限 — show one case with its timeline and clocks
    Show { number: String },
    /// 搜索事由、内容、信访人（中文、编号、电话） — search text, case number or phone
    Search {
        text: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Continue after this position (printed at the end of a page)
        #[arg(long)]
        after: Option<String>,
    },
    /// 来电人历史案件（电话或身份证号） — a caller's earlier cases
    History {
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        id_number: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// 逾期督办清单：按部门列出逾期、临期案件 — overdue and due-soon cases by department
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
    /// 各部门在办、逾期件数 — open and overdue cases per department
    Workload,
    /// 保存期满待处置的归档案件（不删除） — archived cases past their retention period, oldest first
    Retention {
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Continue after this position (printed at the end of a page)
        #[arg(long)]
        after: Option<String>,
    },
    /// 修改登记信息（只改所给字段，记入办理过程） — correct a case's intake
    Edit(EditArgs),
    /// 查看完整电话或身份证号（记入办理过程） — show a full number (audited)
    Reveal {
        number: String,
        #[arg(long, value_parser = ["phone", "id", "identity"])]
        field: String,
    },
    /// 用户与角色 — users and roles
    #[command(subcommand)]
    User(UserCmd),
    /// 部门 — departments
    #[command(subcommand)]
    Dept(DeptCmd),
    /// 案件分类 — case categories
    #[command(subcommand)]
    Category(CategoryCmd),
    /// 工作日历（法定节假日、调休） — the working-day calendar
    #[command(subcommand)]
    Calendar(CalendarCmd),
    /// 办理时限政策 — the deadline policy
    #[command(subcommand)]
    Policy(PolicyCmd),
    /// 检查存储；--repair 重建可推导数据 — verify the store; --repair rebuilds indexes
    Check {
        #[arg(long)]
        repair: bool,
    },
    /// 性能测试 — measure the store on N demo cases and print the figures
    Bench(BenchArgs),
    /// 备份到新文件（可用 verify-journal 核验） — write a consistent, self-checking backup
    Backup {
        /// The backup file to create; an existing file is never overwritten. On a server: a
        /// file name alone, written into the server's backups directory
        file: std::path::PathBuf,
    },
    /// 从备份恢复到新的空目录 — make a new store in --data DIR from a backup
    Restore {
        /// The backup file
        file: std::path::PathBuf,
    },
    /// 共享服务器：独占存储，桌面通过套接字连接 — share one store with every desk on this machine
    Serve(ServeArgs),
    /// 核验日志文件未被改动 — prove journal files intact: every checksum and hash link
    VerifyJournal {
        /// Journal files (`journal/*.xfj` in the data directory), in order
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
    /// 领导接待日：接待日安排、约访、当日来访 — leaders' reception days and booked visits
    #[command(subcommand)]
    Reception(super::reception::ReceptionCmd),
    /// 常用语：办理记录、结果、反馈、理由的标准用语 — canned phrases for the desk's text fields
    #[command(subcommand)]
    Phrase(super::phrase::PhraseCmd),
    /// 登记复查、复核请求（信访人对答复不服） — register the petitioner's request for 复查 or
    /// 复核 of an answered case; after 复核 it is registered as 终结 and not accepted
    ReviewRequest(ReviewArgs),
    /// 出具文书（告知书、回执、交办单等，记入办理过程），写成 Word 文件或纯文本 — issue a
    /// document for a case and write it as a .docx (or text); --again gives one issued before
    Doc(DocArgs),
    /// 文号前缀（如 苏信告）；不带参数时列出各类文书的前缀 — the prefix of a kind's document
    /// numbers (administrators); without arguments, every kind's
    DocPrefix {
        /// 文书种类 — the kind (acceptance-notice …, or its Chinese name)
        #[arg(requires = "prefix")]
        kind: Option<String>,
        /// 前缀 — the prefix, e.g. 苏信告
        prefix: Option<String>,
    },
}

#[derive(Args, Debug)]
pub struct DocArgs {
    /// 案件编号 — the case number
    pub number: String,
    /// 文书种类 — the kind: receipt, register-form, acceptance-notice, not-accepted-notice,
    /// transfer-notice, extension-notice, reply, review-opinion, recheck-opinion,
    /// assignment-sheet, urge-sheet, follow-up-record (or its Chinese name)
    #[arg(long, required_unless_present = "again", conflicts_with = "again")]
    pub kind: Option<String>,
    /// 送达方式 — how it is given: in_person, letter, sms, email, phone, online (default:
    /// in_person for a receipt or register form, else letter)
    #[arg(long, conflicts_with = "again")]
    pub method: Option<String>,
    /// 格式 — docx (default) or text (printed when there is no --out)
    #[arg(long, default_value = "docx", value_parser = ["docx", "text"])]
    pub format: String,
    /// 写入此文件（权限 0600，不覆盖已有文件） — write to this file (0600; an existing file is
    /// never written over: a number is added); else into documents_dir of config.toml
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// 按文号重新生成已出具的文书（与原件一致） — produce a document issued before again,
    /// identically, by its number (e.g. 信告〔2026〕15号)
    #[arg(long, value_name = "SERIAL")]
    pub again: Option<String>,
}

#[derive(Args, Debug)]
pub struct ReviewArgs {
    /// 被复查（复核）的案件编号 — the case whose answer is disputed
    pub number: String,
    /// 请求的内容和理由 — what the petitioner asks and why
    #[arg(long)]
    pub content: String,
    /// 事由，默认沿用原案件 — subject (else the reviewed case's)
    #[arg(long)]
    pub subject: Option<String>,
    /// 诉求 — demands
    #[arg(long, default_value = "")]
    pub demands: String,
    /// 提出方式 — how it came: letter (default), visit, online, phone, email, mailbox, superior
    #[arg(long, default_value = "letter")]
    pub channel: String,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The socket to listen on (else $XINFANG_SOCKET, else `socket` in config.toml)
    #[arg(long, value_name = "PATH")]
    pub socket: Option<PathBuf>,
    /// The group whose members' desks may connect (the socket is made group-owned, mode 0660)
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,
    /// Where the daily backups go (else `backups` in the state directory)
    #[arg(long, value_name = "DIR")]
    pub backups: Option<PathBuf>,
    /// The local time of day of the daily backup, HH:MM (commits wait while it is written,
    /// so a quiet hour); a backup missed while the server was down is made at start
    // Parsed by `serve`, which knows the language to refuse it in.
    #[arg(long, default_value = "02:15")]
    pub backup_at: String,
    /// Make no backups
    #[arg(long)]
    pub no_backups: bool,
    /// How many backups to keep
    #[arg(long, default_value_t = 14)]
    pub keep: usize,
    /// Skip the check of the whole store at start (it holds commits back while it runs)
    #[arg(long)]
    pub no_check: bool,
    /// Connections held at once, in all (more are turned away with the reason)
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub max_connections: usize,
    /// Connections held at once from one OS user
    #[arg(long, value_name = "N", default_value_t = 32)]
    pub max_per_user: usize,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Organisation name shown in the header
    #[arg(long)]
    pub org: String,
    /// Case number prefix, e.g. XF
    #[arg(long, default_value = "XF")]
    pub prefix: String,
    /// Deadline preset (its clocks, categories, canned phrases and retention): government, hospital, school,
    /// kindergarten, nursing-home, telecom, court, enterprise, hotline, institution
    #[arg(long, default_value = "government")]
    pub preset: String,
    /// Make this new, empty store a test store: XINFANG_NOW then sets its clock, and every
    /// screen says it is a test store
    #[arg(long)]
    pub test_store: bool,
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
    #[command(flatten)]
    pub report: ReportArgs,
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
    /// Received at a reception day by this leader (接待领导), as the schedule names them
    #[arg(long)]
    pub received_by: Option<String>,
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

#[derive(Args, Debug)]
pub struct BenchArgs {
    #[arg(long, default_value_t = 100_000)]
    pub cases: u64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Durable intakes to time
    #[arg(long, default_value_t = 200)]
    pub intakes: u32,
    /// Also time rebuilding the whole store from its journal (in a directory beside it)
    #[arg(long)]
    pub rebuild: bool,
    /// Also run a server on the store and time N clients registering and updating cases at
    /// once, then kill it (SIGKILL), restart it and check that every acknowledged case is there
    #[arg(long, value_name = "N")]
    pub clients: Option<u32>,
    /// How long the clients run, in seconds
    #[arg(long, default_value_t = 20)]
    pub seconds: u64,
    /// Each client's mean pause between requests, in milliseconds (a desk's user reads and
    /// types between calls); 0 sends flat out
    #[arg(long, default_value_t = 1000)]
    pub think_ms: u64,
}

/// What kind a letter is and how its reporter and the unit it accuses are kept apart: `add`
/// and `reception receive` take the same flags, so a 举报 made in person is as protected.
#[derive(Args, Debug, Default)]
pub struct ReportArgs {
    /// complaint, report, suggestion, inquiry, help, praise
    #[arg(long, default_value = "complaint")]
    pub kind: String,
    /// The unit a report is about
    #[arg(long)]
    pub accused: Option<String>,
    /// The department the accused unit is, when its name does not tell (code, name or id),
    /// or `none` when it is not one of ours
    #[arg(long)]
    pub accused_dept: Option<String>,
    #[arg(long)]
    pub anonymous: bool,
    #[arg(long)]
    pub confidential: bool,
    #[arg(long)]
    pub no_callback: bool,
}
