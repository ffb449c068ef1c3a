//! End to end on the committed synthetic sample: the real `chartscan` binary ingests
//! `fixtures/sample` (OCR included), exports JSON lines, and the evaluator scores them
//! against `fixtures/sample/truth.jsonl`.
//!
//! Thresholds sit just under what this build measures on the sample (every field, doc type
//! and linkage 1.0; 2 of 16 documents flagged), leaving room for one OCR wobble, so a
//! regression in any field, in linkage or in the review flags fails the test, while an OCR
//! wobble of one value does not. About 1.5 minutes on 2 cores.

use std::path::Path;
use std::process::Command;

fn run(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().expect("run command");
    assert!(
        out.status.success(),
        "{:?} failed: {}\n{}",
        cmd,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn rows(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn sample_extraction_meets_thresholds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = env!("CARGO_BIN_EXE_chartscan");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sample.db");
    let export = dir.path().join("sample.jsonl");
    run(Command::new(bin)
        .args(["ingest", "-q", "-j", "2", "--db"])
        .arg(&db)
        .arg(root.join("fixtures/sample")));
    run(Command::new(bin)
        .args(["export", "--format", "jsonl", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&export));

    // Every line has the shape.
    let text = std::fs::read_to_string(&export).unwrap();
    let docs = rows(&text);
    assert_eq!(docs.len(), 16);
    for r in &docs {
        for k in [
            "source",
            "pages",
            "doc_type",
            "patient_id",
            "fields",
            "needs_review",
            "review_reasons",
        ] {
            assert!(r.get(k).is_some(), "missing key {k}");
        }
        for (_, f) in r["fields"].as_object().unwrap() {
            if f.is_null() {
                continue;
            }
            let c = f["confidence"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&c));
            assert_eq!(f["bbox"].as_array().unwrap().len(), 4);
            assert!(f["page"].as_u64().unwrap() >= 1);
        }
    }

    let out = run(Command::new("/usr/bin/python3")
        .arg(root.join("scripts/eval_extract.py"))
        .arg("--truth")
        .arg(root.join("fixtures/sample/truth.jsonl"))
        .arg("--pred")
        .arg(&export)
        .arg("--json"));
    let m: serde_json::Value = serde_json::from_slice(&out.stdout).expect("evaluator JSON");
    eprintln!("{m}");
    let field = |name: &str, k: &str| {
        m["fields"][name][k]
            .as_f64()
            .unwrap_or_else(|| panic!("no {name}.{k}"))
    };
    for f in ["patient_name", "date_of_birth", "mrn"] {
        assert!(field(f, "precision") >= 0.95, "{f} precision");
        assert!(field(f, "recall") >= 0.9, "{f} recall");
    }
    for f in ["sex", "encounter_date", "provider"] {
        assert!(field(f, "precision") >= 0.9, "{f} precision");
        assert!(field(f, "recall") >= 0.85, "{f} recall");
    }
    assert!(
        m["doc_type"]["accuracy"].as_f64().unwrap() >= 0.9,
        "doc type accuracy"
    );
    assert_eq!(
        m["linkage"]["wrong_merges"].as_u64(),
        Some(0),
        "wrong merges"
    );
    assert!(
        m["linkage"]["recall"].as_f64().unwrap() >= 0.85,
        "linkage recall"
    );
    assert_eq!(
        m["silent_errors"]["count"].as_u64(),
        Some(0),
        "silent errors"
    );
    assert!(
        m["flagged"]["share"].as_f64().unwrap() <= 0.25,
        "flagged share"
    );

    // Re-running extraction alone (no OCR) gives the same export.
    run(Command::new(bin)
        .args(["extract", "--all", "--db"])
        .arg(&db));
    let export2 = dir.path().join("again.jsonl");
    run(Command::new(bin)
        .args(["export", "--format", "jsonl", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&export2));
    assert_eq!(docs, rows(&std::fs::read_to_string(&export2).unwrap()));
}
