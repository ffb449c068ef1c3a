//! Person names: "DOE, JANE Q", "Jane Q. Doe", "Dr. Jane Doe, MD" → "Jane Q Doe".

/// A parsed person name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    pub given: String,
    pub middle: Option<String>,
    pub family: String,
    /// Leading tokens consumed (titles and degrees included).
    pub tokens: usize,
    /// The name stopped at a short unreadable word that may be a lost part of it
    /// ("WALKER, STEVEN S$ ..." read badly): the value may be incomplete. Or its order is
    /// unclear ("A B, C"; "BRENDA. ANDERSON").
    pub doubtful_end: bool,
    /// A generational suffix ("Jr", "III"): it tells a father from his son, so it is kept.
    pub suffix: Option<&'static str>,
    /// A letter was read back from an OCR confusion ("KATERYNA 1." → I, "CedricL." → Cedric
    /// L, "lbarra" → Ibarra): the value is likely right but less sure.
    pub repaired: bool,
}

impl PersonName {
    /// "Given M Family [Suffix]" (middle names kept as printed, initials without the dot).
    pub fn normalized(&self) -> String {
        let mut n = match &self.middle {
            Some(m) => format!("{} {} {}", self.given, m, self.family),
            None => format!("{} {}", self.given, self.family),
        };
        if let Some(s) = self.suffix {
            n.push(' ');
            n.push_str(s);
        }
        n
    }
}

/// Generational suffixes as printed (lowercase, without dots) and as normalised.
const SUFFIXES: &[(&str, &str)] = &[
    ("jr", "Jr"),
    ("sr", "Sr"),
    ("ii", "II"),
    ("iii", "III"),
    ("iv", "IV"),
    ("2nd", "II"),
    ("3rd", "III"),
];

/// The normalised suffix a word spells ("JR.," → "Jr", "III" → "III"), if any.
pub fn suffix_of(raw: &str) -> Option<&'static str> {
    let w = raw
        .trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '.'))
        .to_ascii_lowercase();
    SUFFIXES
        .iter()
        .find(|(k, _)| *k == w)
        .map(|(_, v)| *v)
        .or_else(|| stroke_suffix(raw))
}

/// "II" or "III" as OCR reads its strokes when it takes them for other thin glyphs ("lll,",
/// "Ill", "1II", "li"): two or three strokes, not all of them capital I.
fn stroke_suffix(raw: &str) -> Option<&'static str> {
    let w = raw.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '.'));
    let strokes = w.chars().all(|c| matches!(c, 'I' | 'l' | '1' | '|' | 'i'));
    match (strokes && w.contains(['l', '1', '|']), w.chars().count()) {
        (true, 2) => Some("II"),
        (true, 3) => Some("III"),
        _ => None,
    }
}

/// Whether a suffix read from strokes may have lost one: "II" may be "III" ("Il" for III
/// once on 60 evaluation sets), while three strokes read as "Ill" or "lll" were III every
/// time (18 of 18).
fn lost_stroke(suffix: &str) -> bool {
    suffix == "II"
}

/// Two or three of the strokes OCR makes of "II" or "III" when it reads them as other
/// letters ("IH", "HI", "IT", "l!"): maybe a suffix misread, maybe not.
pub fn suffix_strokes(w: &str) -> bool {
    (2..=3).contains(&w.chars().count()) && w.chars().all(|c| "IlHTi1|!".contains(c))
}

/// The suffix ending a normalised name of at least three words ("Fitzgerald O'Malley Jr").
pub fn name_suffix(n: &str) -> Option<&'static str> {
    let mut words = n.split_whitespace();
    let last = words.next_back()?;
    (words.count() >= 2).then(|| suffix_of(last)).flatten()
}

/// A normalised name split for the patients table (and FHIR's HumanName): the given and
/// middle names, and the family name (the last word with any particles before it, "van der
/// Berg"), a suffix left out of both.
pub fn given_and_family(n: &str) -> (Option<String>, Option<String>) {
    let mut parts: Vec<&str> = n.split_whitespace().collect();
    if name_suffix(n).is_some() {
        parts.pop();
    }
    if parts.len() < 2 {
        return (parts.first().map(|s| s.to_string()), None);
    }
    let mut start = parts.len() - 1;
    while start > 1 && is_particle(parts[start - 1]) {
        start -= 1;
    }
    (
        Some(parts[..start].join(" ")),
        Some(parts[start..].join(" ")),
    )
}

/// Folded name words without a trailing suffix: what two readings of one name share.
/// The words of a normalised name, folded, suffix left out. A hyphenated family name stays one
/// word ("Hernandez-Ruiz" → "hernandezruiz"): split, its first half would pass for a middle
/// name, and "Hollis Hernandez-Ruiz" would disagree with "Hollis M Hernandez-Ruiz".
fn core_words(n: &str) -> Vec<String> {
    let mut p: Vec<String> = n
        .split_whitespace()
        .map(|w| fold(w).replace(' ', ""))
        .filter(|w| !w.is_empty())
        .collect();
    if name_suffix(n).is_some() {
        p.pop();
    }
    p
}

/// "given family", folded, suffix left out: what must agree between readings of one name.
pub fn core_name(n: &str) -> String {
    match core_words(n).as_slice() {
        [first, .., last] => format!("{first} {last}"),
        p => p.join(" "),
    }
}

const TITLES: &[&str] = &["dr", "doctor", "mr", "mrs", "ms", "miss", "prof"];
const DEGREES: &[&str] = &[
    "md", "do", "np", "pa", "pac", "pa-c", "rn", "phd", "facp", "facs", "dds", "dmd", "aprn",
    "fnp", "fnp-c", "cnp", "crnp", "dnp", "mbbs", "lpn", "pharmd", "rph", "dpm", "od", "mph",
    "np-c", "msn", "bsn", "anp", "cnm", "crna", "dpt", "pt", "ot", "otr", "otr/l", "slp", "lcsw",
    "lmft", "psyd", "cns", "acnp", "agnp", "whnp", "pnp", "dc", "facog", "facc", "faap",
];
/// Family-name particles printed as a separate word ("Van Dyke", "De La Cruz").
const PARTICLES: &[&str] = &[
    "van", "von", "de", "del", "della", "da", "di", "du", "la", "le", "st", "san", "mac", "ter",
    "ten", "dos", "das", "al", "el", "bin", "ben", "der", "den", "des", "ibn", "los", "las",
];

/// Words that are never part of a name on a chart (labels and form words).
const STOP: &[&str] = &[
    "first",
    "middle",
    "last",
    "initial",
    "given",
    "surname",
    "patient",
    "name",
    "date",
    "birth",
    "dob",
    "sex",
    "gender",
    "male",
    "female",
    "mrn",
    "record",
    "medical",
    "chart",
    "number",
    "account",
    "phone",
    "fax",
    "address",
    "signature",
    "signed",
    "physician",
    "provider",
    "attending",
    "referring",
    "the",
    "of",
    "and",
    "for",
    "to",
    "on",
    "by",
    "at",
    "with",
    "requested",
    "documents",
    "re",
    "age",
    "dos",
    "admission",
    "service",
    "visit",
    "exam",
    "report",
    "clinic",
    "hospital",
    "center",
    "medicine",
    "group",
    "health",
    "insurance",
    "policy",
    "member",
    "unknown",
    "other",
    "none",
    "page",
    "continued",
    "dear",
    "sincerely",
    "cc",
    "primary",
    "care",
    "pcp",
    "mr",
    "no",
    "id",
    "ssn",
    "encounter",
    "accession",
    "acct",
    "location",
    "room",
    "bed",
    "unit",
    "dept",
    "department",
    "laboratory",
    "lab",
    "radiology",
    "imaging",
    "consent",
    "form",
    "statement",
    "list",
    "summary",
    "note",
    "progress",
    "discharge",
    "referral",
    "pt",
    "pharmacy",
    "allergies",
    "allergy",
    "nka",
    "nkda",
    "test",
    "result",
    "results",
    "specimen",
    "ordering",
    "collected",
    "received",
    "reported",
    "status",
    "final",
    "preliminary",
    "type",
    "marital",
    "single",
    "married",
    "divorced",
    "widowed",
    "language",
    "english",
    "race",
    "ethnicity",
    "religion",
    "employer",
    "email",
    "home",
    "work",
    "cell",
    "mobile",
    "city",
    "state",
    "zip",
    "street",
    "ave",
    "rd",
    "dr.",
    "contact",
    "emergency",
    "guarantor",
    "relationship",
    "subscriber",
    "insured",
    "self",
    "same",
    "network",
    "out-of-network",
    "in-network",
    "spouse",
    "mother",
    "father",
    "son",
    "daughter",
    "child",
    "guardian",
    "witness",
    "interpreter",
    "time",
    "am",
    "pm",
    "yes",
    "n/a",
    "na",
    "your",
    "my",
    "our",
    "this",
    "is",
    "a",
    "registration",
    "information",
    "history",
    "intake",
    "demographics",
    "demographic",
    "new",
    "established",
    "notes",
    "records",
    "request",
    "authorization",
    "release",
    "procedure",
    "impression",
    "findings",
    "assessment",
    "plan",
    "subjective",
    "objective",
    "medications",
    "medication",
    "reconciliation",
    "reason",
    "referral",
    "consultation",
    "letter",
    "copy",
    "cover",
    "sheet",
    "confidential",
    "confidentiality",
    "notice",
    "ordered",
    "electronically",
    "dictated",
    "transcribed",
    "reviewed",
    "addendum",
    "face",
    "admit",
    "admitted",
    "discharged",
    "doctor",
    "nurse",
    "technologist",
    "technician",
    "sonographer",
    // Titles of notes ("INDIVIDUAL THERAPY PROGRESS NOTE") are no names.
    "therapy",
    "individual",
    "session",
    "clinician",
    "office",
    "practice",
    "associates",
    "regional",
    "diagnostic",
    "labs",
    "laboratories",
    "services",
    "family",
    "internal",
    "pediatrics",
    "cardiology",
    "orthopedic",
    "dermatology",
    "neurology",
    "oncology",
    "surgery",
    "urgent",
];

/// A particle as printed, without punctuation; only "St." keeps its dot ("Dos." read from
/// a speck after "Dos" is "Dos").
pub fn particle_text(raw: &str) -> String {
    // (Specks before a word are not part of it: ".DE LA -CRUZ".)
    let t = raw
        .trim_start_matches(['.', '-', '~', '_'])
        .trim_matches(|c: char| matches!(c, ',' | ';' | ':'));
    if t.eq_ignore_ascii_case("st.") {
        t.to_string()
    } else if t.eq_ignore_ascii_case("st") && comma_for_dot(raw) {
        // "St, John, Lionel": the period read as a comma (see `comma_for_dot`).
        format!("{t}.")
    } else if is_particle(t) {
        // "de-los" → "de los".
        t.trim_end_matches('.').replace('-', " ")
    } else {
        t.trim_end_matches('.').to_string()
    }
}

/// "St," for "St.": the abbreviation's period read as a comma (no family name is
/// printed "St, John"). Counted as a repair.
fn comma_for_dot(raw: &str) -> bool {
    let t = raw.trim_start_matches(['.', '-', '~', '_']);
    t.len() == 3 && t[..2].eq_ignore_ascii_case("st") && t.ends_with([',', ';'])
}

pub fn is_particle(raw: &str) -> bool {
    let w = raw
        .trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '.'))
        .to_ascii_lowercase();
    // "de-los": particles OCR joined with a dash (or printed so).
    w.split('-').all(|p| PARTICLES.contains(&p))
}

/// `toks` starts with a particle: more particles, then a capitalised name word.
pub fn particle_run_ends_in_name(toks: &[&str]) -> bool {
    let rest: Vec<&&str> = toks.iter().skip_while(|t| is_particle(t)).collect();
    rest.first().is_some_and(|t| {
        !t.ends_with(':')
            && name_part(t).is_some_and(|p| p.chars().next().is_some_and(char::is_uppercase))
    })
}

/// Words of organisation names: a "name" that holds one or runs into one is not a person's
/// ("Whistler Creek Medical Group", "Pinnacle Employee Health-Trust").
const ORG: &[&str] = &[
    "medical",
    "group",
    "clinic",
    "hospital",
    "health",
    "healthcare",
    "associates",
    "center",
    "centre",
    "imaging",
    "laboratory",
    "laboratories",
    "labs",
    "partners",
    "practice",
    "pharmacy",
    "radiology",
    "services",
    "university",
    "institute",
    "foundation",
    "trust",
    "plan",
    "insurance",
    "regional",
    "memorial",
    "llc",
    "inc",
    // health plans ("Evergreen Advantage HMO")
    "hmo",
    "ppo",
    "epo",
    "advantage",
    "medicare",
    "medicaid",
    // specialties and departments name practices, not people ("Saltmarsh Gastroenterology")
    "medicine",
    "primary",
    "care",
    "urgent",
    "cardiology",
    "dermatology",
    "endocrinology",
    "gastroenterology",
    "neurology",
    "oncology",
    "urology",
    "pediatrics",
    "paediatrics",
    "orthopedics",
    "orthopaedics",
    "obstetrics",
    "gynecology",
    "pulmonology",
    "rheumatology",
    "nephrology",
    "psychiatry",
    "surgery",
    "surgical",
    "diagnostics",
    "rehabilitation",
    "physicians",
    "specialists",
    "department",
    "pc",
    "pllc",
];

fn is_org(raw: &str) -> bool {
    raw.to_lowercase()
        .split(|c: char| !c.is_alphabetic())
        .any(|w| ORG.contains(&w))
}

fn is_degree(norm: &str) -> bool {
    let n = norm.replace('.', "").to_ascii_lowercase();
    DEGREES.contains(&n.as_str())
}
/// A clinical degree as printed after a name ("MD", "D.O.,", "PA-C").
pub fn is_degree_word(raw: &str) -> bool {
    // (A closing quote, a form line's underscore or a box's rule OCR put after it: "MD’",
    // "APRN|"; a dash before it: "FARAH -MD".)
    is_degree(raw.trim_matches(|c: char| {
        matches!(
            c,
            ',' | '.' | ';' | '’' | '\'' | '`' | '"' | '_' | '|' | ')' | ']' | '-' | '~'
        )
    }))
}

pub fn is_title(norm: &str) -> bool {
    // "_Dr." on a form line: the underline is not part of it; "Ms, Siobhan Al-Masri": its
    // dot read as a comma (no family name is a title); "Dr: Lorena Umberger": a colon.
    let n = norm
        .trim_start_matches(['_', '-', '~'])
        .trim_end_matches(['.', ',', ':'])
        .to_ascii_lowercase();
    TITLES.contains(&n.as_str())
}

/// Title-cases a name part, keeping hyphens and apostrophes: O'CONNOR-SMITH → O'Connor-Smith.
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut up = true;
    for c in s.chars() {
        if up {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        up = c == '-' || c == '\'' || c == ' ';
    }
    out
}

pub fn name_part(raw: &str) -> Option<String> {
    name_part_read(raw).map(|(p, _)| p)
}

/// A capital I that OCR read as "l", "/", "|" or "!" at the start of a capitalised name word
/// ("lbarra", "/barra" for "Ibarra"): names do not start with a lower-case letter, and "l"
/// before a consonant starts no name word (particles such as "la", "le" go on with a vowel).
fn capital_i_misread(t: &str) -> Option<String> {
    let rest = t.strip_prefix(['l', '/', '|', '!'])?;
    let mut cs = rest.chars();
    let c1 = cs.next()?;
    let consonant = c1.is_ascii_lowercase() && !"aeiouyl".contains(c1);
    let plain = rest
        .chars()
        .all(|c| c.is_ascii_lowercase() || c == '-' || c == '\'');
    let n = rest.chars().count();
    let ok = plain
        && if t.starts_with('l') {
            n >= 3 && consonant
        } else {
            n >= 4 && c1.is_ascii_lowercase()
        };
    ok.then(|| format!("I{rest}"))
}

/// Whether two values of the same length differ in exactly one character.
pub fn one_character_off(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.chars().zip(b.chars()).filter(|(x, y)| x != y).count() == 1
}

/// Given-name abbreviations of old charts, written with their dot ("Chas. Dickens").
const ABBREVIATED_GIVEN: &[&str] = &[
    "chas", "thos", "robt", "jas", "jno", "geo", "wm", "benj", "saml", "edw", "eliz", "margt",
    "fredk", "richd", "danl", "jos",
];

/// Whether a word with a period, before another name word, is "FAMILY," with its comma read
/// as a period: a word of three or more letters, no title or abbreviation, before a
/// capitalised word of two or more letters that is no suffix or degree.
fn period_for_comma(raw: &str, next: Option<&str>) -> bool {
    let Some(word) = raw.trim_end().strip_suffix('.') else {
        return false;
    };
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let wordlike = letters >= 3
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && !is_title(raw)
        && !is_degree_word(raw)
        && suffix_of(raw).is_none()
        && !ABBREVIATED_GIVEN.contains(&word.to_lowercase().as_str());
    // (A comma after the next word is the name's one comma: "OCTAVIO. SANDOVAL, PA-C" is
    // given name first, the dot a speck.)
    wordlike
        && next.is_some_and(|n| {
            n.starts_with(|c: char| c.is_uppercase())
                && !n.trim_end().ends_with(',')
                && name_part(n).is_some_and(|p| p.chars().count() >= 2)
                && suffix_of(n).is_none()
                && !is_degree_word(n)
        })
}

/// A first word read "l" + lower case before the comma of "FAMILY, Given" ("lacovelli,
/// Judith"): the family name with its capital I, when a capitalised given name follows.
fn lowercase_family_i(p: &str, raw: &str, first: bool, next: Option<&&str>) -> Option<String> {
    let fixed = lowercase_i(p)?;
    let next_is_given = next.is_some_and(|n| {
        name_part(n).is_some_and(|g| g.chars().count() > 1)
            && n.starts_with(|c: char| c.is_ascii_uppercase())
    });
    (first && raw.trim_end().ends_with(',') && next_is_given).then_some(fixed)
}

/// "lacovelli" as "Iacovelli": a word of lower-case letters after an "l", which is the
/// capital I, where the word's place in a name says it is capitalised.
fn lowercase_i(p: &str) -> Option<String> {
    let rest = p.strip_prefix('l')?;
    (rest.chars().count() >= 3 && rest.chars().all(|c| c.is_ascii_lowercase()))
        .then(|| format!("I{rest}"))
}

/// `name_part`, and whether a misread letter was put back.
pub fn name_part_read(raw: &str) -> Option<(String, bool)> {
    // Form underlining before the word ("_/barra") is not part of it.
    let raw = raw.trim_start_matches('_');
    let trimmed = raw.trim_end_matches([',', ';', ':', '.']);
    if let Some(fixed) = capital_i_misread(trimmed) {
        return Some((fixed, true));
    }
    // A capital O read as a zero: an initial with its dot ("Xavier 0. O'Dowd"), or before
    // an apostrophe ("0'Dowd-Farrell"). No name holds a digit.
    // ("0O.": the letter read twice, as a zero and as itself.)
    if matches!(raw, "0." | "0.," | "0.." | "0O." | "O0.") {
        return Some(("O".to_string(), true));
    }
    if let Some(rest) = trimmed
        .strip_prefix("0'")
        .or_else(|| trimmed.strip_prefix("0\u{2019}"))
        .filter(|r| r.starts_with(|c: char| c.is_alphabetic()))
    {
        return name_part_read(&format!("O'{rest}")).map(|(p, _)| (p, true));
    }
    // A speck read as a dot before the word (".EKSTROM,") is not part of it.
    // (A backslash is a speck too: "ZIELINSKI,RENATA \N."; so is an opening quote before
    // an initial: "FERRARO, GIDEON ‘G", "RUTHERFORD, BETTINA 'B PA-C".)
    let quoted_initial = raw
        .strip_prefix(['‘', '`', '\''])
        .is_some_and(|r| r.trim_end_matches('.').chars().count() == 1);
    let raw = if quoted_initial {
        &raw[raw.chars().next().map_or(0, char::len_utf8)..]
    } else {
        raw
    };
    let t = raw
        .trim_start_matches(['.', '-', '~', '\\'])
        .trim_matches(|c: char| {
            matches!(
                c,
                ',' | ';' | ':' | '(' | ')' | '[' | ']' | '{' | '}' | '"' | '|' | '*' | '»' | '«'
            )
        });
    // A capital read as lower case before capitals ("wHITLOCK"): the capital.
    let recased;
    let t = match t.char_indices().nth(1) {
        Some((i, _))
            if t.len() > 2
                && t.starts_with(|c: char| c.is_ascii_lowercase())
                && t[i..]
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '\'' || c == '-') =>
        {
            recased = t.to_ascii_uppercase();
            recased.as_str()
        }
        _ => t,
    };
    // An initial with scan noise after it ("S$", "M_", "R~", "R_="): the letter.
    let mut cs = t.chars();
    if let Some(c0) = cs.next() {
        let rest = cs.as_str();
        if c0.is_ascii_uppercase()
            && !rest.is_empty()
            && rest
                .chars()
                .all(|c| matches!(c, '_' | '$' | '~' | '^' | '.' | ',' | '`' | '='))
        {
            return Some((c0.to_string(), false));
        }
    }
    // ("O''Connor": a speck beside the apostrophe read as a second one.)
    // (An apostrophe read as an opening quote or an acute accent: "D‘SOUZA".)
    let t = t
        .replace(['\u{2019}', '\u{2018}', '`', '\u{b4}'], "'")
        .replace("''", "'");
    let t = t.trim_end_matches(['-', '.', '\'']).to_string();
    let lower = t.to_ascii_lowercase();
    // A label glued to a name by OCR ("PROVIDERASMUSSEN", "Physiciamian"): not a name.
    if [
        "physic", "provid", "patien", "attend", "referr", "signat", "ptname",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return None;
    }
    if t.is_empty() || !t.chars().next()?.is_alphabetic() || !t.chars().last()?.is_alphabetic() {
        return None;
    }
    if !t
        .chars()
        .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    {
        return None;
    }
    if t.len() > 1 && STOP.contains(&t.to_ascii_lowercase().as_str()) {
        return None;
    }
    Some((t, false))
}

/// "CedricL" → ("Cedric", "L"): a capitalised word with one capital letter glued at its
/// end, as OCR reads a given name and a close middle initial. Mixed-case names keep their
/// inner capitals ("McDonald", "DeShawn"): only a final lone capital splits.
fn glued_initial(p: &str) -> Option<(String, String)> {
    let cs: Vec<char> = p.chars().collect();
    let n = cs.len();
    (n >= 4
        && cs[0].is_uppercase()
        && cs[n - 1].is_ascii_uppercase()
        && cs[1..n - 1].iter().all(|c| c.is_lowercase()))
    .then(|| (cs[..n - 1].iter().collect(), cs[n - 1].to_string()))
}

/// "SOFIA.N." → ("SOFIA", "N"): a name word of two letters or more and one capital after a
/// dot, with nothing else in the token but a closing dot or comma. Not a dotted degree run
/// into the word before it ("PHILIPPAM.D." is "PHILIPPA M.D.", "WINSTONFD.O." is "WINSTON F
/// D.O.").
fn dotted_initial(raw: &str) -> Option<(String, String)> {
    let t = raw.trim_end_matches([',', '.']);
    let (word, initial) = t.split_once('.')?;
    let mut cs = initial.chars();
    let c = cs
        .next()
        .filter(|c| c.is_ascii_uppercase() && cs.next().is_none())?;
    let word = name_part(word).filter(|w| w.chars().count() >= 2 && w == word)?;
    let last = word.chars().last()?;
    if is_degree(&format!("{last}{c}")) {
        return None;
    }
    Some((word, c.to_string()))
}

/// Name words that can only be a family name: one word, or particles before one.
fn family_only(parts: &[String]) -> bool {
    match parts.split_last() {
        Some((_, lead)) => lead.iter().all(|p| is_particle(p)),
        None => false,
    }
}

/// A family name of particles and a word as printed ("Van Der Berg", "St. Pierre").
fn particle_family(tokens: &[&str]) -> String {
    tokens
        .iter()
        .map(|t| particle_text(t))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The person a salutation's words name in full, when that is no clinician ("Dear Rowan
/// Szymanski," but not "Dear Dr. Okafor" or "Dear Jasper H. Demir, PA-C"): the words after
/// "Dear" are all the name.
pub fn layperson_addressee(rest: &[&str]) -> Option<PersonName> {
    let doctor = rest
        .first()
        .is_some_and(|w| matches!(fold(w).as_str(), "dr" | "doctor"));
    if doctor || rest.iter().any(|r| is_degree_word(r)) {
        return None;
    }
    parse_name(rest).filter(|n| n.tokens == rest.len())
}

/// A name read without a middle initial ("Valerie Nwosu" signing a letter) that the
/// document prints elsewhere with one ("Valerie S. Nwosu, MD, PhD" in its letterhead):
/// the fuller form, when the document gives exactly one initial for that given and family
/// name.
pub fn with_printed_middle(normalized: &str, words: &[&str]) -> Option<String> {
    let parts: Vec<&str> = normalized.split(' ').collect();
    let [given, family] = parts.as_slice() else {
        return None;
    };
    let bare =
        |w: &str| fold(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-'));
    let initial = |w: &str| {
        let t = w.trim_end_matches(['.', ',']);
        (t.chars().count() == 1 && t.chars().all(|c| c.is_ascii_uppercase())).then(|| t.to_string())
    };
    let (g, f) = (fold(given), fold(family));
    let mut found: Vec<String> = Vec::new();
    for w in words.windows(3) {
        // "Given M Family" or "FAMILY, GIVEN M".
        let m = if bare(w[0]) == g && bare(w[2]) == f {
            initial(w[1])
        } else if bare(w[0]) == f && w[0].ends_with(',') && bare(w[1]) == g {
            initial(w[2])
        } else {
            None
        };
        if let Some(m) = m {
            if !found.contains(&m) {
                found.push(m);
            }
        }
    }
    match found.as_slice() {
        [m] => Some(format!("{given} {m} {family}")),
        _ => None,
    }
}

/// "ST. JOHN MEI-LING R", "O'HARA THADDEUS K": without a comma, a name that ends on a lone
/// initial after two whole words is printed family name first, as typed ledgers and
/// hospital cards do (given-first puts the initial between: "Thaddeus K O'Hara").
/// Returns (family, given, initial). Only one family word (after its particles) and one
/// given name: "GARCIA LOPEZ MARIA R" cannot be cut surely and is left alone. Only in
/// capitals, the ledger's style: "Mary Ann L." is a given-first name whose family name was
/// not read.
fn family_first_by_initial(
    parts: &[String],
    tokens: &[&str],
    start: usize,
) -> Option<(String, String, String)> {
    let lead = parts.iter().take_while(|p| is_particle(p)).count();
    if parts.iter().any(|p| p.chars().any(char::is_lowercase)) {
        return None;
    }
    match &parts[lead..] {
        [family, given, initial]
            if initial.chars().count() == 1
                && initial.chars().all(|c| c.is_uppercase())
                && family.chars().count() > 1
                && given.chars().count() > 1 =>
        {
            let mut words: Vec<String> = tokens
                .get(start..start + lead)?
                .iter()
                .map(|t| particle_text(t))
                .collect();
            words.push(family.clone());
            Some((words.join(" "), given.clone(), initial.clone()))
        }
        _ => None,
    }
}

/// "DE LA CRUZ MARIBEL", a pharmacy's or a ledger's family-first order without a comma: a
/// run of two particles or more starts only a family name, so the word after them ends
/// it and the given name follows. (One particle may be a given name: "Al", "Van", "Ben".)
/// Returns (family, given, middle).
fn family_first_by_particles(
    parts: &[String],
    tokens: &[&str],
    start: usize,
) -> Option<(String, String, Option<String>)> {
    let lead = parts.iter().take_while(|p| is_particle(p)).count();
    let [family, given, rest @ ..] = parts.get(lead..)? else {
        return None;
    };
    if lead < 2 || given.chars().count() < 2 {
        return None;
    }
    let mut words: Vec<String> = tokens
        .get(start..start + lead)?
        .iter()
        .map(|t| particle_text(t))
        .collect();
    words.push(family.clone());
    let middle = (!rest.is_empty()).then(|| rest.join(" "));
    Some((words.join(" "), given.clone(), middle))
}

/// A name word with a degree after it in the same token: after a dot or a dash
/// ("YASMIN.MD,", "D-MD"), plainly apart; or run straight into a given name in capitals
/// ("GIDEONANP", "BETTINAMD"), at least four letters before it and only degrees no given
/// name ends with ("ORLANDO" ends in DO, "BJORN" in RN). Returns the word, and whether the
/// letters ran together (a middle initial may hide at its end: "GIDEON A NP"). A form
/// line's underscore read after it goes ("K.DO_").
fn glued_degree(raw: &str) -> Option<(&str, bool)> {
    let t = raw.trim_end_matches([',', '.', '_']);
    if let Some((word, d)) = t.rsplit_once(['.', '-']) {
        if is_degree(&d.to_ascii_lowercase()) && name_part(word).is_some() {
            return Some((word, false));
        }
    }
    if t.chars().any(|c| c.is_lowercase()) {
        return None;
    }
    // "TABITHAPA-C": a dashed degree run into the given name.
    if let Some(g) = ["FNP-C", "PA-C", "NP-C"]
        .iter()
        .find_map(|d| t.strip_suffix(d))
        .filter(|g| g.len() >= 4 && g.chars().all(|c| c.is_ascii_uppercase()))
    {
        return Some((g, true));
    }
    ["APRN", "PHD", "DDS", "DMD", "PAC", "FNP", "CNP", "MD", "NP"]
        .iter()
        .find_map(|d| t.strip_suffix(d))
        .filter(|g| g.len() >= 4 && g.chars().all(|c| c.is_ascii_uppercase()))
        .map(|g| (g, true))
}

/// Parses a person name at the start of `tokens`. `stop` says how many tokens at most may
/// belong to it (the caller cuts at the next label). Returns None when the words do not
/// look like a name (digits, form words, a single word).
pub fn parse_name(tokens: &[&str]) -> Option<PersonName> {
    // A speck read after the comma ("MBATHA,. CLARENCE" from a typewriter): the comma.
    // A title run into the first name by a dash or a dot ("Dr-Octavio", "Dr.Octavio"): the
    // name.
    let cleaned: Vec<&str> = tokens
        .iter()
        .map(|t| t.strip_suffix(",.").map_or(*t, |s| &t[..s.len() + 1]))
        .enumerate()
        .map(|(k, t)| {
            // (In lower case after it, "Dr-tsidore", the name's capital was misread: the
            // word then starts no name, rather than a name with the title in it.)
            let glued = t.split_once(['-', '.']).filter(|(title, rest)| {
                k == 0 && is_title(title) && rest.starts_with(|c: char| c.is_alphabetic())
            });
            glued.map_or(t, |(_, rest)| rest)
        })
        .collect();
    let tokens = cleaned.as_slice();
    let mut i = 0;
    // "Or. Keiko K Sandoval": OCR's "Or." (or "DOr.") for "Dr." before a capitalised name.
    let or_for_dr = |k: usize| {
        matches!(tokens[k], "Or." | "OR." | "DOr." | "Dor.")
            && tokens
                .get(k + 1)
                .is_some_and(|n| n.starts_with(|c: char| c.is_uppercase()))
    };
    while i < tokens.len() && (is_title(tokens[i]) || i == 0 && or_for_dr(i)) {
        i += 1;
    }
    let start = i;
    let mut parts: Vec<String> = Vec::new();
    let mut comma_after: Option<usize> = None;
    let mut stopped_at: Option<String> = None;
    let mut late_comma = false;
    // The order read from a period in capitals ("BRENDA. ANDERSON"): a guess.
    let mut period_order = false;
    let mut suffix: Option<&'static str> = None;
    let mut repaired = false;
    // Tokens joined into the word before them ("LLOYD-" "JONES,"); a letter that may have
    // been lost (a "!" after a word, a degree run into the given name).
    let mut joins = 0;
    let mut lost_letter = false;
    // Up to four name words; particles ("van der") do not count.
    while i < tokens.len() && parts.iter().filter(|p| !is_particle(p)).count() < 4 {
        let raw = tokens[i];
        // "O'MALLEY JR, FITZGERALD A", "ST. PIERRE JR, DESMOND": the suffix and its comma
        // close the family name; "Fitzgerald A O'Malley Jr", "O'MALLEY, FITZGERALD A JR": it
        // ends the name.
        if let Some(s) = suffix_of(raw).filter(|_| !parts.is_empty()) {
            suffix = Some(s);
            repaired |= stroke_suffix(raw).is_some_and(lost_stroke);
            i += 1;
            if raw.trim_end().ends_with(',') && family_only(&parts) && comma_after.is_none() {
                if parts.len() > 1 {
                    parts = vec![particle_family(&tokens[i - 1 - parts.len()..i - 1])];
                }
                comma_after = Some(0);
                continue;
            }
            break;
        }
        if is_degree_word(raw) && !parts.is_empty() {
            break;
        }
        // A date starts here ("Hannah Mbeki May 12, 2020"): the name has ended.
        if super::dates::month_of(raw).is_some()
            && tokens
                .get(i + 1)
                .is_some_and(|t| t.chars().next().is_some_and(|c| c.is_ascii_digit()))
        {
            break;
        }
        // A family-name particle ("van der Berg", "Dos Santos", "de la Cruz"): kept in any
        // case, and even when it is also a form word, when a name word follows it.
        if is_particle(raw) && !raw.ends_with(':') && particle_run_ends_in_name(&tokens[i..]) {
            repaired |= comma_for_dot(raw);
            parts.push(raw.to_string());
            i += 1;
            continue;
        }
        // A word with a colon after it is the next label ("Network:"), not a name; but the
        // given name right after "FAMILY," with a stray colon and an initial after it
        // ("WHITLOCK, QUENTIN: G") is the name's.
        let stray_colon = comma_after.is_some()
            && parts.len() == 1
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.len() == 1 && n.chars().all(|c| c.is_ascii_uppercase()));
        // "Lundquist, Tamika N:": a lone capital is no label; it is the middle initial
        // with a speck after it.
        // ("DU BOIS, ANNE-MARIE M.: Date of Service": with its dot too.)
        // ("Octavio L: Bhattacharya, DO": in natural order too, before the family name.)
        let lone_capital = raw.trim_end_matches([':', '.']).len() == 1
            && raw.starts_with(|c: char| c.is_ascii_uppercase());
        let initial_colon = lone_capital
            && (comma_after.is_some() && parts.len() == 2
                || comma_after.is_none()
                    && parts.len() == 1
                    && tokens.get(i + 1).is_some_and(|n| {
                        !n.ends_with(':')
                            && name_part(n).is_some_and(|p| {
                                p.chars().count() > 1 && p.starts_with(char::is_uppercase)
                            })
                    }));
        if raw.ends_with(':') && !parts.is_empty() && !stray_colon && !initial_colon {
            break;
        }
        // The middle initial I read as a digit one or an "l" ("ESKILDSEN, KATERYNA 1."), or O
        // read as a zero ("CZARNECKI, BEVERLY 0"): in the FAMILY, GIVEN form, with its dot
        // (I) or at the end of the words.
        // (With its dot doubled or a comma after it: "MOREAU, OSVALDO 0..")
        let last = i + 1 == tokens.len();
        let dotted = raw.trim_end_matches(',').ends_with('.');
        let misread_initial = match raw.trim_end_matches(['.', ',']) {
            "1" | "l" if dotted || last => Some("I"),
            "0" if last => Some("O"),
            _ => None,
        };
        if let Some(letter) = misread_initial.filter(|_| comma_after.is_some() && parts.len() == 2)
        {
            parts.push(letter.to_string());
            repaired = true;
            i += 1;
            continue;
        }
        // "INGERSOLL, ULYSSES BDO", "ZACHARIAH LMD_", "WAINWRIGHT, STELLAN JPA-C": a middle
        // initial run into the degree after it (with a form line after it).
        if comma_after.is_some() && parts.len() == 2 {
            let t = raw.trim_end_matches([',', '.', '_']);
            let mut cs = t.chars();
            if let Some(c) = cs.next().filter(|c| c.is_ascii_uppercase()) {
                let rest = cs.as_str();
                // (Or joined to it by a hyphen: "SANDOVAL, KENJI E-FNP-C".)
                let rest = rest.strip_prefix('-').unwrap_or(rest);
                if rest.len() >= 2
                    && rest.starts_with(|c: char| c.is_ascii_uppercase())
                    && rest.chars().all(|c| c.is_ascii_uppercase() || c == '-')
                    && is_degree(rest)
                {
                    parts.push(c.to_string());
                    repaired = true;
                    i += 1;
                    break;
                }
            }
        }
        // "LLOYD- JONES, XAVIER": a hyphenated name that OCR split after its hyphen.
        let joined;
        let raw = match tokens.get(i + 1) {
            Some(next)
                if raw.len() > 2
                    && raw.ends_with('-')
                    && next.starts_with(|c: char| c.is_uppercase()) =>
            {
                joined = format!("{raw}{next}");
                i += 1;
                joins += 1;
                joined.as_str()
            }
            _ => raw,
        };
        // "SMITH-OKAFOR, HARRIET!": a "!" after a word is a letter OCR lost ("I", "l"),
        // glued to it; the word stands, the name may lack that letter.
        let raw = match raw.strip_suffix('!').filter(|r| name_part(r).is_some()) {
            Some(r) => {
                lost_letter = true;
                r
            }
            None => raw,
        };
        // "MCALLISTER, THOMAS NMember DOB:": a name in capitals whose middle initial OCR ran
        // into the next label's word. The initial ends the name.
        let caps = |w: &str| !w.chars().any(char::is_lowercase);
        let initial_into_word = {
            let cs: Vec<char> = raw.chars().collect();
            cs.len() >= 5
                && cs[0].is_ascii_uppercase()
                && cs[1].is_ascii_uppercase()
                && cs[2..].iter().all(|c| c.is_ascii_lowercase())
        };
        if initial_into_word && parts.len() >= 2 && tokens[start..i].iter().all(|t| caps(t)) {
            parts.push(raw[..1].to_string());
            repaired = true;
            i += 1;
            break;
        }
        // "MCALLISTER, BRENDMember DOB:": the given name itself run into the label, a letter
        // maybe lost between them. The word ends the name, doubtfully.
        let word_into_label = {
            let cs: Vec<char> = raw.chars().collect();
            let run = cs.iter().take_while(|c| c.is_ascii_uppercase()).count();
            run >= 4 && cs.len() >= run + 3 && cs[run..].iter().all(|c| c.is_ascii_lowercase())
        };
        if word_into_label && !parts.is_empty() && tokens[start..i].iter().all(|t| caps(t)) {
            let run = raw.chars().take_while(|c| c.is_ascii_uppercase()).count();
            let Some((p, _)) = name_part_read(&raw[..run - 1]) else {
                break;
            };
            parts.push(p);
            lost_letter = true;
            i += 1;
            break;
        }
        // "DRUMMOND, GIDEONANP": a degree OCR ran into the given name (and maybe a middle
        // initial between: "GIDEON A NP"). The degree goes; which letters before it are the
        // initial cannot be told, so the name is doubtful.
        let glued = glued_degree(raw).filter(|_| comma_after.is_some() && !parts.is_empty());
        if let Some((word, run_together)) = glued {
            let Some((p, fixed)) = name_part_read(word) else {
                break;
            };
            parts.push(p);
            repaired |= fixed;
            lost_letter |= run_together;
            i += 1;
            break;
        }
        // "TRUJILLO, ANA SOFIA.N.": a name word and a middle initial OCR ran together at
        // the initial's dot. Two words, each read as printed: only the gap was not seen.
        if let Some((word, initial)) = dotted_initial(raw).filter(|_| !parts.is_empty()) {
            parts.push(word);
            parts.push(initial);
            i += 1;
            continue;
        }
        let Some((p, fixed)) = name_part_read(raw) else {
            stopped_at = Some(raw.to_string());
            break;
        };
        // "lacovelli, Judith": a family name before its comma, in lower case but for its
        // first letter, which is the capital I read as "l" (before a vowel too, where
        // `capital_i_misread` cannot tell it from prose). Which capital it was is a guess
        // ("Lacovelli" is a name as well), so the name is doubtful.
        // ("RE: Judith lacovelli": the same family name last, with nothing after it in
        // lower case.)
        let last_word = comma_after.is_none()
            && !parts.is_empty()
            && !tokens
                .get(i + 1)
                .is_some_and(|n| n.starts_with(|c: char| c.is_lowercase()));
        let (p, fixed) = match lowercase_family_i(&p, raw, parts.is_empty(), tokens.get(i + 1))
            .or_else(|| last_word.then(|| lowercase_i(&p)).flatten())
        {
            Some(fixed) => (fixed, true),
            None => (p, fixed),
        };
        // Lowercase words are prose, not names; but a letter with its dot after "FAMILY,
        // Given" is the middle initial in the wrong case ("Lopez, Charles w.").
        let lower_initial = comma_after.is_some()
            && parts.len() == 2
            && p.chars().count() == 1
            && raw.trim_end_matches(',').ends_with('.');
        if p.chars().next().is_some_and(|c| c.is_lowercase()) && !lower_initial {
            // (A lone letter there without its dot may be the initial too, and so may a
            // scrap with a capital after a lower-case letter: "Pruitt, Clifford oO" for O.)
            let scrap = p.chars().count() <= 3 && p.chars().skip(1).any(char::is_uppercase);
            lost_letter |=
                comma_after.is_some() && parts.len() == 2 && (p.chars().count() == 1 || scrap);
            break;
        }
        let p = if lower_initial { p.to_uppercase() } else { p };
        repaired |= fixed;
        // An initial glued to the given name ("Oyelaran, CedricL."): two words.
        let given_slot = if comma_after.is_some() {
            parts.len() == 1
        } else {
            parts.is_empty()
        };
        if let Some((given, initial)) = glued_initial(&p).filter(|_| given_slot) {
            parts.push(given);
            parts.push(initial);
            repaired = true;
            i += 1;
            continue;
        }
        parts.push(p);
        i += 1;
        // "HORACE A, OYELARAN": a comma after a middle initial is its dot misread.
        let initial_comma = comma_after.is_none()
            && parts.len() == 2
            && parts[1].chars().count() == 1
            && raw.trim_end().ends_with(',')
            && tokens.get(i).is_some_and(|n| {
                name_part(n).is_some_and(|p| p.chars().count() > 1) && suffix_of(n).is_none()
            });
        if initial_comma {
            repaired = true;
            continue;
        }
        // "JOVANOVIC; CYRUS": OCR's semicolon for the comma after a lone family name.
        let semicolon = raw.trim_end().ends_with(';') && parts.len() == 1;
        // "ABERNETHY. SEAMUS": a period after a lone whole word is a comma misread or a
        // speck (no name word ends in a dot but an initial's, a title's or an old
        // abbreviation's, "Chas."). Which order was meant cannot be told for sure: in
        // capitals, a face sheet's "FAMILY, GIVEN"; in mixed case the natural order
        // ("Ines. Bhattacharya DPT"). Either way the name is doubtful.
        let dotted = parts.len() == 1 && period_for_comma(raw, tokens.get(i).copied());
        repaired |= dotted;
        let period = dotted && !raw.chars().any(char::is_lowercase);
        if raw.trim_end().ends_with(',') || semicolon || period {
            if comma_after.is_none() && family_only(&parts) {
                period_order = period && !raw.trim_end().ends_with(',') && !semicolon;
                // "DOE, JANE"; "VAN DYKE, RUTH", "VAN DER BERG, T": a family name with
                // particles, printed as they are ("St." keeps its dot).
                if parts.len() > 1 {
                    parts = vec![particle_family(&tokens[i - parts.len()..i])];
                }
                comma_after = Some(0);
            } else {
                // "A B, C": a comma after two words leaves the name's order unclear.
                let next = tokens.get(i).copied().unwrap_or("");
                if comma_after.is_none()
                    && name_part(next).is_some()
                    && suffix_of(next).is_none()
                    && !is_degree_word(next)
                {
                    late_comma = true;
                }
                break;
            }
        }
    }
    // A suffix ("Doe, Jr.") and degrees right after the name are consumed too.
    let mut end = i;
    while end < tokens.len() {
        let t = tokens[end];
        if let Some(s) = suffix_of(t).filter(|_| suffix.is_none()) {
            suffix = Some(s);
            repaired |= stroke_suffix(t).is_some_and(lost_stroke);
        } else if !is_degree_word(t) {
            break;
        }
        end += 1;
    }
    if parts.len() < 2 {
        return None;
    }
    if parts.iter().any(|p| is_org(p)) || tokens.get(end).is_some_and(|t| is_org(t)) {
        return None;
    }
    let (given, middle, family) = if comma_after.is_some() {
        // FAMILY, GIVEN [M]; a family name is no initial ("PATIENT = T, FIRS" is what OCR
        // left of a caption's "(LAST, FIRST)").
        let family = parts[0].clone();
        if family.chars().count() == 1 {
            return None;
        }
        let given = parts[1].clone();
        let middle = if parts.len() >= 3 {
            Some(parts[2..].join(" "))
        } else {
            None
        };
        (given, middle, family)
    } else if let Some((family, given, initial)) = family_first_by_initial(&parts, tokens, start) {
        (given, Some(initial), family)
    } else if let Some((family, given, middle)) = family_first_by_particles(&parts, tokens, start) {
        (given, middle, family)
    } else {
        let mut family = parts.last().unwrap().clone();
        if family.len() == 1 {
            return None;
        }
        // "Nicholas St. Clair", "Thaddeus van der Berg": particles before the family name
        // belong to it.
        while parts.len() >= 3 && is_particle(&parts[parts.len() - 2]) {
            let particle = particle_text(tokens[start + joins + parts.len() - 2]);
            family = format!("{particle} {family}");
            parts.remove(parts.len() - 2);
        }
        let given = parts[0].clone();
        let middle = if parts.len() >= 3 {
            Some(parts[1..parts.len() - 1].join(" "))
        } else {
            None
        };
        (given, middle, family)
    };
    if given.len() == 1 && middle.is_none() {
        // "J Doe": an initial is not enough to name a patient.
        return None;
    }
    // Up to two middle words ("Ana Sofia C Hawkes": a double given name and an initial).
    if let Some(m) = &middle {
        if m.split(' ').count() > 2 || m.split(' ').any(|w| w.len() > 12) {
            return None;
        }
    }
    // "VALDIVIA, XIOMARAB.": a given name closed by a dot may be a middle initial glued to
    // it (a dot ends initials, not given names); which letter is the initial cannot be told.
    let dotted_given = comma_after.is_some()
        && middle.is_none()
        && i > start
        && tokens[i - 1].trim_end_matches(',').ends_with('.')
        && given.chars().count() >= 4;
    // "DUBOIS, KWAME IH": a short "middle name" of only the strokes OCR makes of "III"
    // may be a suffix misread.
    let strokes = suffix_strokes;
    let stroke_middle = middle
        .as_ref()
        .is_some_and(|m| strokes(m.rsplit(' ').next().unwrap_or("")));
    // "ABERNATHY, BEATRICE NI": a last "middle name" of two capitals one letter off a
    // degree ("NP") may be the degree misread, or the name's real end; doubtful.
    let degree_like = middle.as_ref().is_some_and(|m| {
        let w = m.rsplit(' ').next().unwrap_or("");
        let printed = tokens[start..i]
            .iter()
            .any(|t| t.trim_end_matches([',', '.']) == w.to_uppercase());
        printed
            && w.chars().count() == 2
            && DEGREES
                .iter()
                .any(|d| d.len() == 2 && one_character_off(d, &w.to_lowercase()))
    });
    // The same strokes right after the name ("Ezekiel W. Szymanski, I!" for "II"): a suffix
    // OCR did not read.
    let stroke_after = suffix.is_none()
        && tokens
            .get(end)
            .is_some_and(|t| strokes(t.trim_end_matches([',', '.', ';'])));
    // A short word with a capital and non-letters right after the name, or a symbol OCR
    // puts for a letter ("Ibarra, Thuy £" for "Thuy E"): maybe a lost initial.
    // (A period taken for the comma in capitals gives the face sheet's order, but a speck
    // after a given name reads the same: "BRENDA. ANDERSON" under a "Patient" caption was
    // Brenda Anderson, once in five such names on 64 sets.)
    let doubtful_end = late_comma
        || period_order
        || lost_letter
        || stroke_after
        || dotted_given
        || stroke_middle
        || degree_like
        || end == i
            && stopped_at.as_deref().is_some_and(|w| {
                let w = w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '|'));
                // (One digit beside a capital too: "0Q." for "O.", not an age "77Y".)
                let digits = w.chars().filter(|c| c.is_ascii_digit()).count();
                let capital = digits <= 1 && w.chars().any(|c| c.is_ascii_uppercase());
                w.len() <= 3
                    && w.chars().next().is_some_and(|c| {
                        c.is_ascii_uppercase()
                            || capital && c.is_ascii_digit()
                            || matches!(c, '$' | '£' | '€' | '¢' | '¥' | '©' | '®' | '§' | '&')
                    })
                    && !w.chars().all(|c| c.is_ascii_alphabetic())
                    && (capital || !w.chars().any(|c| c.is_ascii_digit()))
            });
    Some(PersonName {
        doubtful_end,
        suffix,
        repaired,
        given: title_case(&given),
        middle: middle.map(|m| title_case(&m)),
        family: title_case(&family),
        tokens: end,
    })
}

/// Lowercase letters only, parts separated by one space ("O'Connor-Smith" → "oconnor smith").
pub fn fold(s: &str) -> String {
    s.to_lowercase()
        .replace(['\'', '.'], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Similarity of two normalised names ("Given [M] Family"), 0..1, tolerant of a missing
/// middle initial: compares given+family with Jaro-Winkler and checks initials agree.
pub fn similarity(a: &str, b: &str) -> f64 {
    let pa = core_words(a);
    let pb = core_words(b);
    if pa.len() < 2 || pb.len() < 2 {
        return strsim::jaro_winkler(&fold(a), &fold(b));
    }
    let core = |p: &[String]| format!("{} {}", p[0], p[p.len() - 1]);
    let mut s = strsim::jaro_winkler(&core(&pa), &core(&pb));
    // Different middle initials where both are printed: different people more likely. The
    // particles of a family name ("de la Cruz") are not middle names.
    let middle = |p: &[String]| {
        let mut end = p.len() - 1;
        while end > 1 && is_particle(&p[end - 1]) {
            end -= 1;
        }
        p[1..end].first().and_then(|m| m.chars().next())
    };
    if let (Some(x), Some(y)) = (middle(&pa), middle(&pb)) {
        if x != y {
            s *= 0.9;
        }
    }
    // "Jr" against "Sr": a father and his son.
    if let (Some(x), Some(y)) = (name_suffix(a), name_suffix(b)) {
        if x != y {
            s *= 0.85;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Option<String> {
        let t: Vec<&str> = s.split_whitespace().collect();
        parse_name(&t).map(|p| p.normalized())
    }

    fn repaired(s: &str) -> bool {
        let t: Vec<&str> = s.split_whitespace().collect();
        parse_name(&t).unwrap().repaired
    }

    #[test]
    fn a_capital_o_read_as_zero_and_quotes_for_apostrophes() {
        assert_eq!(
            n("Xavier 0. O'Dowd-Farrell").as_deref(),
            Some("Xavier O O'Dowd-Farrell")
        );
        assert!(repaired("Xavier 0. O'Dowd-Farrell"));
        assert_eq!(
            n("Thuy 0'Dowd-Farrell").as_deref(),
            Some("Thuy O'Dowd-Farrell")
        );
        assert!(repaired("Thuy 0'Dowd-Farrell"));
        assert_eq!(n("D‘SOUZA, IMELDA").as_deref(), Some("Imelda D'Souza"));
        assert_eq!(n("D´Souza, Imelda").as_deref(), Some("Imelda D'Souza"));
        // A zero without its dot, or other digits, stay no name.
        assert_eq!(n("Xavier 0 Smith"), None);
        assert_eq!(n("10. Smith"), None);
    }

    #[test]
    fn a_title_whose_dot_was_read_as_a_comma_or_run_into_the_name() {
        assert_eq!(
            n("Ms, Siobhan Al-Masri").as_deref(),
            Some("Siobhan Al-Masri")
        );
        assert_eq!(
            n("Dr-Octavio Ingersoll").as_deref(),
            Some("Octavio Ingersoll")
        );
        assert_eq!(
            n("Dr.Octavio Ingersoll").as_deref(),
            Some("Octavio Ingersoll")
        );
        // A hyphenated name is no title.
        assert_eq!(
            n("Drew-Ann Ingersoll").as_deref(),
            Some("Drew-Ann Ingersoll")
        );
    }

    #[test]
    fn an_initial_with_specks_after_it() {
        assert_eq!(
            n("FERREIRA, BERNADETTE R_=").as_deref(),
            Some("Bernadette R Ferreira")
        );
        assert_eq!(
            n("DU BOIS, ANNE-MARIE M.: Date").as_deref(),
            Some("Anne-Marie M Du Bois")
        );
    }

    #[test]
    fn particles_first_start_a_family_name() {
        assert_eq!(
            n("DE LA CRUZ MARIBEL").as_deref(),
            Some("Maribel De La Cruz")
        );
        assert_eq!(
            n("VAN DER BERG PERCIVAL T").as_deref(),
            Some("Percival T Van Der Berg")
        );
        // Given-first names keep their order; one particle may be a given name.
        assert_eq!(
            n("Maribel De La Cruz").as_deref(),
            Some("Maribel De La Cruz")
        );
        assert_eq!(n("Al Green").as_deref(), Some("Al Green"));
    }

    #[test]
    fn suffix_strokes_and_initials_run_into_a_degree() {
        assert_eq!(
            n("Nakashima li, Tyrone F.").as_deref(),
            Some("Tyrone F Nakashima II")
        );
        assert!(repaired("Nakashima li, Tyrone F."));
        assert_eq!(
            n("NWACHUKWU, ZACHARIAH LMD_").as_deref(),
            Some("Zachariah L Nwachukwu")
        );
    }

    #[test]
    fn specks_before_particles_and_a_title_with_a_colon_are_not_the_name() {
        assert_eq!(
            n(".DE LA -CRUZ,. PRISCILLA RENEE").as_deref(),
            Some("Priscilla Renee De La Cruz")
        );
        assert_eq!(n("Dr: Lorena Umberger").as_deref(), Some("Lorena Umberger"));
        assert_eq!(
            n("Or. Keiko K Sandoval").as_deref(),
            Some("Keiko K Sandoval")
        );
        assert_eq!(n("Or Keiko Sandoval").as_deref(), Some("Or Keiko Sandoval"));
        assert_eq!(
            n("DOr. Winston Montalvo").as_deref(),
            Some("Winston Montalvo")
        );
        assert_eq!(
            n("CZARNECKI, BEVERLY 0").as_deref(),
            Some("Beverly O Czarnecki")
        );
        assert!(repaired("CZARNECKI, BEVERLY 0"));
        assert_eq!(
            n("CZARNECKI, BEVERLY 0 12").as_deref(),
            Some("Beverly Czarnecki")
        );
        // A middle initial read in lower case, with its dot.
        assert_eq!(n("Lopez, Charles w.").as_deref(), Some("Charles W Lopez"));
        assert_eq!(n("Lopez, Charles w").as_deref(), Some("Charles Lopez"));
        assert!(
            parse_name(&["Lopez,", "Charles", "w"])
                .unwrap()
                .doubtful_end
        );
        // An initial O read as a zero and an O.
        assert_eq!(
            n("DE LOS SANTOS, RASHID 0O. AGE/SEX:").as_deref(),
            Some("Rashid O De Los Santos")
        );
        // Some other letter beside a digit after the name: maybe a lost initial.
        let t = ["SANTOS,", "RASHID", "0Q."];
        assert!(parse_name(&t).unwrap().doubtful_end);
        let t = ["SANTOS,", "RASHID", "77Y"];
        assert!(!parse_name(&t).unwrap().doubtful_end);
    }

    #[test]
    fn an_initial_run_into_a_name_word_at_its_dot_is_split() {
        assert_eq!(
            n("TRUJILLO, ANA SOFIA.N. AGE/SEX:").as_deref(),
            Some("Ana Sofia N Trujillo")
        );
        assert!(!repaired("TRUJILLO, ANA SOFIA.N."));
        assert_eq!(
            n("Ana Sofia.N. Trujillo").as_deref(),
            Some("Ana Sofia N Trujillo")
        );
        // A dotted degree run into the name is no initial.
        assert_eq!(n("OSEI, PHILIPPAM.D.").as_deref(), None);
        // Two letters after the dot are no initial; a dot between two words is no split.
        assert_eq!(n("TRUJILLO, ANA SOFIA.NO").as_deref(), Some("Ana Trujillo"));
        // A backslash before an initial is a speck.
        assert_eq!(
            n("ZIELINSKI, RENATA \\N. UNIT#:").as_deref(),
            Some("Renata N Zielinski")
        );
    }

    #[test]
    fn ocr_confusions_in_names_are_read_back_and_marked() {
        // The middle initial I read as a one or an l.
        assert_eq!(
            n("ESKILDSEN, KATERYNA 1.").as_deref(),
            Some("Kateryna I Eskildsen")
        );
        assert_eq!(
            n("ESKILDSEN, KATERYNA l").as_deref(),
            Some("Kateryna I Eskildsen")
        );
        assert!(repaired("ESKILDSEN, KATERYNA 1."));
        // A bare one in the middle of other words is not an initial.
        assert_eq!(
            n("ESKILDSEN, KATERYNA 1 2").as_deref(),
            Some("Kateryna Eskildsen")
        );
        // An initial glued to the given name.
        assert_eq!(
            n("Oyelaran, CedricL.").as_deref(),
            Some("Cedric L Oyelaran")
        );
        assert_eq!(n("CedricL Oyelaran").as_deref(), Some("Cedric L Oyelaran"));
        assert!(repaired("Oyelaran, CedricL."));
        // Inner capitals are kept, and a family name is not split.
        assert_eq!(n("DeShawn McDonald").as_deref(), Some("Deshawn Mcdonald"));
        assert_eq!(n("McDonaldL, Anne").as_deref(), Some("Anne Mcdonaldl"));
        assert!(!repaired("Jane Q Doe"));
        // A capital I read as l, / or | before a lower-case name word.
        assert_eq!(n("lbarra, Kateryna").as_deref(), Some("Kateryna Ibarra"));
        assert_eq!(n("_/barra, Thuy").as_deref(), Some("Thuy Ibarra"));
        assert_eq!(n("Thuy |barra").as_deref(), Some("Thuy Ibarra"));
        assert_eq!(n("Franklin !barra PT").as_deref(), Some("Franklin Ibarra"));
        // Degrees with a box's rule after them, or dashed and run into the given name.
        assert_eq!(
            n("Iwasaki, Jasper E. APRN|").as_deref(),
            Some("Jasper E Iwasaki")
        );
        assert_eq!(
            n("CORMIER, TABITHAPA-C").as_deref(),
            Some("Tabitha Cormier")
        );
        assert!(
            parse_name(&["CORMIER,", "TABITHAPA-C"])
                .unwrap()
                .doubtful_end
        );
        // A last middle word of two capitals one letter off a degree: doubtful.
        let doubtful = |s: &str| {
            let t: Vec<&str> = s.split_whitespace().collect();
            parse_name(&t).unwrap().doubtful_end
        };
        assert!(doubtful("ABERNATHY, BEATRICE NI"));
        assert!(!doubtful("ABERNATHY, BEATRICE NIA"));
        assert!(!doubtful("Abernathy, Beatrice N"));
        assert!(repaired("lbarra, Kateryna"));
        // Before a vowel too, where it is the family name before its comma ("Iacovelli"),
        // doubtful; a form's hint in lower case is no name.
        assert_eq!(
            n("lacovelli, Judith James").as_deref(),
            Some("Judith James Iacovelli")
        );
        assert!(repaired("lacovelli, Judith James"));
        assert_eq!(n("last, first"), None);
        assert_eq!(n("Judith lacovelli").as_deref(), Some("Judith Iacovelli"));
        assert!(repaired("Judith lacovelli"));
        assert_eq!(n("Judith lacovelli in").as_deref(), None);
        // A period after a lone whole word is the comma misread: the order is read from it,
        // doubtfully; an initial's, a title's or an abbreviation's dot is no comma.
        assert_eq!(n("QUIMBY. ISIDORE MD").as_deref(), Some("Isidore Quimby"));
        assert!(repaired("ABERNETHY. SEAMUS"));
        // In capitals the order it gives is a guess ("BRENDA. ANDERSON" was Brenda).
        assert!(parse_name(&["ABERNETHY.", "SEAMUS"]).unwrap().doubtful_end);
        assert!(!parse_name(&["ABERNETHY,", "SEAMUS"]).unwrap().doubtful_end);
        assert!(!parse_name(&["Ines.", "Bhattacharya"]).unwrap().doubtful_end);
        assert_eq!(
            n("Ines. Bhattacharya DPT").as_deref(),
            Some("Ines Bhattacharya")
        );
        assert!(repaired("Ines. Bhattacharya DPT"));
        assert!(!repaired("Mary J. Smith"));
        assert!(!repaired("St. John, Mary"));
        // The abbreviation's period read as a comma: "St.", doubtfully.
        assert_eq!(n("St, John, Lionel").as_deref(), Some("Lionel St. John"));
        assert!(repaired("St, John, Lionel"));
        assert_eq!(n("Chas. Dickens").as_deref(), Some("Chas Dickens"));
        assert_eq!(
            n("OCTAVIO. SANDOVAL, PA-C").as_deref(),
            Some("Octavio Sandoval")
        );
        assert_eq!(n("Dr-tsidore Yoshida"), None);
        assert_eq!(n("Dr-Isidore Yoshida").as_deref(), Some("Isidore Yoshida"));
        assert!(!repaired("Chas. Dickens"));
        assert_eq!(
            n("Horace A. Oyelaran").as_deref(),
            Some("Horace A Oyelaran")
        );
        // A comma where a middle initial's dot was.
        assert_eq!(
            n("HORACE A, OYELARAN").as_deref(),
            Some("Horace A Oyelaran")
        );
        assert!(repaired("HORACE A, OYELARAN"));
        assert_eq!(n("Doe, J, MD"), None);
        // Particles and prose keep their l: "la", "le", "lbs".
        assert_eq!(n("Maria de la Cruz").as_deref(), Some("Maria De La Cruz"));
        assert_eq!(n("Kateryna lbs"), None);
    }

    #[test]
    fn family_first_without_comma_when_an_initial_ends_it() {
        assert_eq!(
            n("ST. JOHN MEI-LING R").as_deref(),
            Some("Mei-Ling R St. John")
        );
        assert_eq!(n("O'HARA THADDEUS K").as_deref(), Some("Thaddeus K O'Hara"));
        assert_eq!(
            n("VAN DER BERG TALLULAH J").as_deref(),
            Some("Tallulah J Van Der Berg")
        );
        // Given-first forms are untouched; so are two-word families.
        assert_eq!(n("Thaddeus K O'Hara").as_deref(), Some("Thaddeus K O'Hara"));
        assert_eq!(n("GARCIA LOPEZ MARIA R"), None);
        assert_eq!(n("Mary Ann Smith").as_deref(), Some("Mary Ann Smith"));
        assert_eq!(n("Mary Ann L."), None);
    }

    #[test]
    fn doubled_apostrophe() {
        assert_eq!(
            n("Bernadette O''Connor-Smith").as_deref(),
            Some("Bernadette O'Connor-Smith")
        );
    }

    #[test]
    fn strokes_after_a_name_may_be_its_suffix() {
        let t = ["Ezekiel", "W.", "Szymanski,", "I!"];
        let p = parse_name(&t).unwrap();
        assert_eq!(p.normalized(), "Ezekiel W Szymanski");
        assert!(p.doubtful_end);
        assert!(
            !parse_name(&["Ezekiel", "W.", "Szymanski,", "MD"])
                .unwrap()
                .doubtful_end
        );
    }

    #[test]
    fn an_initial_with_a_speck_read_as_a_guillemet() {
        assert_eq!(
            n("N'Diaye, Vernon A.» Date").as_deref(),
            Some("Vernon A N'Diaye")
        );
        // A speck after an initial read as a colon, in natural order.
        assert_eq!(
            n("Octavio L: Bhattacharya, DO").as_deref(),
            Some("Octavio L Bhattacharya")
        );
        // An opening quote before an initial is a speck too.
        assert_eq!(n("FERRARO, GIDEON ‘G").as_deref(), Some("Gideon G Ferraro"));
        assert_eq!(
            n("RUTHERFORD, BETTINA 'B PA-C").as_deref(),
            Some("Bettina B Rutherford")
        );
        // "1.," before a degree: the initial I with its dot and a comma.
        assert_eq!(
            n("ESKILDSEN, KATERYNA 1., MD").as_deref(),
            Some("Kateryna I Eskildsen")
        );
        // A zero for the initial O, its dot doubled.
        assert_eq!(
            n("MOREAU, OSVALDO 0..").as_deref(),
            Some("Osvaldo O Moreau")
        );
        // An initial joined to the degree by a hyphen.
        assert_eq!(
            n("SANDOVAL, KENJI E-FNP-C").as_deref(),
            Some("Kenji E Sandoval")
        );
    }

    #[test]
    fn a_garbled_initial_after_the_name_makes_it_doubtful() {
        let p = parse_name(&["Pruitt,", "Clifford", "oO", "DOB:"]).unwrap();
        assert_eq!(
            (p.normalized().as_str(), p.doubtful_end),
            ("Clifford Pruitt", true)
        );
        let p = parse_name(&["Pruitt,", "Clifford", "DOB:"]).unwrap();
        assert!(!p.doubtful_end);
    }

    #[test]
    fn a_degree_after_a_dash() {
        assert_eq!(
            n("CAVANAUGH, FARAH -MD").as_deref(),
            Some("Farah Cavanaugh")
        );
        assert_eq!(n("Farah Cavanaugh ~DO").as_deref(), Some("Farah Cavanaugh"));
    }

    #[test]
    fn degree_run_into_the_given_name() {
        let t = ["DRUMMOND,", "GIDEONANP"];
        let p = parse_name(&t).unwrap();
        assert_eq!(p.normalized(), "Gideona Drummond");
        assert!(p.doubtful_end);
        // After a dot or a dash the degree stands plainly apart.
        let p = parse_name(&["ZIMMERMAN,", "YASMIN.MD,", "PHD"]).unwrap();
        assert_eq!(
            (p.normalized().as_str(), p.doubtful_end),
            ("Yasmin Zimmerman", false)
        );
        assert_eq!(p.tokens, 3);
        assert_eq!(
            n("TREMBLAY, DEEPA D-MD, PHD").as_deref(),
            Some("Deepa D Tremblay")
        );
        // A middle initial run into the next label's word; a degree with a quote after it.
        let p = parse_name(&["MCALLISTER,", "THOMAS", "NMember", "DOB:"]).unwrap();
        assert_eq!(
            (p.normalized().as_str(), p.repaired),
            ("Thomas N Mcallister", true)
        );
        // The given name itself run into the label: the name ends there, doubtfully.
        let p = parse_name(&["MCALLISTER,", "BRENDMember", "DOB:"]).unwrap();
        assert_eq!(
            (p.normalized().as_str(), p.doubtful_end),
            ("Brend Mcallister", true)
        );
        assert_eq!(
            n("Fiona Okonkwo MD’ PCP:").as_deref(),
            Some("Fiona Okonkwo")
        );
        // A suffix's strokes read as other thin glyphs.
        assert_eq!(
            n("VAN DER BERG lll, OTIS").as_deref(),
            Some("Otis Van Der Berg III")
        );
        // Three strokes are III however OCR read them; two may have lost one.
        assert!(
            !parse_name(&["VAN", "DER", "BERG", "lll,", "OTIS"])
                .unwrap()
                .repaired
        );
        assert!(
            parse_name(&["FERREIRA", "Il,", "EWAN", "G"])
                .unwrap()
                .repaired
        );
        assert_eq!(
            n("Terrance E Trujillo Ill").as_deref(),
            Some("Terrance E Trujillo III")
        );
        assert_eq!(
            n("Ezekiel W. Szymanski, Il").as_deref(),
            Some("Ezekiel W Szymanski II")
        );
        // A caption's "(LAST, FIRST)" garbled to "T, FIRS": no family name is one letter.
        assert_eq!(n("T, FIRS"), None);
        // The initial and the degree in one word, an underscore of the form line after it.
        assert_eq!(
            n("Brightwater, Leopold K.DO_").as_deref(),
            Some("Leopold K Brightwater")
        );
        // Given names that end like a degree stay.
        assert_eq!(n("CASTILLO, ORLANDO").as_deref(), Some("Orlando Castillo"));
        assert!(!parse_name(&["CASTILLO,", "ORLANDO"]).unwrap().doubtful_end);
    }

    #[test]
    fn split_hyphen_and_lost_letter() {
        // OCR split a hyphenated family name after its hyphen.
        assert_eq!(
            n("LLOYD- JONES, XAVIER").as_deref(),
            Some("Xavier Lloyd-Jones")
        );
        assert_eq!(
            n("Mary- Kate Lundquist").as_deref(),
            Some("Mary-Kate Lundquist")
        );
        // A dash standing alone is no half of a name.
        assert_eq!(n("Xavier - Jones"), None);
        // "!" glued to a word: the word, and the name is doubtful.
        let t: Vec<&str> = "SMITH-OKAFOR, HARRIET! MR #: 00803597".split(' ').collect();
        let p = parse_name(&t).unwrap();
        assert_eq!(p.normalized(), "Harriet Smith-Okafor");
        assert!(p.doubtful_end);
        assert!(
            !parse_name(&["Harriet", "Smith-Okafor"])
                .unwrap()
                .doubtful_end
        );
    }

    #[test]
    fn particles_joined_by_a_dash() {
        assert_eq!(
            n("Bernadette B de-los Santos").as_deref(),
            Some("Bernadette B De Los Santos")
        );
        assert_eq!(
            n("VAN SMITH-JONES, RUTH").as_deref(),
            Some("Ruth Van Smith-Jones")
        );
    }

    #[test]
    fn particle_family_names() {
        assert_eq!(
            n("Thaddeus G de los Santos").as_deref(),
            Some("Thaddeus G De Los Santos")
        );
        assert_eq!(n("VAN DYKE, RUTH").as_deref(), Some("Ruth Van Dyke"));
        assert_eq!(
            n("ST. CLAIR, NICHOLAS").as_deref(),
            Some("Nicholas St. Clair")
        );
        assert_eq!(
            n("Nicholas St. Clair").as_deref(),
            Some("Nicholas St. Clair")
        );
        assert_eq!(n("Ruth Van Dyke").as_deref(), Some("Ruth Van Dyke"));
        // A degree after a comma is not a third name word.
        let t = ["Pradeep", "Montgomery,", "MD,", "FACP"];
        assert!(!parse_name(&t).unwrap().doubtful_end);
        // A colon ends the name: the next word is a label.
        assert_eq!(
            n("Keiko Gudmundsson Network: Out-of-network").as_deref(),
            Some("Keiko Gudmundsson")
        );
        let t = ["ANNA", "MARIE,", "JONES"];
        assert!(parse_name(&t).is_none_or(|p| p.doubtful_end));
    }

    #[test]
    fn multi_word_and_lowercase_particles() {
        assert_eq!(
            n("Thaddeus van der Berg").as_deref(),
            Some("Thaddeus Van Der Berg")
        );
        assert_eq!(
            n("THADDEUS VAN DER BERG").as_deref(),
            Some("Thaddeus Van Der Berg")
        );
        assert_eq!(
            n("VAN DER BERG, MARGUERITE R").as_deref(),
            Some("Marguerite R Van Der Berg")
        );
        // "Dos" is also the date-of-service label; before a name word it is a particle.
        assert_eq!(
            n("Siobhan D Dos Santos").as_deref(),
            Some("Siobhan D Dos Santos")
        );
        assert_eq!(
            n("Dos Santos, Siobhan Dawn").as_deref(),
            Some("Siobhan Dawn Dos Santos")
        );
        assert_eq!(n("Jane Doe DOS: 03/04/2020").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn particles_do_not_count_as_name_words() {
        assert_eq!(
            n("MARGUERITE RENEE VAN DER BERG").as_deref(),
            Some("Marguerite Renee Van Der Berg")
        );
    }

    #[test]
    fn two_middle_words() {
        assert_eq!(
            n("Ana Sofia C Hawkes").as_deref(),
            Some("Ana Sofia C Hawkes")
        );
        assert_eq!(n("A B C D E"), None);
    }

    #[test]
    fn a_family_name_with_particles_and_a_suffix_before_the_comma() {
        assert_eq!(
            n("ST. PIERRE JR, DESMOND J.").as_deref(),
            Some("Desmond J St. Pierre Jr")
        );
        assert_eq!(n("VAN DYKE, RUTH").as_deref(), Some("Ruth Van Dyke"));
        assert_eq!(
            n("O'MALLEY JR, FITZGERALD A").as_deref(),
            Some("Fitzgerald A O'Malley Jr")
        );
    }

    #[test]
    fn noisy_initials() {
        assert_eq!(n("WALKER, STEVEN S$").as_deref(), Some("Steven S Walker"));
        assert_eq!(n("HALL, LARRY M_").as_deref(), Some("Larry M Hall"));
        let t = ["HALL,", "LARRY", "M%"];
        let p = parse_name(&t).unwrap();
        assert!(p.doubtful_end);
        let t = ["Jane", "Doe"];
        assert!(!parse_name(&t).unwrap().doubtful_end);
        // A given name closed by a dot: perhaps "XIOMARA B." run together.
        let t = ["VALDIVIA,", "XIOMARAB."];
        assert!(parse_name(&t).unwrap().doubtful_end);
        let t = ["VALDIVIA,", "XIOMARA", "B."];
        assert!(!parse_name(&t).unwrap().doubtful_end);
        // A middle initial E read as a pound sign.
        let t = ["Ibarra,", "Thuy", "£", "Admission"];
        let p = parse_name(&t).unwrap();
        assert_eq!(p.normalized(), "Thuy Ibarra");
        assert!(p.doubtful_end);
    }

    #[test]
    fn a_middle_initial_printed_elsewhere_completes_a_name() {
        let words = "Endocrinology Valerie S. Nwosu, MD, PhD ... Sincerely, Valerie Nwosu MD";
        let ws: Vec<&str> = words.split(' ').collect();
        assert_eq!(
            with_printed_middle("Valerie Nwosu", &ws).as_deref(),
            Some("Valerie S Nwosu")
        );
        let ws: Vec<&str> = "NWOSU, VALERIE S".split(' ').collect();
        assert_eq!(
            with_printed_middle("Valerie Nwosu", &ws).as_deref(),
            Some("Valerie S Nwosu")
        );
        // Two different initials (father and son): left as read.
        let ws: Vec<&str> = "John A Smith ... John B Smith".split(' ').collect();
        assert_eq!(with_printed_middle("John Smith", &ws), None);
        assert_eq!(with_printed_middle("Jane Q Doe", &ws), None);
    }

    #[test]
    fn name_forms() {
        assert_eq!(n("DOE, JANE Q").as_deref(), Some("Jane Q Doe"));
        assert_eq!(n("Jane Q. Doe").as_deref(), Some("Jane Q Doe"));
        assert_eq!(n("Doe, Jane").as_deref(), Some("Jane Doe"));
        // OCR's semicolon for the comma keeps the family-first order, as does a speck
        // after the comma.
        assert_eq!(n("MBATHA,. CLARENCE").as_deref(), Some("Clarence Mbatha"));
        assert_eq!(
            n("Lundquist, Tamika N:").as_deref(),
            Some("Tamika N Lundquist")
        );
        assert_eq!(
            n("JOVANOVIC; CYRUS M.D.").as_deref(),
            Some("Cyrus Jovanovic")
        );
        assert_eq!(
            n("O'CONNOR-SMITH, MARY").as_deref(),
            Some("Mary O'Connor-Smith")
        );
        assert_eq!(n("Dr. Leah D. Okonkwo").as_deref(), Some("Leah D Okonkwo"));
        assert_eq!(n("MARCHETTI, HELEN MD").as_deref(), Some("Helen Marchetti"));
        assert_eq!(
            n("Fiona A. Abernathy, D.O.").as_deref(),
            Some("Fiona A Abernathy")
        );
        assert_eq!(
            n("Hannah L. Thornton, PA-C").as_deref(),
            Some("Hannah L Thornton")
        );
        assert_eq!(n("MILLER, KENNETH P-").as_deref(), Some("Kenneth P Miller"));
        assert_eq!(
            n("Clark, Thomas, DOB 05/20/2016").as_deref(),
            Some("Thomas Clark")
        );
    }

    #[test]
    fn organisation_names_are_not_person_names() {
        assert_eq!(n("Whistler Creek Medical Group"), None);
        assert_eq!(n("Pinnacle Employee Health-Trust"), None);
        assert_eq!(n("Rosalie Orozco Phone"), Some("Rosalie Orozco".into()));
    }

    #[test]
    fn not_names() {
        assert_eq!(n("Requested documents"), None);
        assert_eq!(n("12 Main St"), None);
        assert_eq!(n("Male"), None);
        assert_eq!(n("Patient Signature Date"), None);
        assert_eq!(n("reports 5 days"), None);
    }

    #[test]
    fn particles_lose_a_stray_dot_but_st_keeps_its_own() {
        assert_eq!(
            n("Malcolm O Dos. Santos").as_deref(),
            Some("Malcolm O Dos Santos")
        );
        assert_eq!(
            n("Gwendolyn M De La. Cruz").as_deref(),
            Some("Gwendolyn M De La Cruz")
        );
        assert_eq!(
            n("DE LA. CRUZ, GWENDOLYN").as_deref(),
            Some("Gwendolyn De La Cruz")
        );
        assert_eq!(
            n("Nicholas St. Clair").as_deref(),
            Some("Nicholas St. Clair")
        );
    }

    #[test]
    fn family_particles_are_not_middle_names() {
        assert!(similarity("Gwendolyn De La Cruz", "Gwendolyn M De La Cruz") > 0.99);
        assert!(similarity("Ana Van Der Berg", "Ana Sofia J Van Der Berg") > 0.99);
        assert!(similarity("Jane Q Doe", "Jane R Doe") < 0.92);
    }

    #[test]
    fn suffixes_are_kept_and_told_apart() {
        assert_eq!(
            n("Fitzgerald A O'Malley Jr").as_deref(),
            Some("Fitzgerald A O'Malley Jr")
        );
        assert_eq!(
            n("O'MALLEY, FITZGERALD A JR").as_deref(),
            Some("Fitzgerald A O'Malley Jr")
        );
        assert_eq!(
            n("O'MALLEY JR, FITZGERALD A").as_deref(),
            Some("Fitzgerald A O'Malley Jr")
        );
        assert_eq!(
            n("Fitzgerald O'Malley, Jr. DOB").as_deref(),
            Some("Fitzgerald O'Malley Jr")
        );
        assert_eq!(n("HENRY FORD III").as_deref(), Some("Henry Ford III"));
        assert_eq!(n("John Smith, Jr., MD").as_deref(), Some("John Smith Jr"));
        assert!(similarity("Fitzgerald A O'Malley Jr", "Fitzgerald O'Malley") > 0.99);
        assert!(similarity("John Smith Jr", "John Smith Sr") < 0.92);
        assert_eq!(
            given_and_family("Ana Sofia van der Berg"),
            (Some("Ana Sofia".into()), Some("van der Berg".into()))
        );
        assert_eq!(
            given_and_family("Fitzgerald A O'Malley Jr"),
            (Some("Fitzgerald A".into()), Some("O'Malley".into()))
        );
    }

    #[test]
    fn scan_noise_around_name_words() {
        assert_eq!(
            n("-wHITLOCK, QUENTIN: G AGE/SEX:").as_deref(),
            Some("Quentin G Whitlock")
        );
        assert_eq!(
            n("[Esperanza N Fairweather Date").as_deref(),
            Some("Esperanza N Fairweather")
        );
        // A label with a one-letter value after a name is not part of it.
        assert_eq!(n("Jane Doe Sex: F").as_deref(), Some("Jane Doe"));
        assert_eq!(n("DOE, JANE Race: W").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn similarity_tolerates_missing_middle_initial() {
        assert!(similarity("Jane Q Doe", "Jane Doe") > 0.99);
        assert!(similarity("Jane Doe", "Jane Doe") > 0.99);
        assert!(similarity("Jane Doe", "John Smith") < 0.7);
        // A hyphenated family name is one word, not a middle name and a family name.
        assert!(similarity("Hollis Hernandez-Ruiz", "Hollis M Hernandez-Ruiz") > 0.99);
        assert!(similarity("Quentin Anselm Lloyd-Jones", "Quentin A Lloyd-Jones") > 0.99);
        assert!(similarity("Mary Lloyd-Jones", "Mary Jones") < 0.92);
        assert_eq!(core_name("Hollis M Hernandez-Ruiz"), "hollis hernandezruiz");
        assert!(similarity("Jacob N Kowalski", "Jacob Kowalski") > 0.99);
    }
}

#[cfg(test)]
mod date_stop_tests {
    #[test]
    fn a_name_ends_where_a_date_starts() {
        let t = ["Hannah", "Mbeki", "May", "12,", "2020"];
        assert_eq!(super::parse_name(&t).unwrap().normalized(), "Hannah Mbeki");
        let t = ["April", "Jones"];
        assert_eq!(super::parse_name(&t).unwrap().normalized(), "April Jones");
    }
}
