//! JSON lines: one object per document, in the shape of issue 3:
//! `{"source", "pages", "doc_type", "patient_id", "fields": {name: {"value", "normalized",
//! "confidence", "page", "bbox"}}, "needs_review", "review_reasons"}` plus `document_id`,
//! `first_page`, `last_page`, `page_ids`, `doc_type_confidence`. Values are the effective
//! (reviewed) ones.

use crate::store::{ExportDoc, Store};
use serde_json::{json, Map, Value};
use std::io::Write;

/// The JSON object of one document.
pub fn doc_json(d: &ExportDoc) -> Value {
    let mut fields = Map::new();
    for name in crate::extract::FIELD_NAMES {
        let v = match d.fields.get(name) {
            Some(f) if f.value.is_some() || f.normalized.is_some() => json!({
                "value": f.value,
                "normalized": f.normalized,
                "confidence": f.confidence,
                "page": f.page_no,
                "bbox": f.bbox.unwrap_or([0, 0, 0, 0]),
            }),
            _ => Value::Null,
        };
        fields.insert(name.to_string(), v);
    }
    json!({
        "source": d.source,
        "pages": d.pages,
        "doc_type": d.doc_type,
        "patient_id": d.patient_id,
        "fields": fields,
        "needs_review": d.needs_review,
        "review_reasons": d.review_reasons,
        "document_id": d.document_id,
        "first_page": d.first_page,
        "last_page": d.last_page,
        "page_ids": d.page_ids,
        "doc_type_confidence": d.doc_type_confidence,
    })
}

/// Writes every document as one line; returns how many.
pub fn write(store: &Store, out: &mut dyn Write) -> anyhow::Result<u64> {
    store.for_each_export_doc(|d| {
        serde_json::to_writer(&mut *out, &doc_json(&d))?;
        out.write_all(b"\n")?;
        Ok(())
    })
}
