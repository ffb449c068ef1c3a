//! Dates as printed on charts: numeric US forms, ISO, and written month names.

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

/// What a date is used for decides how a two-digit year is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRule {
    /// A birth date: never in the future, so `62` is 1962 and `05` is 2005 (in 2026).
    Birth,
    /// A service date: `21` is 2021; a year more than one ahead of `today` goes back a century.
    Service,
}

/// A parsed date with how many leading tokens it used.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedDate {
    pub date: NaiveDate,
    /// Leading tokens consumed.
    pub tokens: usize,
    /// The year was printed with two digits (weaker evidence).
    pub two_digit_year: bool,
    /// Some characters had to be read as look-alike digits (O→0, l→1, S→5, B→8).
    pub repaired: bool,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

pub fn month_of(s: &str) -> Option<u32> {
    let l = s.to_ascii_lowercase();
    let l = l.trim_end_matches('.');
    if l.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    for (i, m) in MONTHS.iter().enumerate() {
        if l == *m || l == full[i] || (l == "sept" && i == 8) {
            return Some(i as u32 + 1);
        }
    }
    None
}

/// Reads OCR look-alikes as digits inside a token that is meant to be numeric.
pub fn repair_digits(s: &str) -> (String, bool) {
    let mut changed = false;
    let out: String = s
        .chars()
        .map(|c| {
            let d = match c {
                'O' | 'o' | 'D' | 'Q' | '@' => '0',
                'l' | 'I' | 'i' | '|' | '!' | ']' | '[' => '1',
                'S' | 's' => '5',
                'B' => '8',
                'Z' | 'z' => '2',
                'G' => '6',
                _ => c,
            };
            if d != c {
                changed = true;
            }
            d
        })
        .collect();
    (out, changed)
}

fn year_of(y: &str, rule: YearRule, today: NaiveDate) -> Option<(i32, bool)> {
    let n: i32 = y.parse().ok()?;
    match y.len() {
        4 => Some((n, false)),
        2 => {
            let cy = today.year() % 100;
            let century = today.year() - cy;
            let full = match rule {
                YearRule::Birth => {
                    if n <= cy {
                        century + n
                    } else {
                        century - 100 + n
                    }
                }
                YearRule::Service => {
                    if n <= cy + 1 {
                        century + n
                    } else {
                        century - 100 + n
                    }
                }
            };
            Some((full, true))
        }
        _ => None,
    }
}

static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})([/\-.])(\d{1,2})([/\-.])(\d{4}|\d{2})$").unwrap());
static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})([/\-.])(\d{1,2})([/\-.])(\d{1,2})$").unwrap());
static MON_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Za-z]{3,9})(?:\.?([\-/'’])|\.)(\d{1,2}),?(?:[\-/,](\d{4}))?$").unwrap()
});
static DM_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})[\-/.]([A-Za-z]{3,9})\.?[\-/.]$").unwrap());
static MDY_GLUED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Za-z]{3,9})\.?(\d{1,2})(\d{4})$").unwrap());
static DMY_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})[\-/ .]([A-Za-z]{3,9})\.?[\-/ .,]*(\d{4}|\d{2})$").unwrap()
});

/// A calendar date with how it was read (None when the day does not exist).
fn dated(
    y: i32,
    m: u32,
    d: u32,
    tokens: usize,
    two_digit_year: bool,
    repaired: bool,
) -> Option<ParsedDate> {
    NaiveDate::from_ymd_opt(y, m, d).map(|date| ParsedDate {
        date,
        tokens,
        two_digit_year,
        repaired,
    })
}

/// A four-digit year as printed.
fn four_digits(s: &str) -> bool {
    s.len() == 4 && s.chars().all(|ch| ch.is_ascii_digit())
}

/// A date's word without the brackets, quotes and specks OCR read around it.
pub(super) fn clean(tok: &str) -> &str {
    let mark = |c: char| {
        matches!(
            c,
            '(' | ')'
                | '['
                | ']'
                | '|'
                | ';'
                | ':'
                | '"'
                | '\''
                | '*'
                | '‘'
                | '’'
                | '“'
                | '”'
                | '`'
        )
    };
    // "(DOB 10/27/1946)," in prose: brackets and the comma after them both go.
    // (A speck before a date is read as a dot: ".10 JUL 1953"; a pen's stroke before a
    // large written value as "§=", "}" or a guillemet: "§=09/22/1932", "«12/6/1933".)
    tok.trim_start_matches(|c: char| {
        mark(c) || matches!(c, '-' | '.' | '§' | '=' | '{' | '}' | '~' | '«' | '»')
    })
    .trim_end_matches(|c: char| mark(c) || c == ',' || c == '.')
}

/// Parses a whole typed or queried date (a reviewer's correction, a search filter): every
/// token must belong to the date, no look-alike repairs, plus the compact `20210218`.
pub fn parse_date_text(s: &str, rule: YearRule, today: NaiveDate) -> Option<NaiveDate> {
    let s = s.trim().trim_end_matches('.');
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    let tokens: Vec<&str> = s.split_whitespace().collect();
    let r = parse_date(&tokens, rule, today)?;
    (r.tokens == tokens.len() && !r.repaired).then_some(r.date)
}

/// Parses a date at the start of `tokens` (each a printed word). Tries one-token forms
/// (03/14/1962, 14-Mar-1962, 1962-03-14) and three/two-token written forms
/// (March 14, 1962; 14 Mar 1962; Mar 14 1962). Invalid calendar dates are rejected.
pub fn parse_date(tokens: &[&str], rule: YearRule, today: NaiveDate) -> Option<ParsedDate> {
    let r = parse_date_raw(tokens, rule, today)?;
    if rule == YearRule::Birth && r.two_digit_year && r.date > today {
        let date = r.date.with_year(r.date.year() - 100)?;
        return Some(ParsedDate { date, ..r });
    }
    Some(r)
}

fn parse_date_raw(tokens: &[&str], rule: YearRule, today: NaiveDate) -> Option<ParsedDate> {
    let first = clean(tokens.first()?);
    if first.is_empty() {
        return None;
    }
    // "03/1 2/2002": a numeric date OCR split at a space inside a number. Neither half is a
    // date; joined, they are one (counted as a repair).
    if let Some(second) = tokens.get(1).map(|t| clean(t)) {
        let half = |s: &str| {
            s.chars().filter(|c| matches!(c, '/' | '-' | '.')).count() == 1
                && s.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
                && s.starts_with(|c: char| c.is_ascii_digit())
                && s.ends_with(|c: char| c.is_ascii_digit())
        };
        if half(first) && half(second) {
            let joined = format!("{first}{second}");
            if let Some(r) = parse_date_raw(&[joined.as_str()], rule, today) {
                return Some(ParsedDate {
                    tokens: 2,
                    repaired: true,
                    ..r
                });
            }
        }
    }
    // One token, numeric.
    let looks_numeric = first.chars().filter(|c| c.is_ascii_digit()).count() >= 3;
    if looks_numeric {
        let (rep, repaired) = repair_digits(first);
        if let Some(c) = NUMERIC.captures(&rep) {
            if c[2] == c[4] {
                let (m, d): (u32, u32) = (c[1].parse().ok()?, c[3].parse().ok()?);
                // "92/05/1971": a month of 90-something is a zero read as a nine.
                let (m, repaired) = if (91..=99).contains(&m) {
                    (m - 90, true)
                } else {
                    (m, repaired)
                };
                let (y, two) = year_of(&c[5], rule, today)?;
                return dated(y, m, d, 1, two, repaired);
            }
        }
        if let Some(c) = ISO.captures(&rep) {
            if c[2] == c[4] {
                let y: i32 = c[1].parse().ok()?;
                let (m, d): (u32, u32) = (c[3].parse().ok()?, c[5].parse().ok()?);
                return dated(y, m, d, 1, false, repaired);
            }
        }
    }
    // "O6-MAY-2023": a look-alike in the day before a written month.
    let (dmy, dmy_repaired) = match first.char_indices().find(|(_, c)| !c.is_alphanumeric()) {
        Some((i, _)) if (1..=2).contains(&i) && first[i..].len() > 4 => {
            let (day, changed) = repair_digits(&first[..i]);
            (format!("{day}{}", &first[i..]), changed)
        }
        _ => (first.to_string(), false),
    };
    if let Some(c) = DMY_TEXT.captures(&dmy) {
        let d: u32 = c[1].parse().ok()?;
        let m = month_of(&c[2])?;
        let (y, two) = year_of(&c[3], rule, today)?;
        return dated(y, m, d, 1, two, dmy_repaired);
    }
    // "Jul-7 2022", "Jul-07-2022": the month joined to the day ("Jul'12 2022": the joint
    // read as an apostrophe, counted as a repair).
    if let Some(c) = MON_DAY.captures(first) {
        if let Some(m) = month_of(&c[1]) {
            let d: u32 = c[3].parse().ok()?;
            let joined_year = c.get(4).map(|y| (y.as_str().to_string(), 1));
            let next_year = tokens
                .get(1)
                .map(|t| clean(t))
                .filter(|t| four_digits(t))
                .map(|t| (t.to_string(), 2));
            if let Some((y, n)) = joined_year.or(next_year) {
                let (y, two) = year_of(&y, rule, today)?;
                let joint = c.get(2).map_or("", |j| j.as_str());
                return dated(y, m, d, n, two, matches!(joint, "'" | "’"));
            }
        }
    }
    // "08-AUG- 2012": the year parted from the rest; "Apr61949": month, day and year glued
    // (a four-digit year last, so the cut is unambiguous; counted as a repair).
    if let Some(c) = DM_OPEN.captures(first) {
        if let (Some(m), Some(y)) = (month_of(&c[2]), tokens.get(1).map(|t| clean(t))) {
            if four_digits(y) {
                let d: u32 = c[1].parse().ok()?;
                let (y, _) = year_of(y, rule, today)?;
                return dated(y, m, d, 2, false, false);
            }
        }
    }
    if let Some(c) = MDY_GLUED.captures(first) {
        if let Some(m) = month_of(&c[1]) {
            let d: u32 = c[2].parse().ok()?;
            let (y, _) = year_of(&c[3], rule, today)?;
            return dated(y, m, d, 1, false, true);
        }
    }
    // "August 13,1955": OCR lost the space after the comma ("Jun 9.2002": or read it as a
    // dot; not after a mark, which may have been a digit: "Oct. [8.2012" for 18). ("Mar.
    // 1,.1985": a speck after the comma.)
    if tokens.len() >= 2 {
        let comma = clean(tokens[1]).split_once(',');
        let dot = clean(tokens[1])
            .split_once('.')
            .filter(|_| tokens[1].starts_with(|c: char| c.is_ascii_digit()));
        if let (Some(m), Some((d, y))) = (month_of(clean(tokens[0])), comma.or(dot)) {
            let y = y.trim_start_matches('.');
            if four_digits(y) {
                if let (Ok(d), Some((y, _))) = (d.parse::<u32>(), year_of(y, rule, today)) {
                    return dated(y, m, d, 2, false, false);
                }
            }
        }
    }
    // "Sep 151951": OCR lost the space between day and year (a four-digit year only, so
    // the cut is unambiguous); counted as a repair.
    if tokens.len() >= 2 {
        let dy = clean(tokens[1]);
        if let Some(m) = month_of(clean(tokens[0])) {
            if (5..=6).contains(&dy.len()) && dy.chars().all(|ch| ch.is_ascii_digit()) {
                let (d, y) = dy.split_at(dy.len() - 4);
                if let (Ok(d), Some((y, _))) = (d.parse::<u32>(), year_of(y, rule, today)) {
                    if let Some(r) = dated(y, m, d, 2, false, true) {
                        return Some(r);
                    }
                }
            }
        }
    }
    // Written forms over several tokens.
    if tokens.len() >= 3 {
        let a = clean(tokens[0]);
        let b = clean(tokens[1]);
        let c = clean(tokens[2]);
        let year = |s: &str| -> Option<(i32, bool)> {
            // "1944emale": the next word glued to the year by OCR.
            let s = match s.char_indices().nth(4) {
                Some((i, _))
                    if s[..i].chars().all(|ch| ch.is_ascii_digit())
                        && s[i..].chars().all(|ch| ch.is_ascii_alphabetic()) =>
                {
                    &s[..i]
                }
                _ => s,
            };
            let digits = s.chars().all(|ch| ch.is_ascii_digit());
            let four = s.len() == 4 && digits;
            // A two-digit year only when marked ('62) or after a comma (March 14, 62).
            let two =
                s.len() == 2 && digits && (tokens[2].starts_with('\'') || tokens[1].ends_with(','));
            if four || two {
                year_of(s, rule, today)
            } else {
                None
            }
        };
        // March 14, 1962 / Mar 14 1962
        if let (Some(m), Ok(d)) = (
            month_of(a),
            b.trim_end_matches(|ch: char| ch.is_ascii_alphabetic())
                .parse::<u32>(),
        ) {
            if let Some((y, two)) = year(c) {
                return dated(y, m, d, 3, two, false);
            }
        }
        // 14 March 1962; "Ol AUG 2018": a look-alike in the day before a written month
        // (counted as a repair).
        let (day, day_repaired) = if a.len() <= 2 {
            repair_digits(a)
        } else {
            (a.to_string(), false)
        };
        if let (Ok(d), Some(m)) = (day.parse::<u32>(), month_of(b)) {
            if let Some((y, two)) = year(c) {
                return dated(y, m, d, 3, two, day_repaired);
            }
        }
    }
    None
}

/// A plausible birth date: not after `today` and not more than 120 years before.
pub fn plausible_birth(d: NaiveDate, today: NaiveDate) -> bool {
    d <= today && today.year() - d.year() <= 120
}

/// A plausible service date: from 1950 up to a year ahead of `today`.
pub fn plausible_service(d: NaiveDate, today: NaiveDate) -> bool {
    d.year() >= 1950 && d <= today + chrono::Days::new(366)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }
    fn p(s: &str, rule: YearRule) -> Option<NaiveDate> {
        let toks: Vec<&str> = s.split_whitespace().collect();
        parse_date(&toks, rule, today()).map(|d| d.date)
    }
    fn d(y: i32, m: u32, dd: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, dd)
    }

    #[test]
    fn ocr_glued_written_dates() {
        assert_eq!(p("August 13,1955", YearRule::Birth), d(1955, 8, 13));
        assert_eq!(
            p("November 19, 1944emale", YearRule::Birth),
            d(1944, 11, 19)
        );
        assert_eq!(p("May 12, 19x4", YearRule::Birth), None);
        // A one read as a square bracket.
        assert_eq!(p("06/20/]4", YearRule::Birth), d(2014, 6, 20));
    }

    #[test]
    fn every_printed_format() {
        let b = YearRule::Birth;
        assert_eq!(p("03/14/1962", b), d(1962, 3, 14));
        assert_eq!(p("3/14/62", b), d(1962, 3, 14));
        assert_eq!(p("14-Mar-1962", b), d(1962, 3, 14));
        assert_eq!(p("14-MAR-62", b), d(1962, 3, 14));
        assert_eq!(p("March 14, 1962", b), d(1962, 3, 14));
        assert_eq!(p("Mar 14 1962", b), d(1962, 3, 14));
        assert_eq!(p("14 March 1962", b), d(1962, 3, 14));
        assert_eq!(p("1962-03-14", b), d(1962, 3, 14));
        assert_eq!(p("03-14-1962", b), d(1962, 3, 14));
        assert_eq!(p("03.14.1962", b), d(1962, 3, 14));
        assert_eq!(p("(04/11/2014", b), d(2014, 4, 11));
        assert_eq!(p("Sept. 5, 2013", b), d(2013, 9, 5));
        assert_eq!(p("Jul-7 2022", b), d(2022, 7, 7));
        assert_eq!(p("Jul-07-2022", b), d(2022, 7, 7));
        assert_eq!(p("‘Nov 25 1970", b), d(1970, 11, 25));
        assert_eq!(p("08-AUG- 2012", b), d(2012, 8, 8));
        assert_eq!(p("‘|-09/21/1961", b), d(1961, 9, 21));
        // A month joined to a number that is no day, or no year after it: not a date.
        assert_eq!(p("Jul-7", b), None);
        assert_eq!(p("Jul-7 14:30", b), None);
        assert_eq!(p("Jul-42 2022", b), None);
    }

    #[test]
    fn a_numeric_date_split_at_a_space_is_joined() {
        let r = parse_date(&["03/1", "2/2002", "Self"], YearRule::Birth, today()).unwrap();
        assert_eq!(r.date, d(2002, 3, 12).unwrap());
        assert_eq!(r.tokens, 2);
        assert!(r.repaired);
        // Two halves that make no date, or a whole date before a number: not joined.
        assert_eq!(p("5/17 3/4", YearRule::Service), None);
        let r = parse_date(&["6/16/2014", "6/17/2014"], YearRule::Service, today()).unwrap();
        assert_eq!((r.date, r.tokens), (d(2014, 6, 16).unwrap(), 1));
    }

    #[test]
    fn a_dot_for_the_space_or_comma_of_a_written_date() {
        assert_eq!(p("Jun 9.2002", YearRule::Birth), d(2002, 6, 9));
        assert_eq!(p("MAR.17 1983", YearRule::Birth), d(1983, 3, 17));
        assert_eq!(p("Mar. 17, 1983", YearRule::Birth), d(1983, 3, 17));
        // A decimal after a month is no day and year.
        assert_eq!(p("Jun 9.5", YearRule::Birth), None);
        // A mark before the day may have been a digit.
        assert_eq!(p("Oct. [8.2012", YearRule::Service), None);
    }

    #[test]
    fn a_speck_before_a_date_is_no_part_of_it() {
        assert_eq!(p(".10 JUL 1953", YearRule::Birth), d(1953, 7, 10));
        assert_eq!(p("§=09/22/1932", YearRule::Birth), d(1932, 9, 22));
        assert_eq!(p("~=«07/08/74", YearRule::Birth), d(1974, 7, 8));
        assert_eq!(p("Mar. 1,.1985", YearRule::Service), d(1985, 3, 1));
        assert_eq!(p("«(01/19/15", YearRule::Birth), d(2015, 1, 19));
        assert_eq!(p(".03/14/1962", YearRule::Birth), d(1962, 3, 14));
    }

    #[test]
    fn two_digit_years() {
        assert_eq!(p("1/18/05", YearRule::Birth), d(2005, 1, 18));
        assert_eq!(
            p("1/18/27", YearRule::Birth),
            d(1927, 1, 18),
            "a birth date is never in the future"
        );
        assert_eq!(p("1/18/27", YearRule::Service), d(2027, 1, 18));
        assert_eq!(p("1/18/45", YearRule::Service), d(1945, 1, 18));
    }

    #[test]
    fn invalid_dates_rejected() {
        assert_eq!(p("02/30/1962", YearRule::Birth), None);
        assert_eq!(p("13/01/1962", YearRule::Birth), None);
        assert_eq!(p("31-Jun-2001", YearRule::Birth), None);
        assert_eq!(p("555-0138", YearRule::Birth), None);
        assert_eq!(p("(319) 555-0138", YearRule::Birth), None);
        assert_eq!(p("12/2020", YearRule::Birth), None);
        assert_eq!(p("03/14-1962", YearRule::Birth), None);
    }

    #[test]
    fn lookalike_day_before_a_written_month() {
        let r = parse_date(&["Ol", "AUG", "2018"], YearRule::Birth, today()).unwrap();
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2018, 8, 1).unwrap());
        assert!(r.repaired);
        assert!(parse_date(&["Dr", "May", "2020"], YearRule::Service, today()).is_none());
    }

    #[test]
    fn ocr_lookalikes_in_numeric_dates() {
        let r = parse_date(&["O3/l4/1962"], YearRule::Birth, today()).unwrap();
        assert_eq!(r.date, d(1962, 3, 14).unwrap());
        assert!(r.repaired);
        let r = parse_date(&["@1/03/1949"], YearRule::Birth, today()).unwrap();
        assert_eq!(r.date, d(1949, 1, 3).unwrap());
        assert!(r.repaired);
        for (toks, date) in [
            (vec!["92/05/1971"], d(1971, 2, 5)),
            (vec!["Apr61949"], d(1949, 4, 6)),
        ] {
            let r = parse_date(&toks, YearRule::Birth, today()).unwrap();
            assert_eq!(Some(r.date), date);
            assert!(r.repaired);
        }
        let r = parse_date(&["O6-MAY-2023"], YearRule::Service, today()).unwrap();
        assert_eq!(r.date, d(2023, 5, 6).unwrap());
        assert!(r.repaired);
        let r = parse_date(&["Jul'12", "2022"], YearRule::Service, today()).unwrap();
        assert_eq!((r.date, r.tokens), (d(2022, 7, 12).unwrap(), 2));
        assert!(r.repaired);
    }

    proptest! {
        #[test]
        fn format_then_parse_round_trips(days in 0i64..40000, fmt in 0usize..6) {
            let date = NaiveDate::from_ymd_opt(1920, 1, 1).unwrap() + chrono::Days::new(days as u64);
            let s = match fmt {
                0 => date.format("%m/%d/%Y").to_string(),
                1 => date.format("%-m/%-d/%Y").to_string(),
                2 => date.format("%d-%b-%Y").to_string(),
                3 => date.format("%B %-d, %Y").to_string(),
                4 => date.format("%Y-%m-%d").to_string(),
                _ => date.format("%b %d %Y").to_string(),
            };
            prop_assert_eq!(p(&s, YearRule::Service), Some(date));
        }

        #[test]
        fn two_digit_birth_years_are_never_in_the_future(y in 0u32..100, m in 1u32..13, dd in 1u32..29) {
            let s = format!("{m}/{dd}/{y:02}");
            let got = p(&s, YearRule::Birth).unwrap();
            prop_assert!(got <= today());
            prop_assert!(today().year() - got.year() <= 100);
        }
    }
}
