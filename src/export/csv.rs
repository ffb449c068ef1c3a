//! CSV export for spreadsheets: one row per document with its effective fields (a reviewer's
//! value over the extractor's), streamed.
//!
//! Cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
//! CR) get a leading `'`: OCR text is untrusted input.

use super::fhir::ExportError;
use crate::store::{field_best, Store};
use std::io::Write;

/// Column names, in order.
pub const HEADER: [&str; 20] = [
    "document_id",
    "source",
    "root",
    "first_page",
    "last_page",
    "page_id",
    "doc_type",
    "needs_review",
    "review_reasons",
    "reviewed_by",
    "patient_id",
    "patient_name",
    "date_of_birth",
    "mrn",
    "sex",
    "encounter_date",
    "provider",
    "file_format",
    "file_sha1",
    "reviewed_fields",
];

fn cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// Writes the CSV (header + one row per document, in document id order); returns the row count.
pub fn write_csv<W: Write>(store: &Store, writer: W) -> Result<u64, ExportError> {
    let mut w = ::csv::Writer::from_writer(writer);
    w.write_record(HEADER)?;
    let mut n = 0u64;
    store.for_each_document(|row| {
        let d = &row.doc;
        let f = |name: &str| field_best(&d.fields, name).map(cell).unwrap_or_default();
        // Free-text fields as printed (or typed by the reviewer); codes and dates normalised.
        let printed = |name: &str| {
            d.fields
                .get(name)
                .and_then(|x| x.value.as_deref().or(x.normalized.as_deref()))
                .map(cell)
                .unwrap_or_default()
        };
        let reviewed: Vec<&str> = d
            .fields
            .iter()
            .filter(|(_, v)| v.reviewed())
            .map(|(k, _)| k.as_str())
            .collect();
        let patient_name = match d.fields.get("patient_name") {
            Some(x) if x.review_action.as_deref() == Some("corrected") => printed("patient_name"),
            _ => row
                .patient_name
                .as_deref()
                .map(cell)
                .unwrap_or_else(|| printed("patient_name")),
        };
        w.write_record([
            d.id.to_string(),
            cell(&d.source),
            cell(&d.root),
            d.first_page.to_string(),
            d.last_page.to_string(),
            d.first_page_id.map(|p| p.to_string()).unwrap_or_default(),
            d.doc_type.clone(),
            (d.needs_review as u8).to_string(),
            cell(&d.review_reasons.join(";")),
            d.reviewed_by.as_deref().map(cell).unwrap_or_default(),
            d.patient_id.map(|p| p.to_string()).unwrap_or_default(),
            patient_name,
            f("date_of_birth"),
            f("mrn"),
            f("sex"),
            f("encounter_date"),
            printed("provider"),
            row.format.clone(),
            row.sha1.clone().unwrap_or_default(),
            reviewed.join(";"),
        ])?;
        n += 1;
        Ok::<(), ExportError>(())
    })?;
    w.flush().map_err(|source| ExportError::Io {
        path: "<csv output>".into(),
        source,
    })?;
    Ok(n)
}
