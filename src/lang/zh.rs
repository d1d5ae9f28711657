//! 简体中文.

use super::{L, Words};
use crate::domain::case::{Bar, Channel, Kind, Level, Notice, Satisfaction, Urgency};
use crate::domain::deadline::{Anchor, DueStatus, Limit, Stage};
use crate::domain::document::DocKind;
use crate::domain::event::PersonalField;
use crate::domain::important::ImportantWhen;
use crate::domain::method::Method;
use crate::domain::role::Role;
use crate::domain::state::{Action, Guard, Need, Refusal, State};
use crate::service::ServiceError;
use crate::service::error::{Field, Problem};

pub struct Zh;

impl Zh {
    /// Why the store takes no changes, and the one thing to do about it.
    pub(super) fn read_only(&self, d: &crate::store::journal::Damage) -> String {
        use crate::store::journal::Damage as D;
        match d {
            D::Unapplied { .. } | D::Interrupted => {
                format!("存储不接受修改：{}", self.damage(d))
            }
            _ => format!(
                "日志有损（{}），存储只读，不接受修改：请保留数据目录原样，按恢复手册处理",
                self.damage(d)
            ),
        }
    }
}
pub static ZH: Zh = Zh;

impl Words for Zh {
    fn label(&self, l: L) -> &'static str {
        l.zh()
    }

    fn state(&self, s: State) -> &'static str {
        match s {
            State::Registered => "已登记",
            State::AwaitingApproval => "待阅批",
            State::Accepted => "待交办",
            State::InProgress => "办理中",
            State::UnderReview => "待审核",
            State::Resolved => "已办结",
            State::Answered => "已反馈",
            State::FollowedUp => "已回访",
            State::Archived => "已归档",
            State::NotAccepted => "不予受理",
            State::TransferredOut => "已转送",
            State::Merged => "已合并",
        }
    }

    fn action(&self, a: Action) -> &'static str {
        match a {
            Action::Accept => "受理",
            Action::ApproveImportant => "阅批",
            Action::NotAccept => "不予受理",
            Action::TransferOut => "转送",
            Action::Merge => "合并",
            Action::ResolveOnSpot => "当场办结",
            Action::Assign => "交办",
            Action::Reassign => "改派",
            Action::HandBack => "退回",
            Action::Submit => "提交结果",
            Action::Approve => "审核通过",
            Action::Return => "退回重办",
            Action::Feedback => "反馈",
            Action::FollowUp => "回访",
            Action::Archive => "归档",
            Action::Reopen => "复查重办",
            Action::Note => "备注",
            Action::Urge => "督办",
            Action::RequestExtension => "申请延期",
            Action::ApproveExtension => "批准延期",
            Action::RefuseExtension => "驳回延期",
            Action::Link => "关联同一事项",
            Action::Pause => "暂停计时",
            Action::Resume => "恢复计时",
            Action::Investigate => "需调查",
            Action::MarkImportant => "列为重要件",
            Action::SendForInstruction => "送领导阅批",
            Action::Instruct => "批示",
            Action::NotifyAccepted => "受理告知",
            Action::NotifyNotAccepted => "不予受理告知",
            Action::NotifyTransferred => "转送告知",
            Action::NotifyExtended => "延期告知",
            Action::ReplyLetter => "答复意见书",
        }
    }

    fn action_doc(&self, a: Action) -> &'static str {
        match a {
            Action::Accept => "受理案件；重要件转领导阅批",
            Action::ApproveImportant => "领导阅批重要件并作批示",
            Action::NotAccept => "不予受理并记录理由",
            Action::TransferOut => "转送有权处理的机关",
            Action::Merge => "作为重复件并入另一案件",
            Action::ResolveOnSpot => "咨询等简单事项当场办结",
            Action::Assign => "交办承办部门",
            Action::Reassign => "改派其他部门并说明理由",
            Action::HandBack => "不属本部门职责，退回信访部门",
            Action::Submit => "提交办理结果待审核",
            Action::Approve => "审核通过，案件办结",
            Action::Return => "结果不合格，退回重办",
            Action::Feedback => "向信访人反馈办理结果",
            Action::FollowUp => "回访并记录满意度",
            Action::Archive => "归档",
            Action::Reopen => "回访不满意，复查重办",
            Action::Note => "添加办理备注",
            Action::Urge => "督办催办",
            Action::RequestExtension => "申请延长办理期限",
            Action::ApproveExtension => "批准延期申请",
            Action::RefuseExtension => "驳回延期申请",
            Action::Link => "关联为同一事项",
            Action::Pause => "听证、鉴定、补充材料等期间暂停计时（说明理由）",
            Action::Resume => "暂停事由结束，恢复计时",
            Action::Investigate => "办理需要调查核实，适用较长办理期限",
            Action::MarkImportant => "列为重要信访事项并写明理由",
            Action::SendForInstruction => "重要件送领导阅批",
            Action::Instruct => "领导阅批并作批示",
            Action::NotifyAccepted => "书面告知信访人已受理",
            Action::NotifyNotAccepted => "书面告知信访人不予受理及理由",
            Action::NotifyTransferred => "告知信访人已转送有权处理的机关",
            Action::NotifyExtended => "告知信访人延期办理及理由",
            Action::ReplyLetter => "出具书面答复意见书",
        }
    }

    fn channel(&self, c: Channel) -> &'static str {
        match c {
            Channel::Phone => "来电",
            Channel::Letter => "来信",
            Channel::Visit => "来访",
            Channel::Online => "网上",
            Channel::Email => "电子邮件",
            Channel::Mailbox => "意见箱",
            Channel::Superior => "上级交办",
        }
    }

    fn kind(&self, k: Kind) -> &'static str {
        match k {
            Kind::Complaint => "投诉",
            Kind::Report => "举报",
            Kind::Suggestion => "建议",
            Kind::Inquiry => "咨询",
            Kind::Help => "求助",
            Kind::Praise => "表扬",
        }
    }

    fn urgency(&self, u: Urgency) -> &'static str {
        match u {
            Urgency::Normal => "普通",
            Urgency::Urgent => "紧急",
            Urgency::Critical => "特急",
        }
    }

    fn satisfaction(&self, s: Satisfaction) -> &'static str {
        match s {
            Satisfaction::Satisfied => "满意",
            Satisfaction::Basically => "基本满意",
            Satisfaction::Unsatisfied => "不满意",
        }
    }

    fn stage(&self, s: Stage) -> &'static str {
        match s {
            Stage::Acceptance => "受理",
            Stage::Handling => "办理",
            Stage::Feedback => "反馈",
            Stage::FollowUp => "回访",
            Stage::Objection => "异议",
            Stage::Notice => "受理告知",
            Stage::ExtensionNotice => "延期告知",
            Stage::ReviewWindow => "复查申请期",
        }
    }

    fn role(&self, r: Role) -> &'static str {
        match r {
            Role::Operator => "接线员",
            Role::Officer => "承办人",
            Role::Clerk => "信访专员",
            Role::Supervisor => "督办领导",
            Role::Admin => "管理员",
        }
    }

    fn personal(&self, f: PersonalField) -> &'static str {
        match f {
            PersonalField::Phone => "电话",
            PersonalField::IdNumber => "身份证号",
            PersonalField::Identity => "身份信息",
        }
    }

    fn need(&self, n: Need) -> &'static str {
        match n {
            Need::Reason => "理由",
            Need::Department => "承办部门",
            Need::Body => "转送机关",
            Need::Target => "目标案件编号",
            Need::Text => "文字内容",
            Need::FeedbackMethod => "反馈方式",
            Need::Satisfaction => "满意度",
            Need::Days => "延期天数",
        }
    }

    fn field(&self, f: Field) -> &'static str {
        match f {
            Field::Subject => "事由",
            Field::Content => "内容",
            Field::Name => "名称",
            Field::Phone => "电话",
            Field::IdNumber => "身份证号",
            Field::Representatives => "代表",
            Field::HeadCount => "人数",
            Field::Category => "分类",
            Field::Department => "部门",
            Field::Handler => "承办人",
            Field::Target => "目标案件",
            Field::Days => "天数",
            Field::Login => "登录名",
            Field::Code => "代码",
            Field::Prefix => "编号前缀",
            Field::Year => "年份",
            Field::Text => "查询文字",
            Field::Note => "说明",
            Field::Address => "地址",
            Field::Important => "重要原因",
            Field::AccusedUnit => "被反映单位",
            Field::Draft => "草稿",
            Field::Basis => "依据",
            Field::Organisation => "单位名称",
            Field::Dates => "日期",
            Field::File => "文件",
            Field::Method => "告知方式（电话、短信、信函、当面、网上）",
            Field::Phrase => "常用语",
        }
    }

    fn problem(&self, p: Problem) -> String {
        match p {
            Problem::Empty => "不能为空".into(),
            Problem::TooLong { max } => format!("超过 {max} 字的上限"),
            Problem::NotFound => "不存在".into(),
            Problem::Inactive => "已停用".into(),
            Problem::BadCheckDigit => "校验位不正确，请核对".into(),
            Problem::BadFormat => "格式不正确".into(),
            Problem::TooMany { max } => format!("最多 {max} 个"),
            Problem::Duplicate => "已存在".into(),
            Problem::SameCase => "不能是本案件".into(),
            Problem::OverLimit { max } => format!("超出政策允许，最多还可延长 {max} 日"),
            Problem::OutOfRange { min, max } => format!("须在 {min} 至 {max} 之间"),
        }
    }

    fn refusal(&self, r: &Refusal) -> String {
        match r {
            Refusal::WrongState { action, state } => {
                format!(
                    "案件处于“{}”状态，不能{}",
                    self.state(*state),
                    self.action(*action)
                )
            }
            Refusal::RoleMayNot { action } => format!("您的角色不能{}", self.action(*action)),
            Refusal::OutOfScope { action } => {
                format!("该案件不在您的职责范围内，不能{}", self.action(*action))
            }
            Refusal::Barred { action, bar } => {
                format!("不能{}：{}", self.action(*action), self.bar(*bar))
            }
            Refusal::GuardFailed { action, guard } => {
                let why = match guard {
                    Guard::Callback => "匿名或不需回复的案件无法反馈、回访",
                    Guard::NoCallback => "可以联系信访人的案件须先反馈",
                    Guard::Unsatisfied
                    | Guard::UnsatisfiedAssigned
                    | Guard::UnsatisfiedUnassigned => "只有回访不满意的案件才能复查重办",
                    Guard::PendingExtension => "没有待审批的延期申请",
                    Guard::NoPendingExtension => "已有延期申请待审批",
                    Guard::Important => "不是重要件",
                    Guard::NotImportant => "重要件须经领导阅批",
                    Guard::Paused => "计时没有暂停",
                    Guard::NotPaused => "计时已暂停，须先恢复计时",
                    Guard::NotInvestigated => "已标记为需调查",
                    Guard::ImportantNotSent => "不是重要件，或已送阅批待批示",
                    Guard::InstructionPending => "没有待批示的阅批",
                    Guard::Extended => "没有批准的延期，或无法联系信访人",
                    Guard::CallbackNotBarred => "匿名或不需回复的案件无须告知",
                    Guard::Always => "条件不满足",
                };
                format!("不能{}：{why}", self.action(*action))
            }
        }
    }

    fn due(&self, s: DueStatus) -> String {
        super::clocks::zh_due(s)
    }

    fn due_short(&self, s: DueStatus) -> String {
        super::clocks::zh_due_short(s)
    }

    fn error(&self, e: &ServiceError) -> String {
        super::zh_errors::error(self, e)
    }

    fn limit(&self, l: Limit) -> String {
        super::clocks::zh_limit(l)
    }

    fn notice(&self, n: Notice) -> &'static str {
        match n {
            Notice::Accepted => "受理告知",
            Notice::NotAccepted => "不予受理告知",
            Notice::Transferred => "转送告知",
            Notice::Extended => "延期告知",
            Notice::Reply => "答复意见书",
        }
    }

    fn level(&self, l: Level) -> &'static str {
        match l {
            Level::First => "初次办理",
            Level::Review => "复查",
            Level::Recheck => "复核",
        }
    }

    fn bar(&self, b: Bar) -> &'static str {
        match b {
            Bar::Final => "该事项已经复核，办理终结，不再受理",
            Bar::Late => "复查、复核请求超过了提出期限",
        }
    }

    fn damage(&self, d: &crate::store::journal::Damage) -> String {
        use crate::store::journal::Damage as D;
        match d {
            D::TornTail {
                file,
                offset,
                bytes,
            } => format!(
                "{}：最后一条记录不完整（偏移 {offset} 处 {bytes} 字节），为写入时中断所致",
                file.display()
            ),
            D::Checksum { file, seq } => format!(
                "{}：第 {seq} 条记录校验和不符，内容已被改动",
                file.display()
            ),
            D::Chain { file, seq } => format!(
                "{}：第 {seq} 条记录与前一条衔接不上（记录被改动、删除或插入）",
                file.display()
            ),
            D::Behind { journal, store } => {
                format!("日志只到第 {journal} 条，而存储已写入第 {store} 条：日志缺少记录")
            }
            D::Gap { expected, found } => {
                format!("日志缺少记录：存储需要第 {expected} 条，日志从第 {found} 条接续")
            }
            D::Unapplied { seq } => format!(
                "第 {seq} 条记录已记入日志，但存储未能写入；重新打开存储（重启服务器或桌面）即可补写"
            ),
            D::Interrupted => {
                "演示数据载入中途停止，这些案件不可信；请删除数据目录后重新运行 `xinfang demo`"
                    .into()
            }
            D::Length { file, offset, seq } => {
                format!(
                    "{}：第 {seq} 条记录（偏移 {offset}）长度已损坏",
                    file.display()
                )
            }
        }
    }

    fn recovered(&self, r: &crate::store::Recovery) -> Option<String> {
        match (&r.cut, r.replayed) {
            (None, 0) if r.set_aside.is_none() && r.damage.is_none() => None,
            (cut, n) => {
                let mut s = String::from("打开存储时：");
                if let Some(p) = &r.set_aside {
                    s += &format!(
                        "存储文件无法打开，已移到 {} 保留，并按日志重建；",
                        p.display()
                    );
                }
                if let Some(d) = &r.damage {
                    s += &format!("{}；", self.read_only(d));
                }
                if n > 0 {
                    s += &format!("补写了日志中 {n} 条尚未写入存储的记录；");
                }
                if let Some(d) = cut {
                    s += &format!(
                        "截去了日志末尾不完整的记录（原字节另存在旁边）——{}",
                        self.damage(d)
                    );
                }
                Some(s)
            }
        }
    }

    fn verified(&self, v: &crate::store::journal::Verified) -> String {
        let hex: String = v
            .last_hash
            .map(|h| h.iter().map(|b| format!("{b:02x}")).collect())
            .unwrap_or_default();
        let range = match (v.first_seq, v.last_seq) {
            (Some(a), Some(b)) => format!("第 {a} 至 {b} 条，共 {} 条记录", v.records),
            _ => "没有完整的记录".into(),
        };
        match &v.damage {
            None => format!("日志完好：{range}。末条记录哈希 {hex}"),
            Some(d) => format!("日志有损：{}。此前完好的是{range}", self.damage(d)),
        }
    }

    fn connect_error(&self, e: &crate::desk::ConnectError) -> String {
        use crate::desk::ConnectError as C;
        match e {
            C::Unreachable { path, error } => format!(
                "无法连接服务器 {path}：{error}。请确认 `xinfang serve` 正在运行、套接字路径无误，且您在可连接的用户组中。桌面不会改用本机的私有存储。"
            ),
            C::Refused(r) => self.turned_away(r),
            C::Protocol { theirs } => format!(
                "服务器使用通信协议 {}（版本 {}），本桌面使用协议 {}（版本 {}）。请将桌面与服务器升级到同一版本。",
                theirs.protocol,
                theirs.build,
                crate::wire::PROTOCOL,
                crate::wire::BUILD
            ),
            C::Wire(w) => format!("服务器的应答无法识别：{w}"),
            C::Untrusted { path, why } => {
                use crate::desk::Distrust as D;
                let reason = match why {
                    D::OpenDir { dir } => {
                        format!("目录 {dir} 可被其他用户写入，任何人都可能在此冒充服务器")
                    }
                    D::Owner {
                        path,
                        owner,
                        expected,
                    } => format!(
                        "{path} 属于 uid {owner}，而不是服务器用户（uid {expected}）或 root"
                    ),
                    D::Peer { uid, expected } => format!(
                        "在此监听的进程以 uid {uid} 运行，而不是服务器用户（uid {expected}）"
                    ),
                };
                format!(
                    "不与 {path} 通信：{reason}。未发送任何内容。请管理员把套接字放在只有服务器用户可写的目录，或在 config.toml 中设置 server_uid = 服务器用户的 uid（或设 $XINFANG_SERVER_UID）。"
                )
            }
        }
    }

    fn test_store_notice(&self) -> &'static str {
        "【测试库】这是测试用的存储，其中的时间和记录仅供测试。(TEST STORE)"
    }

    fn fixed_clock_refused(&self) -> &'static str {
        "XINFANG_NOW 只能用于测试库（用 `xinfang init --test-store` 在空目录中创建）；正式存储的每条记录都按本机时钟记时。请去掉 XINFANG_NOW 后重试。"
    }

    fn test_store_refused(&self) -> &'static str {
        "--test-store 只能用于新建的本机存储：已有案件的存储或服务器上的存储不能改为测试库。"
    }

    fn as_needs_embedded(&self) -> &'static str {
        "--as 只能用于本机存储；连接服务器时，每人以自己的系统用户身份操作。"
    }

    fn turned_away(&self, r: &crate::wire::Refusal) -> String {
        use crate::wire::Refusal as R;
        match r {
            R::UnknownLogin { login, uid } => format!(
                "系统用户 {login}（uid {uid}）尚未登记，服务器拒绝连接。请管理员运行：xinfang user add {login} --role … --dept …"
            ),
            R::NoLogin { uid } => {
                format!("服务器查不到 uid {uid} 的登录名，拒绝连接。请管理员检查该系统用户。")
            }
            R::Protocol { server } => format!(
                "服务器使用通信协议 {}（版本 {}），与本桌面不同，请升级到同一版本。",
                server.protocol, server.build
            ),
            R::ShuttingDown => "服务器正在停止，请稍后再试。".into(),
            R::Busy {
                limit,
                per_user: true,
            } => format!(
                "您的系统用户已有 {limit} 个连接，服务器不再接受更多。请关闭不用的桌面或脚本后再试。"
            ),
            R::Busy { limit, .. } => {
                format!("服务器已有 {limit} 个连接，暂不接受更多，请稍后再试或告知管理员。")
            }
            R::Disabled { login } => format!(
                "用户 {login} 已被管理员停用，服务器拒绝连接。如需恢复，请管理员运行：xinfang user enable {login}"
            ),
        }
    }

    fn link_down(&self, refused: Option<&crate::wire::Refusal>) -> String {
        let why = refused.map(|r| self.turned_away(r)).unwrap_or_default();
        format!("与服务器的连接已断开，草稿保存在本机；正在自动重连。{why}")
    }

    fn method(&self, m: Method) -> &'static str {
        match m {
            Method::Phone => "电话",
            Method::Sms => "短信",
            Method::Letter => "信函",
            Method::InPerson => "当面",
            Method::Online => "网上",
            Method::Email => "电子邮件",
        }
    }

    fn doc_kind(&self, k: DocKind) -> &'static str {
        match k {
            DocKind::Receipt => "受理回执",
            DocKind::RegisterForm => "登记表",
            DocKind::AcceptanceNotice => "受理告知书",
            DocKind::NotAcceptedNotice => "不予受理告知书",
            DocKind::TransferNotice => "转送告知书",
            DocKind::ExtensionNotice => "延期告知书",
            DocKind::Reply => "答复意见书",
            DocKind::ReviewOpinion => "复查意见书",
            DocKind::RecheckOpinion => "复核意见书",
            DocKind::AssignmentSheet => "交办单",
            DocKind::UrgeSheet => "督办单",
            DocKind::FollowUpRecord => "回访记录",
        }
    }

    fn bar_basis(&self, b: Bar) -> &'static str {
        match b {
            Bar::Final => {
                "《信访工作条例》第三十六条：复核意见为最终意见，信访人仍以同一事实和理由提出信访请求的，不再受理"
            }
            Bar::Late => {
                "《信访工作条例》第三十五条、第三十六条：收到书面答复（复查意见）之日起30日内提出复查（复核）请求"
            }
        }
    }

    fn important_when(&self, when: &ImportantWhen) -> String {
        match when {
            ImportantWhen::Channel(c) => format!("来源：{}", self.channel(*c)),
            ImportantWhen::Collective { at_least } => format!("集体访、联名信 {at_least} 人以上"),
            ImportantWhen::Words { kind, words } => {
                let k = kind
                    .map(|k| format!("{}，", self.kind(k)))
                    .unwrap_or_default();
                format!("{k}事由或内容含：{}", words.join("、"))
            }
        }
    }

    fn weekly(&self, w: chrono::Weekday) -> &'static str {
        super::reception::zh_weekly(w)
    }

    fn reception_refusal(&self, r: &crate::domain::reception::ReceptionRefusal) -> String {
        super::reception::zh_refusal(r)
    }

    fn period(&self, a: Anchor, l: Limit) -> String {
        super::clocks::zh_period(a, l)
    }

    fn message(&self, m: &super::Message) -> String {
        super::messages::zh(m)
    }

    fn date(&self, d: chrono::NaiveDate) -> String {
        d.format("%Y年%-m月%-d日").to_string()
    }
}
