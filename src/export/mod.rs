//! export: the record out of the store, streamed one document at a time — JSON lines for
//! people and scripts, FHIR R4 Bulk Data for other systems, CSV for spreadsheets.

pub mod csv;
pub mod fhir;
pub mod jsonl;

use clap::ValueEnum;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per document (see `jsonl`).
    Jsonl,
    /// FHIR R4 Bulk Data: Patient.ndjson, DocumentReference.ndjson and export.json in --out DIR.
    Fhir,
    /// One row per document with its fields.
    Csv,
}
