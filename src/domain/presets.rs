//! The policy presets: each institution's clocks, with the legal or rule basis of each figure.

use super::calendar::DayUnit;
use super::case::Urgency;
use super::deadline::{Anchor, HotlineRow, Limit, Policy, Stage, StageRule};
use super::important::default_rules;

/// Every preset, in the order help texts name them. `institution` is the generic procedure of
/// the source documents: stores written by older builds carry it, and it stays a preset of its
/// own so that they open with the figures they had.
pub const PRESETS: [&str; 10] = [
    "government",
    "hospital",
    "school",
    "kindergarten",
    "nursing-home",
    "telecom",
    "court",
    "enterprise",
    "hotline",
    "institution",
];

const fn months(n: u32) -> Limit {
    Limit {
        days: n,
        unit: DayUnit::Months,
    }
}

/// A stage with a longer limit when the handling needs investigation (需调查).
fn two_limits(rule: StageRule, investigated: Limit) -> StageRule {
    StageRule {
        investigated: Some(investigated),
        ..rule
    }
}

/// The basis of a figure the site set itself (a policy's legal data, in Chinese like the rest).
pub const SITE_RULE: &str = "本单位规定";

/// Where no source gives a figure the default is the site's to change; the basis says so.
fn no_figure(what: &str, default: &str) -> String {
    format!("来源资料未定{what}，取{default}（本单位规定，可在 policy set 中修改）")
}

/// 院长接待日 (court): the basis text of the court's reception days, which `reception
/// schedule` shows under the preset's Tuesdays and Fridays; its 遇节假日顺延 is the rule
/// `reception::bookable` keeps for every schedule.
pub const COURT_RECEPTION: &str = "法院信访工作程序（来源资料）：每周二、周五为院长接待日，由院长或副院长接待来访群众；遇节假日顺延";

fn stage(stage: Stage, from: Anchor, limit: Limit, basis: &str) -> StageRule {
    StageRule {
        stage,
        from,
        limit,
        multi_dept: None,
        investigated: None,
        basis: basis.to_string(),
    }
}

/// The regulation sets no separate period for the written reply, so it is due within the
/// handling period (extensions included); the text says so.
const GOV_REPLY: &str = "《信访工作条例》第三十二条、第三十四条：办理意见以书面答复意见书告知信访人；条例未另定答复期限，取办理期限：自受理之日起60日内（延期的随之延长）";

impl Policy {
    pub fn preset(name: &str) -> Option<Policy> {
        let base = Policy {
            preset: name.to_string(),
            stages: Vec::new(),
            hotline: Vec::new(),
            review: None,
            review_basis: String::new(),
            extension_max_days: 30,
            due_soon_days: 3,
            holiday_shift: true,
            recheck_basis: String::new(),
            review_window: None,
            important: default_rules(),
            retention: None,
            retention_basis: String::new(),
            notices_from: None,
        };
        let p = match name {
            "government" => Policy {
                stages: vec![
                    stage(
                        Stage::Acceptance,
                        Anchor::Received,
                        Limit::calendar(15),
                        "《信访工作条例》第二十二条、第二十三条：登记后15日内转送、交办或书面告知",
                    ),
                    stage(
                        Stage::Notice,
                        Anchor::Received,
                        Limit::calendar(15),
                        "《信访工作条例》第二十二条、第二十三条：不能当场告知的，自收到信访事项之日起15日内书面告知信访人（受理、不予受理或转送、交办去向）",
                    ),
                    stage(
                        Stage::Objection,
                        Anchor::Assigned,
                        Limit::working(5),
                        "《信访工作条例》第二十三条：不属于本机关职权范围的，5个工作日内提出异议",
                    ),
                    stage(
                        Stage::Handling,
                        Anchor::Accepted,
                        Limit::calendar(60),
                        "《信访工作条例》第三十四条：自受理之日起60日内办结；情况复杂的，经批准可延长，不超过30日",
                    ),
                    stage(
                        Stage::Feedback,
                        Anchor::Accepted,
                        Limit::calendar(60),
                        GOV_REPLY,
                    ),
                    stage(
                        Stage::ExtensionNotice,
                        Anchor::Extended,
                        Limit::working(5),
                        "《信访工作条例》第三十四条：延长期限的，应当告知信访人延期理由；条例未定告知期限，本单位取批准延期后5个工作日（可在 policy set 中修改）",
                    ),
                    stage(
                        Stage::ReviewWindow,
                        Anchor::Replied,
                        Limit::calendar(30),
                        "《信访工作条例》第三十五条、第三十六条：对处理意见不服的，可自收到书面答复之日起30日内请求复查；对复查意见不服的，可自收到书面复查意见之日起30日内请求复核",
                    ),
                ],
                review: Some(Limit::calendar(30)),
                review_basis: "《信访工作条例》第三十五条：自收到复查请求之日起30日内提出复查意见，并予以书面答复".into(),
                recheck_basis: "《信访工作条例》第三十六条：自收到复核请求之日起30日内提出复核意见；复核后信访人仍不服的，不再受理".into(),
                review_window: Some(Limit::calendar(30)),
                ..base
            },
            "institution" => Policy {
                stages: vec![
                    stage(
                        Stage::Acceptance,
                        Anchor::Received,
                        Limit::working(3),
                        &no_figure("受理期限", "收到后3个工作日内受理"),
                    ),
                    stage(
                        Stage::Handling,
                        Anchor::Accepted,
                        Limit::working(15),
                        "投诉处理程序（来源资料）：15个工作日内办结",
                    ),
                    stage(
                        Stage::Feedback,
                        Anchor::Resolved,
                        Limit::calendar(7),
                        "投诉处理程序（来源资料）：办结后7日内将结果反馈投诉人",
                    ),
                    stage(
                        Stage::FollowUp,
                        Anchor::Answered,
                        Limit::working(5),
                        &no_figure("回访期限", "反馈后5个工作日内回访"),
                    ),
                ],
                extension_max_days: 15,
                ..base
            },
            "hospital" => Policy {
                stages: vec![
                    StageRule {
                        multi_dept: Some(Limit::working(10)),
                        ..stage(
                            Stage::Feedback,
                            Anchor::Received,
                            Limit::working(5),
                            "《医疗机构投诉管理办法》（2019）：首诉负责，能当场核查处理的当场处理；需调查、核实的，一般自接到投诉之日起5个工作日内反馈；涉及多个科室、需组织协调的，自接到投诉之日起10个工作日内反馈",
                        )
                    },
                    stage(
                        Stage::FollowUp,
                        Anchor::Answered,
                        Limit::working(5),
                        &no_figure("回访期限", "反馈后5个工作日内回访"),
                    ),
                ],
                extension_max_days: 10,
                ..base
            },
            "school" => Policy {
                stages: vec![
                    stage(
                        Stage::Acceptance,
                        Anchor::Received,
                        Limit::working(3),
                        &no_figure("受理告知期限", "收到后3个工作日内登记受理并告知"),
                    ),
                    two_limits(
                        stage(
                            Stage::Feedback,
                            Anchor::Received,
                            Limit::calendar(7),
                            "学校投诉处理程序（来源资料）：能直接答复的，自收到投诉之日起一周内答复；需调查核实的，一个月内答复",
                        ),
                        months(1),
                    ),
                    stage(
                        Stage::FollowUp,
                        Anchor::Answered,
                        Limit::working(5),
                        &no_figure("回访期限", "答复后5个工作日内回访"),
                    ),
                ],
                extension_max_days: 15,
                ..base
            },
            "kindergarten" => Policy {
                stages: vec![
                    stage(
                        Stage::Acceptance,
                        Anchor::Received,
                        Limit::working(1),
                        "幼儿园家长投诉处理制度（来源资料）：接到投诉后24小时内响应，按1个工作日计",
                    ),
                    stage(
                        Stage::Feedback,
                        Anchor::Received,
                        Limit::working(5),
                        "幼儿园家长投诉处理制度（来源资料）：自接到投诉之日起5个工作日内处理完毕并反馈结果",
                    ),
                    stage(
                        Stage::FollowUp,
                        Anchor::Answered,
                        Limit::working(5),
                        &no_figure("回访期限", "反馈后5个工作日内回访"),
                    ),
                ],
                extension_max_days: 10,
                ..base
            },
            "nursing-home" => Policy {
                stages: vec![
                    stage(
                        Stage::Acceptance,
                        Anchor::Received,
                        Limit::working(3),
                        &no_figure("受理期限", "收到后3个工作日内受理"),
                    ),
                    stage(
                        Stage::Handling,
                        Anchor::Accepted,
                        Limit::working(15),
                        &no_figure("办理期限", "通用投诉处理程序的15个工作日"),
                    ),
                    stage(
                        Stage::Feedback,
                        Anchor::Resolved,
                        Limit::calendar(7),
                        &no_figure("反馈期限", "通用投诉处理程序的办结后7日内反馈"),
                    ),
                    stage(
                        Stage::FollowUp,
                        Anchor::Answered,
                        Limit::working(5),
                        &no_figure("回访期限", "反馈后5个工作日内回访"),
                    ),
                ],
                extension_max_days: 15,
                ..base
            },
            "telecom" => Policy {
                stages: vec![
                    stage(
                        Stage::Feedback,
                        Anchor::Received,
                        Limit::calendar(15),
                        "《电信用户申诉处理办法》：用户先向电信业务经营者投诉，经营者自接到投诉之日起15日内答复（办法未规定延长）；逾期未答复或用户不满意的，用户可向电信用户申诉受理机构申诉",
                    ),
                    stage(
                        Stage::FollowUp,
                        Anchor::Answered,
                        Limit::working(5),
                        &no_figure("回访期限", "答复后5个工作日内回访"),
                    ),
                ],
                extension_max_days: 0,
                ..base
            },
            "court" => Policy {
                stages: vec![
                    stage(
                        Stage::Acceptance,
                        Anchor::Received,
                        Limit::calendar(15),
                        "涉诉信访来源资料未另定期限，参照《信访工作条例》第二十二条、第二十三条：登记后15日内转送、交办或书面告知",
                    ),
                    stage(
                        Stage::Handling,
                        Anchor::Accepted,
                        Limit::calendar(60),
                        "涉诉信访来源资料未另定期限，参照《信访工作条例》第三十四条：自受理之日起60日内办结；情况复杂的，经批准可延长，不超过30日",
                    ),
                    stage(
                        Stage::Feedback,
                        Anchor::Accepted,
                        Limit::calendar(60),
                        "法院信访答复制度（来源资料）：已作出处理的，将处理结果书面答复信访人；未另定期限，取办理期限：自受理之日起60日内（延期的随之延长）",
                    ),
                ],
                ..base
            },
            "enterprise" => Policy {
                stages: vec![
                    stage(
                        Stage::Acceptance,
                        Anchor::Received,
                        Limit::working(3),
                        &no_figure("受理期限", "收到后3个工作日内受理"),
                    ),
                    stage(
                        Stage::Handling,
                        Anchor::Assigned,
                        Limit::working(15),
                        "企业投诉举报处理程序（来源资料）：交由被投诉单位办理的，15个工作日内作出回应",
                    ),
                    stage(
                        Stage::Feedback,
                        Anchor::Resolved,
                        Limit::calendar(7),
                        &no_figure("反馈期限", "通用投诉处理程序的办结后7日内反馈"),
                    ),
                    stage(
                        Stage::FollowUp,
                        Anchor::Answered,
                        Limit::working(5),
                        &no_figure("回访期限", "反馈后5个工作日内回访"),
                    ),
                ],
                extension_max_days: 15,
                ..base
            },
            "hotline" => Policy {
                stages: vec![
                    stage(
                        Stage::Acceptance,
                        Anchor::Received,
                        Limit::working(1),
                        &no_figure("派单时限（热线条例只定机制，时限由热线管理机构设定）", "1个工作日内派单"),
                    ),
                    stage(
                        Stage::Handling,
                        Anchor::Assigned,
                        Limit::working(5),
                        "《潍坊市12345政务服务便民热线条例》第二十条、《济南市12345市民服务热线条例》第二十四条：承办单位5个工作日内办理答复；特急件当日、紧急件3个工作日取自一地派单规定（派单目录按紧急程度和类别设定，可修改）",
                    ),
                    stage(
                        Stage::FollowUp,
                        Anchor::Answered,
                        Limit::working(1),
                        &no_figure("回访期限（《北京市接诉即办工作条例》第二十三条只定回访制度）", "答复后1个工作日内回访"),
                    ),
                ],
                hotline: vec![
                    HotlineRow {
                        urgency: Some(Urgency::Critical),
                        category: None,
                        limit: Limit::working(0),
                    },
                    HotlineRow {
                        urgency: Some(Urgency::Urgent),
                        category: None,
                        limit: Limit::working(3),
                    },
                    HotlineRow {
                        urgency: None,
                        category: None,
                        limit: Limit::working(5),
                    },
                ],
                extension_max_days: 10,
                ..base
            },
            _ => return None,
        };
        let (retention, basis) = retention(name);
        Some(Policy {
            retention: Some(retention),
            retention_basis: basis.to_string(),
            ..p
        })
    }
}

/// Three years: 《民法典》第一百八十八条's ordinary limitation period, so a case's materials
/// outlive any claim the complainant could still bring over the matter.
const LIMITATION: &str = "来源资料未定保存期限，取《民法典》第一百八十八条诉讼时效3年：自归档之日起保存3年（可在 policy set 中修改）";

/// Public bodies' case files: the regulation sets no period, so the shortest term archives
/// are commonly kept for.
const PUBLIC_FILES: &str = "《信访工作条例》未定保存期限；《机关文件材料归档范围和文书档案保管期限规定》（国家档案局令第8号）分永久、定期30年、定期10年，取最短的10年，自归档之日起计；重要信访事项应延长（可在 policy set 中修改）";

/// How long a preset keeps an archived case, and why.
fn retention(name: &str) -> (Limit, &'static str) {
    match name {
        "nursing-home" => (
            months(24),
            "养老机构投诉处理程序（来源资料）：投诉材料保存两年，自归档之日起计",
        ),
        "government" | "court" | "hotline" => (months(120), PUBLIC_FILES),
        _ => (months(36), LIMITATION),
    }
}

/// The categories `init --preset` creates in a store that has none: what each institution's
/// complaints are commonly about.
pub fn categories(preset: &str) -> &'static [&'static str] {
    match preset {
        "government" => &[
            "城乡建设",
            "劳动和社会保障",
            "教育",
            "卫生健康",
            "自然资源",
            "生态环境",
            "农业农村",
            "民政",
            "涉法涉诉",
            "检举控告",
            "其他",
        ],
        "hospital" => &[
            "医疗质量",
            "服务态度",
            "医疗费用",
            "医德医风",
            "就医环境",
            "药品器械",
            "其他",
        ],
        "school" => &[
            "教育教学",
            "师德师风",
            "校园安全",
            "收费",
            "食堂后勤",
            "招生学籍",
            "其他",
        ],
        "kindergarten" => &[
            "保育教育",
            "师德师风",
            "安全卫生",
            "膳食营养",
            "收费",
            "其他",
        ],
        "nursing-home" => &[
            "生活照料",
            "医疗护理",
            "膳食",
            "服务态度",
            "收费",
            "安全",
            "其他",
        ],
        "telecom" => &[
            "资费计费",
            "网络质量",
            "业务办理",
            "营销宣传",
            "服务态度",
            "个人信息",
            "其他",
        ],
        "court" => &["立案", "审判", "执行", "诉讼服务", "审判作风", "其他"],
        "enterprise" => &[
            "产品质量",
            "售后服务",
            "服务态度",
            "收费",
            "违规违纪举报",
            "其他",
        ],
        "hotline" => &[
            "城市管理",
            "市场监管",
            "交通出行",
            "住房保障",
            "劳动就业",
            "公共服务",
            "其他",
        ],
        "institution" => &["服务质量", "工作作风", "收费", "其他"],
        _ => &[],
    }
}

#[cfg(test)]
#[path = "presets_tests.rs"]
mod tests;
