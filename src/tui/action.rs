//! What a key can do in the desk. The keymap binds keys to these; the help overlay, the hint
//! line and the command palette describe them with the words declared here, both languages in
//! one row.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// Declares a key enum with its words, one row per variant: `Key => "名称", "name";`, and for
/// actions a second pair, the line of help: `"说明", "what it does";`.
macro_rules! keys {
    (@enum $(#[$meta:meta])* $name:ident {
        $($(#[$doc:meta])* $key:ident => $zh:literal, $en:literal;)*
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$doc])* $key,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$key,)*];

            /// A short name: the help's heading, the hint line, the palette.
            pub fn name(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::Zh => match self { $($name::$key => $zh,)* },
                    Lang::En => match self { $($name::$key => $en,)* },
                }
            }
        }
    };
    ($(#[$meta:meta])* enum $name:ident {
        $(
            $(#[$doc:meta])*
            $key:ident => $zh:literal, $en:literal, $zh_doc:literal, $en_doc:literal;
        )*
    }) => {
        keys!(@enum $(#[$meta])* $name { $($(#[$doc])* $key => $zh, $en;)* });

        impl $name {
            /// One line on what the key does, for the help overlay and the palette.
            pub fn doc(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::Zh => match self { $($name::$key => $zh_doc,)* },
                    Lang::En => match self { $($name::$key => $en_doc,)* },
                }
            }
        }
    };
    ($(#[$meta:meta])* enum $name:ident {
        $($(#[$doc:meta])* $key:ident => $zh:literal, $en:literal;)*
    }) => {
        keys!(@enum $(#[$meta])* $name { $($(#[$doc])* $key => $zh, $en;)* });
    };
}

keys! {
    /// Where keys are read: each has a table in the keymap (`[inbox]`, `[intake]` …).
    enum KeyContext {
        /// Everywhere, after the focused context.
        Global => "全局", "Everywhere";
        /// Every list pane (inbox, assignment, overdue), after the pane's own table.
        List => "列表通用", "Every list";
        Inbox => "收件箱", "Inbox";
        Detail => "案件", "Case";
        Assign => "交办", "Assignment";
        Overdue => "逾期督办", "Overdue";
        /// The intake form; keys bound nowhere go to the focused field.
        Intake => "登记", "Intake";
        /// Menus, pickers, prompts and confirmations.
        Popup => "弹窗与筛选行", "Popups and the filter line";
        Help => "帮助", "Help";
    }
}

impl KeyContext {
    /// Contexts with a text field in focus: a plain printable key there types itself and
    /// never reaches `[global]`.
    pub fn takes_text(self) -> bool {
        matches!(self, KeyContext::Intake | KeyContext::Popup)
    }
}

keys! {
    enum Action {
        /// Unbinds a key in a user's keymap.
        Noop => "无", "none",
            "不做任何事（用于取消绑定）", "does nothing (unbinds a key)";
        Quit => "退出", "quit",
            "退出（登记草稿会保留）", "quit (intake drafts are kept)";
        Help => "帮助", "help",
            "显示按键帮助", "show the keys";
        Palette => "命令", "commands",
            "打开命令面板，可用中文或拼音首字母搜索",
            "command palette, searchable by Chinese or pinyin initials";
        /// A blank intake form, from anywhere; an interrupted form is kept as a draft.
        NewIntake => "登记", "intake",
            "新建登记（随时可用，未完成的表单存为草稿）",
            "new intake, from anywhere; an unfinished form is kept as a draft";
        Inbox => "收件箱", "inbox",
            "切换到收件箱", "go to the inbox";
        Assign => "交办", "assign",
            "切换到交办", "go to assignment";
        Overdue => "逾期", "overdue",
            "切换到逾期督办", "go to the overdue pane";
        Refresh => "刷新", "refresh",
            "重新载入当前内容", "reload what is on screen";
        Up => "上", "up",
            "上移", "move up";
        Down => "下", "down",
            "下移", "move down";
        PageUp => "上页", "page up",
            "上翻一页", "one page up";
        PageDown => "下页", "page down",
            "下翻一页", "one page down";
        Top => "顶部", "top",
            "到第一条", "to the first row";
        Bottom => "底部", "bottom",
            "到最后一条", "to the last row";
        Open => "打开", "open",
            "打开所选案件", "open the selected case";
        Back => "返回", "back",
            "返回列表", "back to the list";
        Filter => "筛选", "filter",
            "边输边筛选：文字、编号或电话", "filter as you type: text, case number or phone";
        FilterState => "状态", "state",
            "按状态筛选", "filter by state";
        FilterDepartment => "部门", "dept",
            "按承办部门筛选", "filter by handling department";
        FilterCategory => "分类", "category",
            "按分类筛选", "filter by category";
        FilterChannel => "渠道", "channel",
            "按渠道筛选", "filter by channel";
        ClearFilter => "清除筛选", "clear",
            "清除全部筛选", "clear every filter";
        /// The menu of workflow actions this user may take on the case.
        Act => "办理", "act",
            "可执行操作菜单（受理、交办、办结等）",
            "menu of the actions you may take (accept, assign, resolve…)";
        Reveal => "查看号码", "reveal",
            "查看完整电话号码（记入办理过程）",
            "show the full phone number (recorded on the timeline)";
        Documents => "文书", "documents",
            "出具本案此时应出具的文书（告知书、回执、交办单等），存为 Word 文件并记入办理过程",
            "issue a document the case calls for now (notice, receipt, assignment sheet…), saved as a Word file and recorded";
        Mark => "标记", "mark",
            "标记或取消标记，用于批量交办", "mark or unmark for a batch assignment";
        Urge => "督办", "urge",
            "督办所选案件，附督办意见", "urge the selected case, with a note";
        ApproveExtension => "批准延期", "approve ext.",
            "批准所选案件的延期申请", "approve the selected case's extension request";
        Export => "导出", "export",
            "把逾期督办清单导出为文本文件", "export the overdue list as a text file";
        Save => "保存", "save",
            "保存登记并显示案件编号", "save the intake and show its case number";
        Leave => "离开", "leave",
            "离开表单，保留草稿", "leave the form, keeping a draft";
        NextField => "下一栏", "next",
            "到下一栏", "next field";
        PrevField => "上一栏", "previous",
            "到上一栏", "previous field";
        ResolveOnSpot => "当场办结", "resolve now",
            "简单咨询当场办结：填写办理结果",
            "resolve a simple inquiry on the spot: type the result";
        LinkCase => "关联", "link",
            "关联到来电人同一事项的在办件", "link to the caller's open case on the same matter";
        /// A canned phrase (常用语) for the text field in focus.
        Phrase => "常用语", "phrases",
            "在文字栏光标处插入常用语（可用中文或拼音首字母查找）",
            "insert a canned phrase at the caret (find it by Chinese or pinyin initials)";
        /// The unsaved intake drafts, to resume one.
        Drafts => "草稿", "drafts",
            "未保存的登记草稿：选一份继续", "unsaved intake drafts: pick one to go on with";
        Confirm => "确认", "confirm",
            "确认", "confirm";
        Cancel => "取消", "cancel",
            "取消", "cancel";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_name_and_a_doc_in_both_languages() {
        for a in Action::ALL {
            for lang in [Lang::Zh, Lang::En] {
                assert!(!a.name(lang).is_empty(), "{a:?}");
                assert!(!a.doc(lang).is_empty(), "{a:?}");
            }
            assert_ne!(a.doc(Lang::Zh), a.doc(Lang::En));
        }
    }
}
