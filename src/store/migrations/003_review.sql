-- chartscan schema v3: review decisions beside the extracted values, and the audit trail.
CREATE TABLE field_reviews (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    action      TEXT    NOT NULL,   -- accepted | corrected | absent
    value       TEXT,               -- typed by the reviewer (corrected)
    normalized  TEXT,
    reviewer    TEXT    NOT NULL,
    reviewed_at TEXT    NOT NULL,
    PRIMARY KEY (document_id, name)
);
CREATE INDEX field_reviews_norm ON field_reviews(name, normalized);

ALTER TABLE documents ADD COLUMN reviewed_doc_type TEXT;       -- set by a reviewer
ALTER TABLE documents ADD COLUMN patient_manual INTEGER NOT NULL DEFAULT 0; -- link set by a reviewer
ALTER TABLE documents ADD COLUMN reviewed_by TEXT;
ALTER TABLE documents ADD COLUMN reviewed_at TEXT;
ALTER TABLE pages ADD COLUMN marked_unreadable INTEGER NOT NULL DEFAULT 0;

-- Every review action, append-only. document_id is kept as a plain number so the trail
-- survives re-ingestion of the file.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,
    reviewer    TEXT    NOT NULL,
    document_id INTEGER,
    field       TEXT,
    action      TEXT    NOT NULL,
    old_value   TEXT,
    new_value   TEXT
);
CREATE INDEX audit_document ON audit(document_id);
CREATE INDEX audit_at ON audit(at);

-- The value everyone downstream (search, export, timeline) should use: the reviewer's
-- decision where there is one, the extractor's otherwise.
CREATE VIEW effective_fields AS
SELECT f.document_id,
       f.name,
       CASE r.action WHEN 'absent' THEN NULL WHEN 'corrected' THEN r.value ELSE f.value END AS value,
       CASE r.action WHEN 'absent' THEN NULL WHEN 'corrected' THEN r.normalized ELSE f.normalized END AS normalized,
       CASE r.action WHEN 'absent' THEN NULL WHEN 'corrected' THEN 1.0 WHEN 'accepted' THEN 1.0 ELSE f.confidence END AS confidence,
       f.page_no, f.x, f.y, f.w, f.h,
       r.action AS review_action
FROM fields f
LEFT JOIN field_reviews r ON r.document_id = f.document_id AND r.name = f.name
UNION ALL
SELECT r.document_id, r.name, r.value, r.normalized, 1.0, NULL, NULL, NULL, NULL, NULL, r.action
FROM field_reviews r
WHERE r.action = 'corrected'
  AND NOT EXISTS (SELECT 1 FROM fields f WHERE f.document_id = r.document_id AND f.name = r.name);
