-- Places of the embedded gazetteer, documents, their sources, and the data
-- extracted from them.
CREATE TABLE places (
    code      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    short     TEXT NOT NULL,
    full_name TEXT NOT NULL,
    level     TEXT NOT NULL,
    parent    TEXT NOT NULL DEFAULT '',
    region    TEXT NOT NULL,
    slug      TEXT NOT NULL
);
CREATE INDEX places_parent ON places (parent);

CREATE TABLE documents (
    id               INTEGER PRIMARY KEY,
    kind             TEXT    NOT NULL,
    place_code       TEXT    NOT NULL DEFAULT '',
    province         TEXT    NOT NULL DEFAULT '', -- first two digits of place_code
    place            TEXT    NOT NULL DEFAULT '', -- full name
    level            TEXT    NOT NULL DEFAULT '',
    region           TEXT    NOT NULL,
    year             INTEGER NOT NULL DEFAULT 0,
    date             TEXT    NOT NULL DEFAULT '',
    title            TEXT    NOT NULL,
    script           TEXT    NOT NULL DEFAULT 'simplified',
    issuer           TEXT    NOT NULL DEFAULT '',
    session          TEXT    NOT NULL DEFAULT '',
    speaker          TEXT    NOT NULL DEFAULT '',
    place_candidates TEXT    NOT NULL DEFAULT '', -- comma-separated codes when the place is ambiguous
    encoding         TEXT    NOT NULL DEFAULT '',
    flagged          INTEGER NOT NULL DEFAULT 0,
    body             TEXT    NOT NULL,
    outline          TEXT    NOT NULL DEFAULT '[]', -- JSON array of headings
    sha256           TEXT    NOT NULL UNIQUE,
    simhash          INTEGER NOT NULL,
    band0            INTEGER NOT NULL, -- the simhash's four 16-bit bands, for near-duplicate look-up
    band1            INTEGER NOT NULL,
    band2            INTEGER NOT NULL,
    band3            INTEGER NOT NULL,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX documents_latest ON documents (year DESC, id DESC);
CREATE INDEX documents_kind_region ON documents (kind, region, year DESC, id DESC);
CREATE INDEX documents_place ON documents (place_code, kind, year);
CREATE INDEX documents_province ON documents (province, year DESC, id DESC);
CREATE INDEX documents_band0 ON documents (band0);
CREATE INDEX documents_band1 ON documents (band1);
CREATE INDEX documents_band2 ON documents (band2);
CREATE INDEX documents_band3 ON documents (band3);

CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    url         TEXT    NOT NULL DEFAULT '',
    file        TEXT    NOT NULL DEFAULT '',
    fetched_at  TEXT    NOT NULL DEFAULT '',
    sha256      TEXT    NOT NULL UNIQUE, -- of the raw bytes
    encoding    TEXT    NOT NULL DEFAULT '',
    script      TEXT    NOT NULL DEFAULT '',
    imported_at TEXT    NOT NULL
);
CREATE INDEX sources_document ON sources (document_id);

CREATE TABLE targets (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    indicator   TEXT    NOT NULL,
    label       TEXT    NOT NULL DEFAULT '',
    value       REAL    NOT NULL,
    value_high  REAL,
    stretch     REAL,
    unit        TEXT    NOT NULL DEFAULT '',
    qualifier   TEXT    NOT NULL DEFAULT 'exact',
    words       TEXT    NOT NULL DEFAULT '', -- "|"-separated
    year        INTEGER NOT NULL DEFAULT 0,
    text        TEXT    NOT NULL DEFAULT '',
    span_start  INTEGER NOT NULL DEFAULT 0,
    span_end    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX targets_indicator ON targets (indicator, year);

CREATE TABLE outcomes (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    indicator   TEXT    NOT NULL,
    label       TEXT    NOT NULL DEFAULT '',
    value       REAL    NOT NULL,
    unit        TEXT    NOT NULL DEFAULT '',
    year        INTEGER, -- NULL when the text does not tell
    vintage     TEXT    NOT NULL DEFAULT '',
    basis       TEXT    NOT NULL DEFAULT '',
    bound       TEXT    NOT NULL DEFAULT '',
    text        TEXT    NOT NULL DEFAULT '',
    span_start  INTEGER NOT NULL DEFAULT 0,
    span_end    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX outcomes_indicator ON outcomes (indicator, year);

CREATE TABLE goals (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    subject     TEXT    NOT NULL DEFAULT '',
    metric      TEXT    NOT NULL DEFAULT '',
    value       REAL    NOT NULL,
    unit        TEXT    NOT NULL DEFAULT '',
    year        INTEGER,
    text        TEXT    NOT NULL DEFAULT '',
    span_start  INTEGER NOT NULL DEFAULT 0,
    span_end    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, seq)
);

CREATE TABLE projects (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    action      TEXT    NOT NULL DEFAULT '',
    investment  REAL,
    unit        TEXT    NOT NULL DEFAULT '',
    text        TEXT    NOT NULL DEFAULT '',
    span_start  INTEGER NOT NULL DEFAULT 0,
    span_end    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, seq)
);
