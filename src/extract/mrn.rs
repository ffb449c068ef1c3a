//! Medical record numbers: "0048-2913", "0048 2913", "MR250809", "A6492445".

/// A parsed MRN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedMrn {
    pub raw: String,
    /// Digits and letters only, leading zeros kept, letters upper-case.
    pub normalized: String,
    pub tokens: usize,
    /// Look-alike letters were read as digits.
    pub repaired: bool,
}

/// Punctuation and specks around a value ("#:._0811231" where OCR ran the label's "#:"
/// and a speck into the number).
fn strip(t: &str) -> &str {
    t.trim_matches(|c: char| {
        matches!(
            c,
            ':' | ',' | ';' | '(' | ')' | '[' | ']' | '|' | '"' | '*' | '.' | '_' | '#'
        )
    })
}

/// Letters after the first digit that OCR confuses with digits are read as digits;
/// a leading run of letters (a prefix such as MR or A) is kept.
fn repair(s: &str) -> (String, bool) {
    let mut seen_digit = false;
    let mut changed = false;
    let out = s
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen_digit = true;
                return c;
            }
            if seen_digit {
                let d = match c {
                    'O' | 'o' | 'Q' | 'D' => Some('0'),
                    'l' | 'I' | 'i' | '|' => Some('1'),
                    'S' | 's' => Some('5'),
                    'B' => Some('8'),
                    'Z' => Some('2'),
                    _ => None,
                };
                if let Some(d) = d {
                    changed = true;
                    return d;
                }
            } else if c == 'O' || c == 'o' {
                // "O0123" at the start of an otherwise numeric MRN.
                changed = true;
                return '0';
            }
            c
        })
        .collect();
    (out, changed)
}

fn piece_ok(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') || dotted_groups(t)
}

/// "0071.8250": two digit groups of three or more with a dot between, where OCR read the
/// printed space (or a speck in it) as a dot. Not a decimal, whose fraction is short.
fn dotted_groups(t: &str) -> bool {
    t.split_once('.').is_some_and(|(a, b)| {
        [a, b]
            .iter()
            .all(|g| g.len() >= 3 && g.chars().all(|c| c.is_ascii_digit()))
    })
}

/// Parses an MRN at the start of `tokens`. `gaps[i]` is the horizontal gap before token
/// i+1 in units of line height; digit groups separated by a small gap are joined
/// ("0005 3829"). Phone numbers and dates are rejected.
pub fn parse_mrn(tokens: &[&str], gaps: &[f32]) -> Option<ParsedMrn> {
    let first = strip(tokens.first()?);
    if !piece_ok(first) {
        return None;
    }
    let mut raw = first.to_string();
    let mut used = 1;
    // Join following pure digit groups printed close by.
    while used < tokens.len() && used <= 3 {
        let t = strip(tokens[used]);
        let gap = gaps.get(used - 1).copied().unwrap_or(9.0);
        let digits_only = !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '-');
        let prev_digits = raw.chars().last().is_some_and(|c| c.is_ascii_digit());
        // "E 6964957": a one- or two-letter prefix printed apart from its digits.
        // Five digits after two letters are a state and a ZIP code ("MI 49210"), not an MRN.
        let prefix = used == 1
            && raw.len() <= 2
            && raw.chars().all(|c| c.is_ascii_uppercase())
            && t.len() >= 6;
        if digits_only && (prev_digits || prefix) && gap < 1.2 && raw.len() + t.len() <= 14 {
            raw.push(' ');
            raw.push_str(t);
            used += 1;
        } else {
            break;
        }
    }
    let compact: String = raw.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let (fixed, repaired) = repair(&compact);
    let fixed = fixed.to_ascii_uppercase();
    let digits = fixed.chars().filter(|c| c.is_ascii_digit()).count();
    let letters = fixed.len() - digits;
    if fixed.len() < 5 || fixed.len() > 14 || digits < 4 || letters > 4 {
        return None;
    }
    // Letters only as a prefix or suffix, never scattered.
    let inner_letters = fixed
        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if inner_letters.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    // A phone number (555-0138 with area code) or a date is not an MRN.
    if raw.contains('/') || raw.starts_with('(') {
        return None;
    }
    let dash_groups: Vec<&str> = raw.split(['-', ' ']).collect();
    if dash_groups.len() == 3
        && dash_groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_digit()))
        && dash_groups[0].len() <= 3
        && dash_groups[2].len() == 4
    {
        // 555-0138 style with three groups: a phone number (x-555-0138), or an SSN
        // (123-45-6789). "00-47-6289" is neither.
        let ssn = dash_groups[0].len() == 3 && dash_groups[1].len() == 2;
        if dash_groups[1].len() == 3 || ssn {
            return None;
        }
    }
    Some(ParsedMrn {
        raw,
        normalized: fixed,
        tokens: used,
        repaired,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Option<String> {
        let t: Vec<&str> = s.split_whitespace().collect();
        let gaps = vec![0.5; t.len()];
        parse_mrn(&t, &gaps).map(|p| p.normalized)
    }

    #[test]
    fn mrn_forms() {
        assert_eq!(m("0048-2913").as_deref(), Some("00482913"));
        assert_eq!(m("0048 2913").as_deref(), Some("00482913"));
        assert_eq!(m("0005 3829").as_deref(), Some("00053829"));
        assert_eq!(m("MR250809").as_deref(), Some("MR250809"));
        assert_eq!(m("A6492445").as_deref(), Some("A6492445"));
        assert_eq!(m("205-9219").as_deref(), Some("2059219"));
        assert_eq!(m("#00236626").as_deref(), Some("00236626"));
        assert_eq!(m("0O236626").as_deref(), Some("00236626"));
        assert_eq!(m("MR25O8O9").as_deref(), Some("MR250809"));
        assert_eq!(m("#:._0811231").as_deref(), Some("0811231"));
        assert_eq!(m("_0071.8250").as_deref(), Some("00718250"));
    }

    #[test]
    fn not_mrns() {
        assert_eq!(m("(319) 555-0138"), None);
        assert_eq!(m("03/14/1962"), None);
        assert_eq!(m("Male"), None);
        assert_eq!(m("123-45-6789"), None);
        assert_eq!(m("98.6"), None);
        assert_eq!(m("12-34-5678").as_deref(), Some("12345678"));
        assert_eq!(m("1.2.840.113619"), None);
        assert_eq!(m("120.5"), None);
    }

    #[test]
    fn letter_prefix_printed_apart() {
        assert_eq!(m("E 6964957").as_deref(), Some("E6964957"));
        assert_eq!(m("e 6964957"), None);
        assert_eq!(m("MI 49210"), None);
    }

    #[test]
    fn far_apart_groups_are_not_joined() {
        let t = ["00236626", "5810307611"];
        assert_eq!(parse_mrn(&t, &[4.0]).unwrap().normalized, "00236626");
    }
}
