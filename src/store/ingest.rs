//! Writes of the ingest stage: runs, files and their pages.

use super::{now, Store};
use crate::error::StoreResult;
use crate::model::{PageText, Preparation, TextSource};
use rusqlite::{params, OptionalExtension, Transaction};

/// What became of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileStatus {
    /// Every page read (or blank).
    Ingested,
    /// Some pages failed; the others are in.
    Partial,
    /// Nothing could be read; `error` says why.
    Failed,
    /// Not a page image (recorded with what it looks like).
    Skipped,
    /// Byte-identical to a file already read; not read again.
    Duplicate,
}

impl FileStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            FileStatus::Ingested => "ingested",
            FileStatus::Partial => "partial",
            FileStatus::Failed => "failed",
            FileStatus::Skipped => "skipped",
            FileStatus::Duplicate => "duplicate",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStatus {
    Ok,
    Blank,
    Failed,
}

impl PageStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            PageStatus::Ok => "ok",
            PageStatus::Blank => "blank",
            PageStatus::Failed => "failed",
        }
    }
}

/// A file row as the writer stores it.
#[derive(Debug, Clone)]
pub struct FileRecord {
    pub root: String,
    pub path: String,
    pub size: u64,
    pub mtime_ns: i64,
    pub blake3: Option<String>,
    pub sha1: Option<String>,
    pub format: String,
    pub page_count: u32,
    pub status: FileStatus,
    pub error: Option<String>,
    pub duplicate_of: Option<String>,
    pub run_id: i64,
}

/// A page row as the writer stores it.
#[derive(Debug, Clone)]
pub struct PageRecord {
    pub page_no: u32,
    pub status: PageStatus,
    pub error: Option<String>,
    pub width: u32,
    pub height: u32,
    pub dpi: f32,
    pub prep: Preparation,
    pub source: TextSource,
    pub text: Option<PageText>,
    pub engine: Option<String>,
    pub ms: u64,
}

/// What the store already knows of a path.
#[derive(Debug, Clone)]
pub struct KnownFile {
    pub id: i64,
    pub size: u64,
    pub mtime_ns: i64,
    pub blake3: Option<String>,
    pub status: String,
}

/// Totals of a run.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct RunCounts {
    pub files_seen: u64,
    pub files_ingested: u64,
    pub files_unchanged: u64,
    pub files_failed: u64,
    pub files_skipped: u64,
    pub files_duplicate: u64,
    pub pages_done: u64,
}

impl Store {
    pub fn begin_run(&self, root: &str, jobs: usize, settings: &str) -> StoreResult<i64> {
        self.conn.execute(
            "INSERT INTO runs (root, started_at, jobs, settings) VALUES (?1, ?2, ?3, ?4)",
            params![root, now(), jobs as i64, settings],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn finish_run(
        &self,
        run_id: i64,
        status: &str,
        c: &RunCounts,
        seconds: f64,
    ) -> StoreResult<()> {
        self.conn.execute(
            "UPDATE runs SET finished_at = ?2, status = ?3, files_seen = ?4, files_ingested = ?5,
                 files_unchanged = ?6, files_failed = ?7, files_skipped = ?8, files_duplicate = ?9,
                 pages_done = ?10, seconds = ?11 WHERE id = ?1",
            params![
                run_id,
                now(),
                status,
                c.files_seen as i64,
                c.files_ingested as i64,
                c.files_unchanged as i64,
                c.files_failed as i64,
                c.files_skipped as i64,
                c.files_duplicate as i64,
                c.pages_done as i64,
                seconds
            ],
        )?;
        Ok(())
    }

    pub fn known_file(&self, root: &str, path: &str) -> StoreResult<Option<KnownFile>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, size, mtime_ns, blake3, status FROM files WHERE root = ?1 AND path = ?2",
                params![root, path],
                |r| {
                    Ok(KnownFile {
                        id: r.get(0)?,
                        size: r.get::<_, i64>(1)? as u64,
                        mtime_ns: r.get(2)?,
                        blake3: r.get(3)?,
                        status: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// Records new size/mtime for a file whose content hash did not change.
    pub fn touch_file(&self, id: i64, size: u64, mtime_ns: i64) -> StoreResult<()> {
        self.conn.execute(
            "UPDATE files SET size = ?2, mtime_ns = ?3 WHERE id = ?1",
            params![id, size as i64, mtime_ns],
        )?;
        Ok(())
    }

    /// Forgets `duplicate` files under `root` whose original no longer holds the same content
    /// (it changed or failed since), so that the next pass reads them. Returns how many.
    pub fn release_orphan_duplicates(&self, root: &str) -> StoreResult<usize> {
        Ok(self.conn.execute(
            "DELETE FROM files WHERE root = ?1 AND status = 'duplicate' AND NOT EXISTS (
                 SELECT 1 FROM files o WHERE o.root = files.root AND o.path = files.duplicate_of
                   AND o.blake3 = files.blake3 AND o.status IN ('ingested', 'partial'))",
            params![root],
        )?)
    }

    /// Path of a file already read (ingested or partial) with the same content, other than `path`.
    pub fn original_of(&self, blake3: &str, root: &str, path: &str) -> StoreResult<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT path FROM files WHERE blake3 = ?1 AND status IN ('ingested', 'partial')
                   AND NOT (root = ?2 AND path = ?3) ORDER BY id LIMIT 1",
                params![blake3, root, path],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Writes a batch of complete files in one transaction. Each file replaces whatever the
    /// store held for its path (pages, words and documents go with it), so a changed file
    /// leaves no stale rows. Returns the new file ids and page ids (in page order).
    pub fn write_files(
        &mut self,
        batch: &[(FileRecord, Vec<PageRecord>)],
    ) -> StoreResult<Vec<(i64, Vec<i64>)>> {
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(batch.len());
        for (f, pages) in batch {
            ids.push(write_file(&tx, f, pages)?);
        }
        tx.commit()?;
        Ok(ids)
    }
}

/// Inserts (replacing) one file and its pages inside `tx`.
pub fn write_file(
    tx: &Transaction,
    f: &FileRecord,
    pages: &[PageRecord],
) -> StoreResult<(i64, Vec<i64>)> {
    tx.execute(
        "DELETE FROM files WHERE root = ?1 AND path = ?2",
        params![f.root, f.path],
    )?;
    tx.execute(
        "INSERT INTO files (root, path, size, mtime_ns, blake3, sha1, format, page_count, status,
                            error, duplicate_of, run_id, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            f.root,
            f.path,
            f.size as i64,
            f.mtime_ns,
            f.blake3,
            f.sha1,
            f.format,
            f.page_count as i64,
            f.status.as_str(),
            f.error,
            f.duplicate_of,
            f.run_id,
            now()
        ],
    )?;
    let file_id = tx.last_insert_rowid();
    let mut page_ids = Vec::with_capacity(pages.len());
    let mut ins = tx.prepare_cached(
        "INSERT INTO pages (file_id, page_no, status, error, width, height, dpi, rotation, skew, scale,
                            text_source, mean_conf, word_count, text, engine, ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    let mut ins_words =
        tx.prepare_cached("INSERT INTO page_words (page_id, words, marks) VALUES (?1, ?2, ?3)")?;
    for p in pages {
        let (text, mean, nwords) = match &p.text {
            Some(t) => (t.text.as_str(), t.mean_conf, t.words.len()),
            None => ("", None, 0),
        };
        ins.execute(params![
            file_id,
            p.page_no as i64,
            p.status.as_str(),
            p.error,
            p.width as i64,
            p.height as i64,
            p.dpi as f64,
            p.prep.rotation as i64,
            p.prep.skew as f64,
            p.prep.scale as f64,
            p.source.as_str(),
            mean.map(|m| m as f64),
            nwords as i64,
            text,
            p.engine,
            p.ms as i64
        ])?;
        let page_id = tx.last_insert_rowid();
        if let Some(t) = &p.text {
            if !t.words.is_empty() {
                ins_words.execute(params![page_id, words_json(t), marks_json(t)])?;
            }
        }
        page_ids.push(page_id);
    }
    Ok((file_id, page_ids))
}

/// Compact JSON for a page's words: `[[x, y, w, h, conf, "text", block, par, line], ...]`.
pub fn words_json(t: &PageText) -> String {
    let rows: Vec<serde_json::Value> = t
        .words
        .iter()
        .map(|w| {
            serde_json::json!([
                w.bbox.x,
                w.bbox.y,
                w.bbox.w,
                w.bbox.h,
                (w.conf * 10.0).round() / 10.0,
                w.text,
                w.block,
                w.par,
                w.line
            ])
        })
        .collect();
    serde_json::Value::Array(rows).to_string()
}

/// One stored word: `[x, y, w, h, conf, "text", block, par, line]`.
type WordRow = (u32, u32, u32, u32, f32, String, u32, u32, u32);

/// Reads words back from their JSON form.
/// Compact JSON for a page's check boxes: `[[x, y, w, h, checked], ...]`.
pub fn marks_json(t: &PageText) -> String {
    let rows: Vec<[u32; 5]> = t
        .marks
        .iter()
        .map(|m| {
            let b = m.bbox;
            [b.x, b.y, b.w, b.h, u32::from(m.checked)]
        })
        .collect();
    serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into())
}

/// Check boxes from their stored JSON (see [`marks_json`]).
pub fn marks_from_json(s: &str) -> Vec<crate::model::Mark> {
    let rows: Vec<[u32; 5]> = serde_json::from_str(s).unwrap_or_default();
    rows.into_iter()
        .map(|[x, y, w, h, c]| crate::model::Mark {
            bbox: crate::model::BBox::new(x, y, w, h),
            checked: c != 0,
        })
        .collect()
}

pub fn words_from_json(s: &str) -> Vec<crate::model::Word> {
    let rows: Vec<WordRow> = serde_json::from_str(s).unwrap_or_default();
    rows.into_iter()
        .map(
            |(x, y, w, h, conf, text, block, par, line)| crate::model::Word {
                text,
                conf,
                bbox: crate::model::BBox::new(x, y, w, h),
                block,
                par,
                line,
            },
        )
        .collect()
}

/// Commits a batch of finished files in one transaction, settling byte-identical content:
/// of two files with the same hash under a root, the one whose path sorts first is the
/// original and the other becomes its `duplicate` (pages dropped). Deciding by path, not by
/// arrival order, gives the same database whatever order workers finish in or however often a
/// run is interrupted. Returns the records as written.
pub fn commit_batch(
    store: &mut Store,
    batch: Vec<(FileRecord, Vec<PageRecord>)>,
) -> StoreResult<Vec<(FileRecord, Vec<PageRecord>)>> {
    let tx = store.conn.transaction()?;
    let mut out = Vec::with_capacity(batch.len());
    for (mut rec, mut pages) in batch {
        if matches!(rec.status, FileStatus::Ingested | FileStatus::Partial) {
            if let Some(hash) = rec.blake3.clone() {
                let other: Option<(i64, String)> = tx
                    .query_row(
                        "SELECT id, path FROM files WHERE blake3 = ?1 AND root = ?2 AND path <> ?3
                           AND status IN ('ingested', 'partial') ORDER BY path LIMIT 1",
                        params![hash, rec.root, rec.path],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                if let Some((other_id, other_path)) = other {
                    if other_path < rec.path {
                        rec.status = FileStatus::Duplicate;
                        rec.duplicate_of = Some(other_path);
                        rec.error = None;
                        pages.clear();
                    } else {
                        tx.execute("DELETE FROM pages WHERE file_id = ?1", params![other_id])?;
                        tx.execute(
                            "DELETE FROM documents WHERE file_id = ?1",
                            params![other_id],
                        )?;
                        tx.execute(
                            "UPDATE files SET status = 'duplicate', duplicate_of = ?2, error = NULL WHERE id = ?1",
                            params![other_id, rec.path],
                        )?;
                        tx.execute(
                            "UPDATE files SET duplicate_of = ?1 WHERE root = ?2 AND duplicate_of = ?3",
                            params![rec.path, rec.root, other_path],
                        )?;
                    }
                }
            }
        }
        write_file(&tx, &rec, &pages)?;
        out.push((rec, pages));
    }
    tx.commit()?;
    Ok(out)
}
