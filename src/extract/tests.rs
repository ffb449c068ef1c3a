//! Extractor tests on hand-built word boxes: one per distractor kind, plus field forms.

use super::layout::testutil::page;
use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn doc(lines: &[(u32, u32, &str)]) -> ExtractedDocument {
    let words = page(lines);
    extract_document(
        &[PageInput {
            page_no: 1,
            page_id: 1,
            width: 2550,
            height: 3300,
            words,
        }],
        today(),
    )
}

fn get(d: &ExtractedDocument, f: &str) -> Option<String> {
    d.fields.get(f).map(|v| v.normalized.clone())
}

/// Dev aid, not a test: prints lines and candidates of one stored document
/// (`CHARTSCAN_DEBUG_DB=/tmp/x.db CHARTSCAN_DEBUG_PATH=part/of/path cargo test debug_doc -- --ignored --nocapture`).
#[test]
#[ignore]
fn debug_doc() {
    let db = std::env::var("CHARTSCAN_DEBUG_DB").unwrap();
    let pat = std::env::var("CHARTSCAN_DEBUG_PATH").unwrap();
    let store = crate::store::Store::open_existing(std::path::Path::new(&db)).unwrap();
    let file_id: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM files WHERE path LIKE ?1",
            [format!("%{pat}%")],
            |r| r.get(0),
        )
        .unwrap();
    let pages: Vec<PageInput> = store
        .document_pages(file_id, 1, 99)
        .unwrap()
        .into_iter()
        .map(|p| p.input)
        .collect();
    for (i, p) in pages.iter().enumerate() {
        let ls = layout::lines(&p.words);
        for (li, l) in ls.iter().enumerate() {
            let hits = labels::find(l);
            println!(
                "p{} l{li} h{:.0}: {}   || {:?}",
                p.page_no,
                l.h,
                l.toks
                    .iter()
                    .map(|t| format!("{}[{}]", t.raw, t.bbox.x))
                    .collect::<Vec<_>>()
                    .join(" "),
                hits.iter()
                    .map(|h| (h.start, h.end, h.kind))
                    .collect::<Vec<_>>()
            );
        }
        for c in fields::page_candidates(&ls, i, today()) {
            println!(
                "  cand {:?} p{} {:?} {:?} -> {} v{:.2} o{:.2}",
                c.target, c.priority, c.dir, c.raw, c.normalized, c.validity, c.ocr
            );
        }
    }
    println!("{:#?}", extract_document(&pages, today()));
}
