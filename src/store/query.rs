//! Read-side queries of the ingest data: status reports and the page link-back.

use super::Store;
use crate::error::{StoreError, StoreResult};
use crate::model::{Preparation, Word};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct RunRow {
    pub id: i64,
    pub root: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub status: String,
    pub jobs: i64,
    pub files_seen: i64,
    pub files_ingested: i64,
    pub files_unchanged: i64,
    pub files_failed: i64,
    pub pages_done: i64,
    pub seconds: Option<f64>,
    pub pages_per_second: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileProblem {
    pub root: String,
    pub path: String,
    pub status: String,
    pub format: String,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct PageCounts {
    pub total: i64,
    pub ocr: i64,
    pub text_layer: i64,
    pub blank: i64,
    pub failed: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusReport {
    pub schema_version: i64,
    /// Files by status (ingested, partial, failed, skipped, duplicate).
    pub files: std::collections::BTreeMap<String, i64>,
    pub pages: PageCounts,
    /// Failed and partial files with their reasons.
    pub failures: Vec<FileProblem>,
    /// Skipped files by what they look like.
    pub skipped: std::collections::BTreeMap<String, i64>,
    pub duplicates: Vec<(String, String)>,
    pub runs: Vec<RunRow>,
}

/// A page with everything needed to find it in its source again.
#[derive(Debug, Clone, Serialize)]
pub struct PageRow {
    pub id: i64,
    pub file_id: i64,
    pub root: String,
    pub path: String,
    pub format: String,
    pub page_no: u32,
    pub page_count: u32,
    pub status: String,
    pub error: Option<String>,
    pub width: u32,
    pub height: u32,
    pub dpi: f32,
    pub prep: Preparation,
    pub text_source: String,
    pub mean_conf: Option<f64>,
    pub text: String,
}

impl Store {
    pub fn status(&self, max_runs: usize) -> StoreResult<StatusReport> {
        let c = &self.conn;
        let mut files = std::collections::BTreeMap::new();
        let mut st = c.prepare("SELECT status, count(*) FROM files GROUP BY status")?;
        for r in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (k, v) = r?;
            files.insert(k, v);
        }
        let pages = c.query_row(
            "SELECT count(*),
                    coalesce(sum(status = 'ok' AND text_source = 'ocr'), 0),
                    coalesce(sum(status = 'ok' AND text_source = 'text_layer'), 0),
                    coalesce(sum(status = 'blank'), 0),
                    coalesce(sum(status = 'failed'), 0)
             FROM pages",
            [],
            |r| {
                Ok(PageCounts {
                    total: r.get(0)?,
                    ocr: r.get(1)?,
                    text_layer: r.get(2)?,
                    blank: r.get(3)?,
                    failed: r.get(4)?,
                })
            },
        )?;
        let mut st = c.prepare(
            "SELECT root, path, status, format, error FROM files
             WHERE status IN ('failed', 'partial') ORDER BY root, path",
        )?;
        let failures = st
            .query_map([], |r| {
                Ok(FileProblem {
                    root: r.get(0)?,
                    path: r.get(1)?,
                    status: r.get(2)?,
                    format: r.get(3)?,
                    error: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut skipped = std::collections::BTreeMap::new();
        let mut st = c.prepare(
            "SELECT format, count(*) FROM files WHERE status = 'skipped' GROUP BY format",
        )?;
        for r in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (k, v) = r?;
            skipped.insert(k, v);
        }
        let mut st = c.prepare(
            "SELECT path, duplicate_of FROM files WHERE status = 'duplicate' ORDER BY path",
        )?;
        let duplicates = st
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut st = c.prepare(
            "SELECT id, root, started_at, finished_at, status, jobs, files_seen, files_ingested,
                    files_unchanged, files_failed, pages_done, seconds
             FROM runs ORDER BY id DESC LIMIT ?1",
        )?;
        let runs = st
            .query_map(params![max_runs as i64], |r| {
                let pages: i64 = r.get(10)?;
                let secs: Option<f64> = r.get(11)?;
                Ok(RunRow {
                    id: r.get(0)?,
                    root: r.get(1)?,
                    started_at: r.get(2)?,
                    finished_at: r.get(3)?,
                    status: r.get(4)?,
                    jobs: r.get(5)?,
                    files_seen: r.get(6)?,
                    files_ingested: r.get(7)?,
                    files_unchanged: r.get(8)?,
                    files_failed: r.get(9)?,
                    pages_done: pages,
                    seconds: secs,
                    pages_per_second: secs.filter(|s| *s > 0.0).map(|s| pages as f64 / s),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let schema_version = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok(StatusReport {
            schema_version,
            files,
            pages,
            failures,
            skipped,
            duplicates,
            runs,
        })
    }

    pub fn page(&self, id: i64) -> StoreResult<PageRow> {
        self.conn
            .query_row(
                "SELECT p.id, p.file_id, f.root, f.path, f.format, p.page_no, f.page_count, p.status, p.error,
                        coalesce(p.width, 0), coalesce(p.height, 0), coalesce(p.dpi, 0), p.rotation, p.skew, p.scale,
                        p.text_source, p.mean_conf, p.text
                 FROM pages p JOIN files f ON f.id = p.file_id WHERE p.id = ?1",
                params![id],
                |r| {
                    Ok(PageRow {
                        id: r.get(0)?,
                        file_id: r.get(1)?,
                        root: r.get(2)?,
                        path: r.get(3)?,
                        format: r.get(4)?,
                        page_no: r.get(5)?,
                        page_count: r.get(6)?,
                        status: r.get(7)?,
                        error: r.get(8)?,
                        width: r.get(9)?,
                        height: r.get(10)?,
                        dpi: r.get::<_, f64>(11)? as f32,
                        prep: Preparation {
                            rotation: r.get(12)?,
                            skew: r.get::<_, f64>(13)? as f32,
                            scale: r.get::<_, f64>(14)? as f32,
                        },
                        text_source: r.get(15)?,
                        mean_conf: r.get(16)?,
                        text: r.get(17)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("page {id}")))
    }

    pub fn page_words(&self, page_id: i64) -> StoreResult<Vec<Word>> {
        let s: Option<String> = self
            .conn
            .query_row(
                "SELECT words FROM page_words WHERE page_id = ?1",
                params![page_id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(s.map(|s| super::words_from_json(&s)).unwrap_or_default())
    }
}
