//! 简体中文: what the service refuses, and why.

use super::Words;
use super::zh::Zh;
use crate::domain::state::{Action, Need};
use crate::service::ServiceError;
use crate::service::documents::templates::{TemplateError, TemplateProblem};

pub(super) fn error(z: &Zh, e: &ServiceError) -> String {
    match e {
        ServiceError::Store(crate::store::StoreError::InUse { path }) => format!(
            "存储目录 {path} 正被另一个进程使用；如需多人共用，请启动 `xinfang serve`。(the store is in use by another process; start `xinfang serve` to share it)"
        ),
        ServiceError::Store(crate::store::StoreError::BackupPlace { path, why }) => {
            use crate::store::BackupPlace as P;
            let zh = match why {
                P::Exists => "已存在；备份从不覆盖已有文件",
                P::InsideStore => "位于存储自身的数据目录内；请把备份写到别处",
                P::Shared => {
                    "该目录其他用户可以写入（或不属于您），备份可能被调换；请选择只有您能写入的目录，或 /tmp 这样带粘滞位的目录"
                }
            };
            format!("{path}：{zh}（{why}）")
        }
        ServiceError::Store(crate::store::StoreError::Exposed { path, chmod }) => {
            format!("目录 {path} 其他用户可以读取，请先运行 `{chmod}` 再试")
        }
        ServiceError::Store(crate::store::StoreError::RestoreUnfinished { dir, work, from }) => {
            format!(
                "恢复到 {dir} 的操作中途停止（未完成的部分在 {work}）；请重新运行 `xinfang restore {from} --data {dir}`，或删除 {work} 放弃恢复"
            )
        }
        ServiceError::Store(crate::store::StoreError::Full { path }) => format!(
            "磁盘已满：{} 无法写入。已确认的记录都在，仍可查看；腾出空间（至少 16 MB）后即可继续修改。",
            if path.is_empty() {
                "数据目录"
            } else {
                path
            }
        ),
        ServiceError::Store(crate::store::StoreError::ReadOnly(d)) => z.read_only(d),
        ServiceError::Store(s) => format!("存储错误：{s}"),
        ServiceError::NoSuchCase(n) => format!("找不到您可查看的案件 {n}"),
        ServiceError::NoSuchUser(u) => format!("没有用户 {u}"),
        ServiceError::UnknownLogin { login } => format!(
            "系统用户 {login} 尚未登记。请管理员运行：xinfang user add {login} --role … --dept …"
        ),
        ServiceError::Refused(r) => z.refusal(r),
        ServiceError::Stale {
            number,
            seen,
            current,
        } => format!(
            "案件 {number} 已被他人修改（您看到的是第 {seen} 版，现在是第 {current} 版）。请重新打开后再操作，您的修改未保存。"
        ),
        ServiceError::Missing {
            action: Action::Archive,
            need: Need::Reason,
        } => "回访不满意的案件归档须写明处理决定：已告知可申请复查、信访人放弃复查，或终结及其理由".into(),
        ServiceError::Missing { action, need } => {
            format!("{}需要填写{}", z.action(*action), z.need(*need))
        }
        ServiceError::Invalid { field, problem } => {
            format!("{}{}", z.field(*field), z.problem(*problem))
        }
        ServiceError::BeforeLastEvent { number, last } => format!(
            "案件 {number} 的上一条记录时间是 {last}，晚于现在的时间：记录不能早于它之前的记录。请检查本机时钟，本次操作未保存。"
        ),
        ServiceError::AccusedUnitUnclear { unit, choices } => format!(
            "被举报单位“{unit}”对应不到唯一的部门，请指明是哪个部门：{}；不是本单位的部门请选“非本单位部门”（命令行：--accused-dept 部门代码或名称，或 --accused-dept none）",
            choices.join("、")
        ),
        ServiceError::AccusedUnitHandles {
            number,
            other,
            department,
        } => {
            let report = if number.is_empty() {
                "本次登记的案件".to_string()
            } else {
                format!("案件 {number} ")
            };
            format!(
                "{report}是举报{department}的保密举报，案件 {other} 由{department}办理，二者不能合并或关联（保密举报不得交被举报单位办理）"
            )
        }
        ServiceError::AccusedUnit { number, department } => {
            format!("案件 {number} 举报的是{department}，不能交办给被举报单位")
        }
        ServiceError::AdminOnly => "只有管理员可以执行此操作".into(),
        ServiceError::MayNotRegister => "您的角色不能登记案件".into(),
        ServiceError::ReportsOnly => "只有信访专员、督办领导和管理员可以查看".into(),
        ServiceError::MayNotReveal => "您无权查看完整信息".into(),
        ServiceError::MayNotEdit => "您不能修改该案件的登记信息".into(),
        ServiceError::NotEmpty => "演示数据只能载入没有案件的存储".into(),
        ServiceError::Internal => {
            "服务处理这一请求时出错（程序缺陷）。请刷新后查看结果，并告知管理员。".into()
        }
        ServiceError::RecordTooLarge { max } => {
            format!("案件记录将超过 {max} 字节的上限，未保存")
        }
        ServiceError::TooLarge { max } => {
            format!("结果超过 {max} 字节，无法一次传回；请缩小范围或减少条数。")
        }
        ServiceError::BackupName(name) => format!(
            "{name}：通过服务器备份时只能给出文件名（如 nightly.xfj，不含 /，不以 . 开头），备份写入服务器的备份目录"
        ),
        ServiceError::NoBackups => "服务器以 --no-backups 启动，没有备份目录可写入".into(),
        ServiceError::Disconnected => {
            "与服务器的连接已断开，正在自动重连；这一操作未得到确认，连接恢复后请查看结果。"
                .into()
        }
        ServiceError::NoDocument { kind, number } => format!(
            "案件 {number} 当前不能由您出具《{}》：文书须与案件所处环节和您的职责相符。",
            super::zh::ZH.doc_kind(*kind)
        ),
        ServiceError::NoSuchDocument(number) => {
            format!("案件 {number} 没有这一编号的文书，或您无权查看其内容。")
        }
        ServiceError::NotAnswered { number } => format!(
            "案件 {number} 尚未答复，不能请求复查（复核）：复查针对已作出的答复；同一事项的来信请登记时关联该案件（--link {number}）。"
        ),
        ServiceError::ObjectionWindowOver {
            number,
            ended,
            basis,
        } => format!(
            "案件 {number} 的异议期已于 {ended} 届满（{basis}），不能再退回；如确不属本单位职责，请交办人员或督办领导改派。"
        ),
        ServiceError::KeyReused => {
            "这一请求的编号已用于另一项内容不同的请求（例如同一登记表提交后又改过），本次未执行。请先在收件箱中查看已登记的案件。"
                .into()
        }
        ServiceError::Reception(r) => z.reception_refusal(r),
        ServiceError::Template(t) => template(t),
    }
}

/// A template error names the file, the line and the unknown field, so an administrator can
/// mend their own template.
fn template(t: &TemplateError) -> String {
    let at = match t.line {
        Some(l) => format!("文书模板 {} 第{l}行", t.file),
        None => format!("文书模板 {}", t.file),
    };
    let detail = &t.detail;
    match (t.problem, &t.field) {
        (TemplateProblem::UnknownField, Some(f)) => {
            format!("{at}：没有字段 {f}，请改用文书可用的字段（{detail}）")
        }
        (TemplateProblem::UnknownField, None) => format!("{at}：使用了不存在的字段（{detail}）"),
        (TemplateProblem::Syntax, _) => format!("{at}有语法错误：{detail}"),
        (TemplateProblem::Unreadable, _) => format!("{at}无法读取：{detail}"),
        (TemplateProblem::TooLarge, _) => format!("{at}过大：{detail}"),
        (TemplateProblem::TooLong, _) => format!("{at}生成的文书过长或无法结束：{detail}"),
        (TemplateProblem::Other, _) => format!("{at}出错：{detail}"),
    }
}
