//! `chartscan search`, `chartscan patient`, and the FHIR and CSV formats of `chartscan export`.
//!
//! Results go to stdout (that is what the user asked for); nothing here logs field values.

use super::DbArg;
use crate::export::{csv as csv_export, fhir};
use crate::search::{self, parse_date, SearchQuery};
use crate::store::Store;
use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;
use std::process::ExitCode;

fn date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_date(s).ok_or_else(|| format!("'{s}' is not a date (try 2021-02-18, 02/18/2021, 18-Feb-2021 or \"February 18, 2021\")"))
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Words to find in page text (all must occur; "quoted phrase", prefix*).
    pub query: Vec<String>,
    /// Patient MRN (punctuation and case ignored).
    #[arg(long, value_name = "MRN")]
    pub mrn: Option<String>,
    /// Patient name, tolerant of spelling and OCR slips ("Given Family", "Family, Given" or a family name).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Date of birth.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub dob: Option<NaiveDate>,
    /// Encounter date on or after.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub from: Option<NaiveDate>,
    /// Encounter date on or before.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub to: Option<NaiveDate>,
    /// Document type (e.g. lab_report, progress_note).
    #[arg(long = "type", value_name = "TYPE")]
    pub doc_type: Option<String>,
    /// Only documents still waiting for review.
    #[arg(long)]
    pub needs_review: bool,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
    /// Most hits to show.
    #[arg(long, default_value_t = 20, value_name = "K")]
    pub limit: usize,
}

#[derive(Args, Debug)]
#[command(group = clap::ArgGroup::new("who").required(true).args(["id", "mrn"]))]
pub struct PatientArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Patient id (as search prints it).
    #[arg(long, value_name = "ID")]
    pub id: Option<i64>,
    /// Patient MRN; every patient holding it is shown (with --json: an array of timelines).
    #[arg(long, value_name = "MRN")]
    pub mrn: Option<String>,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
}

pub fn cmd_search(a: SearchArgs) -> Result<ExitCode> {
    if let (Some(f), Some(t)) = (a.from, a.to) {
        if f > t {
            bail!("--from {f} is after --to {t}");
        }
    }
    let store = Store::open_existing(&a.db.db)?;
    let text = a.query.join(" ");
    let q = SearchQuery {
        text: Some(text).filter(|t| !t.trim().is_empty()),
        mrn: a.mrn,
        name: a.name,
        dob: a.dob,
        from: a.from,
        to: a.to,
        doc_type: a.doc_type,
        needs_review: a.needs_review,
        limit: a.limit,
    };
    let res = search::search(&store, &q)?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&res)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    if q.name.is_some() && res.name_matches.is_empty() {
        writeln!(out, "no patient name matches")?;
    }
    for m in res.name_matches.iter().take(5) {
        writeln!(
            out,
            "name match: patient {} {} (score {:.2})",
            m.patient_id,
            m.name.as_deref().unwrap_or("?"),
            m.score
        )?;
    }
    if res.hits.is_empty() {
        writeln!(out, "no hits")?;
    }
    if let Some(n) = res.ranked_newest {
        writeln!(
            out,
            "note: the words are on more than {n} pages; these are the best of the {n} most \
             recently stored. Add words or filters (--type, --from/--to, --mrn) to narrow."
        )?;
    }
    for h in &res.hits {
        let patient = match (h.patient_id, &h.patient_name) {
            (Some(id), n) => format!("{} [patient {id}]", n.as_deref().unwrap_or("?")),
            (None, Some(n)) => format!("{n} [not linked]"),
            (None, None) => "(no patient)".into(),
        };
        writeln!(
            out,
            "{}  {}  {}{}  {}",
            h.date.as_deref().unwrap_or("----------"),
            h.doc_type.as_deref().unwrap_or("(no document)"),
            patient,
            h.mrn
                .as_deref()
                .map(|m| format!(" MRN {m}"))
                .unwrap_or_default(),
            if h.needs_review == Some(true) {
                "[needs review]"
            } else {
                ""
            }
        )?;
        writeln!(
            out,
            "    {} page {}  (page id {}: chartscan show --page {})",
            h.source,
            h.page_no.map(|p| p.to_string()).unwrap_or("?".into()),
            h.page_id.map(|p| p.to_string()).unwrap_or("?".into()),
            h.page_id.map(|p| p.to_string()).unwrap_or("?".into()),
        )?;
        if let Some(s) = &h.snippet {
            writeln!(
                out,
                "    {}",
                s.split_whitespace().collect::<Vec<_>>().join(" ")
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn cmd_patient(a: PatientArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&a.db.db)?;
    let ids: Vec<i64> = match (a.id, &a.mrn) {
        (Some(id), _) => vec![id],
        (None, Some(m)) => search::patients_by_mrn(&store, m)?
            .into_iter()
            .map(|p| p.id)
            .collect(),
        (None, None) => unreachable!("clap requires --id or --mrn"),
    };
    if ids.is_empty() {
        bail!("no patient with that MRN");
    }
    let timelines = ids
        .iter()
        .map(|&id| search::timeline(&store, id))
        .collect::<Result<Vec<_>, _>>()?;
    if a.json {
        let v = if a.id.is_some() {
            serde_json::to_value(&timelines[0])?
        } else {
            serde_json::to_value(&timelines)?
        };
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    for t in &timelines {
        let p = &t.patient;
        writeln!(
            out,
            "patient {}: {}",
            p.id,
            p.name.as_deref().unwrap_or("(no name)")
        )?;
        for d in &t.demographics {
            let from = match &d.from {
                Some(f) => format!(
                    "from document {} ({} page {}{}{}){}",
                    f.document_id,
                    f.source,
                    f.page_no.map(|p| p.to_string()).unwrap_or("?".into()),
                    f.page_id
                        .map(|p| format!(", page id {p}"))
                        .unwrap_or_default(),
                    f.confidence
                        .map(|c| format!(", confidence {c:.2}"))
                        .unwrap_or_default(),
                    f.review_action
                        .as_deref()
                        .map(|r| format!(", reviewer {r}"))
                        .unwrap_or_default(),
                ),
                None => "(no document states it)".into(),
            };
            writeln!(
                out,
                "  {:<14} {:<22} {from}; {} document(s) agree{}",
                d.field,
                d.value.as_deref().unwrap_or("-"),
                d.agreeing_documents,
                if d.other_values.is_empty() {
                    String::new()
                } else {
                    format!("; others say: {}", d.other_values.join(" | "))
                }
            )?;
        }
        writeln!(out, "  documents ({}):", t.documents.len())?;
        for d in &t.documents {
            writeln!(
                out,
                "    {}  {:<18} {:<24} doc {} {} p{}-{} (page id {}) {}",
                d.date.as_deref().unwrap_or("----------"),
                d.doc_type,
                d.provider.as_deref().unwrap_or("-"),
                d.document_id,
                d.source,
                d.first_page,
                d.last_page,
                d.page_id.map(|p| p.to_string()).unwrap_or("?".into()),
                if d.needs_review {
                    format!("[needs review: {}]", d.review_reasons.join(", "))
                } else if let Some(r) = &d.reviewed_by {
                    format!("[reviewed by {r}]")
                } else {
                    String::new()
                }
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `export --format fhir`: the Bulk Data folder.
pub fn export_fhir(
    store: &Store,
    out: &std::path::Path,
    mrn_system: String,
    url_base: Option<String>,
) -> Result<()> {
    let opts = fhir::FhirOptions {
        mrn_system,
        url_base,
        ..Default::default()
    };
    let s = fhir::write_fhir(store, out, &opts)
        .with_context(|| format!("FHIR export to {}", out.display()))?;
    eprintln!(
        "chartscan: wrote {} Patient and {} DocumentReference resources; manifest {}",
        s.patients,
        s.document_references,
        s.manifest.display()
    );
    Ok(())
}

/// `export --format csv`: to a file (written whole, then renamed into place) or stdout.
pub fn export_csv(store: &Store, out: Option<&std::path::Path>) -> Result<()> {
    let n = match out {
        Some(path) => {
            let tmp = path.with_extension("csv.partial");
            let f = std::fs::File::create(&tmp)
                .with_context(|| format!("creating {}", tmp.display()))?;
            let n = csv_export::write_csv(store, std::io::BufWriter::new(f))?;
            std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
            n
        }
        None => csv_export::write_csv(store, std::io::stdout().lock())?,
    };
    eprintln!("chartscan: wrote {n} document rows");
    Ok(())
}
