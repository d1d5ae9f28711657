//! What an intake correction changed: a case view names the fields instead of repeating the
//! whole intake in every event (the current intake is on the case itself).

use serde::{Deserialize, Serialize};

use super::case::Intake;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IntakeField {
    Channel,
    Kind,
    Name,
    Phone,
    IdNumber,
    Address,
    Anonymous,
    Confidential,
    NoCallback,
    HeadCount,
    Representatives,
    Subject,
    Content,
    Demands,
    Category,
    Urgency,
    Important,
    AccusedUnit,
    ReviewOf,
}

impl Intake {
    /// The fields in which `self` differs from `before`, in form order.
    pub fn changed_from(&self, before: &Intake) -> Vec<IntakeField> {
        use IntakeField as F;
        let (a, b) = (&self.complainant, &before.complainant);
        [
            (F::Channel, self.channel != before.channel),
            (F::Kind, self.kind != before.kind),
            (F::Name, a.name != b.name),
            (F::Phone, a.phone != b.phone),
            (F::IdNumber, a.id_number != b.id_number),
            (F::Address, a.address != b.address),
            (F::Anonymous, a.anonymous != b.anonymous),
            (F::Confidential, a.confidential != b.confidential),
            (F::NoCallback, a.no_callback != b.no_callback),
            (F::HeadCount, a.head_count != b.head_count),
            (F::Representatives, a.representatives != b.representatives),
            (F::Subject, self.subject != before.subject),
            (F::Content, self.content != before.content),
            (F::Demands, self.demands != before.demands),
            (F::Category, self.category != before.category),
            (F::Urgency, self.urgency != before.urgency),
            (F::Important, self.important != before.important),
            (
                F::AccusedUnit,
                self.accused_unit != before.accused_unit
                    || self.accused_dept != before.accused_dept,
            ),
            (F::ReviewOf, self.review_of != before.review_of),
        ]
        .into_iter()
        .filter_map(|(f, changed)| changed.then_some(f))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{Channel, Complainant, Kind};

    #[test]
    fn names_only_what_changed() {
        let before = Intake::new(
            Channel::Phone,
            Kind::Complaint,
            Complainant {
                name: "王建国".into(),
                phone: "13812345678".into(),
                ..Complainant::default()
            },
            "电梯故障",
            "小区电梯长期故障",
        );
        let mut after = before.clone();
        after.complainant.phone = "13912345678".into();
        after.subject = "电梯长期故障".into();
        assert_eq!(
            after.changed_from(&before),
            vec![IntakeField::Phone, IntakeField::Subject]
        );
        assert!(before.changed_from(&before).is_empty());
    }
}
