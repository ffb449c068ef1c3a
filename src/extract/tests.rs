//! Extractor tests on hand-built word boxes: one per distractor kind, plus field forms.

use super::layout::testutil::page;
use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// A document of pages given as their words.
fn doc_of_pages(pages: Vec<Vec<crate::model::Word>>) -> ExtractedDocument {
    let pages: Vec<PageInput> = pages
        .into_iter()
        .enumerate()
        .map(|(i, words)| PageInput {
            page_no: i as u32 + 1,
            page_id: i as i64 + 1,
            width: 2550,
            height: 3300,
            words,
            marks: Vec::new(),
        })
        .collect();
    extract_document(&pages, today())
}

fn doc(lines: &[(u32, u32, &str)]) -> ExtractedDocument {
    doc_of_pages(vec![page(lines)])
}

/// A word placed by hand, box and all, read at confidence 80.
fn word_box(x: u32, y: u32, w: u32, h: u32, text: &str) -> crate::model::Word {
    crate::model::Word {
        text: text.into(),
        conf: 80.0,
        bbox: crate::model::BBox::new(x, y, w, h),
        block: 1,
        par: 0,
        line: 0,
    }
}

fn get(d: &ExtractedDocument, f: &str) -> Option<String> {
    d.fields.get(f).map(|v| v.normalized.clone())
}

#[test]
fn labelled_header_fields() {
    let d = doc(&[
        (100, 100, "CLINIC NOTE"),
        (200, 100, "Patient Name: DOE, JANE Q  DOB: 3/14/62"),
        (240, 100, "MRN: 0048-2913  Sex: Female"),
        (
            280,
            100,
            "Date of Service: 04/11/2014  Provider: Dr. Leah D. Okonkwo, MD",
        ),
    ]);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Jane Q Doe"));
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1962-03-14"));
    assert_eq!(get(&d, "mrn").as_deref(), Some("00482913"));
    assert_eq!(get(&d, "sex").as_deref(), Some("F"));
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2014-04-11"));
    assert_eq!(get(&d, "provider").as_deref(), Some("Leah D Okonkwo"));
    assert_eq!(d.doc_type, DocType::ProgressNote);
    let f = &d.fields["patient_name"];
    assert_eq!(f.value, "DOE, JANE Q");
    assert!(f.confidence > 0.8 && f.confidence <= 1.0);
    assert_eq!(f.bbox.y, 200);
}

#[test]
fn mrn_label_variants() {
    for label in [
        "MRN:",
        "MR#",
        "MR #",
        "Medical Record #:",
        "Medical Record Number:",
        "Chart No.:",
        "Chart #",
        "Patient ID:",
        // OCR slips: the I of "ID" read as a bracket or a bar, a number sign glued to the
        // value with its colon and a speck.
        "Patient [D:",
        "Patient |D",
        "MR #:.",
        "MRNO.:",
    ] {
        let line = format!("{label} A6492445");
        let d = doc(&[
            (100, 100, "Patient: Ronald Haddad  DOB: 02/09/2004"),
            (140, 100, &line),
        ]);
        assert_eq!(get(&d, "mrn").as_deref(), Some("A6492445"), "label {label}");
    }
}

#[test]
fn a_representative_is_no_patient() {
    // The patient's name is unreadable script; the representative's name under the line that
    // announces them is not the patient's.
    let d = doc(&[
        (
            100,
            100,
            "ACKNOWLEDGMENT OF RECEIPT OF NOTICE OF PRIVACY PRACTICES",
        ),
        (200, 100, "Patient's Name (print): /Me/da"),
        (240, 100, "Date of Birth: 12/11/1997   MRN 00-47-6289"),
        (300, 100, "If signed by a personal representative:"),
        (
            340,
            100,
            "Name: Rosalind O'Hara   Relationship: Mother   Date of birth: 1/22/1975",
        ),
    ]);
    assert_eq!(get(&d, "patient_name"), None);
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1997-12-11"));
    assert_eq!(get(&d, "mrn").as_deref(), Some("00476289"));
    // With no heading above it, a generic "Name:" under an unread patient label is still
    // doubtful.
    let d = doc(&[
        (200, 100, "Patient's Name (print): /Me/da"),
        (240, 100, "Date of Birth: 12/11/1997"),
        (340, 100, "Name: Rosalind O'Hara"),
    ]);
    if let Some(f) = d.fields.get("patient_name") {
        assert!(f.ceiling() < 0.8, "{}", f.ceiling());
    }
}

#[test]
fn name_under_a_label_with_a_hint_in_brackets() {
    // "PATIENT NAME (LAST, FIRST, MI)" over "RUTHERFORD, IMELDA": the hint is the label's,
    // and the given name after the comma stands a word space apart, past the hint's start.
    let mut words = page(&[
        (100, 100, "PATIENT NAME (LAST, FIRST, MI)  BIRTH DATE  SEX"),
        (140, 100, "RUTHERFORD, IMELDA  10/07/72  F"),
    ]);
    words
        .iter_mut()
        .find(|w| w.text == "IMELDA")
        .unwrap()
        .bbox
        .x += 20;
    let d = doc_of_pages(vec![words]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Imelda Rutherford")
    );
}

#[test]
fn label_whose_first_words_ran_together() {
    // A header row whose "DATE OF" OCR read as one word, values below.
    let d = doc(&[
        (
            100,
            100,
            "PATIENT: Moreau, Quentin   DATE OF BIRTH: 10/17/1955",
        ),
        (140, 100, "ACCESSION #     DATE.OF SERVICE     REPORTED"),
        (
            180,
            100,
            "NS22-508754     January 2, 2022     January 5, 2022",
        ),
    ]);
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2022-01-02"));
    let d = doc(&[(
        100,
        100,
        "PATIENT: Moreau, Quentin   DATEOF BIRTH: 10/17/1955",
    )]);
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1955-10-17"));
    // Its last two words run together, a letter dated later than the visit.
    let d = doc(&[
        (100, 100, "January 19, 2021"),
        (200, 100, "RE: Moreau, Quentin   DOB: 7/8/1955"),
        (240, 100, "Date of.consultation:; 1/9/2021"),
        (
            300,
            100,
            "Dear Dr. Okafor, thank you for referring Mr. Moreau.",
        ),
    ]);
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2021-01-09"));
}

#[test]
fn an_mrn_on_a_fill_in_line_below_its_label() {
    let d = doc(&[
        (100, 100, "Last Name"),
        (100, 400, "First Name"),
        (100, 700, "MI"),
        (140, 100, "Abernethy"),
        (140, 400, "Priscilla"),
        (140, 700, "B"),
        (200, 100, "Date of Birth"),
        (200, 400, "Sex"),
        (200, 700, "Patient [D"),
        (240, 100, "11/06/1969"),
        (240, 400, "F"),
        (240, 700, "_E477735"),
    ]);
    assert_eq!(get(&d, "mrn").as_deref(), Some("E477735"));
}

#[test]
fn grid_values_below_their_labels() {
    let d = doc(&[
        (100, 100, "FACE SHEET"),
        (
            200,
            100,
            "NAME                 MEDICAL RECORD #      ACCOUNT NO",
        ),
        (
            240,
            100,
            "Miller, Kenneth P.                   0023-6626                       5810307611",
        ),
    ]);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Kenneth P Miller"));
    assert_eq!(get(&d, "mrn").as_deref(), Some("00236626"));
}

#[test]
fn distractor_emergency_contact_with_same_surname() {
    let d = doc(&[
        (100, 100, "PATIENT REGISTRATION"),
        (200, 100, "Patient Name: Miller, Kenneth  DOB: 10/22/1978"),
        (300, 100, "EMERGENCY CONTACT"),
        (340, 100, "Name: Sandra Miller  Relationship: Mother"),
        (
            380,
            100,
            "Emergency Contact: Jacob Miller  Phone: (212) 555-0128",
        ),
    ]);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Kenneth Miller"));
}

#[test]
fn distractor_guarantor_dob_above_patient_dob() {
    let d = doc(&[
        (
            100,
            100,
            "Guarantor: Jacob Miller  Guarantor DOB: 02/09/1949",
        ),
        (140, 100, "Subscriber DOB: 03/03/1950"),
        (200, 100, "Patient: Kenneth Miller  DOB: 10/22/1978"),
    ]);
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1978-10-22"));
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Kenneth Miller"));
}

#[test]
fn an_abbreviated_guarantor_dob_below_a_born_label() {
    let d = doc(&[
        (
            100,
            100,
            "PATIENT: SZYMANSKI, ROWAN P   MED REC NO: 701-4389",
        ),
        (140, 100, "BORN: 08/11/1946   SEX: M"),
        (600, 100, "YOLANDA SZYMANSKI   GUAR. D.O.B. 1/10/62"),
        (640, 100, "RESPONSIBLE PARTY (GUARANTOR)"),
    ]);
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1946-08-11"));
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Rowan P Szymanski")
    );
}

#[test]
fn distractor_guarantor_section_with_generic_labels() {
    let d = doc(&[
        (100, 100, "Patient Name: Kenneth Miller  DOB: 10/22/1978"),
        (200, 100, "GUARANTOR INFORMATION"),
        (240, 100, "Name: Jacob Miller  DOB: 02/09/1949"),
    ]);
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1978-10-22"));
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Kenneth Miller"));
}

#[test]
fn distractor_referring_physician_vs_attending() {
    let d = doc(&[
        (100, 100, "Patient: Jane Doe  DOB: 03/14/1962"),
        (140, 100, "Referring Physician: Walter Beaumont, DO"),
        (180, 100, "PCP: Naomi Rasmussen, MD"),
        (220, 100, "Attending: MARCHETTI, HELEN MD"),
        (260, 100, "cc: Esther Delacroix MD"),
        (300, 100, "Dictated by: Tobias Iyer"),
    ]);
    assert_eq!(get(&d, "provider").as_deref(), Some("Helen Marchetti"));
}

#[test]
fn distractor_lab_director_and_copy_to_are_not_the_provider() {
    let d = doc(&[
        (100, 100, "LABORATORY REPORT"),
        (140, 100, "Patient: Jane Doe  DOB: 03/14/1962"),
        (180, 100, "Copy to: Naomi Rasmussen, MD"),
        (220, 100, "Laboratory Director: Esther Delacroix, MD"),
    ]);
    assert_eq!(get(&d, "provider"), None);
}

#[test]
fn distractor_collection_and_report_dates_vs_service_date() {
    let d = doc(&[
        (100, 100, "LAB REPORT"),
        (140, 100, "Patient: Jane Doe  DOB: 03/14/1962"),
        (180, 100, "Collected: 01-07-2023  Received: 01-08-2023"),
        (220, 100, "Reported: 01-11-2023  Service Date: 01-05-2023"),
        (260, 100, "Reference Range"),
    ]);
    assert_eq!(d.doc_type, DocType::LabReport);
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2023-01-05"));
}

#[test]
fn distractor_next_appointment_signature_and_printed_dates() {
    let d = doc(&[
        (100, 100, "PROGRESS NOTE"),
        (140, 100, "Patient: Jane Doe  DOB: 03/14/1962"),
        (180, 100, "Next Appointment: 09/26/2023"),
        (220, 100, "Printed 08/03/2021 13:37"),
        (260, 100, "Return Visit: 11/24/2020"),
    ]);
    assert_eq!(get(&d, "encounter_date"), None);
}

#[test]
fn distractor_policy_and_member_numbers_are_not_the_mrn() {
    let d = doc(&[
        (100, 100, "Patient: Jane Doe  DOB: 03/14/1962"),
        (140, 100, "Policy #: 00482913  Member ID: MBR923484076"),
        (180, 100, "Group #: G02969  Account #: 5810307611"),
        (220, 100, "Accession: AC48101972  NPI 1296723358"),
    ]);
    assert_eq!(get(&d, "mrn"), None);
    let d = doc(&[
        (100, 100, "Patient: Jane Doe  DOB: 03/14/1962"),
        (140, 100, "Policy #: 00482913  MRN: 2059219"),
    ]);
    assert_eq!(get(&d, "mrn").as_deref(), Some("2059219"));
}

#[test]
fn distractor_phone_number_is_not_a_value() {
    let d = doc(&[
        (100, 100, "Phone (319) 555-0138  Fax (614) 555-0111"),
        (
            140,
            100,
            "Patient: Jane Doe  DOB: 03/14/1962  Phone: 555-0138",
        ),
    ]);
    assert_eq!(get(&d, "mrn"), None);
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1962-03-14"));
}

#[test]
fn prose_letter_fields_inline() {
    let d = doc(&[
        (100, 100, "Riverside Family Medicine"),
        (200, 1500, "29-May-2018"),
        (300, 100, "RE: Clark, Thomas, DOB 05/20/2016"),
        (360, 100, "Dear Dr. Omar Kaufman:"),
        (400, 100, "I am referring my patient for evaluation."),
        (500, 100, "Sincerely,"),
        (540, 100, "Yvonne Albright, MD"),
        (600, 100, "cc: Tobias Iyer PA-C"),
    ]);
    assert_eq!(d.doc_type, DocType::ReferralLetter);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Thomas Clark"));
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("2016-05-20"));
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2018-05-29"));
    assert_eq!(get(&d, "provider").as_deref(), Some("Yvonne Albright"));
}

#[test]
fn fax_cover_sheet_is_skipped() {
    let cover = page(&[
        (100, 100, "FACSIMILE TRANSMITTAL"),
        (200, 100, "To: Dr. Alan Nakamura"),
        (240, 100, "Date: 10/02/2020"),
        (280, 100, "Re: Jacob Miller"),
    ]);
    let body = page(&[
        (100, 100, "REFERRAL REQUEST"),
        (
            200,
            100,
            "Patient Name: KOWALSKI, JACOB N  DOB: April 22, 1994",
        ),
        (240, 100, "Chart #: 00053829  Referral Date: 09/28/2020"),
        (280, 100, "Requesting Provider: Leah Okonkwo, M.D."),
    ]);
    let d = extract_document(
        &[
            PageInput {
                page_no: 1,
                page_id: 10,
                width: 2550,
                height: 3300,
                words: cover,
                marks: Vec::new(),
            },
            PageInput {
                page_no: 2,
                page_id: 11,
                width: 2550,
                height: 3300,
                words: body,
                marks: Vec::new(),
            },
        ],
        today(),
    );
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Jacob N Kowalski"));
    assert_eq!(d.fields["patient_name"].page_no, 2);
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2020-09-28"));
    assert_eq!(get(&d, "provider").as_deref(), Some("Leah Okonkwo"));
    assert_eq!(d.doc_type, DocType::ReferralLetter);
}

#[test]
fn consent_signature_date_and_physician_above_their_lines() {
    let d = doc(&[
        (100, 100, "CONSENT FOR PROCEDURE"),
        (140, 100, "Name: Haddad, Ronald  D.O.B.: 09-Feb-2004"),
        (400, 100, "01/21/2014"),
        (430, 100, "Patient Signature  Date"),
        (500, 100, "Fiona Abernathy D.O. 01/21/2014"),
        (530, 100, "Witness  Date"),
        (600, 100, "Dmitri Pemberton, MD 01/21/2014"),
        (630, 100, "Physician  Date"),
    ]);
    assert_eq!(d.doc_type, DocType::ConsentForm);
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2014-01-21"));
    assert_eq!(get(&d, "provider").as_deref(), Some("Dmitri Pemberton"));
}

#[test]
fn conflicting_values_lower_the_confidence() {
    let one = doc(&[(100, 100, "Patient: Jane Doe  DOB: 03/14/1962")]);
    let two = doc(&[
        (100, 100, "Patient: Jane Doe  DOB: 03/14/1962"),
        (140, 100, "Date of Birth: 04/15/1963"),
    ]);
    assert!(two.fields["date_of_birth"].confidence < one.fields["date_of_birth"].confidence * 0.7);
}

#[test]
fn ocr_lookalikes_repaired_only_where_syntax_decides() {
    let d = doc(&[
        (100, 100, "Patient: Jane Doe  DOB: O3/l4/1962"),
        (140, 100, "MRN: 0O48291"),
    ]);
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1962-03-14"));
    assert_eq!(get(&d, "mrn").as_deref(), Some("0048291"));
    assert!(
        d.fields["date_of_birth"].confidence < 0.85,
        "a repaired value is less sure"
    );
}

#[test]
fn a_behavioral_health_client() {
    let d = doc(&[
        (100, 100, "INDIVIDUAL THERAPY PROGRESS NOTE"),
        (
            160,
            100,
            "Client Name: Anh Whitcomb   Record No.: 000 557 54",
        ),
        (
            200,
            100,
            "Birthdate: September 15, 1982   Sex at birth: Female",
        ),
        (240, 100, "DOS: 02/01/2011"),
    ]);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Anh Whitcomb"));
    assert!(d.fields["patient_name"].confidence >= 0.8);
}

#[test]
fn a_garbled_caption_in_a_caption_row_is_no_value() {
    // "M.I." read as "MLL." right of "FIRST NAME": a caption, the values are below.
    let d = doc(&[
        (100, 100, "LAST NAME  FIRST NAME  MLL."),
        (140, 100, "O'Malley  Mirela  R"),
    ]);
    let name = get(&d, "patient_name");
    assert_ne!(name.as_deref(), Some("Mll O'Malley"));
    assert!(
        name.as_deref().is_none_or(|n| n.starts_with("Mirela")),
        "{name:?}"
    );
}

#[test]
fn name_in_separate_boxes() {
    let d = doc(&[
        (100, 100, "PATIENT INFORMATION"),
        (
            200,
            100,
            "Last Name: O'CONNOR-SMITH  First Name: MARY  MI: K",
        ),
        (240, 100, "Date of Birth: 1962-03-14"),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Mary K O'Connor-Smith")
    );
    let d = doc(&[
        (
            100,
            100,
            "LAST NAME               FIRST NAME            DOB",
        ),
        (
            140,
            100,
            "Doe                              Jane                         03/14/1962",
        ),
    ]);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Jane Doe"));
}

#[test]
fn strokes_after_the_family_name_in_its_box_doubt_the_name() {
    // "Czarnecki HI": "III" read as other letters. The suffix cannot be told: doubtful.
    let form = |family: &str| {
        doc(&[
            (100, 100, "New Patient Registration"),
            (200, 100, &format!("{family:<34}{:<19}L", "Vernon")),
            (
                240,
                100,
                &format!("{:<34}{:<19}MI", "Patient Last Name", "First"),
            ),
            (320, 100, "09/06/1965"),
            (360, 100, "Birthdate (mm/dd/yyyy)"),
        ])
    };
    let d = form("Czarnecki HI");
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Vernon L Czarnecki")
    );
    assert!(d.fields["patient_name"].confidence < 0.8);
    let d = form("Czarnecki III");
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Vernon L Czarnecki III")
    );
    let d = form("Czarnecki");
    assert!(d.fields["patient_name"].confidence >= 0.8);
}

#[test]
fn captions_under_their_values() {
    let d = doc(&[
        (100, 100, "REGISTRATION"),
        (200, 100, "DOE, JANE Q                    03/14/1962"),
        (230, 100, "Patient Name                    Date of Birth"),
        (300, 100, "Male                    (414) 555-0161"),
        (330, 100, "Sex  Home phone"),
    ]);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Jane Q Doe"));
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1962-03-14"));
    assert_eq!(get(&d, "sex").as_deref(), Some("M"));
}

#[test]
fn a_grid_row_of_values_belongs_to_the_captions_over_it() {
    // A face sheet's grid, captions over values: the admission row's date is not the value
    // of the "BIRTHDATE" caption under it, whose own value OCR could not read.
    let d = doc(&[
        (100, 100, "INPATIENT FACE SHEET"),
        (160, 100, "PATIENT NAME (LAST, FIRST MI)        HOSP #"),
        (200, 100, "UNDERWOOD, SVETLANA K                3136-2971"),
        (250, 100, "ADMIT DATE        ADMIT TIME"),
        (290, 100, "Jan. 14, 1995     05:51"),
        (340, 100, "BIRTHDATE         SEX"),
        (380, 100, "|95 JUN 1970      F"),
    ]);
    assert_eq!(get(&d, "date_of_birth"), None);
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("1995-01-14"));
}

#[test]
fn name_part_captions_over_their_boxes() {
    // "Patient's Last Name  First  M.I." over the boxes' values; a possessive label.
    let d = doc(&[
        (100, 100, "PATIENT REGISTRATION & DENTAL HEALTH HISTORY"),
        (200, 100, "Patient's Last Name"),
        (200, 1000, "First"),
        (200, 1700, "M.I."),
        (250, 100, "Eckhardt"),
        (250, 1000, "Wendell"),
        (250, 1700, "J"),
        (300, 100, "Birthdate: 07/29/1968   Chart #: H7758191"),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Wendell J Eckhardt")
    );
    // The family name's box left empty: no name made of the others.
    let d = doc(&[
        (200, 100, "Patient's Last Name"),
        (200, 1000, "First"),
        (250, 1000, "Wendell"),
        (300, 100, "Birthdate: 07/29/1968   Chart #: H7758191"),
    ]);
    assert!(get(&d, "patient_name").is_none_or(|n| n.split(' ').all(|w| !w.is_empty())));
    // A hyphenated family name OCR split after its hyphen is one word.
    let d = doc(&[
        (200, 100, "Patient's Last Name"),
        (200, 1000, "First"),
        (250, 100, "Hughes- Wright"),
        (250, 1000, "Thaddeus"),
        (300, 100, "Birthdate: 06/17/1971   Chart #: H7758191"),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Thaddeus Hughes-Wright")
    );
}

#[test]
fn name_parts_captioned_under_their_values() {
    let d = doc(&[
        (100, 100, "New Patient Registration"),
        (200, 100, "3/7/2024"),
        (200, 700, "00604254"),
        (200, 1300, "English"),
        (230, 100, "Today's Date"),
        (230, 700, "Chart # (office use)"),
        (230, 1300, "Preferred language"),
        (300, 100, "Whitcomb"),
        (300, 700, "Harriet"),
        (300, 1300, "M"),
        (330, 100, "Patient Last Name"),
        (330, 700, "First"),
        (330, 1300, "MI."),
        (400, 100, "03/24/1942"),
        (430, 100, "Birthdate (mm/dd/yyyy)"),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Harriet M Whitcomb")
    );
    assert_eq!(get(&d, "mrn").as_deref(), Some("00604254"));
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1942-03-24"));
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2024-03-07"));
    assert!(d.fields["patient_name"].confidence >= 0.8);
    // The initial I read as a bar over its caption: the name is doubtful.
    let d = doc(&[
        (300, 100, "Oyelaran"),
        (300, 700, "Josefina"),
        (300, 1300, "|"),
        (330, 100, "Patient Last Name"),
        (330, 700, "First"),
        (330, 1300, "MI."),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Josefina Oyelaran")
    );
    assert!(d.fields["patient_name"].confidence < 0.8);
    // Nothing read over the caption: an empty box or a letter OCR missed; doubtful too.
    let d = doc(&[
        (300, 100, "Oyelaran"),
        (300, 700, "Josefina"),
        (330, 100, "Patient Last Name"),
        (330, 700, "First"),
        (330, 1300, "MI."),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Josefina Oyelaran")
    );
    assert!(d.fields["patient_name"].confidence < 0.8);
    // The initial read, its caption not ("MLL." for "MI."): the initial is still the
    // middle one.
    let mut words = page(&[
        (300, 100, "Dubois"),
        (300, 700, "Harriet"),
        (300, 1300, "L"),
        (330, 100, "Patient Last Name"),
        (330, 700, "First"),
        (330, 1300, "MLL."),
    ]);
    // Captions in small print under the boxes, the initial's far to the right.
    for w in words.iter_mut().filter(|w| w.bbox.y == 330) {
        w.bbox.h = 14;
    }
    words.last_mut().unwrap().bbox.x = 1400;
    let d = doc_of_pages(vec![words]);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Harriet L Dubois"));
}

#[test]
fn unlabelled_name_starting_a_banner_line() {
    let d = doc(&[
        (
            100,
            100,
            "Dos Santos, Siobhan Dawn  Patient ID: MR1702875  DOB: 10/14/1942",
        ),
        (140, 100, "Office Visit"),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Siobhan Dawn Dos Santos")
    );
    // "DOS" before a date stays the date-of-service label.
    let d = doc(&[
        (100, 100, "DAVIS, ERIC A DOB 05/08/1997 MR# 7159317"),
        (140, 100, "SEX M DOS July 8, 2019"),
    ]);
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2019-07-08"));
    // Words before the label that are not a whole name give nothing.
    let d = doc(&[(100, 100, "Foxglove Primary Care  DOB: 10/14/1942")]);
    assert_eq!(get(&d, "patient_name"), None);
}

#[test]
fn prose_name_just_before_a_birth_date() {
    let d = doc(&[
        (100, 100, "WORK EXCUSE"),
        (
            300,
            100,
            "Please excuse Ana Sofia C Hawkes (date of birth September 24, 1990) from work.",
        ),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Ana Sofia C Hawkes")
    );
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1990-09-24"));
    let d = doc(&[(
        300,
        100,
        "I am writing to refer Ms. Ursula St. Pierre, born February 27, 1970 for review.",
    )]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Ursula St. Pierre")
    );
    // A capitalised word run on from the text before is not taken as the name's start.
    let d = doc(&[(300, 100, "We saw Mary Jones Smith DOB 02/27/1970 today.")]);
    assert_ne!(
        get(&d, "patient_name").as_deref(),
        Some("Saw Mary Jones Smith")
    );
}

#[test]
fn sticker_name_above_its_identifier_lines() {
    let d = doc(&[
        (100, 100, "Foxglove Primary Care"),
        (100, 900, "UNDERHILL, WENDELL WAYNE"),
        (130, 100, "1112 Sawgrass Blvd"),
        (130, 900, "DOB: 11/21/1928 SEX: M"),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Wendell Wayne Underhill")
    );
    // Not in the label's column: no name.
    let d = doc(&[
        (100, 100, "UNDERHILL, WENDELL WAYNE"),
        (130, 900, "DOB: 11/21/1928 SEX: M"),
    ]);
    assert_eq!(get(&d, "patient_name"), None);
}

#[test]
fn printed_name_of_the_signer_is_not_the_patient() {
    let d = doc(&[
        (100, 100, "CLINIC VISIT RECORD"),
        (140, 100, "DOB: 11/21/1928 MR#: V-6463421"),
        (
            180,
            100,
            "Date: 08/26/2018 Clinician: Dr. Nathaniel L. Haugen",
        ),
        (
            900,
            100,
            "Signature: XXXX  Printed name: Nathaniel L. Haugen, MD",
        ),
        (940, 100, "Name: Nathaniel L. Haugen"),
    ]);
    assert_eq!(get(&d, "patient_name"), None);
    assert_eq!(get(&d, "provider").as_deref(), Some("Nathaniel L Haugen"));
}

#[test]
fn age_printed_before_the_sex() {
    for line in [
        "AGE/SEX: 54 F",
        "Age/Sex: 54F",
        "Age / Sex: 54 yo F",
        "AGE/SEX: 74Y/F",
    ] {
        let d = doc(&[
            (100, 100, "Patient: Jane Doe  DOB: 03/14/1962"),
            (140, 100, line),
        ]);
        assert_eq!(get(&d, "sex").as_deref(), Some("F"), "{line}");
    }
}

#[test]
fn fax_cover_addressed_to_medical_records_is_skipped() {
    let cover = page(&[
        (100, 100, "FACSIMILE TRANSMITTAL"),
        (140, 100, "To: Medical Records  From: Gideon T Kapoor, MD"),
        (180, 100, "Re: Signed forms"),
        (220, 100, "Urgent For Review"),
    ]);
    let body = page(&[
        (100, 100, "CONSENT FOR PROCEDURE"),
        (140, 100, "Patient Name: O'MALLEY, IMOGEN A"),
        (180, 100, "DOB: September 21, 1961"),
    ]);
    let d = doc_of_pages(vec![cover, body]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Imogen A O'Malley")
    );
    assert_eq!(d.fields["patient_name"].page_no, 2);
}

#[test]
fn file_number_label_and_letter_prefix_apart() {
    let d = doc(&[
        (100, 100, "Patient: Jane Doe  DOB: 03/14/1962"),
        (140, 100, "Our file 777092805"),
    ]);
    assert_eq!(get(&d, "mrn").as_deref(), Some("777092805"));
    let d = doc(&[
        (100, 100, "Patient: Jane Doe  DOB: 03/14/1962"),
        (140, 100, "Chart No.: E 6964957"),
    ]);
    assert_eq!(get(&d, "mrn").as_deref(), Some("E6964957"));
}

#[test]
fn sex_printed_as_a_choice() {
    let sex = |line: &str| {
        let d = doc(&[
            (100, 100, "Patient: Jane Doe  DOB: 03/14/1962"),
            (140, 100, line),
        ]);
        get(&d, "sex")
    };
    assert_eq!(sex("GENDER: (M) F (circle one)").as_deref(), Some("M"));
    assert_eq!(sex("GENDER: M (F) (circle one)").as_deref(), Some("F"));
    assert_eq!(sex("Sex: [X] Male [ ] Female").as_deref(), Some("M"));
    assert_eq!(sex("Sex: [ ] Male X Female").as_deref(), Some("F"));
    // Options OCR read glued to their boxes, ticked ("X]F") or empty ("LIM").
    for line in [
        "Sex: X]F LIM Chart #: 0015281",
        "Sex: XIF [JM",
        "Sex: OM X}F",
    ] {
        assert_eq!(sex(line).as_deref(), Some("F"), "{line}");
    }
    assert_eq!(sex("Sex: [X]M LIF").as_deref(), Some("M"));
    // Two ticked, or one ticked and nothing else offered: nothing.
    assert_eq!(sex("Sex: X]F X]M"), None);
    assert_eq!(sex("Sex: X]F"), None);
    // Both options and no readable mark: nothing rather than a guess.
    assert_eq!(sex("Sex: M F"), None);
    assert_eq!(sex("Sex: Female").as_deref(), Some("F"));
}

#[test]
fn service_date_stated_in_prose() {
    let d = doc(&[
        (100, 100, "11/20/2018"),
        (140, 100, "RETURN TO WORK NOTE"),
        (
            200,
            100,
            "Please excuse Jane Doe (date of birth 02/27/1970) from work. This patient was seen in our office on",
        ),
        (230, 100, "11/18/2018 and may return on 11/19/2018."),
    ]);
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2018-11-18"));
    // The return date is no rival of the visit date: the value is sure.
    assert!(d.fields["encounter_date"].confidence >= 0.8);
    let d = doc(&[
        (100, 100, "DISCHARGE SUMMARY"),
        (140, 100, "04/08/2019"),
        (
            200,
            100,
            "Your patient was admitted to the medicine service on 03/30/2019 and was discharged on 04/04/2019.",
        ),
    ]);
    assert_eq!(d.doc_type, DocType::DischargeSummary);
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2019-03-30"));
}

#[test]
fn consent_prose_names_patient_and_physician() {
    let d = doc(&[
        (100, 100, "CONSENT FOR SURGICAL OR MEDICAL PROCEDURE"),
        (140, 100, "DOB: September 21, 1961"),
        (200, 100, "I, Imogen A O'Malley, hereby authorize Dr."),
        (
            230,
            100,
            "Hedda G Nwachukwu and such assistants as may be selected",
        ),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Imogen A O'Malley")
    );
    assert_eq!(get(&d, "provider").as_deref(), Some("Hedda G Nwachukwu"));
    // An organisation authorised, no title: no provider.
    let d = doc(&[
        (100, 100, "AUTHORIZATION FOR RELEASE OF INFORMATION"),
        (
            200,
            100,
            "I authorize Bellhaven General Hospital to release",
        ),
    ]);
    assert_eq!(get(&d, "provider"), None);
}

#[test]
fn letter_signer_under_a_misread_closing() {
    let d = doc(&[
        (100, 100, "To Whom It May Concern:"),
        (900, 100, "Singexely"),
        (960, 100, "Marisol Ekstrom"),
        (1000, 100, "Bramblewood Family Health"),
    ]);
    assert_eq!(get(&d, "provider").as_deref(), Some("Marisol Ekstrom"));
}

#[test]
fn qualifier_opened_inside_the_label() {
    let d = doc(&[(100, 100, "PATIENT NAME (LAST, FIRST, Ml): BELLO, CEDRIC G.")]);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Cedric G Bello"));
}

#[test]
fn split_name_cells_with_a_particle_family_name() {
    let d = doc(&[
        (100, 100, "Last Name  First Name  Middle Name"),
        (130, 100, "van der Berg  Marguerite  Renee"),
        (200, 100, "Date of Birth"),
        (230, 100, "Feb 13, 1963"),
    ]);
    let name = get(&d, "patient_name").map(|n| n.to_lowercase());
    assert_eq!(name.as_deref(), Some("marguerite renee van der berg"));
}

#[test]
fn label_with_i_read_as_l() {
    // "MI" read as "Ml.", "MJ." or, from "M.I.", as "M1.".
    for mi in ["Ml.", "M1.", "MJ."] {
        let d = doc(&[
            (100, 100, &format!("LAST NAME  FIRST NAME  {mi}")),
            (130, 100, "Quintero"),
            (130, 302, "Hamish"),
            (130, 518, "K"),
        ]);
        assert_eq!(
            get(&d, "patient_name").as_deref(),
            Some("Hamish K Quintero"),
            "{mi}"
        );
    }
}

#[test]
fn split_name_cell_read_in_lower_case() {
    let d = doc(&[
        (100, 100, "LAST NAME  FIRST NAME  MI"),
        (130, 100, "Ben-David"),
        (130, 302, "jerome"),
        (130, 518, "L"),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Jerome L Ben-David")
    );
}

#[test]
fn name_under_a_clinician_heading_is_the_provider() {
    let d = doc(&[
        (100, 100, "Patient Name: Jane Doe  DOB: 03/14/1962"),
        (400, 100, "ORDERING / REQUESTING CLINICIAN"),
        (440, 100, "Name"),
        (470, 100, "Prescott, Ravi MD"),
    ]);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Jane Doe"));
    assert_eq!(get(&d, "provider").as_deref(), Some("Ravi Prescott"));
}

#[test]
fn signature_scribble_before_the_typed_name_is_skipped() {
    let mut words = page(&[
        (100, 100, "Patient Name: Jane Doe  DOB: 03/14/1962"),
        (900, 100, "Physician: VAVAVAW Nathaniel J. Bhattacharya"),
    ]);
    let scribble = words.iter_mut().find(|w| w.text == "VAVAVAW").unwrap();
    scribble.conf = 0.0;
    let d = doc_of_pages(vec![words]);
    assert_eq!(
        get(&d, "provider").as_deref(),
        Some("Nathaniel J Bhattacharya")
    );
}

#[test]
fn poorly_read_family_name_is_no_scribble() {
    // Tesseract gives a hyphenated name split after its hyphen almost no confidence; the
    // words are still the name ("PATIENT: LLOYD- JONES, XAVIER").
    let mut words = page(&[(100, 100, "PATIENT: LLOYD- JONES, XAVIER   MRN: 00588700")]);
    for w in words.iter_mut().filter(|w| w.text.starts_with(['L', 'J'])) {
        w.conf = 5.0;
    }
    let d = doc_of_pages(vec![words]);
    let f = &d.fields["patient_name"];
    assert_eq!(f.normalized, "Xavier Lloyd-Jones");
    // Read at 5 %, the name is no sure value.
    assert!(f.confidence < 0.5, "{}", f.confidence);
    // A family name and its comma read at 0 %: still the name's, unless made only of a
    // scribble's letters.
    for (line, want) in [
        (
            "Patient Name: Jankowski, Mary Ann L.",
            "Mary Ann L Jankowski",
        ),
        (
            "Patient Name: VACAVACD SC, Colleen H Quintero",
            "Colleen H Quintero",
        ),
    ] {
        let mut words = page(&[(100, 100, line)]);
        for w in words.iter_mut().skip(2).take(2) {
            if w.text.ends_with(',') || w.text.starts_with('V') {
                w.conf = 0.0;
            }
        }
        let d = doc_of_pages(vec![words]);
        assert_eq!(get(&d, "patient_name").as_deref(), Some(want), "{line}");
    }
}

#[test]
fn clinician_labels_under_a_modifier_are_distractors() {
    for line in [
        "Primary doctor: Dr. Pradeep Montgomery",
        "My physician: Pradeep Montgomery, MD",
        "Usual provider: Pradeep Montgomery",
        "Primary care doctor: Keiko Kapoor, NP",
    ] {
        let d = doc(&[
            (100, 100, "My name: Jane Doe  DOB: 03/14/1962"),
            (140, 100, line),
        ]);
        assert_eq!(get(&d, "provider"), None, "{line}");
    }
    let d = doc(&[(100, 100, "Provider: Pradeep Montgomery, MD")]);
    assert_eq!(get(&d, "provider").as_deref(), Some("Pradeep Montgomery"));
}

#[test]
fn signature_table_date_under_its_header() {
    let d = doc(&[
        (100, 100, "CONSENT TO TREATMENT"),
        (140, 100, "Patient Name: Jane Doe  DOB: 03/14/1962"),
        (
            900,
            100,
            "Signer  Signature  Printed name / relationship  Date",
        ),
        (940, 100, "Patient  XX  Jane Doe"),
        (940, 916, "7/27/2022"),
    ]);
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2022-07-27"));
    // The guarantor's own birth date on such a line stays out.
    let d = doc(&[(
        100,
        100,
        "Guarantor: John Doe  Relationship: spouse  DOB: 7/31/1994",
    )]);
    assert_eq!(get(&d, "date_of_birth"), None);
}

#[test]
fn label_running_on_to_its_colon() {
    let d = doc(&[
        (100, 100, "DISCHARGE SUMMARY"),
        (
            140,
            100,
            "Name: Kilbride, Thuy L  Date of Admission: November 6, 2018",
        ),
        (
            180,
            100,
            "MRN: 0047 1523  Attending of Record: Wilhelm Lindquist, MD",
        ),
    ]);
    assert_eq!(get(&d, "provider").as_deref(), Some("Wilhelm Lindquist"));
    assert!(d.fields["provider"].confidence > 0.8);
}

#[test]
fn prose_label_words_do_not_count_as_unread_labels() {
    let lines = [
        (100, 100, "DISCHARGE SUMMARY"),
        (
            140,
            100,
            "Patient Name: Thuy Kilbride  Date of Admission: November 6, 2018",
        ),
        (
            600,
            100,
            "admitted to the medical floor and started on fluids.",
        ),
    ];
    let d = doc(&lines);
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2018-11-06"));
    // The same label as a form field with nothing readable after it does lower the
    // confidence.
    let lines = [
        (100, 100, "DISCHARGE SUMMARY"),
        (
            140,
            100,
            "Patient Name: Thuy Kilbride  Date: November 6, 2018",
        ),
        (
            600,
            100,
            "admitted to the medical floor and started on fluids.",
        ),
    ];
    let d = doc(&lines);
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2018-11-06"));
    let mut form = lines.to_vec();
    form[2] = (600, 100, "Admitted:  ####");
    let weak = doc(&form);
    assert!(weak.fields["encounter_date"].confidence < d.fields["encounter_date"].confidence);
}

#[test]
fn a_second_reading_of_the_same_value_confirms_it() {
    let mut words = page(&[
        (100, 100, "Patient Name: Ben-David, Jerome Lee"),
        (140, 100, "DOB: 03/14/1962"),
        (3000, 100, "Ben-David, Jerome Lee - page 2"),
    ]);
    words[2].conf = 40.0;
    let single = doc_of_pages(vec![words.clone()]);
    let mut header = page(&[(3100, 100, "BEN-DAVID, JEROME LEE  DOB: 03/14/1962")]);
    for w in &mut header {
        w.block += 10;
    }
    words.append(&mut header);
    let twice = doc_of_pages(vec![words]);
    assert_eq!(
        get(&twice, "patient_name").as_deref(),
        Some("Jerome Lee Ben-David")
    );
    assert!(
        twice.fields["patient_name"].confidence > single.fields["patient_name"].confidence + 0.1
    );
}

#[test]
fn abbreviated_ordering_label_and_a_speck_before_the_name() {
    let d = doc(&[
        (100, 100, "LABORATORY REPORT"),
        (140, 100, "PT NAME: OSTROWSKI, ROSALIND  DOB: 02/05/1971"),
        (180, 100, "DOS: 04/11/22  ORD DR: .EKSTROM, MARISOL T APRN"),
        (220, 100, "REF DR: QUARLES, UMAR"),
    ]);
    assert_eq!(get(&d, "provider").as_deref(), Some("Marisol T Ekstrom"));
}

#[test]
fn the_patient_is_not_the_clinician() {
    let d = doc(&[
        (100, 100, "MY MEDICATION LIST"),
        (140, 100, "Patient Name: Jane Doe  DOB: 03/14/1962"),
        (900, 100, "Completed by: Jane Doe"),
    ]);
    assert_eq!(get(&d, "provider"), None);
    let d = doc(&[
        (100, 100, "MEDICATION RECONCILIATION"),
        (140, 100, "Patient Name: Jane Doe  DOB: 03/14/1962"),
        (900, 100, "Completed by: Isolde W. Fontaine, MD, FACP"),
    ]);
    assert_eq!(get(&d, "provider").as_deref(), Some("Isolde W Fontaine"));
}

#[test]
fn lowercase_particles_right_after_a_label() {
    let d = doc(&[(100, 100, "PATIENT: van der Berg, Paloma C  DOB: 03/14/1962")]);
    let name = get(&d, "patient_name").map(|n| n.to_lowercase());
    assert_eq!(name.as_deref(), Some("paloma c van der berg"));
}

#[test]
fn birth_dates_in_prose_glued_and_as_birthday() {
    let d = doc(&[
        (100, 100, "Dear Dr. Iwasaki,"),
        (
            140,
            100,
            "Thank you for agreeing to see Ms. Dolores E. La Rosa (DOB 10/27/1946), whom I saw",
        ),
    ]);
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1946-10-27"));
    let d = doc(&[(
        100,
        100,
        "PATIENT NAME: O'Malley Jr, Fitzgerald A. DOB: Sep 151951 MR #: HN451768",
    )]);
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1951-09-15"));
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Fitzgerald A O'Malley Jr")
    );
    let d = doc(&[
        (100, 100, "Name   Cedric Joseph Foss"),
        (140, 100, "Birthday   May 25, 2013"),
    ]);
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("2013-05-25"));
}

#[test]
fn a_circled_sex_read_as_a_glyph_gives_no_sex() {
    let d = doc(&[(
        100,
        100,
        "Date of Birth: 2008-07-18 Age: 11 Gender: ©) F (circle one)",
    )]);
    assert_eq!(get(&d, "sex"), None);
    let d = doc(&[(
        100,
        100,
        "Birthdate: 30-NOV-1949 Age: 73 Sex at birth: M © (circle one)",
    )]);
    assert_eq!(get(&d, "sex"), None);
    let d = doc(&[(
        100,
        100,
        "Birthdate: 30-NOV-1949 Age: 73 Sex at birth: (M) F (circle one)",
    )]);
    assert_eq!(get(&d, "sex").as_deref(), Some("M"));
    // The other option and its circle lost, the hint's first word read badly: its "one)"
    // still shows a list whose mark cannot be seen.
    let d = doc(&[(
        100,
        100,
        "Birth Date 6/19/1962   Age 60   sex M Coicie one)",
    )]);
    assert_eq!(get(&d, "sex"), None);
    let d = doc(&[(100, 100, "Birthdate: 30-NOV-1949   Sex: F   MRN: 12345678")]);
    assert_eq!(get(&d, "sex").as_deref(), Some("F"));
}

#[test]
fn name_in_boxes_with_a_suffix_box() {
    // Words placed by hand: each value under its box's label.
    let w = |x: u32, y: u32, t: &str| crate::model::Word {
        text: t.to_string(),
        conf: 92.0,
        bbox: crate::model::BBox::new(x, y, 14 * t.chars().count() as u32, 20),
        block: y,
        par: 0,
        line: 0,
    };
    let words = vec![
        w(100, 100, "PATIENT"),
        w(220, 100, "INFORMATION"),
        w(100, 160, "LAST"),
        w(170, 160, "NAME"),
        w(400, 160, "FIRST"),
        w(485, 160, "NAME"),
        w(700, 160, "Mi."),
        w(850, 160, "SUFFIX"),
        w(945, 160, "(Jr,"),
        w(1010, 160, "Sr,"),
        w(1060, 160, "Ill}"),
        w(100, 200, "MacLeod"),
        w(400, 200, "Lucien"),
        w(700, 200, "G"),
        w(850, 200, "III"),
    ];
    let d = doc_of_pages(vec![words]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Lucien G Macleod III")
    );
}

#[test]
fn sticker_name_beside_the_letterhead() {
    // The sticker's name line shares its band with the clinic's name on the left.
    let d = doc(&[
        (116, 204, "Whistler Creek Medical Group"),
        (123, 1415, "D'SOUZA, INGRID N"),
        (157, 206, "1619 Wicklow PI,.Pellston Bay, WA 98264"),
        (164, 1415, "DOB: 07/04/2019  SEX: F"),
        (204, 1414, "MRN: 001-050-15"),
        (220, 207, "PROGRESS NOTE"),
    ]);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Ingrid N D'Souza"));
}

/// Debugging aid, not a test: `CHARTSCAN_DEBUG_WORDS=a.json,b.json cargo test --lib
/// debug_words -- --ignored --nocapture` prints the lines, the candidates and the chosen
/// fields of a document whose pages' words (a `page_words.words` JSON array each) are given.
#[test]
#[ignore]
fn debug_words() {
    let Ok(files) = std::env::var("CHARTSCAN_DEBUG_WORDS") else {
        return;
    };
    let pages: Vec<Vec<crate::model::Word>> = files
        .split(',')
        .map(|f| {
            let v: Vec<serde_json::Value> =
                serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
            v.iter()
                .map(|w| crate::model::Word {
                    text: w[5].as_str().unwrap().to_string(),
                    conf: w[4].as_f64().unwrap() as f32,
                    bbox: crate::model::BBox::new(
                        w[0].as_u64().unwrap() as u32,
                        w[1].as_u64().unwrap() as u32,
                        w[2].as_u64().unwrap() as u32,
                        w[3].as_u64().unwrap() as u32,
                    ),
                    block: w[6].as_u64().unwrap() as u32,
                    par: w[7].as_u64().unwrap() as u32,
                    line: w[8].as_u64().unwrap() as u32,
                })
                .collect()
        })
        .collect();
    for (pi, words) in pages.iter().enumerate() {
        let lines = super::layout::lines(words);
        let page_hits = super::labels::page_labels(&lines);
        for (li, l) in lines.iter().enumerate().take(30) {
            let raws: Vec<&str> = l.toks.iter().map(|t| t.raw.as_str()).collect();
            let hits: Vec<String> = page_hits[li]
                .iter()
                .map(|h| format!("{}..{} {:?}", h.start, h.end, h.kind))
                .collect();
            println!(
                "p{pi} l{li} [{}-{}] {}   {}",
                l.top,
                l.bottom,
                raws.join(" "),
                hits.join("; ")
            );
        }
        for c in super::fields::page_candidates(&lines, pi, today()) {
            println!(
                "cand {:?} p{} {:?} {:?}",
                c.target, c.priority, c.normalized, c.validity
            );
        }
    }
    // Check boxes: a `page_words.marks` JSON array per page, in the same order.
    let marks: Vec<Vec<crate::model::Mark>> = std::env::var("CHARTSCAN_DEBUG_MARKS")
        .map(|m| {
            m.split(',')
                .map(|f| crate::store::marks_from_json(&std::fs::read_to_string(f).unwrap()))
                .collect()
        })
        .unwrap_or_default();
    let inputs: Vec<PageInput> = pages
        .into_iter()
        .enumerate()
        .map(|(i, words)| PageInput {
            page_no: i as u32 + 1,
            page_id: i as i64 + 1,
            width: 2550,
            height: 3300,
            words,
            marks: marks.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    let d = extract_document(&inputs, today());
    for (k, v) in &d.fields {
        println!(
            "field {k} = {:?} ({:.2}) ocr {:.2} support {:.2}",
            v.normalized, v.confidence, v.evidence.ocr, v.evidence.support
        );
    }
}

#[test]
fn date_time_labels_announce_the_date() {
    let d = doc(&[
        (100, 100, "IMAGING CONSULTATION"),
        (
            140,
            100,
            "Patient Yoder, Nikolai  Exam Date/Time 4/7/21 14:49",
        ),
        (180, 100, "Birthdate 07/10/79  Accession # 22401600"),
        (220, 100, "EXAM: MRI CERVICAL SPINE"),
    ]);
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2021-04-07"));
}

#[test]
fn check_boxes_seen_in_pixels_choose_the_option() {
    use crate::model::{BBox, Mark};
    // "SEX: ☐ F ☒ M ☐ Other" as OCR reads it: the boxes become stray letters glued to the
    // options ("LIF", "&IM") or words of their own ("L").
    let lines = [
        (100, 100, "REGISTRATION FORM"),
        (140, 100, "Patient Name: DOE, JANE Q  DOB: 3/14/62"),
        (200, 100, "SEX: LIF &IM L Other"),
    ];
    let with = |marks: Vec<Mark>| {
        extract_document(
            &[PageInput {
                page_no: 1,
                page_id: 1,
                width: 2550,
                height: 3300,
                words: page(&lines),
                marks,
            }],
            today(),
        )
    };
    let bx = |x: u32, checked: bool| Mark {
        bbox: BBox::new(x, 200, 20, 20),
        checked,
    };
    let d = with(vec![bx(166, false), bx(218, true), bx(270, false)]);
    assert_eq!(get(&d, "sex").as_deref(), Some("M"));
    // The box just before "&IM", not under it: its outline read as the word's start.
    let d = with(vec![bx(166, false), bx(200, true), bx(270, false)]);
    assert_eq!(get(&d, "sex").as_deref(), Some("M"));
    let d = with(vec![bx(166, true), bx(218, false), bx(270, false)]);
    assert_eq!(get(&d, "sex").as_deref(), Some("F"));
    // Two ticked, or none: no value rather than a guess.
    let d = with(vec![bx(166, true), bx(218, true), bx(270, false)]);
    assert_eq!(get(&d, "sex"), None);
    let d = with(vec![bx(166, false), bx(218, false), bx(270, false)]);
    assert_eq!(get(&d, "sex"), None);
    // The boxes read as letters without pixel evidence: no value either.
    let d = with(Vec::new());
    assert_eq!(get(&d, "sex"), None);
}

#[test]
fn signature_block_without_sign_off_is_the_author() {
    let body = [
        (100, 100, "WORK / SCHOOL EXCUSE"),
        (140, 100, "Dr. Nathaniel Cavanaugh, MD"),
        (
            200,
            100,
            "Please excuse Fitzgerald A O'Malley (date of birth 01-31-1968) from work. This patient was seen in our office on",
        ),
        (230, 100, "06-APR-2020 and may return on 11-APR-2020."),
    ];
    let mut lines = body.to_vec();
    lines.push((400, 100, "Ravi E. Orozco, DO"));
    lines.push((430, 100, "Copper Basin Internal Medicine"));
    let d = doc(&lines);
    // The addressee above the text is not the author; the name under it is.
    assert_eq!(get(&d, "provider").as_deref(), Some("Ravi E Orozco"));
    // A copy list's second name is not the author.
    let mut lines = body.to_vec();
    lines.push((400, 100, "cc: Tamsin Cavanaugh, MD"));
    lines.push((430, 100, "Ravi E. Orozco, DO"));
    let d = doc(&lines);
    assert_eq!(get(&d, "provider"), None);
}

#[test]
fn underlined_title_before_a_provider_name() {
    let d = doc(&[
        (100, 100, "PROGRESS NOTE"),
        (140, 100, "Date _ 7/23/2024  Seen by _Dr. Annika Ashworth"),
    ]);
    assert_eq!(get(&d, "provider").as_deref(), Some("Annika Ashworth"));
}

#[test]
fn label_with_an_unreadable_value_is_no_caption_of_the_line_above() {
    let d = doc(&[
        (100, 100, "CONSULTATION"),
        (140, 100, "275 Juniper Ct"),
        (180, 100, "Cutler Springs, KS"),
        (230, 100, "RE:  HORACE A, OYELARAN"),
        (262, 100, "DOB: 02 APR 1972"),
    ]);
    assert_ne!(get(&d, "patient_name").as_deref(), Some("Cutler Springs"));
}

#[test]
fn comma_read_as_a_word_of_its_own_keeps_the_name_order() {
    let d = doc(&[
        (100, 100, "Copper Basin Internal Medicine"),
        (100, 900, "LACHANCE , FITZGERALD"),
        (130, 900, "DOB: 30 JUL 1989 SEX: M"),
        (160, 900, "MRN: 9554 9172"),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Fitzgerald Lachance")
    );
    // The comma's box overlapping the end of the word before it.
    let mut words = page(&[
        (100, 100, "FACE SHEET"),
        (200, 100, "PATIENT NAME                MR NUMBER"),
        (240, 100, "BLACKWOOD , BARTHOLOMEW     51181019"),
    ]);
    let end = words
        .iter()
        .find(|w| w.text == "BLACKWOOD")
        .map(|w| w.bbox.right());
    if let (Some(end), Some(c)) = (end, words.iter_mut().find(|w| w.text == ",")) {
        c.bbox.x = end - 8;
    }
    let d = doc_of_pages(vec![words]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Bartholomew Blackwood")
    );
}

#[test]
fn glued_patient_label_and_health_plan_names() {
    let d = doc(&[
        (100, 100, "PROGRESS NOTE"),
        (
            140,
            100,
            "PtName: Thaddeus O'Dowd-Farrell  Date of Service: Apr 1 2022",
        ),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Thaddeus O'Dowd-Farrell")
    );
    let d = doc(&[
        (100, 100, "LABORATORY REPORT"),
        (
            140,
            100,
            "PATIENT: LACHANCE, FITZGERALD A.  PATIENTID: 95549172",
        ),
    ]);
    assert_eq!(get(&d, "mrn").as_deref(), Some("95549172"));
    // A plan's name where a statement's patient line would be is not a person.
    let d = doc(&[
        (100, 100, "STATEMENT"),
        (140, 100, "Patient: Evergreen Advantage HMO"),
    ]);
    assert_eq!(get(&d, "patient_name"), None);
}

#[test]
fn the_provider_depends_on_the_document_type() {
    // A radiology report's provider is the radiologist who read the study, not the clinician
    // who ordered it, even under the stronger label and printed first.
    let d = doc(&[
        (100, 100, "RADIOLOGY REPORT"),
        (140, 100, "Name: Esperanza N Fairweather  DOB: 09/24/1939"),
        (
            180,
            100,
            "Ordering Physician: OROZCO, LEOPOLD G MD  Date of Service: 1/14/2022",
        ),
        (220, 100, "EXAM: CT CHEST"),
        (260, 100, "IMPRESSION: No evidence of pulmonary embolism."),
        (900, 100, "Read by: Cavanaugh, Tamsin DO"),
    ]);
    assert_eq!(d.doc_type, DocType::RadiologyReport);
    assert_eq!(get(&d, "provider").as_deref(), Some("Tamsin Cavanaugh"));
    // No rival: the ordering clinician is not the radiology report's provider at all.
    assert!(d.fields["provider"].confidence > 0.8);
    // A lab's provider is the ordering one, over a reviewer.
    let d = doc(&[
        (100, 100, "LABORATORY REPORT"),
        (
            140,
            100,
            "Patient Name: Jane Doe  DOB: 03/14/1962  Collected: 04/11/2022",
        ),
        (
            180,
            100,
            "Reported by: Quarles, Umar MD  Ordering Provider: Ekstrom, Marisol T",
        ),
        (220, 100, "HEMOGLOBIN A1C 5.4 %"),
    ]);
    assert_eq!(get(&d, "provider").as_deref(), Some("Marisol T Ekstrom"));
}

#[test]
fn guarantor_same_as_patient_is_no_rival_name() {
    let d = doc(&[
        (100, 100, "PATIENT REGISTRATION FORM"),
        (200, 100, "LAST NAME          FIRST NAME        M.I."),
        (240, 100, "Soto               Desmond           H"),
        (300, 100, "DATE OF BIRTH: Apr 12, 1990"),
        (400, 100, "RESPONSIBLE PARTY / GUARANTOR"),
        (440, 100, "NAME (Last, First)      RELATIONSHIP      PHONE"),
        (480, 100, "SAME AS PATIENT         Self"),
    ]);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Desmond H Soto"));
    assert!(d.fields["patient_name"].confidence > 0.8);
}

#[test]
fn an_insurers_provider_network_is_no_clinician() {
    let d = doc(&[
        (100, 100, "EXPLANATION OF BENEFITS"),
        (
            200,
            100,
            "Patient Name  Rafferty Eskildsen  Treating Provider  DALRYMPLE, DELPHINE B MD",
        ),
        (
            240,
            100,
            "Claim Number  552216613147  Provider Network  Out-of-network",
        ),
    ]);
    assert_eq!(get(&d, "provider").as_deref(), Some("Delphine B Dalrymple"));
    assert!(d.fields["provider"].confidence > 0.8, "no rival");
}

#[test]
fn a_signature_date_in_the_future_is_a_misreading_not_the_visit() {
    // "7/22/2023" read as 2028 over the signature line: not a plausible service date.
    let d = doc(&[
        (100, 100, "PATIENT REGISTRATION FORM"),
        (200, 100, "Patient Name: Jane Doe  DOB: 03/14/1962"),
        (900, 100, "Jane Doe                 7/22/2028"),
        (940, 100, "Patient Signature        Date"),
    ]);
    assert_ne!(get(&d, "encounter_date").as_deref(), Some("2028-07-22"));
    let d = doc(&[
        (100, 100, "PATIENT REGISTRATION FORM"),
        (200, 100, "Patient Name: Jane Doe  DOB: 03/14/1962"),
        (900, 100, "Jane Doe                 7/22/2023"),
        (940, 100, "Patient Signature        Date"),
    ]);
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2023-07-22"));
}

#[test]
fn an_abbreviation_does_not_end_the_sentence_of_a_visit() {
    let d = doc(&[
        (100, 100, "07-10-2024"),
        (200, 100, "DISCHARGE SUMMARY"),
        (240, 100, "RE: Osvaldo A. D'Souza  DOB 11-06-1983"),
        (
            300,
            100,
            "Your patient Mr. D'Souza was admitted to the cardiology service at St. Aldric",
        ),
        (
            340,
            100,
            "Regional Medical Center on July 3, 2024 under the care of Dr. Rosenthal.",
        ),
    ]);
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2024-07-03"));
}

#[test]
fn a_signature_scribble_is_no_name() {
    // A scribble OCR read as zigzag letters at almost no confidence, where a name belongs.
    let mut words = page(&[
        (100, 100, "CONSENT FOR PROCEDURE"),
        (140, 100, "BLACKWOOD, LUCIA L  DOB: 03/14/1962"),
        (900, 100, "Patient Name:  AVAVAV AS,"),
    ]);
    for w in words
        .iter_mut()
        .filter(|w| ["AVAVAV", "AS,"].contains(&w.text.as_str()))
    {
        w.conf = 5.0;
    }
    let d = doc_of_pages(vec![words.clone()]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Lucia L Blackwood")
    );
    // The same letters read confidently are a name.
    for w in words.iter_mut() {
        w.conf = 92.0;
    }
    let d = doc_of_pages(vec![words]);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Avavav As"));
}

#[test]
fn a_comma_read_at_the_start_of_the_given_name() {
    let d = doc(&[
        (100, 100, "LABORATORY REPORT"),
        (
            140,
            100,
            "PT. NAME: ST. PIERRE ,;MARIE-CLAIRE  MED REC#: K 773064",
        ),
        (180, 100, "DOB: 05/30/1997"),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Marie-Claire St. Pierre")
    );
}

#[test]
fn a_column_rule_after_a_table_header_sends_the_label_below() {
    // "Dates of Service | Service Description": the rule sits in a narrow gap between two
    // headers (OCR reads it as a mark, or glued to the next word).
    for glued in [false, true] {
        let mut words = page(&[
            (100, 100, "EXPLANATION OF BENEFITS"),
            (200, 100, "Patient Name  Rafferty Eskildsen"),
            (
                300,
                100,
                "Dates of Service | Service Description  Amount Billed",
            ),
            (340, 100, "2021-08-04  Office visit  185.00"),
        ]);
        let bar = words.iter().position(|w| w.text == "|").unwrap();
        if glued {
            let w = words.remove(bar);
            words[bar].text = format!("|{}", words[bar].text);
            words[bar].bbox.x = w.bbox.x;
        } else {
            words[bar + 1].bbox.x = words[bar].bbox.right() + 4;
        }
        let d = doc_of_pages(vec![words]);
        assert_eq!(
            get(&d, "encounter_date").as_deref(),
            Some("2021-08-04"),
            "glued {glued}"
        );
    }
}

#[test]
fn a_second_reading_replaces_only_the_ocr_part_of_a_confidence() {
    use crate::extract::{Evidence, FieldValue};
    use crate::model::BBox;
    let evidence = Evidence {
        ocr: 0.4,
        support: 0.9,
        bonus: 0.05,
        blank: None,
    };
    let mut f = FieldValue {
        value: "K-5823135".into(),
        normalized: "K5823135".into(),
        confidence: evidence.confidence(),
        page_no: 1,
        page_id: 1,
        bbox: BBox::new(0, 0, 10, 10),
        evidence,
        reread: None,
    };
    assert_eq!(f.confidence, 0.41);
    assert_eq!(f.ceiling(), 0.95);
    // A weaker second reading changes nothing; a stronger one counts, validation kept.
    f.confirm_ocr(0.3);
    assert_eq!(f.confidence, 0.41);
    f.confirm_ocr(0.96);
    assert_eq!(f.confidence, 0.914);
    // Two fair readings that agree support each other: 1 - 0.35 * 0.3 = 0.895 of OCR.
    let mut g = f.clone();
    g.evidence.ocr = 0.65;
    g.confirm_ocr(0.7);
    assert_eq!(g.evidence.ocr, 1.0 - 0.35 * 0.3);
    assert_eq!(g.confidence, 0.856);
    // A poor first reading gains only the second's confidence.
    let mut g = f.clone();
    g.evidence.ocr = 0.5;
    g.confirm_ocr(0.7);
    assert_eq!(g.evidence.ocr, 0.7);
}

#[test]
fn a_quote_glued_to_a_names_first_word_is_not_the_name() {
    let d = doc(&[
        (100, 100, "PATIENT NAME: ‘La Rosa Sr, Wendell Edward"),
        (140, 100, "DOB: 03/14/1962"),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Wendell Edward La Rosa Sr")
    );
}

#[test]
fn an_mrn_label_left_blank_casts_no_doubt_on_the_mrn() {
    let d = doc(&[
        (100, 100, "Patient: Ronald Haddad  DOB: 02/09/2004"),
        (140, 100, "MRN: 00466587"),
        (
            400,
            100,
            "Office use only  Chart No.: ______  Initials: ____",
        ),
    ]);
    let f = &d.fields["mrn"];
    assert_eq!(f.normalized, "00466587");
    assert!(f.confidence >= 0.8, "{}", f.confidence);
}

#[test]
fn a_generic_name_label_under_a_two_word_guarantor_heading_is_the_guarantors() {
    let d = doc(&[
        (100, 100, "PATIENT INFORMATION"),
        (140, 100, "LAST NAME  FIRST NAME  MI"),
        (170, 100, "D'Souza"),
        (170, 302, "Lucia"),
        (170, 518, "K"),
        (220, 100, "DATE OF BIRTH"),
        (250, 100, "2/18/94"),
        (300, 100, "RESPONSIBLE PARTY GUARANTOR"),
        (340, 100, "NAME (Last, First)  RELATIONSHIP  DATE OF BIRTH"),
        (370, 100, "Rhee, Reginald  Spouse  11/20/01"),
    ]);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Lucia K D'Souza"));
    assert!(d.fields["patient_name"].confidence >= 0.8);
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1994-02-18"));
}

#[test]
fn a_re_line_with_identifiers_in_parentheses() {
    let d = doc(&[
        (100, 100, "Mercy Hollow Community Hospital"),
        (160, 100, "March 5, 2019"),
        (
            260,
            100,
            "Re: Thaddeus Wayne Gundersen (DOB 12/28/1925, MRN 1939068)",
        ),
        (300, 100, "Dear Dr. Tremblay:"),
        (
            360,
            100,
            "Current medications include Omeprazole, Amlodipine, Lisinopril. Recent results and the last two office",
        ),
        (400, 100, "notes are enclosed. Thank you for seeing this patient."),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Thaddeus Wayne Gundersen")
    );
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1925-12-28"));
    assert_eq!(get(&d, "mrn").as_deref(), Some("1939068"));
}
#[test]
fn clinician_values_in_forms_seen_on_unseen_layouts() {
    type Case = (&'static str, Vec<(u32, u32, &'static str)>, &'static str);
    let cases: [Case; 4] = [
        // A grid's header row: a distractor column header ("Encounter #") before
        // "Attending" does not make it someone else's.
        (
            "grid",
            vec![
                (100, 100, "Discharge Summary"),
                (200, 100, "Name of Patient           MRN          Date of Birth      Gender"),
                (240, 100, "Shonda Rose Delgado       006 809 79   30 DEC 1993        Female"),
                (300, 100, "Admit Date       Discharge Date      Encounter #       Attending"),
                (340, 100, "14 JUL 2019      19 JUL 2019         5428156551        Valentina R. Drummond, MD, Pht"),
            ],
            "Valentina R Drummond",
        ),
        // An all-caps label with its value is no role heading.
        (
            "caps",
            vec![
                (100, 100, "DISCHARGE SUMMARY"),
                (200, 100, "ADMIT DATE: 10/01/1994"),
                (240, 100, "ATTENDING: MONTALVO, CYRUS D.O."),
            ],
            "Cyrus Montalvo",
        ),
        // The radiologist's name above its caption.
        (
            "caption",
            vec![
                (100, 100, "RADIOLOGY CONSULTATION REPORT"),
                (200, 100, "NAME: DELGADO, SHONDA       HOSP NO: 00680979"),
                (300, 100, "IMPRESSION:"),
                (340, 100, "NO SUSPICIOUS MASS IS IDENTIFIED. NO ACUTE CARDIOPULMONARY PROCESS."),
                (440, 100, "ROSALYN D. CORMIER, MD, PHD"),
                (480, 100, "INTERPRETED BY"),
                (520, 100, "D: 10/15/95 T: 10/17/95 hf"),
            ],
            "Rosalyn D Cormier",
        ),
        // A consent naming the clinician with a degree rather than a title.
        (
            "consent",
            vec![
                (100, 100, "CONSENT TO OPERATION, ANESTHESIA AND SPECIAL PROCEDURES"),
                (200, 100, "Name of Patient: Luis L. Bustamante   Chart # 00546175"),
                (240, 100, "1.1 hereby authorize Stellan S. Etheridge, NP and such assistants as may be selected to perform the"),
            ],
            "Stellan S Etheridge",
        ),
    ];
    for (what, lines, want) in cases {
        let d = doc(&lines);
        assert_eq!(get(&d, "provider").as_deref(), Some(want), "{what}");
    }
}

#[test]
fn thin_marks_and_strokes_in_names_lower_confidence() {
    // "|." for the initial I: dropped as a mark, so the name is doubtful.
    let d = doc(&[(
        100,
        100,
        "Resident: Delphine |. Bergstrom   Record No.: 005 143 34",
    )]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Delphine Bergstrom")
    );
    assert!(d.fields["patient_name"].confidence < 0.8);
    // "III" read as "IH": no sure middle initial.
    let d = doc(&[
        (100, 100, "Patient Nm   Chart #"),
        (140, 100, "DUBOIS, KWAME IH   0058792"),
    ]);
    assert!(d.fields["patient_name"].confidence < 0.8);
    assert_eq!(get(&d, "mrn").as_deref(), Some("0058792"));
}

#[test]
fn visit_dt_and_a_number_run_into_its_label() {
    let d = doc(&[
        (100, 100, "PATIENT INFORMATION / REGISTRATION"),
        (
            140,
            100,
            "VISIT DT: 2/26/88   CLINIC: GEN MED   UNIT NO..M8961319",
        ),
    ]);
    assert_eq!(get(&d, "mrn").as_deref(), Some("M8961319"));
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("1988-02-26"));
}

#[test]
fn an_addressograph_imprint_without_labels() {
    let lines = [
        (100, 100, "ST. BARTHOLOMEW MEDICAL CENTER"),
        (100, 1100, "VALDIVIA, DORIS G"),
        (140, 100, "PHYSICIAN PROGRESS NOTES"),
        (140, 1100, "0003-4258 01/09/1941 F"),
        (180, 1100, "ADM 10/28/89"),
        (220, 1100, "ACCT 16502917"),
        (300, 100, "DATE      NOTES (sign each entry)"),
    ];
    let d = doc(&lines);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Doris G Valdivia"));
    assert_eq!(get(&d, "mrn").as_deref(), Some("00034258"));
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1941-01-09"));
    assert_eq!(get(&d, "sex").as_deref(), Some("F"));
    // Placed by shape alone: below the labelled values' confidence.
    assert!(d.fields["mrn"].confidence < 0.9);
    // A guarantor block of the same shape under its heading is no imprint of the patient's.
    let d = doc(&[
        (
            100,
            100,
            "Patient: Jane Doe   MRN: 00123456   DOB: 03/14/1962",
        ),
        (300, 100, "ACCOUNT NO 4471"),
        (340, 100, "DOE, JOHN A"),
        (380, 100, "5550123 07/04/1960"),
    ]);
    assert_eq!(get(&d, "mrn").as_deref(), Some("00123456"));
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1962-03-14"));
}

#[test]
fn an_initial_run_into_the_degree_and_a_bar_for_an_initial() {
    let d = doc(&[
        (100, 100, "PATIENT: DOE, JANE Q   DOB: 03/14/1962"),
        (
            140,
            100,
            "SERVICE DATE: 12/19/1997   ORDERING: INGERSOLL, ULYSSES BDO",
        ),
    ]);
    assert_eq!(get(&d, "provider").as_deref(), Some("Ulysses B Ingersoll"));
    // A degree with a hyphen ("PA-C") after the initial.
    let d = doc(&[
        (100, 100, "PATIENT: DOE, JANE Q   DOB: 03/14/1962"),
        (
            140,
            100,
            "SERVICE DATE: 12/19/1997   ORDERING: WAINWRIGHT, STELLAN JPA-C",
        ),
    ]);
    assert_eq!(get(&d, "provider").as_deref(), Some("Stellan J Wainwright"));
    // A bar right after the name, where an initial I may have been.
    let mut words = page(&[
        (100, 100, "Patient Nm   Chart #"),
        (140, 100, "FAIRWEATHER, GWENDOLYN   971-2399"),
    ]);
    let last = words.iter().find(|w| w.text == "GWENDOLYN").unwrap().bbox;
    words.push(crate::model::Word {
        text: "|".into(),
        conf: 40.0,
        bbox: crate::model::BBox::new(last.x + last.w + 8, last.y, 4, 20),
        block: 1,
        par: 0,
        line: 0,
    });
    let d = doc_of_pages(vec![words]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Gwendolyn Fairweather")
    );
    assert!(d.fields["patient_name"].confidence < 0.8);
}

#[test]
fn a_number_running_into_a_box_border_is_doubtful() {
    // The imprint's last digit touches the box edge: OCR reads digit and border as one
    // tall glyph ("P") apart from the number, which comes out a digit short.
    let lines = [
        (100, 100, "Patient: Cornelius V Abernethy"),
        (140, 100, "MRN 097 977 02"),
        (180, 100, "DOB 11/18/1996"),
    ];
    let mut words = page(&lines);
    let clean = doc_of_pages(vec![words.clone()]);
    assert!(clean.fields["mrn"].confidence >= 0.8);
    words.push(crate::model::Word {
        text: "P".into(),
        conf: 85.0,
        // "02" ends at x 284.
        bbox: crate::model::BBox::new(289, 132, 13, 45),
        block: 9,
        par: 0,
        line: 0,
    });
    let d = doc_of_pages(vec![words]);
    assert_eq!(get(&d, "mrn").as_deref(), Some("09797702"));
    assert!(d.fields["mrn"].confidence < 0.8);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Cornelius V Abernethy")
    );
}

#[test]
fn a_reminder_letter_to_the_patient() {
    let lines = [
        (100, 100, "COPPER RIDGE REGIONAL HOSPITAL   May 25, 2008"),
        (140, 100, "1 Medical Pkwy, Butte, MT 59701"),
        (300, 100, "Rowan P. Szymanski"),
        (330, 100, "3116 Cottonwood Dr"),
        (360, 100, "Butte, MT 59761"),
        (440, 100, "Account No.: 8298504"),
        (480, 100, "Dear Rowan Szymanski,"),
        (
            540,
            100,
            "This is a friendly reminder of your upcoming appointment with Dr. Isidore Umberger on",
        ),
        (
            570,
            100,
            "07-Jun-2008 at 13:00. Please arrive 15 minutes early.",
        ),
        (640, 100, "Sincerely,"),
        (700, 100, "Roger Pike"),
        (730, 100, "Business Office"),
    ];
    let d = doc(&lines);
    // The addressee, in full from the address block, but only as a doubtful reading.
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Rowan P Szymanski")
    );
    assert!(d.fields["patient_name"].confidence < 0.8);
    // Staff sign such letters: no provider.
    assert_eq!(get(&d, "provider"), None);
    assert_eq!(d.doc_type, DocType::Other);
    for title in [
        "Health Information Management",
        "Medical Records",
        "Front Desk",
    ] {
        let mut signed = lines.to_vec();
        signed.pop();
        signed.push((730, 100, title));
        assert_eq!(get(&doc(&signed), "provider"), None, "{title}");
    }
    // A letter to a clinician stays a referral letter, and names no patient by its
    // salutation.
    let d = doc(&[
        (100, 100, "May 25, 2008"),
        (200, 100, "Dear Dr. Umberger,"),
        (
            260,
            100,
            "Thank you for seeing my patient for evaluation of chest pain. I am referring",
        ),
        (320, 100, "Sincerely,"),
        (380, 100, "Ambrose Montalvo, MD"),
    ]);
    assert_eq!(d.doc_type, DocType::ReferralLetter);
    assert_eq!(get(&d, "patient_name"), None);
    assert_eq!(get(&d, "provider").as_deref(), Some("Ambrose Montalvo"));
}

#[test]
fn a_medication_regimen_review_is_dated_by_its_review() {
    let d = doc(&[
        (100, 100, "Maple Crest Rehabilitation & Nursing"),
        (140, 100, "MONTHLY MEDICATION REGIMEN REVIEW"),
        (200, 100, "Resident"),
        (200, 900, "Room"),
        (240, 100, "KUZNETSOV, RUFUS B"),
        (240, 900, "111B"),
        (300, 100, "Resident #"),
        (300, 900, "Review date"),
        (340, 100, "00664856"),
        (340, 900, "April 17, 1999"),
        (400, 100, "Attending Physician"),
        (400, 900, "Admit date"),
        (440, 100, "Anita N. Cavanaugh, MD, PhD"),
        (440, 900, "06/27/1997"),
        (500, 100, "Medication Dose Route Frequency Continue"),
    ]);
    assert_eq!(d.doc_type, DocType::MedicationList);
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("1999-04-17"));
    assert_eq!(get(&d, "provider").as_deref(), Some("Anita N Cavanaugh"));
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Rufus B Kuznetsov")
    );
}

#[test]
fn an_empty_box_read_as_a_letter_before_the_first_option() {
    // "Sex: ☐ F     ☒ M" with the empty box read as "L]" and the options far apart (the
    // value right of the label stops at the wide gap): the ticked box decides.
    let w = word_box;
    let words = vec![
        w(153, 765, 191, 30, "Birthdate:"),
        w(362, 765, 207, 30, "07/29/1968"),
        w(902, 766, 83, 29, "Sex:"),
        w(1000, 762, 38, 38, "L]"),
        w(1054, 768, 21, 29, "F"),
        w(1207, 768, 29, 29, "M"),
        w(1502, 765, 107, 30, "Chart"),
        w(1622, 766, 33, 29, "#:"),
        w(1673, 766, 189, 29, "H7758191"),
    ];
    let marks = vec![
        crate::model::Mark {
            bbox: crate::model::BBox::new(1000, 762, 38, 38),
            checked: false,
        },
        crate::model::Mark {
            bbox: crate::model::BBox::new(1153, 762, 38, 38),
            checked: true,
        },
    ];
    let d = extract_document(
        &[PageInput {
            page_no: 1,
            page_id: 1,
            width: 2550,
            height: 3300,
            words,
            marks,
        }],
        today(),
    );
    assert_eq!(get(&d, "sex").as_deref(), Some("M"));
}

#[test]
fn dates_a_document_is_not_dated_by_give_no_encounter_date() {
    // A lab report with no labelled date of service: its bare "Date:" is none.
    let d = doc(&[
        (100, 100, "CEDAR VALLEY LABORATORY"),
        (
            140,
            100,
            "Patient: Jane Doe   DOB: 03/14/1962   MRN: 00123456",
        ),
        (180, 100, "Date: 03/05/2021"),
        (240, 100, "Test Result Flag Units Reference Range"),
        (280, 100, "Glucose 95 mg/dL 70-99"),
    ]);
    assert_eq!(d.doc_type, DocType::LabReport);
    assert_eq!(get(&d, "encounter_date"), None);
    // A certificate of immunization signed off with a date: no service recorded.
    let d = doc(&[
        (100, 100, "CERTIFICATE OF IMMUNIZATION"),
        (
            140,
            100,
            "Name: Bernadette J. Hollister   Record No.: 985850934",
        ),
        (180, 100, "Date of Birth: 09/07/1937"),
        (240, 100, "Vaccine Dose Date given Manufacturer / Lot"),
        (280, 100, "Td 3 01/14/1946 GSK X80986"),
        (400, 100, "Certified true copy of our records."),
        (440, 100, "Date: 12/23/2002"),
    ]);
    assert_eq!(d.doc_type, DocType::Other);
    assert_eq!(get(&d, "encounter_date"), None);
}

#[test]
fn a_clinicians_own_letterhead_names_the_provider() {
    let d = doc(&[
        (100, 100, "Tomasz B. Nwosu, MD"),
        (140, 100, "Blue Heron Community Health Center"),
        (180, 100, "DEA# BB7124884 NPI 0631533763"),
        (240, 100, "Name Tyrone Lindstrom   Date 12/05/13"),
        (300, 100, "RX Referral to Cardiology"),
        (340, 100, "Dx: Hyperlipidemia, unspecified"),
    ]);
    assert_eq!(get(&d, "provider").as_deref(), Some("Tomasz B Nwosu"));
}

#[test]
fn the_sex_printed_right_after_the_birth_date() {
    let d = doc(&[
        (100, 100, "EMERGENCY DEPARTMENT RECORD"),
        (140, 100, "Arrival date: 12/21/03   IACOVELLI, DARNELL A"),
        (180, 100, "Acct #: 0643537428   DOB 01/04/68 M"),
    ]);
    assert_eq!(get(&d, "sex").as_deref(), Some("M"));
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1968-01-04"));
    // A little apart when it ends the line.
    let d = doc(&[(100, 100, "Visit #: E3539531  DOB 03/22/99  F")]);
    assert_eq!(get(&d, "sex").as_deref(), Some("F"));
    // A word after it is something else ("DOB 01/04/68 M.D. ..." is no sex).
    let d = doc(&[(100, 100, "DOB 01/04/68 MRN 12345678")]);
    assert_eq!(get(&d, "sex"), None);
    let d = doc(&[(100, 100, "DOB 01/04/68  M  Room 4")]);
    assert_eq!(get(&d, "sex"), None);
}

#[test]
fn a_label_whose_colon_was_read_as_a_letter() {
    let d = doc(&[
        (
            100,
            100,
            "Name: GRABOWSKI, INGRID   Date of Study: 24 SEP 2018",
        ),
        (
            140,
            100,
            "Birthdate: AUG 15 1973   Sexi F   Ethnicity: white",
        ),
    ]);
    assert_eq!(get(&d, "sex").as_deref(), Some("F"));
    // A possessive is no colon read as a letter: "the patient's" in running text is no
    // label whose value is the physician's name below.
    let d = doc(&[
        (100, 100, "INFORMED CONSENT FOR PROCEDURE   DU BOIS, URSULA"),
        (
            140,
            100,
            "1. I, Ursula Du Bois, hereby authorize Dr. Jasper Orozco",
        ),
        (
            300,
            100,
            "alternatives to the patient or the patient's representative and have answered all",
        ),
        (340, 100, "questions."),
        (380, 560, "Jasper Orozco, M.D. 05/01/2022"),
    ]);
    assert_ne!(get(&d, "patient_name").as_deref(), Some("Jasper Orozco"));
}

#[test]
fn a_tracing_banner() {
    // An EKG's header: the name opening the banner, a bare "ID:", the birth date with the
    // age it gives (checked against the tracing's date), the over-reader.
    let d = doc(&[
        (
            100,
            100,
            "DE LA CRUZ, INGRID R   ID: 00103714   05/08/2009 20:05:49",
        ),
        (140, 100, "07 FEB 2001 (8 yr) Female Loc: 37 Room: 305"),
        (
            200,
            100,
            "Referred by: IBARRA, LEONARD K MD Confirmed by: RADCLIFFE, NATHANIEL DO (85) on 05/09/2009",
        ),
    ]);
    assert_eq!(get(&d, "mrn").as_deref(), Some("00103714"));
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Ingrid R De La Cruz")
    );
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("2001-02-07"));
    assert_eq!(get(&d, "sex").as_deref(), Some("F"));
    assert_eq!(get(&d, "provider").as_deref(), Some("Nathaniel Radcliffe"));
    // The tracing's own time stamp dates it.
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2009-05-08"));
    // The name without its comma: family name first by the device's convention, only
    // assumed.
    let d = doc(&[
        (
            100,
            100,
            "O'HARA XIOMARA   ID: 00397695   06/23/2004 18:44:12",
        ),
        (140, 100, "10/29/1969 (34 yr) Female Loc: 3 Room: 473"),
    ]);
    assert_eq!(get(&d, "mrn").as_deref(), Some("00397695"));
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Xiomara O'Hara"));
    assert!(d.fields["patient_name"].confidence < 0.8);
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1969-10-29"));
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("2004-06-23"));
    // A date without a time of day after the ID is no time stamp.
    let d = doc(&[(100, 100, "O'HARA XIOMARA   ID: 00397695   06/23/2004")]);
    assert_eq!(get(&d, "encounter_date"), None);
    // An age that no date on the page gives: no birth date.
    let d = doc(&[
        (100, 100, "DE LA CRUZ, INGRID R   ID: 00103714   05/08/2009"),
        (140, 100, "07 FEB 2001 (30 yr) Female"),
    ]);
    assert_eq!(get(&d, "date_of_birth"), None);
    // A bare "ID:" elsewhere is nobody's record number.
    let d = doc(&[(100, 100, "Tax ID: 887612651   Contact: Tina")]);
    assert_eq!(get(&d, "mrn"), None);
}

#[test]
fn a_tracing_banner_read_badly() {
    // The ID's colon read as a semicolon, the middle initial O as a zero.
    let d = doc(&[
        (
            100,
            100,
            "TRUJILLO, DWAYNE 0   ID; 881775386   09 NOV 1990 04:57:33",
        ),
        (140, 100, "10/02/1983 (7 yr) MALE Loc: 33 Room: 436"),
    ]);
    assert_eq!(get(&d, "mrn").as_deref(), Some("881775386"));
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Dwayne O Trujillo")
    );
    assert_eq!(get(&d, "encounter_date").as_deref(), Some("1990-11-09"));
    // The I of "ID" read as a quote; a dash before the age's bracket.
    let d = doc(&[
        (
            100,
            100,
            "HATFIELD ALFONSO SR   'D: 7270297   21-Jul-2021 00:15:34",
        ),
        (140, 100, "28 MAR 1958 -(63 yr) Female Loc: 30 Room: 489"),
    ]);
    assert_eq!(get(&d, "mrn").as_deref(), Some("7270297"));
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Alfonso Hatfield Sr")
    );
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1958-03-28"));
    assert_eq!(get(&d, "sex").as_deref(), Some("F"));
}

#[test]
fn an_imprint_one_value_to_a_line_beside_a_consent() {
    let lines = [
        (100, 100, "AUTHORIZATION FOR SURGERY OR SPECIAL PROCEDURE"),
        (160, 100, "1. I hereby authorize Dr. Leonard Kessler"),
        (160, 1500, "LINDSTROM MARGUERITE"),
        (
            200,
            100,
            "and such assistants as may be selected to perform the following",
        ),
        (200, 1500, "MR 887-1424"),
        (240, 100, "procedure: upper endoscopy (EGD) with biopsy."),
        (240, 1500, "08/23/72 F"),
        (280, 1500, "ACCT. 368660272"),
    ];
    let d = doc(&lines);
    assert_eq!(get(&d, "provider").as_deref(), Some("Leonard Kessler"));
    assert_eq!(get(&d, "mrn").as_deref(), Some("8871424"));
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1972-08-23"));
    assert_eq!(get(&d, "sex").as_deref(), Some("F"));
    // No comma: family name first by the imprint's convention, but only assumed.
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Marguerite Lindstrom")
    );
    assert!(d.fields["patient_name"].confidence < 0.8);
    // Labelled values of the same shape are no imprint: a claim number and a received date
    // under an insurer's "Patient" line.
    let d = doc(&[
        (100, 100, "EXPLANATION OF BENEFITS"),
        (160, 100, "Patient"),
        (160, 700, "LAMAR H IBARRA"),
        (200, 100, "Claim Number"),
        (200, 700, "117839917070"),
        (240, 100, "Claim Received"),
        (240, 700, "4/8/2022"),
    ]);
    assert_eq!(get(&d, "mrn"), None);
    assert_eq!(get(&d, "date_of_birth"), None);
}

#[test]
fn an_imprint_whose_family_name_has_a_particle_and_whose_lines_fall_between_the_text() {
    // "ST. JOHN" is one family name: the comma after it, or none at all.
    for (name, given) in [
        ("ST. JOHN, HORACE ROSE", "Horace Rose St. John"),
        ("ST. JOHN HORACE R", "Horace R St. John"),
    ] {
        let d = doc(&[
            (100, 100, "AUTHORIZATION FOR SURGERY OR SPECIAL PROCEDURE"),
            (160, 100, "1. I hereby authorize Dr. Miriam Upton"),
            (160, 1500, name),
            (
                200,
                100,
                "and such assistants as may be selected to perform the following",
            ),
            (200, 1500, "MR M5957208"),
            (240, 100, "procedure: laparoscopic cholecystectomy."),
            (240, 1500, "02/23/2002 M"),
        ]);
        assert_eq!(get(&d, "patient_name").as_deref(), Some(given), "{name}");
        assert_eq!(get(&d, "mrn").as_deref(), Some("M5957208"), "{name}");
        assert_eq!(get(&d, "date_of_birth").as_deref(), Some("2002-02-23"));
    }
    // The imprint's lines sit between the text's: a line of text between the record
    // number and the birth date. The name line beside "authorize Dr. Celeste Cavanaugh"
    // starts further right than her name: no part of it.
    let d = doc(&[
        (100, 100, "AUTHORIZATION FOR SURGERY OR SPECIAL PROCEDURE"),
        (160, 100, "1. hereby authorize Dr. Celeste Cavanaugh"),
        (180, 1500, "MAHONEY, YOLANDA N"),
        (
            220,
            100,
            "and such assistants as may be selected to perform the following",
        ),
        (240, 1500, "MR K-8094043"),
        (
            265,
            100,
            "procedure: excision of skin lesion, left forearm.",
        ),
        (285, 1500, "04/29/51 F"),
    ]);
    assert_eq!(get(&d, "provider").as_deref(), Some("Celeste Cavanaugh"));
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Yolanda N Mahoney")
    );
    assert_eq!(get(&d, "mrn").as_deref(), Some("K8094043"));
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1951-04-29"));
    assert_eq!(get(&d, "sex").as_deref(), Some("F"));
    // A suffix, before the comma or after the name, is no name word of its own; a plate
    // numbered by admission ("ADM 50304546") gives the name and birth date, but its number
    // is no MRN.
    for (name, number, want, mrn) in [
        (
            "FAIRWEATHER III, WENDELL YVETTE",
            "MR 0058-4114",
            "Wendell Yvette Fairweather III",
            Some("00584114"),
        ),
        (
            "TRUJILLO MAURICIO W SR.",
            "MR 0534084",
            "Mauricio W Trujillo Sr",
            Some("0534084"),
        ),
        (
            "FAIRWEATHER BARTHOLOMEW L",
            "ADM 50304546",
            "Bartholomew L Fairweather",
            None,
        ),
    ] {
        let d = doc(&[
            (100, 100, "AUTHORIZATION FOR SURGERY OR SPECIAL PROCEDURE"),
            (160, 100, "1. I hereby authorize Dr. Dominic Ibarra"),
            (160, 1500, name),
            (
                200,
                100,
                "and such assistants as may be selected to perform",
            ),
            (200, 1500, number),
            (
                240,
                100,
                "procedure: excision of skin lesion, left forearm.",
            ),
            (240, 1500, "08/22/12 M"),
        ]);
        assert_eq!(get(&d, "patient_name").as_deref(), Some(want), "{name}");
        assert_eq!(get(&d, "mrn").as_deref(), mrn, "{name}");
        assert_eq!(get(&d, "date_of_birth").as_deref(), Some("2012-08-22"));
        assert_eq!(get(&d, "sex").as_deref(), Some("M"));
    }
}

#[test]
fn the_line_under_a_patient_signature_caption_is_not_the_patients_name() {
    // The witness's scribble under "Signature of patient": no rival to the patient's name.
    let d = doc(&[
        (
            100,
            100,
            "PATIENT NAME: St. Pierre, Thaddeus Thomas    DOB: 07-APR-1938    MRN: 0881511",
        ),
        (
            300,
            100,
            "VAN WW ACAVAVA       Thaddeus Thomas St. Pierre       2021-07-26",
        ),
        (
            340,
            100,
            "Signature of patient       Printed name       Date",
        ),
        (400, 100, "WAV ACA ANS       Bea Lindon       2021-07-26"),
        (
            440,
            100,
            "Signature of witness       Printed name       Date",
        ),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Thaddeus Thomas St. Pierre")
    );
    assert!(d.fields["patient_name"].confidence >= 0.8);
}

#[test]
fn a_sticker_name_after_a_scrap_of_its_caption() {
    // "Pt:" read as a scrap ("pe:", "pc."): the name after it, less surely than a clean one.
    for scrap in ["pe:", "pc.", "ee"] {
        let d = doc(&[
            (100, 100, "PROGRESS NOTES"),
            (160, 100, &format!("{scrap} Xiomara R Zielinski")),
            (200, 100, "Hosp # 2400033"),
        ]);
        assert_eq!(
            get(&d, "patient_name").as_deref(),
            Some("Xiomara R Zielinski"),
            "{scrap}"
        );
        assert_eq!(get(&d, "mrn").as_deref(), Some("2400033"));
    }
    // A capitalised word is a name's, not a scrap: nothing is skipped.
    let d = doc(&[
        (100, 100, "PROGRESS NOTES"),
        (160, 100, "Xiomara R Zielinski"),
        (200, 100, "Hosp # 2400033"),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Xiomara R Zielinski")
    );
}

#[test]
fn a_name_split_into_other_words_on_another_page_is_doubtful() {
    let summary = |name: &str| {
        doc_of_pages(vec![
            page(&[
                (100, 100, "DISCHARGE SUMMARY"),
                (
                    160,
                    100,
                    &format!("Name: {name}    Admission Date: 6/12/2023"),
                ),
                (200, 100, "MRN: 00185627    DOB: 04/02/1961"),
            ]),
            page(&[(
                100,
                100,
                "Patient: Luis Miguel A D'Souza Jr    MRN 00185627",
            )]),
        ])
    };
    // "MIGUELA" on page 1, "Miguel A" on page 2: a middle initial glued or not.
    let d = summary("D'SOUZA JR, LUIS MIGUELA");
    let n = &d.fields["patient_name"];
    assert!(n.confidence < 0.8, "{n:?}");
    // Read the same way on both pages: no doubt from that.
    let d = summary("D'SOUZA JR, LUIS MIGUEL A");
    let n = &d.fields["patient_name"];
    assert!(n.confidence >= 0.8, "{n:?}");
}

#[test]
fn an_unknown_label_before_an_mrn_is_no_name() {
    // "Mode: Walk-in MR# ...": the words after a colon are that label's value.
    let d = doc(&[
        (100, 100, "EMERGENCY DEPARTMENT RECORD"),
        (160, 100, "Arrival date: 12/09/09    CASTELLANOS, EVERETT"),
        (
            200,
            100,
            "Arrival time: 0959    Mode: Walk-in    MR# 521599783",
        ),
    ]);
    assert_ne!(get(&d, "patient_name").as_deref(), Some("Mode Walk-In"));
    // A letter or two before a colon is a label read badly ("Pt:"), and its value stands.
    let d = doc(&[
        (100, 100, "PROGRESS NOTES"),
        (160, 100, "p: Wendell MacPherson    DOB 8/29/2015"),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Wendell Macpherson")
    );
}

#[test]
fn a_reviewer_is_no_rival_to_the_attending() {
    let d = doc(&[
        (100, 100, "ADMISSION MEDICATION RECONCILIATION"),
        (140, 100, "Pt: Oyelaran, Consuelo I.   Med Rec: 0084090"),
        (
            180,
            100,
            "Admit Date: 9.13.2011   Attending: Dr. Jocelyn Vanterpool",
        ),
        (240, 100, "Home medication Dose Frequency Last taken Action"),
        (280, 100, "Reviewed by: Wilhelmina Hollister, RN 9.13.2011"),
    ]);
    assert_eq!(get(&d, "provider").as_deref(), Some("Jocelyn Vanterpool"));
    assert!(d.fields["provider"].confidence >= 0.8);
    // Alone, the reviewer is the provider.
    let d = doc(&[
        (100, 100, "MEDICATION RECONCILIATION"),
        (140, 100, "Pt: Oyelaran, Consuelo I.   Med Rec: 0084090"),
        (280, 100, "Reviewed by: Wilhelmina Hollister, RN 9.13.2011"),
    ]);
    assert_eq!(get(&d, "provider").as_deref(), Some("Wilhelmina Hollister"));
}

#[test]
fn a_value_cut_by_the_page_edge_is_doubtful() {
    // "Reconciled by: LINDGREN, AL" whose last word ends 2 px from the border of a
    // 2550 px page (ALAN cut by the scan), and the same line well inside the page.
    let at = |x: u32| {
        doc(&[
            (100, 100, "MEDICATION RECONCILIATION"),
            (200, 100, "Patient: DOE, JANE Q  DOB: 3/14/62"),
            (300, x, "Reconciled by: LINDGREN, AL"),
        ])
    };
    let cut = at(2550 - 2 - 366).fields["provider"].confidence;
    let near = at(2550 - 10 - 366).fields["provider"].confidence;
    // A whole family name as close to the edge is not doubted.
    let full = doc(&[
        (100, 100, "MEDICATION RECONCILIATION"),
        (200, 100, "Patient: DOE, JANE Q  DOB: 3/14/62"),
        (300, 2550 - 10 - 432, "Reconciled by: LINDGREN, ALAN MD"),
    ])
    .fields["provider"]
        .confidence;
    assert!(full >= 0.8, "{full}");
    let whole = at(1600).fields["provider"].confidence;
    assert!(cut < 0.8, "{cut}");
    assert!(near < 0.8, "{near}");
    assert!(whole >= 0.8, "{whole}");
}

#[test]
fn a_poorly_read_m_or_f_is_still_a_sure_sex_but_other_codes_are_not() {
    let at = |letter: &str| {
        let mut words = page(&[
            (100, 100, "CLINIC NOTE"),
            (
                200,
                100,
                &format!("Patient: DOE, JANE Q  DOB: 3/14/62  Sex: {letter}"),
            ),
        ]);
        words.last_mut().unwrap().conf = 40.0;
        doc_of_pages(vec![words]).fields["sex"].confidence
    };
    assert!(at("F") >= 0.8, "{}", at("F"));
    assert!(at("O") < 0.5, "{}", at("O"));
}

#[test]
fn a_name_below_its_label_keeps_a_wide_font_spacing() {
    // A face sheet whose caption OCR garbled ("PATIENT (LAST, FIRST)" read as "PATIENT = T,
    // FIRS =)") over a name set with wide word spaces: the middle name is the name's.
    let w = word_box;
    let mut words = vec![
        w(111, 200, 77, 12, "PATIENT"),
        w(242, 208, 8, 2, "="),
        w(312, 200, 17, 13, "T,"),
        w(348, 200, 44, 12, "FIRS"),
        w(445, 200, 15, 12, "=)"),
        w(807, 200, 56, 12, "BIRTH"),
        w(878, 200, 44, 12, "DATE"),
        w(114, 229, 145, 20, "TRUJILLO,"),
        w(286, 229, 132, 17, "TERRANCE"),
        w(440, 229, 99, 17, "EUGENE"),
        w(811, 227, 166, 20, "04/24/1989"),
    ];
    // (Read as well as the face sheet's words were, each line its own block.)
    for w in &mut words {
        w.conf = 92.0;
        w.block = w.bbox.y;
    }
    let d = doc_of_pages(vec![words]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Terrance Eugene Trujillo")
    );
}

#[test]
fn a_ticked_option_is_no_label_of_what_stands_below_it() {
    // "Source of information: ☒ Patient ☐ Family/caregiver" over a medication table's
    // header: "Patient" is an option ticked, and "Dose Route" below it no patient's name.
    let w = word_box;
    let mut words = vec![
        w(126, 300, 100, 22, "MRN:"),
        w(240, 300, 160, 22, "HN037857"),
        w(126, 340, 100, 22, "DOB:"),
        w(240, 340, 160, 22, "07-25-2012"),
        w(126, 423, 102, 23, "Source"),
        w(239, 423, 30, 22, "of"),
        w(280, 423, 183, 22, "information:"),
        w(479, 417, 17, 37, "&"),
        w(513, 423, 87, 22, "Patient"),
        w(620, 422, 23, 22, "[1"),
        w(653, 422, 210, 27, "Family/caregiver"),
        w(133, 498, 80, 21, "Home"),
        w(225, 497, 156, 22, "Medication"),
        w(480, 498, 69, 21, "Dose"),
        w(631, 498, 83, 21, "Route"),
        w(748, 498, 147, 26, "Frequency"),
    ];
    for (k, w) in words.iter_mut().enumerate() {
        w.block = k as u32;
    }
    let mark = |x, checked| crate::model::Mark {
        bbox: crate::model::BBox::new(x, 422, 23, 23),
        checked,
    };
    let d = extract_document(
        &[PageInput {
            page_no: 1,
            page_id: 1,
            width: 2550,
            height: 3300,
            words,
            marks: vec![mark(480, true), mark(620, false)],
        }],
        today(),
    );
    assert_eq!(get(&d, "mrn").as_deref(), Some("HN037857"));
    assert_eq!(get(&d, "patient_name"), None);
}

#[test]
fn a_poorly_read_given_name_before_an_initial_is_no_scribble() {
    let mut words = page(&[
        (100, 100, "Patient:  Ulrich L. Mwangi"),
        (140, 100, "DOB:  19 NOV 1976"),
    ]);
    words.iter_mut().find(|w| w.text == "Ulrich").unwrap().conf = 17.0;
    let d = doc_of_pages(vec![words]);
    let f = &d.fields["patient_name"];
    assert_eq!(f.normalized, "Ulrich L Mwangi");
    assert!(f.confidence < 0.6, "{}", f.confidence);
    // A scribble before a typed name is still skipped.
    let mut words = page(&[(100, 100, "Patient:  VAVAVAW Nathaniel J. Bhattacharya")]);
    words.iter_mut().find(|w| w.text == "VAVAVAW").unwrap().conf = 0.0;
    let d = doc_of_pages(vec![words]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Nathaniel J Bhattacharya")
    );
}

/// Words of one line, each at its own x, in their own block.
fn line_at(y: u32, block: u32, words: &[(u32, &str)]) -> Vec<crate::model::Word> {
    words
        .iter()
        .map(|&(x, t)| crate::model::Word {
            block,
            ..word_box(x, y, 14 * t.chars().count() as u32, 24, t)
        })
        .collect()
}

#[test]
fn a_name_above_the_value_column_of_an_identifier() {
    // A portal page: labels down the left, values in a column of their own, the name
    // printed alone above the first value.
    let mut words = line_at(200, 1, &[(100, "Personal"), (240, "Information")]);
    words.extend(line_at(
        300,
        2,
        &[(900, "Fairweather,"), (1090, "Lucille"), (1210, "Yvette")],
    ));
    words.extend(line_at(
        360,
        3,
        &[
            (100, "Date"),
            (170, "of"),
            (210, "birth"),
            (900, "March"),
            (990, "31,"),
            (1050, "1976"),
        ],
    ));
    words.extend(line_at(
        420,
        4,
        &[
            (100, "Medical"),
            (220, "record"),
            (330, "number"),
            (900, "066-3646"),
        ],
    ));
    let d = doc_of_pages(vec![words]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Lucille Yvette Fairweather")
    );
    // A header block whose values end at the right margin, the name right-aligned above.
    let med_rec = || {
        let at = [
            (1356, "Med"),
            (1425, "Rec:"),
            (1848, "000"),
            (1900, "739"),
            (1950, "28"),
        ];
        line_at(176, 3, &at)
    };
    let mut words = line_at(
        130,
        1,
        &[
            (145, "St."),
            (210, "Bartholomew"),
            (420, "Medical"),
            (540, "Center"),
        ],
    );
    words.extend(line_at(
        130,
        2,
        &[(1674, "Tyrone"), (1772, "Bustamante"), (1932, "III")],
    ));
    words.extend(med_rec());
    words.extend(line_at(224, 4, &[(1356, "Born:"), (1824, "19-Apr-1968")]));
    let d = doc_of_pages(vec![words]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Tyrone Bustamante III")
    );
    // A name-like line far off the value's column is not taken.
    let mut words = line_at(130, 2, &[(700, "Tyrone"), (798, "Bustamante")]);
    words.extend(med_rec());
    let d = doc_of_pages(vec![words]);
    assert_eq!(get(&d, "patient_name"), None);
}

#[test]
fn a_hand_written_dob_label_read_with_look_alikes() {
    for label in ["d.0.8", "bd.o.B", "D.O.B.", "d.oB"] {
        let d = doc(&[
            (100, 100, "PROGRESS NOTES"),
            (
                160,
                100,
                &format!("pt: Lindstrom, Siobhan A  {label} 3-16-63"),
            ),
        ]);
        assert_eq!(
            get(&d, "date_of_birth").as_deref(),
            Some("1963-03-16"),
            "{label}"
        );
    }
    // Not an abbreviation: no label.
    for word in ["d08", "abd.o.b", "bd.ob"] {
        let d = doc(&[(160, 100, &format!("Note {word} 3-16-63"))]);
        assert_eq!(get(&d, "date_of_birth"), None, "{word}");
    }
}

#[test]
fn a_member_is_the_patient_only_beside_the_members_birth_date() {
    // A payer's notice: the member, with the member's birth date, is the patient.
    let d = doc(&[
        (100, 100, "Utilization Management - Notice of Determination"),
        (160, 100, "Member: Baker, Donald  Member DOB: Oct 11 2002"),
        (200, 100, "Member ID: ZQ41073095574  Group: GRP 42767"),
    ]);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Donald Baker"));
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("2002-10-11"));
    // An explanation of benefits: the member is the insurance's subscriber, not taken.
    let d = doc(&[
        (100, 100, "EXPLANATION OF BENEFITS"),
        (160, 100, "Statement Date: 03/15/2016"),
        (200, 100, "Member: JOHN Q BAKER"),
        (240, 100, "Member ID: ZQ41073095574"),
    ]);
    assert_eq!(get(&d, "patient_name"), None);
    // A middle initial run into the label after it is the name's, not a misread label.
    let d = doc(&[(
        160,
        100,
        "Member: MCALLISTER, THOMAS NMember DOB: 1963-12-02",
    )]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Thomas N Mcallister")
    );
}

#[test]
fn an_accent_read_in_a_name_makes_it_doubtful() {
    let d = doc(&[(100, 100, "Patient Name: Harriet R. Pachéco  DOB: 3/14/62")]);
    let f = &d.fields["patient_name"];
    assert_eq!(f.normalized, "Harriet R Pachéco");
    assert!(f.confidence < 0.8, "{}", f.confidence);
    let d = doc(&[(100, 100, "Patient Name: Harriet R. Pacheco  DOB: 3/14/62")]);
    assert!(d.fields["patient_name"].confidence >= 0.8);
}

#[test]
fn a_section_distractors_line_names_no_patient() {
    // The patient's boxes were not read (a garbled caption); the responsible party's name
    // before a birth date on its own line is not the patient's.
    let d = doc(&[
        (100, 100, "PATIENT REGISTRATION"),
        (160, 100, "Paticats Last Name  First  MI."),
        (200, 100, "Schaefer  Mortimer"),
        (
            300,
            100,
            "Responsible Party: Judith D Schaefer  Birthdate: 4/8/1980  Relationship: Mother",
        ),
    ]);
    assert_ne!(
        get(&d, "patient_name").as_deref(),
        Some("Judith D Schaefer")
    );
}

#[test]
fn a_particle_in_a_family_name_box_loses_a_speck() {
    let d = doc(&[
        (160, 100, "LAST NAME    FIRST NAME    MI."),
        (200, 100, "van der. Berg    Dragan    W"),
    ]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Dragan W Van Der Berg")
    );
}

#[test]
fn name_boxes_without_an_initial_caption_wait_on_the_pixels_after_the_given_name() {
    // "Last Name | First Name | MI" with the small box's caption and initial both lost.
    let mut words = line_at(
        160,
        2,
        &[(100, "Last"), (160, "Name"), (600, "First"), (680, "Name")],
    );
    words.extend(line_at(200, 3, &[(100, "Greer"), (600, "Mirela")]));
    words.extend(line_at(
        260,
        4,
        &[
            (100, "DOB:"),
            (260, "03/16/1965"),
            (600, "MRN:"),
            (720, "0520104"),
        ],
    ));
    let d = doc_of_pages(vec![words]);
    let f = &d.fields["patient_name"];
    assert_eq!(f.normalized, "Mirela Greer");
    assert!(f.confidence < 0.8, "{}", f.confidence);
    let b = f.evidence.blank.expect("the stretch after the given name");
    let region = b.doubted.unwrap();
    assert!(region.x > 640 && region.y <= 200, "{region:?}");
    // And the stretch after the family name, where a suffix OCR lost would be ("Greer II"),
    // is looked at without a doubt taken for it.
    let after_family = b.checked.unwrap();
    assert!(
        after_family.x > 170 && after_family.x + after_family.w < 600,
        "{after_family:?}"
    );
    // Another word after the given name ends the stretch: what lies between is measured.
    let mut words = line_at(
        160,
        2,
        &[(100, "First"), (160, "Name"), (600, "Last"), (660, "Name")],
    );
    words.extend(line_at(200, 3, &[(100, "Mirela"), (600, "Greer")]));
    let d = doc_of_pages(vec![words]);
    let b = d.fields["patient_name"].evidence.blank.unwrap();
    let region = b.doubted.unwrap();
    assert!(region.x > 140 && region.x + region.w < 600, "{region:?}");
    assert!(b.checked.unwrap().x > 670, "{b:?}");
    // Seen blank, the doubt goes.
    let mut f = d.fields["patient_name"].clone();
    let doubted = f.confidence;
    f.clear_blank_doubt();
    assert!(f.confidence > doubted + 0.1, "{doubted} {}", f.confidence);
    assert!(f.evidence.blank.is_some_and(|b| b.doubted.is_none()));
    // A name with its middle initial read: no doubt taken, nothing to wait on; the stretch
    // after the family name is still looked at.
    let mut words = line_at(
        160,
        2,
        &[
            (100, "First"),
            (160, "Name"),
            (600, "Last"),
            (660, "Name"),
            (900, "MI"),
        ],
    );
    words.extend(line_at(
        200,
        3,
        &[(100, "Mirela"), (600, "Greer"), (900, "L")],
    ));
    let d = doc_of_pages(vec![words]);
    let f = &d.fields["patient_name"];
    assert_eq!(f.normalized, "Mirela L Greer");
    assert!(f.confidence >= 0.7, "{}", f.confidence);
    let b = f.evidence.blank.unwrap();
    assert!(b.doubted.is_none() && b.factor == 1.0, "{b:?}");
    assert!(
        b.checked.is_some_and(|c| c.x > 670 && c.x + c.w < 900),
        "{b:?}"
    );
}

#[test]
fn a_middle_initial_caption_read_badly_still_doubts_an_empty_box() {
    for caption in ["M.", "Mul.", "MI."] {
        let mut words = line_at(100, 1, &[(100, "PATIENT"), (220, "REGISTRATION")]);
        words.extend(line_at(
            160,
            2,
            &[
                (100, "Patient's"),
                (240, "Last"),
                (310, "Name"),
                (600, "First"),
                (900, caption),
            ],
        ));
        words.extend(line_at(200, 3, &[(100, "Trujillo"), (600, "Luis-Angel")]));
        words.extend(line_at(
            260,
            4,
            &[
                (100, "Birthdate:"),
                (260, "10/07/1984"),
                (600, "Chart"),
                (680, "#:"),
                (720, "0008374"),
            ],
        ));
        let d = doc_of_pages(vec![words]);
        let f = &d.fields["patient_name"];
        assert_eq!(f.normalized, "Luis-Angel Trujillo", "{caption}");
        assert!(f.confidence < 0.8, "{caption}: {}", f.confidence);
        assert!(
            f.evidence.blank.is_some(),
            "{caption}: the box is to be measured"
        );
    }
    // A given name after its inline label is its value.
    let d = doc(&[(160, 100, "Last Name: Smith  First Name: Mae  DOB: 3/14/62")]);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Mae Smith"));
    // Another caption after the given name's is no initial's: a label, or a longer word.
    for caption in ["MRN", "Maiden"] {
        let lines = super::layout::lines(&page(&[(
            160,
            100,
            &format!("Patient's Last Name    First    {caption}"),
        )]));
        let hits = super::labels::page_labels(&lines);
        assert!(
            !hits[0].iter().any(|h| matches!(
                h.kind,
                super::labels::Kind::Field(super::labels::Target::NamePart(1), _)
            )),
            "{caption}"
        );
    }
}

#[test]
fn a_title_before_a_name_is_no_part_of_its_box() {
    let d = doc(&[
        (100, 100, "Dear Dr. Iwasaki,"),
        (
            160,
            100,
            "I am writing to refer Ms, Yolanda Grace La Rosa, born 10/05/2000 for your opinion",
        ),
    ]);
    let f = &d.fields["patient_name"];
    assert_eq!(f.normalized, "Yolanda Grace La Rosa");
    let words = page(&[(
        160,
        100,
        "I am writing to refer Ms, Yolanda Grace La Rosa, born 10/05/2000 for your opinion",
    )]);
    let yolanda = words.iter().find(|w| w.text == "Yolanda").unwrap();
    assert_eq!(f.bbox.x, yolanda.bbox.x);
}

#[test]
fn a_service_date_that_is_the_birth_date_is_doubted() {
    // Captions over values, two rows: the service date under its caption is unreadable, and
    // the row above is the values of the captions over it, not this caption's: no service
    // date. (Were it taken, it would be the birth date, and doubted.)
    let mut words = line_at(100, 1, &[(100, "CLINIC"), (220, "NOTE")]);
    words.extend(line_at(
        300,
        2,
        &[
            (100, "Patient"),
            (220, "Name"),
            (700, "Birth"),
            (800, "Date"),
            (1200, "Sex"),
        ],
    ));
    words.extend(line_at(
        350,
        3,
        &[
            (100, "O'Neill,"),
            (230, "Daniel"),
            (330, "B."),
            (700, "03/07/1980"),
            (1200, "M"),
        ],
    ));
    words.extend(line_at(
        420,
        4,
        &[
            (100, "MR#"),
            (700, "Date"),
            (780, "of"),
            (830, "Service"),
            (1200, "Provider"),
        ],
    ));
    words.extend(line_at(
        470,
        5,
        &[
            (100, "3822-3088"),
            (700, "10/137"),
            (800, "2022"),
            (1200, "Walter"),
            (1310, "Chandra"),
            (1420, "MD"),
        ],
    ));
    for w in &mut words {
        w.conf = 96.0;
    }
    let d = doc_of_pages(vec![words]);
    assert_eq!(get(&d, "date_of_birth").as_deref(), Some("1980-03-07"));
    assert_eq!(get(&d, "encounter_date"), None);
    // A service date labelled as such on the birth date: doubted all the same.
    let d = doc(&[
        (100, 100, "CLINIC NOTE"),
        (
            160,
            100,
            "Patient: Daniel B O'Neill   DOB: 03/07/1980   MR#: 3822-3088",
        ),
        (200, 100, "Date of Service: 03/07/1980"),
    ]);
    let e = &d.fields["encounter_date"];
    assert_eq!(e.normalized, "1980-03-07");
    assert!(e.confidence < 0.8, "{e:?}");
}

/// A letter of consultation: the letterhead, the patient, a labelled visit date or none,
/// the letter's date and its body.
fn consult_letter(visit: Option<&str>, body: &str) -> ExtractedDocument {
    let mut lines: Vec<(u32, u32, String)> = vec![
        (100, 100, "Copper Basin Internal Medicine".into()),
        (300, 100, "Regarding: COLLEEN N ABERNETHY".into()),
        (350, 100, "DOB: February 19, 2014".into()),
        (400, 100, "Our file: V5338301".into()),
    ];
    if let Some(v) = visit {
        lines.push((450, 100, format!("Visit Date: {v}")));
    }
    lines.extend([
        (550, 100, "July 25, 2018".to_string()),
        (600, 100, "Dear Dr. Rosenthal,".to_string()),
        (650, 100, body.to_string()),
        (900, 100, "Sincerely,".to_string()),
        (1000, 100, "Soraya Sandoval, MD".to_string()),
    ]);
    let lines: Vec<(u32, u32, &str)> = lines.iter().map(|(y, x, t)| (*y, *x, t.as_str())).collect();
    doc(&lines)
}

#[test]
fn a_consultation_letters_labelled_visit_outranks_its_own_date() {
    let body = "Thank you for referring Colleen, whom I saw in consultation for asthma.";
    let d = consult_letter(Some("July 12, 2018"), body);
    assert_eq!(d.doc_type, DocType::ReferralLetter);
    let e = &d.fields["encounter_date"];
    assert_eq!(e.normalized, "2018-07-12");
    assert!(e.confidence >= 0.8, "{e:?}");
    // Without one, the letter is dated by itself, surely.
    let e = &consult_letter(None, body).fields["encounter_date"];
    assert_eq!(e.normalized, "2018-07-25");
    assert!(e.confidence >= 0.8, "{e:?}");
}

#[test]
fn a_letters_own_date_against_an_admission_it_names_is_doubtful() {
    // A discharge letter the document type may take for a referral: which date dates it
    // cannot be told from the type.
    let d = consult_letter(
        None,
        "Colleen was admitted to our hospital on July 12, 2018 and discharged home.",
    );
    let e = &d.fields["encounter_date"];
    assert_eq!(e.normalized, "2018-07-25");
    assert!(e.confidence < 0.8, "{e:?}");
}

#[test]
fn specks_between_a_date_label_and_its_date_are_skipped() {
    let d = doc(&[
        (100, 100, "Gloria Cavanaugh, MD"),
        (200, 100, "Name Francine Hatfield"),
        (300, 100, "DoB. Ss 06/07/1925  Date 3-5-80"),
    ]);
    let dob = &d.fields["date_of_birth"];
    assert_eq!(dob.normalized, "1925-06-07");
    assert_eq!(dob.value, "06/07/1925");
    // A word is no speck.
    let d = doc(&[(300, 100, "DOB: Unknown 06/07/1925")]);
    assert_eq!(get(&d, "date_of_birth"), None);
}

#[test]
fn a_suffix_in_the_family_name_box_is_the_names() {
    let mut words = line_at(100, 1, &[(100, "DENTAL"), (220, "HISTORY")]);
    words.extend(line_at(
        300,
        2,
        &[
            (100, "Patient's"),
            (240, "Last"),
            (310, "Name"),
            (700, "First"),
            (1000, "M.I."),
        ],
    ));
    words.extend(line_at(
        350,
        3,
        &[
            (100, "Quintero"),
            (230, "III"),
            (700, "Dwayne"),
            (1000, "I"),
        ],
    ));
    words.extend(line_at(
        420,
        4,
        &[
            (100, "Birthdate:"),
            (260, "4/21/1981"),
            (700, "Chart"),
            (790, "#:"),
            (840, "1378294"),
        ],
    ));
    let d = doc_of_pages(vec![words]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Dwayne I Quintero III")
    );
}

#[test]
fn a_date_that_cannot_date_the_document_is_no_rival() {
    // An inpatient progress note is dated by its entry; the stay's admission date beside it
    // does not make that date doubtful.
    let d = doc(&[
        (100, 100, "PROGRESS NOTE"),
        (200, 100, "Patient: DOE, JANE Q  DOB: 3/14/62  MRN: 123456"),
        (250, 100, "Admission Date: 10/28/1989"),
        (300, 100, "Date: 11/22/1989"),
        (400, 100, "Subjective: feels well, slept through the night."),
        (450, 100, "Assessment and plan: continue current regimen."),
        (600, 100, "Valentina Drummond, MD"),
    ]);
    assert_eq!(d.doc_type, DocType::ProgressNote);
    let e = &d.fields["encounter_date"];
    assert_eq!(e.normalized, "1989-11-22");
    assert!(e.confidence >= 0.8, "{e:?}");
}

#[test]
fn a_name_read_again_with_a_scribble_is_no_rival() {
    // The header's name, and the same name under a signature whose scribble OCR ran into
    // it: one person read twice.
    let d = doc(&[
        (100, 100, "CONSENT TO TREATMENT"),
        (
            200,
            100,
            "PATIENT NAME: Odalys M Soto  DOB: 26-Aug-1932  MRN: 4328058",
        ),
        (
            400,
            100,
            "I authorize release of information necessary to obtain payment.",
        ),
        (600, 100, "Patient: AIAN, Odalys M Soto  09/01/2022"),
    ]);
    let n = &d.fields["patient_name"];
    assert_eq!(n.normalized, "Odalys M Soto");
    assert!(n.confidence >= 0.8, "{n:?}");
}

#[test]
fn a_visit_date_one_digit_off_the_signature_date_is_doubtful() {
    let enc = |signed: &str| {
        let d = doc(&[
            (
                100,
                100,
                "Patient Information Sheet   Date of visit 01/19/2024",
            ),
            (
                160,
                100,
                "Patient Name: St. Pierre, Thaddeus T.   DOB 10/26/1958",
            ),
            (220, 100, "Chart No. 0785-5330"),
            (400, 900, signed),
            (
                440,
                100,
                "Signature (patient or guardian)                   Date",
            ),
        ]);
        let f = d.fields["encounter_date"].clone();
        assert_eq!(f.normalized, "2024-01-19", "{signed}");
        f.confidence
    };
    // "01/10/2024" read 01/19/2024 on the visit's fill-in line: one of the two is misread.
    let one_off = enc("01/10/2024");
    let other_day = enc("01/22/2024");
    assert!(one_off < 0.8, "{one_off}");
    assert!(other_day > one_off + 0.1, "{other_day} {one_off}");
}

/// A prescription pad's small "DOB" caption beside a large written value, as OCR reads
/// it: the caption's letters taken for look-alikes, a pen stroke before the value.
#[test]
fn a_pad_dob_caption_read_as_lookalikes() {
    for (caption, value, want) in [
        ("poB", "«12/6/1933", "1933-12-06"),
        ("pon", "«11/27/1986", "1986-11-27"),
        ("bop", "=10/31/1929", "1929-10-31"),
        ("p08", "01/13/1931", "1931-01-13"),
        ("D0B", "«02/18/05", "2005-02-18"),
    ] {
        let d = doc(&[
            (100, 100, "Valerie A. Halvorsen, M.D."),
            (300, 100, "Name Cornelius E. Esposito"),
            (360, 100, &format!("{caption} {value} Date 03/06/2007")),
            (440, 100, "Address"),
        ]);
        assert_eq!(get(&d, "date_of_birth").as_deref(), Some(want), "{caption}");
    }
}

/// A handwritten note's patient line, "Pt: NAME  DOB date", with the DOB caption read as
/// another short word: the date after it is the birth date; the caption ends the name.
#[test]
fn a_scrawled_dob_caption_on_the_patient_line() {
    for (line, name, dob) in [
        (
            "Pt. Terrance Yancey cos 10-14-68",
            "Terrance Yancey",
            "1968-10-14",
        ),
        (
            "Pt: Everett Eugene Dunleavy vos 11/29/55",
            "Everett Eugene Dunleavy",
            "1955-11-29",
        ),
        (
            "Pt: Ingrid Nakashima d.0oB 4/11/1963",
            "Ingrid Nakashima",
            "1963-04-11",
        ),
        (
            "Pt: Luis-Angel Chavira D088 08/25/1927",
            "Luis-Angel Chavira",
            "1927-08-25",
        ),
        (
            "Pt: Kowalski, Vernon 0.0.8 6-16-03",
            "Vernon Kowalski",
            "2003-06-16",
        ),
    ] {
        let d = doc(&[
            (100, 100, "Progress Note"),
            (200, 100, line),
            (300, 100, "S: cough x 3 days"),
        ]);
        assert_eq!(get(&d, "patient_name").as_deref(), Some(name), "{line}");
        assert_eq!(get(&d, "date_of_birth").as_deref(), Some(dob), "{line}");
    }
    // A title-case word is a name, and "DOS" is the date of service.
    for line in [
        "Pt: Smith, Bob 03/04/1960",
        "Patient: Jane Doe DOS 03/04/2020",
        "PATIENT: GUNDERSEN, MARGUERITE MED REC NO: 008 759 2",
    ] {
        let d = doc(&[(100, 100, "Progress Note"), (200, 100, line)]);
        assert_eq!(get(&d, "date_of_birth"), None, "{line}");
    }
}

#[test]
fn a_name_far_right_of_its_caption_read_as_a_scrap() {
    // A right-hand header block: captions at one x, values ending at one margin. The "Pt:"
    // caption read as "Be"; the letterhead on the left of the same line.
    let row = |y: u32, words: &[(u32, &str)]| {
        words
            .iter()
            .map(|&(x, t)| crate::model::Word {
                line: y,
                ..word_box(x, y, 14 * t.chars().count() as u32, 24, t)
            })
            .collect::<Vec<_>>()
    };
    // Values right-aligned at 1600: each placed so that it ends there.
    let right = |t: &str| 1600 - 14 * t.chars().count() as u32;
    let mut words = row(
        100,
        &[
            (100, "TRI-VALLEY"),
            (260, "MEDICAL"),
            (380, "GROUP"),
            (900, "Be"),
        ],
    );
    words.extend(row(
        100,
        &[
            (right("Clarence W. Nguyen-Tran"), "Clarence"),
            (right("W. Nguyen-Tran"), "W."),
            (right("Nguyen-Tran"), "Nguyen-Tran"),
        ],
    ));
    words.extend(row(
        150,
        &[
            (100, "14"),
            (150, "Orchard"),
            (270, "Plaza"),
            (900, "Med"),
            (960, "Rec:"),
        ],
    ));
    words.extend(row(150, &[(right("M4045914"), "M4045914")]));
    words.extend(row(
        200,
        &[
            (900, "Born:"),
            (right("06 JAN 1959"), "06"),
            (right("JAN 1959"), "JAN"),
            (right("1959"), "1959"),
        ],
    ));
    words.extend(row(250, &[(900, "Gender:"), (right("Male"), "Male")]));
    let d = doc_of_pages(vec![words]);
    assert_eq!(
        get(&d, "patient_name").as_deref(),
        Some("Clarence W Nguyen-Tran")
    );
    assert_eq!(get(&d, "mrn").as_deref(), Some("M4045914"));
}

#[test]
fn an_empty_label_does_not_take_the_next_labels_value_below_it() {
    // "Medical record #:" left empty; the line below is the address, its ZIP code right
    // under the label.
    let mut words = line_at(
        100,
        1,
        &[
            (100, "Patient's"),
            (240, "name:"),
            (330, "Ana"),
            (390, "Wojcik"),
        ],
    );
    words.extend(line_at(
        150,
        2,
        &[
            (100, "Phone:"),
            (200, "919-555-0150"),
            (740, "Medical"),
            (850, "record"),
            (940, "#:"),
        ],
    ));
    let address = [
        (100, "Address:"),
        (226, "1330"),
        (296, "Beacon"),
        (394, "Hill"),
        (464, "Rd,"),
        (520, "Salt"),
        (590, "Meadow,"),
        (702, "NE"),
        (744, "68377"),
    ];
    words.extend(line_at(200, 3, &address));
    let d = doc_of_pages(vec![words]);
    assert_eq!(get(&d, "mrn"), None);
    assert_eq!(get(&d, "patient_name").as_deref(), Some("Ana Wojcik"));
}
