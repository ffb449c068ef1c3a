//! Document type from keyword evidence (titles weigh more than body text).

use super::layout::Line;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    IntakeForm,
    ProgressNote,
    LabReport,
    DischargeSummary,
    ReferralLetter,
    RadiologyReport,
    MedicationList,
    ConsentForm,
    Other,
}

impl DocType {
    pub const ALL: [DocType; 9] = [
        DocType::IntakeForm,
        DocType::ProgressNote,
        DocType::LabReport,
        DocType::DischargeSummary,
        DocType::ReferralLetter,
        DocType::RadiologyReport,
        DocType::MedicationList,
        DocType::ConsentForm,
        DocType::Other,
    ];
    pub fn as_str(&self) -> &'static str {
        match self {
            DocType::IntakeForm => "intake_form",
            DocType::ProgressNote => "progress_note",
            DocType::LabReport => "lab_report",
            DocType::DischargeSummary => "discharge_summary",
            DocType::ReferralLetter => "referral_letter",
            DocType::RadiologyReport => "radiology_report",
            DocType::MedicationList => "medication_list",
            DocType::ConsentForm => "consent_form",
            DocType::Other => "other",
        }
    }
    pub fn parse(s: &str) -> DocType {
        DocType::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .unwrap_or(DocType::Other)
    }
}

use DocType::*;

/// (phrase, type, weight). Phrases are matched on the line's lower-cased words.
const KEYWORDS: &[(&str, DocType, f64)] = &[
    ("face sheet", IntakeForm, 4.0),
    ("facesheet", IntakeForm, 4.0),
    ("registration", IntakeForm, 3.0),
    ("intake", IntakeForm, 3.0),
    ("new patient information", IntakeForm, 3.0),
    ("patient information", IntakeForm, 1.5),
    ("demographic*", IntakeForm, 3.0),
    ("personal information", IntakeForm, 2.0),
    ("emergency contact", IntakeForm, 1.0),
    ("guarantor", IntakeForm, 0.5),
    ("marital", IntakeForm, 1.0),
    ("progress note", ProgressNote, 4.0),
    ("progress notes", ProgressNote, 4.0),
    ("clinic visit", ProgressNote, 3.0),
    ("visit record", ProgressNote, 2.0),
    ("medicines i take", MedicationList, 5.0),
    ("my medicines", MedicationList, 4.0),
    ("medicine list", MedicationList, 5.0),
    ("medicine name", MedicationList, 2.0),
    ("use or disclose", ConsentForm, 4.0),
    ("authorization to use", ConsentForm, 4.0),
    ("authorization to disclose", ConsentForm, 4.0),
    ("authorization to release", ConsentForm, 4.0),
    ("patient information sheet", IntakeForm, 4.0),
    ("admission record", IntakeForm, 3.0),
    ("health history", IntakeForm, 3.0),
    ("questionnaire", IntakeForm, 2.0),
    ("clinic note", ProgressNote, 4.0),
    ("office visit", ProgressNote, 2.5),
    ("visit note", ProgressNote, 4.0),
    ("office note", ProgressNote, 4.0),
    ("soap note", ProgressNote, 4.0),
    ("chief complaint", ProgressNote, 2.0),
    ("history of present illness", ProgressNote, 1.5),
    ("subjective", ProgressNote, 1.5),
    ("objective", ProgressNote, 1.0),
    ("assessment and plan", ProgressNote, 1.5),
    ("assessment", ProgressNote, 0.5),
    ("follow-up visit", ProgressNote, 2.0),
    ("well child", ProgressNote, 4.0),
    ("well-child", ProgressNote, 4.0),
    ("prenatal", ProgressNote, 3.0),
    // A trailing '*' matches any word starting so ("Laboratories", "LABORATORYRUN" where
    // OCR ran two words together).
    ("laborator*", LabReport, 2.0),
    ("lab report", LabReport, 4.0),
    ("lab results", LabReport, 4.0),
    ("reference range", LabReport, 3.0),
    ("reference interval", LabReport, 3.0),
    ("specimen", LabReport, 1.5),
    ("collected", LabReport, 1.0),
    ("accession", LabReport, 0.5),
    ("lipid panel", LabReport, 1.5),
    ("metabolic panel", LabReport, 0.5),
    ("cbc", LabReport, 1.0),
    // Common analytes: each weak, many together only on a result report.
    ("cholesterol", LabReport, 0.5),
    ("triglycerides", LabReport, 0.5),
    ("hemoglobin", LabReport, 0.5),
    ("hematocrit", LabReport, 0.5),
    ("glucose", LabReport, 0.5),
    ("creatinine", LabReport, 0.5),
    ("sodium", LabReport, 0.5),
    ("potassium", LabReport, 0.5),
    ("tsh", LabReport, 0.5),
    ("wbc", LabReport, 0.5),
    ("spec #", LabReport, 1.0),
    ("discharge summary", DischargeSummary, 6.0),
    ("transfer summary", DischargeSummary, 6.0),
    ("summary of stay", DischargeSummary, 2.0),
    ("was admitted", DischargeSummary, 2.0),
    ("was discharged", DischargeSummary, 2.0),
    ("hospital stay", DischargeSummary, 2.0),
    ("discharged home", DischargeSummary, 2.0),
    ("hospital course", DischargeSummary, 3.0),
    ("date of discharge", DischargeSummary, 2.0),
    ("discharge date", DischargeSummary, 2.0),
    ("discharge diagnosis", DischargeSummary, 2.0),
    ("discharge medications", DischargeSummary, 2.0),
    ("admission diagnosis", DischargeSummary, 1.5),
    ("referral", ReferralLetter, 2.5),
    ("consultation", ReferralLetter, 2.0),
    ("dear", ReferralLetter, 3.0),
    ("sincerely", ReferralLetter, 3.0),
    ("refer to", ReferralLetter, 2.0),
    ("referring my patient", ReferralLetter, 3.0),
    ("reason for referral", ReferralLetter, 3.0),
    ("thank you for", ReferralLetter, 1.0),
    ("kind regards", ReferralLetter, 3.0),
    ("recommendations", ReferralLetter, 1.0),
    ("diagnostic imaging", RadiologyReport, 3.0),
    ("radiology", RadiologyReport, 3.0),
    ("imaging", RadiologyReport, 1.0),
    ("radiologist", RadiologyReport, 2.0),
    ("findings", RadiologyReport, 1.5),
    ("impression", RadiologyReport, 0.5),
    ("comparison", RadiologyReport, 1.5),
    ("technique", RadiologyReport, 1.5),
    ("with contrast", RadiologyReport, 1.5),
    ("without contrast", RadiologyReport, 1.5),
    ("x-ray", RadiologyReport, 1.5),
    ("mri", RadiologyReport, 1.5),
    ("ultrasound", RadiologyReport, 1.5),
    ("exam date", RadiologyReport, 1.5),
    ("medication list", MedicationList, 5.0),
    ("medication reconciliation", MedicationList, 5.0),
    ("medication regimen", MedicationList, 4.0),
    ("medication review", MedicationList, 4.0),
    ("medication profile", MedicationList, 4.0),
    ("reconciliation", MedicationList, 3.0),
    ("home medication", MedicationList, 2.0),
    ("my medications", MedicationList, 4.0),
    ("my medication", MedicationList, 4.0),
    ("medication record", MedicationList, 4.0),
    ("medicine record", MedicationList, 4.0),
    ("current medications", MedicationList, 1.5),
    ("home medications", MedicationList, 2.0),
    ("pharmacy", MedicationList, 0.5),
    ("consent", ConsentForm, 4.0),
    ("hereby authorize", ConsentForm, 2.0),
    ("i authorize", ConsentForm, 2.0),
    ("authorization for release", ConsentForm, 4.0),
    ("release of information", ConsentForm, 4.0),
    ("release of medical", ConsentForm, 4.0),
    ("release of records", ConsentForm, 4.0),
    ("records release", ConsentForm, 4.0),
    ("release of health information", ConsentForm, 4.0),
    ("witness", ConsentForm, 1.5),
    ("privacy practices", ConsentForm, 4.0),
    ("acknowledgment of receipt", ConsentForm, 3.0),
    ("statement", Other, 3.0),
    ("balance", Other, 2.0),
    ("payment due", Other, 3.0),
    ("amount due", Other, 3.0),
    ("invoice", Other, 3.0),
    ("appointment reminder", Other, 5.0),
    ("your account", Other, 2.0),
    ("business office", Other, 2.0),
    ("payment plan", Other, 2.0),
    ("reminder", Other, 2.0),
    // An insurer's form about a service, not a record of one.
    ("prior authorization", Other, 5.0),
    ("precertification", Other, 4.0),
];

fn contains_phrase(hay: &str, needle: &str) -> bool {
    // Whole-word match on a space-joined lower-case line; "word*" matches a word's start.
    let (needle, prefix) = match needle.strip_suffix('*') {
        Some(n) => (n, true),
        None => (needle, false),
    };
    let mut start = 0;
    while let Some(pos) = hay[start..].find(needle) {
        let a = start + pos;
        let b = a + needle.len();
        let before_ok = a == 0 || !hay.as_bytes()[a - 1].is_ascii_alphanumeric();
        let after_ok = prefix || b == hay.len() || !hay.as_bytes()[b].is_ascii_alphanumeric();
        if before_ok && after_ok {
            return true;
        }
        start = a + 1;
    }
    false
}

/// Classifies from the lines of the document's pages (fax cover pages excluded by the caller).
/// Returns the type and a confidence 0..1 (share of the evidence for the winner).
pub fn classify(pages: &[&[Line]]) -> (DocType, f64) {
    let mut score = [0.0f64; 9];
    let slot = |ty: DocType| DocType::ALL.iter().position(|d| *d == ty).unwrap();
    // A letter to a patient ("Dear Rowan Szymanski,", "Dear Mrs. Doe:") is no referral or
    // consultation letter, which go to clinicians ("Dear Dr. Okafor", "Dear Colleague"):
    // its salutation and sign-off count as evidence of a letter of another kind.
    let to_layperson = pages.first().is_some_and(|lines| {
        lines.iter().any(|l| {
            let ks: Vec<&str> = l.toks.iter().map(|t| t.key.as_str()).collect();
            match ks.as_slice() {
                ["dear", next, ..] => {
                    matches!(
                        *next,
                        "mr" | "mrs" | "ms" | "miss" | "mx" | "patient" | "parent"
                    ) || ((3..=5).contains(&l.toks.len())
                        && super::names::layperson_addressee(
                            &l.toks[1..]
                                .iter()
                                .map(|t| t.raw.as_str())
                                .collect::<Vec<_>>(),
                        )
                        .is_some())
                }
                _ => false,
            }
        })
    });
    let letter_words = ["dear", "sincerely", "kind regards", "thank you for"];
    for (pi, lines) in pages.iter().enumerate() {
        let page_w = if pi == 0 { 1.0 } else { 0.4 };
        let median_h = {
            let mut hs: Vec<f32> = lines.iter().map(|l| l.h).collect();
            hs.sort_by(f32::total_cmp);
            hs.get(hs.len() / 2).copied().unwrap_or(1.0)
        };
        for (li, l) in lines.iter().enumerate() {
            let text = l
                .toks
                .iter()
                .map(|t| t.raw.to_lowercase())
                .collect::<Vec<_>>()
                .join(" ");
            // Running text mentions what a document is not ("medication list reconciled at
            // this visit" in a progress note): its words count for less than a heading's.
            // (A table's header row is no sentence: its columns stand apart.)
            let columns = (0..l.toks.len().saturating_sub(1)).any(|k| l.gap_after(k) > 2.0);
            let prose = l.is_prose(8) && !columns;
            // Titles: near the top, or larger than body text; never a sentence.
            let title = pi == 0 && !prose && (li < 6 || l.h > median_h * 1.25);
            // "RESIDENT DISCHARGE / TRANSFER SUMMARY": a title naming a discharge summary
            // with words between.
            if title && contains_phrase(&text, "discharge") && contains_phrase(&text, "summary") {
                score[slot(DischargeSummary)] += 6.0;
            }
            for (kw, ty, w) in KEYWORDS {
                if contains_phrase(&text, kw) {
                    let mut s = *w * page_w;
                    if title {
                        s *= 2.0;
                    } else if prose {
                        s *= 0.4;
                    }
                    let ty = if to_layperson && letter_words.contains(kw) {
                        Other
                    } else {
                        *ty
                    };
                    score[slot(ty)] += s;
                }
            }
        }
    }
    let total: f64 = score.iter().sum();
    let (best, &s) = score
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
        .unwrap();
    if s < 3.0 {
        return (Other, 0.3);
    }
    (DocType::ALL[best], (s / total).clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::layout::{lines, testutil::page};

    fn class(text: &[(u32, u32, &str)]) -> DocType {
        let ls = lines(&page(text));
        classify(&[&ls]).0
    }

    #[test]
    fn types_from_titles_and_sections() {
        assert_eq!(
            class(&[
                (50, 50, "WELL CHILD VISIT - 3-YEAR"),
                (100, 50, "Child's Name: Jaramillo, Tyrone")
            ]),
            ProgressNote
        );
        assert_eq!(
            class(&[
                (50, 50, "ACKNOWLEDGMENT OF RECEIPT OF"),
                (100, 50, "NOTICE OF PRIVACY PRACTICES")
            ]),
            ConsentForm
        );
        assert_eq!(
            class(&[
                (50, 50, "MONTHLY MEDICATION REGIMEN REVIEW"),
                (100, 50, "Resident Room")
            ]),
            MedicationList
        );
        assert_eq!(
            class(&[
                (50, 50, "KEYSTONE MUTUAL HMO - PRIOR AUTHORIZATION REQUEST"),
                (100, 50, "Service / CPT: MAMMOGRAM SCREENING BILATERAL")
            ]),
            Other
        );
        assert_eq!(
            class(&[
                (50, 50, "WESTBROOK GASTROENTEROLOGY FACE SHEET"),
                (100, 50, "EMERGENCY CONTACT")
            ]),
            IntakeForm
        );
        assert_eq!(
            class(&[
                (50, 50, "CLINIC NOTE"),
                (300, 50, "HISTORY"),
                (500, 50, "IMPRESSION / PLAN")
            ]),
            ProgressNote
        );
        assert_eq!(
            class(&[
                (50, 50, "Cedar Valley Hospital Laboratory"),
                (300, 50, "Test Result Flag Units Reference Range")
            ]),
            LabReport
        );
        assert_eq!(
            class(&[(50, 50, "DISCHARGE SUMMARY"), (300, 50, "HOSPITAL COURSE")]),
            DischargeSummary
        );
        assert_eq!(
            class(&[
                (50, 50, "Cedar Valley Hospital - Radiology"),
                (300, 50, "Findings"),
                (400, 50, "Impression")
            ]),
            RadiologyReport
        );
        assert_eq!(
            class(&[(50, 50, "MEDICATION RECONCILIATION")]),
            MedicationList
        );
        assert_eq!(class(&[(50, 50, "CONSENT FOR PROCEDURE")]), ConsentForm);
        assert_eq!(
            class(&[(50, 50, "AUTHORIZATION FOR RELEASE OF HEALTH INFORMATION")]),
            ConsentForm
        );
        assert_eq!(
            class(&[
                (50, 50, "REFERRAL / AUTHORIZATION REQUEST"),
                (300, 50, "REASON FOR REFERRAL")
            ]),
            ReferralLetter
        );
        assert_eq!(
            class(&[(50, 50, "PATIENT STATEMENT"), (300, 50, "Balance")]),
            Other
        );
        assert_eq!(class(&[(50, 50, "Some unrelated words")]), Other);
    }

    #[test]
    fn titles_with_words_between_and_mentions_in_running_text() {
        assert_eq!(
            class(&[
                (50, 50, "Autumn Glen Care Center"),
                (100, 50, "RESIDENT DISCHARGE / TRANSFER SUMMARY"),
                (300, 50, "Discharge medications: Levothyroxine"),
                (340, 50, "Home medication list reviewed with the resident")
            ]),
            DischargeSummary
        );
        // A progress note without a title that mentions a medication list in its plan.
        assert_eq!(
            class(&[
                (50, 50, "Patient Nm   MR No   Author"),
                (300, 50, "CHIEF COMPLAINT / HPI"),
                (500, 50, "ASSESSMENT AND PLAN"),
                (
                    540,
                    50,
                    "Return sooner for any new symptoms. Medication list reconciled at this visit."
                )
            ]),
            ProgressNote
        );
        // "Laboratories", and "LABORATORY" run into the next word.
        assert_eq!(
            class(&[
                (50, 50, "Crescent Reference Laboratories   Final Report"),
                (
                    100,
                    50,
                    "PATIENT INFORMATION   CLIENT / PHYSICIAN INFORMATION"
                )
            ]),
            LabReport
        );
        assert_eq!(
            class(&[(50, 50, "MERCY HOSPITAL - LABORATORYRUN DATE: 02/04/99")]),
            LabReport
        );
    }
}
