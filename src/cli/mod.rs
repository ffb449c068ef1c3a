//! The command line: parses arguments, calls the library, prints results, sets exit codes.
//!
//! Exit codes: 0 all went well; 2 the run completed but some files failed (listed);
//! 1 could not run at all (bad arguments, unusable database); 130 interrupted (Ctrl-C).

mod progress;
mod records_cmd;
mod review_cmd;
mod search_cmd;

use crate::ingest::{self, IngestOptions};
use crate::store::Store;
use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[derive(Parser, Debug)]
#[command(name = "chartscan", version, about = "Turns folders of scanned paper medical charts into a searchable, shareable electronic record", long_about = None)]
pub struct Cli {
    /// More log output on stderr (-v info, -vv debug). Field values are never logged.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read every scanned page under ROOT into the record store (resumable, idempotent).
    Ingest(IngestArgs),
    /// Summarise what the database holds: files, pages, failures, runs.
    Status(StatusArgs),
    /// Follow a page back to its source: path, page number, text, and the page image as OCR saw it.
    Show(ShowArgs),
    /// Re-run field extraction, patient linkage and review flags over an existing database (no OCR).
    Extract(records_cmd::ExtractArgs),
    /// Write the record out: JSON lines, FHIR R4 Bulk Data, or CSV.
    Export(records_cmd::ExportArgs),
    /// Find pages and documents: full text, MRN, name (typo-tolerant), DOB, dates, type, review state.
    Search(search_cmd::SearchArgs),
    /// A patient's demographics (with the documents they came from) and documents in date order.
    Patient(search_cmd::PatientArgs),
    /// Review workstation: check flagged documents beside the scan (web app), or list/stats.
    Review(review_cmd::ReviewArgs),
}

#[derive(Args, Debug)]
pub struct DbArg {
    /// The chartscan database (SQLite).
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
}

#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Folder tree of scans (PNG, JPEG, TIFF, PDF), walked recursively.
    pub root: PathBuf,
    #[command(flatten)]
    pub db: DbArg,
    /// OCR workers, one Tesseract engine and one core each [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Tesseract language(s), e.g. eng or eng+spa.
    #[arg(long, default_value = "eng")]
    pub lang: String,
    /// No progress output; failures are still listed at the end.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print a machine-readable JSON summary on stdout at the end.
    #[arg(long)]
    pub json: bool,
    /// Largest page to decode, in megapixels (guard against decompression bombs).
    #[arg(long, default_value_t = 50.0, value_name = "MP")]
    pub max_megapixels: f64,
    /// Per-page OCR time limit; a page over it is recorded as failed.
    #[arg(long, default_value_t = 120.0, value_name = "SECONDS")]
    pub page_timeout: f64,
    /// Tesseract page segmentation mode.
    #[arg(long, default_value_t = 3, value_name = "PSM")]
    pub psm: i32,
    /// Path to libpdfium.so (else $CHARTSCAN_PDFIUM, else /usr/local/lib/chartscan, else beside the executable).
    #[arg(long, value_name = "PATH")]
    pub pdfium: Option<PathBuf>,
    /// Read again files that failed in an earlier run even though they did not change.
    #[arg(long)]
    pub retry_failed: bool,
    /// Only read pages; skip field extraction and patient linkage.
    #[arg(long)]
    pub no_extract: bool,
}

#[derive(Args, Debug)]
pub struct StatusArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
    /// How many recent runs to list.
    #[arg(long, default_value_t = 10)]
    pub runs: usize,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Page id (as status, search and export print it).
    #[arg(long, value_name = "PAGE_ID")]
    pub page: i64,
    /// Write the page image, as OCR saw it (turned, deskewed, scaled), to this PNG file.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The archive's root now, if it moved since ingest.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Path to libpdfium.so.
    #[arg(long, value_name = "PATH")]
    pub pdfium: Option<PathBuf>,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
}

/// Entry point used by `main`.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("chartscan: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("CHARTSCAN_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ingest(a) => cmd_ingest(a),
        Command::Status(a) => cmd_status(a),
        Command::Show(a) => cmd_show(a),
        Command::Extract(a) => records_cmd::cmd_extract(a),
        Command::Export(a) => records_cmd::cmd_export(a),
        Command::Search(a) => search_cmd::cmd_search(a),
        Command::Patient(a) => search_cmd::cmd_patient(a),
        Command::Review(a) => review_cmd::cmd_review(a),
    }
}

fn cmd_ingest(a: IngestArgs) -> Result<ExitCode> {
    let mut opts = IngestOptions::new(a.root.clone());
    if let Some(j) = a.jobs {
        anyhow::ensure!(j >= 1, "--jobs must be at least 1");
        opts.jobs = j;
    }
    opts.ocr.lang = a.lang.clone();
    opts.ocr.psm = a.psm;
    anyhow::ensure!(a.page_timeout > 0.0, "--page-timeout must be positive");
    opts.ocr.timeout_s = a.page_timeout;
    opts.decode.max_megapixels = a.max_megapixels;
    opts.pdfium = a.pdfium.clone();
    opts.retry_failed = a.retry_failed;
    opts.extract = !a.no_extract;

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                // Second Ctrl-C: leave now. SQLite's journal keeps the database whole.
                std::process::exit(130);
            }
            eprintln!(
                "chartscan: stopping: finishing pages in flight (Ctrl-C again to quit at once)"
            );
        })
        .context("installing the Ctrl-C handler")?;
    }
    let progress = progress::Progress::new(a.quiet);
    let summary = ingest::ingest(&a.db.db, &opts, stop, &progress)
        .with_context(|| format!("ingest of {} into {}", a.root.display(), a.db.db.display()))?;
    progress.finish();

    if a.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        let c = &summary.counts;
        eprintln!(
            "chartscan: {} files seen: {} ingested, {} unchanged, {} duplicate, {} skipped (not images), {} failed; {} pages in {:.1} s ({:.2} pages/s){}",
            c.files_seen,
            c.files_ingested,
            c.files_unchanged,
            c.files_duplicate,
            c.files_skipped,
            c.files_failed,
            c.pages_done,
            summary.seconds,
            summary.pages_per_second,
            if summary.interrupted { " — interrupted" } else { "" }
        );
        for (p, r) in &summary.failures {
            eprintln!("  failed: {p}: {r}");
        }
        for (p, o) in &summary.duplicates {
            eprintln!("  duplicate: {p} is byte-identical to {o}");
        }
    }
    Ok(if summary.interrupted {
        ExitCode::from(130)
    } else if !summary.failures.is_empty() || !summary.walk_problems.is_empty() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn cmd_status(a: StatusArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&a.db.db)?;
    let r = store.status(a.runs)?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&r)?);
        return Ok(ExitCode::SUCCESS);
    }
    let files: i64 = r.files.values().sum();
    println!(
        "database: {} (schema v{})",
        a.db.db.display(),
        r.schema_version
    );
    println!(
        "files: {files} ({})",
        r.files
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "pages: {} ({} OCR'd, {} from text layer, {} blank, {} failed)",
        r.pages.total, r.pages.ocr, r.pages.text_layer, r.pages.blank, r.pages.failed
    );
    if !r.skipped.is_empty() {
        println!(
            "skipped (not page images): {}",
            r.skipped
                .iter()
                .map(|(k, v)| format!("{v} {k}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if !r.failures.is_empty() {
        println!("failed or partly read files:");
        for f in &r.failures {
            println!(
                "  {} [{}] {}: {}",
                f.path,
                f.format,
                f.status,
                f.error.as_deref().unwrap_or("")
            );
        }
    }
    for (p, o) in &r.duplicates {
        println!("duplicate: {p} = {o}");
    }
    println!("runs:");
    for run in &r.runs {
        println!(
            "  #{} {} → {} [{}] {} jobs, {} files, {} pages, {}",
            run.id,
            run.started_at,
            run.finished_at
                .as_deref()
                .unwrap_or("(not finished: running or killed)"),
            run.status,
            run.jobs,
            run.files_seen,
            run.pages_done,
            run.pages_per_second
                .map(|p| format!("{p:.2} pages/s"))
                .unwrap_or_else(|| "-".into())
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_show(a: ShowArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&a.db.db)?;
    let page = store.page(a.page)?;
    let source = crate::show::source_path(&page, a.root.as_deref());
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "page_id": page.id, "source": page.path, "root": page.root, "absolute_path": source,
                "page": page.page_no, "pages": page.page_count, "status": page.status, "error": page.error,
                "width": page.width, "height": page.height, "dpi": page.dpi, "rotation": page.prep.rotation,
                "skew": page.prep.skew, "scale": page.prep.scale, "text_source": page.text_source,
                "mean_confidence": page.mean_conf, "text": page.text,
            }))?
        );
    } else {
        println!("source: {}", source.display());
        println!("page: {} of {}", page.page_no, page.page_count);
        println!(
            "status: {}{}  text: {}  confidence: {}",
            page.status,
            page.error
                .as_deref()
                .map(|e| format!(" ({e})"))
                .unwrap_or_default(),
            page.text_source,
            page.mean_conf
                .map(|c| format!("{c:.1}"))
                .unwrap_or_else(|| "-".into())
        );
        println!(
            "image: {}x{} px at {:.0} dpi; turned {}°, deskewed {:.2}°, scaled {:.2}x",
            page.width, page.height, page.dpi, page.prep.rotation, page.prep.skew, page.prep.scale
        );
        println!("---");
        println!("{}", page.text.trim_end());
    }
    if let Some(out) = &a.out {
        let (_, img) =
            crate::show::page_image(&store, a.page, a.root.as_deref(), a.pdfium.as_deref())?;
        img.save_with_format(out, image::ImageFormat::Png)
            .with_context(|| format!("writing {}", out.display()))?;
        eprintln!(
            "chartscan: wrote {} ({}x{})",
            out.display(),
            img.width(),
            img.height()
        );
    }
    Ok(ExitCode::SUCCESS)
}
