//! ingest: the orchestration of scan → decode → prepare/OCR → store for a whole archive.
//!
//! ```text
//! decoder thread ──(bounded: pages to read, 2 per worker)──▶ N rayon workers, one Tesseract each
//!        │                                                          │
//!        └──────────(file start/end, skipped files)──▶ writer ◀─────┘ (finished pages)
//! ```
//! The decoder walks ROOT lazily, decides what needs reading (unchanged files are skipped
//! after a size+mtime check, confirmed by hash when those moved), and decodes one page at a
//! time; the bounded channel gives back-pressure, so memory stays flat whatever the archive
//! size. The writer (this thread) is the only database writer: it gathers each file's pages and
//! commits a file only once all of them are in, several files per transaction. A kill at any
//! moment therefore leaves every file either wholly in or absent, and the next run redoes
//! exactly the absent ones.

use crate::decode::{self, DecodeOptions, PageContent};
use crate::error::{DecodeError, OcrError};
use crate::lepto::Pix;
use crate::model::{PageText, Preparation, TextSource};
use crate::ocr::{Engine, OcrOptions, OsdEngine};
use crate::prepare;
use crate::scan::{self, Kind};
use crate::store::{self, FileRecord, FileStatus, PageRecord, PageStatus, RunCounts, Store};
use crossbeam_channel::{bounded, Receiver, Sender};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Everything an ingest run needs to know.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub root: PathBuf,
    pub jobs: usize,
    pub ocr: OcrOptions,
    pub decode: DecodeOptions,
    /// A page with fewer inked tiles than this share is blank (see `prepare::is_blank`).
    pub blank_share: f64,
    /// Explicit PDFium library (otherwise the documented search order).
    pub pdfium: Option<PathBuf>,
    /// Read files that failed in an earlier run again even if unchanged.
    pub retry_failed: bool,
    /// Run field extraction and patient linkage on what was ingested.
    pub extract: bool,
}

impl IngestOptions {
    pub fn new(root: PathBuf) -> Self {
        IngestOptions {
            root,
            jobs: default_jobs(),
            ocr: OcrOptions::default(),
            decode: DecodeOptions::default(),
            blank_share: 0.0002,
            pdfium: None,
            retry_failed: false,
            extract: true,
        }
    }
}

/// Worker count when none is given: every core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// Receives progress; the CLI draws a bar or prints lines. Never passed field values.
pub trait ProgressSink: Sync {
    /// Estimated number of pages still to read in this run (may grow).
    fn set_total(&self, pages: u64);
    fn page_done(&self, failed: bool);
    /// A file could not be read (path relative to ROOT, reason).
    fn file_failed(&self, path: &str, reason: &str);
}

/// A sink that ignores everything (library use, tests).
pub struct NoProgress;
impl ProgressSink for NoProgress {
    fn set_total(&self, _: u64) {}
    fn page_done(&self, _: bool) {}
    fn file_failed(&self, _: &str, _: &str) {}
}

/// What a run did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct IngestSummary {
    pub run_id: i64,
    pub root: String,
    pub interrupted: bool,
    pub seconds: f64,
    pub pages_per_second: f64,
    #[serde(flatten)]
    pub counts: RunCounts,
    /// Files that failed or were read only in part: (path, reason).
    pub failures: Vec<(String, String)>,
    /// Byte-identical files: (path, path of the file read instead).
    pub duplicates: Vec<(String, String)>,
    /// Problems met while walking (unreadable folders, symlink loops).
    pub walk_problems: Vec<(String, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{0}")]
    Store(#[from] crate::error::StoreError),
    #[error("{0}")]
    Ocr(#[from] OcrError),
    #[error("ROOT {0} is not a readable directory")]
    BadRoot(String),
    #[error("could not start worker threads: {0}")]
    Threads(String),
}

/// A page on its way to a worker.
struct PageJob {
    seq: u64,
    page_no: u32,
    decoded: Result<decode::DecodedPage, DecodeError>,
}

/// Messages to the writer.
enum ToWriter {
    /// A file is about to be read: `pages` pages will follow.
    Start {
        seq: u64,
        rec: FileRecord,
    },
    /// All of a file's pages have been handed out (`sent` of them), or it was cut short.
    End {
        seq: u64,
        sent: u32,
        aborted: bool,
    },
    /// A file that needs no reading (skipped type, duplicate, unreadable container).
    Whole(FileRecord),
    /// Size/mtime moved but the content hash did not: just note the new metadata.
    Touch {
        id: i64,
        size: u64,
        mtime_ns: i64,
    },
    Unchanged,
    Page {
        seq: u64,
        page: PageRecord,
    },
    WalkProblem(String, String),
}

struct Pending {
    rec: FileRecord,
    pages: Vec<PageRecord>,
    sent: Option<u32>,
    aborted: bool,
}

thread_local! {
    static ENGINES: RefCell<Option<(Engine, Option<OsdEngine>)>> = const { RefCell::new(None) };
}

/// Runs an ingest of `opts.root` into the database at `db`. Stops early (keeping whole files
/// only) when `stop` becomes true.
pub fn ingest(
    db: &Path,
    opts: &IngestOptions,
    stop: Arc<AtomicBool>,
    progress: &dyn ProgressSink,
) -> Result<IngestSummary, IngestError> {
    let root = opts
        .root
        .canonicalize()
        .map_err(|e| IngestError::BadRoot(format!("{} ({e})", opts.root.display())))?;
    if !root.is_dir() {
        return Err(IngestError::BadRoot(root.display().to_string()));
    }
    let root_s = root.display().to_string();
    let mut store = Store::open(db)?;
    // Fail before any work when the language data is missing.
    drop(Engine::new(&opts.ocr)?);
    let settings = serde_json::json!({
        "ocr": opts.ocr, "tesseract": crate::ocr::tesseract_version(),
        "max_megapixels": opts.decode.max_megapixels, "pdf_dpi": opts.decode.pdf_dpi,
        "blank_share": opts.blank_share, "chartscan": env!("CARGO_PKG_VERSION"),
    })
    .to_string();
    let jobs = opts.jobs.max(1);
    let run_id = store.begin_run(&root_s, jobs, &settings)?;
    let started = Instant::now();

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("ocr-{i}"))
        .build()
        .map_err(|e| IngestError::Threads(e.to_string()))?;

    // Release duplicates whose original changed since an earlier run, then read. If this pass
    // itself changed an original that other files duplicated, those files now hold content
    // nobody has read: release them and take one more (cheap: everything else is unchanged) pass.
    store.release_orphan_duplicates(&root_s)?;
    let mut result = pass(&mut store, &pool, &root, db, run_id, opts, &stop, progress);
    if let Ok(first) = &mut result {
        if !stop.load(Ordering::Relaxed) && store.release_orphan_duplicates(&root_s)? > 0 {
            let second = pass(&mut store, &pool, &root, db, run_id, opts, &stop, progress)?;
            first.absorb(second);
        }
    }
    // Engines are dropped on their own threads; Tesseract warns about leaks otherwise.
    pool.broadcast(|_| ENGINES.with(|e| e.borrow_mut().take()));
    let (counts, failures, duplicates, walk_problems) = result?;
    let seconds = started.elapsed().as_secs_f64();
    let interrupted = stop.load(Ordering::Relaxed);
    store.finish_run(
        run_id,
        if interrupted {
            "interrupted"
        } else {
            "completed"
        },
        &counts,
        seconds,
    )?;
    let summary = IngestSummary {
        run_id,
        root: root_s.clone(),
        interrupted,
        seconds,
        pages_per_second: if seconds > 0.0 {
            counts.pages_done as f64 / seconds
        } else {
            0.0
        },
        counts,
        failures,
        duplicates,
        walk_problems,
    };
    if opts.extract && !summary.interrupted {
        let records = crate::records::RecordsOptions {
            reread: Some(crate::reread::RereadOptions {
                lang: opts.ocr.lang.clone(),
                jobs,
                pdfium: opts.pdfium.clone(),
                root: None,
            }),
            ..crate::records::RecordsOptions::default()
        };
        crate::records::refresh_with(&mut store, &records)?;
    }
    Ok(summary)
}

type PassResult = (
    RunCounts,
    Vec<(String, String)>,
    Vec<(String, String)>,
    Vec<(String, String)>,
);

trait Absorb {
    fn absorb(&mut self, later: Self);
}

impl Absorb for PassResult {
    /// Adds a follow-up pass's work; its "unchanged" files were already counted as seen.
    fn absorb(&mut self, later: Self) {
        let (c, l) = (&mut self.0, later.0);
        c.files_ingested += l.files_ingested;
        c.files_failed += l.files_failed;
        c.files_duplicate += l.files_duplicate;
        c.files_unchanged = c
            .files_unchanged
            .saturating_sub(l.files_seen - l.files_unchanged);
        c.pages_done += l.pages_done;
        self.1.extend(later.1);
        self.2.extend(later.2);
    }
}

/// One walk over ROOT: decoder, workers and writer, until every file is settled or `stop`.
#[allow(clippy::too_many_arguments)]
fn pass(
    store: &mut Store,
    pool: &rayon::ThreadPool,
    root: &Path,
    db: &Path,
    run_id: i64,
    opts: &IngestOptions,
    stop: &Arc<AtomicBool>,
    progress: &dyn ProgressSink,
) -> Result<PassResult, IngestError> {
    let jobs = pool.current_num_threads();
    let (work_tx, work_rx) = bounded::<PageJob>(jobs * 2);
    let (out_tx, out_rx) = bounded::<ToWriter>(256);
    std::thread::scope(|s| {
        let dec_out = out_tx.clone();
        let dec_stop = stop.clone();
        let decoder = s.spawn(move || {
            decode_all(
                root, db, run_id, opts, work_tx, dec_out, &dec_stop, progress,
            )
        });
        let w_out = out_tx.clone();
        let w_stop = stop.clone();
        let workers = s.spawn(move || {
            pool.install(|| {
                work_rx.into_iter().par_bridge().for_each(|job| {
                    if w_stop.load(Ordering::Relaxed) {
                        return; // the writer discards the unfinished file whole
                    }
                    let seq = job.seq;
                    let page = read_page(job, opts);
                    let _ = w_out.send(ToWriter::Page { seq, page });
                });
            });
        });
        drop(out_tx);
        let result = write_all(store, out_rx, progress);
        let _ = decoder.join();
        let _ = workers.join();
        result
    })
}

/// The decoder thread: walk, decide, decode, hand out pages.
#[allow(clippy::too_many_arguments)]
fn decode_all(
    root: &Path,
    db: &Path,
    run_id: i64,
    opts: &IngestOptions,
    work: Sender<PageJob>,
    out: Sender<ToWriter>,
    stop: &AtomicBool,
    progress: &dyn ProgressSink,
) {
    let reader = match Store::open(db) {
        Ok(s) => s,
        Err(e) => {
            let _ = out.send(ToWriter::WalkProblem(
                db.display().to_string(),
                e.to_string(),
            ));
            return;
        }
    };
    let root_s = root.display().to_string();
    let pdfium = decode::load_pdfium(opts.pdfium.as_deref());
    // Estimate: one page per file until files tell us better.
    let mut to_read = scan::count_files(root);
    let (mut files_done, mut pages_seen) = (0u64, 0u64);
    progress.set_total(to_read);
    for (seq, item) in scan::walk(root).enumerate() {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let seq = seq as u64;
        let f = match item {
            Ok(f) => f,
            Err(p) => {
                let _ = out.send(ToWriter::WalkProblem(p.path, p.reason));
                continue;
            }
        };
        let base = |format: String, status: FileStatus| FileRecord {
            root: root_s.clone(),
            path: f.rel.clone(),
            size: f.size,
            mtime_ns: f.mtime_ns,
            blake3: None,
            sha1: None,
            format,
            page_count: 0,
            status,
            error: None,
            duplicate_of: None,
            run_id,
        };
        // Cheap check first: same size and mtime as stored.
        let known = reader.known_file(&root_s, &f.rel).ok().flatten();
        if let Some(k) = &known {
            let retry = opts.retry_failed && k.status == "failed";
            if k.size == f.size && k.mtime_ns == f.mtime_ns && !retry {
                to_read = to_read.saturating_sub(1);
                progress.set_total(estimate(to_read, files_done, pages_seen));
                let _ = out.send(ToWriter::Unchanged);
                continue;
            }
        }
        let fp = match scan::fingerprint(&f.abs) {
            Ok(fp) => fp,
            Err(e) => {
                let mut r = base("unknown".into(), FileStatus::Failed);
                r.error = Some(format!("cannot read file: {e}"));
                let _ = out.send(ToWriter::Whole(r));
                continue;
            }
        };
        if let Some(k) = &known {
            if k.blake3.as_deref() == Some(fp.blake3.as_str())
                && !(opts.retry_failed && k.status == "failed")
            {
                let _ = out.send(ToWriter::Touch {
                    id: k.id,
                    size: f.size,
                    mtime_ns: f.mtime_ns,
                });
                to_read = to_read.saturating_sub(1);
                continue;
            }
        }
        let format = match scan::sniff(&fp.head, &f.rel) {
            Kind::Supported(fmt) => fmt,
            Kind::Unsupported(what) => {
                let mut r = base(what, FileStatus::Skipped);
                r.blake3 = Some(fp.blake3);
                let _ = out.send(ToWriter::Whole(r));
                to_read = to_read.saturating_sub(1);
                continue;
            }
        };
        let mut rec = base(format.as_str().into(), FileStatus::Ingested);
        rec.blake3 = Some(fp.blake3.clone());
        rec.sha1 = Some(fp.sha1_b64);
        // A byte-identical file already in the store (read in an earlier batch or run) whose
        // path sorts first is the original: this one is recorded as its duplicate, unread.
        if let Ok(Some(orig)) = reader.original_of(&fp.blake3, &root_s, &f.rel) {
            if orig < f.rel {
                rec.status = FileStatus::Duplicate;
                rec.duplicate_of = Some(orig);
                let _ = out.send(ToWriter::Whole(rec));
                to_read = to_read.saturating_sub(1);
                continue;
            }
        }
        let mut pages =
            match decode::open(&f.abs, format, &opts.decode, pdfium.as_ref().ok().copied()) {
                Ok(p) => p,
                Err(e) => {
                    rec.status = FileStatus::Failed;
                    rec.error = Some(e.to_string());
                    progress.file_failed(&f.rel, &e.to_string());
                    let _ = out.send(ToWriter::Whole(rec));
                    to_read = to_read.saturating_sub(1);
                    continue;
                }
            };
        let n = pages.page_count();
        rec.page_count = n;
        files_done += 1;
        pages_seen += n as u64;
        to_read = to_read.saturating_sub(1);
        progress.set_total(estimate(to_read, files_done, pages_seen));
        let _ = out.send(ToWriter::Start { seq, rec });
        let mut sent = 0u32;
        let mut aborted = false;
        for page_no in 1..=n {
            if stop.load(Ordering::Relaxed) {
                aborted = true;
                break;
            }
            let decoded = pages.read_page(page_no);
            if work
                .send(PageJob {
                    seq,
                    page_no,
                    decoded,
                })
                .is_err()
            {
                aborted = true;
                break;
            }
            sent += 1;
        }
        let _ = out.send(ToWriter::End { seq, sent, aborted });
    }
}

/// Pages still expected in this run: those already announced plus an estimate for the files
/// not yet opened, at the average pages per file seen so far.
fn estimate(files_left: u64, files_done: u64, pages_seen: u64) -> u64 {
    let avg = if files_done == 0 {
        1.0
    } else {
        pages_seen as f64 / files_done as f64
    };
    pages_seen + (files_left as f64 * avg).round() as u64
}

/// A worker: prepare and read one page. Never panics outward: a panic becomes a failed page.
fn read_page(job: PageJob, opts: &IngestOptions) -> PageRecord {
    let page_no = job.page_no;
    let started = Instant::now();
    let failed = |reason: String| PageRecord {
        page_no,
        status: PageStatus::Failed,
        error: Some(reason),
        width: 0,
        height: 0,
        dpi: 0.0,
        prep: Preparation {
            rotation: 0,
            skew: 0.0,
            scale: 1.0,
        },
        source: TextSource::None,
        text: None,
        engine: None,
        ms: 0,
    };
    let page = match job.decoded {
        Ok(p) => p,
        Err(e) => {
            let msg = e.to_string();
            return failed(if msg.starts_with("page ") {
                msg
            } else {
                format!("page {page_no}: {msg}")
            });
        }
    };
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_decoded(page, opts)));
    let mut rec = match result {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => failed(format!("page {page_no}: {e}")),
        Err(_) => failed(format!(
            "page {page_no}: internal error while reading the page"
        )),
    };
    rec.ms = started.elapsed().as_millis() as u64;
    rec
}

fn engine_settings(opts: &OcrOptions, dpi: f32) -> String {
    let vars: serde_json::Map<String, serde_json::Value> = crate::ocr::VARIABLES
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::from(*v)))
        .collect();
    serde_json::json!({"engine": "tesseract", "lang": opts.lang, "psm": opts.psm, "dpi": dpi.round(), "variables": vars})
        .to_string()
}

/// Below this mean confidence, or with fewer confident words than this, a page may be
/// turned: ask the orientation detector.
const ORIENTATION_CONF: f32 = 60.0;
const ORIENTATION_MIN_WORDS: usize = 8;

fn read_decoded(page: decode::DecodedPage, opts: &IngestOptions) -> Result<PageRecord, OcrError> {
    let mut rec = PageRecord {
        page_no: page.page_no,
        status: PageStatus::Ok,
        error: None,
        width: page.width,
        height: page.height,
        dpi: page.dpi,
        prep: Preparation {
            rotation: 0,
            skew: 0.0,
            scale: 1.0,
        },
        source: TextSource::Ocr,
        text: None,
        engine: None,
        ms: 0,
    };
    let gray = match page.content {
        PageContent::Text(t) => {
            rec.source = TextSource::TextLayer;
            rec.engine = Some(serde_json::json!({"engine": "pdf_text_layer"}).to_string());
            rec.text = Some(t);
            return Ok(rec);
        }
        PageContent::Image(g) => g,
    };
    if prepare::is_blank(&gray, opts.blank_share) {
        rec.status = PageStatus::Blank;
        rec.source = TextSource::None;
        return Ok(rec);
    }
    // Small print is enlarged to the size Tesseract reads well, whatever resolution the file
    // claims (one connected-component pass measures it).
    let base = Pix::from_gray(&gray);
    let text_px = prepare::text_height(&base);
    let scale = prepare::scale_for(page.dpi, text_px);
    tracing::debug!(dpi = page.dpi, ?text_px, scale, "resolution");
    let ocr_dpi = (page.dpi * scale).round() as u32;
    ENGINES.with(|cell| -> Result<PageRecord, OcrError> {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some((Engine::new(&opts.ocr)?, None));
        }
        let (engine, osd) = slot.as_mut().expect("engine just created");
        let prepared = |rotation: u32| -> Result<(Preparation, Pix), OcrError> {
            let fail = || OcrError::Failed("image preparation failed".into());
            let turned = base.rotate_orth(rotation / 90).ok_or_else(fail)?;
            let prep = Preparation {
                rotation,
                skew: prepare::measure_deskew(&turned),
                scale,
            };
            let pix = prepare::straighten(turned, &prep).ok_or_else(fail)?;
            pix.set_resolution(ocr_dpi);
            Ok((prep, pix))
        };
        let attempt = |engine: &mut Engine, rotation: u32| -> Result<Reading, OcrError> {
            let (prep, pix) = prepared(rotation)?;
            let started = Instant::now();
            let mut text = engine.recognize(&pix, ocr_dpi)?;
            text.marks = crate::marks::find(&pix, &text.words);
            tracing::debug!(
                rotation,
                scale,
                ocr_ms = started.elapsed().as_millis() as u64,
                "page read"
            );
            Ok((prep, pix.width(), pix.height(), text))
        };
        // The orientation detector is asked at most once per page, and only when needed.
        let mut detected: Option<Option<u32>> = None;
        let mut detect = |osd: &mut Option<OsdEngine>| -> Result<Option<u32>, OcrError> {
            if let Some(d) = detected {
                return Ok(d);
            }
            if osd.is_none() {
                *osd = OsdEngine::new().ok();
            }
            let (_, pix) = prepared(0)?;
            let d = osd
                .as_mut()
                .and_then(|o| o.detect(&pix, ocr_dpi))
                .map(|(rot, _)| rot);
            detected = Some(d);
            Ok(d)
        };
        // A page wider than tall is, in a chart archive, most often a portrait page scanned on
        // its side: asking first saves reading it sideways (a second's work for nothing).
        let first = if prepare::is_landscape(gray.width(), gray.height()) {
            detect(osd)?.unwrap_or_default()
        } else {
            0
        };
        let mut tried = vec![first];
        let mut best = attempt(engine, first)?;
        let confident = best.3.words.iter().filter(|w| w.conf >= 60.0).count();
        // Tesseract reads a sideways page's lines as vertical text, sometimes confidently:
        // tall word boxes give that away even when the confidence does not.
        let sideways = prepare::looks_sideways(&best.3.words);
        let poor = best.3.mean_conf.unwrap_or(0.0) < ORIENTATION_CONF;
        if sideways || poor || confident < ORIENTATION_MIN_WORDS {
            // A page read poorly on which the detector sees no turn may be upside down all
            // the same (a typewritten page scanned head first: on 44 generated sets the
            // detector missed 5 of 106 such pages, 4 of them read below 35 % confidence).
            let mut candidates: Vec<u32> = match detect(osd)? {
                Some(rot) if rot != 0 => vec![rot],
                _ if sideways => vec![(first + 90) % 360, (first + 270) % 360],
                _ if poor => vec![(first + 180) % 360],
                _ => Vec::new(),
            };
            // A landscape page turned on the detector's word and read poorly: maybe it was
            // a true landscape page after all.
            if first != 0 {
                candidates.insert(0, 0);
            }
            for rot in candidates {
                if tried.contains(&rot) {
                    continue;
                }
                tried.push(rot);
                let turned = attempt(engine, rot)?;
                if quality(&turned.3) > quality(&best.3) {
                    best = turned;
                }
            }
        }
        let (prep, w, h, text) = best;
        // Ink that reads as nothing (dust, a smudge, a hole punch) makes a blank page too.
        if !text
            .words
            .iter()
            .any(|w| w.conf >= 30.0 && w.text.chars().any(char::is_alphanumeric))
        {
            rec.status = PageStatus::Blank;
            rec.source = TextSource::None;
            rec.prep = prep;
            rec.width = w;
            rec.height = h;
            rec.dpi = ocr_dpi as f32;
            return Ok(rec);
        }
        rec.prep = prep;
        rec.width = w;
        rec.height = h;
        rec.dpi = ocr_dpi as f32;
        rec.engine = Some(engine_settings(&opts.ocr, ocr_dpi as f32));
        rec.text = Some(text);
        Ok(rec)
    })
}

/// A reading and what it was read from: preparation, image width and height, text.
type Reading = (Preparation, u32, u32, PageText);

/// How good a reading is: confident characters (confidence-weighted length).
fn quality(t: &PageText) -> f64 {
    t.words
        .iter()
        .map(|w| (w.conf as f64 / 100.0).powi(2) * w.text.chars().count() as f64)
        .sum()
}

/// The writer: gathers pages per file, commits whole files in batched transactions.
fn write_all(
    store: &mut Store,
    rx: Receiver<ToWriter>,
    progress: &dyn ProgressSink,
) -> Result<PassResult, IngestError> {
    const BATCH_FILES: usize = 32;
    const BATCH_AGE: Duration = Duration::from_secs(2);
    let mut counts = RunCounts::default();
    let mut failures = Vec::new();
    let mut duplicates = Vec::new();
    let mut walk_problems = Vec::new();
    let mut pending: HashMap<u64, Pending> = HashMap::new();
    let mut batch: Vec<(FileRecord, Vec<PageRecord>)> = Vec::new();
    let mut oldest: Option<Instant> = None;

    // Files are counted by the status they were committed with: the commit may still turn a
    // read file into a duplicate of one committed meanwhile.
    let flush = |store: &mut Store,
                 batch: &mut Vec<(FileRecord, Vec<PageRecord>)>,
                 counts: &mut RunCounts,
                 failures: &mut Vec<(String, String)>,
                 duplicates: &mut Vec<(String, String)>|
     -> Result<(), IngestError> {
        if batch.is_empty() {
            return Ok(());
        }
        for (rec, _) in store::commit_batch(store, std::mem::take(batch))? {
            counts.files_seen += 1;
            match rec.status {
                FileStatus::Ingested => counts.files_ingested += 1,
                FileStatus::Skipped => counts.files_skipped += 1,
                FileStatus::Duplicate => {
                    counts.files_duplicate += 1;
                    duplicates.push((rec.path, rec.duplicate_of.unwrap_or_default()));
                }
                FileStatus::Failed | FileStatus::Partial => {
                    counts.files_failed += 1;
                    if rec.status == FileStatus::Partial {
                        counts.files_ingested += 1;
                    }
                    failures.push((rec.path, rec.error.unwrap_or_default()));
                }
            }
        }
        Ok(())
    };

    loop {
        let msg = match rx.recv_timeout(Duration::from_millis(500)) {
            Ok(m) => Some(m),
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => None,
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => break,
        };
        let mut completed: Option<u64> = None;
        match msg {
            None => {}
            Some(ToWriter::Unchanged) => {
                counts.files_seen += 1;
                counts.files_unchanged += 1;
            }
            Some(ToWriter::Touch { id, size, mtime_ns }) => {
                counts.files_seen += 1;
                counts.files_unchanged += 1;
                store.touch_file(id, size, mtime_ns)?;
            }
            Some(ToWriter::WalkProblem(p, r)) => {
                progress.file_failed(&p, &r);
                walk_problems.push((p, r));
            }
            Some(ToWriter::Whole(rec)) => {
                oldest.get_or_insert_with(Instant::now);
                batch.push((rec, Vec::new()));
            }
            Some(ToWriter::Start { seq, rec }) => {
                pending.insert(
                    seq,
                    Pending {
                        rec,
                        pages: Vec::new(),
                        sent: None,
                        aborted: false,
                    },
                );
            }
            Some(ToWriter::End { seq, sent, aborted }) => {
                if let Some(p) = pending.get_mut(&seq) {
                    p.sent = Some(sent);
                    p.aborted = aborted;
                    completed = Some(seq);
                }
            }
            Some(ToWriter::Page { seq, page }) => {
                counts.pages_done += 1;
                progress.page_done(page.status == PageStatus::Failed);
                if let Some(p) = pending.get_mut(&seq) {
                    p.pages.push(page);
                    completed = Some(seq);
                }
            }
        }
        if let Some(seq) = completed {
            let ready = pending
                .get(&seq)
                .map(|p| {
                    !p.aborted
                        && p.sent == Some(p.pages.len() as u32)
                        && p.sent == Some(p.rec.page_count)
                })
                .unwrap_or(false);
            if ready {
                let mut p = pending.remove(&seq).expect("pending file");
                p.pages.sort_by_key(|pg| pg.page_no);
                finish_file(&mut p.rec, &p.pages);
                if let Some(reason) = &p.rec.error {
                    progress.file_failed(&p.rec.path, reason);
                }
                oldest.get_or_insert_with(Instant::now);
                batch.push((p.rec, p.pages));
            }
        }
        if batch.len() >= BATCH_FILES || oldest.map(|t| t.elapsed() >= BATCH_AGE).unwrap_or(false) {
            flush(
                store,
                &mut batch,
                &mut counts,
                &mut failures,
                &mut duplicates,
            )?;
            oldest = None;
        }
    }
    flush(
        store,
        &mut batch,
        &mut counts,
        &mut failures,
        &mut duplicates,
    )?;
    // Whatever is still pending was cut short by a stop: discarded whole, read again next run.
    Ok((counts, failures, duplicates, walk_problems))
}

/// Sets a file's status and error from its pages.
fn finish_file(rec: &mut FileRecord, pages: &[PageRecord]) {
    let failed: Vec<&PageRecord> = pages
        .iter()
        .filter(|p| p.status == PageStatus::Failed)
        .collect();
    if failed.is_empty() {
        rec.status = FileStatus::Ingested;
    } else {
        rec.status = if failed.len() == pages.len() {
            FileStatus::Failed
        } else {
            FileStatus::Partial
        };
        let reasons: Vec<String> = failed
            .iter()
            .take(5)
            .map(|p| p.error.clone().unwrap_or_default())
            .collect();
        let more = if failed.len() > 5 {
            format!(" (and {} more failed pages)", failed.len() - 5)
        } else {
            String::new()
        };
        rec.error = Some(format!("{}{more}", reasons.join("; ")));
    }
}
