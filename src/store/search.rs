//! Read-side queries for search and the patient timeline.
//!
//! Reviewed values win over extracted ones everywhere here (the `effective_fields` rule).
//! Lookups by value (MRN, DOB, encounter date) do not filter the `effective_fields` view
//! itself: its value columns are CASE expressions, so a WHERE on them cannot use an index.
//! [`effective_match_sql`] spells out the same rule over `fields` and `field_reviews`
//! directly, so the `(name, normalized)` indexes of both tables are used.

use super::Store;
use crate::error::StoreResult;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use serde::Serialize;
use std::collections::BTreeMap;

/// One effective (reviewed-or-extracted) field of a document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EffectiveField {
    /// As printed (OCR text), or as typed by a reviewer.
    pub value: Option<String>,
    pub normalized: Option<String>,
    pub confidence: Option<f64>,
    /// `accepted` | `corrected` | `absent` when a reviewer decided, else None.
    pub review_action: Option<String>,
    pub page_no: Option<i64>,
    /// Page id of `page_no` (only filled where asked for: the timeline).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_id: Option<i64>,
}

impl EffectiveField {
    /// The normalised value if there is one, else the printed one.
    pub fn best(&self) -> Option<&str> {
        self.normalized
            .as_deref()
            .or(self.value.as_deref())
            .filter(|s| !s.trim().is_empty())
    }
    pub fn reviewed(&self) -> bool {
        self.review_action.is_some()
    }
}

/// A document's effective fields by name (patient_name, date_of_birth, mrn, sex, encounter_date, provider).
pub type EffectiveFields = BTreeMap<String, EffectiveField>;

/// Best value of field `name`, if any.
pub fn field_best<'a>(fields: &'a EffectiveFields, name: &str) -> Option<&'a str> {
    fields.get(name).and_then(|f| f.best())
}

/// The effective fields of document `d`, one row each: the `effective_fields` rule
/// (migrations/003_review.sql) spelled out with `d.id` inside both arms. SQLite does not push
/// a correlated `document_id = d.id` into the view's UNION ALL (it scans every field per
/// document), so hot paths use this; keep the two in step.
const EFFECTIVE_ROWS: &str = "SELECT f.name AS name,
        CASE r.action WHEN 'absent' THEN NULL WHEN 'corrected' THEN r.value ELSE f.value END AS value,
        CASE r.action WHEN 'absent' THEN NULL WHEN 'corrected' THEN r.normalized ELSE f.normalized END AS normalized,
        CASE r.action WHEN 'absent' THEN NULL WHEN 'corrected' THEN 1.0 WHEN 'accepted' THEN 1.0 ELSE f.confidence END AS confidence,
        r.action AS review_action, f.page_no AS page_no
   FROM fields f LEFT JOIN field_reviews r ON r.document_id = f.document_id AND r.name = f.name
  WHERE f.document_id = d.id
 UNION ALL
 SELECT r.name, r.value, r.normalized, 1.0, r.action, NULL
   FROM field_reviews r
  WHERE r.document_id = d.id AND r.action = 'corrected'
    AND NOT EXISTS (SELECT 1 FROM fields f WHERE f.document_id = r.document_id AND f.name = r.name)";

/// All effective fields of document `d` as one JSON object (a correlated subquery; indexed).
pub(crate) fn fields_json() -> String {
    format!(
        "(SELECT json_group_object(e.name, json_array(e.value, e.normalized, e.confidence, e.review_action, e.page_no, NULL))
           FROM ({EFFECTIVE_ROWS}) e)"
    )
}

/// As [`fields_json`], with the page id each field was read on.
pub(crate) fn fields_json_with_page() -> String {
    format!(
        "(SELECT json_group_object(e.name, json_array(e.value, e.normalized, e.confidence, e.review_action, e.page_no,
                 (SELECT pg.id FROM pages pg WHERE pg.file_id = d.file_id AND pg.page_no = e.page_no)))
           FROM ({EFFECTIVE_ROWS}) e)"
    )
}

/// The effective value (normalised, else printed) of one field of document `d`.
fn effective_value(name: &str) -> String {
    format!("(SELECT coalesce(e.normalized, e.value) FROM ({EFFECTIVE_ROWS}) e WHERE e.name = '{name}')")
}

type FieldTuple = (
    Option<String>,
    Option<String>,
    Option<f64>,
    Option<String>,
    Option<i64>,
    Option<i64>,
);

pub(crate) fn parse_fields(json: Option<String>) -> StoreResult<EffectiveFields> {
    let Some(json) = json else {
        return Ok(EffectiveFields::new());
    };
    let raw: BTreeMap<String, FieldTuple> = serde_json::from_str(&json)?;
    Ok(raw
        .into_iter()
        .map(
            |(k, (value, normalized, confidence, review_action, page_no, page_id))| {
                (
                    k,
                    EffectiveField {
                        value,
                        normalized,
                        confidence,
                        review_action,
                        page_no,
                        page_id,
                    },
                )
            },
        )
        .collect())
}

/// SQL selecting the ids of documents whose effective field `name` satisfies `cond`, where
/// `cond` is written against a column named `{col}` (e.g. `{col} = ?`). Same rule as the
/// `effective_fields` view: a correction replaces the value, `absent` removes it.
fn effective_match_sql(name: &str, cond: &str) -> String {
    let on_field = cond.replace("{col}", "f.normalized");
    let on_review = cond.replace("{col}", "r.normalized");
    format!(
        "SELECT f.document_id FROM fields f
          WHERE f.name = '{name}' AND {on_field}
            AND NOT EXISTS (SELECT 1 FROM field_reviews r WHERE r.document_id = f.document_id AND r.name = f.name
                            AND r.action IN ('corrected', 'absent'))
         UNION ALL
         SELECT r.document_id FROM field_reviews r WHERE r.name = '{name}' AND r.action = 'corrected' AND {on_review}"
    )
}

/// Restrictions on documents, all optional, combined with AND.
#[derive(Debug, Clone, Default)]
pub struct DocFilter {
    /// Normalised MRN: the document's linked patient has it, or its effective MRN field is it.
    pub mrn: Option<String>,
    /// ISO date of birth, same rule as `mrn`.
    pub dob: Option<String>,
    /// Effective encounter date range (ISO, inclusive).
    pub from: Option<String>,
    pub to: Option<String>,
    /// Effective document type (`reviewed_doc_type` over `doc_type`).
    pub doc_type: Option<String>,
    pub needs_review: bool,
    /// Documents already chosen by the caller (the name matches).
    pub doc_ids: Option<Vec<i64>>,
}

impl DocFilter {
    /// True when nothing restricts documents (pages outside documents may then match too).
    pub fn is_empty(&self) -> bool {
        self.mrn.is_none()
            && self.dob.is_none()
            && self.from.is_none()
            && self.to.is_none()
            && self.doc_type.is_none()
            && !self.needs_review
            && self.doc_ids.is_none()
    }

    fn push_sql(&self, conds: &mut Vec<String>, args: &mut Vec<Value>) {
        if let Some(m) = &self.mrn {
            conds.push(format!(
                "d.id IN (SELECT id FROM documents WHERE patient_id IN (SELECT id FROM patients WHERE mrn = ?) UNION ALL {})",
                effective_match_sql("mrn", "{col} = ?")
            ));
            args.extend([
                Value::Text(m.clone()),
                Value::Text(m.clone()),
                Value::Text(m.clone()),
            ]);
        }
        if let Some(dob) = &self.dob {
            conds.push(format!(
                "d.id IN (SELECT id FROM documents WHERE patient_id IN (SELECT id FROM patients WHERE dob = ?) UNION ALL {})",
                effective_match_sql("date_of_birth", "{col} = ?")
            ));
            args.extend([
                Value::Text(dob.clone()),
                Value::Text(dob.clone()),
                Value::Text(dob.clone()),
            ]);
        }
        if self.from.is_some() || self.to.is_some() {
            let from = self.from.clone().unwrap_or_else(|| "0000-00-00".into());
            let to = self.to.clone().unwrap_or_else(|| "9999-99-99".into());
            conds.push(format!(
                "d.id IN ({})",
                effective_match_sql("encounter_date", "{col} BETWEEN ? AND ?")
            ));
            args.extend([
                Value::Text(from.clone()),
                Value::Text(to.clone()),
                Value::Text(from),
                Value::Text(to),
            ]);
        }
        if let Some(t) = &self.doc_type {
            conds.push("coalesce(d.reviewed_doc_type, d.doc_type) = ?".into());
            args.push(Value::Text(t.clone()));
        }
        if self.needs_review {
            conds.push("d.needs_review = 1".into());
        }
        if let Some(ids) = &self.doc_ids {
            conds.push("d.id IN (SELECT value FROM json_each(?))".into());
            args.push(Value::Text(
                serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()),
            ));
        }
    }
}

/// One search result: a page (with its document and patient when known) and how to open it.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// What `chartscan show --page` opens.
    pub page_id: Option<i64>,
    pub page_no: Option<u32>,
    /// Source file, relative to `root`.
    pub source: String,
    pub root: String,
    pub document_id: Option<i64>,
    /// Effective document type.
    pub doc_type: Option<String>,
    /// Effective encounter date.
    pub date: Option<String>,
    pub pages: Option<(u32, u32)>,
    pub needs_review: Option<bool>,
    pub patient_id: Option<i64>,
    /// The reviewer's corrected name, else the linked patient's, else the extracted one.
    pub patient_name: Option<String>,
    pub mrn: Option<String>,
    /// Matching text with the hits between « and » (full-text queries only).
    pub snippet: Option<String>,
    /// bm25 rank (lower is better; full-text queries only).
    pub rank: Option<f64>,
}

/// Columns shared by both search shapes, after the page columns: document, file, patient, fields.
const DOC_COLS: &str =
    "d.id, coalesce(d.reviewed_doc_type, d.doc_type), d.needs_review, d.first_page, d.last_page,
    f.path, f.root, pt.id, pt.name, pt.mrn";

fn hit_from_row(
    r: &Row,
    page_id: Option<i64>,
    page_no: Option<u32>,
    snippet: Option<String>,
    rank: Option<f64>,
    at: usize,
) -> rusqlite::Result<(SearchHit, Option<String>)> {
    let first: Option<u32> = r.get(at + 3)?;
    let last: Option<u32> = r.get(at + 4)?;
    Ok((
        SearchHit {
            page_id,
            page_no,
            source: r.get(at + 5)?,
            root: r.get(at + 6)?,
            document_id: r.get(at)?,
            doc_type: r.get(at + 1)?,
            date: None,
            pages: first.zip(last),
            needs_review: r.get::<_, Option<i64>>(at + 2)?.map(|v| v != 0),
            patient_id: r.get(at + 7)?,
            patient_name: r.get(at + 8)?,
            mrn: r.get(at + 9)?,
            snippet,
            rank,
        },
        r.get(at + 10)?,
    ))
}

/// Fills date, name and MRN of a hit from the document's effective fields (reviewer wins).
fn finish_hit(mut hit: SearchHit, fields_json: Option<String>) -> StoreResult<SearchHit> {
    let fields = parse_fields(fields_json)?;
    hit.date = field_best(&fields, "encounter_date").map(str::to_string);
    for (name, slot) in [
        ("patient_name", &mut hit.patient_name),
        ("mrn", &mut hit.mrn),
    ] {
        match fields.get(name) {
            Some(f) if f.review_action.as_deref() == Some("corrected") => {
                *slot = f.best().map(str::to_string)
            }
            Some(f) if slot.is_none() => *slot = f.best().map(str::to_string),
            _ => {}
        }
    }
    Ok(hit)
}

/// A patient with the columns name matching needs.
#[derive(Debug, Clone, Serialize)]
pub struct PatientName {
    pub id: i64,
    pub name: Option<String>,
    pub given: Option<String>,
    pub family: Option<String>,
    pub dob: Option<String>,
}

fn patient_name_row(r: &Row) -> rusqlite::Result<PatientName> {
    Ok(PatientName {
        id: r.get(0)?,
        name: r.get(1)?,
        given: r.get(2)?,
        family: r.get(3)?,
        dob: r.get(4)?,
    })
}

/// A patient row (demographics as linkage settled them).
#[derive(Debug, Clone, Serialize)]
pub struct PatientRow {
    pub id: i64,
    pub mrn: Option<String>,
    pub name: Option<String>,
    pub given: Option<String>,
    pub family: Option<String>,
    pub dob: Option<String>,
    pub sex: Option<String>,
}

/// The columns [`patient_row`] reads, from `patients`.
pub(crate) const PATIENT_COLS: &str = "id, mrn, name, given, family, dob, sex";

pub(crate) fn patient_row(r: &Row) -> rusqlite::Result<PatientRow> {
    Ok(PatientRow {
        id: r.get(0)?,
        mrn: r.get(1)?,
        name: r.get(2)?,
        given: r.get(3)?,
        family: r.get(4)?,
        dob: r.get(5)?,
        sex: r.get(6)?,
    })
}

/// A document with its source link, review state and effective fields.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRow {
    pub id: i64,
    pub file_id: i64,
    pub doc_type: String,
    pub needs_review: bool,
    pub review_reasons: Vec<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
    pub first_page: u32,
    pub last_page: u32,
    /// Page id of the first page (what `chartscan show --page` opens).
    pub first_page_id: Option<i64>,
    pub source: String,
    pub root: String,
    pub patient_id: Option<i64>,
    pub fields: EffectiveFields,
}

/// The columns [`document_row`] reads first (documents `d` joined to files `f`); the query
/// follows them with the patient id and the effective fields JSON.
pub(crate) const DOCUMENT_COLS: &str =
    "d.id, d.file_id, coalesce(d.reviewed_doc_type, d.doc_type), d.needs_review, d.review_reasons,
     d.reviewed_by, d.reviewed_at, d.first_page, d.last_page,
     (SELECT pg.id FROM pages pg WHERE pg.file_id = d.file_id AND pg.page_no = d.first_page),
     f.path, f.root";

/// A document from [`DOCUMENT_COLS`], the patient id (column 12) and the effective fields
/// JSON (column 13).
pub(crate) fn document_row(r: &Row) -> StoreResult<DocumentRow> {
    Ok(DocumentRow {
        id: r.get(0)?,
        file_id: r.get(1)?,
        doc_type: r.get(2)?,
        needs_review: r.get::<_, i64>(3)? != 0,
        review_reasons: serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or_default(),
        reviewed_by: r.get(5)?,
        reviewed_at: r.get(6)?,
        first_page: r.get(7)?,
        last_page: r.get(8)?,
        first_page_id: r.get(9)?,
        source: r.get(10)?,
        root: r.get(11)?,
        patient_id: r.get(12)?,
        fields: parse_fields(r.get(13)?)?,
    })
}

/// At most this many matching pages (the most recently stored) are ranked by bm25.
pub const RANK_CAP: usize = 20_000;

impl Store {
    /// Full-text search over page text, ranked by bm25, restricted by `filter`.
    /// `fts_query` must already be a safe FTS5 expression (see `search::fts_query`).
    ///
    /// Without filters, bm25 is computed for at most `RANK_CAP` matching pages, the most
    /// recently stored ones (the full-text index streams them newest first and stops there).
    /// A query matching more pages than that is not selective — its words are on a large
    /// share of the archive, where bm25's inverse document frequency is near zero — and
    /// ranking all of a million matches took 0.8 s; the second value tells the caller the
    /// cap applied.
    pub fn search_pages(
        &self,
        fts_query: &str,
        filter: &DocFilter,
        limit: usize,
    ) -> StoreResult<(Vec<SearchHit>, bool)> {
        self.search_pages_capped(fts_query, filter, limit, RANK_CAP)
    }

    fn search_pages_capped(
        &self,
        fts_query: &str,
        filter: &DocFilter,
        limit: usize,
        cap: usize,
    ) -> StoreResult<(Vec<SearchHit>, bool)> {
        // Phase 1: rank the (capped) matches with cheap columns only and keep the best
        // `limit`. Without filters no join is needed at all.
        let mut conds = vec!["pages_fts MATCH ?".to_string()];
        let mut args = vec![Value::Text(fts_query.to_string())];
        filter.push_sql(&mut conds, &mut args);
        // Unfiltered, the index streams matches newest first and stops at `cap`; with
        // filters the joins decide which matches count, and descending order through them
        // measured 10-20 % slower than letting SQLite keep the best `limit` of all.
        let capped_scan = filter.is_empty();
        args.push(Value::Integer(if capped_scan { cap } else { limit } as i64));
        let sql = if capped_scan {
            "SELECT rowid, bm25(pages_fts) FROM pages_fts WHERE pages_fts MATCH ?
             ORDER BY rowid DESC LIMIT ?"
                .to_string()
        } else {
            // Narrow filters (MRN, DOB, name: a handful of documents) drive the query from
            // the documents; broad ones alone (type, dates, review state) must not: SQLite would
            // then probe the full-text index once per page of every document in range
            // (measured 4x slower at 1M pages), so the full-text matches drive (CROSS JOIN
            // fixes the join order).
            let narrow = filter.mrn.is_some() || filter.dob.is_some() || filter.doc_ids.is_some();
            let join = if narrow { "JOIN" } else { "CROSS JOIN" };
            format!(
                "SELECT p.id, bm25(pages_fts) AS r
                 FROM pages_fts
                 {join} pages p ON p.id = pages_fts.rowid
                 {join} documents d ON d.file_id = p.file_id AND p.page_no BETWEEN d.first_page AND d.last_page
                 WHERE {}
                 ORDER BY r, p.id
                 LIMIT ?",
                conds.join(" AND ")
            )
        };
        let mut st = self.conn.prepare(&sql)?;
        let mut top: Vec<(i64, f64)> = st
            .query_map(params_from_iter(args), |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let capped = capped_scan && top.len() >= cap;
        top.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        top.truncate(limit);

        // Phase 2: snippet, document, patient and fields for those pages only.
        let sql = format!(
            "SELECT p.id, p.page_no, snippet(pages_fts, 0, '«', '»', '…', 12), {DOC_COLS}, {fields}
             FROM pages_fts
             JOIN pages p ON p.id = pages_fts.rowid
             JOIN files f ON f.id = p.file_id
             LEFT JOIN documents d ON d.file_id = p.file_id AND p.page_no BETWEEN d.first_page AND d.last_page
             LEFT JOIN patients pt ON pt.id = d.patient_id
             WHERE pages_fts MATCH ?1 AND pages_fts.rowid = ?2",
            fields = fields_json(),
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut hits = Vec::with_capacity(top.len());
        for (page_id, rank) in top {
            let row = st
                .query_row(params![fts_query, page_id], |r| {
                    hit_from_row(r, r.get(0)?, r.get(1)?, r.get(2)?, Some(rank), 3)
                })
                .optional()?;
            if let Some((hit, fields)) = row {
                hits.push(finish_hit(hit, fields)?);
            }
        }
        Ok((hits, capped))
    }

    /// Documents matching `filter`, newest encounter first (one hit per document, at its first page).
    pub fn search_documents(
        &self,
        filter: &DocFilter,
        limit: usize,
    ) -> StoreResult<Vec<SearchHit>> {
        let mut conds = vec!["1".to_string()];
        let mut args = Vec::new();
        filter.push_sql(&mut conds, &mut args);
        args.push(Value::Integer(limit as i64));
        let sql = format!(
            "SELECT (SELECT pg.id FROM pages pg WHERE pg.file_id = d.file_id AND pg.page_no = d.first_page), d.first_page,
                    {DOC_COLS}, {fields}, {enc} AS enc
             FROM documents d
             JOIN files f ON f.id = d.file_id
             LEFT JOIN patients pt ON pt.id = d.patient_id
             WHERE {}
             ORDER BY enc DESC NULLS LAST, d.id
             LIMIT ?",
            conds.join(" AND "),
            fields = fields_json(),
            enc = effective_value("encounter_date"),
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(params_from_iter(args), |r| {
            hit_from_row(r, r.get(0)?, r.get(1)?, None, None, 2)
        })?;
        rows.map(|r| {
            let (hit, fields) = r?;
            finish_hit(hit, fields)
        })
        .collect()
    }

    /// Distinct family names starting with `prefix` (case-insensitive; index-only range scan
    /// of `patients_family`).
    pub fn family_names_with_prefix(&self, prefix: &str) -> StoreResult<Vec<String>> {
        let upper = format!("{prefix}\u{10FFFF}");
        let mut st = self.conn.prepare_cached(
            "SELECT DISTINCT family COLLATE NOCASE FROM patients
             WHERE family >= ?1 COLLATE NOCASE AND family < ?2 COLLATE NOCASE",
        )?;
        let rows = st.query_map(params![prefix, upper], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Patients born on `dob` (ISO).
    pub fn patients_by_dob(&self, dob: &str) -> StoreResult<Vec<PatientName>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id, name, given, family, dob FROM patients WHERE dob = ?1")?;
        let rows = st.query_map(params![dob], patient_name_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Calls `f` with every distinct family name (an index-only scan of `patients_family`;
    /// an archive has far fewer family names than patients). The fallback of fuzzy name search.
    pub fn for_each_family_name(&self, mut f: impl FnMut(&str)) -> StoreResult<()> {
        let mut st = self.conn.prepare(
            "SELECT DISTINCT family COLLATE NOCASE FROM patients WHERE family IS NOT NULL ORDER BY 1",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            f(r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?);
        }
        Ok(())
    }

    /// Patients with exactly this family name (case-insensitive).
    pub fn patients_by_family(&self, family: &str) -> StoreResult<Vec<PatientName>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, name, given, family, dob FROM patients WHERE family = ?1 COLLATE NOCASE",
        )?;
        let rows = st.query_map(params![family], patient_name_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Patients without a family name (their `name` is matched instead).
    pub fn patients_without_family(&self) -> StoreResult<Vec<PatientName>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, name, given, family, dob FROM patients WHERE family IS NULL
             UNION ALL
             SELECT id, name, given, family, dob FROM patients WHERE family = '' COLLATE NOCASE",
        )?;
        let rows = st.query_map([], patient_name_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Names that decide a document's name match without its patient link: the effective
    /// patient_name of documents linked to no patient, and every reviewer-corrected name.
    /// Returns (document id, name); documents whose name a reviewer marked absent are listed
    /// with None (they match no name).
    pub fn document_names_outside_links(&self) -> StoreResult<Vec<(i64, Option<String>)>> {
        let mut st = self.conn.prepare(
            "SELECT f.document_id, f.value FROM documents d JOIN fields f ON f.document_id = d.id AND f.name = 'patient_name'
              WHERE d.patient_id IS NULL
                AND NOT EXISTS (SELECT 1 FROM field_reviews r WHERE r.document_id = f.document_id AND r.name = 'patient_name')
             UNION ALL
             SELECT r.document_id, CASE r.action WHEN 'corrected' THEN r.value
                                                 WHEN 'absent' THEN NULL
                                                 ELSE (SELECT f.value FROM fields f WHERE f.document_id = r.document_id AND f.name = 'patient_name') END
               FROM field_reviews r WHERE r.name = 'patient_name'",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Ids of the documents linked to any of `patient_ids`.
    pub fn documents_of_patients(&self, patient_ids: &[i64]) -> StoreResult<Vec<i64>> {
        let mut st = self
            .conn
            .prepare("SELECT id FROM documents WHERE patient_id IN (SELECT value FROM json_each(?1)) ORDER BY id")?;
        let rows = st.query_map(params![serde_json::to_string(patient_ids)?], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn patient(&self, id: i64) -> StoreResult<Option<PatientRow>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {PATIENT_COLS} FROM patients WHERE id = ?1"),
                params![id],
                patient_row,
            )
            .optional()?)
    }

    pub fn patients_by_mrn(&self, mrn: &str) -> StoreResult<Vec<PatientRow>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {PATIENT_COLS} FROM patients WHERE mrn = ?1 ORDER BY id"
        ))?;
        let rows = st.query_map(params![mrn], patient_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The patient's documents (any order; the timeline sorts them by effective date).
    pub fn patient_documents(&self, patient_id: i64) -> StoreResult<Vec<DocumentRow>> {
        let sql = format!(
            "SELECT {DOCUMENT_COLS}, d.patient_id, {}
             FROM documents d JOIN files f ON f.id = d.file_id
             WHERE d.patient_id = ?1",
            fields_json_with_page()
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query(params![patient_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(document_row(r)?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type ViewRow = (
        String,
        Option<String>,
        Option<String>,
        Option<f64>,
        Option<String>,
    );

    #[test]
    fn broad_queries_rank_only_the_newest_matches_and_say_so() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        // 12 one-page files; every page says "patient", page 3 says it most often (the
        // best bm25 overall), page 10 is the best of the newest five.
        store
            .conn
            .execute_batch(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12)
                 INSERT INTO files (id, root, path, size, mtime_ns, format, page_count, status, ingested_at)
                   SELECT i, '/r', 'f' || i || '.tif', 1, 0, 'tiff', 1, 'ingested', 'now' FROM n;
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12)
                 INSERT INTO pages (id, file_id, page_no, status, text_source, text)
                   SELECT i, i, 1, 'ok', 'ocr',
                          CASE i WHEN 3 THEN 'patient patient patient note'
                                 WHEN 10 THEN 'patient patient seen today for review'
                                 ELSE 'patient seen today in clinic for a follow up visit' END
                   FROM n;",
            )
            .unwrap();
        let all = DocFilter::default();
        let ids = |hits: &[SearchHit]| hits.iter().map(|h| h.page_id.unwrap()).collect::<Vec<_>>();
        // Under the cap: every match ranked, the best first.
        let (hits, capped) = store.search_pages_capped("patient", &all, 3, 100).unwrap();
        assert!(!capped);
        assert_eq!(ids(&hits)[0], 3);
        // Over it: only the newest five (pages 8-12) are ranked, and the caller is told.
        let (hits, capped) = store.search_pages_capped("patient", &all, 3, 5).unwrap();
        assert!(capped);
        assert_eq!(ids(&hits)[0], 10);
        assert!(ids(&hits).iter().all(|id| *id >= 8), "{:?}", ids(&hits));
        // A selective word is never capped.
        let (hits, capped) = store.search_pages_capped("note", &all, 3, 5).unwrap();
        assert!(!capped);
        assert_eq!(ids(&hits), vec![3]);
    }

    /// One document with every kind of review: none, accepted, corrected, absent, and a
    /// correction of a field the extractor never found.
    fn store_with_reviews() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        store
            .conn
            .execute_batch(
                "INSERT INTO files (id, root, path, size, mtime_ns, format, page_count, status, ingested_at)
                   VALUES (1, '/r', 'a.tif', 10, 0, 'tiff', 1, 'ingested', '2026-01-01T00:00:00Z');
                 INSERT INTO pages (id, file_id, page_no, status, text_source, text) VALUES (7, 1, 1, 'ok', 'ocr', 'x');
                 INSERT INTO patients (id, mrn, name, given, family, dob, created_at)
                   VALUES (1, 'OLD1', 'Ann Lee', 'Ann', 'Lee', '1970-01-01', 'now');
                 INSERT INTO documents (id, file_id, first_page, last_page, patient_id) VALUES (1, 1, 1, 1, 1);
                 INSERT INTO fields (document_id, name, value, normalized, confidence, page_no) VALUES
                   (1, 'patient_name', 'Ann Lee', 'Ann Lee', 0.7, 1),
                   (1, 'mrn', 'OLD-1', 'OLD1', 0.6, 1),
                   (1, 'encounter_date', '1/2/2020', '2020-01-02', 0.5, 1),
                   (1, 'provider', 'Dr X', 'Dr X', 0.4, 1);
                 INSERT INTO field_reviews (document_id, name, action, value, normalized, reviewer, reviewed_at) VALUES
                   (1, 'patient_name', 'accepted', NULL, NULL, 't', 'now'),
                   (1, 'mrn', 'corrected', 'NEW-2', 'NEW2', 't', 'now'),
                   (1, 'provider', 'absent', NULL, NULL, 't', 'now'),
                   (1, 'sex', 'corrected', 'F', 'F', 't', 'now');",
            )
            .unwrap();
        (dir, store)
    }

    #[test]
    fn spelled_out_rule_equals_the_effective_fields_view() {
        let (_d, store) = store_with_reviews();
        let json: Option<String> = store
            .conn
            .query_row(
                &format!("SELECT {} FROM documents d WHERE d.id = 1", fields_json()),
                [],
                |r| r.get(0),
            )
            .unwrap();
        let mine = parse_fields(json).unwrap();
        let mut st = store
            .conn
            .prepare("SELECT name, value, normalized, confidence, review_action FROM effective_fields WHERE document_id = 1")
            .unwrap();
        let view: Vec<ViewRow> = st
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(view.len(), mine.len());
        for (name, value, normalized, confidence, action) in view {
            let f = &mine[&name];
            assert_eq!(
                (&f.value, &f.normalized, f.confidence, &f.review_action),
                (&value, &normalized, confidence, &action),
                "{name}"
            );
        }
        assert_eq!(field_best(&mine, "mrn"), Some("NEW2"));
        assert_eq!(field_best(&mine, "provider"), None);
        assert_eq!(field_best(&mine, "sex"), Some("F"));
    }

    #[test]
    fn filters_use_reviewed_values() {
        let (_d, store) = store_with_reviews();
        let count = |f: DocFilter| store.search_documents(&f, 10).unwrap().len();
        // The corrected MRN finds the document; the extracted one only through the patient link.
        assert_eq!(
            count(DocFilter {
                mrn: Some("NEW2".into()),
                ..Default::default()
            }),
            1
        );
        store
            .conn
            .execute("UPDATE patients SET mrn = 'P9'", [])
            .unwrap();
        assert_eq!(
            count(DocFilter {
                mrn: Some("OLD1".into()),
                ..Default::default()
            }),
            0
        );
        assert_eq!(
            count(DocFilter {
                from: Some("2020-01-01".into()),
                to: Some("2020-01-31".into()),
                ..Default::default()
            }),
            1
        );
        store
            .conn
            .execute(
                "INSERT INTO field_reviews (document_id, name, action, value, normalized, reviewer, reviewed_at)
                 VALUES (1, 'encounter_date', 'absent', NULL, NULL, 't', 'now')",
                [],
            )
            .unwrap();
        assert_eq!(
            count(DocFilter {
                from: Some("2020-01-01".into()),
                to: Some("2020-01-31".into()),
                ..Default::default()
            }),
            0
        );
        let hit = &store.search_documents(&DocFilter::default(), 10).unwrap()[0];
        assert_eq!(hit.mrn.as_deref(), Some("NEW2"));
        assert_eq!(hit.page_id, Some(7));
        assert_eq!(hit.date, None);
    }
}
