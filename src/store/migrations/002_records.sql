-- chartscan schema v2: documents, extracted fields, patients.
CREATE TABLE patients (
    id         INTEGER PRIMARY KEY,
    mrn        TEXT,                 -- normalised MRN (digits and letters)
    name       TEXT,                 -- normalised "Given M Family"
    given      TEXT,
    family     TEXT,
    dob        TEXT,                 -- ISO date
    sex        TEXT,                 -- F | M | O | U
    created_at TEXT NOT NULL
);
CREATE INDEX patients_mrn ON patients(mrn);
CREATE INDEX patients_dob ON patients(dob);
CREATE INDEX patients_family ON patients(family COLLATE NOCASE);

-- A document is a page range of a file (today always the whole file).
CREATE TABLE documents (
    id                  INTEGER PRIMARY KEY,
    file_id             INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    first_page          INTEGER NOT NULL,
    last_page           INTEGER NOT NULL,
    doc_type            TEXT    NOT NULL DEFAULT 'other',
    doc_type_confidence REAL,
    patient_id          INTEGER REFERENCES patients(id) ON DELETE SET NULL,
    link_method         TEXT,                        -- mrn | dob_name | new | manual | none
    needs_review        INTEGER NOT NULL DEFAULT 0,  -- 1 while staff still have to look
    review_reasons      TEXT    NOT NULL DEFAULT '[]', -- JSON array, e.g. ["missing:mrn"]
    version             INTEGER NOT NULL DEFAULT 1,  -- bumped on every change (optimistic locking)
    extracted_at        TEXT,
    UNIQUE (file_id, first_page)
);
CREATE INDEX documents_patient ON documents(patient_id);
CREATE INDEX documents_type ON documents(doc_type);
CREATE INDEX documents_review ON documents(needs_review);

-- Extracted values with their evidence. Never overwritten by review (see field_reviews).
CREATE TABLE fields (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,   -- patient_name | date_of_birth | mrn | sex | encounter_date | provider
    value       TEXT,               -- as printed (OCR text)
    normalized  TEXT,
    confidence  REAL,               -- 0-1
    page_id     INTEGER REFERENCES pages(id) ON DELETE SET NULL,
    page_no     INTEGER,
    x INTEGER, y INTEGER, w INTEGER, h INTEGER, -- pixels of the prepared page image
    UNIQUE (document_id, name)
);
CREATE INDEX fields_lookup ON fields(name, normalized);
