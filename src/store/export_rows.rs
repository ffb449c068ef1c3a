//! Rows for the exports (FHIR, CSV), streamed one at a time: the callers write each row out
//! before the next is read, so memory stays flat however large the database is.

use super::search::{
    document_row, fields_json, patient_row, DocumentRow, PatientRow, DOCUMENT_COLS, PATIENT_COLS,
};
use super::Store;
use crate::error::StoreError;

/// A document with everything an export needs: the [`DocumentRow`] (source, review state,
/// patient link — here only when that patient row exists — and effective fields) and the file
/// and patient details.
#[derive(Debug, Clone)]
pub struct DocumentExportRow {
    pub doc: DocumentRow,
    /// When the document was extracted (else when its file was ingested), RFC 3339.
    pub indexed_at: String,
    pub format: String,
    pub size: i64,
    /// SHA-1 of the file, base64 (as FHIR Attachment.hash wants).
    pub sha1: Option<String>,
    pub page_count: u32,
    pub patient_name: Option<String>,
    pub patient_mrn: Option<String>,
}

impl Store {
    /// Calls `f` for every patient, in id order, streaming.
    pub fn for_each_patient<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(PatientRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut st = self
            .conn
            .prepare(&format!("SELECT {PATIENT_COLS} FROM patients ORDER BY id"))
            .map_err(StoreError::from)?;
        let mut rows = st.query([]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            f(patient_row(r).map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    /// Calls `f` for every document, in id order, streaming.
    pub fn for_each_document<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(DocumentExportRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = format!(
            "SELECT {DOCUMENT_COLS}, pt.id, {},
                    coalesce(d.extracted_at, f.ingested_at), f.format, f.size, f.sha1, f.page_count,
                    pt.name, pt.mrn
             FROM documents d
             JOIN files f ON f.id = d.file_id
             LEFT JOIN patients pt ON pt.id = d.patient_id
             ORDER BY d.id",
            fields_json()
        );
        let mut st = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = st.query([]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            let row = (|| -> Result<DocumentExportRow, StoreError> {
                Ok(DocumentExportRow {
                    doc: document_row(r)?,
                    indexed_at: r.get(14)?,
                    format: r.get(15)?,
                    size: r.get(16)?,
                    sha1: r.get(17)?,
                    page_count: r.get(18)?,
                    patient_name: r.get(19)?,
                    patient_mrn: r.get(20)?,
                })
            })()?;
            f(row)?;
        }
        Ok(())
    }

    /// Number of patients and documents (for progress and summaries).
    pub fn export_counts(&self) -> Result<(i64, i64), StoreError> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM patients), (SELECT count(*) FROM documents)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }
}
