//! Orientation: a page scanned upside down that Tesseract's orientation detector does not
//! recognise as turned is read the right way up all the same (a poor first reading is tried
//! turned half round, and the better reading is kept).

mod common;
use common::*;

#[test]
fn an_upside_down_page_the_detector_misses_is_turned() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("scans");
    copy_tree(&repo().join("fixtures").join("upside-down"), &root);
    let db_path = dir.path().join("chart.db");
    let out = ingest(&root, &db_path, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = db(&db_path);
    let (rotation, conf): (i64, f64) = c
        .query_row(
            "SELECT rotation, mean_conf FROM pages WHERE page_no = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(rotation, 180);
    assert!(conf > 80.0, "mean confidence {conf}");
    let field = |name: &str| -> Option<String> {
        c.query_row(
            "SELECT normalized FROM fields WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .ok()
    };
    assert_eq!(field("mrn").as_deref(), Some("0571996"));
    assert_eq!(
        field("patient_name").as_deref(),
        Some("Imelda R Fairweather")
    );
}
