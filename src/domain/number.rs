//! Case numbers read out on the phone (`XF2026-00123`) and masking of personal numbers in lists.

/// `prefix` + year + `-` + a per-year sequence of at least five digits.
pub fn format_number(prefix: &str, year: i32, seq: u32) -> String {
    format!("{prefix}{year}-{seq:05}")
}

/// How a typed number is compared with stored ones: trimmed, upper case, full-width digits and
/// dashes folded (an IME in full-width mode types `ＸＦ２０２６－００１２３`).
pub fn normalize_number(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '－' | '—' | '–' => '-',
            _ => c,
        })
        .collect::<String>()
        .to_uppercase()
}

/// Digits only, without a +86 / 0086 country prefix: the key the caller-history index uses.
pub fn normalize_phone(phone: &str) -> String {
    let digits: String = normalize_number(phone)
        .chars()
        .filter(|c| c.is_ascii_digit())
        .collect();
    for prefix in ["0086", "86"] {
        if let Some(rest) = digits.strip_prefix(prefix)
            && rest.len() == 11
        {
            return rest.to_string();
        }
    }
    digits
}

/// Upper case with an `x` check digit folded, spaces removed.
pub fn normalize_id_number(id: &str) -> String {
    normalize_number(id)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// `138****5678`: the first three and last four digits of a mobile number stay visible,
/// however the number was typed (`+86 138-1234-5678`).
pub fn mask_phone(phone: &str) -> String {
    let digits = normalize_phone(phone);
    mask(if digits.len() >= 7 { &digits } else { phone }, 3, 4)
}

/// `110105********002X`: the region code and the last four stay visible.
pub fn mask_id_number(id: &str) -> String {
    mask(id, 6, 4)
}

fn mask(text: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    if chars.len() <= head + tail {
        // Too short to keep both ends: show only the last two.
        let keep = chars.len().min(2);
        let hidden = chars.len() - keep;
        return "*".repeat(hidden) + &chars[hidden..].iter().collect::<String>();
    }
    let mut out: String = chars[..head].iter().collect();
    out.push_str(&"*".repeat(chars.len() - head - tail));
    out.extend(&chars[chars.len() - tail..]);
    out
}

/// The ISO 7064 MOD 11-2 check character of an 18-character resident ID
/// number, given its first 17 characters. `None` unless they are 17 ASCII digits.
pub fn id_number_check_digit(first17: &str) -> Option<char> {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let bytes = first17.as_bytes();
    if bytes.len() != 17 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = bytes
        .iter()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    Some(CHECK[(sum % 11) as usize])
}

/// Whether an 18-character resident ID number (GB 11643) has the right check character.
pub fn id_number_valid(id: &str) -> bool {
    let chars: Vec<char> = id.chars().collect();
    chars.len() == 18
        && id_number_check_digit(&chars[..17].iter().collect::<String>()) == Some(chars[17])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(format_number("XF", 2026, 123), "XF2026-00123");
        assert_eq!(format_number("XF", 2026, 123_456), "XF2026-123456");
        assert_eq!(
            normalize_number(" ｘｆ２０２６－００１２３ "),
            "XF2026-00123"
        );
    }

    #[test]
    fn id_check_digits() {
        assert!(id_number_valid("11010519491231002X"));
        assert!(id_number_valid("440524188001010014"));
        assert!(!id_number_valid("110105194912310021"));
        assert!(!id_number_valid("1101051949123100"));
    }

    #[test]
    fn masks() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_id_number("11010519491231002X"), "110105********002X");
        assert_eq!(mask_phone("110"), "*10");
        assert_eq!(mask_phone("+86 138-1234-5678"), "138****5678");
        assert_eq!(mask_phone(""), "");
    }

    #[test]
    fn phones_normalize() {
        assert_eq!(normalize_phone("+86 138-1234-5678"), "13812345678");
        assert_eq!(normalize_phone("0086 13812345678"), "13812345678");
        assert_eq!(normalize_phone("0512-6788 1234"), "051267881234");
    }
}
