//! Validation of values typed by a reviewer, field by field: returns the value as it should be
//! stored (`normalized`) or a message saying what is wrong. The extractor validates the same
//! way; the two will share one implementation once both are on main.

use chrono::{Datelike, NaiveDate};

/// Validates and normalises `raw` for the field `name`. Unknown fields are trimmed free text.
pub fn validate(name: &str, raw: &str) -> Result<String, String> {
    let v = raw.trim();
    if v.is_empty() {
        return Err("empty value: type a value, or mark the field absent instead".into());
    }
    if v.chars().count() > 200 {
        return Err("value too long (over 200 characters)".into());
    }
    if v.chars().any(|c| c.is_control()) {
        return Err("value contains control characters".into());
    }
    let today = chrono::Utc::now().date_naive();
    match name {
        "date_of_birth" => {
            let d = parse_date(v)?;
            if d > today {
                return Err(format!("date of birth {d} is in the future"));
            }
            if d.year() < 1880 {
                return Err(format!("date of birth {d} is implausibly early"));
            }
            Ok(d.format("%Y-%m-%d").to_string())
        }
        "encounter_date" => {
            let d = parse_date(v)?;
            if d.year() < 1900 || d > today + chrono::Days::new(366) {
                return Err(format!("encounter date {d} is out of range"));
            }
            Ok(d.format("%Y-%m-%d").to_string())
        }
        "sex" => sex(v),
        "mrn" => mrn(v),
        "patient_name" | "provider" => person_name(v),
        _ => Ok(v.split_whitespace().collect::<Vec<_>>().join(" ")),
    }
}

/// A real calendar date in a common US notation (`2021-02-18`, `02/18/2021`, `2/18/21`,
/// `Feb 18, 2021`, `18 Feb 2021`, `20210218`, ...), read by the extractor's own date reader;
/// two-digit years are taken as the latest year not in the future.
pub fn parse_date(v: &str) -> Result<NaiveDate, String> {
    let today = chrono::Utc::now().date_naive();
    if let Some(d) =
        crate::extract::dates::parse_date_text(v, crate::extract::dates::YearRule::Birth, today)
    {
        return Ok(d);
    }
    let s = v.trim();
    if s.chars().filter(|c| c.is_ascii_digit()).count() >= 6 && (s.contains('/') || s.contains('-'))
    {
        return Err(format!("{v:?} is not a real date (month/day/year)"));
    }
    Err(format!(
        "{v:?} is not a date (use MM/DD/YYYY or YYYY-MM-DD)"
    ))
}

fn sex(v: &str) -> Result<String, String> {
    match v.to_ascii_lowercase().as_str() {
        "f" | "female" | "w" | "woman" => Ok("F".into()),
        "m" | "male" | "man" => Ok("M".into()),
        "o" | "other" | "x" => Ok("O".into()),
        "u" | "unknown" | "unk" => Ok("U".into()),
        _ => Err(format!("{v:?} is not a sex code: F, M, O or U")),
    }
}

/// Letters and digits only, upper case; at least one digit, 4–20 characters.
fn mrn(v: &str) -> Result<String, String> {
    let body = v.trim().trim_start_matches('#').trim();
    let body = body
        .strip_prefix("MRN")
        .or_else(|| body.strip_prefix("mrn"))
        .map(|b| b.trim_start_matches([':', '#', ' ']))
        .unwrap_or(body);
    if body
        .chars()
        .any(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == ' ' || c == '.'))
    {
        return Err(format!("{v:?}: an MRN has only letters and digits"));
    }
    let n: String = body
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_uppercase();
    if !(4..=20).contains(&n.len()) || !n.chars().any(|c| c.is_ascii_digit()) {
        return Err(format!("{v:?} is not an MRN (4 to 20 letters and digits)"));
    }
    Ok(n)
}

/// "Family, Given M" or "GIVEN M. FAMILY" → "Given M Family".
fn person_name(v: &str) -> Result<String, String> {
    if v.chars().any(|c| c.is_ascii_digit()) {
        return Err(format!("{v:?}: a name has no digits"));
    }
    if v.chars()
        .any(|c| !(c.is_alphabetic() || " ,.'-".contains(c)))
    {
        return Err(format!("{v:?}: unexpected characters in a name"));
    }
    let ordered = match v.split_once(',') {
        Some((family, given)) => format!("{} {}", given.trim(), family.trim()),
        None => v.to_string(),
    };
    let words: Vec<String> = ordered
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
        .map(title_case)
        .collect();
    if words.len() < 2 {
        return Err(format!("{v:?}: give at least a given and a family name"));
    }
    Ok(words.join(" "))
}

fn title_case(w: &str) -> String {
    // Keep hyphenated and apostrophe parts capitalised: O'Brien, Smith-Jones.
    let mut out = String::new();
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == '-' || c == '\'';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            validate("date_of_birth", "10/22/1978").unwrap(),
            "1978-10-22"
        );
        assert_eq!(
            validate("date_of_birth", "1978-10-22").unwrap(),
            "1978-10-22"
        );
        assert_eq!(
            validate("date_of_birth", "Oct 22, 1978").unwrap(),
            "1978-10-22"
        );
        assert_eq!(
            validate("date_of_birth", "22 October 1978").unwrap(),
            "1978-10-22"
        );
        assert_eq!(validate("date_of_birth", "1/2/05").unwrap(), "2005-01-02");
        assert_eq!(
            validate("encounter_date", "02-18-2021").unwrap(),
            "2021-02-18"
        );
        assert!(validate("date_of_birth", "02/30/2001").is_err());
        assert!(validate("date_of_birth", "13/01/2001").is_err());
        assert!(validate("date_of_birth", "01/01/2999")
            .unwrap_err()
            .contains("future"));
        assert!(validate("date_of_birth", "yesterday").is_err());
        assert!(validate("date_of_birth", "").is_err());
    }

    #[test]
    fn sex_mrn_names() {
        assert_eq!(validate("sex", "female").unwrap(), "F");
        assert_eq!(validate("sex", "m").unwrap(), "M");
        assert!(validate("sex", "Q").is_err());
        assert_eq!(validate("mrn", "MRN: 00-236 626").unwrap(), "00236626");
        assert_eq!(validate("mrn", "ab12345").unwrap(), "AB12345");
        assert!(validate("mrn", "12").is_err());
        assert!(validate("mrn", "<script>").is_err());
        assert_eq!(
            validate("patient_name", "MILLER, KENNETH P.").unwrap(),
            "Kenneth P Miller"
        );
        assert_eq!(
            validate("patient_name", "mary-ann o'brien").unwrap(),
            "Mary-Ann O'Brien"
        );
        assert!(validate("patient_name", "Kenneth").is_err());
        assert!(validate("patient_name", "K3nneth Miller").is_err());
        assert_eq!(
            validate("provider", "Leah D. Okonkwo").unwrap(),
            "Leah D Okonkwo"
        );
    }
}
