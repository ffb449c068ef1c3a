//! The life of an archive across runs, on the synthetic sample: reruns add nothing, changed
//! files are read again without stale rows, duplicates and non-images are recorded, and runs
//! cut short by Ctrl-C or a kill end, after a rerun, exactly where an uninterrupted run does.

mod common;
use common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn runs_started(db: &Path) -> i64 {
    count_or_zero(db, "SELECT count(*) FROM runs")
}

fn files_committed(db: &Path) -> i64 {
    count_or_zero(db, "SELECT count(*) FROM files")
}

fn count_or_zero(db: &Path, sql: &str) -> i64 {
    if !db.exists() {
        return 0;
    }
    let Ok(c) = rusqlite::Connection::open(db) else {
        return 0;
    };
    c.query_row(sql, [], |r| r.get(0)).unwrap_or(0)
}

/// When to send the signal.
enum When {
    /// Once at least this many files are committed.
    Committed(i64),
    /// This long after the run has registered itself: mid-OCR, with results in flight but
    /// not yet committed (the writer commits every 2 s). A file count would race here: the
    /// rest of the sample can land in one batch, and the run ends before the signal.
    RunningFor(Duration),
}

/// Starts an ingest and signals it at `when`.
fn ingest_and_signal(root: &Path, db: &Path, when: When, signal: &str) -> Option<i32> {
    let runs_before = runs_started(db);
    let mut child = Command::new(bin())
        .args([
            "ingest",
            root.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "-j",
            "2",
            "--quiet",
            "--no-extract",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut started: Option<Instant> = None;
    loop {
        let due = match when {
            When::Committed(n) => files_committed(db) >= n,
            When::RunningFor(d) => {
                if started.is_none() && runs_started(db) > runs_before {
                    started = Some(Instant::now());
                }
                started.is_some_and(|t| t.elapsed() >= d)
            }
        };
        if due {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            return status.code(); // finished before we could signal it
        }
        assert!(
            start.elapsed() < Duration::from_secs(600),
            "ingest made no progress"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let ok = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let status = child.wait().unwrap();
    status.code()
}

#[test]
fn interrupted_and_killed_runs_end_like_an_uninterrupted_one() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("archive");
    copy_tree(&sample(), &root);

    // Baseline: one uninterrupted run.
    let base_db = tmp.path().join("base.db");
    let out = ingest(&root, &base_db, &["--no-extract"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let baseline = content_dump(&db(&base_db));
    assert!(baseline.len() >= 16, "sample should have at least 16 files");
    // The sample's 3-page PDF has an empty second sheet: recorded blank, not read.
    let blank = count(
        &db(&base_db),
        "SELECT count(*) FROM pages p JOIN files f ON f.id = p.file_id
          WHERE f.path = 'box-001/folder-001/IMG-0006.pdf' AND p.page_no = 2 AND p.status = 'blank' AND p.text = ''",
    );
    assert_eq!(blank, 1);

    // Ctrl-C after a few files, then a hard kill of the resumed run. How much work the
    // Ctrl-C run leaves (pages in flight are finished) and how fast the rest goes depend on
    // the machine: when the resumed run ends before the kill, both are tried again on a
    // fresh database with the kill sooner. What is asserted holds on every attempt.
    let mut db2 = tmp.path().join("cut.db");
    let mut cut_short = false;
    for (attempt, delay_ms) in [800u64, 300, 100, 20].into_iter().enumerate() {
        db2 = tmp.path().join(format!("cut-{attempt}.db"));
        // Ctrl-C: exits 130 promptly, keeps only whole files.
        let code = ingest_and_signal(&root, &db2, When::Committed(3), "-INT");
        assert_eq!(code, Some(130), "Ctrl-C must exit 130");
        let c = db(&db2);
        assert_eq!(
            count(&c, "SELECT count(*) FROM files f WHERE f.status IN ('ingested','partial') AND f.page_count <> (SELECT count(*) FROM pages p WHERE p.file_id = f.id)"),
            0,
            "a file must be in whole or not at all"
        );
        assert_eq!(
            count(&c, "SELECT count(*) FROM runs WHERE status = 'interrupted'"),
            1
        );
        drop(c);
        // A hard kill later on: no chance to clean up at all.
        let killed = ingest_and_signal(
            &root,
            &db2,
            When::RunningFor(Duration::from_millis(delay_ms)),
            "-KILL",
        );
        if killed != Some(0) && files_committed(&db2) < baseline.len() as i64 {
            cut_short = true;
            break;
        }
    }
    assert!(cut_short, "the resumed run always ended before the kill");

    // The rerun completes the work; the result equals the uninterrupted run's.
    let out = ingest(&root, &db2, &["--no-extract"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(content_dump(&db(&db2)), baseline);
}

#[test]
fn reruns_changes_duplicates_and_non_images() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("archive");
    std::fs::create_dir_all(root.join("box")).unwrap();
    let s = sample().join("box-001");
    let a = s.join("folder-001/scan-0001.png");
    let b = s.join("folder-002/chart-0016.png");
    std::fs::copy(&a, root.join("box/a.png")).unwrap();
    std::fs::copy(&b, root.join("box/b.png")).unwrap();
    std::fs::copy(&a, root.join("box/z-copy-of-a.png")).unwrap();
    std::fs::write(root.join("box/notes.txt"), "box inventory").unwrap();
    // A TIFF wearing a .png name is still read as a TIFF (detected by content).
    std::fs::copy(s.join("folder-002/scan-0013.tif"), root.join("box/c.png")).unwrap();
    let dbp = tmp.path().join("t.db");

    let out = ingest(&root, &dbp, &["--no-extract", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["files_ingested"], 3);
    assert_eq!(summary["files_duplicate"], 1);
    assert_eq!(summary["files_skipped"], 1);
    assert_eq!(summary["duplicates"][0][0], "box/z-copy-of-a.png");
    assert_eq!(summary["duplicates"][0][1], "box/a.png");
    let c = db(&dbp);
    assert_eq!(
        count(
            &c,
            "SELECT count(*) FROM files WHERE path = 'box/c.png' AND format = 'tiff'"
        ),
        1
    );
    assert_eq!(count(&c, "SELECT count(*) FROM files WHERE path = 'box/notes.txt' AND status = 'skipped' AND format = 'text'"), 1);
    assert_eq!(count(&c, "SELECT count(*) FROM pages p JOIN files f ON f.id = p.file_id WHERE f.status = 'duplicate'"), 0);
    let pages_before = count(&c, "SELECT count(*) FROM pages");
    let words_before = count(&c, "SELECT count(*) FROM page_words");
    let a_text: String = c
        .query_row("SELECT p.text FROM pages p JOIN files f ON f.id = p.file_id WHERE f.path = 'box/a.png'", [], |r| r.get(0))
        .unwrap();
    drop(c);

    // Rerun: nothing new.
    let out = ingest(&root, &dbp, &["--no-extract", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["files_unchanged"], 5);
    assert_eq!(summary["pages_done"], 0);
    let c = db(&dbp);
    assert_eq!(count(&c, "SELECT count(*) FROM pages"), pages_before);
    assert_eq!(count(&c, "SELECT count(*) FROM page_words"), words_before);
    drop(c);

    // Touched but identical: recognised by hash, not read again.
    let f = std::fs::File::options()
        .append(true)
        .open(root.join("box/b.png"))
        .unwrap();
    f.set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
    drop(f);
    let out = ingest(&root, &dbp, &["--no-extract", "--json"]);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        summary["pages_done"], 0,
        "same content must not be read again"
    );

    // Changed content at a path: read again, old rows gone (FTS too).
    std::fs::copy(&b, root.join("box/a.png")).unwrap();
    let out = ingest(&root, &dbp, &["--no-extract", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // a.png now equals b.png: a sorts first, so a is the original and b becomes its duplicate;
    // the old copy of a (z-copy-of-a.png) is now the only holder of the old content, so it
    // is read in the same run instead of pointing at content that is gone.
    assert_eq!(summary["files_unchanged"], 3, "{summary}");
    assert_eq!(summary["files_ingested"], 2, "{summary}");
    let c = db(&dbp);
    let new_text: String = c
        .query_row("SELECT p.text FROM pages p JOIN files f ON f.id = p.file_id WHERE f.path = 'box/a.png'", [], |r| r.get(0))
        .unwrap();
    assert_ne!(new_text, a_text);
    assert_eq!(count(&c, "SELECT count(*) FROM files WHERE path = 'box/b.png' AND status = 'duplicate' AND duplicate_of = 'box/a.png'"), 1);
    let z_text: String = c
        .query_row(
            "SELECT p.text FROM pages p JOIN files f ON f.id = p.file_id WHERE f.path = 'box/z-copy-of-a.png' AND f.status = 'ingested'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(z_text, a_text, "the old content lives on in its copy");
    assert_eq!(
        count(
            &c,
            "SELECT count(*) FROM pages WHERE file_id NOT IN (SELECT id FROM files)"
        ),
        0
    );
    assert_eq!(
        count(
            &c,
            "SELECT count(*) FROM page_words WHERE page_id NOT IN (SELECT id FROM pages)"
        ),
        0
    );
    assert_eq!(
        count(&c, "SELECT count(*) FROM files f WHERE f.page_count <> (SELECT count(*) FROM pages p WHERE p.file_id = f.id) AND f.status IN ('ingested','partial')"),
        0
    );
    // The full-text index holds exactly the live pages.
    assert_eq!(
        count(&c, "SELECT count(*) FROM pages_fts"),
        count(&c, "SELECT count(*) FROM pages")
    );
    c.execute(
        "INSERT INTO pages_fts(pages_fts) VALUES ('integrity-check')",
        [],
    )
    .unwrap();
}
