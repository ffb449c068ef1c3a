//! store::review: the review queue, the document view and every reviewer action.
//!
//! Every action runs in one transaction that (1) checks the document's `version` against the
//! one the reviewer loaded (optimistic locking: a mismatch is `StoreError::Conflict`, nothing
//! is written), (2) writes the decision beside the extracted value (`field_reviews`, never over
//! `fields`), (3) appends an `audit` row and (4) bumps `version`.

use super::{now, Store};
use crate::error::{StoreError, StoreResult};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

/// Fields a document cannot be accepted without a decision on (when open).
pub const REQUIRED_FIELDS: [&str; 3] = ["patient_name", "date_of_birth", "mrn"];
/// Every field the extractor fills, in display order.
pub const FIELD_NAMES: [&str; 6] = [
    "patient_name",
    "date_of_birth",
    "mrn",
    "sex",
    "encounter_date",
    "provider",
];
/// Document types offered to the reviewer (the database's own are added).
pub const DOC_TYPES: [&str; 9] = [
    "intake_form",
    "progress_note",
    "lab_report",
    "radiology_report",
    "discharge_summary",
    "referral_letter",
    "medication_list",
    "consent_form",
    "other",
];

/// Which documents of the queue to list.
#[derive(Debug, Clone, Default, Serialize)]
pub struct QueueFilter {
    /// A review reason, exact (`missing:mrn`) or its kind before the colon (`missing`).
    pub reason: Option<String>,
    /// Source path prefix relative to the root (`box-001/folder-002`).
    pub prefix: Option<String>,
    pub doc_type: Option<String>,
    pub patient_id: Option<i64>,
    /// Include documents already reviewed.
    pub all: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct QueueItem {
    pub id: i64,
    pub path: String,
    pub first_page: i64,
    pub last_page: i64,
    pub doc_type: String,
    pub patient_id: Option<i64>,
    pub patient_name: Option<String>,
    pub reasons: Vec<String>,
    pub needs_review: bool,
    pub extracted_at: Option<String>,
    pub version: i64,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct QueueCounts {
    pub total: i64,
    pub by_reason: Vec<(String, i64)>,
    pub by_type: Vec<(String, i64)>,
    pub by_folder: Vec<(String, i64)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PatientChoice {
    pub id: i64,
    pub mrn: Option<String>,
    pub name: Option<String>,
    pub dob: Option<String>,
    pub sex: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewPage {
    pub id: i64,
    pub page_no: i64,
    pub status: String,
    pub width: i64,
    pub height: i64,
    pub text: String,
    pub unreadable: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldReview {
    pub action: String,
    pub value: Option<String>,
    pub normalized: Option<String>,
    pub reviewer: String,
    pub reviewed_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewField {
    pub name: String,
    /// Whether the extractor produced a row for it.
    pub extracted: bool,
    pub value: Option<String>,
    pub normalized: Option<String>,
    pub confidence: Option<f64>,
    pub page_id: Option<i64>,
    pub page_no: Option<i64>,
    pub bbox: Option<[i64; 4]>,
    pub reasons: Vec<String>,
    pub required: bool,
    pub review: Option<FieldReview>,
    /// Required and still needs a decision.
    pub open: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewDocument {
    pub id: i64,
    pub file_id: i64,
    pub path: String,
    pub first_page: i64,
    pub last_page: i64,
    pub doc_type: String,
    pub extracted_doc_type: String,
    pub doc_type_confidence: Option<f64>,
    pub patient: Option<PatientChoice>,
    pub link_method: Option<String>,
    pub needs_review: bool,
    pub reasons: Vec<String>,
    pub version: i64,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
    pub pages: Vec<ReviewPage>,
    pub fields: Vec<ReviewField>,
}

/// A reviewer's decision.
#[derive(Debug, Clone)]
pub enum ReviewAction {
    AcceptField {
        name: String,
    },
    /// `value` as typed, `normalized` as validation made it.
    CorrectField {
        name: String,
        value: String,
        normalized: String,
    },
    AbsentField {
        name: String,
    },
    SetDocType {
        doc_type: String,
    },
    LinkPatient {
        patient_id: i64,
    },
    /// Creates a patient from the document's effective fields and links it.
    NewPatient,
    PageUnreadable {
        page_id: i64,
        unreadable: bool,
    },
    AcceptDocument,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct ReviewStats {
    pub queue: i64,
    pub by_reason: Vec<(String, i64)>,
    pub documents_reviewed_today: i64,
    pub actions_today: i64,
    /// (reviewer, actions today, documents accepted today, actions all time)
    pub by_reviewer: Vec<(String, i64, i64, i64)>,
}

fn reasons_of(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

/// Whether a review reason concerns the field `name` (`missing:mrn`, `low_confidence:mrn`...).
pub fn reason_mentions(reason: &str, name: &str) -> bool {
    reason.split([':', ',', ' ']).any(|p| p == name)
}

fn today_start() -> String {
    let d = chrono::Utc::now().date_naive();
    format!("{}T00:00:00", d.format("%Y-%m-%d"))
}

impl Store {
    /// Documents that need review (or all with `filter.all`), oldest first.
    pub fn review_queue(&self, f: &QueueFilter) -> StoreResult<Vec<QueueItem>> {
        let mut st = self.conn.prepare(
            "SELECT d.id, fl.path, d.first_page, d.last_page, coalesce(d.reviewed_doc_type, d.doc_type),
                    d.patient_id, p.name, d.review_reasons, d.needs_review, d.extracted_at, d.version
             FROM documents d JOIN files fl ON fl.id = d.file_id
             LEFT JOIN patients p ON p.id = d.patient_id
             WHERE (?1 OR d.needs_review = 1)
               AND (?2 IS NULL OR fl.path LIKE replace(replace(replace(?2, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' ESCAPE '\\')
               AND (?3 IS NULL OR coalesce(d.reviewed_doc_type, d.doc_type) = ?3)
               AND (?4 IS NULL OR d.patient_id = ?4)
               AND (?5 IS NULL OR EXISTS (SELECT 1 FROM json_each(d.review_reasons) j
                                          WHERE j.value = ?5 OR j.value LIKE ?5 || ':%'))
             ORDER BY coalesce(d.extracted_at, fl.ingested_at), d.id",
        )?;
        let rows = st.query_map(
            params![f.all, f.prefix, f.doc_type, f.patient_id, f.reason],
            |r| {
                Ok(QueueItem {
                    id: r.get(0)?,
                    path: r.get(1)?,
                    first_page: r.get(2)?,
                    last_page: r.get(3)?,
                    doc_type: r.get(4)?,
                    patient_id: r.get(5)?,
                    patient_name: r.get(6)?,
                    reasons: reasons_of(&r.get::<_, String>(7)?),
                    needs_review: r.get::<_, i64>(8)? != 0,
                    extracted_at: r.get(9)?,
                    version: r.get(10)?,
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Counts over the whole queue (unfiltered): by reason, by document type, by folder.
    pub fn review_counts(&self) -> StoreResult<QueueCounts> {
        let c = &self.conn;
        let total = c.query_row(
            "SELECT count(*) FROM documents WHERE needs_review = 1",
            [],
            |r| r.get(0),
        )?;
        let pairs = |sql: &str| -> StoreResult<Vec<(String, i64)>> {
            let mut st = c.prepare(sql)?;
            let v = st
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            Ok(v)
        };
        Ok(QueueCounts {
            total,
            by_reason: pairs(
                "SELECT j.value, count(*) FROM documents d, json_each(d.review_reasons) j
                 WHERE d.needs_review = 1 GROUP BY j.value ORDER BY count(*) DESC, j.value",
            )?,
            by_type: pairs(
                "SELECT coalesce(reviewed_doc_type, doc_type), count(*) FROM documents WHERE needs_review = 1
                 GROUP BY 1 ORDER BY 2 DESC, 1",
            )?,
            by_folder: pairs(
                "SELECT CASE WHEN instr(f.path, '/') > 0
                             THEN rtrim(f.path, replace(f.path, '/', '')) ELSE '' END AS folder, count(*)
                 FROM documents d JOIN files f ON f.id = d.file_id WHERE d.needs_review = 1
                 GROUP BY folder ORDER BY folder",
            )?,
        })
    }

    /// Document types in use plus the standard ones.
    pub fn review_doc_types(&self) -> StoreResult<Vec<String>> {
        let mut v: Vec<String> = DOC_TYPES.iter().map(|s| s.to_string()).collect();
        let mut st = self
            .conn
            .prepare("SELECT DISTINCT coalesce(reviewed_doc_type, doc_type) FROM documents")?;
        for t in st.query_map([], |r| r.get::<_, String>(0))? {
            let t = t?;
            if !v.contains(&t) {
                v.push(t);
            }
        }
        Ok(v)
    }

    /// Everything the document view shows.
    pub fn review_document(&self, id: i64) -> StoreResult<ReviewDocument> {
        let c = &self.conn;
        type DocHead = (
            i64,
            String,
            i64,
            i64,
            String,
            Option<String>,
            Option<f64>,
            Option<i64>,
            Option<String>,
            i64,
            String,
            i64,
            Option<String>,
            Option<String>,
        );
        let head: Option<DocHead> = c
            .query_row(
                "SELECT d.file_id, f.path, d.first_page, d.last_page, d.doc_type, d.reviewed_doc_type,
                        d.doc_type_confidence, d.patient_id, d.link_method, d.needs_review, d.review_reasons,
                        d.version, d.reviewed_by, d.reviewed_at
                 FROM documents d JOIN files f ON f.id = d.file_id WHERE d.id = ?1",
                params![id],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                        r.get(9)?,
                        r.get(10)?,
                        r.get(11)?,
                        r.get(12)?,
                        r.get(13)?,
                    ))
                },
            )
            .optional()?;
        let (
            file_id,
            path,
            first_page,
            last_page,
            doc_type,
            reviewed_type,
            type_conf,
            patient_id,
            link_method,
            needs,
            reasons,
            version,
            reviewed_by,
            reviewed_at,
        ) = head.ok_or_else(|| StoreError::NotFound(format!("document {id}")))?;
        let reasons = reasons_of(&reasons);
        let patient = match patient_id {
            Some(pid) => self.review_patient(pid)?,
            None => None,
        };

        let mut st = c.prepare(
            "SELECT id, page_no, status, coalesce(width, 0), coalesce(height, 0), text, marked_unreadable
             FROM pages WHERE file_id = ?1 AND page_no BETWEEN ?2 AND ?3 ORDER BY page_no",
        )?;
        let pages = st
            .query_map(params![file_id, first_page, last_page], |r| {
                Ok(ReviewPage {
                    id: r.get(0)?,
                    page_no: r.get(1)?,
                    status: r.get(2)?,
                    width: r.get(3)?,
                    height: r.get(4)?,
                    text: r.get(5)?,
                    unreadable: r.get::<_, i64>(6)? != 0,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;

        let mut st = c.prepare(
            "SELECT f.name, f.value, f.normalized, f.confidence, f.page_id, f.page_no, f.x, f.y, f.w, f.h
             FROM fields f WHERE f.document_id = ?1",
        )?;
        type FieldRow = (
            String,
            Option<String>,
            Option<String>,
            Option<f64>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
        );
        let extracted: Vec<FieldRow> = st
            .query_map(params![id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        let mut st = c.prepare("SELECT name, action, value, normalized, reviewer, reviewed_at FROM field_reviews WHERE document_id = ?1")?;
        let reviews: Vec<(String, FieldReview)> = st
            .query_map(params![id], |r| {
                Ok((
                    r.get(0)?,
                    FieldReview {
                        action: r.get(1)?,
                        value: r.get(2)?,
                        normalized: r.get(3)?,
                        reviewer: r.get(4)?,
                        reviewed_at: r.get(5)?,
                    },
                ))
            })?
            .collect::<Result<_, _>>()?;

        let mut names: Vec<String> = FIELD_NAMES.iter().map(|s| s.to_string()).collect();
        for (n, ..) in &extracted {
            if !names.contains(n) {
                names.push(n.clone());
            }
        }
        let fields = names
            .into_iter()
            .map(|name| {
                let ex = extracted.iter().find(|e| e.0 == name);
                let review = reviews.iter().find(|r| r.0 == name).map(|r| r.1.clone());
                let required = REQUIRED_FIELDS.contains(&name.as_str());
                let field_reasons: Vec<String> = reasons
                    .iter()
                    .filter(|r| reason_mentions(r, &name))
                    .cloned()
                    .collect();
                let has_value = ex.map(|e| e.1.is_some()).unwrap_or(false);
                let open =
                    required && review.is_none() && (!has_value || !field_reasons.is_empty());
                let bbox = ex.and_then(|e| Some([e.6?, e.7?, e.8?, e.9?]));
                ReviewField {
                    extracted: ex.is_some(),
                    value: ex.and_then(|e| e.1.clone()),
                    normalized: ex.and_then(|e| e.2.clone()),
                    confidence: ex.and_then(|e| e.3),
                    page_id: ex.and_then(|e| e.4),
                    page_no: ex.and_then(|e| e.5),
                    bbox,
                    reasons: field_reasons,
                    required,
                    review,
                    open,
                    name,
                }
            })
            .collect();

        Ok(ReviewDocument {
            id,
            file_id,
            path,
            first_page,
            last_page,
            doc_type: reviewed_type.unwrap_or_else(|| doc_type.clone()),
            extracted_doc_type: doc_type,
            doc_type_confidence: type_conf,
            patient,
            link_method,
            needs_review: needs != 0,
            reasons,
            version,
            reviewed_by,
            reviewed_at,
            pages,
            fields,
        })
    }

    pub fn review_patient(&self, id: i64) -> StoreResult<Option<PatientChoice>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, mrn, name, dob, sex FROM patients WHERE id = ?1",
                params![id],
                patient_row,
            )
            .optional()?)
    }

    /// Patients whose name, MRN or date of birth matches `q` (at most 20).
    pub fn review_search_patients(&self, q: &str) -> StoreResult<Vec<PatientChoice>> {
        let q = q.trim();
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let like = format!(
            "%{}%",
            q.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let mrn: String = q
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_uppercase();
        let mut st = self.conn.prepare(
            "SELECT id, mrn, name, dob, sex FROM patients
             WHERE name LIKE ?1 ESCAPE '\\' OR (?2 <> '' AND upper(mrn) = ?2) OR dob = ?3
             ORDER BY name, id LIMIT 20",
        )?;
        let v = st
            .query_map(params![like, mrn, q], patient_row)?
            .collect::<Result<_, _>>()?;
        Ok(v)
    }

    /// Applies one reviewer decision if the document is still at `expected_version`.
    /// Returns the new version. `Conflict` when someone changed it meanwhile, `Invalid` when
    /// the action cannot apply (e.g. accepting a document with open required fields).
    pub fn review_apply(
        &mut self,
        doc_id: i64,
        expected_version: i64,
        reviewer: &str,
        action: &ReviewAction,
    ) -> StoreResult<i64> {
        let tx = self.conn.transaction()?;
        let version: Option<i64> = tx
            .query_row(
                "SELECT version FROM documents WHERE id = ?1",
                params![doc_id],
                |r| r.get(0),
            )
            .optional()?;
        let version = version.ok_or_else(|| StoreError::NotFound(format!("document {doc_id}")))?;
        if version != expected_version {
            return Err(StoreError::Conflict(format!(
                "document {doc_id} was changed by someone else since you loaded it (you had version {expected_version}, it is now at version {version}); your change was not saved"
            )));
        }
        let at = now();
        let audit = |tx: &Transaction,
                     field: Option<&str>,
                     act: &str,
                     old: Option<&str>,
                     new: Option<&str>|
         -> StoreResult<()> {
            tx.execute(
                "INSERT INTO audit (at, reviewer, document_id, field, action, old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![at, reviewer, doc_id, field, act, old, new],
            )?;
            Ok(())
        };
        // The value a field has now (review decision first, else extracted), for the audit trail.
        let current = |tx: &Transaction, name: &str| -> StoreResult<Option<String>> {
            let r: Option<(String, Option<String>)> = tx
                .query_row(
                    "SELECT action, value FROM field_reviews WHERE document_id = ?1 AND name = ?2",
                    params![doc_id, name],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((a, v)) = r {
                return Ok(if a == "absent" {
                    None
                } else if a == "corrected" {
                    v
                } else {
                    extracted_value(tx, doc_id, name)?
                });
            }
            extracted_value(tx, doc_id, name)
        };
        let check_field = |name: &str| -> StoreResult<()> {
            if name.is_empty()
                || name.len() > 64
                || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            {
                return Err(StoreError::Invalid(format!("not a field name: {name:?}")));
            }
            Ok(())
        };
        let upsert_review = |tx: &Transaction,
                             name: &str,
                             act: &str,
                             value: Option<&str>,
                             norm: Option<&str>|
         -> StoreResult<()> {
            tx.execute(
                "INSERT INTO field_reviews (document_id, name, action, value, normalized, reviewer, reviewed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (document_id, name) DO UPDATE SET action = excluded.action, value = excluded.value,
                     normalized = excluded.normalized, reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at",
                params![doc_id, name, act, value, norm, reviewer, at],
            )?;
            Ok(())
        };
        // Links the document to patient `pid` by hand; audited as `act` with the old link.
        let relink = |tx: &Transaction, pid: i64, act: &str| -> StoreResult<()> {
            let old: Option<i64> = tx.query_row(
                "SELECT patient_id FROM documents WHERE id = ?1",
                params![doc_id],
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE documents SET patient_id = ?2, patient_manual = 1, link_method = 'manual' WHERE id = ?1",
                params![doc_id, pid],
            )?;
            let old = old.map(|o| o.to_string());
            audit(tx, None, act, old.as_deref(), Some(&pid.to_string()))
        };
        match action {
            ReviewAction::AcceptField { name } => {
                check_field(name)?;
                let old = current(&tx, name)?;
                if extracted_value(&tx, doc_id, name)?.is_none() {
                    return Err(StoreError::Invalid(format!(
                        "{name} has no extracted value to accept: correct it or mark it absent"
                    )));
                }
                let ex_norm: Option<String> = tx
                    .query_row(
                        "SELECT normalized FROM fields WHERE document_id = ?1 AND name = ?2",
                        params![doc_id, name],
                        |r| r.get(0),
                    )
                    .optional()?
                    .flatten();
                let ex = extracted_value(&tx, doc_id, name)?;
                upsert_review(&tx, name, "accepted", ex.as_deref(), ex_norm.as_deref())?;
                audit(&tx, Some(name), "accept", old.as_deref(), ex.as_deref())?;
            }
            ReviewAction::CorrectField {
                name,
                value,
                normalized,
            } => {
                check_field(name)?;
                let old = current(&tx, name)?;
                upsert_review(&tx, name, "corrected", Some(value), Some(normalized))?;
                audit(&tx, Some(name), "correct", old.as_deref(), Some(normalized))?;
            }
            ReviewAction::AbsentField { name } => {
                check_field(name)?;
                let old = current(&tx, name)?;
                upsert_review(&tx, name, "absent", None, None)?;
                audit(&tx, Some(name), "absent", old.as_deref(), None)?;
            }
            ReviewAction::SetDocType { doc_type } => {
                let old: String = tx.query_row(
                    "SELECT coalesce(reviewed_doc_type, doc_type) FROM documents WHERE id = ?1",
                    params![doc_id],
                    |r| r.get(0),
                )?;
                tx.execute(
                    "UPDATE documents SET reviewed_doc_type = ?2 WHERE id = ?1",
                    params![doc_id, doc_type],
                )?;
                audit(&tx, None, "set_doc_type", Some(&old), Some(doc_type))?;
            }
            ReviewAction::LinkPatient { patient_id } => {
                let exists: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM patients WHERE id = ?1)",
                    params![patient_id],
                    |r| r.get(0),
                )?;
                if !exists {
                    return Err(StoreError::Invalid(format!(
                        "there is no patient {patient_id}"
                    )));
                }
                relink(&tx, *patient_id, "link_patient")?;
            }
            ReviewAction::NewPatient => {
                let eff = |name: &str| -> StoreResult<Option<String>> {
                    Ok(tx
                        .query_row(
                            "SELECT normalized FROM effective_fields WHERE document_id = ?1 AND name = ?2",
                            params![doc_id, name],
                            |r| r.get(0),
                        )
                        .optional()?
                        .flatten())
                };
                let name = eff("patient_name")?;
                let (given, family) = name
                    .as_deref()
                    .map(crate::extract::names::given_and_family)
                    .unwrap_or_default();
                tx.execute(
                    "INSERT INTO patients (mrn, name, given, family, dob, sex, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![eff("mrn")?, name, given, family, eff("date_of_birth")?, eff("sex")?, at],
                )?;
                relink(&tx, tx.last_insert_rowid(), "new_patient")?;
            }
            ReviewAction::PageUnreadable {
                page_id,
                unreadable,
            } => {
                let n = tx.execute(
                    "UPDATE pages SET marked_unreadable = ?3
                     WHERE id = ?2 AND EXISTS (SELECT 1 FROM documents d WHERE d.id = ?1 AND d.file_id = pages.file_id
                                               AND pages.page_no BETWEEN d.first_page AND d.last_page)",
                    params![doc_id, page_id, *unreadable as i64],
                )?;
                if n == 0 {
                    return Err(StoreError::Invalid(format!(
                        "page {page_id} is not a page of document {doc_id}"
                    )));
                }
                audit(
                    &tx,
                    Some(&format!("page:{page_id}")),
                    if *unreadable {
                        "page_unreadable"
                    } else {
                        "page_readable"
                    },
                    None,
                    None,
                )?;
            }
            ReviewAction::AcceptDocument => {
                let doc = open_required_fields(&tx, doc_id)?;
                let open: Vec<&str> = doc
                    .iter()
                    .filter(|(_, open)| *open)
                    .map(|(n, _)| n.as_str())
                    .collect();
                if !open.is_empty() {
                    return Err(StoreError::Invalid(format!(
                        "cannot accept the document yet: required field(s) still open: {} (accept, correct or mark absent first)",
                        open.join(", ")
                    )));
                }
                tx.execute(
                    "UPDATE documents SET needs_review = 0, reviewed_by = ?2, reviewed_at = ?3 WHERE id = ?1",
                    params![doc_id, reviewer, at],
                )?;
                tx.execute(
                    "INSERT INTO audit (at, reviewer, document_id, field, action, old_value, new_value) VALUES (?1, ?2, ?3, NULL, 'accept_document', NULL, NULL)",
                    params![at, reviewer, doc_id],
                )?;
            }
        }
        tx.execute(
            "UPDATE documents SET version = version + 1 WHERE id = ?1",
            params![doc_id],
        )?;
        tx.commit()?;
        Ok(version + 1)
    }

    /// Queue size by reason, documents reviewed today, and actions by reviewer.
    pub fn review_stats(&self) -> StoreResult<ReviewStats> {
        let c = &self.conn;
        let counts = self.review_counts()?;
        let today = today_start();
        let documents_reviewed_today = c.query_row(
            "SELECT count(DISTINCT document_id) FROM audit WHERE action = 'accept_document' AND at >= ?1",
            params![today],
            |r| r.get(0),
        )?;
        let actions_today = c.query_row(
            "SELECT count(*) FROM audit WHERE at >= ?1",
            params![today],
            |r| r.get(0),
        )?;
        let mut st = c.prepare(
            "SELECT reviewer, sum(at >= ?1), sum(at >= ?1 AND action = 'accept_document'), count(*)
             FROM audit GROUP BY reviewer ORDER BY reviewer",
        )?;
        let by_reviewer = st
            .query_map(params![today], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<Result<_, _>>()?;
        Ok(ReviewStats {
            queue: counts.total,
            by_reason: counts.by_reason,
            documents_reviewed_today,
            actions_today,
            by_reviewer,
        })
    }

    /// Whether a page with this id exists (images are served only for those).
    pub fn page_exists(&self, page_id: i64) -> StoreResult<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM pages WHERE id = ?1)",
            params![page_id],
            |r| r.get(0),
        )?)
    }
}

fn patient_row(r: &rusqlite::Row) -> rusqlite::Result<PatientChoice> {
    Ok(PatientChoice {
        id: r.get(0)?,
        mrn: r.get(1)?,
        name: r.get(2)?,
        dob: r.get(3)?,
        sex: r.get(4)?,
    })
}

fn extracted_value(tx: &Transaction, doc_id: i64, name: &str) -> StoreResult<Option<String>> {
    Ok(tx
        .query_row(
            "SELECT value FROM fields WHERE document_id = ?1 AND name = ?2",
            params![doc_id, name],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// (required field, open?) for a document inside a transaction; same rule as `review_document`.
fn open_required_fields(tx: &Transaction, doc_id: i64) -> StoreResult<Vec<(String, bool)>> {
    let reasons: String = tx.query_row(
        "SELECT review_reasons FROM documents WHERE id = ?1",
        params![doc_id],
        |r| r.get(0),
    )?;
    let reasons = reasons_of(&reasons);
    let mut out = Vec::new();
    for name in REQUIRED_FIELDS {
        let reviewed: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM field_reviews WHERE document_id = ?1 AND name = ?2)",
            params![doc_id, name],
            |r| r.get(0),
        )?;
        let has_value = extracted_value(tx, doc_id, name)?.is_some();
        let mentioned = reasons.iter().any(|r| reason_mentions(r, name));
        out.push((name.to_string(), !reviewed && (!has_value || mentioned)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_doc(reasons: &str) -> (tempfile::TempDir, Store, i64) {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("t.db")).unwrap();
        s.conn
            .execute_batch(
                "INSERT INTO files (id, root, path, size, mtime_ns, format, status, ingested_at)
                 VALUES (1, '/r', 'box-1/a.png', 1, 1, 'png', 'ingested', '2026-01-01');
                 INSERT INTO pages (id, file_id, page_no, status, width, height, text_source, text)
                 VALUES (7, 1, 1, 'ok', 1000, 1400, 'ocr', 'NAME Ann Lee');",
            )
            .unwrap();
        s.conn
            .execute(
                "INSERT INTO documents (id, file_id, first_page, last_page, needs_review, review_reasons) VALUES (1, 1, 1, 1, 1, ?1)",
                params![reasons],
            )
            .unwrap();
        s.conn
            .execute_batch(
                "INSERT INTO fields (document_id, name, value, normalized, confidence, page_id, page_no, x, y, w, h)
                 VALUES (1, 'patient_name', 'Ann Lee', 'Ann Lee', 0.5, 7, 1, 10, 20, 30, 40),
                        (1, 'date_of_birth', '1/2/1960', '1960-01-02', 0.9, 7, 1, 10, 80, 30, 40);",
            )
            .unwrap();
        (dir, s, 1)
    }

    #[test]
    fn decisions_sit_beside_the_original_with_an_audit_row_and_a_new_version() {
        let (_d, mut s, doc) = store_with_doc(r#"["low_confidence:patient_name","missing:mrn"]"#);
        let d = s.review_document(doc).unwrap();
        let open: Vec<&str> = d
            .fields
            .iter()
            .filter(|f| f.open)
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(open, ["patient_name", "mrn"]);
        assert_eq!(d.fields[0].bbox, Some([10, 20, 30, 40]));

        let correct = ReviewAction::CorrectField {
            name: "patient_name".into(),
            value: "ann lee".into(),
            normalized: "Ann Lee".into(),
        };
        assert_eq!(s.review_apply(doc, 1, "r1", &correct).unwrap(), 2);
        // A second reviewer still holding version 1 is refused; nothing changes.
        let stale = ReviewAction::AbsentField {
            name: "patient_name".into(),
        };
        assert!(matches!(
            s.review_apply(doc, 1, "r2", &stale),
            Err(StoreError::Conflict(_))
        ));
        // Accepting the document with the MRN still open is refused.
        assert!(matches!(
            s.review_apply(doc, 2, "r1", &ReviewAction::AcceptDocument),
            Err(StoreError::Invalid(_))
        ));
        s.review_apply(
            doc,
            2,
            "r1",
            &ReviewAction::AbsentField { name: "mrn".into() },
        )
        .unwrap();
        s.review_apply(doc, 3, "r1", &ReviewAction::AcceptDocument)
            .unwrap();

        let original: String = s
            .conn
            .query_row(
                "SELECT value FROM fields WHERE name = 'patient_name'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(original, "Ann Lee");
        let audit: Vec<(String, String, Option<String>, Option<String>)> = s
            .conn
            .prepare("SELECT reviewer, action, old_value, new_value FROM audit ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(audit.len(), 3);
        assert_eq!(
            audit[0],
            (
                "r1".into(),
                "correct".into(),
                Some("Ann Lee".into()),
                Some("Ann Lee".into())
            )
        );
        assert_eq!(audit[2].1, "accept_document");
        let d = s.review_document(doc).unwrap();
        assert!(!d.needs_review);
        assert_eq!(d.version, 4);
        assert!(s.review_queue(&QueueFilter::default()).unwrap().is_empty());
        let st = s.review_stats().unwrap();
        assert_eq!(
            (st.queue, st.documents_reviewed_today, st.actions_today),
            (0, 1, 3)
        );
    }

    #[test]
    fn queue_filters_by_reason_kind_prefix_and_type() {
        let (_d, s, _) = store_with_doc(r#"["missing:mrn"]"#);
        let reason = |r: &str| QueueFilter {
            reason: Some(r.into()),
            ..Default::default()
        };
        let prefix = |p: &str| QueueFilter {
            prefix: Some(p.into()),
            ..Default::default()
        };
        let doc_type = QueueFilter {
            doc_type: Some("lab_report".into()),
            ..Default::default()
        };
        for (filter, want, why) in [
            (QueueFilter::default(), 1, "no filter"),
            (reason("missing"), 1, "reason kind"),
            (reason("missing:mrn"), 1, "exact reason"),
            (reason("low_confidence"), 0, "other reason"),
            (prefix("box-1/"), 1, "folder prefix"),
            (prefix("box_"), 0, "LIKE wildcards are literal"),
            (doc_type, 0, "other type"),
        ] {
            assert_eq!(s.review_queue(&filter).unwrap().len(), want, "{why}");
        }
        let c = s.review_counts().unwrap();
        assert_eq!(c.by_reason, vec![("missing:mrn".to_string(), 1)]);
        assert_eq!(c.by_folder, vec![("box-1/".to_string(), 1)]);
    }
}
