//! search: find pages and documents (full text + field filters, typo-tolerant names) and build
//! a patient's timeline. Plain data in and out; the SQL lives in `store::search`.
//!
//! Name matching: candidates come from the `patients_family` index by the first two letters of
//! the family name (and by date of birth when one is given); when none of them is close
//! enough (a slip in the first letters), every distinct family name is compared (an
//! index-only scan; archives hold far fewer family names than patients). Candidates are scored with Jaro-Winkler, family name and
//! given name separately ([`name_score`]). Jaro-Winkler suits short personal names and
//! weights agreement at the start, where scans and typists err least; it needs no extra
//! table, unlike a trigram index.
//! OCR confusions of digits for letters (0/o, 1/l, 5/s, 8/b) are undone before comparing.

use crate::error::{StoreError, StoreResult};
use crate::store::{
    field_best, DocFilter, DocumentRow, EffectiveField, PatientName, PatientRow, SearchHit, Store,
    RANK_CAP,
};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeSet;

/// Family-name Jaro-Winkler similarity needed for a name match.
pub const FAMILY_THRESHOLD: f64 = 0.90;
/// Given-name Jaro-Winkler similarity needed when the query has a given name too.
pub const GIVEN_THRESHOLD: f64 = 0.80;

/// What to look for. Every part is optional; parts combine with AND.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// Words to find in page text (all of them; `"quoted phrases"` and a trailing `*` work).
    pub text: Option<String>,
    pub mrn: Option<String>,
    pub name: Option<String>,
    pub dob: Option<NaiveDate>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub doc_type: Option<String>,
    pub needs_review: bool,
    pub limit: usize,
}

/// A patient whose name matched the `name` part of a query.
#[derive(Debug, Clone, Serialize)]
pub struct NameMatch {
    pub patient_id: i64,
    pub name: Option<String>,
    pub score: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResult {
    pub hits: Vec<SearchHit>,
    /// Patients the name matched, best first (empty without a name).
    pub name_matches: Vec<NameMatch>,
    /// Set when the words matched more pages than are ranked (`store::RANK_CAP`): the hits
    /// are the best of that many most recently stored matching pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ranked_newest: Option<usize>,
}

/// Runs a search.
pub fn search(store: &Store, q: &SearchQuery) -> StoreResult<SearchResult> {
    let mut filter = DocFilter {
        mrn: q
            .mrn
            .as_deref()
            .map(normalize_mrn)
            .filter(|m| !m.is_empty()),
        dob: q.dob.map(|d| d.to_string()),
        from: q.from.map(|d| d.to_string()),
        to: q.to.map(|d| d.to_string()),
        doc_type: q.doc_type.clone(),
        needs_review: q.needs_review,
        doc_ids: None,
    };
    let mut name_matches = Vec::new();
    if let Some(name) = q.name.as_deref().filter(|n| !n.trim().is_empty()) {
        let (matches, doc_ids) = documents_by_name(store, name, filter.dob.as_deref())?;
        name_matches = matches;
        filter.doc_ids = Some(doc_ids);
    }
    let limit = if q.limit == 0 { 20 } else { q.limit };
    let fts = q.text.as_deref().and_then(fts_query);
    let mut ranked_newest = None;
    let hits = match fts {
        Some(expr) => {
            let (hits, capped) = store.search_pages(&expr, &filter, limit)?;
            ranked_newest = capped.then_some(RANK_CAP);
            hits
        }
        None if q.text.as_deref().is_some_and(|t| !t.trim().is_empty()) => Vec::new(), // only punctuation
        None => store.search_documents(&filter, limit)?,
    };
    Ok(SearchResult {
        hits,
        name_matches,
        ranked_newest,
    })
}

/// Patients matching `name` and the ids of the documents whose name matches: documents linked
/// to a matching patient, unless a reviewer decided the document's name (then the reviewer's
/// name decides), plus unlinked documents whose extracted name matches.
fn documents_by_name(
    store: &Store,
    name: &str,
    dob: Option<&str>,
) -> StoreResult<(Vec<NameMatch>, Vec<i64>)> {
    let query = NameKey::parse(name);
    let mut matches = Vec::new();
    let mut seen = BTreeSet::new();
    let mut consider = |p: PatientName, matches: &mut Vec<NameMatch>| {
        if !seen.insert(p.id) {
            return;
        }
        let key = NameKey::of_patient(&p);
        if let Some(score) = name_score(&query, &key) {
            matches.push(NameMatch {
                patient_id: p.id,
                name: p.name,
                score,
            });
        }
    };
    // Family names first (distinct, index-only), patients only for the close ones.
    let guesses = query.family_guesses();
    let close = |family: &str| {
        let key = name_tokens(family).concat();
        guesses
            .iter()
            .any(|q| strsim::jaro_winkler(q, &key) >= FAMILY_THRESHOLD)
    };
    let mut families = BTreeSet::new();
    for prefix in query.family_prefixes() {
        for f in store.family_names_with_prefix(&prefix)? {
            if close(&f) {
                families.insert(f);
            }
        }
    }
    if families.is_empty() {
        // A slip in the first letters: compare every distinct family name.
        store.for_each_family_name(|f| {
            if close(f) {
                families.insert(f.to_string());
            }
        })?;
    }
    for f in &families {
        for p in store.patients_by_family(f)? {
            consider(p, &mut matches);
        }
    }
    if let Some(dob) = dob {
        for p in store.patients_by_dob(dob)? {
            consider(p, &mut matches);
        }
    }
    for p in store.patients_without_family()? {
        consider(p, &mut matches);
    }
    matches.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.patient_id.cmp(&b.patient_id))
    });

    let ids: Vec<i64> = matches.iter().map(|m| m.patient_id).collect();
    let mut docs: BTreeSet<i64> = store.documents_of_patients(&ids)?.into_iter().collect();
    for (doc, doc_name) in store.document_names_outside_links()? {
        // The reviewer's (or, unlinked, the extractor's) name decides for these documents.
        docs.remove(&doc);
        if let Some(n) = doc_name {
            if name_score(&query, &NameKey::parse(&n)).is_some() {
                docs.insert(doc);
            }
        }
    }
    Ok((matches, docs.into_iter().collect()))
}

/// A personal name reduced for comparison: lower-case letters, initials dropped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameKey {
    /// Given names (first one is compared), without initials.
    pub given: Vec<String>,
    /// Family name, multi-part names joined ("smith-jones" → "smithjones").
    pub family: String,
}

fn name_tokens(s: &str) -> Vec<String> {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\'' | '’' | '-' | '.' => {}
            '0' => out.push('o'),
            '1' | '|' => out.push('l'),
            '5' => out.push('s'),
            '8' => out.push('b'),
            c if c.is_alphabetic() => out.extend(c.to_lowercase()),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().map(str::to_string).collect()
}

impl NameKey {
    /// "Given M Family", "Family, Given" or a lone family name.
    pub fn parse(s: &str) -> NameKey {
        if let Some((family, given)) = s.split_once(',') {
            let given: Vec<String> = name_tokens(given)
                .into_iter()
                .filter(|t| t.chars().count() > 1)
                .collect();
            return NameKey {
                given,
                family: name_tokens(family).concat(),
            };
        }
        let mut t: Vec<String> = name_tokens(s)
            .into_iter()
            .filter(|t| t.chars().count() > 1)
            .collect();
        let family = t.pop().unwrap_or_default();
        NameKey { given: t, family }
    }

    fn of_patient(p: &PatientName) -> NameKey {
        match (&p.family, &p.given) {
            (Some(f), g) if !f.trim().is_empty() => NameKey {
                given: g
                    .as_deref()
                    .map(name_tokens)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|t| t.chars().count() > 1)
                    .collect(),
                family: name_tokens(f).concat(),
            },
            _ => NameKey::parse(p.name.as_deref().unwrap_or("")),
        }
    }

    /// The ways the query can be split into (family, given): "Given [Middle] Family [Family…]"
    /// (the family name is any tail of the words) and "Family Given".
    fn orders(&self) -> Vec<(String, Option<String>)> {
        let mut words: Vec<String> = self.given.clone();
        words.push(self.family.clone());
        let mut orders = vec![(self.family.clone(), self.given.first().cloned())];
        for i in 1..words.len() {
            orders.push((words[i..].concat(), Some(words[0].clone())));
        }
        if words.len() >= 2 {
            orders.push((words[0].clone(), Some(words[1].clone())));
        }
        orders
    }

    /// The family names the query may mean.
    fn family_guesses(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .orders()
            .into_iter()
            .map(|(f, _)| f)
            .filter(|f| !f.is_empty())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Two-letter prefixes of those, to fetch candidate family names by.
    fn family_prefixes(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .family_guesses()
            .iter()
            .map(|s| s.chars().take(2).collect::<String>())
            .filter(|s| s.chars().count() == 2)
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// Similarity of a query name to a candidate's, or None below the thresholds. Tries the
/// query as "given family" and as "family given"; a query with one word is a family name.
pub fn name_score(query: &NameKey, cand: &NameKey) -> Option<f64> {
    if query.family.is_empty() || cand.family.is_empty() {
        return None;
    }
    let jw = |a: &str, b: &str| strsim::jaro_winkler(a, b);
    let mut best: Option<f64> = None;
    let orders = query.orders();
    for (qf, qg) in orders {
        let jf = jw(&qf, &cand.family);
        if jf < FAMILY_THRESHOLD {
            continue;
        }
        let score = match (qg, cand.given.first()) {
            (Some(qg), Some(cg)) => {
                let jg = jw(&qg, cg);
                if jg < GIVEN_THRESHOLD {
                    continue;
                }
                0.6 * jf + 0.4 * jg
            }
            (Some(_), None) => 0.9 * jf, // patient without a given name: family only, less sure
            (None, _) => jf,
        };
        best = Some(best.map_or(score, |b: f64| b.max(score)));
    }
    best
}

/// Turns a user's words into a safe FTS5 query: every word or `"phrase"` becomes a quoted
/// FTS5 string (so `AND`, `NEAR`, `O'Brien`, `col:x` or a stray quote are plain text), all
/// are required; a trailing `*` keeps prefix search. None when nothing searchable is left.
pub fn fts_query(input: &str) -> Option<String> {
    let mut parts = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut term = String::new();
        if c == '"' {
            chars.next();
            for c in chars.by_ref() {
                if c == '"' {
                    break;
                }
                term.push(c);
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                term.push(c);
                chars.next();
            }
        }
        let prefix = term.ends_with('*')
            && term
                .trim_end_matches('*')
                .chars()
                .any(char::is_alphanumeric);
        let body = term.trim_end_matches('*');
        if !body.chars().any(char::is_alphanumeric) {
            continue;
        }
        parts.push(format!(
            "\"{}\"{}",
            body.replace('"', "\"\""),
            if prefix { "*" } else { "" }
        ));
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join(" "))
    }
}

/// MRNs compare as their letters and digits, upper-case.
pub fn normalize_mrn(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Parses a date as people and charts write it: ISO `2021-02-18`, `02/18/2021`, `2/18/21`,
/// `18-Feb-2021`, `February 18, 2021`, `Feb 18 2021`, `18 February 2021`, `2021/02/18`,
/// `20210218` — the extractor's own date reader. Two-digit years are taken as the latest year
/// not in the future.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let today = chrono::Local::now().date_naive();
    crate::extract::dates::parse_date_text(s, crate::extract::dates::YearRule::Birth, today)
}

/// Where a demographic value of a patient came from.
#[derive(Debug, Clone, Serialize)]
pub struct Provenance {
    pub document_id: i64,
    pub source: String,
    pub page_no: Option<i64>,
    pub page_id: Option<i64>,
    pub confidence: Option<f64>,
    /// `accepted` | `corrected` when a reviewer confirmed or typed it.
    pub review_action: Option<String>,
}

/// One demographic of a patient with its evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Demographic {
    /// patient_name | date_of_birth | mrn | sex
    pub field: String,
    pub value: Option<String>,
    /// The best document saying so (reviewed first, then highest confidence).
    pub from: Option<Provenance>,
    /// How many of the patient's documents agree, and the differing values the others carry.
    pub agreeing_documents: usize,
    pub other_values: Vec<String>,
}

/// A document in a patient's timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub document_id: i64,
    pub doc_type: String,
    pub date: Option<String>,
    pub provider: Option<String>,
    pub first_page: u32,
    pub last_page: u32,
    pub page_id: Option<i64>,
    pub source: String,
    pub root: String,
    pub needs_review: bool,
    pub review_reasons: Vec<String>,
    pub reviewed_by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub patient: PatientRow,
    pub demographics: Vec<Demographic>,
    /// Oldest first; undated documents last.
    pub documents: Vec<TimelineEntry>,
}

fn same_value(field: &str, a: &str, b: &str) -> bool {
    match field {
        "patient_name" => NameKey::parse(a) == NameKey::parse(b),
        "mrn" => normalize_mrn(a) == normalize_mrn(b),
        _ => a.trim().eq_ignore_ascii_case(b.trim()),
    }
}

fn demographic(field: &str, value: Option<&str>, docs: &[DocumentRow]) -> Demographic {
    let mut best: Option<(&DocumentRow, &EffectiveField)> = None;
    let mut agreeing = 0;
    let mut others: Vec<String> = Vec::new();
    for d in docs {
        let Some(f) = d.fields.get(field) else {
            continue;
        };
        let Some(v) = f.best() else { continue };
        match value {
            Some(pv) if same_value(field, pv, v) => {
                agreeing += 1;
                let better = match best {
                    None => true,
                    Some((_, b)) => {
                        (f.reviewed(), f.confidence.unwrap_or(0.0))
                            > (b.reviewed(), b.confidence.unwrap_or(0.0))
                    }
                };
                if better {
                    best = Some((d, f));
                }
            }
            _ => {
                if !others.iter().any(|o| o == v) {
                    others.push(v.to_string());
                }
            }
        }
    }
    Demographic {
        field: field.to_string(),
        value: value.map(str::to_string),
        from: best.map(|(d, f)| Provenance {
            document_id: d.id,
            source: d.source.clone(),
            page_no: f.page_no,
            page_id: f.page_id,
            confidence: f.confidence,
            review_action: f.review_action.clone(),
        }),
        agreeing_documents: agreeing,
        other_values: others,
    }
}

/// The patient's demographics with provenance and documents in date order.
pub fn timeline(store: &Store, patient_id: i64) -> StoreResult<Timeline> {
    let patient = store
        .patient(patient_id)?
        .ok_or_else(|| StoreError::NotFound(format!("patient {patient_id}")))?;
    let docs = store.patient_documents(patient_id)?;
    let demographics = vec![
        demographic("patient_name", patient.name.as_deref(), &docs),
        demographic("date_of_birth", patient.dob.as_deref(), &docs),
        demographic("mrn", patient.mrn.as_deref(), &docs),
        demographic("sex", patient.sex.as_deref(), &docs),
    ];
    let mut documents: Vec<TimelineEntry> = docs
        .iter()
        .map(|d| TimelineEntry {
            document_id: d.id,
            doc_type: d.doc_type.clone(),
            date: field_best(&d.fields, "encounter_date").map(str::to_string),
            provider: d
                .fields
                .get("provider")
                .and_then(|f| f.value.clone().or(f.normalized.clone())),
            first_page: d.first_page,
            last_page: d.last_page,
            page_id: d.first_page_id,
            source: d.source.clone(),
            root: d.root.clone(),
            needs_review: d.needs_review,
            review_reasons: d.review_reasons.clone(),
            reviewed_by: d.reviewed_by.clone(),
        })
        .collect();
    documents.sort_by(|a, b| match (&a.date, &b.date) {
        (Some(x), Some(y)) => x.cmp(y).then(a.document_id.cmp(&b.document_id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.document_id.cmp(&b.document_id),
    });
    Ok(Timeline {
        patient,
        demographics,
        documents,
    })
}

/// Patients with this MRN (normalised before comparing).
pub fn patients_by_mrn(store: &Store, mrn: &str) -> StoreResult<Vec<PatientRow>> {
    store.patients_by_mrn(&normalize_mrn(mrn))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn dates_in_chart_formats() {
        let d = NaiveDate::from_ymd_opt(2021, 2, 8).unwrap();
        for s in [
            "2021-02-08",
            "02/08/2021",
            "2/8/2021",
            "2/8/21",
            "08-Feb-2021",
            "8-FEB-2021",
            "February 8, 2021",
            "Feb 8 2021",
            "8 February 2021",
            "2021/02/08",
            "20210208",
            "08-Feb-21",
        ] {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        assert_eq!(parse_date("3/4/45").unwrap().year(), 1945);
        assert_eq!(parse_date("13/45/2020"), None);
        assert_eq!(parse_date("tomorrow"), None);
    }

    #[test]
    fn fts_queries_are_always_valid_text() {
        assert_eq!(fts_query("chest pain").unwrap(), "\"chest\" \"pain\"");
        assert_eq!(fts_query("\"O'Brien").unwrap(), "\"O'Brien\"");
        assert_eq!(fts_query("AND").unwrap(), "\"AND\"");
        assert_eq!(fts_query("diab*").unwrap(), "\"diab\"*");
        assert_eq!(
            fts_query("\"chest pain\" x").unwrap(),
            "\"chest pain\" \"x\""
        );
        assert_eq!(fts_query("a\"b").unwrap(), "\"a\"\"b\"");
        assert_eq!(fts_query("* \" ( )"), None);
    }

    #[test]
    fn names_tolerate_slips_but_not_other_names() {
        let p = NameKey::parse("Jacob N Kowalski");
        assert!(name_score(&NameKey::parse("Jacob Kowalsky"), &p).is_some());
        assert!(name_score(&NameKey::parse("Kowa1ski"), &p).is_some());
        assert!(name_score(&NameKey::parse("Kowalski, Jacob"), &p).is_some());
        assert!(name_score(&NameKey::parse("Jakob Kovalski"), &p).is_some());
        assert!(name_score(&NameKey::parse("Jacob Kowal"), &p).is_some()); // typed in part
        assert!(name_score(&NameKey::parse("Jacob Nowak"), &p).is_none());
        assert!(
            name_score(&NameKey::parse("Jason Kowalski"), &p).is_some()
                == (strsim::jaro_winkler("jason", "jacob") >= GIVEN_THRESHOLD)
        );
        assert!(name_score(
            &NameKey::parse("Kenneth Mills"),
            &NameKey::parse("Kenneth P Miller")
        )
        .is_none());
        assert!(name_score(
            &NameKey::parse("Miler"),
            &NameKey::parse("Kenneth P Miller")
        )
        .is_some());
        assert!(name_score(
            &NameKey::parse("Daniel Smith Jones"),
            &NameKey::parse("Daniel Smith-Jones")
        )
        .is_some());
        assert_eq!(normalize_mrn(" mr-250 809"), "MR250809");
    }
}
