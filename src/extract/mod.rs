//! extract: patient fields and document type from the words of a document's pages.
//!
//! Template-free: a label lexicon (`labels`), word-box geometry (`layout`: the value sits
//! right of its label or below it), and per-field syntax (`dates`, `names`, `mrn`) decide.
//! Plain data in, plain data out; no I/O.

pub mod dates;
pub mod doctype;
pub mod fields;
pub mod labels;
pub mod layout;
pub mod mrn;
pub mod names;

use crate::model::{BBox, Word};
use chrono::NaiveDate;
pub use doctype::DocType;
use serde::Serialize;
use std::collections::BTreeMap;

/// One page of a document as the extractor needs it.
#[derive(Debug, Clone)]
pub struct PageInput {
    pub page_no: u32,
    pub page_id: i64,
    pub width: u32,
    pub height: u32,
    pub words: Vec<Word>,
    /// Check boxes seen in the page's pixels (empty for text-layer pages and older rows).
    pub marks: Vec<crate::model::Mark>,
}

/// One extracted value with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldValue {
    /// As printed (OCR text).
    pub value: String,
    pub normalized: String,
    /// 0..1: OCR word confidence combined with how well the value validates.
    pub confidence: f64,
    pub page_no: u32,
    pub page_id: i64,
    pub bbox: BBox,
    /// How `confidence` was made, kept so a second reading of the region can stand in for
    /// the first reading's OCR confidence (see `reread`).
    #[serde(skip)]
    pub evidence: Evidence,
    /// OCR confidence (0..1) of a second reading of the region that said the same words
    /// (0 when it said others); `None` when the value was not read again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reread: Option<f64>,
}

/// The parts of a field's confidence: `ocr * support + bonus`, at most 1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Evidence {
    /// OCR confidence of the value's words (0..1), the best of its readings on the page.
    pub ocr: f64,
    /// How well the value validates and how it was found (syntax, label strength, rivals).
    pub support: f64,
    /// Added when the document repeats the value.
    pub bonus: f64,
    /// A region of the page that must be blank for the value to be whole, and the factor
    /// `support` took for the doubt (see `reread::ink`).
    pub blank: Option<Blank>,
}

/// Regions of a page whose pixels decide a doubt OCR's words cannot (`reread::ink`): where
/// a middle initial or a suffix would be, had OCR lost it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Blank {
    /// Must be blank for the value to be whole; the value was doubted by `factor` until the
    /// page shows it is (an empty middle-initial box).
    pub doubted: Option<crate::model::BBox>,
    /// The doubt taken for `doubted` (1 without it).
    pub factor: f64,
    /// Must be blank too, but no doubt was taken for it: ink there doubts the value (the
    /// stretch after a family name in its own box, where a lost suffix would be).
    pub checked: Option<crate::model::BBox>,
}

/// The OCR confidence from which two agreeing readings support each other
/// (`FieldValue::confirm_ocr`). Measured on 42 generated sets (issue 3): with both readings
/// at 0.6 or more, 68 documents came off review and none with a wrong value; at 0.5 for
/// either, wrong values came off too ("Harghoweider" read the same way twice).
pub const FAIR_READING: f64 = 0.6;

impl Evidence {
    /// The field's confidence, rounded to three places.
    pub fn confidence(&self) -> f64 {
        let c = (self.ocr * self.support + self.bonus).clamp(0.0, 1.0);
        (c * 1000.0).round() / 1000.0
    }
}

impl FieldValue {
    /// Takes a second reading that agrees with the first as evidence: the validation part of
    /// the confidence stays as it was. Two readings each of [`FAIR_READING`] or better, made
    /// differently (the whole page; the region alone, enlarged, as one line), are wrong the
    /// same way only when both are: their OCR confidences combine as independent evidence,
    /// 1 - (1 - a)(1 - b). A poorer reading adds nothing to a better one, which stands alone.
    pub fn confirm_ocr(&mut self, ocr: f64) {
        let first = self.evidence.ocr;
        let combined = if ocr >= FAIR_READING && first >= FAIR_READING {
            1.0 - (1.0 - first) * (1.0 - ocr)
        } else {
            ocr.max(first)
        };
        if combined > first {
            self.evidence.ocr = combined;
            self.confidence = self.evidence.confidence();
        }
    }

    /// Doubts the value for what its validation or a second reading found (`factor` < 1).
    pub fn doubt(&mut self, factor: f64) {
        self.evidence.support *= factor;
        self.confidence = self.evidence.confidence();
    }

    /// Takes back the doubt of a region that had to be blank (`Blank::doubted`), now that
    /// the page shows it is.
    pub fn clear_blank_doubt(&mut self) {
        if let Some(b) = self.evidence.blank.as_mut().filter(|b| b.doubted.is_some()) {
            let factor = b.factor;
            b.doubted = None;
            b.factor = 1.0;
            self.evidence.support = (self.evidence.support / factor).min(1.0);
            self.confidence = self.evidence.confidence();
        }
    }

    /// The confidence this value would have if its words were read with certainty: a
    /// second reading cannot lift it higher.
    pub fn ceiling(&self) -> f64 {
        Evidence {
            ocr: 1.0,
            ..self.evidence
        }
        .confidence()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractedDocument {
    pub doc_type: DocType,
    pub doc_type_confidence: f64,
    /// patient_name, date_of_birth, mrn, sex, encounter_date, provider (absent = not found).
    pub fields: BTreeMap<String, FieldValue>,
}

/// Every field name, in export order.
pub const FIELD_NAMES: [&str; 6] = [
    "patient_name",
    "date_of_birth",
    "mrn",
    "sex",
    "encounter_date",
    "provider",
];

fn is_fax_cover(lines: &[layout::Line], today: NaiveDate) -> bool {
    let text: String = lines
        .iter()
        .flat_map(|l| l.toks.iter().map(|t| t.key.as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    let fax = [
        "facsimile",
        "transmittal",
        "fax cover",
        "cover sheet",
        "cover page",
    ]
    .iter()
    .any(|k| text.contains(k));
    // A patient page can carry "Facsimile" in its letterhead: a birth date or a record
    // number read on it says it is not a cover (a label alone may be a word of the
    // cover's prose, "To: Medical Records").
    let patient_values = fields::page_candidates(lines, 0, today).iter().any(|c| {
        !c.normalized.is_empty() && matches!(c.target, labels::Target::Dob | labels::Target::Mrn)
    });
    fax && !patient_values
}

/// The raw words of the document's content pages, in reading order.
fn content_words<'a>(lines: &'a [Vec<layout::Line>], content: &[usize]) -> Vec<&'a str> {
    content
        .iter()
        .flat_map(|&i| {
            lines[i]
                .iter()
                .flat_map(|l| l.toks.iter().map(|t| t.raw.as_str()))
        })
        .collect()
}

/// Extracts the document type and fields. `today` resolves two-digit years and bounds dates.
pub fn extract_document(pages: &[PageInput], today: NaiveDate) -> ExtractedDocument {
    let lines: Vec<Vec<layout::Line>> = pages
        .iter()
        .map(|p| layout::lines_with_marks(&p.words, &p.marks))
        .collect();
    // The first page with text; a fax cover sheet in front is skipped.
    let mut content: Vec<usize> = (0..pages.len()).filter(|&i| !lines[i].is_empty()).collect();
    if content.len() > 1 && is_fax_cover(&lines[content[0]], today) {
        content.remove(0);
    }
    let patient_page = content.first().copied().unwrap_or(0);
    let page_lines: Vec<&[layout::Line]> = content.iter().map(|&i| lines[i].as_slice()).collect();
    let (doc_type, doc_type_confidence) = doctype::classify(&page_lines);
    let mut cands = Vec::new();
    for &i in &content {
        cands.extend(fields::page_candidates(&lines[i], i, today));
    }
    // A name that is also a clinician's on the document, read without a strong patient
    // label ("Printed name: ..." under a signature), is the clinician's.
    let providers: Vec<String> = cands
        .iter()
        .filter(|c| matches!(c.target, labels::Target::Provider(_)) && !c.normalized.is_empty())
        .map(|c| names::fold(&c.normalized))
        .collect();
    // And the patient, named under a strong label, is not the document's clinician ("Completed
    // by:" on a list the patient filled in).
    let patients: Vec<String> = cands
        .iter()
        .filter(|c| c.target == labels::Target::Name && c.priority >= 9 && !c.normalized.is_empty())
        .map(|c| names::fold(&c.normalized))
        .collect();
    cands.retain(|c| match c.target {
        labels::Target::Name => c.priority >= 9 || !providers.contains(&names::fold(&c.normalized)),
        labels::Target::Provider(_) => !patients.contains(&names::fold(&c.normalized)),
        _ => true,
    });
    let mut fields: BTreeMap<String, FieldValue> =
        fields::choose(&cands, doc_type, pages, patient_page)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
    let words = content_words(&lines, &content);
    for key in ["patient_name", "provider"] {
        if let Some(f) = fields.get_mut(key) {
            if let Some(full) = names::with_printed_middle(&f.normalized, &words) {
                f.normalized = full;
            }
        }
    }
    ExtractedDocument {
        doc_type,
        doc_type_confidence: (doc_type_confidence * 1000.0).round() / 1000.0,
        fields,
    }
}

#[cfg(test)]
mod tests;
