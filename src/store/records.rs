//! Reads and writes of the records stage: documents, extracted fields, patients, and the
//! export stream.

use super::{now, Store};
use crate::error::StoreResult;
use crate::extract::{ExtractedDocument, PageInput};
use rusqlite::{params, OptionalExtension};
use std::collections::BTreeMap;

/// A document to (re)extract.
#[derive(Debug, Clone)]
pub struct PendingDoc {
    pub file_id: i64,
    pub first_page: u32,
    pub last_page: u32,
}

/// A page of a document with what the review flags need.
#[derive(Debug, Clone)]
pub struct DocPage {
    pub input: PageInput,
    /// Failed, or marked unreadable by a reviewer.
    pub unreadable: bool,
}

/// An effective (reviewed where a review exists) field value.
#[derive(Debug, Clone)]
pub struct DocField {
    pub value: Option<String>,
    pub normalized: Option<String>,
    pub confidence: Option<f64>,
    pub page_no: Option<u32>,
    pub bbox: Option<[i64; 4]>,
    /// The second reading's confidence (`fields.reread_conf`): set only for a machine value
    /// whose first reading was doubtful; `None` otherwise and for reviewed values.
    pub reread: Option<f64>,
    /// A reviewer set or confirmed this value.
    pub reviewed: bool,
}

/// What linkage and review flags need of a document.
#[derive(Debug, Clone)]
pub struct DocForLinkage {
    pub doc_id: i64,
    /// path + first page, zero-padded: a fixed visiting order.
    pub key: String,
    pub patient_manual: bool,
    pub patient_id: Option<i64>,
    pub fields: BTreeMap<String, DocField>,
    pub unreadable_pages: Vec<u32>,
}

/// A patient to write.
#[derive(Debug, Clone)]
pub struct LinkedPatient {
    pub mrn: Option<String>,
    pub name: Option<String>,
    pub given: Option<String>,
    pub family: Option<String>,
    pub dob: Option<String>,
    pub sex: Option<String>,
}

/// The outcome of linkage and review for one document.
#[derive(Debug, Clone)]
pub struct DocOutcome {
    pub doc_id: i64,
    /// Index into the patients written in the same call.
    pub patient: Option<usize>,
    pub link_method: String,
    pub needs_review: bool,
    pub review_reasons: Vec<String>,
}

/// One document as exported.
#[derive(Debug, Clone)]
pub struct ExportDoc {
    pub document_id: i64,
    pub source: String,
    pub pages: u32,
    pub first_page: u32,
    pub last_page: u32,
    pub doc_type: String,
    pub doc_type_confidence: Option<f64>,
    pub patient_id: Option<i64>,
    pub needs_review: bool,
    pub review_reasons: Vec<String>,
    pub page_ids: Vec<i64>,
    pub fields: BTreeMap<String, DocField>,
}

impl Store {
    /// Documents to extract: files with pages that have no document yet, or whose document
    /// is older than the file's ingest; every document with `all`.
    pub fn pending_documents(&self, all: bool) -> StoreResult<Vec<PendingDoc>> {
        let mut st = self.conn.prepare(
            "SELECT f.id, COALESCE(d.first_page, 1), COALESCE(d.last_page, (SELECT MAX(page_no) FROM pages p WHERE p.file_id = f.id))
             FROM files f LEFT JOIN documents d ON d.file_id = f.id
             WHERE f.status IN ('ingested', 'partial') AND EXISTS (SELECT 1 FROM pages p WHERE p.file_id = f.id)
               AND (?1 OR d.id IS NULL OR d.extracted_at IS NULL OR d.extracted_at < f.ingested_at)
             ORDER BY f.root, f.path, 2",
        )?;
        let rows = st.query_map(params![all], |r| {
            Ok(PendingDoc {
                file_id: r.get(0)?,
                first_page: r.get(1)?,
                last_page: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The pages of a document with their words.
    pub fn document_pages(&self, file_id: i64, first: u32, last: u32) -> StoreResult<Vec<DocPage>> {
        let mut st = self.conn.prepare_cached(
            "SELECT p.id, p.page_no, COALESCE(p.width, 0), COALESCE(p.height, 0), w.words,
                    p.status = 'failed' OR p.marked_unreadable = 1, w.marks
             FROM pages p LEFT JOIN page_words w ON w.page_id = p.id
             WHERE p.file_id = ?1 AND p.page_no BETWEEN ?2 AND ?3 ORDER BY p.page_no",
        )?;
        let rows = st.query_map(params![file_id, first, last], |r| {
            let words: Option<String> = r.get(4)?;
            let marks: Option<String> = r.get(6)?;
            Ok(DocPage {
                input: PageInput {
                    page_id: r.get(0)?,
                    page_no: r.get(1)?,
                    width: r.get(2)?,
                    height: r.get(3)?,
                    words: words
                        .map(|w| super::words_from_json(&w))
                        .unwrap_or_default(),
                    marks: marks
                        .map(|m| super::marks_from_json(&m))
                        .unwrap_or_default(),
                },
                unreadable: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Writes a document's extraction in place (review rows keyed by document id survive).
    pub fn save_extraction(&mut self, d: &PendingDoc, x: &ExtractedDocument) -> StoreResult<i64> {
        let tx = self.conn.transaction()?;
        let at = now();
        tx.execute(
            "INSERT INTO documents (file_id, first_page, last_page, doc_type, doc_type_confidence, extracted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (file_id, first_page) DO UPDATE SET
               last_page = excluded.last_page, doc_type = excluded.doc_type,
               doc_type_confidence = excluded.doc_type_confidence, extracted_at = excluded.extracted_at,
               version = version + 1",
            params![d.file_id, d.first_page, d.last_page, x.doc_type.as_str(), x.doc_type_confidence, at],
        )?;
        let id: i64 = tx.query_row(
            "SELECT id FROM documents WHERE file_id = ?1 AND first_page = ?2",
            params![d.file_id, d.first_page],
            |r| r.get(0),
        )?;
        tx.execute("DELETE FROM fields WHERE document_id = ?1", params![id])?;
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO fields (document_id, name, value, normalized, confidence, page_id, page_no, x, y, w, h, reread_conf)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            for (name, f) in &x.fields {
                ins.execute(params![
                    id,
                    name,
                    f.value,
                    f.normalized,
                    f.confidence,
                    f.page_id,
                    f.page_no,
                    f.bbox.x,
                    f.bbox.y,
                    f.bbox.w,
                    f.bbox.h,
                    f.reread
                ])?;
            }
        }
        tx.commit()?;
        Ok(id)
    }

    fn effective_fields(&self, doc_id: i64) -> StoreResult<BTreeMap<String, DocField>> {
        let mut st = self.conn.prepare_cached("SELECT e.name, e.value, e.normalized, e.confidence, e.page_no, e.x, e.y, e.w, e.h,
                    CASE WHEN e.review_action IS NULL THEN
                      (SELECT fl.reread_conf FROM fields fl WHERE fl.document_id = e.document_id AND fl.name = e.name)
                    END,
                    e.review_action IS NOT NULL
             FROM effective_fields e WHERE e.document_id = ?1")?;
        let rows = st.query_map(params![doc_id], |r| {
            let x: Option<i64> = r.get(5)?;
            let bbox = match x {
                Some(x) => Some([x, r.get(6)?, r.get(7)?, r.get(8)?]),
                None => None,
            };
            Ok((
                r.get::<_, String>(0)?,
                DocField {
                    value: r.get(1)?,
                    normalized: r.get(2)?,
                    confidence: r.get(3)?,
                    page_no: r.get(4)?,
                    bbox,
                    reread: r.get(9)?,
                    reviewed: r.get(10)?,
                },
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Sets the machine reading of documents' patient names to the order another document
    /// showed (`records::name_orders`); the printed value and a reviewer's correction stay.
    pub fn set_name_orders(&mut self, orders: &[(i64, String)]) -> StoreResult<()> {
        let tx = self.conn.transaction()?;
        {
            let mut up = tx.prepare_cached(
                "UPDATE fields SET normalized = ?2 WHERE document_id = ?1 AND name = 'patient_name'",
            )?;
            for (id, name) in orders {
                up.execute(params![id, name])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every document with its effective fields, for linkage and review flags.
    pub fn documents_for_linkage(&self) -> StoreResult<Vec<DocForLinkage>> {
        let mut st = self.conn.prepare(
            "SELECT d.id, f.root || '/' || f.path || '#' || printf('%06d', d.first_page), d.patient_manual, d.patient_id,
                    (SELECT json_group_array(p.page_no) FROM pages p WHERE p.file_id = d.file_id
                       AND p.page_no BETWEEN d.first_page AND d.last_page AND (p.status = 'failed' OR p.marked_unreadable = 1))
             FROM documents d JOIN files f ON f.id = d.file_id ORDER BY 2",
        )?;
        let rows: Vec<(i64, String, bool, Option<i64>, String)> = st
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (doc_id, key, manual, pid, unread) in rows {
            out.push(DocForLinkage {
                doc_id,
                key,
                patient_manual: manual,
                patient_id: pid,
                fields: self.effective_fields(doc_id)?,
                unreadable_pages: serde_json::from_str(&unread).unwrap_or_default(),
            });
        }
        Ok(out)
    }

    /// Replaces the machine-made patients and writes every document's link and review
    /// flags in one transaction. Patients a reviewer linked by hand stay; their documents
    /// keep their patient. Returns the ids of the patients written, in order.
    pub fn write_linkage(
        &mut self,
        patients: &[LinkedPatient],
        docs: &[DocOutcome],
    ) -> StoreResult<Vec<i64>> {
        let tx = self.conn.transaction()?;
        // Keep patient ids stable: a patient keeps the id most of its documents had, so
        // links a reviewer made to it stay meaningful.
        let current: BTreeMap<i64, Option<i64>> = {
            let mut st = tx.prepare("SELECT id, patient_id FROM documents")?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut claimed: std::collections::BTreeSet<i64> = std::collections::BTreeSet::new();
        let mut ids = Vec::with_capacity(patients.len());
        {
            let at = now();
            let mut ins = tx.prepare_cached("INSERT INTO patients (mrn, name, given, family, dob, sex, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
            let mut upd = tx.prepare_cached("UPDATE patients SET mrn = ?2, name = ?3, given = ?4, family = ?5, dob = ?6, sex = ?7 WHERE id = ?1")?;
            for (i, p) in patients.iter().enumerate() {
                let mut votes: BTreeMap<i64, usize> = BTreeMap::new();
                for d in docs.iter().filter(|d| d.patient == Some(i)) {
                    if let Some(Some(pid)) = current.get(&d.doc_id) {
                        *votes.entry(*pid).or_default() += 1;
                    }
                }
                let reuse = votes
                    .iter()
                    .filter(|(pid, _)| !claimed.contains(pid))
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(pid, _)| *pid);
                let id = match reuse {
                    Some(pid)
                        if upd.execute(params![
                            pid, p.mrn, p.name, p.given, p.family, p.dob, p.sex
                        ])? == 1 =>
                    {
                        pid
                    }
                    _ => {
                        ins.execute(params![p.mrn, p.name, p.given, p.family, p.dob, p.sex, at])?;
                        tx.last_insert_rowid()
                    }
                };
                claimed.insert(id);
                ids.push(id);
            }
        }
        // Patients no document points to any more (manual links keep theirs).
        let keep = serde_json::to_string(&claimed.iter().collect::<Vec<_>>())?;
        tx.execute(
            "DELETE FROM patients WHERE id NOT IN (SELECT value FROM json_each(?1))
               AND id NOT IN (SELECT patient_id FROM documents WHERE patient_manual = 1 AND patient_id IS NOT NULL)",
            params![keep],
        )?;
        {
            let mut up = tx.prepare_cached(
                "UPDATE documents SET
                   patient_id = CASE WHEN patient_manual = 1 THEN patient_id ELSE ?2 END,
                   link_method = CASE WHEN patient_manual = 1 THEN 'manual' ELSE ?3 END,
                   needs_review = ?4, review_reasons = ?5,
                   version = version + (CASE WHEN needs_review IS NOT ?4 OR review_reasons IS NOT ?5
                                              OR patient_id IS NOT (CASE WHEN patient_manual = 1 THEN patient_id ELSE ?2 END)
                                              OR link_method IS NOT (CASE WHEN patient_manual = 1 THEN 'manual' ELSE ?3 END) THEN 1 ELSE 0 END)
                 WHERE id = ?1",
            )?;
            for d in docs {
                let pid = d.patient.map(|i| ids[i]);
                up.execute(params![
                    d.doc_id,
                    pid,
                    d.link_method,
                    d.needs_review,
                    serde_json::to_string(&d.review_reasons).unwrap_or_else(|_| "[]".into())
                ])?;
            }
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Streams every document, in source order, to `f` (one query row at a time).
    pub fn for_each_export_doc(
        &self,
        mut f: impl FnMut(ExportDoc) -> anyhow::Result<()>,
    ) -> anyhow::Result<u64> {
        let mut st = self.conn.prepare(
            "SELECT d.id, f.path, f.page_count, d.first_page, d.last_page, COALESCE(d.reviewed_doc_type, d.doc_type),
                    d.doc_type_confidence, d.patient_id, d.needs_review, d.review_reasons,
                    (SELECT json_group_array(p.id) FROM (SELECT id FROM pages p WHERE p.file_id = d.file_id
                        AND p.page_no BETWEEN d.first_page AND d.last_page ORDER BY p.page_no) p)
             FROM documents d JOIN files f ON f.id = d.file_id ORDER BY f.root, f.path, d.first_page",
        )?;
        let mut rows = st.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let doc_id: i64 = r.get(0)?;
            let reasons: String = r.get(9)?;
            let page_ids: String = r.get(10)?;
            let doc = ExportDoc {
                document_id: doc_id,
                source: r.get(1)?,
                pages: r.get(2)?,
                first_page: r.get(3)?,
                last_page: r.get(4)?,
                doc_type: r.get(5)?,
                doc_type_confidence: r.get(6)?,
                patient_id: r.get(7)?,
                needs_review: r.get(8)?,
                review_reasons: serde_json::from_str(&reasons).unwrap_or_default(),
                page_ids: serde_json::from_str(&page_ids).unwrap_or_default(),
                fields: self.effective_fields(doc_id)?,
            };
            f(doc)?;
            n += 1;
        }
        Ok(n)
    }

    /// Number of documents (for summaries).
    pub fn document_count(&self) -> StoreResult<i64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))
            .optional()?
            .unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BBox, PageText, Preparation, TextSource, Word};
    use crate::records::{refresh_with, RecordsOptions};
    use crate::store::{FileRecord, FileStatus, PageRecord, PageStatus};

    fn words(lines: &[&str]) -> Vec<Word> {
        let mut out = Vec::new();
        for (li, l) in lines.iter().enumerate() {
            let mut x = 100;
            for w in l.split(' ') {
                let width = 14 * w.len() as u32;
                out.push(Word {
                    text: w.into(),
                    conf: 95.0,
                    bbox: BBox::new(x, 100 + 40 * li as u32, width, 20),
                    block: li as u32,
                    par: 0,
                    line: 0,
                });
                x += width + 10;
            }
        }
        out
    }

    fn add_file(store: &mut Store, path: &str, lines: &[&str]) {
        let text = PageText {
            text: lines.join("\n"),
            words: words(lines),
            mean_conf: Some(95.0),
            marks: Vec::new(),
        };
        let f = FileRecord {
            root: "/r".into(),
            path: path.into(),
            size: 1,
            mtime_ns: 1,
            blake3: Some(path.into()),
            sha1: None,
            format: "png".into(),
            page_count: 1,
            status: FileStatus::Ingested,
            error: None,
            duplicate_of: None,
            run_id: 0,
        };
        let p = PageRecord {
            page_no: 1,
            status: PageStatus::Ok,
            error: None,
            width: 2550,
            height: 3300,
            dpi: 300.0,
            prep: Preparation::default(),
            source: TextSource::Ocr,
            text: Some(text),
            engine: None,
            ms: 1,
        };
        store.conn.execute("INSERT OR IGNORE INTO runs (id, root, started_at, jobs, settings) VALUES (0, '/r', 'x', 1, '{}')", []).unwrap();
        store.write_files(&[(f, vec![p])]).unwrap();
    }

    fn opts(all: bool) -> RecordsOptions {
        RecordsOptions {
            all,
            ..RecordsOptions::default()
        }
    }

    #[test]
    fn extract_links_and_keeps_reviews() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db")).unwrap();
        add_file(
            &mut s,
            "a.png",
            &[
                "PROGRESS NOTE",
                "Patient: DOE, JANE Q",
                "DOB: 03/14/1962",
                "MRN: 00123456",
            ],
        );
        add_file(
            &mut s,
            "b.png",
            &["PROGRESS NOTE", "Patient: Jane Doe", "DOB: 03/14/1962"],
        );
        add_file(
            &mut s,
            "c.png",
            &[
                "PROGRESS NOTE",
                "Patient: Jane Doe",
                "DOB: 07/01/1990",
                "MRN: 00999999",
            ],
        );
        let sum = refresh_with(&mut s, &opts(false)).unwrap();
        assert_eq!((sum.extracted, sum.documents, sum.patients), (3, 3, 2));
        let pid = |s: &Store, p: &str| -> Option<i64> {
            s.conn.query_row("SELECT d.patient_id FROM documents d JOIN files f ON f.id = d.file_id WHERE f.path = ?1", [p], |r| r.get(0)).unwrap()
        };
        assert_eq!(
            pid(&s, "a.png"),
            pid(&s, "b.png"),
            "no MRN: exact DOB and close name link"
        );
        assert_ne!(
            pid(&s, "a.png"),
            pid(&s, "c.png"),
            "same name, different DOB: different patients"
        );

        // A reviewer corrects c's DOB, links b by hand to c's patient, and fixes a's type.
        let (a, b, c): (i64, i64, i64) = s
            .conn
            .query_row(
                "SELECT (SELECT d.id FROM documents d JOIN files f ON f.id = d.file_id WHERE f.path = 'a.png'),
                        (SELECT d.id FROM documents d JOIN files f ON f.id = d.file_id WHERE f.path = 'b.png'),
                        (SELECT d.id FROM documents d JOIN files f ON f.id = d.file_id WHERE f.path = 'c.png')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        let c_patient = pid(&s, "c.png");
        s.conn
            .execute(
                "INSERT INTO field_reviews (document_id, name, action, value, normalized, reviewer, reviewed_at)
                 VALUES (?1, 'date_of_birth', 'corrected', '07/02/1990', '1990-07-02', 'r', 'now')",
                [c],
            )
            .unwrap();
        s.conn
            .execute(
                "UPDATE documents SET patient_manual = 1, patient_id = ?2 WHERE id = ?1",
                [b, c_patient.unwrap()],
            )
            .unwrap();
        s.conn
            .execute(
                "UPDATE documents SET reviewed_doc_type = 'lab_report' WHERE id = ?1",
                [a],
            )
            .unwrap();

        refresh_with(&mut s, &opts(true)).unwrap();
        let ids: Vec<i64> = s
            .conn
            .prepare("SELECT id FROM documents ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(ids, vec![a, b, c], "documents updated in place");
        let n: i64 = s
            .conn
            .query_row(
                "SELECT COUNT(*) FROM field_reviews WHERE document_id = ?1",
                [c],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "review rows survive re-extraction");
        let dob: String = s.conn.query_row("SELECT normalized FROM effective_fields WHERE document_id = ?1 AND name = 'date_of_birth'", [c], |r| r.get(0)).unwrap();
        assert_eq!(dob, "1990-07-02");
        let (manual, method): (bool, String) = s
            .conn
            .query_row(
                "SELECT patient_manual, link_method FROM documents WHERE id = ?1",
                [b],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(manual);
        assert_eq!(method, "manual");
        assert_eq!(
            pid(&s, "b.png"),
            pid(&s, "c.png"),
            "the manual link is kept"
        );
        let ty: String = s
            .conn
            .query_row(
                "SELECT reviewed_doc_type FROM documents WHERE id = ?1",
                [a],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(ty, "lab_report");

        // Export uses the effective values.
        let mut rows = Vec::new();
        s.for_each_export_doc(|d| {
            rows.push(d);
            Ok(())
        })
        .unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].doc_type, "lab_report");
        assert_eq!(
            rows[2].fields["date_of_birth"].normalized.as_deref(),
            Some("1990-07-02")
        );

        // Running again without --all extracts nothing and changes nothing.
        let before: Vec<(i64, Option<i64>, String)> = s
            .conn
            .prepare("SELECT id, patient_id, review_reasons FROM documents ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let sum = refresh_with(&mut s, &opts(false)).unwrap();
        assert_eq!(sum.extracted, 0);
        let after: Vec<(i64, Option<i64>, String)> = s
            .conn
            .prepare("SELECT id, patient_id, review_reasons FROM documents ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(before, after);
    }

    #[test]
    fn mrn_dob_conflict_flags_both_documents() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db")).unwrap();
        add_file(
            &mut s,
            "a.png",
            &[
                "PROGRESS NOTE",
                "Patient: Jane Doe",
                "DOB: 03/14/1962",
                "MRN: 00123456",
            ],
        );
        add_file(
            &mut s,
            "b.png",
            &[
                "PROGRESS NOTE",
                "Patient: Jane Doe",
                "DOB: 03/14/1963",
                "MRN: 00123456",
            ],
        );
        refresh_with(&mut s, &opts(false)).unwrap();
        let reasons: Vec<(bool, String)> = s
            .conn
            .prepare("SELECT needs_review, review_reasons FROM documents ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        for (flag, r) in reasons {
            assert!(flag);
            assert!(r.contains("conflict:mrn_dob"), "{r}");
        }
    }
}
