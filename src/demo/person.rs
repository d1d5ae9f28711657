//! Synthetic complainants: names, mobile numbers, resident ID numbers, addresses.

use std::fmt::Write as _;

use super::corpus::{data, one};
use super::rng::Rng;
use crate::domain::number::id_number_check_digit;

/// A complainant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub phone: String,
    pub id_number: String,
    pub address: String,
}

pub(super) fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

pub(super) fn full_name(rng: &mut Rng, male: bool, birth_year: u64) -> String {
    let mut s = String::with_capacity(12);
    if rng.chance(3) {
        s.push_str(one(rng, data::RARE_SURNAMES));
    } else {
        let total: u64 = data::SURNAMES.iter().map(|x| u64::from(x.1)).sum();
        let mut r = rng.below(total);
        for &(surname, w) in data::SURNAMES {
            if r < u64::from(w) {
                s.push_str(surname);
                break;
            }
            r -= u64::from(w);
        }
    }
    let (chars, old) = if male {
        (data::MALE_CHARS, data::OLD_MALE_NAMES)
    } else {
        (data::FEMALE_CHARS, data::OLD_FEMALE_NAMES)
    };
    if birth_year < 1965 && rng.chance(40) {
        s.push_str(one(rng, old));
    } else {
        s.push_str(one(rng, chars));
        if rng.chance(70) {
            s.push_str(one(rng, chars));
        }
    }
    s
}

/// A complainant: realistic name, mobile number, resident ID number (born
/// 1940–2005, valid check digit, sex digit matching the name) and address.
pub fn person(rng: &mut Rng) -> Person {
    let male = rng.chance(50);
    // Triangular over 1940..=2005, peaking in the early 1970s.
    let year = 1940 + rng.below(34) + rng.below(33);
    let month = rng.range(1, 12);
    let day = rng.range(1, days_in_month(year, month));
    let name = full_name(rng, male, year);
    let mut phone = String::with_capacity(11);
    let _ = write!(
        phone,
        "{}{:08}",
        one(rng, data::PHONE_PREFIXES),
        rng.below(100_000_000)
    );
    let regions = if rng.chance(78) {
        data::LOCAL_REGIONS
    } else {
        data::OTHER_REGIONS
    };
    let region = one(rng, regions);
    let seq = rng.below(499) * 2 + if male { 1 } else { 2 }; // odd for men
    let mut id_number = String::with_capacity(18);
    let _ = write!(id_number, "{region}{year:04}{month:02}{day:02}{seq:03}");
    id_number.extend(id_number_check_digit(&id_number));
    let mut address = String::with_capacity(96);
    address.push_str(data::PROVINCE_CITY);
    address.push_str(one(rng, data::DISTRICTS));
    address.push_str(one(rng, data::ROADS));
    let _ = write!(address, "{}号", rng.range(1, 888));
    if rng.chance(90) {
        address.push_str(one(rng, data::COMPOUNDS));
        let (building, unit) = (rng.range(1, 28), rng.range(1, 4));
        let (floor, room) = (rng.range(1, 26), rng.range(1, 4));
        let _ = write!(address, "{building}栋{unit}单元{floor}{room:02}室");
    }
    Person {
        name,
        phone,
        id_number,
        address,
    }
}
