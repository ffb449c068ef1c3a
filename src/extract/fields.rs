//! Candidates for each field from labels and geometry, then the choice per field.

use super::dates::{parse_date, plausible_birth, plausible_service, YearRule};
use super::doctype::DocType;
use super::labels::{self, DateKind, Hit, Kind, Role, Target};
use super::layout::{bbox_of, conf_of, Line, Tok};
use super::mrn::parse_mrn;
use super::names::{one_character_off, parse_name};
use super::{Blank, Evidence, FieldValue};
use crate::model::BBox;
use chrono::NaiveDate;

/// Where a value was found relative to its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Right,
    Below,
    Above,
    Unlabelled,
}

#[derive(Debug, Clone)]
pub struct Cand {
    pub target: Target,
    pub priority: i32,
    pub raw: String,
    pub normalized: String,
    /// 0..1: how well the value validates (a real date, a plausible DOB...).
    pub validity: f64,
    pub ocr: f64,
    pub page_idx: usize,
    pub line: usize,
    pub dir: Dir,
    pub toks: Vec<Tok>,
    /// Regions whose pixels decide a doubt OCR's words cannot (an empty middle-initial box,
    /// the stretch after a family name), and the doubt `validity` took until they are seen
    /// blank (`Blank`).
    pub blank: Option<Blank>,
}

/// A word OCR made of a handwritten signature: read at almost no confidence, and only of the
/// zigzag letters a scribble's strokes look like ("AVAVAV AS", "Acan An", "NAV AV").
fn scribble(t: &Tok) -> bool {
    t.conf < 30.0
        && t.raw.chars().filter(|c| c.is_alphabetic()).all(|c| {
            matches!(
                c.to_ascii_lowercase(),
                'a' | 'v' | 'w' | 'n' | 'm' | 'i' | 'o' | 'c' | 's'
            )
        })
}

/// The doubt on a name from Last / First boxes with no middle-initial caption read, until
/// the pixels after the given name show blank (`after_word`): under the review threshold.
const NO_CAPTION_DOUBT: f64 = 0.82;

/// Where a word OCR missed after a name part would be (a middle initial lost with its
/// caption after the given name, a suffix after the family name): from the part to the
/// next word on its line (or some forty text heights on), the line's height. Ink there
/// that OCR did not read is what the doubt waits on (`reread::ink`).
fn after_word(l: &Line, part: &Cand) -> Option<BBox> {
    let right = part.toks.iter().map(|t| t.bbox.right()).max()? as f32;
    let next = l
        .toks
        .iter()
        .map(|t| t.bbox.x as f32)
        .filter(|&x| x > right)
        .fold(f32::INFINITY, f32::min);
    let x0 = right + 0.5 * l.h;
    let x1 = (next - 0.3 * l.h).min(right + 40.0 * l.h);
    let pad = 0.2 * l.h;
    let y0 = (l.top as f32 - pad).max(0.0);
    (x1 - x0 > l.h).then(|| {
        BBox::new(
            x0 as u32,
            y0 as u32,
            (x1 - x0) as u32,
            (l.bottom as f32 + pad - y0) as u32,
        )
    })
}

/// The stretch after a family name printed in its own box, where a suffix OCR lost would
/// be; none when a suffix was read.
fn suffix_box(lines: &[Line], last: &Cand, suffix_read: bool) -> Option<BBox> {
    if suffix_read {
        return None;
    }
    after_word(lines.get(last.line)?, last)
}

/// A value parsed at the start of some tokens: (raw, normalized, tokens used, validity).
fn parse_value(
    t: Target,
    toks: &[Tok],
    line: &Line,
    offset: usize,
    today: NaiveDate,
) -> Option<(String, String, usize, f64)> {
    if toks.is_empty() {
        return None;
    }
    let raws: Vec<&str> = toks.iter().map(|t| t.raw.as_str()).collect();
    match t {
        // A suffix box holds one suffix and nothing else; the label's own hint
        // ("SUFFIX (Jr, Sr, III)") lists several and is not a value.
        Target::NamePart(3) => {
            let s = super::names::suffix_of(raws[0])?;
            let more = raws[1..]
                .iter()
                .take_while(|r| !r.ends_with(':'))
                .any(|r| super::names::suffix_of(r).is_some() || r.contains(['(', ')']));
            (!raws[0].contains(['(', ')']) && !more)
                .then(|| (raws[0].to_string(), s.to_string(), 1, 1.0))
        }
        Target::NamePart(k) => {
            // A family name may start with particles ("van der Berg").
            let lead = if k == 2 && super::names::particle_run_ends_in_name(&raws) {
                raws.iter()
                    .take_while(|r| super::names::is_particle(r))
                    .count()
            } else {
                0
            };
            // A hyphenated family name OCR split after its hyphen ("Hughes- Wright"): one
            // word.
            let split_hyphen = k == 2
                && raws[lead].ends_with('-')
                && raws
                    .get(lead + 1)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()))
                && line.gap_after(offset + lead) <= 1.0;
            let joined = format!("{}{}", raws[lead], raws.get(lead + 1).unwrap_or(&""));
            let first = if split_hyphen {
                joined.as_str()
            } else {
                raws[lead]
            };
            // In its own box a name part may come out of OCR in lower case ("jerome").
            let (p, fixed) = super::names::name_part_read(first)?;
            if p.chars().next().is_some_and(|c| c.is_lowercase()) && p.len() < 3 {
                return None;
            }
            let mut words: Vec<String> = raws[..lead]
                .iter()
                .map(|r| super::names::particle_text(r))
                .collect();
            words.push(p);
            // A double given name in one box ("Ana Sofia"): the next words at word spacing,
            // whole words only (an initial close by belongs to the middle-initial box).
            let mut used = lead + 1 + usize::from(split_hyphen);
            while k == 0 && used < raws.len() && used <= lead + 2 {
                let next = raws[used];
                let Some(w) = super::names::name_part(next) else {
                    break;
                };
                if next.ends_with(':')
                    || w.chars().count() < 2
                    || !w.starts_with(|c: char| c.is_uppercase())
                    || line.gap_after(offset + used - 1) > 1.0
                {
                    break;
                }
                words.push(w);
                used += 1;
            }
            let mut normalized = super::names::title_case(&words.join(" "));
            // A suffix after the family name in its box ("Quintero Jr" under "Last Name"), as
            // suffixes are written ("III", not "Iii").
            if k == 2 {
                if let Some(sfx) = raws
                    .get(used)
                    .and_then(|r| super::names::suffix_of(r))
                    .filter(|_| line.gap_after(offset + used - 1) <= 1.0)
                {
                    normalized = format!("{normalized} {sfx}");
                    used += 1;
                }
            }
            Some((
                raws[..used]
                    .join(" ")
                    .trim_end_matches([',', ';'])
                    .to_string(),
                normalized,
                used,
                if fixed { 0.85 } else { 1.0 },
            ))
        }
        Target::Name | Target::Provider(_) => {
            // A signature scribble OCR read as capital letters, at almost no confidence,
            // before the typed name ("VAVAVAW Nathaniel J. Bhattacharya"): skipped. A family
            // name's particle read as poorly is the name's own ("dela Cruz, Yolanda A."): kept.
            // A lone mark between the label and the name ("NAME: . MOREAU, HORACE O.") too.
            // A given name read poorly before a middle initial ("Ulrich L. Mwangi" with
            // Ulrich at 18 %) is the name's: a scribble is not a capitalised word of lower
            // case letters followed by an initial.
            let given_before_initial = |k: usize| {
                let w = toks[k].raw.as_str();
                let mut cs = w.chars();
                let word = cs.next().is_some_and(|c| c.is_uppercase())
                    && w.chars().count() >= 3
                    && cs.all(|c| c.is_lowercase());
                let initial = toks.get(k + 1).is_some_and(|n| {
                    let i = n.raw.trim_end_matches(['.', ',']);
                    i.len() == 1 && i.chars().all(|c| c.is_ascii_uppercase())
                });
                word && initial
            };
            let lead = toks
                .iter()
                .enumerate()
                .take(2)
                .take_while(|&(k, t)| {
                    toks.len() > 2
                        && ((t.conf < 30.0
                            && !given_before_initial(k)
                            && !super::names::is_particle(&t.raw)
                            // A family name's first half ("LLOYD- JONES,") is no
                            // scribble however poorly read, nor a family name and its
                            // comma ("Jankowski, Mary Ann L.") unless made only of a
                            // scribble's letters ("VACAVACD SC, Colleen H Quintero").
                            && !t.raw.ends_with('-')
                            && (!t.raw.ends_with(',') || scribble(t)))
                            || t.raw
                                .chars()
                                .all(|c| matches!(c, '.' | ',' | '-' | '_' | '~')))
                })
                .count();
            // An opening quote or a speck OCR glued to the first word ("‘La Rosa Sr, ...").
            let mut words: Vec<&str> = raws[lead..].to_vec();
            if let Some(first) = words.first_mut() {
                let bare = first.trim_start_matches(['‘', '’', '“', '”', '"', '`', '\'']);
                if !bare.is_empty() {
                    *first = bare;
                }
            }
            let p = parse_name(&words)?;
            let n = (lead + p.tokens).max(1).min(toks.len());
            if toks[lead..n].iter().all(scribble) {
                return None;
            }
            let mut validity = if p.middle.is_some() || p.family.len() > 2 {
                1.0
            } else {
                0.85
            };
            // A dropped mark inside the name may have been an initial.
            if p.doubtful_end
                || toks[lead + 1..n].iter().any(|t| t.mark_before)
                || toks[n - 1].mark_after
            {
                validity *= 0.7;
            }
            if p.repaired {
                validity *= 0.85;
            }
            // An accent on a name letter ("Pachéco"): English OCR makes them of specks over a
            // letter as readily as it reads a printed one, and which it is cannot be told.
            if p.normalized()
                .chars()
                .any(|c| c.is_alphabetic() && !c.is_ascii())
            {
                validity *= 0.8;
            }
            Some((
                raws[lead..n]
                    .join(" ")
                    .trim_end_matches([',', ';'])
                    .to_string(),
                p.normalized(),
                n,
                validity,
            ))
        }
        // Dates: the rule for two-digit years, what is plausible, and how much a two-digit
        // year weakens the reading differ between a birth date and a service date.
        Target::Dob | Target::Encounter(_) => {
            let (rule, plausible, two_digit): (_, fn(NaiveDate, NaiveDate) -> bool, _) = match t {
                Target::Dob => (YearRule::Birth, plausible_birth, 0.92),
                _ => (YearRule::Service, plausible_service, 0.95),
            };
            // A speck or two OCR read as letters between the label and the date ("DoB. Ss
            // 06/07/1925"): skipped, and the reading is less sure.
            let junk = raws.len() > 1
                && raws[0].chars().count() <= 2
                && !raws[0].chars().any(|c| c.is_ascii_digit())
                && super::dates::month_of(raws[0]).is_none();
            let (d, skip) = match parse_date(&raws, rule, today) {
                Some(d) => (d, 0),
                None if junk => (parse_date(&raws[1..], rule, today)?, 1),
                None => return None,
            };
            if !plausible(d.date, today) {
                return None;
            }
            let mut v = if skip > 0 { 0.9 } else { 1.0 };
            if d.two_digit_year {
                v *= two_digit;
            }
            if d.repaired {
                v *= 0.85;
            }
            Some((
                raws[skip..skip + d.tokens].join(" "),
                d.date.format("%Y-%m-%d").to_string(),
                skip + d.tokens,
                v,
            ))
        }
        Target::Mrn => {
            let gaps: Vec<f32> = (0..toks.len())
                .map(|i| line.gap_after(offset + i))
                .collect();
            let m = parse_mrn(&raws, &gaps)?;
            let mut validity = if m.repaired { 0.8 } else { 1.0 };
            // A mark or a box border right after the number may hide its last digit.
            if toks[m.tokens - 1].mark_after {
                validity *= 0.7;
            }
            Some((m.raw.clone(), m.normalized, m.tokens, validity))
        }
        Target::Sex => {
            // A printed choice ("(M) F (circle one)", "[X] Male [ ] Female"): the marked
            // option, and nothing when the mark cannot be told.
            if let Some(choice) = sex_choice(toks, &line.toks[offset.min(line.toks.len())..]) {
                let (i, s) = choice?;
                return Some((toks[i].raw.clone(), s.to_string(), i + 1, 0.95));
            }
            // "AGE/SEX: 54 F", "54F", "54 yo M": an age printed before the sex.
            let age_unit = |k: &str| matches!(k, "" | "y" | "yo" | "yr" | "yrs" | "years");
            let (idx, k) = {
                let k0 = toks[0].key.as_str();
                let rest = k0.trim_start_matches(|c: char| c.is_ascii_digit());
                if rest.len() == k0.len() {
                    (0, k0)
                } else if !age_unit(rest) {
                    // "74Y/F", "54yoM": the unit glued to the sex.
                    let sex = ["yrs", "yr", "yo", "y"]
                        .iter()
                        .find_map(|u| rest.strip_prefix(u).filter(|r| sex_of(r).is_some()));
                    (0, sex.unwrap_or(rest))
                } else if toks
                    .get(1)
                    .is_some_and(|t| rest.is_empty() && age_unit(&t.key))
                {
                    (2, toks.get(2)?.key.as_str())
                } else {
                    (1, toks.get(1)?.key.as_str())
                }
            };
            let s = sex_of(k)?;
            // An option whose box the pixels show empty is the one not chosen.
            if toks[idx].box_before == Some(false) {
                return None;
            }
            Some((
                toks[idx]
                    .raw
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_string(),
                s.to_string(),
                idx + 1,
                1.0,
            ))
        }
    }
}

fn sex_of(key: &str) -> Option<&'static str> {
    match key {
        "m" | "male" | "man" => Some("M"),
        "f" | "female" | "woman" => Some("F"),
        "o" | "other" | "x" | "nonbinary" => Some("O"),
        "u" | "unknown" | "unk" => Some("U"),
        _ => None,
    }
}

/// Sex printed as a list of options. None: not a list; Some(None): a list whose marked
/// option cannot be told (also when a "circle one" hint or a circle glyph shows a list of
/// which fewer than two options are legible); Some(Some((token, value))): the one marked option, circled
/// (read as "(M)") or ticked ("[X] M", "X Male", "☒ F").
/// `rest` is the line from the value on, past any wide gap (where a "(circle one)" hint sits).
/// A sex printed on its own after another value ("01/04/68 M", "(8 yr) Female"): a
/// letter or the whole word, not a word that merely starts so ("MRN").
fn lone_sex(t: &Tok) -> Option<&'static str> {
    let word = t.key.len() == 1 || matches!(t.key.as_str(), "male" | "female");
    sex_of(&t.key).filter(|_| word)
}

/// An option OCR read glued to its check box: ticked ("X]F", "XIF", "X}F", "[X]M") or
/// empty ("LIM", "[JM", "OM", "[]F"), with the sex it offers.
fn glued_box(raw: &str) -> Option<(&'static str, bool)> {
    let (i, _) = raw.char_indices().rev().find(|&(i, c)| {
        !c.is_ascii_alphabetic() || sex_of(&raw[i..].to_ascii_lowercase()).is_none()
    })?;
    let cut = i + raw[i..].chars().next()?.len_utf8();
    let (mark, word) = raw.split_at(cut);
    let sex = sex_of(&word.to_ascii_lowercase()).filter(|s| matches!(*s, "F" | "M"))?;
    let ticked = matches!(
        mark,
        "X]" | "X)" | "X}" | "XI" | "Xl" | "X|" | "X1" | "[X]" | "(X)" | "[X" | "x]" | "[x]"
    );
    let empty = matches!(
        mark,
        "[]" | "[J" | "LI" | "L]" | "LJ" | "Lj" | "[1" | "[I" | "O" | "0" | "□" | "☐" | "U"
    );
    (ticked || empty).then_some((sex, ticked))
}

fn sex_choice(toks: &[Tok], rest: &[Tok]) -> Option<Option<(usize, &'static str)>> {
    // Options glued to their boxes: the one ticked, when another option is offered.
    let glued: Vec<(usize, &str, bool)> = toks
        .iter()
        .enumerate()
        .take(8)
        .filter_map(|(i, t)| glued_box(&t.raw).map(|(s, x)| (i, s, x)))
        .collect();
    if glued.iter().any(|g| g.2) {
        let offered: std::collections::BTreeSet<&str> = toks
            .iter()
            .take(8)
            .filter_map(|t| glued_box(&t.raw).map(|g| g.0).or_else(|| lone_sex(t)))
            .collect();
        let ticked: Vec<(usize, &str)> = glued.iter().filter(|g| g.2).map(|g| (g.0, g.1)).collect();
        if offered.len() >= 2 {
            return Some(match ticked.as_slice() {
                [one] => Some(*one),
                _ => None,
            });
        }
    }
    let opts: Vec<(usize, &str)> = toks
        .iter()
        .enumerate()
        .take(8)
        .filter(|(_, t)| t.key != "x")
        .filter_map(|(i, t)| sex_of(&t.key).map(|s| (i, s)))
        .collect();
    let distinct = |v: &[(usize, &str)]| {
        v.iter()
            .map(|o| o.1)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    // Check boxes seen in the pixels decide, whatever OCR made of the boxes: the one
    // option whose box holds ink, and none when no box or more than one does.
    let boxed: Vec<(usize, &str, bool)> = opts
        .iter()
        .filter_map(|&(i, s)| toks[i].box_before.map(|c| (i, s, c)))
        .collect();
    if boxed.len() >= 2 {
        let ticked: Vec<(usize, &str)> = boxed.iter().filter(|b| b.2).map(|b| (b.0, b.1)).collect();
        return Some(match ticked.as_slice() {
            [one] => Some(*one),
            _ => None,
        });
    }
    if distinct(&opts) < 2 {
        // A list whose other options OCR lost: a circle read as a glyph ("©) F (circle
        // one)" with M circled) leaves the one unmarked option legible. Nothing then.
        // (The hint's first word read badly, "Coicie one)": its "one)" still shows it.)
        let hint = rest.iter().take(6).any(|t| {
            matches!(
                t.key.as_str(),
                "circle" | "check" | "tick" | "mark" | "select"
            ) || t.raw.trim_end_matches(['.', ',', ':', ';']) == "one)"
        });
        let glyph = rest
            .iter()
            .take(4)
            .any(|t| t.circle_before || t.raw.contains(['©', '®', '@', '○', '◯', '●', '☐', '□']));
        return (hint || glyph).then_some(None);
    }
    let tick = |r: &str| {
        let r = r.trim_matches(|c: char| c == '[' || c == ']' || c == '(' || c == ')');
        matches!(r, "x" | "X" | "☒" | "☑" | "■" | "✓" | "✔" | "v" | "V" | "/")
    };
    let marked: Vec<(usize, &str)> = opts
        .iter()
        .copied()
        .filter(|&(i, _)| {
            let r = toks[i].raw.as_str();
            let circled = r.starts_with('(') && r.trim_end_matches([':', ',']).ends_with(')');
            let ticked = i > 0 && tick(&toks[i - 1].raw);
            let glued = r.starts_with(['☒', '☑', '■', '✓', '✔'])
                || r.starts_with("[x")
                || r.starts_with("[X");
            circled || ticked || glued
        })
        .collect();
    Some(match marked.as_slice() {
        [one] => Some(*one),
        _ => None,
    })
}

fn is_section(k: Kind) -> bool {
    matches!(k, Kind::Neg { section: true })
}

/// The first token after a label at `from` that may be its value: skips a parenthesised
/// qualifier printed with the label and specks read as short lowercase words ("ae", "ise").
fn skip_qualifier(line: &Line, label_start: usize, from: usize, until: usize) -> usize {
    let toks = &line.toks;
    let mut j = from;
    // A label that runs on to its colon ("Attending of Record:", "Physician on file:").
    if from > 0 && !toks[from - 1].raw.ends_with(':') {
        let colon = (from..until.min(from + 3)).find(|&k| toks[k].raw.ends_with(':'));
        if let Some(k) = colon {
            let words = toks[from..=k]
                .iter()
                .all(|t| t.raw.trim_end_matches(':').chars().all(char::is_alphabetic));
            // (Printed close together: not the value and the next column's label,
            // "Sexi F   Ethnicity:".)
            let close = (from - 1..k).all(|g| line.gap_after(g) < 1.5);
            if words && close {
                j = k + 1;
            }
        }
    }
    // A qualifier opened inside the label ("Name (Last, First, MI):" read as label words
    // up to "First,"): its rest, up to the closing parenthesis.
    let open = toks[(label_start + 1).min(from)..from]
        .iter()
        .any(|t| t.raw.contains('(') && !t.raw.contains(')'));
    if open {
        if let Some(k) = (j..until.min(j + 4)).find(|&k| toks[k].raw.contains(')')) {
            j = k + 1;
        }
    }
    // A parenthesised choice ("(M)", circled on the form) is a value, not a qualifier.
    let short_choice = |t: &Tok| t.raw.ends_with(')') && t.key.len() <= 2;
    if j < until && toks[j].raw.starts_with('(') && !short_choice(&toks[j]) {
        let close = (j..until.min(j + 6)).find(|&k| toks[k].raw.contains(')'));
        if let Some(k) = close {
            j = k + 1;
        }
    }
    while j < until {
        let r = toks[j].raw.as_str();
        let word = r.trim_matches(|c: char| !c.is_alphanumeric());
        let speck = r.chars().count() <= 3
            && r.chars()
                .all(|c| c.is_ascii_lowercase() || !c.is_alphanumeric())
            && !matches!(word, "m" | "f" | "x" | "of")
            && !super::names::is_particle(r);
        if !speck {
            break;
        }
        j += 1;
    }
    j
}

/// Everything a page offers, for every field.
pub fn page_candidates(lines: &[Line], page_idx: usize, today: NaiveDate) -> Vec<Cand> {
    let hits: Vec<Vec<Hit>> = labels::page_labels(lines);
    let mut out = Vec::new();
    // Lines just under a distractor heading ("GUARANTOR INFORMATION") are poisoned.
    let mut poisoned_until: Option<usize> = None;
    let mut clinician_until: Option<(usize, Role)> = None;
    for (li, line) in lines.iter().enumerate() {
        let hs = &hits[li];
        // ("RESPONSIBLE PARTY / GUARANTOR": one heading may match two section labels.)
        // (Not "Subscriber: NAME (spouse) Subscriber DOB: DATE": values stand between.)
        let covered: usize = hs.iter().map(|h| h.end - h.start).sum();
        // ("If signed by a personal representative:": a short line that ends on a section
        // label and its colon announces that section, whatever words lead to it.)
        let announces = line.toks.len() <= 8
            && hs.last().is_some_and(|h| {
                is_section(h.kind)
                    && h.end == line.toks.len()
                    && line.toks[h.end - 1].raw.ends_with(':')
            });
        let heading_only = !hs.is_empty()
            && (hs.iter().all(|h| is_section(h.kind)) && line.toks.len() <= covered + 1
                || announces);
        // A label that says "patient" ends a distractor's section; a bare "NAME (Last,
        // First)" right under "RESPONSIBLE PARTY / GUARANTOR" is the guarantor's.
        let has_patient_label = hs.iter().any(|h| {
            matches!(h.kind, Kind::Field(Target::Name, p) if p >= 9)
                && line.toks[h.start..h.end]
                    .iter()
                    .any(|t| t.key.starts_with("patient") || t.key.starts_with("pt"))
        });
        if heading_only {
            poisoned_until = Some(li + 3);
        } else if has_patient_label {
            poisoned_until = None;
        }
        let poisoned = poisoned_until.is_some_and(|u| li > 0 && li <= u && !heading_only);
        // A heading naming a clinician's role ("ORDERING / REQUESTING CLINICIAN"): its
        // generic "Name" field below is the clinician's, and the heading has no value.
        // ("ATTENDING: MONTALVO, CYRUS" is a label with its value, not a heading.)
        let role_heading = !hs.is_empty()
            && line.toks.len() <= 5
            && hs
                .iter()
                .all(|h| matches!(h.kind, Kind::Field(Target::Provider(_), _)))
            && line.toks[hs[hs.len() - 1].end..]
                .iter()
                .all(|t| !t.raw.chars().any(|c| c.is_alphanumeric()))
            && line.toks.iter().all(|t| {
                !t.raw
                    .chars()
                    .any(|c| c.is_ascii_digit() || c.is_lowercase())
            });
        if role_heading {
            let role = match hs[0].kind {
                Kind::Field(Target::Provider(r), _) => r,
                _ => Role::Treating,
            };
            clinician_until = Some((li + 3, role));
        }
        let under_clinician = clinician_until.filter(|(u, _)| li <= *u).map(|(_, r)| r);
        for (hi, h) in hs.iter().enumerate() {
            let Kind::Field(mut target, mut priority) = h.kind else {
                continue;
            };
            if let (Some(role), Target::Name, true) = (under_clinician, target, h.weak) {
                (target, priority) = (Target::Provider(role), 8);
            }
            // A section distractor earlier on the line with no patient field between.
            let after_section = hs[..hi]
                .iter()
                .rev()
                .take_while(|p| !matches!(p.kind, Kind::Field(..)))
                .any(|p| is_section(p.kind));
            // Sections of other people (guarantor, contact) hold their identifiers, not the
            // document's author or service date ("Signer | Relationship | Date" headers).
            let others = !matches!(target, Target::Provider(_) | Target::Encounter(_));
            if others && (after_section || poisoned) {
                continue;
            }
            let before = out.len();
            'value: {
                // A label glued to its value: the value's first letters are lost.
                if h.weak && priority == 10 {
                    break 'value;
                }
                let next_start = hs.get(hi + 1).map(|n| n.start).unwrap_or(line.toks.len());
                // The label's own qualifier ("(First, Middle, Last)", "(mm/dd/yyyy)") and
                // scan specks OCR read as short lowercase words: not the value.
                let vstart = skip_qualifier(line, h.start, h.end, next_start);
                // Right of the label: up to the next label or a wide gap.
                let mut right: Vec<Tok> = Vec::new();
                let mut j = vstart;
                if j < next_start && line.gap_after(j - 1) < 30.0 {
                    right.push(line.toks[j].clone());
                    // Options with check boxes may stand farther apart than a value's
                    // words ("Sex: ☐ F      ☒ M").
                    let boxed = target == Target::Sex && line.toks[j].box_before.is_some();
                    let wide = if boxed { 8.0 } else { 3.0 };
                    while j + 1 < next_start && line.gap_after(j) < wide {
                        j += 1;
                        right.push(line.toks[j].clone());
                    }
                }
                let right_gap = line.gap_after(vstart - 1);
                // A row of name-part captions without colons ("LAST NAME   FIRST NAME   MI")
                // is a header: the words right of one are the next caption (OCR's "MLL."
                // for "M.I."), its value is below or above. ("Last Name: DOE  First Name:
                // JANE" holds its values.)
                let parts: Vec<&Hit> = hs
                    .iter()
                    .filter(|o| matches!(o.kind, Kind::Field(Target::NamePart(_), _)))
                    .collect();
                let caption_row = matches!(target, Target::NamePart(_))
                    && parts.len() >= 2
                    && parts
                        .iter()
                        .all(|o| !line.toks[o.end - 1].raw.ends_with([':', '#']));
                if caption_row {
                    right.clear();
                }
                if !right.is_empty() {
                    if let Some((raw, norm, n, v)) =
                        parse_value(target, &right, line, vstart, today)
                    {
                        out.push(Cand {
                            blank: None,
                            target,
                            priority,
                            raw,
                            normalized: norm,
                            validity: v,
                            ocr: conf_of(&right[..n]),
                            page_idx,
                            line: li,
                            dir: Dir::Right,
                            toks: right[..n].to_vec(),
                        });
                        // "DOB 01/04/68 M", "DOB 11/18/1996 / M": the sex printed right after
                        // the birth date, and nothing after it, as on imprints and headers
                        // (a little apart, when it ends the line: "DOB 03/22/99    F").
                        let last_apart = (n == right.len()
                            && vstart + n + 1 == line.toks.len()
                            && line.gap_after(vstart + n - 1) < 6.0)
                            .then(|| std::slice::from_ref(&line.toks[vstart + n]));
                        let after = last_apart.unwrap_or(&right[n..]);
                        if let ([sx], Target::Dob) = (after, target) {
                            if let Some(s) = lone_sex(sx) {
                                out.push(Cand {
                                    blank: None,
                                    target: Target::Sex,
                                    priority: 6,
                                    raw: sx.raw.clone(),
                                    normalized: s.to_string(),
                                    validity: 0.9,
                                    ocr: conf_of(std::slice::from_ref(sx)),
                                    page_idx,
                                    line: li,
                                    dir: Dir::Right,
                                    toks: vec![sx.clone()],
                                });
                            }
                        }
                        break 'value;
                    }
                    // Words right after the label that are not its value: a row of column
                    // headers ("Date of Service  Code  Description"); look below instead.
                    // (A hint in brackets that OCR did not close, "SUFFIX (Jr, Sr, Ill}", is
                    // the label's, and its value is below; so is a table's column rule read
                    // as "|" right after a header, "Dates of Service | Description".)
                    if right_gap < 1.5
                        && !right[0].raw.starts_with(['(', '|'])
                        && !right[0].mark_before
                    {
                        break 'value;
                    }
                }
                // Below the label, in its column.
                let col_start = line.toks[h.start].bbox.x as f32 - 1.5 * line.h;
                // (A hint in brackets after the label, "PATIENT NAME (LAST, FIRST, MI)", is
                // the label's: the column runs on to the next header.)
                let after_hint = match line.toks.get(vstart) {
                    Some(t) if t.raw.starts_with('(') => line.toks[vstart..]
                        .iter()
                        .take(5)
                        .position(|t| t.raw.ends_with([')', ':']))
                        .map_or(vstart, |k| vstart + k + 1),
                    _ => vstart,
                };
                let col_end = line
                    .toks
                    .get(after_hint)
                    .map(|t| t.bbox.x as f32 - 0.3 * line.h)
                    .unwrap_or(f32::INFINITY);
                for (bi, below) in lines.iter().enumerate().skip(li + 1).take(2) {
                    if below.top as f32 - line.bottom as f32 > 4.5 * line.h {
                        break;
                    }
                    // Words starting in the column, and the words that run on from them
                    // ("Sep 27 2020" under a narrow "Date of Service" header).
                    let mut idx: Vec<usize> = Vec::new();
                    // The widest word space taken so far: a font set wide keeps its spacing
                    // ("TRUJILLO,  TERRANCE  EUGENE" at 1.6 and 1.3 line heights).
                    let mut spacing = 0.0f32;
                    for k in 0..below.toks.len() {
                        let x = below.toks[k].bbox.x as f32;
                        let in_col = x >= col_start && x < col_end;
                        // (After a comma, a word space: "RUTHERFORD, IMELDA".)
                        let runs_on = idx.last().is_some_and(|&p| {
                            let comma = below.toks[p].raw.ends_with(',');
                            let wide = if comma {
                                2.0
                            } else {
                                0.8f32.max(1.15 * spacing)
                            };
                            p + 1 == k && below.gap_after(p) < wide
                        });
                        if runs_on {
                            spacing = spacing.max(below.gap_after(k - 1));
                        }
                        if in_col || runs_on {
                            idx.push(k);
                        } else if !idx.is_empty() {
                            break;
                        }
                    }
                    if idx.is_empty() {
                        continue;
                    }
                    // The line below is another row of labels: no value here. Nor when the
                    // words in the column run on from a label of the line below ("Address:
                    // 1330 Beacon Hill Rd, Salt Meadow, NE 68377" under an empty "Medical
                    // record #:"): they are that label's value.
                    let owned = hits[bi]
                        .iter()
                        .filter(|bh| bh.end >= 1 && bh.end <= idx[0])
                        .max_by_key(|bh| bh.end)
                        .is_some_and(|bh| {
                            below.toks[bh.end - 1].raw.ends_with(':')
                                && (bh.end - 1..idx[0]).all(|k| below.gap_after(k) < 1.5)
                        });
                    if owned || hits[bi].iter().any(|bh| bh.start == idx[0]) {
                        break;
                    }
                    let toks: Vec<Tok> = idx.iter().map(|&k| below.toks[k].clone()).collect();
                    if let Some((raw, norm, n, v)) =
                        parse_value(target, &toks, below, idx[0], today)
                    {
                        out.push(Cand {
                            blank: None,
                            target,
                            priority,
                            raw,
                            normalized: norm,
                            validity: v * 0.97,
                            ocr: conf_of(&toks[..n]),
                            page_idx,
                            line: bi,
                            dir: Dir::Below,
                            toks: toks[..n].to_vec(),
                        });
                    }
                    break;
                }
                if out.len() > before || li == 0 {
                    break 'value;
                }
                // A caption under its value (forms printed "value / label"): the line just
                // above, in the label's column, when nothing right of or below it fits.
                // (Not a label with a colon: that introduces what follows it, and "RE:
                // HORACE A, OYELARAN" read badly is no caption of the address line above.)
                // (Nor a line already taken as the values of the caption row above it: in a
                // face sheet's grid, "BIRTHDATE" under the admission row's "Jan. 14, 1995".)
                let above = &lines[li - 1];
                let colon = line.toks[h.end - 1].raw.ends_with(':');
                let taken = out.iter().any(|c: &Cand| {
                    c.line == li - 1
                        && c.dir == Dir::Below
                        && c.toks.iter().any(|t| {
                            let x = t.bbox.x as f32;
                            x >= col_start && x < col_end
                        })
                });
                if line.top as f32 - above.bottom as f32 > 2.5 * line.h
                    || !hits[li - 1].is_empty()
                    || colon
                    || taken
                {
                    break 'value;
                }
                let idx: Vec<usize> = (0..above.toks.len())
                    .filter(|&k| {
                        let x = above.toks[k].bbox.x as f32;
                        x >= col_start && x < col_end
                    })
                    .collect();
                if let Some(&k0) = idx.first() {
                    let toks: Vec<Tok> = above.toks[k0..].to_vec();
                    if let Some((raw, norm, n, v)) = parse_value(target, &toks, above, k0, today) {
                        out.push(Cand {
                            blank: None,
                            target,
                            priority: priority - 1,
                            raw,
                            normalized: norm,
                            validity: v * 0.93,
                            ocr: conf_of(&toks[..n]),
                            page_idx,
                            line: li - 1,
                            dir: Dir::Above,
                            toks: toks[..n].to_vec(),
                        });
                    }
                }
            }
            // A strong label whose value could not be read: a weaker source of the same
            // field must not pass as sure (see `choose`).
            // Only a form label counts (a colon or a gap after it), not a word of prose
            // ("the patient was admitted to ...").
            let last = &line.toks[h.end - 1];
            // ("Patient's Name (print):", "Name (Last, First):": a qualifier between the
            // label and its colon.)
            let qualified = line.toks.get(h.end).is_some_and(|t| t.raw.starts_with('('))
                && line.toks[h.end..]
                    .iter()
                    .take(4)
                    .any(|t| t.raw.ends_with("):"));
            let form_label = last.raw.ends_with([':', '#'])
                || line.gap_after(h.end - 1) > 1.5
                || h.end == line.toks.len()
                || qualified;
            // (A heading naming a clinician's role has its value in the lines under it.)
            if out.len() == before
                && (!h.weak || priority == 10)
                && priority >= 9
                && form_label
                && !role_heading
            {
                out.push(Cand {
                    blank: None,
                    target,
                    priority,
                    raw: String::new(),
                    normalized: String::new(),
                    validity: 0.0,
                    ocr: 0.0,
                    page_idx,
                    line: li,
                    dir: Dir::Unlabelled,
                    toks: vec![],
                });
            }
        }
        if !poisoned {
            out.extend(unlabelled_names(lines, &hits, li, page_idx, today));
        }
        let keys: Vec<&str> = line.toks.iter().map(|t| t.key.as_str()).collect();
        // Signature lines: "Signature of Patient  Date" under the signed date; "Physician  Date"
        // under the physician's name.
        if li > 0 && keys.len() <= 8 {
            let above = &lines[li - 1];
            let close = (line.top as f32 - above.bottom as f32) < 3.0 * line.h;
            let above_has_labels = !hits[li - 1].is_empty();
            if close && !above_has_labels {
                let sig = keys
                    .iter()
                    .any(|k| k.starts_with("signature") || *k == "signed");
                let patient = keys.iter().any(|k| k.starts_with("patient"));
                let date_label = keys.contains(&"date");
                let witness = keys
                    .iter()
                    .any(|k| k.starts_with("witness") || *k == "interpreter");
                if date_label && patient && !witness {
                    // The date over the "Date" label (or anywhere on the line above).
                    let abv: Vec<&str> = above.toks.iter().map(|t| t.raw.as_str()).collect();
                    for s in 0..abv.len() {
                        if let Some(d) = service_date(&abv[s..], today) {
                            let toks = above.toks[s..s + d.tokens].to_vec();
                            out.push(Cand {
                                blank: None,
                                target: Target::Encounter(DateKind::Signature),
                                priority: if sig { 10 } else { 8 },
                                raw: abv[s..s + d.tokens].join(" "),
                                normalized: d.date.format("%Y-%m-%d").to_string(),
                                validity: 0.95,
                                ocr: conf_of(&toks),
                                page_idx,
                                line: li - 1,
                                dir: Dir::Above,
                                toks,
                            });
                            break;
                        }
                    }
                }
                let physician_line = keys
                    .first()
                    .is_some_and(|k| *k == "physician" || *k == "surgeon" || *k == "provider")
                    || (sig && keys.iter().any(|k| *k == "physician" || *k == "surgeon"));
                if physician_line && !witness && !patient {
                    if let Some((raw, norm, n, v)) = parse_value(
                        Target::Provider(Role::Treating),
                        &above.toks,
                        above,
                        0,
                        today,
                    ) {
                        // The name is all of the words over the caption, up to a column
                        // gap: "PRAIRIE SKY FAMILY PRACTICE" over "PHYSICIAN PROGRESS
                        // NOTES" is a letterhead, not a signer.
                        if n >= segment_end(above, 0) {
                            out.push(Cand {
                                blank: None,
                                target: Target::Provider(Role::Treating),
                                priority: 9,
                                raw,
                                normalized: norm,
                                validity: v * 0.95,
                                ocr: conf_of(&above.toks[..n]),
                                page_idx,
                                line: li - 1,
                                dir: Dir::Above,
                                toks: above.toks[..n].to_vec(),
                            });
                        }
                    }
                }
            }
        }
        // Letters: the signer under "Sincerely,".
        if keys.iter().any(|k| {
            matches!(
                *k,
                "sincerely"
                    | "regards"
                    | "respectfully"
                    | "cordially"
                    | "sincerly"
                    | "thanks"
                    | "warmly"
                    | "truly"
            ) || (k.len() >= 6 && k.starts_with("sin") && strsim::levenshtein(k, "sincerely") <= 3)
        }) && keys.len() <= 4
        {
            for (bi, below) in lines.iter().enumerate().skip(li + 1).take(3) {
                // A signature read as letters: not the typed name under it.
                if conf_of(&below.toks) < 0.4 {
                    continue;
                }
                if let Some((raw, norm, n, v)) = parse_value(
                    Target::Provider(Role::Treating),
                    &below.toks,
                    below,
                    0,
                    today,
                ) {
                    // "Roger Pike / Business Office": staff sign reminders and statements;
                    // they are no clinician.
                    let staff = lines.get(bi + 1).is_some_and(|l| {
                        l.toks.len() <= 5
                            && !l.toks.iter().any(|t| super::names::is_degree_word(&t.raw))
                            && l.toks.iter().any(|t| is_staff_word(&t.key))
                    });
                    if staff {
                        break;
                    }
                    if n + 1 >= below.toks.len() {
                        out.push(Cand {
                            blank: None,
                            target: Target::Provider(Role::Treating),
                            priority: 9,
                            raw,
                            normalized: norm,
                            validity: v,
                            ocr: conf_of(&below.toks[..n]),
                            page_idx,
                            line: bi,
                            dir: Dir::Below,
                            toks: below.toks[..n].to_vec(),
                        });
                        break;
                    }
                }
            }
        }
        // A signature block with no sign-off word: a line that is only a clinician's name
        // and degree ("Ravi E. Orozco, DO"), below the page's running text, not continuing
        // a distractor's list ("cc: ..." above it).
        let prose_above = lines[..li].iter().any(|l| l.is_prose(8));
        let after_distractor = li > 0
            && hits[li - 1]
                .iter()
                .any(|h| h.start == 0 && matches!(h.kind, Kind::Neg { .. }));
        // Or a letterhead that is a clinician's own name ("Tomasz B. Nwosu, MD" heading a
        // prescription pad): the first line of the first page, weaker still. (Not a later
        // line: a letter's addressee stands near the top too.)
        let letterhead = li == 0 && page_idx == 0;
        if hs.is_empty() && (prose_above || letterhead) && !after_distractor && line.toks.len() <= 8
        {
            let degree = line
                .toks
                .iter()
                .any(|t| super::names::is_degree_word(&t.raw));
            if let Some((raw, norm, n, v)) =
                parse_value(Target::Provider(Role::Treating), &line.toks, line, 0, today)
            {
                if degree && n == line.toks.len() {
                    out.push(Cand {
                        blank: None,
                        target: Target::Provider(Role::Signer),
                        priority: if prose_above { 6 } else { 5 },
                        raw,
                        normalized: norm,
                        // Not marked down beyond its weak priority: a name with a degree
                        // standing alone under the text was the document's clinician on every
                        // blind evaluation set (7 of 7 where it decided).
                        validity: v,
                        ocr: conf_of(&line.toks),
                        page_idx,
                        line: li,
                        dir: Dir::Unlabelled,
                        toks: line.toks.clone(),
                    });
                }
            }
        }
        // A letter's date: a line that is only a date, near the top, before the body.
        if hs.is_empty() && li < 12 {
            let raws: Vec<&str> = line.toks.iter().map(|t| t.raw.as_str()).collect();
            if let Some(d) = service_date(&raws, today) {
                if d.tokens == raws.len() {
                    out.push(Cand {
                        blank: None,
                        target: Target::Encounter(DateKind::Letter),
                        priority: 8,
                        raw: raws.join(" "),
                        normalized: d.date.format("%Y-%m-%d").to_string(),
                        validity: 0.95,
                        ocr: conf_of(&line.toks),
                        page_idx,
                        line: li,
                        dir: Dir::Unlabelled,
                        toks: line.toks.clone(),
                    });
                }
            }
        }
    }
    out.extend(prose_candidates(lines, page_idx, today));
    out.extend(imprint(lines, &hits, page_idx, today));
    out.extend(dated_by_age(lines, &hits, page_idx, today));
    out.extend(banner_timestamp(lines, &hits, page_idx, today));
    // A name printed in separate boxes (Last Name / First Name / MI): one candidate.
    let part = |k: u8| {
        out.iter()
            .find(|c| c.target == Target::NamePart(k) && !c.normalized.is_empty())
            .cloned()
    };
    if let (Some(first), Some(last)) = (part(0), part(2)) {
        let middle = part(1)
            .filter(|m| m.line == first.line || m.line == last.line)
            .or_else(|| initial_after(&lines[first.line], &first, &last));
        let mut toks = first.toks.clone();
        toks.extend(middle.iter().flat_map(|m| m.toks.clone()));
        toks.extend(last.toks.clone());
        let suffix = part(3).filter(|s| s.line == first.line || s.line == last.line);
        toks.extend(suffix.iter().flat_map(|s| s.toks.clone()));
        let mut normalized = match &middle {
            Some(m) => format!("{} {} {}", first.normalized, m.normalized, last.normalized),
            None => format!("{} {}", first.normalized, last.normalized),
        };
        if let Some(s) = &suffix {
            normalized = format!("{normalized} {}", s.normalized);
        }
        // A middle-initial caption with no initial read: OCR often drops a lone letter in
        // its box, and a box left empty cannot be told from one it missed without the
        // pixels, so the name is doubtful; the more so with a mark where the value goes
        // ("|" over or under the "MI" caption, or right after it: the initial I). Where the
        // initial would stand is kept, for the pixels to tell (`reread::ink`).
        let (middle_doubt, doubted) = if middle.is_some() {
            (1.0, None)
        } else {
            let l = &lines[first.line];
            let near = first.line.saturating_sub(1)..(first.line + 2).min(lines.len());
            // (caption's x range widened, the value's x range if the caption is on its line)
            let captions: Vec<((f32, f32), (f32, f32))> = near
                .flat_map(|li| {
                    hits[li]
                        .iter()
                        .filter(|h| matches!(h.kind, Kind::Field(Target::NamePart(1), _)))
                        .map(move |h| {
                            let x = lines[li].toks[h.start].bbox.x as f32;
                            let right = lines[li].toks[h.end - 1].bbox.right() as f32;
                            let (from, to) = (x - l.h, right + l.h);
                            if li == first.line {
                                (
                                    (from, to + 3.0 * l.h),
                                    (right + 0.3 * l.h, right + 3.0 * l.h),
                                )
                            } else {
                                ((from, to), (x - 0.5 * l.h, right + 0.5 * l.h))
                            }
                        })
                })
                .collect();
            let mark = l.marks.iter().any(|m| {
                let cx = (m.x + m.w / 2) as f32;
                captions
                    .iter()
                    .any(|&((from, to), _)| cx >= from && cx <= to)
            });
            // The box the initial would fill: the value line's height, the caption's width,
            // and no word of the line in it.
            let region = captions.first().and_then(|&(_, (x0, x1))| {
                let pad = 0.2 * l.h;
                let clear = !l
                    .toks
                    .iter()
                    .any(|t| (t.bbox.right() as f32) > x0 && (t.bbox.x as f32) < x1);
                let y0 = (l.top as f32 - pad).max(0.0);
                (clear && x0 >= 0.0 && x1 > x0).then(|| {
                    BBox::new(
                        x0 as u32,
                        y0 as u32,
                        (x1 - x0) as u32,
                        (l.bottom as f32 + pad - y0) as u32,
                    )
                })
            });
            match (captions.is_empty(), mark) {
                // No caption read: OCR can miss a small box's caption and its initial
                // together ("Last Name | First Name | MI" read "Last Name First Name").
                // Unread ink after the given name on its line may be that initial, and
                // only the pixels tell; a blank stretch clears the doubt.
                (true, _) => match after_word(l, &first) {
                    Some(r) => (NO_CAPTION_DOUBT, Some(r)),
                    None => (1.0, None),
                },
                (false, false) => (0.82, region),
                (false, true) => (0.72, None),
            }
        };
        // A suffix OCR lost after the family name in its box ("Trujillo II": two strokes
        // taken for the box's rules): the stretch after the family name is looked at too,
        // and ink there doubts the name (`reread`); no doubt is taken before.
        let checked = suffix_box(lines, &last, part(3).is_some());
        // Strokes OCR read as letters right after the family name in its box ("Czarnecki
        // HI" for "Czarnecki III"): a suffix misread, or not; doubtful either way.
        let strokes_after_family = {
            let l = &lines[last.line];
            word_after(l, &last)
                .filter(|&(k, _)| l.gap_after(k - 1) <= 1.0)
                .is_some_and(|(_, t)| {
                    let w = t.raw.trim_end_matches([',', '.', ';']);
                    super::names::suffix_strokes(w) && super::names::suffix_of(w).is_none()
                })
        };
        let stroke_doubt = if strokes_after_family { 0.7 } else { 1.0 };
        let blank = (doubted.is_some() || checked.is_some()).then_some(Blank {
            doubted,
            factor: if doubted.is_some() { middle_doubt } else { 1.0 },
            checked,
        });
        out.push(Cand {
            blank,
            target: Target::Name,
            priority: 10,
            raw: format!(
                "{}, {}{}",
                last.raw,
                first.raw,
                middle
                    .as_ref()
                    .map(|m| format!(" {}", m.raw))
                    .unwrap_or_default()
            ),
            normalized,
            validity: 0.97 * middle_doubt * stroke_doubt,
            ocr: conf_of(&toks),
            page_idx,
            line: first.line.min(last.line),
            dir: first.dir,
            toks,
        });
    }
    out
}

/// "Dubois   Harriet   L" over "Patient Last Name   First   MLL.": a lone capital right
/// after the given name's box, on its line, is the middle initial even when OCR did not
/// read its caption. Not the family name's words (boxes may go first, then last).
fn initial_after(line: &Line, first: &Cand, last: &Cand) -> Option<Cand> {
    let (k, t) = word_after(line, first)?;
    let letter = t.raw.trim_end_matches('.');
    let lone = letter.len() == 1 && letter.chars().all(|c| c.is_ascii_uppercase());
    // (Alone in its box: nothing right after it.)
    let alone = line.gap_after(k) > 1.5;
    if !lone || !alone || last.toks.iter().any(|l| l.bbox == t.bbox) {
        return None;
    }
    Some(Cand {
        target: Target::NamePart(1),
        raw: t.raw.clone(),
        normalized: letter.to_string(),
        validity: 0.9,
        ocr: conf_of(std::slice::from_ref(t)),
        line: first.line,
        dir: first.dir,
        toks: vec![t.clone()],
        ..first.clone()
    })
}

/// The word right after a name part on its line, with its index there.
fn word_after<'l>(line: &'l Line, part: &Cand) -> Option<(usize, &'l Tok)> {
    let end = part.toks.last()?.bbox;
    let k = line.toks.iter().position(|t| t.bbox == end)? + 1;
    line.toks.get(k).map(|t| (k, t))
}

/// An addressograph imprint (the embossed patient card hospitals stamp on every chart
/// page): no labels, a "FAMILY, GIVEN M" line in capitals over a line of only an
/// identifier, a birth date and often the sex ("0003-4258 01/09/1941 F"). Its values are
/// placed by that shape alone, so they count for less than labelled ones.
fn imprint(lines: &[Line], hits: &[Vec<Hit>], page_idx: usize, today: NaiveDate) -> Vec<Cand> {
    let mut out = Vec::new();
    let unlabelled = |li: usize, a: usize, b: usize| {
        !hits[li]
            .iter()
            .any(|h| h.end > a && h.start < b && !matches!(h.kind, Kind::Neg { .. }))
    };
    // The value of a label right before word `k` ("CLAIM FOR:  CEDRIC FOSS", "Claim Number
    // 117839917070"): no imprint's.
    let labelled_before = |li: usize, k: usize| {
        k > 0
            && (lines[li].toks[k - 1].raw.ends_with([':', '#'])
                || hits[li].iter().any(|h| h.end == k))
    };
    for li in 0..lines.len().min(12).saturating_sub(1) {
        let line = &lines[li];
        let mut a = 0;
        while a < line.toks.len() {
            let b = segment_end(line, a);
            let seg = &line.toks[a..b];
            let (sa, sb) = (a, b);
            a = b;
            // "VALDIVIA, DORIS G": capitals, the family name first with its comma. Plates
            // also print it without the comma ("LINDSTROM MARGUERITE"), family name first
            // still by the imprint's convention, but that order is then only assumed.
            let caps = seg.iter().all(|t| !t.raw.chars().any(|c| c.is_lowercase()));
            // A family name with particles ("ST. JOHN, HORACE", "DE LA CRUZ MARIA") is one
            // name: its comma comes after the last of its words.
            let family = family_words(seg);
            let comma = seg.get(family - 1).is_some_and(|t| t.raw.ends_with(','));
            // (A suffix at the end, or its strokes misread, is no name word: "TRUJILLO
            // MAURICIO W SR.", "NAKASHIMA ALFONSO L IT".)
            let suffixed = seg.len() > family + 1
                && seg.last().is_some_and(|t| {
                    let w = t.raw.trim_end_matches([',', '.']);
                    super::names::suffix_of(w).is_some() || super::names::suffix_strokes(w)
                });
            let long = seg.len() + 1 - family - usize::from(suffixed) > 3;
            if seg.len() <= family || seg.len() > family + 4 || !caps || (!comma && long) {
                continue;
            }
            if !unlabelled(li, sa, sb) || labelled_before(li, sa) {
                continue;
            }
            let read = if comma {
                whole_name(seg, 0, today, line).map(|(raw, norm, v)| (raw, norm, v * 0.9))
            } else {
                whole_name_family_first(seg, today, line)
            };
            let Some((raw, norm, v)) = read else {
                continue;
            };
            // The identifier, birth date and sex under it, starting in its column: on one
            // line ("0003-4258 01/09/1941 F") or one to a line ("MR 887-1424" over
            // "08/23/72 F").
            let x = seg[0].bbox.x as f32;
            let column = |j: usize| {
                let l = &lines[j];
                let k0 = l
                    .toks
                    .iter()
                    .position(|t| (t.bbox.x as f32 - x).abs() < 2.0 * line.h)?;
                let k1 = (k0 + 1..l.toks.len())
                    .find(|&k| l.gap_after(k - 1) > 4.0)
                    .unwrap_or(l.toks.len());
                // No label at all there, not even a distractor's, nor right before it. (An
                // admission number's "ADM" prefix, read as the admission date's label, is
                // the plate's own.)
                let adm =
                    |h: &Hit| h.start == k0 && h.end == k0 + 1 && admission_prefix(&l.toks[k0]);
                let bare = !hits[j]
                    .iter()
                    .any(|h| h.end > k0 && h.start < k1 && !adm(h))
                    && !labelled_before(j, k0);
                bare.then_some((k0, k1))
            };
            let mut toks: Vec<Tok> = Vec::new();
            let mut found = None;
            let mut bottom = line.bottom;
            // The plate's number is an admission number, not the record number: the name,
            // birth date and sex are read, the number is not the MRN.
            let mut admission = false;
            for (bi, below) in lines.iter().enumerate().take(li + 5).skip(li + 1) {
                if below.top as f32 - bottom as f32 > 2.0 * line.h {
                    break;
                }
                // (A line of other words between, where the imprint's lines fall between
                // the text's: skipped, as long as the imprint's next line is close.)
                let Some((k0, k1)) = column(bi) else {
                    continue;
                };
                bottom = below.bottom;
                // Specks OCR reads as marks between the values are no words; a record
                // number's short prefix ("MR", "NO") is no part of it.
                let first = toks.is_empty();
                let prefix = |i: usize, t: &Tok| {
                    first
                        && i == 0
                        && k0 + 1 < k1
                        && (matches!(t.key.as_str(), "mr" | "mrn" | "no" | "unit")
                            || admission_prefix(t))
                };
                if first && k0 + 1 < k1 && admission_prefix(&below.toks[k0]) {
                    admission = true;
                }
                toks.extend(
                    below.toks[k0..k1]
                        .iter()
                        .enumerate()
                        .filter(|(i, t)| !t.key.is_empty() && !prefix(*i, t))
                        .map(|(_, t)| t.clone()),
                );
                let raws: Vec<&str> = toks.iter().map(|t| t.raw.as_str()).collect();
                // Identifier, then birth date, then at most the sex: nothing else.
                found = (1..raws.len()).find_map(|k| {
                    let d = parse_date(&raws[k..], YearRule::Birth, today)?;
                    let rest = raws.len() - k - d.tokens;
                    let sex = match rest {
                        0 => None,
                        1 => Some(sex_of(&toks[k + d.tokens].key)?),
                        _ => return None,
                    };
                    let gaps: Vec<f32> = (0..k)
                        .map(|i| {
                            let (a, b) = (&toks[i].bbox, toks.get(i + 1).map(|t| t.bbox));
                            match b {
                                Some(b) if b.y < a.bottom() => {
                                    (b.x as f32 - a.right() as f32).max(0.0) / line.h
                                }
                                _ => 9.0,
                            }
                        })
                        .collect();
                    let m = parse_mrn(&raws[..k], &gaps).filter(|m| m.tokens == k)?;
                    let digits = m.normalized.chars().filter(|c| c.is_ascii_digit()).count();
                    (digits >= 5 && plausible_birth(d.date, today)).then_some((k, d, m, sex, bi))
                });
                if found.is_some() {
                    break;
                }
            }
            let Some((k, d, m, sex, bi)) = found else {
                continue;
            };
            let raws: Vec<&str> = toks.iter().map(|t| t.raw.as_str()).collect();
            out.push(placed(
                Target::Name,
                6,
                (raw, norm, v * 0.9),
                page_idx,
                li,
                seg.to_vec(),
            ));
            if !admission {
                let mrn_v = if m.repaired { 0.7 } else { 0.85 };
                let mrn = (m.raw, m.normalized, mrn_v);
                out.push(placed(
                    Target::Mrn,
                    5,
                    mrn,
                    page_idx,
                    bi,
                    toks[..k].to_vec(),
                ));
            }
            let dob = (
                raws[k..k + d.tokens].join(" "),
                d.date.format("%Y-%m-%d").to_string(),
                if d.two_digit_year { 0.8 } else { 0.88 },
            );
            let dob_toks = toks[k..k + d.tokens].to_vec();
            out.push(placed(Target::Dob, 5, dob, page_idx, bi, dob_toks));
            if let Some(sx) = sex {
                let t = toks[k + d.tokens].clone();
                let value = (t.raw.clone(), sx.to_string(), 0.9);
                out.push(placed(Target::Sex, 5, value, page_idx, bi, vec![t]));
            }
        }
    }
    out
}

/// A birth date printed without a label but with the age it gives ("07 FEB 2001 (8 yr)
/// Female" under a tracing's banner): the age must agree with another date on the page (the
/// tracing's, the visit's), so a date that merely has a number after it is no birth date.
/// The sex printed right after it is read too.
fn dated_by_age(lines: &[Line], hits: &[Vec<Hit>], page_idx: usize, today: NaiveDate) -> Vec<Cand> {
    let mut out = Vec::new();
    fn raws_of(l: &Line) -> Vec<&str> {
        l.toks.iter().map(|t| t.raw.as_str()).collect()
    }
    // Dates on the page other than the candidate itself, read as service dates.
    let others: Vec<NaiveDate> = lines
        .iter()
        .flat_map(|l| {
            let raws = raws_of(l);
            (0..raws.len())
                .filter_map(|k| parse_date(&raws[k..], YearRule::Service, today).map(|d| d.date))
                .collect::<Vec<_>>()
        })
        .collect();
    for (li, line) in lines.iter().enumerate().take(15) {
        let raws = raws_of(line);
        for k in 0..raws.len() {
            // Not a labelled value: those are read by their labels.
            if hits[li]
                .iter()
                .any(|h| h.end == k || (h.start <= k && k < h.end))
            {
                continue;
            }
            let Some(d) = parse_date(&raws[k..], YearRule::Birth, today) else {
                continue;
            };
            let after = k + d.tokens;
            // "(8 yr)", "(8yr)", "(53 yrs)", "53 y.o."; a stray mark before the bracket
            // ("-(28 yr)").
            let open = |r: &str| {
                r.trim_start_matches(['-', '~', '–', '—', '='])
                    .trim_start_matches('(')
                    .to_string()
            };
            let digits = |r: &str| open(r).parse::<i32>().ok();
            let unit = |r: &str| {
                let letters: String = r
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .flat_map(char::to_lowercase)
                    .collect();
                matches!(letters.as_str(), "y" | "yr" | "yrs" | "yo" | "years")
            };
            let (age, used) = match (raws.get(after), raws.get(after + 1)) {
                (Some(a), Some(u)) if digits(a).is_some() && unit(u) => (digits(a), 2),
                (Some(a), _) => {
                    let a = open(a);
                    let n: String = a.chars().take_while(|c| c.is_ascii_digit()).collect();
                    let rest = &a[n.len()..];
                    (n.parse::<i32>().ok().filter(|_| unit(rest)), 1)
                }
                _ => (None, 0),
            };
            let Some(age) = age else {
                continue;
            };
            let agrees = others.iter().any(|&o| {
                o > d.date && {
                    let years = o.years_since(d.date).map_or(-1, |y| y as i32);
                    years == age
                }
            });
            if !agrees || !plausible_birth(d.date, today) {
                continue;
            }
            let toks = line.toks[k..after].to_vec();
            out.push(placed(
                Target::Dob,
                6,
                (
                    raws[k..after].join(" "),
                    d.date.format("%Y-%m-%d").to_string(),
                    if d.two_digit_year { 0.85 } else { 0.9 },
                ),
                page_idx,
                li,
                toks,
            ));
            if let Some(t) = line.toks.get(after + used) {
                if let Some(sx) = lone_sex(t) {
                    let value = (t.raw.clone(), sx.to_string(), 0.9);
                    out.push(placed(Target::Sex, 5, value, page_idx, li, vec![t.clone()]));
                }
            }
            break;
        }
    }
    out
}

/// "LINDSTROM MARGUERITE" read by the convention of plates and devices, family name first,
/// as if the comma that convention leaves out were printed: the order is only assumed
/// (x0.8), and the raw value stays as printed.
fn whole_name_family_first(
    seg: &[Tok],
    today: NaiveDate,
    line: &Line,
) -> Option<(String, String, f64)> {
    let mut named = seg.to_vec();
    named.get_mut(family_words(seg) - 1)?.raw.push(',');
    let (raw, norm, v) = whole_name(&named, 0, today, line)?;
    Some((raw.replacen(',', "", 1), norm, v * 0.8))
}

/// How many words the family name at the start of `seg` takes: its particles and the word
/// after them ("ST. JOHN", "DE LA CRUZ"), else one.
fn family_words(seg: &[Tok]) -> usize {
    let particles = seg
        .iter()
        .take_while(|t| super::names::is_particle(&t.raw))
        .count();
    let n = if particles > 0 && particles < seg.len() && !seg[particles - 1].raw.ends_with(',') {
        particles + 1
    } else {
        1
    };
    // A suffix printed before the comma ("FAIRWEATHER III, WENDELL YVETTE") is the family
    // name's.
    let suffix_next = seg.get(n).is_some_and(|t| {
        !seg[n - 1].raw.ends_with(',')
            && t.raw.ends_with(',')
            && super::names::suffix_of(&t.raw).is_some()
    });
    n + usize::from(suffix_next)
}

/// "ADM" or "ADM." before an addressograph plate's number: an admission number.
fn admission_prefix(t: &Tok) -> bool {
    t.key == "adm"
}

/// The bare "ID:" that a device banner starts with its patient's name (see `labels::find`).
fn banner_id(line: &Line, h: &Hit) -> bool {
    h.weak && h.kind == Kind::Field(Target::Mrn, 7) && labels::id_word(&line.toks[h.start])
}

/// A tracing's own time stamp on its banner ("O'HARA XIOMARA   ID: 00397695   06/23/2004
/// 18:44:12"): a date with a time of day after the banner's identifier is when the test was
/// taken.
fn banner_timestamp(
    lines: &[Line],
    hits: &[Vec<Hit>],
    page_idx: usize,
    today: NaiveDate,
) -> Vec<Cand> {
    let mut out = Vec::new();
    for (li, line) in lines.iter().enumerate().take(15) {
        let Some(h) = hits[li].iter().find(|h| banner_id(line, h)) else {
            continue;
        };
        let raws: Vec<&str> = line.toks.iter().map(|t| t.raw.as_str()).collect();
        for k in h.end + 1..raws.len() {
            let Some(d) = parse_date(&raws[k..], YearRule::Service, today) else {
                continue;
            };
            let time = raws.get(k + d.tokens).is_some_and(|t| {
                let mut ps = t.split(':');
                let hh = ps.next().and_then(|p| p.parse::<u32>().ok());
                let mm = ps.next().and_then(|p| p.parse::<u32>().ok());
                matches!((hh, mm), (Some(h), Some(m)) if h < 24 && m < 60)
            });
            if time && plausible_service(d.date, today) {
                let toks = line.toks[k..k + d.tokens].to_vec();
                let value = (
                    raws[k..k + d.tokens].join(" "),
                    d.date.format("%Y-%m-%d").to_string(),
                    0.92,
                );
                // (As sure as a label: the banner's shape says what the date is.)
                out.push(placed(
                    Target::Encounter(DateKind::Exam),
                    8,
                    value,
                    page_idx,
                    li,
                    toks,
                ));
            }
            break;
        }
    }
    out
}

/// Start of the column segment holding token `i`: the token after the last wide gap.
fn segment_start(line: &Line, i: usize) -> usize {
    (1..=i)
        .rev()
        .find(|&j| line.gap_after(j - 1) > 2.5)
        .unwrap_or(0)
}

/// End (exclusive) of the column segment holding token `i`: the first wide gap after it.
fn segment_end(line: &Line, i: usize) -> usize {
    (i + 1..line.toks.len())
        .find(|&k| line.gap_after(k - 1) > 2.5)
        .unwrap_or(line.toks.len())
}

/// A value placed by where it stands rather than by a label (an imprint, a sticker, a
/// banner line).
fn placed(
    target: Target,
    priority: i32,
    (raw, normalized, validity): (String, String, f64),
    page_idx: usize,
    line: usize,
    mut toks: Vec<Tok>,
) -> Cand {
    // A title before a name ("Ms, Yolanda Grace La Rosa") is no part of its box or of how
    // well its words were read.
    if matches!(target, Target::Name | Target::Provider(_)) {
        let titles = toks
            .iter()
            .take_while(|t| super::names::is_title(&t.raw))
            .count();
        if titles < toks.len() {
            toks.drain(..titles);
        }
    }
    Cand {
        blank: None,
        target,
        priority,
        raw,
        normalized,
        validity,
        ocr: conf_of(&toks),
        page_idx,
        line,
        dir: Dir::Unlabelled,
        toks,
    }
}

/// A name candidate when tokens `toks[s..]` are exactly one person name.
fn whole_name(
    toks: &[Tok],
    s: usize,
    today: NaiveDate,
    line: &Line,
) -> Option<(String, String, f64)> {
    let part = &toks[s..];
    let (raw, norm, n, v) = parse_value(Target::Name, part, line, s, today)?;
    (n == part.len()).then_some((raw, norm, v))
}

/// Names printed without a label beside the patient's other identifiers:
/// - a banner or sticker line that starts with the name: "DOE, JANE  DOB: ...", "Jane Doe
///   MRN: ...";
/// - prose naming the patient just before a birth date: "excuse Jane Doe (date of birth
///   ...)", "refer Ms. Jane Doe, born ...";
/// - a sticker whose name line sits right above its DOB / MRN / sex line, in the same column.
fn unlabelled_names(
    lines: &[Line],
    hits: &[Vec<Hit>],
    li: usize,
    page_idx: usize,
    today: NaiveDate,
) -> Vec<Cand> {
    let line = &lines[li];
    let hs = &hits[li];
    let mut out = Vec::new();
    let mk = |raw, normalized, validity, priority, l, toks| {
        placed(
            Target::Name,
            priority,
            (raw, normalized, validity),
            page_idx,
            l,
            toks,
        )
    };
    let patient_label = |h: &Hit| {
        matches!(
            h.kind,
            Kind::Field(Target::Dob | Target::Mrn | Target::Sex, _)
        )
    };
    for (hi, h) in hs.iter().enumerate() {
        if !patient_label(h) || h.start == 0 {
            continue;
        }
        // The segment of the words just before the label (a wide gap may part them).
        let seg = segment_start(line, h.start - 1);
        let prev = hs[..hi].last();
        let prev_end = prev.map(|p| p.end).unwrap_or(0);
        // A distractor label right before the words: they are its value. After a section's
        // ("Responsible Party: Judith D Schaefer  Birthdate: ..."), the line is that
        // person's.
        if prev.is_some_and(|p| matches!(p.kind, Kind::Neg { .. }) && p.end >= h.start - 1)
            || hs[..hi]
                .iter()
                .any(|p| p.kind == Kind::Neg { section: true })
        {
            continue;
        }
        let toks = &line.toks[seg.max(prev_end)..h.start];
        // A word with a colon is a label the lexicon does not know ("Mode: Walk-in MR#"):
        // the words after it are its value, not the patient's name. (Not a letter or two
        // before a colon: "p: Wendell MacPherson" is "Pt:" read badly.)
        let unknown_label = |t: &Tok| {
            t.raw.ends_with(':') && t.raw.chars().filter(|c| c.is_alphabetic()).count() >= 3
        };
        if toks.is_empty() || toks.iter().any(unknown_label) {
            continue;
        }
        // A whole segment of its own, no other label in it. Before a device banner's bare
        // "ID:", capitals without a comma go by the device's convention, family name first,
        // an order only assumed.
        if li < 15 && prev_end <= seg {
            let assumed = banner_id(line, h) && !toks.iter().any(|t| t.raw.contains([',', ';']));
            let read = if assumed {
                whole_name_family_first(toks, today, line)
            } else {
                whole_name(toks, 0, today, line).map(|(raw, norm, v)| (raw, norm, v * 0.95))
            };
            if let Some((raw, norm, v)) = read {
                out.push(mk(raw, norm, v, 6, li, toks.to_vec()));
                continue;
            }
        }
        // Prose: the name ends right before the birth-date words; what comes before it is
        // not part of a name (a lowercase word, a title, the start of the segment).
        if !matches!(h.kind, Kind::Field(Target::Dob, _)) {
            continue;
        }
        let tried_whole = li < 15 && prev_end <= seg;
        for s in usize::from(tried_whole)..toks.len() {
            let boundary = s == 0 || {
                let prev = toks[s - 1].raw.as_str();
                prev.starts_with(|c: char| c.is_lowercase()) || prev.ends_with([',', ':', ';', '('])
            };
            if !boundary {
                continue;
            }
            if let Some((raw, norm, v)) = whole_name(toks, s, today, line) {
                out.push(mk(raw, norm, v * 0.9, 5, li, toks[s..].to_vec()));
                break;
            }
        }
    }
    // A sticker: the name line right above the first identifier label, in its column (the
    // nearest line above with words in that column: a letterhead line on the left may sit
    // between them in reading order). The column is the label's, or its value's when the
    // values stand in a column of their own: left-aligned with the value ("Date of birth
    // March 31, 1976" under a portal's "Fairweather, Lucille Yvette") or right-aligned with
    // it (a header block whose values end at one margin).
    if let Some(h) = hs.iter().find(|h| patient_label(h)) {
        if li > 0 && li < 15 && h.start == segment_start(line, h.start) {
            let x = line.toks[h.start].bbox.x as f32;
            let value =
                (h.end < line.toks.len() && !hs.iter().any(|o| o.start == h.end)).then(|| {
                    let end = segment_end(line, h.end);
                    (
                        line.toks[h.end].bbox.x as f32,
                        line.toks[end - 1].bbox.right() as f32,
                    )
                });
            let in_column = |l: &Line| {
                (0..l.toks.len()).find(|&k| {
                    if segment_start(l, k) != k {
                        return false;
                    }
                    let kx = l.toks[k].bbox.x as f32;
                    let right = l.toks[segment_end(l, k) - 1].bbox.right() as f32;
                    (kx - x).abs() < 3.0 * line.h
                        || value.is_some_and(|(vx, vr)| {
                            (kx - vx).abs() < 1.5 * line.h || (right - vr).abs() < 1.5 * line.h
                        })
                })
            };
            let (from, to) = match value {
                Some((vx, vr)) => (x.min(vx), (x + 6.0 * line.h).max(vr)),
                None => (x, x + 6.0 * line.h),
            };
            let overlaps = |l: &Line| {
                l.toks
                    .iter()
                    .any(|t| t.bbox.right() as f32 > from - line.h && (t.bbox.x as f32) < to)
            };
            let above_i = (li.saturating_sub(3)..li)
                .rev()
                .find(|&j| overlaps(&lines[j]));
            let above = &lines[above_i.unwrap_or(li - 1)];
            let close = (line.top as f32 - above.bottom as f32) < 2.5 * line.h;
            if close {
                let k0 = in_column(above);
                if let (Some(k0), Some(ai)) = (k0, above_i) {
                    let li_above = ai;
                    let k1 = segment_end(above, k0);
                    let toks = &above.toks[k0..k1];
                    let labelled = hits[li_above].iter().any(|h| h.end > k0 && h.start < k1);
                    // A "Pt:" caption before the name read as a short scrap ("ee", "Et",
                    // "Pr:"): the name after it, a little less sure.
                    let scrap = |t: &Tok| {
                        let w = t.raw.as_str();
                        w.chars().count() <= 3
                            && (w.ends_with(':') || !w.chars().any(char::is_uppercase))
                            || w.chars().count() == 2
                                && w.chars().all(char::is_alphabetic)
                                && w.chars().nth(1).is_some_and(char::is_lowercase)
                    };
                    // The scrap alone in the labels' column, the name in the values' column
                    // far to its right, ending where the values below end (a right-hand
                    // header block: "Pt:" read "Be", then "Clarence W. Nguyen-Tran").
                    let far_value = (toks.len() == 1 && scrap(&toks[0]) && !labelled)
                        .then_some(value)
                        .flatten()
                        .filter(|_| k1 < above.toks.len())
                        .and_then(|(_, vr)| {
                            let end = segment_end(above, k1);
                            let right = above.toks[end - 1].bbox.right() as f32;
                            let free = !hits[li_above].iter().any(|h| h.end > k1 && h.start < end);
                            ((right - vr).abs() < 1.5 * line.h && free).then_some(end)
                        });
                    if let Some(end) = far_value {
                        let toks = &above.toks[k1..end];
                        if let Some((raw, norm, v)) = whole_name(toks, 0, today, above) {
                            out.push(mk(raw, norm, v * 0.85, 6, li_above, toks.to_vec()));
                        }
                    } else if toks.len() <= 5 && !labelled {
                        if let Some((raw, norm, v)) = whole_name(toks, 0, today, above) {
                            out.push(mk(raw, norm, v * 0.93, 6, li_above, toks.to_vec()));
                        } else if toks.len() >= 3 && scrap(&toks[0]) {
                            if let Some((raw, norm, v)) = whole_name(toks, 1, today, above) {
                                out.push(mk(raw, norm, v * 0.85, 6, li_above, toks[1..].to_vec()));
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// Fields stated in running text, read across line ends:
/// - the service date: "was seen in our office on 11/18/2018", "admitted ... on 03/30/2019";
/// - the physician a consent names: "I authorize Dr. Hedda G Nwachukwu and ...";
/// - the patient who signs a consent: "I, Imogen A O'Malley, hereby authorize ...".
fn prose_candidates(lines: &[Line], page_idx: usize, today: NaiveDate) -> Vec<Cand> {
    let flat: Vec<(usize, &Tok)> = lines
        .iter()
        .enumerate()
        .flat_map(|(li, l)| l.toks.iter().map(move |t| (li, t)))
        .collect();
    let raws: Vec<&str> = flat.iter().map(|(_, t)| t.raw.as_str()).collect();
    let keys: Vec<&str> = flat.iter().map(|(_, t)| t.key.as_str()).collect();
    let mut out = Vec::new();
    let cand = |target, priority, raw: String, normalized: String, at: usize, n: usize| {
        let toks: Vec<Tok> = flat[at..at + n].iter().map(|(_, t)| (*t).clone()).collect();
        Cand {
            blank: None,
            target,
            priority,
            raw,
            normalized,
            validity: 0.95,
            ocr: conf_of(&toks),
            page_idx,
            line: flat[at].0,
            dir: Dir::Unlabelled,
            toks,
        }
    };
    // A letter "RE:" or "Regarding" someone is about that person, not its addressee.
    let about_someone = lines.iter().any(|l| {
        l.toks
            .first()
            .is_some_and(|t| matches!(t.key.as_str(), "re" | "regarding" | "subject"))
    });
    for p in 1..flat.len() {
        // "... seen ... on DATE": the verb within the same sentence, a few words back.
        if keys[p - 1] == "on" {
            // Not past an earlier date or a word of a later visit ("seen on 06-APR-2020 and
            // may return on 11-APR-2020").
            let kind = (p.saturating_sub(13)..p - 1)
                .rev()
                .take_while(|&q| {
                    !ends_sentence(raws[q])
                        && !keys[q].chars().any(|c| c.is_ascii_digit())
                        && !matches!(
                            keys[q],
                            "return" | "returns" | "resume" | "follow" | "back" | "until" | "next"
                        )
                })
                .find_map(|q| match keys[q] {
                    "seen" | "visited" | "evaluated" | "examined" | "treated" => {
                        Some(DateKind::Visit)
                    }
                    "admitted" | "hospitalized" => Some(DateKind::Admission),
                    _ => None,
                });
            if let Some(kind) = kind {
                if let Some(d) = service_date(&raws[p..], today) {
                    out.push(cand(
                        Target::Encounter(kind),
                        7,
                        raws[p..p + d.tokens].join(" "),
                        d.date.format("%Y-%m-%d").to_string(),
                        p,
                        d.tokens,
                    ));
                }
            }
        }
        // "authorize Dr. NAME", "authorize NAME, NP": a clinician named with a title or
        // a degree.
        if keys[p - 1].starts_with("authoriz") {
            // The name ends at a column gap (an imprint beside the text); it may run on
            // to the next line ("authorize Dr." / "Hedda G Nwachukwu and ..."), whose
            // words start back at the margin: a next line that starts further right is
            // an imprint's name line beside the text ("MAHONEY, YOLANDA N").
            let end = (p + 1..(p + 6).min(raws.len()))
                .find(|&q| {
                    let (a, b) = (&flat[q - 1].1.bbox, &flat[q].1.bbox);
                    let li = flat[q].0;
                    if li != flat[q - 1].0 {
                        return b.x > a.x;
                    }
                    (b.x as f32 - a.right() as f32) > 3.0 * lines[li].h
                })
                .unwrap_or((p + 6).min(raws.len()));
            let n = parse_name(&raws[p..end]).filter(|n| {
                matches!(keys[p], "dr" | "doctor")
                    || raws
                        .get(p + n.tokens - 1)
                        .is_some_and(|r| super::names::is_degree_word(r))
            });
            if let Some(n) = n {
                out.push(cand(
                    Target::Provider(Role::Treating),
                    8,
                    raws[p..p + n.tokens].join(" "),
                    n.normalized(),
                    p,
                    n.tokens,
                ));
            }
        }
        // "Dear Rowan Szymanski,": a letter to a person by full name, without a title
        // (not "Dear Dr. ..."). Its addressee is most often the patient, but a statement
        // may go to the guarantor: a weak, doubtful source, used when no label names the
        // patient. The address block above, when it names the same person, gives the
        // name in full ("Rowan P. Szymanski").
        if keys[p - 1] == "dear" && flat[p - 1].0 == flat[p].0 && !about_someone {
            let li = flat[p].0;
            let end = p + flat[p..].iter().take_while(|(l, _)| *l == li).count();
            let rest = &raws[p..end];
            let n = super::names::layperson_addressee(rest)
                .filter(|n| rest[n.tokens - 1].ends_with([',', ':']) && n.family.len() > 1);
            if let Some(n) = n {
                let block = (li.saturating_sub(10)..li).rev().find_map(|bi| {
                    let ws: Vec<&str> = lines[bi].toks.iter().map(|t| t.raw.as_str()).collect();
                    parse_name(&ws)
                        .filter(|b| {
                            b.tokens == ws.len()
                                && b.family.eq_ignore_ascii_case(&n.family)
                                && b.given.eq_ignore_ascii_case(&n.given)
                        })
                        .map(|b| (bi, ws.join(" "), b))
                });
                let mut c = match block {
                    Some((bi, raw, b)) => {
                        let at = flat.iter().position(|(l, _)| *l == bi).unwrap_or(p);
                        cand(Target::Name, 5, raw, b.normalized(), at, b.tokens)
                    }
                    None => cand(
                        Target::Name,
                        5,
                        rest.join(" ").trim_end_matches([',', ':']).to_string(),
                        n.normalized(),
                        p,
                        n.tokens,
                    ),
                };
                c.validity = 0.8;
                out.push(c);
            }
        }
        // "I, NAME, hereby authorize / consent ...".
        if raws[p - 1] == "I," {
            let end = (p + 6).min(raws.len());
            if let Some(n) = parse_name(&raws[p..end]) {
                let next = keys.get(p + n.tokens).copied().unwrap_or("");
                let signs = matches!(
                    next,
                    "hereby"
                        | "authorize"
                        | "consent"
                        | "give"
                        | "request"
                        | "agree"
                        | "understand"
                );
                if signs {
                    out.push(cand(
                        Target::Name,
                        7,
                        raws[p..p + n.tokens].join(" "),
                        n.normalized(),
                        p,
                        n.tokens,
                    ));
                }
            }
        }
    }
    out
}

/// A word of a non-clinical job title under a letter's signer ("Business Office",
/// "Scheduling Coordinator", "Patient Accounts", "Health Information Management", "Medical
/// Records", "Front Desk").
fn is_staff_word(key: &str) -> bool {
    matches!(
        key,
        "office"
            | "management"
            | "records"
            | "reception"
            | "desk"
            | "business"
            | "billing"
            | "scheduling"
            | "scheduler"
            | "coordinator"
            | "manager"
            | "representative"
            | "registration"
            | "clerk"
            | "receptionist"
            | "administrator"
            | "secretary"
            | "accounts"
            | "collections"
    )
}

/// How much a kind of service date counts as the encounter date for a document type.
fn date_rank(ty: DocType, k: DateKind) -> i32 {
    use DateKind::*;
    use DocType::*;
    match (ty, k) {
        (DischargeSummary | IntakeForm, Admission) => 14,
        (RadiologyReport, Exam) => 14,
        (LabReport, Service | Visit) => 14,
        (LabReport, _) => 2,
        // A consultation letter's labelled visit is its date of service (fields.md): it
        // outranks the letter's own date.
        (ReferralLetter, Service | Visit) => 14,
        (ReferralLetter, Referral) => 13,
        (ReferralLetter, Letter) => 12,
        (ReferralLetter, Generic) => 9,
        (ConsentForm, Signature) => 14,
        (MedicationList, Review) => 13,
        (_, Review) => 4,
        (ConsentForm, Exam) => 10,
        (ConsentForm, Generic) => 9,
        (ConsentForm, _) => 3,
        (_, Service | Visit) => 12,
        // An inpatient progress note is dated by its entry, not by the stay's admission.
        (ProgressNote, Admission) => 4,
        (_, Admission | Exam) => 10,
        (_, Referral) => 8,
        // A document of no known kind is dated by a labelled service only: its bare "Date:"
        // may be a certification, request or print date.
        (Other, Generic) => 3,
        (_, Generic) => 5,
        (_, Letter) => 4,
        (_, Signature) => 2,
    }
}

/// How much a clinician's role counts toward being a document type's provider, on top of
/// the label's priority (fields.md): a radiology report's provider is the radiologist who read
/// the study, not the clinician who ordered it; a lab report's is the ordering provider.
fn role_rank(ty: DocType, r: Role) -> i32 {
    match (ty, r) {
        (DocType::RadiologyReport, Role::Reader) | (DocType::LabReport, Role::Ordering) => 10,
        (DocType::RadiologyReport, Role::Ordering) => -50,
        _ => 0,
    }
}

/// A word that ends a sentence: a full stop that is not an abbreviation's ("St. Aldric",
/// "Dr. Rosenthal", "Wilhelm R. Rosenthal" go on).
fn ends_sentence(raw: &str) -> bool {
    let Some(word) = raw.strip_suffix('.') else {
        return false;
    };
    let abbreviation = word.chars().count() == 1
        || matches!(
            word.to_ascii_lowercase().as_str(),
            "st" | "mt" | "ft" | "dr" | "mr" | "mrs" | "ms" | "jr" | "sr" | "no" | "vs" | "approx"
        );
    !abbreviation
}

/// A service date at the start of `raws`, if it reads as one and is plausible (not before
/// 1950, not more than a year ahead of `today`).
fn service_date(raws: &[&str], today: NaiveDate) -> Option<super::dates::ParsedDate> {
    parse_date(raws, YearRule::Service, today).filter(|d| plausible_service(d.date, today))
}

/// Whether every word of one name of two words or more is a word of the other, and what
/// the other adds is no suffix ("John Smith" and "John Smith Jr" are father and son).
fn same_words(a: &str, b: &str) -> bool {
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    let (short, long) = if wa.len() <= wb.len() {
        (wa, wb)
    } else {
        (wb, wa)
    };
    short.len() >= 2
        && short.iter().all(|w| long.contains(w))
        && long
            .iter()
            .all(|w| short.contains(w) || super::names::suffix_of(w).is_none())
}

/// Whether a box comes within `m` pixels of the page image's border: text there may be cut.
/// Pages of unknown size never do.
fn within_edge(b: BBox, page: &super::PageInput, m: u32) -> bool {
    let (w, h) = (page.width, page.height);
    if w == 0 || h == 0 {
        return false;
    }
    b.x <= m || b.y <= m || b.x + b.w + m >= w || b.y + b.h + m >= h
}

/// Whether a value may have been cut by the page image's border: it touches the border
/// (5 px at 300 dpi letter size), or it ends within a twentieth of an inch of it in a short
/// name word ("Helen Ra" ending 5 px from the edge of a cropped 200 dpi scan; a full family
/// name ending as close is common on such scans, a two-letter one rare).
fn cut_by_edge(best: &Cand, bbox: BBox, page: &super::PageInput) -> bool {
    let side = page.width.max(page.height);
    // (The name's last word: not a degree after it, "Beatrice Hargrove MD".)
    let last_word = best
        .toks
        .iter()
        .rev()
        .find(|t| !super::names::is_degree_word(&t.raw));
    let short_last_word = last_word.is_some_and(|t| {
        let w = t.raw.trim_end_matches([',', '.']);
        w.chars().count() <= 3 && w.chars().all(char::is_alphabetic)
    });
    within_edge(bbox, page, (side / 600).max(2))
        || short_last_word && within_edge(bbox, page, (side / 200).max(2))
}

/// Picks each field's value from the candidates. `patient_page` is the index of the page that
/// carries the patient header (1 when page 0 is a fax cover).
pub fn choose(
    cands: &[Cand],
    ty: DocType,
    pages: &[super::PageInput],
    patient_page: usize,
) -> Vec<(&'static str, FieldValue)> {
    let mut out = Vec::new();
    type IsField = fn(&Target) -> bool;
    let fields: [(&str, IsField); 6] = [
        ("patient_name", |t| *t == Target::Name),
        ("date_of_birth", |t| *t == Target::Dob),
        ("mrn", |t| *t == Target::Mrn),
        ("sex", |t| *t == Target::Sex),
        ("encounter_date", |t| matches!(t, Target::Encounter(_))),
        ("provider", |t| matches!(t, Target::Provider(_))),
    ];
    for (name, is) in fields {
        let patient_field = matches!(name, "patient_name" | "date_of_birth" | "mrn" | "sex");
        let mut scored: Vec<(i32, &Cand)> = cands
            .iter()
            .filter(|c| is(&c.target))
            .map(|c| {
                let mut s = match c.target {
                    Target::Encounter(k) => date_rank(ty, k) * 10 + c.priority,
                    Target::Provider(r) => c.priority * 10 + role_rank(ty, r),
                    _ => c.priority * 10,
                };
                if c.page_idx != patient_page {
                    s -= if patient_field { 200 } else { 60 };
                }
                (s, c)
            })
            .collect();
        // Strong labels whose value could not be read.
        let unread: Vec<i32> = scored
            .iter()
            .filter(|(_, c)| c.normalized.is_empty())
            .map(|(s, _)| *s)
            .collect();
        scored.retain(|(_, c)| !c.normalized.is_empty());
        if scored.is_empty() {
            continue;
        }
        // Best score; ties go to the earliest on the page.
        scored.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(a.1.page_idx.cmp(&b.1.page_idx))
                .then(a.1.line.cmp(&b.1.line))
        });
        let (best_s, best) = scored[0];
        // The same value read from other words of the document (a page header, a second
        // mention): each reading confirms the other's OCR.
        let other_reading = scored[1..]
            .iter()
            .filter(|(_, c)| {
                c.normalized == best.normalized
                    && (c.page_idx, c.line) != (best.page_idx, best.line)
            })
            .map(|(_, c)| c.ocr)
            .fold(0.0, f64::max);
        let mut ocr = best.ocr.max(other_reading);
        // A sex read as M or F: no confusion of OCR turns one letter into the other (E, P,
        // N or H are no sex), so a poor reading of the letter says little; where it was
        // found still counts. (Of 1,700 sex values on the blind sets none was wrong, 86 of
        // them under the review threshold, most for a single letter's OCR confidence.)
        if name == "sex" && matches!(best.normalized.as_str(), "M" | "F") {
            ocr = ocr.max(0.95);
        }
        let mut support = best.validity;
        // (More so when the value came from a weak label: "Patient's Name: <unreadable>"
        // above "Name: Rosalind O'Hara  Relationship: Mother" is someone else's name.)
        if unread.iter().any(|s| *s > best_s) {
            support *= if best.priority < 8 { 0.5 } else { 0.7 };
        }
        // A weak label's value is less sure. (An unlabelled name was placed by the patient's
        // other identifiers, a sticker's DOB line or a birth date in the same sentence: its
        // validity already says how sure that placement is.)
        let placed_name = best.target == Target::Name && best.dir == Dir::Unlabelled;
        if best.priority < 8 && !placed_name {
            support *= 0.93;
        }
        // Patient fields belong on the patient page; a letter's signer or a later page's
        // service date is normal elsewhere.
        if best.page_idx != patient_page {
            support *= if patient_field { 0.85 } else { 0.95 };
        }
        // A date of a kind this document type is not dated by (a letter's date on a
        // discharge summary, a signature date on a note, a lab's collection date): no
        // encounter date. Kept as a doubtful fallback, these were wrong far more often than
        // right on the blind sets (fields.md names them as not the encounter date).
        if let Target::Encounter(k) = best.target {
            if date_rank(ty, k) < 5 {
                continue;
            }
        }
        // Another value nearly as well supported: say so. (A date of a kind that could not be
        // this document's encounter date, such as a progress note's admission date, is no
        // rival.)
        // Nor is a name that holds every word of the other: "Odalys M Soto" in the header and
        // "Odalys M Soto Aian" where a signature's scribble ran into the printed name under
        // it are one person read twice.
        let could_be = |c: &Cand| match c.target {
            Target::Encounter(k) => date_rank(ty, k) >= 5,
            Target::Name | Target::Provider(_) => !same_words(&c.normalized, &best.normalized),
            _ => true,
        };
        // A letter's own date against a stay or a service the letter names ("admitted ...
        // on December 21"): a discharge letter is dated by the admission, a consultation
        // letter by its own date, and which one this is may be what the document type got
        // wrong.
        let service_named = |c: &Cand| {
            matches!(
                c.target,
                Target::Encounter(DateKind::Admission | DateKind::Service | DateKind::Visit)
            )
        };
        let letter_against_service = best.target == Target::Encounter(DateKind::Letter)
            && scored[1..]
                .iter()
                .any(|(_, c)| service_named(c) && c.normalized != best.normalized);
        let rival = letter_against_service
            || scored[1..]
                .iter()
                .any(|(s, c)| *s >= best_s - 15 && c.normalized != best.normalized && could_be(c));
        if rival {
            support *= 0.6;
        }
        // The same letters split into other words elsewhere in the document ("LUIS
        // MIGUELA" on page 1, "Luis Miguel A" on page 2): a space OCR lost or added, a
        // middle initial glued or not; which reading is right cannot be told.
        let squash = |n: &str| {
            n.chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        };
        let split_otherwise = matches!(best.target, Target::Name | Target::Provider(_))
            && scored[1..].iter().any(|(_, c)| {
                c.normalized != best.normalized && squash(&c.normalized) == squash(&best.normalized)
            });
        if split_otherwise {
            support *= 0.6;
        }
        // A service on the patient's birth date is a newborn's record or, far more often,
        // the birth date taken from a neighbouring column ("Birth Date" over the value,
        // "Date of Service" under it with its own value unreadable): doubt.
        if name == "encounter_date"
            && out.iter().any(|(n, v): &(&str, FieldValue)| {
                *n == "date_of_birth" && v.normalized == best.normalized
            })
        {
            support *= 0.5;
        }
        // A visit date one digit off the patient's signature date ("01/19/2024" beside a
        // signature dated 01/10/2024): the same day, one of them misread. Days that differ
        // really differ by more.
        if name == "encounter_date"
            && cands.iter().any(|c| {
                c.target == Target::Encounter(DateKind::Signature)
                    && one_character_off(&c.normalized, &best.normalized)
            })
        {
            support *= 0.7;
        }
        // The same value repeated (page headers, second mention): more sure.
        let agree = scored[1..]
            .iter()
            .filter(|(_, c)| c.normalized == best.normalized)
            .count();
        let mut bonus = if agree > 0 { 0.05 } else { 0.0 };
        // An MRN printed differently on another page: doubt. (A label whose value could not
        // be read at all is no other MRN.)
        if name == "mrn"
            && cands.iter().any(|c| {
                c.target == Target::Mrn
                    && !c.normalized.is_empty()
                    && c.normalized != best.normalized
                    && c.priority >= 9
            })
        {
            support *= 0.6;
            bonus *= 0.6;
        }
        // A value that reaches the edge of the page image may run off it ("LINDGREN, AL"
        // for ALAN, cut by the scan's border): what was cut cannot be told.
        let page = &pages[best.page_idx];
        let bbox = bbox_of(&best.toks);
        if cut_by_edge(best, bbox, page) {
            support *= 0.6;
        }
        let evidence = Evidence {
            ocr,
            support,
            bonus,
            blank: best.blank,
        };
        out.push((
            name,
            FieldValue {
                value: best.raw.clone(),
                normalized: best.normalized.clone(),
                confidence: evidence.confidence(),
                page_no: page.page_no,
                page_id: page.page_id,
                bbox,
                evidence,
                reread: None,
            },
        ));
    }
    out
}
