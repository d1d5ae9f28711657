//! The policy presets: each institution's clocks, with the legal or rule basis of each figure.

use super::case::Urgency;
use super::deadline::{Anchor, HotlineRow, Limit, Policy, Stage, StageRule};
use super::important::default_rules;

pub const PRESETS: [&str; 4] = ["government", "institution", "hospital", "hotline"];

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

const SITE: &str = "本单位规定（可在 policy set 中修改）";

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
                    stage(Stage::Acceptance, Anchor::Received, Limit::working(3), SITE),
                    stage(
                        Stage::Handling,
                        Anchor::Accepted,
                        Limit::working(15),
                        "投诉处理程序：15个工作日内办结",
                    ),
                    stage(
                        Stage::Feedback,
                        Anchor::Resolved,
                        Limit::calendar(7),
                        "投诉处理程序：办结后7日内将结果反馈投诉人",
                    ),
                    stage(Stage::FollowUp, Anchor::Answered, Limit::working(5), SITE),
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
                            "《医疗机构投诉管理办法》：一般5个工作日内反馈，涉及多个科室的10个工作日内反馈",
                        )
                    },
                    stage(Stage::FollowUp, Anchor::Answered, Limit::working(5), SITE),
                ],
                extension_max_days: 10,
                ..base
            },
            "hotline" => Policy {
                stages: vec![
                    stage(
                        Stage::Acceptance,
                        Anchor::Received,
                        Limit::working(1),
                        "派单时限（站点设定）",
                    ),
                    stage(
                        Stage::Handling,
                        Anchor::Assigned,
                        Limit::working(5),
                        "工单办理时限，按紧急程度和类别确定",
                    ),
                    stage(
                        Stage::FollowUp,
                        Anchor::Answered,
                        Limit::working(1),
                        "回访制度：办结答复后回访（站点设定）",
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
        Some(p)
    }
}
