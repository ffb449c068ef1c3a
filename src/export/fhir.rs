//! FHIR R4 export in the Bulk Data layout: `Patient.ndjson`, `DocumentReference.ndjson` and
//! the manifest `export.json`, streamed row by row (memory does not grow with the database).
//!
//! Mapping decisions (also in README):
//! - `Patient.id` = patients.id; `identifier` = the MRN, `type` v2-0203 `MR`, `system`
//!   configurable (default `urn:chartscan:mrn`); gender F/M/O/U → female/male/other/unknown.
//! - `DocumentReference.id` = documents.id. `status` is always `current`. `docStatus` is
//!   `preliminary` while the document still needs review (and the reasons are listed in
//!   `meta.tag` with system `urn:chartscan:review-reason`), `final` otherwise — so a receiver
//!   sees which indexing a person has not confirmed yet.
//! - `type`: LOINC by document type ([`loinc`]); `other` and unknown types are text only.
//! - `category`: US Core `clinical-note` for every scanned chart document.
//! - `subject` → `Patient/<id>` of the export, only when the document is linked to a patient.
//! - `date` = when chartscan indexed the document (extraction, else ingest time).
//! - `author` = `{display: provider}` (effective value; no Practitioner resources are made).
//! - `content[0].attachment`: contentType from the file format; `url` = `file://` URL of the
//!   source file under its archive root, or `<url_base><path>` when a base is configured
//!   (e.g. a relative or https base for a moved archive), with `#page=a` or `#page=a-b`
//!   naming the document's pages; `size` and `hash` (SHA-1, base64) are of the whole file;
//!   `title` = path and pages.
//! - `context.period.start` = effective encounter date.
//!
//! Reviewer values win over extracted ones throughout (`effective_fields`).

use crate::store::{field_best, DocumentExportRow, PatientRow, Store};
use serde_json::{json, Map, Value};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}")]
    Store(#[from] crate::error::StoreError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Csv(#[from] ::csv::Error),
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Export settings.
#[derive(Debug, Clone)]
pub struct FhirOptions {
    /// `Patient.identifier.system` of the MRN.
    pub mrn_system: String,
    /// Prefix of attachment URLs instead of `file://<root>/`; the relative path is appended.
    pub url_base: Option<String>,
    /// Recorded as the manifest's `request`.
    pub request: String,
}

impl Default for FhirOptions {
    fn default() -> Self {
        FhirOptions {
            mrn_system: "urn:chartscan:mrn".into(),
            url_base: None,
            request: "chartscan export --format fhir".into(),
        }
    }
}

/// What was written.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FhirSummary {
    pub patients: u64,
    pub document_references: u64,
    pub manifest: PathBuf,
    pub transaction_time: String,
}

/// LOINC document type codes for chartscan's document types, with display names. None
/// (text only) for `other` and anything unknown.
pub fn loinc(doc_type: &str) -> Option<(&'static str, &'static str)> {
    Some(match doc_type {
        "discharge_summary" => ("18842-5", "Discharge summary"),
        "progress_note" => ("11506-3", "Progress note"),
        "lab_report" => ("11502-2", "Laboratory report"),
        "radiology_report" => ("18748-4", "Diagnostic imaging study"),
        "referral_letter" => ("57133-1", "Referral note"),
        "consent_form" => ("59284-0", "Consent Document"),
        "medication_list" => ("10160-0", "History of Medication use Narrative"),
        // A patient intake form is the patient's answers to the practice's questionnaire.
        "intake_form" => ("74465-6", "Questionnaire response Document"),
        _ => return None,
    })
}

/// Human text for a document type: `discharge_summary` → `Discharge summary`.
fn type_text(doc_type: &str) -> String {
    let s = doc_type.replace('_', " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

fn gender(sex: Option<&str>) -> Option<&'static str> {
    match sex?.trim().to_ascii_uppercase().as_str() {
        "F" | "FEMALE" => Some("female"),
        "M" | "MALE" => Some("male"),
        "O" | "OTHER" => Some("other"),
        "U" | "UNKNOWN" => Some("unknown"),
        _ => None,
    }
}

/// Valid FHIR `date` (YYYY, YYYY-MM or YYYY-MM-DD), else None.
fn fhir_date(s: Option<&str>) -> Option<String> {
    let s = s?.trim();
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    match s.len() {
        10 => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(|d| d.to_string()),
        7 if digits(&s[..4])
            && &s[4..5] == "-"
            && digits(&s[5..])
            && (1..=12).contains(&s[5..].parse::<u32>().ok()?) =>
        {
            Some(s.to_string())
        }
        4 if digits(s) => Some(s.to_string()),
        _ => None,
    }
}

/// Valid FHIR `instant` (with seconds and zone), else None.
fn fhir_instant(s: &str) -> Option<String> {
    chrono::DateTime::parse_from_rfc3339(s).ok().map(|d| {
        d.with_timezone(&chrono::Utc)
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    })
}

fn content_type(format: &str) -> &'static str {
    match format {
        "png" => "image/png",
        "jpeg" => "image/jpeg",
        "tiff" => "image/tiff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Percent-encodes what may not stand in a URL path (keeps `/` and unreserved characters).
pub fn url_path_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The attachment URL of a document: its source file and page range.
pub fn attachment_url(opts: &FhirOptions, root: &str, path: &str, first: u32, last: u32) -> String {
    let pages = if first == last {
        format!("#page={first}")
    } else {
        format!("#page={first}-{last}")
    };
    match &opts.url_base {
        Some(base) => format!("{base}{}{pages}", url_path_escape(path)),
        None => {
            let full = format!("{}/{}", root.trim_end_matches('/'), path);
            let full = if full.starts_with('/') {
                full
            } else {
                format!("/{full}")
            };
            format!("file://{}{pages}", url_path_escape(&full))
        }
    }
}

/// The Patient resource of a patient row.
pub fn patient_resource(p: &PatientRow, opts: &FhirOptions) -> Value {
    let mut r = Map::new();
    r.insert("resourceType".into(), json!("Patient"));
    r.insert("id".into(), json!(p.id.to_string()));
    if let Some(mrn) = p.mrn.as_deref().filter(|m| !m.trim().is_empty()) {
        r.insert(
            "identifier".into(),
            json!([{
                "use": "usual",
                "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR", "display": "Medical record number"}]},
                "system": opts.mrn_system,
                "value": mrn,
            }]),
        );
    }
    let mut name = Map::new();
    let given: Vec<&str> = p
        .given
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    if let Some(f) = p.family.as_deref().filter(|f| !f.trim().is_empty()) {
        name.insert("family".into(), json!(f.trim()));
    }
    if !given.is_empty() {
        name.insert("given".into(), json!(given));
    }
    // A generational suffix ("Jr") is HumanName.suffix, not part of the family name.
    if let Some(sfx) = p
        .name
        .as_deref()
        .and_then(crate::extract::names::name_suffix)
        .filter(|_| p.family.is_some())
    {
        name.insert("suffix".into(), json!([sfx]));
    }
    if let Some(t) = p.name.as_deref().filter(|t| !t.trim().is_empty()) {
        name.insert("text".into(), json!(t.trim()));
    }
    if !name.is_empty() {
        name.insert("use".into(), json!("official"));
        r.insert("name".into(), json!([name]));
    }
    if let Some(g) = gender(p.sex.as_deref()) {
        r.insert("gender".into(), json!(g));
    }
    if let Some(d) = fhir_date(p.dob.as_deref()) {
        r.insert("birthDate".into(), json!(d));
    }
    Value::Object(r)
}

/// The DocumentReference resource of a document row.
pub fn document_reference(row: &DocumentExportRow, opts: &FhirOptions) -> Value {
    let d = &row.doc;
    let mut r = Map::new();
    r.insert("resourceType".into(), json!("DocumentReference"));
    r.insert("id".into(), json!(d.id.to_string()));
    let mut tags = Vec::new();
    if d.needs_review {
        tags.push(json!({"system": "urn:chartscan:review", "code": "needs-review", "display": "Indexing not yet confirmed by a person"}));
        for reason in &d.review_reasons {
            tags.push(json!({"system": "urn:chartscan:review-reason", "code": reason}));
        }
    }
    if !tags.is_empty() {
        r.insert("meta".into(), json!({ "tag": tags }));
    }
    r.insert(
        "identifier".into(),
        json!([{"system": "urn:chartscan:document", "value": d.id.to_string()}]),
    );
    r.insert("status".into(), json!("current"));
    r.insert(
        "docStatus".into(),
        json!(if d.needs_review {
            "preliminary"
        } else {
            "final"
        }),
    );
    let text = type_text(&d.doc_type);
    r.insert(
        "type".into(),
        match loinc(&d.doc_type) {
            Some((code, display)) => json!({"coding": [{"system": "http://loinc.org", "code": code, "display": display}], "text": text}),
            None => json!({ "text": text }),
        },
    );
    r.insert(
        "category".into(),
        json!([{"coding": [{"system": "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category", "code": "clinical-note", "display": "Clinical Note"}], "text": "Scanned paper chart"}]),
    );
    if let Some(pid) = d.patient_id {
        let mut subject = Map::new();
        subject.insert("reference".into(), json!(format!("Patient/{pid}")));
        if let Some(n) = row.patient_name.as_deref().filter(|n| !n.trim().is_empty()) {
            subject.insert("display".into(), json!(n));
        }
        r.insert("subject".into(), Value::Object(subject));
    }
    if let Some(at) = fhir_instant(&row.indexed_at) {
        r.insert("date".into(), json!(at));
    }
    if let Some(p) = d
        .fields
        .get("provider")
        .and_then(|f| f.value.as_deref().or(f.normalized.as_deref()))
        .filter(|p| !p.trim().is_empty())
    {
        r.insert("author".into(), json!([{ "display": p.trim() }]));
    }
    let mut att = Map::new();
    att.insert("contentType".into(), json!(content_type(&row.format)));
    att.insert(
        "url".into(),
        json!(attachment_url(
            opts,
            &d.root,
            &d.source,
            d.first_page,
            d.last_page
        )),
    );
    if row.size >= 0 {
        att.insert("size".into(), json!(row.size));
    }
    if let Some(h) = row.sha1.as_deref().filter(|h| !h.is_empty()) {
        att.insert("hash".into(), json!(h));
    }
    let pages = if d.first_page == d.last_page {
        format!("page {}", d.first_page)
    } else {
        format!("pages {}-{}", d.first_page, d.last_page)
    };
    att.insert(
        "title".into(),
        json!(format!("{} ({pages} of {})", d.source, row.page_count)),
    );
    r.insert("content".into(), json!([{ "attachment": att }]));
    if let Some(date) = fhir_date(field_best(&d.fields, "encounter_date")) {
        r.insert("context".into(), json!({"period": {"start": date}}));
    }
    Value::Object(r)
}

fn file_url(p: &Path) -> String {
    format!("file://{}", url_path_escape(&p.to_string_lossy()))
}

/// One NDJSON file, written under a temporary name and renamed when complete (a reader
/// never sees half a file under the final name).
struct NdjsonWriter {
    path: PathBuf,
    tmp: PathBuf,
    w: BufWriter<File>,
    n: u64,
}

impl NdjsonWriter {
    fn create(dir: &Path, name: &str) -> Result<NdjsonWriter, ExportError> {
        let tmp = dir.join(format!(".{name}.partial"));
        let f = File::create(&tmp).map_err(io_err(&tmp))?;
        Ok(NdjsonWriter {
            path: dir.join(name),
            w: BufWriter::with_capacity(1 << 16, f),
            tmp,
            n: 0,
        })
    }

    fn write(&mut self, v: &Value) -> Result<(), ExportError> {
        serde_json::to_writer(&mut self.w, v)?;
        self.w.write_all(b"\n").map_err(io_err(&self.tmp))?;
        self.n += 1;
        Ok(())
    }

    fn finish(self) -> Result<(PathBuf, u64), ExportError> {
        let f = self
            .w
            .into_inner()
            .map_err(|e| io_err(&self.tmp)(e.into_error()))?;
        f.sync_all().map_err(io_err(&self.tmp))?;
        std::fs::rename(&self.tmp, &self.path).map_err(io_err(&self.path))?;
        Ok((self.path, self.n))
    }
}

/// Writes the Bulk Data export into `out_dir` (created if needed), streaming.
pub fn write_fhir(
    store: &Store,
    out_dir: &Path,
    opts: &FhirOptions,
) -> Result<FhirSummary, ExportError> {
    std::fs::create_dir_all(out_dir).map_err(io_err(out_dir))?;
    let out_dir = out_dir.canonicalize().map_err(io_err(out_dir))?;
    let transaction_time = crate::store::now();

    let mut w = NdjsonWriter::create(&out_dir, "Patient.ndjson")?;
    store.for_each_patient(|p| w.write(&patient_resource(&p, opts)))?;
    let (patient_path, patients) = w.finish()?;
    let mut w = NdjsonWriter::create(&out_dir, "DocumentReference.ndjson")?;
    store.for_each_document(|d| w.write(&document_reference(&d, opts)))?;
    let (doc_path, docs) = w.finish()?;

    let manifest = json!({
        "transactionTime": transaction_time,
        "request": opts.request,
        "requiresAccessToken": false,
        "output": [
            {"type": "Patient", "url": file_url(&patient_path), "count": patients},
            {"type": "DocumentReference", "url": file_url(&doc_path), "count": docs},
        ],
        "error": [],
    });
    let manifest_path = out_dir.join("export.json");
    std::fs::write(&manifest_path, serde_json::to_vec_pretty(&manifest)?)
        .map_err(io_err(&manifest_path))?;
    tracing::info!(patients, documents = docs, "FHIR export written");
    Ok(FhirSummary {
        patients,
        document_references: docs,
        manifest: manifest_path,
        transaction_time,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_file_and_pages() {
        let o = FhirOptions::default();
        assert_eq!(
            attachment_url(&o, "/a b", "x/y#1.tif", 1, 1),
            "file:///a%20b/x/y%231.tif#page=1"
        );
        assert_eq!(
            attachment_url(&o, "/r/", "d.pdf", 2, 3),
            "file:///r/d.pdf#page=2-3"
        );
        let o = FhirOptions {
            url_base: Some("scans/".into()),
            ..o
        };
        assert_eq!(
            attachment_url(&o, "/r", "d.pdf", 1, 3),
            "scans/d.pdf#page=1-3"
        );
    }

    #[test]
    fn patient_name_parts_and_suffix() {
        let (given, family) =
            crate::extract::names::given_and_family("Fitzgerald A van der Berg Jr");
        let p = PatientRow {
            id: 1,
            mrn: Some("00482913".into()),
            name: Some("Fitzgerald A van der Berg Jr".into()),
            given,
            family,
            dob: Some("1951-09-15".into()),
            sex: Some("M".into()),
        };
        let r = patient_resource(&p, &FhirOptions::default());
        let n = &r["name"][0];
        assert_eq!(n["family"], "van der Berg");
        assert_eq!(n["given"], json!(["Fitzgerald", "A"]));
        assert_eq!(n["suffix"], json!(["Jr"]));
        assert_eq!(r["birthDate"], "1951-09-15");
    }

    #[test]
    fn loinc_map_covers_known_types() {
        for t in [
            "discharge_summary",
            "progress_note",
            "lab_report",
            "radiology_report",
            "referral_letter",
            "consent_form",
            "medication_list",
            "intake_form",
        ] {
            assert!(loinc(t).is_some(), "{t}");
        }
        assert!(loinc("other").is_none());
        assert_eq!(gender(Some("f")), Some("female"));
        assert_eq!(fhir_date(Some("2021-02-30")), None);
        assert_eq!(fhir_date(Some("2021-02")).as_deref(), Some("2021-02"));
        assert_eq!(fhir_date(Some("2021-13")), None);
        assert_eq!(fhir_date(Some("1999")).as_deref(), Some("1999"));
        assert_eq!(fhir_date(Some("02/03/2021")), None);
    }
}
