//! records: field extraction and patient linkage over what the store holds.
//!
//! Runs after the pages of an ingest are committed, and alone as `chartscan extract`.
//! Stages take plain data: `extract` (pages → fields), `link` (documents → patients), then
//! the review flags; only `store` reads and writes.

use crate::error::StoreResult;
use crate::extract::{self, names::core_name};
use crate::link::{self, LinkDoc};
use crate::reread::{self, RereadOptions, RereadSummary, Rereader};
use crate::store::{DocForLinkage, DocOutcome, LinkedPatient, Store};
use serde::Serialize;
use std::collections::HashMap;

/// The fields every document must carry.
pub const REQUIRED: [&str; 3] = ["patient_name", "date_of_birth", "mrn"];

/// Default confidence under which a value is sent to review. Set from the evaluation: wrong
/// values on the generated sets sit below it, and most right ones above (see README).
pub const DEFAULT_REVIEW_THRESHOLD: f64 = 0.80;

/// Default confidence under which a sex, encounter date or provider sends its document to
/// review. These fields do not identify the patient, and their readings between 0.70 and
/// 0.80 were right on every document of the evaluation sets where they were the only doubt
/// (34 of 34 on 56 sets; see README), while under 0.70 one in four was wrong.
pub const DEFAULT_DETAIL_THRESHOLD: f64 = 0.70;

/// Confidences under which a value sends its document to review.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// Name, birth date and MRN: the fields that identify the patient.
    pub required: f64,
    /// Sex, encounter date and provider.
    pub detail: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            required: DEFAULT_REVIEW_THRESHOLD,
            detail: DEFAULT_DETAIL_THRESHOLD,
        }
    }
}

impl Thresholds {
    /// The threshold of one field.
    pub fn of(&self, field: &str) -> f64 {
        if REQUIRED.contains(&field) {
            self.required
        } else {
            self.detail
        }
    }
}

#[derive(Debug, Clone)]
pub struct RecordsOptions {
    /// Re-extract every document, not only new or re-ingested ones.
    pub all: bool,
    /// Confidences under which a value sends its document to review.
    pub thresholds: Thresholds,
    /// Reference date for two-digit years and date plausibility.
    pub today: chrono::NaiveDate,
    /// Read doubtful fields a second time from their page images (`None`: off).
    pub reread: Option<RereadOptions>,
}

impl Default for RecordsOptions {
    fn default() -> Self {
        RecordsOptions {
            all: false,
            thresholds: Thresholds::default(),
            today: chrono::Local::now().date_naive(),
            reread: None,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct RefreshSummary {
    pub extracted: usize,
    pub documents: usize,
    pub patients: usize,
    pub linked: usize,
    pub needs_review: usize,
    /// Second readings of doubtful fields.
    pub reread: RereadSummary,
}

/// Documents extracted, read again and saved together: bounds memory on a large `--all`
/// while giving the second readings a batch of pages to share out among workers.
const CHUNK: usize = 256;

/// Brings documents, fields and patient links up to date with the stored pages.
pub fn refresh_with(store: &mut Store, opts: &RecordsOptions) -> StoreResult<RefreshSummary> {
    let mut summary = RefreshSummary::default();
    let rereader = match &opts.reread {
        Some(o) => match Rereader::new(o.clone()) {
            Ok(r) => Some(r),
            Err(e) => {
                tracing::warn!(error = %e, "second readings off: no worker threads");
                None
            }
        },
        None => None,
    };
    let pending = store.pending_documents(opts.all)?;
    for chunk in pending.chunks(CHUNK) {
        let mut xs = Vec::with_capacity(chunk.len());
        for d in chunk {
            let pages = store.document_pages(d.file_id, d.first_page, d.last_page)?;
            let inputs: Vec<extract::PageInput> = pages.into_iter().map(|p| p.input).collect();
            xs.push(extract::extract_document(&inputs, opts.today));
        }
        if let Some(r) = &rereader {
            let mut rows = HashMap::new();
            for id in reread::pages_wanted(&xs, opts.thresholds.required) {
                rows.insert(id, store.page(id)?);
            }
            summary.reread += r.confirm(&mut xs, &rows, opts.thresholds.required, opts.today);
        }
        for (d, x) in chunk.iter().zip(&xs) {
            let id = store.save_extraction(d, x)?;
            tracing::debug!(
                document = id,
                doc_type = x.doc_type.as_str(),
                fields = x.fields.len(),
                "extracted"
            );
            summary.extracted += 1;
        }
    }
    let mut docs = store.documents_for_linkage()?;
    let orders = name_orders(&docs);
    if !orders.is_empty() {
        store.set_name_orders(&orders)?;
        for (id, name) in &orders {
            if let Some(f) = docs
                .iter_mut()
                .find(|d| d.doc_id == *id)
                .and_then(|d| d.fields.get_mut("patient_name"))
            {
                f.normalized = Some(name.clone());
            }
        }
        tracing::info!(
            documents = orders.len(),
            "name order taken from another document"
        );
    }
    let (patients, outcomes) = link_and_flag(&docs, opts.thresholds);
    summary.documents = docs.len();
    summary.patients = patients.len();
    summary.linked = outcomes.iter().filter(|o| o.patient.is_some()).count()
        + docs.iter().filter(|d| d.patient_manual).count();
    summary.needs_review = outcomes.iter().filter(|o| o.needs_review).count();
    store.write_linkage(&patients, &outcomes)?;
    tracing::info!(
        extracted = summary.extracted,
        documents = summary.documents,
        patients = summary.patients,
        needs_review = summary.needs_review,
        reread = summary.reread.reread,
        confirmed = summary.reread.confirmed,
        initials_apart = summary.reread.initials_apart,
        blanks = summary.reread.blanks,
        disputed = summary.reread.disputed,
        "records refreshed"
    );
    Ok(summary)
}

/// A patient field read with low confidence that another document of the same patient
/// (linked on MRN, or on exact DOB and name) prints identically: independent scans agree,
/// which validates the reading better than one page's OCR confidence.
fn corroborated(
    d: &DocForLinkage,
    field: &str,
    link: Option<&link::DocLink>,
    l: &link::Linkage,
    by_id: &HashMap<i64, &DocForLinkage>,
    threshold: f64,
) -> bool {
    if !matches!(field, "patient_name" | "date_of_birth" | "mrn" | "sex") {
        return false;
    }
    // A name without a middle part: another document may print the name without the middle
    // initial this one has, so equal names do not show this reading is complete.
    // (Particles are the family name's: "Ursula Du Bois" has no middle part.)
    let has_middle = |n: &str| {
        extract::names::given_and_family(n)
            .0
            .is_some_and(|g| g.split_whitespace().count() >= 2)
    };
    // (Unless the only doubt was the order: an imprint's or a device banner's name printed
    // family name first without a comma, "SCHAEFER MORTIMER", is read in that order only
    // by convention, and a confident reading elsewhere in the same order settles it.)
    if field == "patient_name"
        && norm(d, field).is_some_and(|n| !has_middle(&n))
        && !order_assumed(d)
    {
        return false;
    }
    let (Some(value), Some(p)) = (norm(d, field), link.and_then(|x| x.patient)) else {
        return false;
    };
    if link.is_some_and(|x| !x.flags.is_empty()) {
        return false;
    }
    l.patients[p]
        .docs
        .iter()
        .filter(|id| **id != d.doc_id)
        .filter_map(|id| by_id.get(id))
        // Only a confident reading confirms: two documents missing the same middle initial
        // agree without either being right.
        .filter(|o| confidence(o, field).is_some_and(|c| c >= threshold))
        .any(|o| {
            norm(o, field).is_some_and(|v| {
                v.eq_ignore_ascii_case(&value)
                    || (field == "patient_name" && middle_initial_of(&value, &v))
            })
        })
}

/// Whether `a` is `b` with a middle name given as its initial ("Everett L Castellanos" and
/// "Everett Lee Castellanos"): the same given and family names, and each middle part of `a`
/// the same word as `b`'s or its first letter. (Not the other way: "Ezra Ww Lachance" is
/// no middle name "Ww" confirmed by "Ezra W Lachance", but a letter read twice.)
fn middle_initial_of(a: &str, b: &str) -> bool {
    let split = |n: &str| {
        let (g, f) = extract::names::given_and_family(n);
        let g: Vec<String> = g
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        (
            g,
            f.map(|f| f.to_lowercase()),
            extract::names::name_suffix(n),
        )
    };
    let ((ga, fa, sa), (gb, fb, sb)) = (split(a), split(b));
    fa.is_some()
        && fa == fb
        && sa == sb
        && ga.len() >= 2
        && ga.len() == gb.len()
        && ga[0] == gb[0]
        && ga[1..]
            .iter()
            .zip(&gb[1..])
            .all(|(x, y)| x == y || (x.chars().count() == 1 && y.starts_with(x.as_str())))
}

/// A patient name printed family name first without a comma ("SCHAEFER MORTIMER" read as
/// Mortimer Schaefer): its order was assumed, by the convention of imprints and banners.
fn order_assumed(d: &DocForLinkage) -> bool {
    let Some(f) = d.fields.get("patient_name") else {
        return false;
    };
    let (Some(raw), Some(n)) = (f.value.as_deref(), f.normalized.as_deref()) else {
        return false;
    };
    let (Some(given), Some(family)) = extract::names::given_and_family(n) else {
        return false;
    };
    let printed = extract::names::fold(raw);
    !raw.contains(',')
        && printed.starts_with(&extract::names::fold(&family))
        && !printed.starts_with(&extract::names::fold(&given))
}

/// A patient name that was read a second time (its first reading was doubtful) while
/// another document of its patient prints the given or the family name otherwise. A second
/// reading confirms the words OCR saw, not that they are the whole name: "dela Cruz,
/// Yolanda A." read as "Cruz, Yolanda A." (the particle at confidence 20 taken for a speck)
/// reads again as the same words, and only the patient's other documents ("Yolanda A De La
/// Cruz") show a part is missing. Middle names are left out of the comparison: documents
/// print them or not. A form that more documents agree on than on any other stands.
fn reread_name_disputed(
    d: &DocForLinkage,
    link: Option<&link::DocLink>,
    l: &link::Linkage,
    by_id: &HashMap<i64, &DocForLinkage>,
) -> bool {
    if d.fields
        .get("patient_name")
        .is_none_or(|f| f.reread.is_none())
    {
        return false;
    }
    let (Some(value), Some(p)) = (norm(d, "patient_name"), link.and_then(|x| x.patient)) else {
        return false;
    };
    let ends = |n: &str| {
        let folded = extract::names::fold(n);
        let (_, family) = extract::names::given_and_family(&folded);
        (folded.split(' ').next().map(str::to_string), family)
    };
    let mine = ends(&value);
    let mut forms: HashMap<_, usize> = HashMap::new();
    for o in l.patients[p].docs.iter().filter_map(|id| by_id.get(id)) {
        if let Some(v) = norm(o, "patient_name") {
            *forms.entry(ends(&v)).or_default() += 1;
        }
    }
    // Outvoted or tied: the documents that agree with this one are no more than those
    // that print another form.
    let own = forms.get(&mine).copied().unwrap_or(0);
    forms.iter().any(|(f, n)| *f != mine && *n >= own)
}

/// Clinicians read confidently on documents of the archive, as their whole normalised
/// names, with the documents that read them so.
fn confident_providers(docs: &[DocForLinkage], threshold: f64) -> HashMap<String, Vec<i64>> {
    let mut out: HashMap<String, Vec<i64>> = HashMap::new();
    for d in docs {
        let sure = confidence(d, "provider").is_some_and(|c| c >= threshold);
        if let Some(p) = norm(d, "provider").filter(|_| sure) {
            out.entry(p.to_lowercase()).or_default().push(d.doc_id);
        }
    }
    out
}

/// The least confidence a provider's reading needs for its name, read exactly so and
/// confidently on other documents, to stand: its words are what the archive's clinician
/// is called.
const PROVIDER_SEEN_FLOOR: f64 = 0.5;

/// Whether a doubtful provider is a clinician read confidently, in full and exactly so, on
/// two other documents of the archive. Clinicians recur across a practice's charts; an
/// OCR slip that lands exactly on another of them twice does not.
fn provider_seen_surely(d: &DocForLinkage, sure: &HashMap<String, Vec<i64>>) -> bool {
    let fair = confidence(d, "provider").is_some_and(|c| c >= PROVIDER_SEEN_FLOOR);
    let Some(p) = norm(d, "provider").filter(|p| fair && p.split_whitespace().count() >= 2) else {
        return false;
    };
    sure.get(&p.to_lowercase())
        .is_some_and(|ids| ids.iter().filter(|&&id| id != d.doc_id).count() >= 2)
}

/// Minimum Jaro-Winkler similarity of two clinicians' "given family" for one to be taken as
/// a misreading of the other ("Jaspe Okoro" beside "Jasper Okoro").
const PROVIDER_NEAR_MISS: f64 = 0.93;

/// Documents whose provider is a near miss of a provider printed at least as often on other
/// documents of the archive: one of the readings lost or changed a letter. Clinicians recur
/// across a practice's charts; an OCR slip in a name does not.
fn near_miss_providers(docs: &[DocForLinkage]) -> std::collections::BTreeSet<i64> {
    let cores: Vec<(i64, String)> = docs
        .iter()
        .filter_map(|d| norm(d, "provider").map(|p| (d.doc_id, core_name(&p))))
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, c) in &cores {
        *counts.entry(c.as_str()).or_default() += 1;
    }
    // Decided once per distinct name (an archive holds far fewer clinicians than documents),
    // comparing only names of similar length: Jaro-Winkler (with its full prefix bonus) cannot
    // reach 0.93 when the shorter string is under 0.65 of the longer (Jaro >= 0.883 needs it).
    let mut by_len: Vec<(usize, &str, usize)> = counts
        .iter()
        .map(|(c, n)| (c.chars().count(), *c, *n))
        .collect();
    by_len.sort_unstable();
    let doubtful: std::collections::HashSet<&str> = by_len
        .iter()
        .filter(|(len, c, n)| {
            let lo = by_len.partition_point(|(l, _, _)| l * 20 < len * 13);
            by_len[lo..]
                .iter()
                .take_while(|(l, _, _)| l * 13 <= len * 20)
                .any(|(_, o, m)| {
                    o != c && m >= n && strsim::jaro_winkler(o, c) >= PROVIDER_NEAR_MISS
                })
        })
        .map(|(_, c, _)| *c)
        .collect();
    cores
        .iter()
        .filter(|(_, c)| doubtful.contains(c.as_str()))
        .map(|(id, _)| *id)
        .collect()
}

/// Names printed in capitals without a comma ("LARUE OPAL JAMES" on a pharmacy profile,
/// "MBATHA CLARENCE" on a typed summary) do not say which word is the family name; the
/// extractor reads them given name first (imprints and device banners family name first, by
/// their convention). Another document of the same person (same MRN, or same birth date
/// where neither prints another MRN) whose name shows its order, with the comma ("LARUE,
/// OPAL J") or in mixed case ("Opal J. LaRue"), settles it: when such documents give the
/// other order and none the one read, the name takes the other order.
/// Returns (document, name in that order) for every document whose reading it changes; the
/// printed value is kept as it was.
pub fn name_orders(docs: &[DocForLinkage]) -> Vec<(i64, String)> {
    let order_shown = |raw: &str| raw.contains([',', ';']) || raw.chars().any(char::is_lowercase);
    let printed_order = |d: &DocForLinkage| {
        d.fields
            .get("patient_name")
            .and_then(|f| f.value.as_deref())
            .is_some_and(order_shown)
    };
    let mrn = |d: &DocForLinkage| norm(d, "mrn").map(|m| m.to_ascii_uppercase());
    // Names whose print shows their order: (given and family, MRN, birth date).
    let anchors: Vec<(String, Option<String>, Option<String>)> = docs
        .iter()
        .filter(|d| printed_order(d))
        .filter_map(|d| {
            let n = norm(d, "patient_name")?;
            Some((core_name(&n), mrn(d), norm(d, "date_of_birth")))
        })
        .collect();
    let mut out = Vec::new();
    for d in docs {
        // (A reviewer's value is theirs.)
        let Some(f) = d.fields.get("patient_name").filter(|f| !f.reviewed) else {
            continue;
        };
        let (Some(raw), Some(n)) = (f.value.as_deref(), norm(d, "patient_name")) else {
            continue;
        };
        if order_shown(raw) {
            continue;
        }
        // The other reading (a suffix stays last): read given name first ("Larue Opal
        // James" from "LARUE OPAL JAMES"), the printed first word goes to the end; read
        // family name first ("Opal James Larue"), it comes back to the front.
        let suffix = extract::names::name_suffix(&n);
        let mut words: Vec<&str> = n.split_whitespace().collect();
        if suffix.is_some() {
            words.pop();
        }
        let printed_first = raw.split_whitespace().next().map(extract::names::fold);
        if words.len() < 2 || printed_first.is_none() {
            continue;
        }
        if printed_first == words.first().map(|w| extract::names::fold(w)) {
            words.rotate_left(1);
        } else if printed_first == words.last().map(|w| extract::names::fold(w)) {
            words.rotate_right(1);
        } else {
            continue;
        }
        words.extend(suffix);
        let flipped = words.join(" ");
        let (m, dob) = (mrn(d), norm(d, "date_of_birth"));
        let cores: Vec<&str> = anchors
            .iter()
            .filter(|(_, am, ad)| match (&m, am) {
                (Some(a), Some(b)) => a == b,
                _ => dob.is_some() && dob == *ad,
            })
            .map(|(c, _, _)| c.as_str())
            .collect();
        let (read, other) = (core_name(&n), core_name(&flipped));
        if cores.contains(&other.as_str()) && !cores.contains(&read.as_str()) {
            out.push((d.doc_id, flipped));
        }
    }
    out
}

/// A field's confidence, if the document has the field.
fn confidence(d: &DocForLinkage, name: &str) -> Option<f64> {
    d.fields.get(name).and_then(|f| f.confidence)
}

fn norm(d: &DocForLinkage, name: &str) -> Option<String> {
    d.fields
        .get(name)
        .and_then(|f| f.normalized.clone())
        .filter(|s| !s.is_empty())
}

/// Linkage over all documents (manual links kept out of the automatic grouping) and the
/// review flags of every document. Plain data in, plain data out.
pub fn link_and_flag(
    docs: &[DocForLinkage],
    thresholds: Thresholds,
) -> (Vec<LinkedPatient>, Vec<DocOutcome>) {
    // (Confidence that settles an identity, corroborates or names a known clinician.)
    let threshold = thresholds.required;
    let auto: Vec<LinkDoc> = docs
        .iter()
        .filter(|d| !d.patient_manual)
        .map(|d| LinkDoc {
            doc_id: d.doc_id,
            key: d.key.clone(),
            name: norm(d, "patient_name"),
            dob: norm(d, "date_of_birth"),
            mrn: norm(d, "mrn").map(|m| m.to_ascii_uppercase()),
            sex: norm(d, "sex"),
            mrn_sure: confidence(d, "mrn").is_some_and(|c| c >= threshold),
        })
        .collect();
    let l = link::link(&auto);
    let patients = l
        .patients
        .iter()
        .map(|p| {
            let (given, family) = p
                .name
                .as_deref()
                .map(extract::names::given_and_family)
                .unwrap_or_default();
            LinkedPatient {
                mrn: p.mrn.clone(),
                name: p.name.clone(),
                given,
                family,
                dob: p.dob.clone(),
                sex: p.sex.clone(),
            }
        })
        .collect();
    // Documents by id, for the per-patient checks below (a scan per lookup would make a
    // refresh quadratic in the archive's size).
    let by_id: HashMap<i64, &DocForLinkage> = docs.iter().map(|d| (d.doc_id, d)).collect();
    // Names that disagree inside one patient: an OCR misreading in one of them.
    let mut mismatched: std::collections::BTreeSet<i64> = std::collections::BTreeSet::new();
    for p in &l.patients {
        let cores: Vec<(i64, String)> = p
            .docs
            .iter()
            .filter_map(|id| by_id.get(id))
            .filter_map(|d| norm(d, "patient_name").map(|n| (d.doc_id, core_name(&n))))
            .collect();
        for (id, c) in &cores {
            let agree = cores.iter().filter(|(_, o)| o == c).count();
            if agree * 2 <= cores.len() {
                mismatched.insert(*id);
            }
        }
    }
    let provider_doubt = near_miss_providers(docs);
    let sure_providers = confident_providers(docs, threshold);
    let mut outcomes = Vec::with_capacity(docs.len());
    for d in docs {
        let mut reasons: Vec<String> = Vec::new();
        if provider_doubt.contains(&d.doc_id) {
            reasons.push("mismatch:provider".into());
        }
        let link = l.docs.get(&d.doc_id);
        // An MRN the document does not print but its patient has (linked on DOB and name)
        // is not missing from the record.
        let mrn_via_patient = link
            .and_then(|x| x.patient)
            .is_some_and(|p| l.patients[p].mrn.is_some());
        // A document whose patient has no MRN anywhere in the archive is missing one, however
        // cleanly it links on name and birth date: the record needs a person to supply it.
        for r in REQUIRED {
            if norm(d, r).is_none() && !(r == "mrn" && mrn_via_patient) {
                reasons.push(format!("missing:{r}"));
            }
        }
        if mismatched.contains(&d.doc_id) || reread_name_disputed(d, link, &l, &by_id) {
            reasons.push("mismatch:patient_name".into());
        }
        for (name, f) in &d.fields {
            if f.normalized.is_some()
                && f.confidence.unwrap_or(0.0) < thresholds.of(name)
                && !corroborated(d, name, link, &l, &by_id, threshold)
                && !(name == "provider" && provider_seen_surely(d, &sure_providers))
            {
                reasons.push(format!("low_confidence:{name}"));
            }
        }
        for p in &d.unreadable_pages {
            reasons.push(format!("unreadable_page:{p}"));
        }
        let (patient, method) = if d.patient_manual {
            (None, "manual".to_string())
        } else {
            match l.docs.get(&d.doc_id) {
                Some(dl) => {
                    reasons.extend(dl.flags.iter().cloned());
                    (dl.patient, dl.method.to_string())
                }
                None => {
                    reasons.push("unlinked".into());
                    (None, "none".to_string())
                }
            }
        };
        reasons.dedup();
        outcomes.push(DocOutcome {
            doc_id: d.doc_id,
            patient,
            link_method: method,
            needs_review: !reasons.is_empty(),
            review_reasons: reasons,
        });
    }
    (patients, outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::DocField;
    use std::collections::BTreeMap;

    fn doc(id: i64, fields: &[(&str, &str, f64)]) -> DocForLinkage {
        let fields: BTreeMap<String, DocField> = fields
            .iter()
            .map(|(k, v, c)| {
                (
                    k.to_string(),
                    DocField {
                        value: Some(v.to_string()),
                        normalized: Some(v.to_string()),
                        confidence: Some(*c),
                        page_no: Some(1),
                        bbox: None,
                        reread: None,
                        reviewed: false,
                    },
                )
            })
            .collect();
        DocForLinkage {
            doc_id: id,
            key: format!("f{id:03}"),
            patient_manual: false,
            patient_id: None,
            fields,
            unreadable_pages: vec![],
        }
    }

    fn reasons(docs: &[DocForLinkage], id: i64) -> Vec<String> {
        let (_, out) = link_and_flag(docs, Thresholds::default());
        out.into_iter()
            .find(|o| o.doc_id == id)
            .unwrap()
            .review_reasons
    }

    #[test]
    fn name_order_from_a_document_that_prints_the_comma() {
        let person = |id: i64, raw: &str, name: &str, mrn: &str| {
            let mut d = doc(
                id,
                &[
                    ("patient_name", name, 0.95),
                    ("mrn", mrn, 0.95),
                    ("date_of_birth", "1949-04-06", 0.95),
                ],
            );
            d.fields.get_mut("patient_name").unwrap().value = Some(raw.to_string());
            d
        };
        let docs = vec![
            person(1, "LARUE OPAL JAMES", "Larue Opal James", "M100"),
            person(2, "LARUE, OPAL J", "Opal J Larue", "M100"),
            // Another MRN: another person, however alike.
            person(3, "MBATHA CLARENCE", "Mbatha Clarence", "M200"),
            person(4, "MBATHA, CLARENCE", "Clarence Mbatha", "M300"),
        ];
        assert_eq!(name_orders(&docs), [(1, "Opal James Larue".to_string())]);
        // Mixed case shows the order too.
        let mut mixed = docs.clone();
        mixed.push(person(5, "Clarence Mbatha", "Clarence Mbatha", "M200"));
        assert_eq!(
            name_orders(&mixed),
            [
                (1, "Opal James Larue".to_string()),
                (3, "Clarence Mbatha".to_string())
            ]
        );
        let mut reviewed = docs.clone();
        reviewed[0].fields.get_mut("patient_name").unwrap().reviewed = true;
        assert!(name_orders(&reviewed).is_empty());
        // Two documents with commas that disagree settle nothing.
        let mut more = docs.clone();
        more.push(person(6, "JAMES, LARUE", "Larue James", "M100"));
        assert!(name_orders(&more).is_empty());
        // An imprint read family name first by its convention, shown otherwise.
        let plate = vec![
            person(1, "LINDSTROM MARGUERITE", "Marguerite Lindstrom", "M100"),
            person(2, "Lindstrom Marguerite", "Lindstrom Marguerite", "M100"),
        ];
        assert_eq!(
            name_orders(&plate),
            [(1, "Lindstrom Marguerite".to_string())]
        );
        // A suffix stays last.
        let jr = vec![
            person(
                1,
                "LACHANCE FITZGERALD JR",
                "Lachance Fitzgerald Jr",
                "M100",
            ),
            person(
                2,
                "LACHANCE JR, FITZGERALD A",
                "Fitzgerald A Lachance Jr",
                "M100",
            ),
        ];
        assert_eq!(
            name_orders(&jr),
            [(1, "Fitzgerald Lachance Jr".to_string())]
        );
    }

    #[test]
    fn a_reread_name_outvoted_on_its_given_or_family_name_is_flagged() {
        let person = |id: i64, name: &str| {
            doc(
                id,
                &[
                    ("patient_name", name, 0.95),
                    ("mrn", "M100", 0.95),
                    ("date_of_birth", "1949-04-06", 0.95),
                ],
            )
        };
        let mut docs = vec![
            person(1, "Yolanda A Cruz"),
            person(2, "Yolanda A De La Cruz"),
            person(3, "Yolanda A De La Cruz"),
            person(4, "Yolanda De La Cruz"),
        ];
        // Read once, confidently: nothing says the particles are missing.
        assert!(reasons(&docs, 1).is_empty());
        // Its first reading was doubtful and a second reading lifted it: the patient's
        // other documents outvote it; they are not flagged themselves.
        docs[0].fields.get_mut("patient_name").unwrap().reread = Some(0.95);
        assert_eq!(reasons(&docs, 1), ["mismatch:patient_name"]);
        assert!(reasons(&docs, 2).is_empty());
        // A middle initial printed or not is no disagreement.
        docs[3].fields.get_mut("patient_name").unwrap().reread = Some(0.95);
        assert!(reasons(&docs, 4).is_empty());
    }

    #[test]
    fn an_assumed_name_order_is_settled_by_a_confident_reading_elsewhere() {
        let person = |id: i64, raw: &str, name: &str, c: f64| {
            let mut d = doc(
                id,
                &[
                    ("patient_name", name, c),
                    ("mrn", "M100", 0.95),
                    ("date_of_birth", "1999-11-28", 0.95),
                ],
            );
            d.fields.get_mut("patient_name").unwrap().value = Some(raw.to_string());
            d
        };
        // A plate's "SCHAEFER MORTIMER", read in that order by convention only, and a chart
        // of the same patient that reads "Mortimer Schaefer" confidently: settled.
        let docs = [
            person(1, "SCHAEFER MORTIMER", "Mortimer Schaefer", 0.69),
            person(2, "Mortimer Schaefer", "Mortimer Schaefer", 0.95),
        ];
        assert!(reasons(&docs, 1).is_empty(), "{:?}", reasons(&docs, 1));
        // The same doubtful name printed in natural order: its doubt was not the order, and
        // a name without a middle part is not shown complete by another reading.
        let docs = [
            person(1, "Mortimer Schaefer", "Mortimer Schaefer", 0.69),
            person(2, "Mortimer Schaefer", "Mortimer Schaefer", 0.95),
        ];
        assert_eq!(reasons(&docs, 1), ["low_confidence:patient_name"]);
        // Only a confident reading settles it.
        let docs = [
            person(1, "SCHAEFER MORTIMER", "Mortimer Schaefer", 0.69),
            person(2, "Mortimer Schaefer", "Mortimer Schaefer", 0.7),
        ];
        assert!(reasons(&docs, 1).contains(&"low_confidence:patient_name".to_string()));
        // A middle initial where the confident reading prints the middle name: settled.
        let docs = [
            person(1, "CASTELLANOS EVERETT L", "Everett L Castellanos", 0.66),
            person(
                2,
                "Castellanos, Everett Lee",
                "Everett Lee Castellanos",
                0.92,
            ),
        ];
        assert!(reasons(&docs, 1).is_empty(), "{:?}", reasons(&docs, 1));
        // Not the other way round: a doubtful two-letter middle part ("Ww", a letter read
        // twice) is no middle name that a confident initial confirms; nor another initial.
        for (raw, name) in [
            ("Ezra Ww Lachance", "Ezra Ww Lachance"),
            ("LACHANCE EZRA K", "Ezra K Lachance"),
        ] {
            let docs = [
                person(1, raw, name, 0.66),
                person(2, "Lachance, Ezra W", "Ezra W Lachance", 0.92),
            ];
            assert!(reasons(&docs, 1).contains(&"low_confidence:patient_name".to_string()));
        }
    }

    #[test]
    fn an_mrn_is_missing_unless_the_linked_patient_has_one() {
        // Name and birth date alone: the record has no MRN, a person must supply it.
        let alone = [doc(
            1,
            &[
                ("patient_name", "Jane Doe", 0.95),
                ("date_of_birth", "1962-03-14", 0.95),
            ],
        )];
        assert_eq!(reasons(&alone, 1), vec!["missing:mrn".to_string()]);
        // The same letter beside a chart of hers that prints the MRN links to her: not missing.
        let with_chart = [
            alone[0].clone(),
            doc(
                2,
                &[
                    ("patient_name", "Jane Doe", 0.95),
                    ("date_of_birth", "1962-03-14", 0.95),
                    ("mrn", "A12345", 0.95),
                ],
            ),
        ];
        assert!(
            reasons(&with_chart, 1).is_empty(),
            "{:?}",
            reasons(&with_chart, 1)
        );
    }

    #[test]
    fn a_provider_one_letter_off_a_recurring_one_is_flagged() {
        let person = |id: i64, provider: &str| {
            doc(
                id,
                &[
                    ("patient_name", "Jane Doe", 0.95),
                    ("date_of_birth", "1962-03-14", 0.95),
                    ("mrn", "111111", 0.95),
                    ("provider", provider, 0.95),
                ],
            )
        };
        let docs = [
            person(1, "Jasper Okoro"),
            person(2, "Jasper Okoro"),
            person(3, "Jaspe Okoro"),
            person(4, "Isolde Lindquist"),
            person(5, "Wilhelm Lindquist"),
            person(6, "Jasper K Okoro"),
        ];
        assert!(reasons(&docs, 3).contains(&"mismatch:provider".to_string()));
        for id in [1, 2, 4, 5, 6] {
            assert!(
                reasons(&docs, id).is_empty(),
                "{id}: {:?}",
                reasons(&docs, id)
            );
        }
    }

    #[test]
    fn a_clinician_read_surely_on_two_other_documents_stands_for_a_doubtful_reading() {
        let chart = |id: i64, provider: &str, conf: f64| {
            doc(
                id,
                &[
                    ("patient_name", "Jane Q Doe", 0.95),
                    ("date_of_birth", "1962-03-14", 0.95),
                    ("mrn", "111111", 0.95),
                    ("provider", provider, conf),
                ],
            )
        };
        let low = "low_confidence:provider".to_string();
        // Read at 0.6 here, surely on two other charts: it stands.
        let docs = [
            chart(1, "Keiko H Orozco", 0.6),
            chart(2, "Keiko H Orozco", 0.95),
            chart(3, "Keiko H Orozco", 0.9),
        ];
        assert!(!reasons(&docs, 1).contains(&low));
        // Surely on only one other, doubtfully on another, or another name: doubtful still.
        for others in [
            [("Keiko H Orozco", 0.95), ("Keiko H Orozco", 0.7)],
            [("Keiko Orozco", 0.95), ("Keiko Orozco", 0.95)],
        ] {
            let docs = [
                chart(1, "Keiko H Orozco", 0.6),
                chart(2, others[0].0, others[0].1),
                chart(3, others[1].0, others[1].1),
            ];
            assert!(reasons(&docs, 1).contains(&low), "{others:?}");
        }
        // A reading under the floor is not taken for the clinician however often seen.
        let docs = [
            chart(1, "Keiko H Orozco", 0.4),
            chart(2, "Keiko H Orozco", 0.95),
            chart(3, "Keiko H Orozco", 0.95),
        ];
        assert!(reasons(&docs, 1).contains(&low));
    }

    #[test]
    fn details_have_their_own_threshold() {
        let with = |field: &str, conf: f64| {
            let mut fields = vec![
                ("patient_name", "Hamish Quintero", 0.95),
                ("date_of_birth", "1962-03-14", 0.95),
                ("mrn", "111111", 0.95),
            ];
            match fields.iter_mut().find(|f| f.0 == field) {
                Some(f) => f.2 = conf,
                None => fields.push((field, "2020-01-02", conf)),
            }
            reasons(&[doc(1, &fields)], 1)
        };
        // An encounter date at 0.75 stands; under the detail threshold it is sent to review.
        assert!(with("encounter_date", 0.75).is_empty());
        assert_eq!(
            with("encounter_date", 0.65),
            ["low_confidence:encounter_date"]
        );
        // A birth date at 0.75 identifies no one surely.
        assert_eq!(
            with("date_of_birth", 0.75),
            ["low_confidence:date_of_birth"]
        );
    }

    #[test]
    fn only_a_confident_reading_corroborates_a_doubtful_one() {
        let person = |id: i64, name_conf: f64| {
            doc(
                id,
                &[
                    ("patient_name", "Hamish Quintero", 0.95),
                    ("date_of_birth", "1962-03-14", 0.95),
                    ("mrn", "111111", name_conf),
                ],
            )
        };
        let docs = [person(1, 0.5), person(2, 0.55)];
        assert!(reasons(&docs, 1).contains(&"low_confidence:mrn".to_string()));
        let docs = [person(1, 0.5), person(2, 0.95)];
        assert!(reasons(&docs, 1).is_empty());
        // A name without a middle part is never taken as confirmed by another document's.
        let mut d1 = person(1, 0.95);
        d1.fields.get_mut("patient_name").unwrap().confidence = Some(0.5);
        let docs = [d1, person(2, 0.95)];
        assert!(reasons(&docs, 1).contains(&"low_confidence:patient_name".to_string()));
        // Nor is one whose family name has a particle ("Ursula Du Bois": three words, no
        // middle part).
        let named = |id: i64, conf: f64| {
            let mut d = person(id, 0.95);
            let f = d.fields.get_mut("patient_name").unwrap();
            f.normalized = Some("Ursula Du Bois".into());
            f.confidence = Some(conf);
            d
        };
        let docs = [named(1, 0.5), named(2, 0.95)];
        assert!(reasons(&docs, 1).contains(&"low_confidence:patient_name".to_string()));
    }

    #[test]
    fn an_ambiguous_name_and_dob_link_still_needs_the_mrn() {
        let docs = [
            doc(
                1,
                &[
                    ("patient_name", "Jane Doe", 0.95),
                    ("date_of_birth", "1962-03-14", 0.95),
                    ("mrn", "111111", 0.95),
                ],
            ),
            doc(
                2,
                &[
                    ("patient_name", "Jane Doe", 0.95),
                    ("date_of_birth", "1962-03-14", 0.95),
                    ("mrn", "222222", 0.95),
                ],
            ),
            doc(
                3,
                &[
                    ("patient_name", "Jane Doe", 0.95),
                    ("date_of_birth", "1962-03-14", 0.95),
                ],
            ),
        ];
        assert!(reasons(&docs, 3).contains(&"missing:mrn".to_string()));
    }
}
