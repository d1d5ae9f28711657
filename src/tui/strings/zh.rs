//! 简体中文.

use crate::domain::deadline::DueStatus;
use crate::tui::action::{Action, KeyContext};
use crate::tui::config_problem::{ConfigProblem, ProblemKind};

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
