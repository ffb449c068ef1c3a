//! Search, patient timeline, FHIR and CSV export, run through the real binary on an ingested
//! copy of fixtures/sample (ingested once per test binary: OCR takes a minute or two).
//!
//! Until field extraction lands, ingest leaves `documents` empty; then [`seed_from_truth`]
//! fills documents, fields and patients from fixtures/sample/truth.jsonl through plain SQL,
//! one document per file. Once extraction runs during ingest, the seed is skipped and the same
//! assertions run on extracted data.
//!
//! FHIR validation uses scripts/fhir-validate.py with the `fhir.resources` venv made by
//! scripts/setup.sh: `$CHARTSCAN_FHIR_PY`, else /opt/chartscan-fhir/bin/python. Without it the
//! test fails.

mod common;

use base64::Engine;
use chartscan::store::Store;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use sha1::Digest;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const BIN: &str = env!("CARGO_BIN_EXE_chartscan");

struct Sample {
    _dir: tempfile::TempDir,
    root: PathBuf,
    db: PathBuf,
}

#[derive(Debug, Clone)]
struct Truth {
    source: String,
    pages: u32,
    doc_type: String,
    patient_key: String,
    fields: BTreeMap<String, Option<String>>,
}

fn fixtures() -> PathBuf {
    common::sample()
}

fn truth() -> Vec<Truth> {
    let text = std::fs::read_to_string(fixtures().join("truth.jsonl")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            Truth {
                source: v["source"].as_str().unwrap().to_string(),
                pages: v["pages"].as_u64().unwrap() as u32,
                doc_type: v["doc_type"].as_str().unwrap().to_string(),
                patient_key: v["patient_key"].as_str().unwrap().to_string(),
                fields: v["fields"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().map(str::to_string)))
                    .collect(),
            }
        })
        .collect()
}

/// Seeds documents, fields and patients from truth.jsonl — only while ingest made none.
fn seed_from_truth(conn: &Connection) {
    let docs: i64 = conn
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    if docs > 0 {
        return;
    }
    let truth = truth();
    // One patient per truth key, demographics from the first document that states each.
    let mut patients: BTreeMap<String, i64> = BTreeMap::new();
    for t in &truth {
        if patients.contains_key(&t.patient_key) {
            continue;
        }
        let first = |name: &str| {
            truth
                .iter()
                .filter(|x| x.patient_key == t.patient_key)
                .find_map(|x| x.fields.get(name).cloned().flatten())
        };
        let name = first("patient_name").unwrap();
        let mut parts: Vec<&str> = name.split_whitespace().collect();
        let family = parts.pop().unwrap().to_string();
        conn.execute(
            "INSERT INTO patients (mrn, name, given, family, dob, sex, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '2026-01-01T00:00:00Z')",
            params![first("mrn"), name, parts.join(" "), family, first("date_of_birth"), first("sex")],
        )
        .unwrap();
        patients.insert(t.patient_key.clone(), conn.last_insert_rowid());
    }
    for t in &truth {
        let file_id: i64 = conn
            .query_row(
                "SELECT id FROM files WHERE path = ?1",
                params![t.source],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("{} not ingested: {e}", t.source));
        let missing: Vec<String> = ["mrn", "date_of_birth", "encounter_date"]
            .iter()
            .filter(|n| t.fields.get(**n).cloned().flatten().is_none())
            .map(|n| format!("missing:{n}"))
            .collect();
        conn.execute(
            "INSERT INTO documents (file_id, first_page, last_page, doc_type, patient_id, link_method, needs_review, review_reasons, extracted_at)
             VALUES (?1, 1, ?2, ?3, ?4, 'mrn', ?5, ?6, '2026-01-01T00:00:00Z')",
            params![file_id, t.pages, t.doc_type, patients[&t.patient_key], !missing.is_empty(), serde_json::to_string(&missing).unwrap()],
        )
        .unwrap();
        let doc = conn.last_insert_rowid();
        for (name, value) in &t.fields {
            let Some(value) = value else { continue };
            let page_id: Option<i64> = conn
                .query_row(
                    "SELECT id FROM pages WHERE file_id = ?1 AND page_no = 1",
                    params![file_id],
                    |r| r.get(0),
                )
                .optional()
                .unwrap();
            conn.execute(
                "INSERT INTO fields (document_id, name, value, normalized, confidence, page_id, page_no) VALUES (?1, ?2, ?3, ?3, 0.9, ?4, 1)",
                params![doc, name, value, page_id],
            )
            .unwrap();
        }
    }
}

fn sample() -> &'static Sample {
    static S: OnceLock<Sample> = OnceLock::new();
    S.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("archive");
        common::copy_tree(&fixtures(), &root);
        let db = dir.path().join("base.db");
        let out = common::ingest(&root, &db, &[]);
        assert!(
            matches!(out.status.code(), Some(0) | Some(2)),
            "ingest failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let store = Store::open(&db).unwrap();
        seed_from_truth(store.conn());
        store
            .conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        drop(store);
        Sample {
            _dir: dir,
            root,
            db,
        }
    })
}

/// A private copy of the ingested database (for tests that change it).
fn db_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let s = sample();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(format!("{name}.db"));
    std::fs::copy(&s.db, &db).unwrap();
    (dir, db)
}

fn run(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "chartscan {args:?} failed ({:?}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn run_json(args: &[&str]) -> Value {
    serde_json::from_str(&run(args)).unwrap()
}

fn hit_sources(v: &Value) -> BTreeSet<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["source"].as_str().unwrap().to_string())
        .collect()
}

fn truth_sources(pred: impl Fn(&Truth) -> bool) -> BTreeSet<String> {
    truth()
        .into_iter()
        .filter(|t| pred(t))
        .map(|t| t.source)
        .collect()
}

fn db_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn full_text_finds_a_known_word_with_its_page_id_and_source() {
    let s = sample();
    let v = run_json(&[
        "search",
        "--db",
        db_str(&s.db),
        "discharge",
        "--json",
        "--limit",
        "50",
    ]);
    let hits = v["hits"].as_array().unwrap();
    let h = hits
        .iter()
        .find(|h| h["source"] == "box-001/folder-001/IMG-0006.pdf")
        .unwrap_or_else(|| panic!("the discharge summary is not among the hits: {v:#}"));
    assert!(
        h["snippet"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("«discharge»"),
        "{h:#}"
    );
    assert_eq!(h["doc_type"], "discharge_summary");
    assert!(h["rank"].is_number());
    // The page id is the one `show` opens, and it is the same file and page.
    let page_id = h["page_id"].as_i64().unwrap().to_string();
    let shown = run_json(&["show", "--db", db_str(&s.db), "--page", &page_id, "--json"]);
    assert_eq!(shown["source"], h["source"]);
    assert_eq!(shown["page"], h["page_no"]);
    assert!(shown["text"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("discharge"));
    // Ranked: the best hit's page says "discharge" at least as often as the worst's.
    let count = |h: &Value| {
        let id = h["page_id"].as_i64().unwrap().to_string();
        let t = run_json(&["show", "--db", db_str(&s.db), "--page", &id, "--json"]);
        t["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .matches("discharge")
            .count()
    };
    assert!(count(&hits[0]) >= count(hits.last().unwrap()));
}

#[test]
fn hostile_queries_do_not_error() {
    let s = sample();
    for q in [
        "\"O'Brien",
        "AND",
        "OR NOT",
        "NEAR(",
        "text:x",
        "*",
        "\"",
        "a\"b*",
        "-x",
        "^start",
    ] {
        let v = run_json(&["search", "--db", db_str(&s.db), "--json", "--", q]);
        assert!(v["hits"].is_array(), "{q}");
    }
    // Bad dates are refused with a message, not a crash.
    let out = Command::new(BIN)
        .args(["search", "--db", db_str(&s.db), "--from", "31/31/2020"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a date"));
}

#[test]
fn mrn_lookup_finds_the_patients_documents() {
    let s = sample();
    let want = truth_sources(|t| t.patient_key == "P0003");
    // Printed as 0005-3829 on one chart: punctuation does not matter.
    let v = run_json(&[
        "search",
        "--db",
        db_str(&s.db),
        "--mrn",
        "0005-3829",
        "--json",
    ]);
    assert_eq!(hit_sources(&v), want);
    for h in v["hits"].as_array().unwrap() {
        assert!(h["page_id"].is_i64());
        assert_eq!(h["mrn"], "00053829");
    }
    // Combined with full text and a date range.
    let v = run_json(&[
        "search",
        "--db",
        db_str(&s.db),
        "--mrn",
        "00053829",
        "--from",
        "01/01/2021",
        "--to",
        "Dec 31, 2022",
        "--json",
    ]);
    assert_eq!(
        hit_sources(&v),
        BTreeSet::from(["box-001/folder-001/IMG-0006.pdf".to_string()])
    );

    // The timeline: the same documents, oldest first, demographics with provenance.
    let t = run_json(&[
        "patient",
        "--db",
        db_str(&s.db),
        "--mrn",
        "00053829",
        "--json",
    ]);
    let t = &t.as_array().unwrap()[0];
    let docs = t["documents"].as_array().unwrap();
    let sources: BTreeSet<String> = docs
        .iter()
        .map(|d| d["source"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(sources, want);
    let dates: Vec<&str> = docs.iter().filter_map(|d| d["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let dob = t["demographics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["field"] == "date_of_birth")
        .unwrap();
    assert_eq!(dob["value"], "1994-04-22");
    let from = dob["from"]["source"].as_str().unwrap();
    assert!(want.contains(from), "{from}");
    assert!(dob["from"]["page_id"].is_i64());
    // Same patient by id.
    let id = t["patient"]["id"].as_i64().unwrap().to_string();
    let by_id = run_json(&["patient", "--db", db_str(&s.db), "--id", &id, "--json"]);
    assert_eq!(by_id["documents"], t["documents"]);
}

#[test]
fn needs_review_lists_exactly_the_pending_documents() {
    let s = sample();
    let v = run_json(&[
        "search",
        "--db",
        db_str(&s.db),
        "--needs-review",
        "--json",
        "--limit",
        "1000",
    ]);
    let c = Connection::open(&s.db).unwrap();
    let pending: i64 = c
        .query_row(
            "SELECT count(*) FROM documents WHERE needs_review = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len() as i64, pending);
    assert!(hits.iter().all(|h| h["needs_review"] == true));
    // Newest encounter first, undated last.
    let dates: Vec<Option<&str>> = hits.iter().map(|h| h["date"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| match (a, b) {
        (Some(x), Some(y)) => y.cmp(x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    assert_eq!(dates, sorted);
}

#[test]
fn misspelt_name_finds_the_patient() {
    let s = sample();
    let kowalski = truth_sources(|t| t.patient_key == "P0003");
    for name in [
        "Jakob Kowalsky",
        "Kowalski, Jacob",
        "KOWA1SKI",
        "Jacob Rowalski",
    ] {
        let v = run_json(&["search", "--db", db_str(&s.db), "--name", name, "--json"]);
        assert_eq!(hit_sources(&v), kowalski, "{name}");
        assert!(!v["name_matches"].as_array().unwrap().is_empty());
    }
    // Two Kenneth Millers: the date of birth tells them apart.
    let v = run_json(&[
        "search",
        "--db",
        db_str(&s.db),
        "--name",
        "Kenneth Miler",
        "--dob",
        "1/18/2005",
        "--json",
    ]);
    assert_eq!(hit_sources(&v), truth_sources(|t| t.patient_key == "P0002"));
    // A different name is not a slip.
    let v = run_json(&[
        "search",
        "--db",
        db_str(&s.db),
        "--name",
        "Kenneth Mills",
        "--json",
    ]);
    assert!(v["hits"].as_array().unwrap().is_empty(), "{v:#}");
    // Name and full text together.
    let v = run_json(&[
        "search",
        "--db",
        db_str(&s.db),
        "--name",
        "Jacob Kowalski",
        "discharge",
        "--json",
    ]);
    assert!(hit_sources(&v).iter().all(|s| kowalski.contains(s)));
    assert!(!v["hits"].as_array().unwrap().is_empty());
}

fn document_of(db: &Path, source: &str) -> i64 {
    let c = Connection::open(db).unwrap();
    c.query_row(
        "SELECT d.id FROM documents d JOIN files f ON f.id = d.file_id WHERE f.path = ?1 ORDER BY d.first_page LIMIT 1",
        params![source],
        |r| r.get(0),
    )
    .unwrap()
}

fn ndjson(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn reviewed_values_take_precedence_in_search_and_export() {
    let (dir, db) = db_copy("reviewed");
    let source = "box-001/folder-001/IMG-0002.jpg";
    let doc = document_of(&db, source);
    {
        let c = Connection::open(&db).unwrap();
        for (name, value) in [
            ("encounter_date", "1999-12-31"),
            ("provider", "Zelda Q Reviewer"),
        ] {
            c.execute(
                "INSERT OR REPLACE INTO field_reviews (document_id, name, action, value, normalized, reviewer, reviewed_at)
                 VALUES (?1, ?2, 'corrected', ?3, ?3, 'tester', '2026-01-02T00:00:00Z')",
                params![doc, name, value],
            )
            .unwrap();
        }
        c.execute(
            "UPDATE documents SET reviewed_doc_type = 'lab_report', needs_review = 0 WHERE id = ?1",
            params![doc],
        )
        .unwrap();
    }
    let d = db_str(&db);
    // Search uses the corrected date and type.
    let v = run_json(&[
        "search",
        "--db",
        d,
        "--from",
        "12/01/1999",
        "--to",
        "31-Dec-1999",
        "--json",
    ]);
    assert_eq!(hit_sources(&v), BTreeSet::from([source.to_string()]));
    assert_eq!(v["hits"][0]["date"], "1999-12-31");
    assert_eq!(v["hits"][0]["doc_type"], "lab_report");
    let v = run_json(&["search", "--db", d, "--type", "lab_report", "--json"]);
    assert!(hit_sources(&v).contains(source));
    let v = run_json(&["search", "--db", d, "--type", "progress_note", "--json"]);
    assert!(!hit_sources(&v).contains(source));

    // CSV carries the reviewer's values.
    let csv_path = dir.path().join("out.csv");
    run(&[
        "export",
        "--format",
        "csv",
        "--db",
        d,
        "--out",
        db_str(&csv_path),
    ]);
    let mut r = csv::Reader::from_path(&csv_path).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let row = r
        .records()
        .map(|x| x.unwrap())
        .find(|x| x[col("document_id")] == doc.to_string())
        .unwrap();
    assert_eq!(&row[col("encounter_date")], "1999-12-31");
    assert_eq!(&row[col("provider")], "Zelda Q Reviewer");
    assert_eq!(&row[col("doc_type")], "lab_report");
    assert!(row[col("reviewed_fields")].contains("encounter_date"));

    // FHIR too.
    let out = dir.path().join("fhir");
    run(&[
        "export",
        "--format",
        "fhir",
        "--db",
        d,
        "--out",
        db_str(&out),
    ]);
    let dr = ndjson(&out.join("DocumentReference.ndjson"));
    let r = dr
        .iter()
        .find(|r| r["id"].as_str().and_then(|s| s.parse().ok()) == Some(doc))
        .unwrap();
    assert_eq!(r["context"]["period"]["start"], "1999-12-31");
    assert_eq!(r["author"][0]["display"], "Zelda Q Reviewer");
    assert_eq!(r["type"]["coding"][0]["code"], "11502-2");
    assert_eq!(r["docStatus"], "final");

    // The timeline lists it by the corrected date, first (oldest).
    let pid: i64 = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT patient_id FROM documents WHERE id = ?1",
            params![doc],
            |r| r.get(0),
        )
        .unwrap();
    let t = run_json(&["patient", "--db", d, "--id", &pid.to_string(), "--json"]);
    assert_eq!(t["documents"][0]["document_id"], doc);
    assert_eq!(t["documents"][0]["provider"], "Zelda Q Reviewer");
}

fn validator_python() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHARTSCAN_FHIR_PY") {
        return Some(PathBuf::from(p));
    }
    let p = PathBuf::from("/opt/chartscan-fhir/bin/python");
    p.exists().then_some(p)
}

#[test]
fn fhir_export_validates_and_references_resolve() {
    let s = sample();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("fhir");
    run(&[
        "export",
        "--format",
        "fhir",
        "--db",
        db_str(&s.db),
        "--out",
        db_str(&out),
        "--mrn-system",
        "urn:oid:2.16.840.1.113883.19.5",
    ]);

    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("export.json")).unwrap()).unwrap();
    assert_eq!(manifest["requiresAccessToken"], false);
    assert_eq!(manifest["error"], serde_json::json!([]));
    let types: Vec<&str> = manifest["output"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["Patient", "DocumentReference"]);
    for o in manifest["output"].as_array().unwrap() {
        let p = o["url"].as_str().unwrap().strip_prefix("file://").unwrap();
        assert!(Path::new(p).is_file(), "{p}");
    }

    let c = Connection::open(&s.db).unwrap();
    let (n_pat, n_doc): (i64, i64) = c
        .query_row(
            "SELECT (SELECT count(*) FROM patients), (SELECT count(*) FROM documents)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let (n_pat, n_doc) = (n_pat as usize, n_doc as usize);
    let patients = ndjson(&out.join("Patient.ndjson"));
    let docs = ndjson(&out.join("DocumentReference.ndjson"));
    assert_eq!(patients.len(), n_pat);
    assert_eq!(docs.len(), n_doc);
    let ids: BTreeSet<String> = patients
        .iter()
        .map(|p| format!("Patient/{}", p["id"].as_str().unwrap()))
        .collect();
    assert_eq!(ids.len(), patients.len(), "patient ids unique");

    // Every reference resolves; linked documents have a subject; attachments are the files.
    let mut linked = 0;
    for d in &docs {
        if let Some(r) = d["subject"]["reference"].as_str() {
            assert!(ids.contains(r), "{r} does not resolve");
            linked += 1;
        }
        let a = &d["content"][0]["attachment"];
        let url = a["url"].as_str().unwrap();
        let (path, pages) = url
            .strip_prefix("file://")
            .unwrap()
            .split_once("#page=")
            .unwrap();
        assert!(!pages.is_empty());
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(path.starts_with(s.root.to_str().unwrap()));
        assert_eq!(a["size"].as_u64().unwrap(), bytes.len() as u64);
        assert_eq!(
            a["hash"].as_str().unwrap(),
            base64::engine::general_purpose::STANDARD.encode(sha1::Sha1::digest(&bytes))
        );
        assert_eq!(d["status"], "current");
        assert!(["preliminary", "final"].contains(&d["docStatus"].as_str().unwrap()));
    }
    let n_linked: i64 = c
        .query_row(
            "SELECT count(*) FROM documents WHERE patient_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let n_linked = n_linked as usize;
    assert_eq!(linked, n_linked);
    // A discharge summary is coded with LOINC; an MRN carries the MR type and our system.
    assert!(docs
        .iter()
        .any(|d| d["type"]["coding"][0]["code"] == "18842-5"));
    let with_mrn = patients
        .iter()
        .find(|p| p["identifier"].is_array())
        .unwrap();
    assert_eq!(with_mrn["identifier"][0]["type"]["coding"][0]["code"], "MR");
    assert_eq!(
        with_mrn["identifier"][0]["system"],
        "urn:oid:2.16.840.1.113883.19.5"
    );
    // Documents still needing review are preliminary.
    let pending: i64 = c
        .query_row(
            "SELECT count(*) FROM documents WHERE needs_review = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let pending = pending as usize;
    assert_eq!(
        docs.iter()
            .filter(|d| d["docStatus"] == "preliminary")
            .count(),
        pending
    );

    // The registry validator (fhir.resources) accepts every resource.
    match validator_python() {
        Some(py) => {
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/fhir-validate.py");
            let o = Command::new(&py).arg(&script).arg(&out).output().unwrap();
            let report = String::from_utf8_lossy(&o.stdout);
            assert!(
                o.status.success(),
                "FHIR validation failed: {report}\n{}",
                String::from_utf8_lossy(&o.stderr)
            );
            let r: Value = serde_json::from_str(&report).unwrap();
            assert_eq!(r["valid"], true);
            assert_eq!(r["unresolved_references"], 0);
            assert_eq!(r["resources"]["DocumentReference"], n_doc);
        }
        None => panic!("no FHIR validator: run scripts/setup.sh or set CHARTSCAN_FHIR_PY"),
    }
}

#[test]
fn csv_has_one_row_per_document() {
    let s = sample();
    let text = run(&["export", "--format", "csv", "--db", db_str(&s.db)]);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let h = r.headers().unwrap().clone();
    assert_eq!(h.iter().collect::<Vec<_>>(), chartscan::export::csv::HEADER);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let c = Connection::open(&s.db).unwrap();
    let mut st = c.prepare("SELECT id FROM documents ORDER BY id").unwrap();
    let want: Vec<String> = st
        .query_map([], |r| r.get::<_, i64>(0))
        .unwrap()
        .map(|x| x.unwrap().to_string())
        .collect();
    let got: Vec<String> = rows.iter().map(|x| x[0].to_string()).collect();
    assert_eq!(got, want);
    // The fields are there: every truth MRN appears on its file's row.
    let src = h.iter().position(|x| x == "source").unwrap();
    let mrn = h.iter().position(|x| x == "mrn").unwrap();
    for t in truth() {
        if let Some(Some(m)) = t.fields.get("mrn") {
            let row = rows.iter().find(|r| r[src] == t.source).unwrap();
            assert_eq!(&row[mrn], m, "{}", t.source);
        }
    }
}
