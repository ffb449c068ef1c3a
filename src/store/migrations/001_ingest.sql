-- chartscan schema v1: runs, files, pages, words, full-text index.
CREATE TABLE runs (
    id              INTEGER PRIMARY KEY,
    root            TEXT    NOT NULL,
    started_at      TEXT    NOT NULL,
    finished_at     TEXT,
    status          TEXT    NOT NULL DEFAULT 'running', -- running | completed | interrupted
    jobs            INTEGER NOT NULL,
    settings        TEXT    NOT NULL,                   -- JSON: language, psm, limits, versions
    files_seen      INTEGER NOT NULL DEFAULT 0,
    files_ingested  INTEGER NOT NULL DEFAULT 0,
    files_unchanged INTEGER NOT NULL DEFAULT 0,
    files_failed    INTEGER NOT NULL DEFAULT 0,
    files_skipped   INTEGER NOT NULL DEFAULT 0,
    files_duplicate INTEGER NOT NULL DEFAULT 0,
    pages_done      INTEGER NOT NULL DEFAULT 0,
    seconds         REAL
);

CREATE TABLE files (
    id           INTEGER PRIMARY KEY,
    root         TEXT    NOT NULL,          -- absolute ROOT given to ingest
    path         TEXT    NOT NULL,          -- relative to root, '/' separators
    size         INTEGER NOT NULL,
    mtime_ns     INTEGER NOT NULL,
    blake3       TEXT,                      -- content hash (hex): identity and duplicates
    sha1         TEXT,                      -- SHA-1 (base64), as FHIR Attachment.hash wants
    format       TEXT    NOT NULL,          -- png | jpeg | tiff | pdf, or what a skipped file looks like
    page_count   INTEGER NOT NULL DEFAULT 0,
    status       TEXT    NOT NULL,          -- ingested | partial | failed | skipped | duplicate
    error        TEXT,                      -- why it failed (or which pages failed)
    duplicate_of TEXT,                      -- path of the byte-identical file read first
    run_id       INTEGER REFERENCES runs(id),
    ingested_at  TEXT    NOT NULL,
    UNIQUE (root, path)
);
CREATE INDEX files_blake3 ON files(blake3);
CREATE INDEX files_status ON files(status);

CREATE TABLE pages (
    id          INTEGER PRIMARY KEY,
    file_id     INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    page_no     INTEGER NOT NULL,           -- 1-based within the file
    status      TEXT    NOT NULL,           -- ok | blank | failed
    error       TEXT,
    width       INTEGER,                    -- pixels of the prepared image (what boxes refer to)
    height      INTEGER,
    dpi         REAL,
    rotation    INTEGER NOT NULL DEFAULT 0, -- clockwise quarter turn applied: 0/90/180/270
    skew        REAL    NOT NULL DEFAULT 0, -- deskew rotation applied, degrees
    scale       REAL    NOT NULL DEFAULT 1, -- resampling applied before OCR
    text_source TEXT    NOT NULL,           -- ocr | text_layer | none
    mean_conf   REAL,                       -- 0-100
    word_count  INTEGER NOT NULL DEFAULT 0,
    text        TEXT    NOT NULL DEFAULT '',
    engine      TEXT,                       -- JSON: engine and settings used
    ms          INTEGER,                    -- milliseconds spent preparing and reading
    UNIQUE (file_id, page_no)
);
CREATE INDEX pages_status ON pages(status);

-- Words of a page as one JSON array (compact; query with json_each):
-- [[x, y, w, h, conf, "text", block, par, line], ...]
CREATE TABLE page_words (
    page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
    words   TEXT NOT NULL
);

CREATE VIRTUAL TABLE pages_fts USING fts5(
    text, content = 'pages', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER pages_ai AFTER INSERT ON pages BEGIN
    INSERT INTO pages_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER pages_ad AFTER DELETE ON pages BEGIN
    INSERT INTO pages_fts(pages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER pages_au AFTER UPDATE OF text ON pages BEGIN
    INSERT INTO pages_fts(pages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO pages_fts(rowid, text) VALUES (new.id, new.text);
END;
