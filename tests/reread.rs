//! Second readings on a real page: the real binary ingests one sample scan, then the library
//! reads regions of its stored page again with real Tesseract. A value whose words are
//! there is confirmed and its confidence rises; a value the pixels do not say is not; a
//! value no reading could lift is not read at all; a moved archive leaves fields as they
//! were, counted as unavailable. A name whose first reading ran an initial into the given
//! name takes the space the second reading keeps.

mod common;
use chartscan::extract::{Blank, DocType, Evidence, ExtractedDocument, FieldValue};
use chartscan::model::BBox;
use chartscan::reread::{RereadOptions, Rereader};
use chartscan::store::Store;
use common::*;
use std::collections::{BTreeMap, HashMap};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

fn field(word: &chartscan::model::Word, value: &str, page_id: i64, support: f64) -> FieldValue {
    let evidence = Evidence {
        ocr: 0.3,
        support,
        bonus: 0.0,
        blank: None,
    };
    FieldValue {
        value: value.to_string(),
        normalized: value.to_string(),
        confidence: evidence.confidence(),
        page_no: 1,
        page_id,
        bbox: word.bbox,
        evidence,
        reread: None,
    }
}

/// A bilevel (CCITT G4) chart page of the sample, as a scanner's fax mode writes it, read
/// by the real binary (OCR only): the temporary directory holding it, its page id, row and
/// words.
fn sample_page() -> (
    tempfile::TempDir,
    i64,
    chartscan::store::PageRow,
    Vec<chartscan::model::Word>,
) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("archive");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(
        sample().join("box-001/folder-002/scan-0013.tif"),
        root.join("scan.tif"),
    )
    .unwrap();
    let dbp = tmp.path().join("t.db");
    let out = ingest(&root, &dbp, &["--no-extract"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = Store::open_existing(&dbp).unwrap();
    let page_id: i64 = db(&dbp)
        .query_row("SELECT id FROM pages WHERE page_no = 1", [], |r| r.get(0))
        .unwrap();
    let page = store.page(page_id).unwrap();
    let words = store.document_pages(page.file_id, 1, 1).unwrap()[0]
        .input
        .words
        .clone();
    (tmp, page_id, page, words)
}

#[test]
fn a_second_reading_confirms_only_what_the_pixels_say() {
    let (tmp, page_id, page, words) = sample_page();
    // A clearly read word of letters only, and another word to claim its place.
    let clear = words
        .iter()
        .find(|w| w.conf >= 90.0 && w.text.len() >= 6 && w.text.chars().all(char::is_alphabetic))
        .expect("a clearly read word on the sample page");
    let other = words
        .iter()
        .find(|w| w.text.len() >= 4 && !w.text.eq_ignore_ascii_case(&clear.text))
        .unwrap();

    let mut fields = BTreeMap::new();
    fields.insert(
        "patient_name".to_string(),
        field(clear, &clear.text, page_id, 1.0),
    );
    fields.insert(
        "provider".to_string(),
        field(clear, &other.text, page_id, 1.0),
    );
    // However sure its words, 0.5 support cannot reach the 0.8 threshold.
    fields.insert(
        "encounter_date".to_string(),
        field(clear, &clear.text, page_id, 0.5),
    );
    let doc = ExtractedDocument {
        doc_type: DocType::Other,
        doc_type_confidence: 1.0,
        fields,
    };
    let pages = HashMap::from([(page_id, page)]);
    let opts = RereadOptions {
        lang: "eng".into(),
        jobs: 1,
        pdfium: None,
        root: None,
    };

    let mut docs = vec![doc.clone()];
    let summary = Rereader::new(opts.clone())
        .unwrap()
        .confirm(&mut docs, &pages, 0.8, today());
    let f = &docs[0].fields;
    let same = &f["patient_name"];
    let second = same.reread.expect("the word was read again");
    assert!(second >= 0.8, "a clear word reads clearly again: {second}");
    assert_eq!(same.confidence, (second * 1000.0).round() / 1000.0);
    assert_eq!(f["provider"].reread, Some(0.0), "other words do not agree");
    assert_eq!(f["provider"].confidence, 0.3);
    assert_eq!(f["encounter_date"].reread, None, "not worth a reading");
    assert_eq!(f["encounter_date"].confidence, 0.15);
    assert_eq!(
        (summary.reread, summary.confirmed, summary.unavailable),
        (2, 1, 0)
    );

    // The archive moved and nobody said where: nothing changes, and the run says so.
    let mut docs = vec![doc];
    let moved = RereadOptions {
        root: Some(tmp.path().join("gone")),
        ..opts
    };
    let summary = Rereader::new(moved)
        .unwrap()
        .confirm(&mut docs, &pages, 0.8, today());
    assert_eq!(summary.unavailable, 2);
    assert!(docs[0].fields.values().all(|f| f.reread.is_none()));
    assert_eq!(docs[0].fields["patient_name"].confidence, 0.3);
}

/// One pass of second readings over `docs`, whose fields are all on one page.
fn reread_on(
    docs: &mut [ExtractedDocument],
    page_id: i64,
    page: chartscan::store::PageRow,
) -> chartscan::reread::RereadSummary {
    let opts = RereadOptions {
        lang: "eng".into(),
        jobs: 1,
        pdfium: None,
        root: None,
    };
    Rereader::new(opts)
        .unwrap()
        .confirm(docs, &HashMap::from([(page_id, page)]), 0.8, today())
}

#[test]
fn a_second_reading_sets_apart_an_initial_run_into_the_given_name() {
    let (_tmp, page_id, page, words) = sample_page();
    // The page prints "Conrad M. Ramanathan, MD". A first reading that ran the initial
    // into the given name ("ConradM."), as page readings do when the gap is tight, is
    // made of the three words' region; a confident one, under no doubt.
    let at = |t: &str| words.iter().position(|w| w.text == t).unwrap();
    let (i, j) = (at("Conrad"), at("Ramanathan,"));
    assert_eq!(words[i + 1].text, "M.");
    let bbox = words[i..=j]
        .iter()
        .fold(words[i].bbox, |b, w| b.union(&w.bbox));
    let mut name = field(&words[i], "ConradM. Ramanathan,", page_id, 1.0);
    name.normalized = "Conradm Ramanathan".into();
    name.bbox = bbox;
    name.evidence.ocr = 0.95;
    name.confidence = name.evidence.confidence();
    let doc = ExtractedDocument {
        doc_type: DocType::Other,
        doc_type_confidence: 1.0,
        fields: BTreeMap::from([("provider".to_string(), name)]),
    };
    let mut docs = vec![doc];
    let summary = reread_on(&mut docs, page_id, page);
    let f = &docs[0].fields["provider"];
    assert_eq!(f.normalized, "Conrad M Ramanathan");
    assert_eq!(f.value, "Conrad M. Ramanathan,");
    assert_eq!(f.confidence, 0.95, "the confidence is the first reading's");
    assert!(f.reread.is_some_and(|c| c >= 0.8));
    assert_eq!((summary.initials_apart, summary.reread), (1, 0));
}

#[test]
fn an_empty_initial_box_the_page_shows_blank_lifts_its_doubt() {
    let (_tmp, page_id, page, words) = sample_page();
    // Where "M." stands after "Conrad" the page has ink; a box of its size the same way
    // beyond the line's last word, where the page is blank, has none.
    let at = |t: &str| words.iter().position(|w| w.text == t).unwrap();
    let m = words[at("Conrad") + 1].bbox;
    let line_end = words
        .iter()
        .filter(|w| w.bbox.y.abs_diff(m.y) < m.h)
        .map(|w| w.bbox.right())
        .max()
        .unwrap();
    let pad = m.h / 3;
    let inked = BBox::new(m.x - pad, m.y - pad, m.w + 2 * pad, m.h + 2 * pad);
    let blank = BBox {
        x: line_end + 4 * m.h,
        ..inked
    };
    assert!(blank.right() < page.width, "the sample line leaves room");
    let doubtful = |region: BBox| {
        let mut f = field(&words[at("Conrad")], "Conrad Ramanathan", page_id, 0.82);
        f.evidence.ocr = 0.95;
        f.evidence.blank = Some(Blank {
            doubted: Some(region),
            factor: 0.82,
            checked: None,
        });
        f.confidence = f.evidence.confidence();
        f
    };
    // A stretch looked at without a doubt taken for it (where a lost suffix would be).
    let checked = |region: BBox| {
        let mut f = field(&words[at("Conrad")], "Conrad Ramanathan", page_id, 1.0);
        f.evidence.ocr = 0.95;
        f.evidence.blank = Some(Blank {
            doubted: None,
            factor: 1.0,
            checked: Some(region),
        });
        f.confidence = f.evidence.confidence();
        f
    };
    let doc = ExtractedDocument {
        doc_type: DocType::Other,
        doc_type_confidence: 1.0,
        fields: BTreeMap::from([
            ("patient_name".to_string(), doubtful(blank)),
            ("provider".to_string(), doubtful(inked)),
            ("checked_blank".to_string(), checked(blank)),
            ("checked_inked".to_string(), checked(inked)),
        ]),
    };
    let mut docs = vec![doc];
    let summary = reread_on(&mut docs, page_id, page);
    let f = &docs[0].fields;
    assert_eq!(
        f["patient_name"].confidence, 0.95,
        "the blank box's doubt goes"
    );
    assert_eq!(
        f["provider"].confidence, 0.779,
        "ink where the initial goes"
    );
    assert_eq!(summary.blanks, 1);
    assert_eq!(f["checked_blank"].confidence, 0.95, "nothing unread there");
    assert_eq!(
        f["checked_inked"].confidence, 0.779,
        "ink OCR did not read after the value"
    );
    assert_eq!(summary.unread_ink, 1);
}

#[test]
fn an_identifier_the_region_reads_otherwise_is_doubted() {
    let (_tmp, page_id, page, words) = sample_page();
    // The page prints "CHART # 00236626" and "DATE OF BIRTH 1978-10-22". A first reading
    // that took the MRN's first zero for a nine, however sure, is disputed by the region's;
    // the birth date, read the same, is left as it was.
    let at = |t: &str| words.iter().find(|w| w.text == t).unwrap();
    let mut mrn = field(at("00236626"), "90236626", page_id, 1.0);
    mrn.evidence.ocr = 0.95;
    mrn.confidence = mrn.evidence.confidence();
    let mut dob = field(at("1978-10-22"), "1978-10-22", page_id, 1.0);
    dob.evidence.ocr = 0.95;
    dob.confidence = dob.evidence.confidence();
    let doc = ExtractedDocument {
        doc_type: DocType::Other,
        doc_type_confidence: 1.0,
        fields: BTreeMap::from([("mrn".to_string(), mrn), ("date_of_birth".to_string(), dob)]),
    };
    let mut docs = vec![doc];
    let summary = reread_on(&mut docs, page_id, page);
    let f = &docs[0].fields;
    assert!(f["mrn"].confidence < 0.8, "{}", f["mrn"].confidence);
    assert_eq!(f["mrn"].reread, Some(0.0));
    assert_eq!(f["mrn"].normalized, "90236626", "the value stays, doubted");
    assert_eq!(f["date_of_birth"].confidence, 0.95);
    assert_eq!(f["date_of_birth"].reread, None);
    assert_eq!(summary.disputed, 1);
}
