//! Checking what users type before it becomes a record.

use crate::domain::accused::{Accused, OUTSIDE, resolve};
use crate::domain::case::{Intake, MAX_REPRESENTATIVES};
use crate::domain::number::{id_number_valid, normalize_id_number, normalize_phone};
use crate::domain::role::Department;

use super::error::{Field, Problem, ServiceError};

pub const MAX_SUBJECT: u32 = 100;
pub const MAX_CONTENT: u32 = 20_000;
pub const MAX_SHORT: u32 = 200;
pub const MAX_TEXT: u32 = 5_000;

pub use crate::domain::text::{clean, clean_line};

fn limit(field: Field, text: &str, max: u32) -> Result<(), ServiceError> {
    if text.chars().count() > max as usize {
        return Err(ServiceError::invalid(field, Problem::TooLong { max }));
    }
    Ok(())
}

/// Required free text (a reason, a result): cleaned, non-empty, within `max` characters.
pub fn required(field: Field, text: Option<&str>, max: u32) -> Result<String, ServiceError> {
    let t = clean(text.unwrap_or_default());
    if t.is_empty() {
        return Err(ServiceError::invalid(field, Problem::Empty));
    }
    limit(field, &t, max)?;
    Ok(t)
}

/// Cleans and checks an intake; resolves the accused unit to a department (see
/// `domain::accused`). `accused_dept` as sent is the user's answer when the name alone does not
/// tell: a department, or `OUTSIDE`; without an answer an unclear name is refused with the
/// departments to choose from, so a confidential report never slips past its accused unit.
pub fn intake(mut i: Intake, depts: &[Department]) -> Result<Intake, ServiceError> {
    i.subject = clean_line(&i.subject);
    i.content = clean(&i.content);
    i.demands = clean(&i.demands);
    if i.subject.is_empty() {
        return Err(ServiceError::invalid(Field::Subject, Problem::Empty));
    }
    limit(Field::Subject, &i.subject, MAX_SUBJECT)?;
    if i.content.is_empty() {
        return Err(ServiceError::invalid(Field::Content, Problem::Empty));
    }
    limit(Field::Content, &i.content, MAX_CONTENT)?;
    limit(Field::Content, &i.demands, MAX_TEXT)?;
    let c = &mut i.complainant;
    if c.anonymous {
        c.clear_identity();
    }
    c.name = clean_line(&c.name);
    c.address = clean_line(&c.address);
    limit(Field::Name, &c.name, MAX_SHORT)?;
    limit(Field::Address, &c.address, MAX_SHORT)?;
    c.phone = clean_line(&c.phone);
    if !c.phone.is_empty() {
        let digits = normalize_phone(&c.phone);
        if digits.len() < 5 || digits.len() > 15 {
            return Err(ServiceError::invalid(Field::Phone, Problem::BadFormat));
        }
    }
    c.id_number = normalize_id_number(&c.id_number);
    if !c.id_number.is_empty() && !id_number_valid(&c.id_number) {
        return Err(ServiceError::invalid(
            Field::IdNumber,
            Problem::BadCheckDigit,
        ));
    }
    c.representatives = c
        .representatives
        .iter()
        .map(|r| clean_line(r))
        .filter(|r| !r.is_empty())
        .collect();
    for r in &c.representatives {
        limit(Field::Representatives, r, MAX_SHORT)?;
    }
    if c.representatives.len() > MAX_REPRESENTATIVES {
        return Err(ServiceError::invalid(
            Field::Representatives,
            Problem::TooMany {
                max: MAX_REPRESENTATIVES as u32,
            },
        ));
    }
    if c.head_count == 0 {
        c.head_count = 1;
    }
    i.important = i.important.map(|r| clean_line(&r));
    if let Some(r) = &i.important {
        limit(Field::Important, r, MAX_SHORT)?;
    }
    i.accused_unit = i
        .accused_unit
        .map(|u| clean_line(&u))
        .filter(|u| !u.is_empty());
    if let Some(u) = &i.accused_unit {
        limit(Field::AccusedUnit, u, MAX_SHORT)?;
    }
    let answer = i.accused_dept;
    i.accused_dept = match i.accused_unit.as_deref() {
        None => None,
        Some(unit) => accused_dept(unit, answer, depts)?,
    };
    Ok(i)
}

fn accused_dept(
    unit: &str,
    answer: Option<u32>,
    depts: &[Department],
) -> Result<Option<u32>, ServiceError> {
    let found = resolve(unit, depts);
    // A unit that is clearly one of ours is that department, whatever answer came with it: an
    // answer only settles what the name leaves open.
    match (answer, &found) {
        (_, Accused::Dept(id)) => return Ok(Some(*id)),
        (Some(OUTSIDE), _) => return Ok(None),
        (Some(id), Accused::Ambiguous(ids)) if ids.contains(&id) => return Ok(Some(id)),
        (Some(id), Accused::Unknown) if depts.iter().any(|d| d.id == id) => return Ok(Some(id)),
        (Some(_), _) => return Err(ServiceError::invalid(Field::Department, Problem::NotFound)),
        (None, _) => {}
    }
    let choices = |ids: &[u32]| {
        depts
            .iter()
            .filter(|d| d.active && (ids.is_empty() || ids.contains(&d.id)))
            .map(|d| {
                if d.code.is_empty() {
                    d.name.clone()
                } else {
                    format!("{} ({})", d.name, d.code)
                }
            })
            .collect()
    };
    match found {
        Accused::Dept(id) => Ok(Some(id)),
        // Nothing to confuse it with: no department can be the accused one.
        Accused::Unknown if depts.is_empty() => Ok(None),
        Accused::Unknown => Err(ServiceError::AccusedUnitUnclear {
            unit: unit.to_string(),
            choices: choices(&[]),
        }),
        Accused::Ambiguous(ids) => Err(ServiceError::AccusedUnitUnclear {
            unit: unit.to_string(),
            choices: choices(&ids),
        }),
    }
}
