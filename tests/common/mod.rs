//! Helpers shared by the integration tests: run the real binary, read the real database.
#![allow(dead_code)]

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_chartscan"))
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/realworld` beside the checkout (CI has it at the same relative path).
pub fn realworld() -> PathBuf {
    repo().join("..").join("shared").join("realworld")
}

pub fn sample() -> PathBuf {
    repo().join("fixtures").join("sample")
}

/// Runs chartscan with `args`; returns its output (never panics on a non-zero exit).
pub fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .output()
        .expect("run chartscan")
}

pub fn ingest(root: &Path, db: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "ingest",
        root.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "-j",
        "2",
        "--quiet",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

pub fn db(path: &Path) -> Connection {
    Connection::open(path).expect("open db")
}

pub fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Copies a directory tree (files only).
pub fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let dst = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dst).unwrap();
        } else {
            std::fs::copy(e.path(), &dst).unwrap();
        }
    }
}

/// Everything an ingest produces that must not depend on how often it was interrupted:
/// files and their pages' outcomes and text, keyed by relative path.
pub fn content_dump(conn: &Connection) -> Vec<String> {
    let mut st = conn
        .prepare(
            "SELECT f.path, f.status, f.format, f.page_count, coalesce(f.blake3, ''), coalesce(f.duplicate_of, ''),
                    coalesce(f.error, ''),
                    coalesce((SELECT group_concat(p.page_no || ':' || p.status || ':' || p.rotation || ':' ||
                                                  p.text_source || ':' || p.word_count || ':' || p.text, '|')
                              FROM (SELECT * FROM pages WHERE file_id = f.id ORDER BY page_no) p), '')
             FROM files f ORDER BY f.path",
        )
        .unwrap();
    st.query_map([], |r| {
        Ok(format!(
            "{} {} {} {} {} {} {} {}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?
        ))
    })
    .unwrap()
    .collect::<Result<Vec<_>, _>>()
    .unwrap()
}

/// Character error rate of `ocr` against `truth`: edit distance over the truth's length,
/// after collapsing whitespace (layout is not what is measured).
pub fn cer(ocr: &str, truth: &str) -> f64 {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (o, t) = (norm(ocr), norm(truth));
    strsim::levenshtein(&o, &t) as f64 / t.chars().count().max(1) as f64
}
