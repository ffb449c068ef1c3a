//! Test support for the review workstation: a database made by really ingesting
//! `fixtures/sample`, shared between tests (and test processes), and a running server.
//!
//! Until the field extractor is on main, ingest leaves `documents` empty; then (and only then)
//! [`seed_if_empty`] adds one document per file from `fixtures/sample/truth.jsonl`, with boxes
//! found among the page's OCR words, and flags some for review. With real extraction the same
//! tests run on what the extractor produced.
#![allow(dead_code)]

use rusqlite::{params, Connection, OptionalExtension};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_chartscan");

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample")
}

/// The shared ingested sample database (never modified by tests: copy it with [`fresh_db`]).
pub fn sample_db() -> &'static Path {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        std::fs::create_dir_all(&dir).unwrap();
        // Keyed by the binary, so a rebuilt chartscan ingests again (and by how the sample
        // is prepared: "strict" since the queue is made with a strict threshold).
        let meta = std::fs::metadata(BIN).expect("chartscan binary");
        let mtime = meta
            .modified()
            .unwrap()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let key = format!("{}-{mtime}-strict", meta.len());
        let db = dir.join(format!("review-sample-{key}.db"));
        let lock = dir.join(format!("review-sample-{key}.lock"));
        let started = Instant::now();
        loop {
            if db.exists() {
                return db;
            }
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&lock)
            {
                Ok(_) => break,
                Err(_) => {
                    // Another test process is ingesting; a lock older than 20 minutes is stale.
                    let stale = std::fs::metadata(&lock)
                        .and_then(|m| m.modified())
                        .map(|t| t.elapsed().unwrap_or_default() > Duration::from_secs(1200))
                        .unwrap_or(false);
                    if stale {
                        let _ = std::fs::remove_file(&lock);
                    }
                    assert!(
                        started.elapsed() < Duration::from_secs(1500),
                        "waited too long for the sample ingest"
                    );
                    std::thread::sleep(Duration::from_millis(500));
                }
            }
        }
        let tmp = dir.join(format!("review-sample-{key}.tmp.db"));
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", tmp.display()));
        }
        let out = Command::new(BIN)
            .args(["ingest", "-q", "-j", "2", "--db"])
            .arg(&tmp)
            .arg(fixtures())
            .output()
            .expect("running chartscan ingest");
        assert!(
            matches!(out.status.code(), Some(0) | Some(2)),
            "ingest failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // A strict reviewer's threshold, so that the small sample keeps a queue to work as
        // extraction improves (at the default 0.8 one of its 16 documents was left flagged
        // by ae0c166; at 0.93, nine): flags are recomputed over all documents, nothing is
        // OCR'd again.
        let out = Command::new(BIN)
            .args([
                "extract",
                "--no-reread",
                "--review-threshold",
                "0.93",
                "--db",
            ])
            .arg(&tmp)
            .output()
            .expect("running chartscan extract");
        assert!(
            out.status.success(),
            "extract failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        {
            let c = Connection::open(&tmp).unwrap();
            seed_if_empty(&c);
            c.pragma_update(None, "wal_checkpoint", "TRUNCATE").ok();
            c.pragma_update(None, "journal_mode", "DELETE").unwrap();
        }
        std::fs::rename(&tmp, &db).unwrap();
        let _ = std::fs::remove_file(&lock);
        db
    })
}

/// A private copy of the sample database for one test.
pub fn fresh_db() -> (tempfile::TempDir, PathBuf) {
    let src = sample_db();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("review.db");
    std::fs::copy(src, &db).unwrap();
    (dir, db)
}

/// Fields the seeding knows how to place, with the word tokens to look for.
fn tokens(name: &str, value: &str) -> Vec<String> {
    match name {
        "date_of_birth" | "encounter_date" => {
            // Printed in some US form; look for the year, the most distinctive part.
            vec![value.get(0..4).unwrap_or(value).to_string()]
        }
        _ => value.split_whitespace().map(|s| s.to_lowercase()).collect(),
    }
}

/// Bounding box of the words on `page_id` that spell `value` (best effort), else None.
fn find_box(c: &Connection, page_id: i64, name: &str, value: &str) -> Option<[i64; 4]> {
    let words: String = c
        .query_row(
            "SELECT words FROM page_words WHERE page_id = ?1",
            params![page_id],
            |r| r.get(0),
        )
        .optional()
        .ok()??;
    let words: Vec<serde_json::Value> = serde_json::from_str(&words).ok()?;
    let want = tokens(name, value);
    let clean = |s: &str| {
        s.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    for (i, w) in words.iter().enumerate() {
        let text = clean(w[5].as_str().unwrap_or(""));
        let first_ok = if matches!(name, "date_of_birth" | "encounter_date") {
            text.contains(&want[0])
        } else {
            text == want[0]
        };
        if !first_ok {
            continue;
        }
        let (mut x0, mut y0) = (w[0].as_i64()?, w[1].as_i64()?);
        let (mut x1, mut y1) = (x0 + w[2].as_i64()?, y0 + w[3].as_i64()?);
        // Extend over the following words of the value on the same line.
        for (k, t) in want.iter().enumerate().skip(1) {
            let Some(n) = words.get(i + k) else { break };
            if clean(n[5].as_str().unwrap_or("")) != *t
                || n[6] != w[6]
                || n[7] != w[7]
                || n[8] != w[8]
            {
                break;
            }
            x0 = x0.min(n[0].as_i64()?);
            y0 = y0.min(n[1].as_i64()?);
            x1 = x1.max(n[0].as_i64()? + n[2].as_i64()?);
            y1 = y1.max(n[1].as_i64()? + n[3].as_i64()?);
        }
        return Some([x0, y0, x1 - x0, y1 - y0]);
    }
    None
}

/// Seeds documents and fields from truth.jsonl when ingest produced no documents.
pub fn seed_if_empty(c: &Connection) {
    let n: i64 = c
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    if n > 0 {
        return;
    }
    let truth = std::fs::read_to_string(fixtures().join("truth.jsonl")).unwrap();
    for (i, line) in truth.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let t: serde_json::Value = serde_json::from_str(line).unwrap();
        let source = t["source"].as_str().unwrap();
        let Some((file_id, pages)) = c
            .query_row("SELECT id, max(page_count, 1) FROM files WHERE path = ?1 AND status IN ('ingested', 'partial')", params![source], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })
            .optional()
            .unwrap()
        else {
            continue;
        };
        let first_page: Option<(i64, i64, i64)> = c
            .query_row(
                "SELECT id, coalesce(width, 0), coalesce(height, 0) FROM pages WHERE file_id = ?1 ORDER BY page_no LIMIT 1",
                params![file_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .unwrap();
        let fields = t["fields"].as_object().unwrap();
        let mut reasons: Vec<String> = Vec::new();
        if fields.get("mrn").map(|v| v.is_null()).unwrap_or(true) {
            reasons.push("missing:mrn".into());
        }
        if i % 3 == 0 {
            reasons.push("low_confidence:date_of_birth".into());
        }
        if i % 4 == 1 {
            reasons.push("low_confidence:patient_name".into());
        }
        c.execute(
            "INSERT INTO documents (file_id, first_page, last_page, doc_type, doc_type_confidence, needs_review, review_reasons, extracted_at)
             VALUES (?1, 1, ?2, ?3, 0.9, ?4, ?5, ?6)",
            params![
                file_id,
                pages,
                t["doc_type"].as_str().unwrap_or("other"),
                !reasons.is_empty(),
                serde_json::to_string(&reasons).unwrap(),
                format!("2026-01-01T00:00:{:02}.000Z", i)
            ],
        )
        .unwrap();
        let doc = c.last_insert_rowid();
        for (name, v) in fields {
            let Some(value) = v.as_str() else { continue };
            let (page_id, bbox) = match first_page {
                Some((pid, w, h)) => {
                    let b = find_box(c, pid, name, value).unwrap_or([
                        w / 10,
                        h / 10,
                        (w * 3 / 10).max(1),
                        (h / 30).max(1),
                    ]);
                    (Some(pid), Some(b))
                }
                None => (None, None),
            };
            let low = reasons.iter().any(|r| r.ends_with(&format!(":{name}")));
            c.execute(
                "INSERT INTO fields (document_id, name, value, normalized, confidence, page_id, page_no, x, y, w, h)
                 VALUES (?1, ?2, ?3, ?3, ?4, ?5, 1, ?6, ?7, ?8, ?9)",
                params![
                    doc,
                    name,
                    value,
                    if low { 0.55 } else { 0.93 },
                    page_id,
                    bbox.map(|b| b[0]),
                    bbox.map(|b| b[1]),
                    bbox.map(|b| b[2]),
                    bbox.map(|b| b[3])
                ],
            )
            .unwrap();
        }
    }
}

/// A flagged document with a located date of birth on a page that has an image.
pub fn flagged_doc_with_dob(db: &Path) -> (i64, i64) {
    let c = Connection::open(db).unwrap();
    c.query_row(
        "SELECT d.id, f.page_id FROM documents d
         JOIN fields f ON f.document_id = d.id AND f.name = 'date_of_birth'
         JOIN pages p ON p.id = f.page_id
         JOIN files fl ON fl.id = d.file_id
         WHERE d.needs_review = 1 AND f.value IS NOT NULL AND f.w > 0 AND f.h > 0 AND p.width > 0
           AND fl.format IN ('png', 'jpeg', 'tiff')
         ORDER BY d.id LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .expect("the sample has a flagged document with a located date of birth")
}

/// A running `chartscan review` server, killed on drop.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub token: String,
}

impl Server {
    pub fn start(db: &Path, extra: &[&str]) -> Server {
        Self::start_with_stderr(db, extra, Stdio::inherit())
    }

    /// Like [`Server::start`], with the server's log (stderr) sent to `stderr`.
    pub fn start_with_stderr(db: &Path, extra: &[&str], stderr: Stdio) -> Server {
        let mut child = Command::new(BIN)
            .args(["review", "--listen", "127.0.0.1:0", "--db"])
            .arg(db)
            .args(extra)
            .env_remove("CHARTSCAN_REVIEW_TOKEN")
            .env_remove("CHARTSCAN_LOG")
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("starting chartscan review");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut base = None;
        let mut token = None;
        for line in lines.by_ref() {
            let line = line.unwrap();
            if let Some(rest) = line.strip_prefix("chartscan review: listening on ") {
                base = Some(rest.trim_end_matches('/').to_string());
            }
            if let Some(rest) = line.strip_prefix("chartscan review: open ") {
                token = rest.split_once("?token=").map(|(_, t)| t.to_string());
                break;
            }
        }
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server {
            child,
            base: base.expect("server printed its address"),
            token: token.expect("server printed a token"),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
