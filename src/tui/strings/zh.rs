//! 简体中文.

use crate::domain::deadline::DueStatus;
use crate::tui::action::{Action, KeyContext};
use crate::tui::config_problem::{ConfigProblem, ProblemKind};

use super::T;

pub fn text(t: T) -> &'static str {
    match t {
        T::ActionDone => "已办理",
        T::AppName => "信访",
        T::AssignTitle => "交办",
        T::Assigned => "已交办",
        T::CallerHistory => "来电历史",
        T::ChooseHint => "Left/Right 选择  ",
        T::Close => "关闭",
        T::LoadDemo => "载入",
        T::Skip => "跳过",
        T::ConfigProblem => "配置文件有误，已用默认值：",
        T::ConfirmTitle => "确认",
        T::DemoLoaded => "已载入演示案件",
        T::DetailTitle => "案件",
        T::DraftSaved => "草稿已保存",
        T::Drafts => "草稿",
        T::EmptyTitle => "空存储",
        T::ExportFailed => "导出失败：",
        T::ExportName => "逾期督办",
        T::ExportedTo => "已导出到 ",
        T::Offline => "连接中断",
        T::TestStore => "测试库",
        T::AccusedDept => "被举报部门",
        T::NotOurDept => "非本单位部门",
        T::Reconnected => "已重新连接服务器，屏幕已刷新",
        T::ExtensionShort => "待延",
        T::FieldFull => "已达该栏字数上限",
        T::FillThisField => "请填写此栏",
        T::FilterLabel => "筛选 /",
        T::HelpTitle => "帮助（按键由键位表生成）",
        T::InboxTitle => "收件箱",
        T::IntakeTitle => "登记",
        T::KeptAsDraft => "未保存的登记已存为草稿",
        T::LinkHint => "关联到同一事项的在办件",
        T::LinkedTo => "关联到",
        T::Loading => "正在载入…",
        T::LoadingDemo => "正在载入演示数据…",
        T::NewToday => "今日新件",
        T::NoActions => "您在此状态下没有可执行的操作",
        T::NoDrafts => "没有未保存的登记草稿",
        T::NoHistory => "输入电话或身份证号后显示该来访人以往案件",
        T::NoPendingExtension => "该件没有待批的延期申请",
        T::NothingLate => "没有逾期或临期的案件。",
        T::OfferDemo => {
            "存储中还没有案件。按 Enter 或 d 载入 2000 件演示案件（可随时重新开始）；按 Esc 跳过。"
        }
        T::OverdueTitle => "逾期督办",
        T::Palette => "命令面板",
        T::PasteTooLong => "粘贴内容超出该栏上限，未粘贴",
        T::PickAction => "可执行操作",
        T::PickCategory => "按分类筛选",
        T::PickChannel => "按渠道筛选",
        T::PickDepartment => "选择部门",
        T::PickDraft => "未保存的登记草稿（Enter 恢复，Esc 稍后）",
        T::PickState => "按状态筛选",
        T::ReceivedShort => "日期",
        T::Refused => "被拒绝",
        T::ResolveOnSpot => "当场办结",
        T::ReviewOf => "复查原件",
        T::SameMatter => "可能是同一事项的在办件",
        T::SavedHint => "请向来电人读出编号。",
        T::SavedTitle => "已登记，编号",
        T::TooSmall => "窗口太小，请调整到至少",
        T::UrgedShort => "督",
        T::NoLeader => "无（非领导接待）",
        T::ReceivesToday => "今日接待",
    }
}

pub fn name(a: Action) -> &'static str {
    match a {
        Action::Noop => "无",
        Action::Quit => "退出",
        Action::Help => "帮助",
        Action::Palette => "命令",
        Action::NewIntake => "登记",
        Action::Inbox => "收件箱",
        Action::Assign => "交办",
        Action::Overdue => "逾期",
        Action::Refresh => "刷新",
        Action::Up => "上",
        Action::Down => "下",
        Action::PageUp => "上页",
        Action::PageDown => "下页",
        Action::Top => "顶部",
        Action::Bottom => "底部",
        Action::Open => "打开",
        Action::Back => "返回",
        Action::Filter => "筛选",
        Action::FilterState => "状态",
        Action::FilterDepartment => "部门",
        Action::FilterCategory => "分类",
        Action::FilterChannel => "渠道",
        Action::ClearFilter => "清除筛选",
        Action::Act => "办理",
        Action::Reveal => "查看号码",
        Action::Mark => "标记",
        Action::Urge => "督办",
        Action::ApproveExtension => "批准延期",
        Action::Export => "导出",
        Action::Save => "保存",
        Action::Leave => "离开",
        Action::NextField => "下一栏",
        Action::PrevField => "上一栏",
        Action::ResolveOnSpot => "当场办结",
        Action::LinkCase => "关联",
        Action::Drafts => "草稿",
        Action::Confirm => "确认",
        Action::Cancel => "取消",
    }
}

pub fn doc(a: Action) -> &'static str {
    match a {
        Action::Noop => "不做任何事（用于取消绑定）",
        Action::Quit => "退出（登记草稿会保留）",
        Action::Help => "显示按键帮助",
        Action::Palette => "打开命令面板，可用中文或拼音首字母搜索",
        Action::NewIntake => "新建登记（随时可用，未完成的表单存为草稿）",
        Action::Inbox => "切换到收件箱",
        Action::Assign => "切换到交办",
        Action::Overdue => "切换到逾期督办",
        Action::Refresh => "重新载入当前内容",
        Action::Up => "上移",
        Action::Down => "下移",
        Action::PageUp => "上翻一页",
        Action::PageDown => "下翻一页",
        Action::Top => "到第一条",
        Action::Bottom => "到最后一条",
        Action::Open => "打开所选案件",
        Action::Back => "返回列表",
        Action::Filter => "边输边筛选：文字、编号或电话",
        Action::FilterState => "按状态筛选",
        Action::FilterDepartment => "按承办部门筛选",
        Action::FilterCategory => "按分类筛选",
        Action::FilterChannel => "按渠道筛选",
        Action::ClearFilter => "清除全部筛选",
        Action::Act => "可执行操作菜单（受理、交办、办结等）",
        Action::Reveal => "查看完整电话号码（记入办理过程）",
        Action::Mark => "标记或取消标记，用于批量交办",
        Action::Urge => "督办所选案件，附督办意见",
        Action::ApproveExtension => "批准所选案件的延期申请",
        Action::Export => "把逾期督办清单导出为文本文件",
        Action::Save => "保存登记并显示案件编号",
        Action::Leave => "离开表单，保留草稿",
        Action::NextField => "到下一栏",
        Action::PrevField => "到上一栏",
        Action::ResolveOnSpot => "简单咨询当场办结：填写办理结果",
        Action::LinkCase => "关联到来电人同一事项的在办件",
        Action::Drafts => "未保存的登记草稿：选一份继续",
        Action::Confirm => "确认",
        Action::Cancel => "取消",
    }
}

pub fn context(c: KeyContext) -> &'static str {
    match c {
        KeyContext::Global => "全局",
        KeyContext::List => "列表通用",
        KeyContext::Inbox => "收件箱",
        KeyContext::Detail => "案件",
        KeyContext::Assign => "交办",
        KeyContext::Overdue => "逾期督办",
        KeyContext::Intake => "登记",
        KeyContext::Popup => "弹窗与筛选行",
        KeyContext::Help => "帮助",
    }
}

pub fn due_short(s: DueStatus) -> String {
    match s {
        DueStatus::OnTrack {
            working_days_left: n,
        }
        | DueStatus::DueSoon {
            working_days_left: n,
        } if n > 0 => format!("剩{n}日"),
        DueStatus::OnTrack { .. } | DueStatus::DueSoon { .. } => "不足1日".into(),
        DueStatus::DueToday => "今日到期".into(),
        DueStatus::Overdue { working_days: 0 } => "已逾期".into(),
        DueStatus::Overdue { working_days: n } => format!("逾期{n}日"),
    }
}

pub fn problem(p: &ConfigProblem) -> String {
    let what = match p.kind {
        ProblemKind::UnknownPreset => "没有这个键位预设",
        ProblemKind::UnknownTheme => "没有这个主题",
        ProblemKind::Unreadable => "无法读取文件",
        ProblemKind::Syntax => "不是有效的 TOML，整个文件未使用",
        ProblemKind::UnknownContext => "未知的按键场景",
        ProblemKind::UnknownKey => "未知的按键名",
        ProblemKind::UnknownAction => "未知的操作",
        ProblemKind::UnknownRole => "未知的主题项",
        ProblemKind::UnknownColor => "未知的颜色",
        ProblemKind::UnknownAttribute => "未知的样式属性",
        ProblemKind::WrongType => "取值类型不对",
        ProblemKind::ParentLoop => "主题的 parent 循环引用",
    };
    if p.line == 0 {
        return format!("{}：{what}「{}」", p.file, p.value);
    }
    format!("{} 第{}行：{what}「{}」", p.file, p.line, p.value)
}
