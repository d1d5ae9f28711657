//! Sentences of the command line and the server built from values, in both languages side by
//! side: what stops a command in config.toml, a socket the server cannot take, an argument
//! refused. zh.rs and en.rs delegate here.

use crate::config::{ConfigError, Setting};
use crate::server::SocketError;

/// A sentence for the user, with the values it names.
pub enum Message<'a> {
    /// Something in config.toml or the environment that stops a command.
    Config(&'a ConfigError),
    /// Why `serve` cannot take its socket.
    Socket(&'a SocketError),
    /// `policy important remove N` where there is no rule N.
    NoRule(usize),
    /// `init --preset NAME` naming no preset; the presets there are.
    UnknownPreset {
        name: &'a str,
        presets: &'a [&'a str],
    },
    /// `serve --backup-at` that is not a time of day.
    NotTimeOfDay(&'a str),
    /// An argument that names nothing known, with the choices where they are few.
    Unknown {
        what: Named,
        value: &'a str,
        choices: &'a [&'a str],
    },
}

/// What a command-line argument was meant to name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    Case,
    Department,
    Category,
    User,
    Role,
    Channel,
    Kind,
    Urgency,
    State,
    Queue,
    /// A place in a listing, as `--after` takes it.
    Position,
    Date,
    Weekday,
    /// A numbered entry of a list (a reception day).
    Entry,
    Stage,
    /// Where a time limit counts from.
    Start,
    Unit,
    /// A kind of document (文书).
    Document,
    /// How a document or notice is given.
    Method,
}

fn zh_named(n: Named) -> &'static str {
    match n {
        Named::Case => "案件",
        Named::Department => "部门",
        Named::Category => "分类",
        Named::User => "用户",
        Named::Role => "角色",
        Named::Channel => "渠道",
        Named::Kind => "类型",
        Named::Urgency => "紧急程度",
        Named::State => "状态",
        Named::Queue => "队列",
        Named::Position => "位置",
        Named::Date => "日期（YYYY-MM-DD）",
        Named::Weekday => "星期",
        Named::Entry => "条目",
        Named::Stage => "阶段",
        Named::Start => "起算点",
        Named::Unit => "计日单位",
        Named::Document => "文书种类",
        Named::Method => "送达方式",
    }
}

fn en_named(n: Named) -> &'static str {
    match n {
        Named::Case => "case",
        Named::Department => "department",
        Named::Category => "category",
        Named::User => "user",
        Named::Role => "role",
        Named::Channel => "channel",
        Named::Kind => "kind",
        Named::Urgency => "urgency",
        Named::State => "state",
        Named::Queue => "queue",
        Named::Position => "position",
        Named::Date => "date (YYYY-MM-DD)",
        Named::Weekday => "weekday",
        Named::Entry => "entry",
        Named::Stage => "stage",
        Named::Start => "start",
        Named::Unit => "unit",
        Named::Document => "document kind",
        Named::Method => "method",
    }
}

pub(super) fn zh(m: &Message) -> String {
    match m {
        Message::Config(e) => zh_config(e),
        // The server's stderr goes to the journal an administrator searches: the English
        // developer text follows, as for the store's errors.
        Message::Socket(e) => {
            let said = match e {
                SocketError::Live(p) => format!("{p} 上已有服务器在监听"),
                SocketError::NotASocket(p) => format!("{p} 已存在且不是套接字，不会删除它"),
                SocketError::NoGroup(g) => format!("没有名为 {g} 的用户组"),
                SocketError::OpenDir(p) => format!(
                    "{p} 可被其他用户写入，别人可在此冒充服务器；请把套接字放在只有服务器用户可写的目录（如 /run/xinfang，0755）"
                ),
                SocketError::Io { path, source } => format!("{path}：{source}"),
            };
            match e {
                SocketError::Io { .. } => said,
                _ => format!("{said}（{e}）"),
            }
        }
        Message::NoRule(n) => {
            format!("没有第 {n} 条规则；现有规则见 `xinfang policy important list`")
        }
        Message::UnknownPreset { name, presets } => {
            format!("没有时限预设“{name}”，可选：{}", presets.join(", "))
        }
        Message::NotTimeOfDay(t) => format!("{t}：应为 时:分，如 02:15"),
        Message::Unknown {
            what,
            value,
            choices: [],
        } => format!("无法识别的{}“{value}”", zh_named(*what)),
        Message::Unknown {
            what,
            value,
            choices,
        } => format!(
            "无法识别的{}“{value}”，可选：{}",
            zh_named(*what),
            choices.join(", ")
        ),
    }
}

fn zh_config(e: &ConfigError) -> String {
    let place = |path: &str, line: usize| match (path, line) {
        ("", _) => String::new(),
        (p, 0) => format!("{p}："),
        (p, n) => format!("{p} 第{n}行："),
    };
    match e {
        ConfigError::Unreadable { path, why } => {
            format!("{path}：{why}。无法读取配置文件，无法确定要连接的服务器")
        }
        ConfigError::Broken {
            path,
            line,
            setting,
            why,
        } => format!(
            "{}{why}。配置文件有误，无法确定{}",
            place(path, *line),
            match setting {
                Setting::Socket | Setting::ServerUid => "要连接的服务器",
                Setting::Lang => "界面语言",
                Setting::DocumentsDir => "文书保存目录",
                Setting::NotifyCommand | Setting::NotifyTimeout => "短信、邮件发送网关",
            }
        ),
        ConfigError::BadValue {
            path,
            line,
            setting,
            value,
        } => format!(
            "{}{setting} = {value}，{setting} 应为{}",
            place(path, *line),
            match setting {
                Setting::Socket => "套接字路径",
                Setting::Lang => " zh 或 en",
                Setting::ServerUid => "数字 uid（`id -u 用户名`）",
                Setting::DocumentsDir => "绝对路径（/… 或 ~/…）",
                Setting::NotifyCommand => "命令（字符串）",
                Setting::NotifyTimeout => "1 至 300 之间的秒数",
            }
        ),
    }
}

pub(super) fn en(m: &Message) -> String {
    match m {
        Message::Config(e) => e.to_string(),
        Message::Socket(e) => e.to_string(),
        Message::NoRule(n) => format!("no rule {n}: see `xinfang policy important list`"),
        Message::UnknownPreset { name, presets } => {
            format!("no preset “{name}”; one of: {}", presets.join(", "))
        }
        Message::NotTimeOfDay(t) => format!("{t}: not a time of day HH:MM"),
        Message::Unknown {
            what,
            value,
            choices: [],
        } => format!("unknown {} “{value}”", en_named(*what)),
        Message::Unknown {
            what,
            value,
            choices,
        } => format!(
            "unknown {} “{value}”: {}",
            en_named(*what),
            choices.join(", ")
        ),
    }
}
