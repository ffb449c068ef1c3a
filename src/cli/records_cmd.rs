//! `chartscan extract` and `chartscan export`.

use super::DbArg;
use crate::export;
use crate::records::{self, RecordsOptions};
use crate::reread::RereadOptions;
use crate::store::Store;
use anyhow::{Context, Result};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Re-extract every document (default: only new or re-ingested ones). Linkage and review
    /// flags are always recomputed over all documents.
    #[arg(long)]
    pub all: bool,
    /// Confidence (0-1) under which a patient name, birth date or MRN sends its document to
    /// review.
    #[arg(long, default_value_t = records::DEFAULT_REVIEW_THRESHOLD, value_name = "CONF")]
    pub review_threshold: f64,
    /// Confidence (0-1) under which a sex, encounter date or provider sends its document to
    /// review.
    #[arg(long, default_value_t = records::DEFAULT_DETAIL_THRESHOLD, value_name = "CONF")]
    pub detail_threshold: f64,
    /// Print a machine-readable JSON summary on stdout.
    #[arg(long)]
    pub json: bool,
    /// Do not read doubtful fields a second time from their page images (faster; the
    /// source files are not opened). Fields keep their first reading's confidence.
    #[arg(long)]
    pub no_reread: bool,
    /// Worker threads for second readings [default: all cores].
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Tesseract language(s) for second readings: those the pages were read with.
    #[arg(long, default_value = "eng")]
    pub lang: String,
    /// The archive's root now, if it moved since ingest (the stored root otherwise).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Path to libpdfium.so (else $CHARTSCAN_PDFIUM, else /usr/local/lib/chartscan, else beside the executable).
    #[arg(long, value_name = "FILE")]
    pub pdfium: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: export::Format,
    /// Write here instead of stdout (a folder for --format fhir, where it is required).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// FHIR: identifier system of the MRN in Patient.identifier.
    #[arg(long, default_value = "urn:chartscan:mrn", value_name = "URI")]
    pub mrn_system: String,
    /// FHIR: attachment URLs as BASE + path relative to the archive root, instead of file:// URLs.
    #[arg(long, value_name = "BASE")]
    pub url_base: Option<String>,
}

pub fn cmd_extract(a: ExtractArgs) -> Result<ExitCode> {
    anyhow::ensure!(
        (0.0..=1.0).contains(&a.review_threshold),
        "--review-threshold must be between 0 and 1"
    );
    anyhow::ensure!(
        (0.0..=1.0).contains(&a.detail_threshold),
        "--detail-threshold must be between 0 and 1"
    );
    let mut store = Store::open_existing(&a.db.db)?;
    let opts = RecordsOptions {
        all: a.all,
        thresholds: records::Thresholds {
            required: a.review_threshold,
            detail: a.detail_threshold,
        },
        reread: (!a.no_reread).then(|| RereadOptions {
            lang: a.lang.clone(),
            jobs: a.jobs.unwrap_or_else(crate::ingest::default_jobs),
            pdfium: a.pdfium.clone(),
            root: a.root.clone(),
        }),
        ..RecordsOptions::default()
    };
    let s = records::refresh_with(&mut store, &opts).context("extraction and linkage")?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
    } else {
        eprintln!(
            "chartscan: {} documents extracted ({} doubtful fields read again, {} confirmed; {} initials set apart; {} empty initial boxes seen blank; {} names with unread ink after them; {} identifiers disputed); {} documents, {} patients, {} linked, {} need review",
            s.extracted, s.reread.reread, s.reread.confirmed, s.reread.initials_apart, s.reread.blanks, s.reread.unread_ink, s.reread.disputed, s.documents, s.patients, s.linked, s.needs_review
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn cmd_export(a: ExportArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&a.db.db)?;
    let n = match a.format {
        export::Format::Jsonl => match &a.out {
            Some(path) => {
                let f = std::fs::File::create(path)
                    .with_context(|| format!("creating {}", path.display()))?;
                let mut w = std::io::BufWriter::new(f);
                let n = export::jsonl::write(&store, &mut w)?;
                w.flush()?;
                n
            }
            None => {
                let stdout = std::io::stdout();
                let mut w = std::io::BufWriter::new(stdout.lock());
                let n = export::jsonl::write(&store, &mut w)?;
                w.flush()?;
                n
            }
        },
        export::Format::Fhir => {
            let out = a.out.as_deref().context("--format fhir needs --out DIR")?;
            super::search_cmd::export_fhir(&store, out, a.mrn_system.clone(), a.url_base.clone())?;
            return Ok(ExitCode::SUCCESS);
        }
        export::Format::Csv => {
            super::search_cmd::export_csv(&store, a.out.as_deref())?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    if a.out.is_some() {
        eprintln!("chartscan: exported {n} documents");
    }
    Ok(ExitCode::SUCCESS)
}
