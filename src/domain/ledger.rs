//! The ledger (信访台账): the columns an office keeps of its cases, as an export writes them and
//! as an import finds them under the headers offices actually use. One list for both, so a
//! ledger exported here reads back column for column.

use serde::{Deserialize, Serialize};

use super::case::coded_enum;

coded_enum!(
    /// A column of the ledger, by the code a mapping file uses.
    Column {
        Number = "number",
        Received = "received",
        Channel = "channel",
        Kind = "kind",
        Name = "name",
        Phone = "phone",
        IdNumber = "id_number",
        Address = "address",
        Subject = "subject",
        Content = "content",
        Demands = "demands",
        Category = "category",
        Urgency = "urgency",
        Department = "department",
        State = "state",
        Result = "result",
        Resolved = "resolved",
        Satisfaction = "satisfaction",
        Anonymous = "anonymous",
        HeadCount = "head_count",
    }
);

impl Column {
    /// The header an export writes (and an import reads first).
    pub fn header(self) -> &'static str {
        self.headers()[0]
    }

    /// Headers offices write for this column, the export's own first. Matched whole, after
    /// spaces, line breaks and a trailing colon are taken out.
    pub fn headers(self) -> &'static [&'static str] {
        match self {
            Column::Number => &["编号", "受理编号", "信访编号", "案件编号", "登记编号"],
            Column::Received => &[
                "登记时间",
                "来信来访日期",
                "来访日期",
                "来信日期",
                "受理时间",
                "接收时间",
                "来电时间",
                "日期",
            ],
            Column::Channel => &["渠道", "来源", "信访形式", "反映渠道", "来信来访方式"],
            Column::Kind => &["类型", "信访类型", "性质"],
            Column::Name => &["信访人", "姓名", "来信来访人", "投诉人", "反映人", "联系人"],
            Column::Phone => &["联系电话", "电话", "手机", "手机号码", "联系方式"],
            Column::IdNumber => &["身份证号", "身份证号码", "证件号码"],
            Column::Address => &["地址", "住址", "联系地址", "家庭住址"],
            Column::Subject => &[
                "事由",
                "反映问题",
                "信访事项",
                "主要问题",
                "标题",
                "问题摘要",
            ],
            Column::Content => &[
                "内容",
                "主要诉求",
                "反映内容",
                "具体内容",
                "信访内容",
                "诉求内容",
            ],
            Column::Demands => &["诉求", "具体诉求", "要求"],
            Column::Category => &["类别", "分类", "问题类别", "问题分类"],
            Column::Urgency => &["紧急程度", "缓急"],
            Column::Department => &["承办单位", "责任部门", "承办部门", "交办单位", "责任单位"],
            Column::State => &["状态", "办理状态", "办理情况"],
            Column::Result => &["办理结果", "处理结果", "答复意见", "办理意见"],
            Column::Resolved => &["办结时间", "办结日期", "答复时间", "办结"],
            Column::Satisfaction => &["满意度", "评价", "回访结果", "是否满意"],
            Column::Anonymous => &["是否匿名", "匿名"],
            Column::HeadCount => &["人数", "来访人数"],
        }
    }

    /// The column a header names, if any.
    pub fn of_header(header: &str) -> Option<Column> {
        let h: String = header
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .trim_end_matches([':', '：'])
            .to_string();
        Column::ALL
            .iter()
            .copied()
            .find(|c| c.headers().contains(&h.as_str()))
    }

    /// Carries personal data: masked in an export unless the exporter may reveal it.
    pub fn personal(self) -> bool {
        matches!(self, Column::Phone | Column::IdNumber)
    }

    /// Carries the complainant's identity: withheld from whoever may not see a confidential
    /// reporter.
    pub fn identity(self) -> bool {
        matches!(
            self,
            Column::Name | Column::Phone | Column::IdNumber | Column::Address
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_header_names_two_columns() {
        for a in Column::ALL {
            for h in a.headers() {
                let owners: Vec<_> = Column::ALL
                    .iter()
                    .filter(|b| b.headers().contains(h))
                    .collect();
                assert_eq!(owners, [a], "{h}");
            }
        }
    }

    #[test]
    fn headers_are_found_as_offices_write_them() {
        assert_eq!(Column::of_header("来信来访日期"), Some(Column::Received));
        assert_eq!(Column::of_header(" 承办 单位："), Some(Column::Department));
        assert_eq!(Column::of_header("联系\n电话"), Some(Column::Phone));
        assert_eq!(Column::of_header("备注"), None);
        for c in Column::ALL {
            assert_eq!(Column::of_header(c.header()), Some(*c));
        }
    }
}
