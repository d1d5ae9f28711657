//! The starter phrases `init --preset` gives a store that has none: a handful per use that
//! every desk types, and each institution's own, some for one of its categories.

use super::phrase::PhraseUse::{Feedback, Note, Reason, Result};
use super::phrase::{PhraseUse, Starter};

const fn any(use_: PhraseUse, text: &'static str) -> Starter {
    Starter {
        use_,
        category: None,
        text,
    }
}

const fn only(use_: PhraseUse, category: &'static str, text: &'static str) -> Starter {
    Starter {
        use_,
        category: Some(category),
        text,
    }
}

/// What every desk writes, whatever the institution.
const COMMON: &[Starter] = &[
    any(Note, "已电话联系信访人，核实诉求内容。"),
    any(Note, "已调取相关材料，正在核查。"),
    any(Note, "已与承办部门沟通，督促按期办理。"),
    any(Result, "经核查，反映情况属实，已责成相关部门整改到位。"),
    any(Result, "经核查，反映情况部分属实，已作出相应处理。"),
    any(Result, "经核查，反映情况不属实，已向信访人说明情况。"),
    any(Feedback, "已电话告知信访人办理结果，信访人表示理解。"),
    any(Feedback, "已将办理结果书面告知信访人。"),
    any(Reason, "情况复杂，需进一步调查核实。"),
    any(Reason, "不属于本单位职责范围。"),
    any(Reason, "办理结果未回应信访人全部诉求，请补充办理。"),
    any(Reason, "诉求内容不明确，需信访人补充材料。"),
];

const GOVERNMENT: &[Starter] = &[
    any(
        Reason,
        "属于应当通过诉讼、仲裁、行政复议等法定途径解决的事项，已告知信访人依法提出。",
    ),
    any(
        Feedback,
        "已出具书面答复意见书，并告知信访人如不服可自收到之日起30日内请求复查。",
    ),
    only(
        Result,
        "城乡建设",
        "经现场核查，已责令施工单位停止夜间施工，并由城管部门加强巡查。",
    ),
    only(
        Result,
        "劳动和社会保障",
        "经劳动保障监察机构调查，用人单位已足额支付拖欠工资。",
    ),
];

const HOSPITAL: &[Starter] = &[
    any(Note, "已与当事科室主任沟通，调阅病历资料。"),
    any(
        Feedback,
        "已向患者说明医疗纠纷可申请医疗纠纷人民调解委员会调解，或依法提起诉讼。",
    ),
    any(Reason, "涉及医疗损害赔偿，需经医疗损害鉴定后处理。"),
    only(
        Result,
        "医疗费用",
        "经核对收费明细，费用按物价部门核定标准收取，已向患者逐项解释。",
    ),
    only(
        Result,
        "服务态度",
        "已对当事医务人员进行批评教育，并纳入科室绩效考核。",
    ),
];

const SCHOOL: &[Starter] = &[
    any(Note, "已向班主任及年级组长了解情况。"),
    any(Feedback, "已与家长电话沟通，家长对处理结果表示认可。"),
    only(
        Result,
        "师德师风",
        "已对涉事教师进行约谈，责令其向学生及家长道歉。",
    ),
    only(
        Result,
        "食堂后勤",
        "已责成食堂整改，学校将加强食品安全日常检查。",
    ),
];

const KINDERGARTEN: &[Starter] = &[
    any(Feedback, "已约请家长来园面谈，说明处理情况。"),
    only(Result, "安全卫生", "已对园内设施进行安全排查，隐患已整改。"),
    only(Result, "膳食营养", "已调整带量食谱，每周向家长公示。"),
];

const NURSING_HOME: &[Starter] = &[
    any(Note, "已与老人家属电话沟通，了解具体情况。"),
    only(Result, "膳食", "已调整老人膳食安排，由营养师定期复核。"),
    only(
        Result,
        "生活照料",
        "已对护理员进行培训，并增加夜间巡查频次。",
    ),
];

const TELECOM: &[Starter] = &[
    any(Feedback, "已回访用户，告知处理结果及投诉受理单号。"),
    any(Reason, "用户未能提供相关凭证，需补充材料后处理。"),
    only(Result, "资费计费", "经核查计费详单，已为用户退还多收费用。"),
    only(Result, "网络质量", "已派维护人员现场测试，信号问题已处理。"),
];

const COURT: &[Starter] = &[
    any(Note, "已转立案庭核实案件进展情况。"),
    any(
        Reason,
        "属于诉讼程序中的事项，应依法通过上诉、申请再审等程序解决。",
    ),
    only(
        Result,
        "执行",
        "已督促执行法官加快执行进度，并向申请执行人说明执行情况。",
    ),
];

const ENTERPRISE: &[Starter] = &[
    any(Feedback, "已向客户致歉，并告知处理结果。"),
    only(
        Result,
        "产品质量",
        "经检测确认产品存在质量问题，已为客户办理退换货。",
    ),
    only(
        Result,
        "售后服务",
        "已安排售后人员上门维修，客户确认已修复。",
    ),
];

const HOTLINE: &[Starter] = &[
    any(Feedback, "已回复市民，市民对处理结果表示满意。"),
    any(Reason, "不属于本热线受理范围，已告知市民向有关部门反映。"),
    only(Result, "城市管理", "已转城市管理部门现场处置，问题已解决。"),
    only(
        Result,
        "市场监管",
        "已转市场监管部门调查，商家已退还消费者款项。",
    ),
];

/// A preset's starter set: the common phrases, then its own.
pub fn starters(preset: &str) -> impl Iterator<Item = &'static Starter> {
    let own: &[Starter] = match preset {
        "government" => GOVERNMENT,
        "hospital" => HOSPITAL,
        "school" => SCHOOL,
        "kindergarten" => KINDERGARTEN,
        "nursing-home" => NURSING_HOME,
        "telecom" => TELECOM,
        "court" => COURT,
        "enterprise" => ENTERPRISE,
        "hotline" => HOTLINE,
        _ => &[],
    };
    COMMON.iter().chain(own)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::phrase::MAX_PHRASE;
    use crate::domain::presets::{PRESETS, categories};

    /// Every starter fits a reason field, names a category its preset creates, and each preset
    /// offers some of every use.
    #[test]
    fn every_preset_has_phrases_of_every_use_that_fit_its_categories() {
        for preset in PRESETS {
            let set: Vec<&Starter> = starters(preset).collect();
            for u in PhraseUse::ALL {
                assert!(set.iter().any(|s| s.use_ == *u), "{preset} {u:?}");
            }
            for s in &set {
                assert!(s.text.chars().count() <= MAX_PHRASE as usize, "{}", s.text);
                assert_eq!(crate::domain::text::clean_line(s.text), s.text);
                if let Some(c) = s.category {
                    assert!(categories(preset).contains(&c), "{preset}: {c}");
                }
            }
        }
    }
}
