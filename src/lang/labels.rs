//! Every plain word of the command line and the desk: one row per key, Chinese then English.
//! A new word is one row here. Sentences built from values are `Words` methods or `Message`s.

/// Declares `L` and its two tables from rows of `Key => "中文", "English";`.
macro_rules! labels {
    ($($(#[$doc:meta])* $key:ident => $zh:literal, $en:literal;)*) => {
        /// A plain word: a label, a heading, a title or a fixed message.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum L {
            $($(#[$doc])* $key,)*
        }

        impl L {
            pub(super) fn zh(self) -> &'static str {
                match self {
                    $(L::$key => $zh,)*
                }
            }

            pub(super) fn en(self) -> &'static str {
                match self {
                    $(L::$key => $en,)*
                }
            }
        }
    };
}

labels! {
    Number => "编号", "Number";
    Received => "登记时间", "Received";
    Channel => "渠道", "Channel";
    Kind => "类型", "Kind";
    Complainant => "信访人", "Complainant";
    Phone => "电话", "Phone";
    IdNumber => "身份证号", "ID number";
    Address => "地址", "Address";
    Subject => "事由", "Subject";
    Content => "内容", "Content";
    Demands => "诉求", "Demands";
    Category => "分类", "Category";
    Urgency => "紧急程度", "Urgency";
    Important => "重要件", "Important";
    AccusedUnit => "被举报单位", "Accused unit";
    State => "状态", "State";
    Department => "承办部门", "Department";
    Due => "时限", "Due";
    Result => "办理结果", "Result";
    Feedback => "反馈", "Feedback";
    Satisfaction => "满意度", "Satisfaction";
    Timeline => "办理过程", "Timeline";
    Clocks => "办理时限", "Time limits";
    Actions => "可执行操作", "Actions";
    Links => "关联件", "Linked cases";
    Anonymous => "匿名", "anonymous";
    Confidential => "保密", "confidential";
    NoCallback => "不需回复", "no callback";
    HeadCount => "人数", "People";
    Representatives => "代表", "Representatives";
    Withheld => "（保密，承办部门不可见）", "(confidential: hidden from the handling department)";
    Unassigned => "未交办", "unassigned";
    Open => "在办", "Open";
    DueSoon => "临期", "Due soon";
    Overdue => "逾期", "Overdue";
    Total => "合计", "Total";
    Today => "今天", "Today";
    Organisation => "单位", "Organisation";
    SignedInAs => "当前用户", "Signed in as";
    Commands => "常用命令", "Commands";
    NoCases => "没有符合条件的案件。", "No cases match.";
    MoreCases => "还有更多，继续查看：", "More cases follow; continue with:";
    CalendarMissing =>
        "缺少节假日数据的年份（时限仅按周末推算）",
        "Years without holiday data (deadlines count weekends only)";
    Unsure =>
        "（该年缺少节假日数据，仅按周末推算）",
        "(no holiday data for that year: weekends only)";
    Window => "异议期", "objection window";
    Basis => "依据", "Basis";
    Running => "计时中", "running";
    Done => "已完成", "done";
    Urged => "督办次数", "Urged";
    Extension => "延期", "Extension";
    Instruction => "领导批示", "Instruction";
    TransferredTo => "转送至", "Transferred to";
    MergedInto => "已并入", "Merged into";
    Version => "版本", "Version";
    Via => "代为操作", "acting for";
    Sound => "存储完好。", "The store is sound.";
    Problems => "发现问题", "Problems found";
    Repaired => "已重建可推导的数据。", "Derived data rebuilt.";
    Workload => "部门工作量", "Workload by department";
    Holidays => "法定节假日", "Holidays";
    Workdays => "调休上班日", "Make-up working days";
    Source => "来源", "Source";
    NoData => "没有该年的节假日数据。", "No holiday data for that year.";
    Preset => "预设", "Preset";
    DueSoonDays => "临期提醒（工作日）", "Due soon (working days)";
    ExtensionMax => "最长延期（日）", "Longest extension (days)";
    HolidayShiftOn =>
        "按日计算的期间最后一日为法定休假日的，顺延至休假日后第一个工作日（《民法典》第二百零三条）",
        "A period in days ending on a rest day ends on the next working day (Civil Code §203)";
    HolidayShiftOff =>
        "按日计算的期间到最后一日届满，不因休假日顺延",
        "A period in days ends on its last day, rest day or not";
    Hotline => "热线时限表", "Hotline limits";
    Saved => "已保存", "Saved";
    CaseNumberIs => "案件编号", "Case number";
    Edited => "修改登记信息", "intake corrected";
    Viewed => "查看完整", "viewed full";
    WindowOver => "异议期已过", "objection window over";
    EmptyStore =>
        "存储中还没有案件。载入演示数据：xinfang demo --cases 2000",
        "The store has no cases yet. Load demo data: xinfang demo --cases 2000";
    WithheldShort => "（保密）", "(confidential)";
    /// A count follows.
    DemoLoaded => "已载入演示案件", "Demo cases loaded:";
    MergedFrom => "并入重复件", "duplicate merged in:";
    /// A linked case this user may not see: named, never numbered.
    HiddenCase => "（无权查看的案件）", "a case you cannot see";
    /// Older timeline events not in this view (a count follows).
    EarlierEvents => "较早的记录未显示：", "earlier events not shown:";
    Cases => "案件", "cases";
    Events => "事件", "events";
    Paused => "暂停计时", "paused";
    Level => "办理层级", "level";
    Notices => "告知", "notices";
    ReceivedBy => "接待领导", "received by";
    Investigation => "需调查", "needs investigation";
    /// The case a 复查/复核 reviews.
    ReviewOf => "复查原件", "Review of";
    /// 终结: a 复核 answered; the matter is not accepted again.
    Final => "终结", "final (终结)";
    /// Sent for 阅批, no instruction yet.
    InstructionPending => "待阅批", "awaiting a leader's instruction";
    /// Why the case may not be accepted (终结, or asked too late).
    Bar => "不予受理事由", "not admissible";
    ImportantRules => "重要信访事项规则", "important-letter rules";
    NoRules => "（无规则）", "(no rules)";
    Reception => "今日接待", "Visits today";
    Leader => "接待领导", "Leader";
    Title => "职务", "Title";
    Place => "地点", "Place";
    Visitor => "来访人", "Visitor";
    Booking => "预约号", "Booking";
    Booked => "已预约", "booked";
    Cancelled => "已取消", "cancelled";
    ReceivedVisit => "已接待", "received";
    NoBookings => "当日没有预约来访", "No visits booked that day";
    NoSchedule => "尚未设置领导接待日", "No reception days are set";
    When => "接待日", "Day";
    /// Days a clock stood still (a count follows).
    PausedDays => "已暂停", "paused";
    /// The petitioner may still ask for 复查/复核.
    AskWindow => "可申请复查（复核）", "review may be asked";
    AskWindowOver => "申请期已过", "review window over";
    /// How long archived cases are kept (the retention list).
    Retention => "归档保存期限", "retention of archived cases";
    ArchivedOn => "归档日期", "archived";
    DisposeBy => "到期日", "due for disposal";
    NothingToDispose => "没有保存期满、待处置的归档案件", "no archived case is due for disposal";
    KeptWithoutLimit =>
        "未设保存期限：归档案件一直保存",
        "no retention period: archived cases are kept";
    /// 复查 and 复核 together: the review levels' row of the policy.
    ReviewLevels => "复查/复核", "review";

    // The command line's own lines.
    /// `serve` found no socket to listen on.
    ServeNeedsSocket =>
        "请用 --socket 指定套接字路径（或设置 $XINFANG_SOCKET）",
        "serve needs --socket PATH (or $XINFANG_SOCKET)";
    /// `restore` with no directory to restore into.
    RestoreNeedsData =>
        "请用 --data 指定一个新的空目录，存放恢复出的存储",
        "restore needs --data DIR: a new, empty directory for the restored store";
    /// `policy important add` with no condition.
    GiveOneCondition =>
        "请给出 --channel、--collective 或 --words 之一",
        "give one of --channel, --collective or --words";
    /// `reception schedule add` with no day.
    GiveWeekdayOrDate => "请给出 --weekday 或 --date", "give --weekday or --date";
    /// The summary's short list of commands.
    CmdList => "我的待办", "your inbox";
    CmdAdd => "登记案件", "register a case";
    CmdShow => "查看案件", "show a case";
    CmdOverdue => "逾期督办清单", "the overdue list";
    CmdSearch => "搜索", "search";
    CmdDemo => "载入演示数据", "load demo data";
    CmdHelp => "全部命令", "all commands";
    /// The terminal is not UTF-8. The Chinese text keeps the English after it: on such a
    /// terminal the Chinese may not show at all.
    LocaleHelp =>
        "终端编码不是 UTF-8，中文将无法输入。请在 SSH 客户端中把字符编码设为 UTF-8（PuTTY：Window > Translation；Xshell：会话属性 > 终端 > 编码），并设置 LANG=zh_CN.UTF-8。\nThe terminal is not UTF-8: Chinese cannot be typed. Set the SSH client's character set to UTF-8 (PuTTY: Window > Translation; Xshell: Session Properties > Terminal > Encoding) and LANG=zh_CN.UTF-8.",
        "The terminal is not UTF-8: Chinese cannot be typed. Set the SSH client's character set to UTF-8 (PuTTY: Window > Translation; Xshell: Session Properties > Terminal > Encoding) and LANG=zh_CN.UTF-8.";

    // The desk's titles, prompts and status lines.
    ActionDone => "已办理", "Done:";
    AppName => "信访", "xinfang";
    AssignTitle => "交办", "Assignment";
    Assigned => "已交办", "assigned";
    CallerHistory => "来电历史", "Caller history";
    ChooseHint => "Left/Right 选择  ", "Left/Right choose  ";
    Close => "关闭", "close";
    LoadDemo => "载入", "load";
    Skip => "跳过", "skip";
    ConfigProblem => "配置文件有误，已用默认值：", "A settings file has a problem; defaults used: ";
    ConfirmTitle => "确认", "Confirm";
    DetailTitle => "案件", "Case";
    DraftSaved => "草稿已保存", "draft saved";
    Drafts => "草稿", "drafts";
    EmptyTitle => "空存储", "Empty store";
    ExportFailed => "导出失败：", "Export failed: ";
    ExportName => "逾期督办", "overdue";
    ExportedTo => "已导出到 ", "Exported to ";
    /// The header's mark while the server is away.
    Offline => "连接中断", "OFFLINE";
    TestStore => "测试库", "TEST STORE";
    AccusedDept => "被举报部门", "Accused dept.";
    NotOurDept => "非本单位部门", "Not one of ours";
    Reconnected =>
        "已重新连接服务器，屏幕已刷新",
        "Reconnected to the server; the screen is up to date";
    ExtensionShort => "待延", "ext?";
    FieldFull => "已达该栏字数上限", "This field is full";
    FillThisField => "请填写此栏", "Please fill in this field";
    FilterLabel => "筛选 /", "Filter /";
    HelpTitle => "帮助（按键由键位表生成）", "Help (from the live keymap)";
    InboxTitle => "收件箱", "Inbox";
    IntakeTitle => "登记", "Intake";
    KeptAsDraft => "未保存的登记已存为草稿", "The unsaved intake was kept as a draft";
    LinkHint => "关联到同一事项的在办件", "links to an open case on the same matter";
    LinkedTo => "关联到", "Linked to";
    Loading => "正在载入…", "Loading…";
    LoadingDemo => "正在载入演示数据…", "Loading demo data…";
    NewToday => "今日新件", "new today";
    NoActions => "您在此状态下没有可执行的操作", "You have no action on this case in this state";
    NoDrafts => "没有未保存的登记草稿", "No unsaved intake drafts";
    NoHistory =>
        "输入电话或身份证号后显示该来访人以往案件",
        "Type a phone or ID number to see the caller's earlier cases";
    NoPendingExtension => "该件没有待批的延期申请", "No extension request is waiting on this case";
    NothingLate => "没有逾期或临期的案件。", "No case is late or due soon.";
    OfferDemo =>
        "存储中还没有案件。按 Enter 或 d 载入 2000 件演示案件（可随时重新开始）；按 Esc 跳过。",
        "The store has no cases yet. Press Enter or d to load 2,000 demo cases; Esc to skip.";
    OverdueTitle => "逾期督办", "Overdue";
    Palette => "命令面板", "Command palette";
    PasteTooLong =>
        "粘贴内容超出该栏上限，未粘贴",
        "The paste is longer than the field allows; nothing was pasted";
    PickCategory => "按分类筛选", "Filter by category";
    PickPhrase => "常用语（输入文字或拼音首字母查找）", "Canned phrases (type text or pinyin initials)";
    NoPhrases => "这一栏没有常用语", "No canned phrases for this field";
    PhraseNote => "办理记录", "note";
    PhraseResult => "办理结果", "result";
    PhraseFeedback => "反馈告知", "feedback";
    PhraseReason => "理由", "reason";
    AllCategories => "全部分类", "all categories";
    NoPhrasesStored => "没有常用语", "No canned phrases";
    Phrases => "常用语", "Canned phrases";
    PickChannel => "按渠道筛选", "Filter by channel";
    PickDepartment => "选择部门", "Department";
    PickDraft =>
        "未保存的登记草稿（Enter 恢复，Esc 稍后）",
        "Unsaved intake drafts (Enter resume, Esc later)";
    PickState => "按状态筛选", "Filter by state";
    ReceivedShort => "日期", "Date";
    Refused => "被拒绝", "refused";
    ResolveOnSpot => "当场办结", "Resolved now";
    SameMatter => "可能是同一事项的在办件", "Open cases that may be the same matter";
    SavedHint => "请向来电人读出编号。", "Read the number to the caller.";
    SavedTitle => "已登记，编号", "Registered as";
    TooSmall => "窗口太小，请调整到至少", "The window is too small; make it at least";
    UrgedShort => "督", "urged ";
    /// The desk's worker thread, which calls the service, is gone: nothing more can be done.
    WorkerStopped =>
        "后台服务线程已停止，无法继续办理；请退出后重新打开",
        "service worker stopped; quit and start the desk again";
    /// The 接待领导 field's first choice: the visit was not received by a leader.
    NoLeader => "无（非领导接待）", "none (not received by a leader)";
    /// After a leader's name in the 接待领导 field: they receive today.
    ReceivesToday => "今日接待", "receives today";
    /// On the timeline: a document was issued (its kind, number and method follow).
    IssuedDoc => "出具", "Issued";
    /// On the timeline: the gateway took an issued document.
    SentOk => "已发送", "Sent";
    /// On the timeline: the gateway did not take it.
    SentFailed => "发送失败", "Not sent";
    /// Where a document is stamped, under its 落款.
    Seal => "〔印章〕", "[seal]";
    /// The desk's documents menu (d in a case).
    PickDocument => "出具文书", "Issue a document";
    /// After choosing a document: how it is given to the petitioner.
    PickMethod => "送达方式", "How it is given";
    NoDocuments => "本案此时没有您可出具的文书", "No document of this case is yours to issue now";
    /// A document issued and saved (its kind, number and file follow).
    DocumentSaved => "已出具", "Issued";
    /// Issued and recorded, but the Word file could not be written (why follows).
    DocumentNotSaved => "文书已出具并记入办理过程，但 Word 文件未能保存：", "The document is issued and recorded, but its Word file could not be saved: ";
    /// No SMS or e-mail gateway: the text is read out on the phone instead.
    ReadOut => "未配置短信、邮件发送网关：请电话向信访人宣读以下内容（已记为电话告知）", "No SMS or e-mail gateway: read this to the petitioner on the phone (recorded as told by phone)";
    /// `documents_dir` in config.toml is wrong: said at the start; no Word file is written.
    DocumentsDirUnset => "config.toml 中的 documents_dir 有误，文书不能保存为文件", "documents_dir in config.toml is wrong: documents cannot be saved as files";
}
