//! Rows for the exports (FHIR, CSV), streamed one at a time: the callers write each row out
//! before the next is read, so memory stays flat however large the database is.

use super::search::{fields_json, parse_fields, EffectiveFields, PatientRow};
use super::Store;
use crate::error::StoreError;

/// A document with everything an export needs: source file, review state, patient link and
/// effective (reviewed-or-extracted) fields.
#[derive(Debug, Clone)]
pub struct DocumentExportRow {
    pub id: i64,
    pub doc_type: String,
    pub needs_review: bool,
    pub review_reasons: Vec<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
    pub first_page: u32,
    pub last_page: u32,
    pub first_page_id: Option<i64>,
    /// When the document was extracted (else when its file was ingested), RFC 3339.
    pub indexed_at: String,
    pub root: String,
    pub path: String,
    pub format: String,
    pub size: i64,
    /// SHA-1 of the file, base64 (as FHIR Attachment.hash wants).
    pub sha1: Option<String>,
    pub page_count: u32,
    /// The linked patient, only when that patient row exists.
    pub patient_id: Option<i64>,
    pub patient_name: Option<String>,
    pub patient_mrn: Option<String>,
    pub fields: EffectiveFields,
}

impl Store {
    /// Calls `f` for every patient, in id order, streaming.
    pub fn for_each_patient<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(PatientRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut st = self
            .conn
            .prepare("SELECT id, mrn, name, given, family, dob, sex FROM patients ORDER BY id")
            .map_err(StoreError::from)?;
        let mut rows = st.query([]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            let p = PatientRow {
                id: r.get(0).map_err(StoreError::from)?,
                mrn: r.get(1).map_err(StoreError::from)?,
                name: r.get(2).map_err(StoreError::from)?,
                given: r.get(3).map_err(StoreError::from)?,
                family: r.get(4).map_err(StoreError::from)?,
                dob: r.get(5).map_err(StoreError::from)?,
                sex: r.get(6).map_err(StoreError::from)?,
            };
            f(p)?;
        }
        Ok(())
    }

    /// Calls `f` for every document, in id order, streaming.
    pub fn for_each_document<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(DocumentExportRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = format!(
            "SELECT d.id, coalesce(d.reviewed_doc_type, d.doc_type), d.needs_review, d.review_reasons, d.reviewed_by,
                    d.reviewed_at, d.first_page, d.last_page,
                    (SELECT pg.id FROM pages pg WHERE pg.file_id = d.file_id AND pg.page_no = d.first_page),
                    coalesce(d.extracted_at, f.ingested_at), f.root, f.path, f.format, f.size, f.sha1, f.page_count,
                    pt.id, pt.name, pt.mrn, {}
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
                    id: r.get(0)?,
                    doc_type: r.get(1)?,
                    needs_review: r.get::<_, i64>(2)? != 0,
                    review_reasons: serde_json::from_str(&r.get::<_, String>(3)?)
                        .unwrap_or_default(),
                    reviewed_by: r.get(4)?,
                    reviewed_at: r.get(5)?,
                    first_page: r.get(6)?,
                    last_page: r.get(7)?,
                    first_page_id: r.get(8)?,
                    indexed_at: r.get(9)?,
                    root: r.get(10)?,
                    path: r.get(11)?,
                    format: r.get(12)?,
                    size: r.get(13)?,
                    sha1: r.get(14)?,
                    page_count: r.get(15)?,
                    patient_id: r.get(16)?,
                    patient_name: r.get(17)?,
                    patient_mrn: r.get(18)?,
                    fields: parse_fields(r.get(19)?)?,
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
