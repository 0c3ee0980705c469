-- Readers' comments and what keeps them safe (captchas, rate counters,
-- blocked clients), operator accounts and sessions, the audit log, settings,
-- operators' corrections, trashed documents and import runs. Everything that
-- server processes must share lives here, not in one process's memory.

-- Comments outlive their document's deletion (trash) until it is purged, so
-- document_id has no foreign key.
CREATE TABLE comments (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL,
    parent_id    INTEGER NOT NULL DEFAULT 0,
    name         TEXT    NOT NULL DEFAULT '',
    text         TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    held         TEXT    NOT NULL DEFAULT '',
    client_hash  TEXT    NOT NULL DEFAULT '',
    created_at   TEXT    NOT NULL,
    moderated_at TEXT    NOT NULL DEFAULT '',
    moderated_by TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX comments_document ON comments (document_id, status, id);
CREATE INDEX comments_status ON comments (status, id);
CREATE INDEX comments_client ON comments (client_hash, id);

-- A published comment changes the document page: pages cached by version
-- must be rebuilt.
CREATE TRIGGER comments_insert_version AFTER INSERT ON comments WHEN NEW.status = 'published' BEGIN
    UPDATE archive_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER comments_update_version AFTER UPDATE OF status, text, name ON comments
    WHEN OLD.status = 'published' OR NEW.status = 'published' BEGIN
    UPDATE archive_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER comments_delete_version AFTER DELETE ON comments WHEN OLD.status = 'published' BEGIN
    UPDATE archive_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = 1;
END;

CREATE TABLE captchas (
    id         TEXT PRIMARY KEY,
    answer     TEXT NOT NULL,
    expires_at TEXT NOT NULL
) WITHOUT ROWID;

-- Fixed-window counters: hits of key in the window starting at window_start
-- (Unix seconds).
CREATE TABLE rate_counters (
    key          TEXT    NOT NULL,
    window_start INTEGER NOT NULL,
    hits         INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    PRIMARY KEY (key, window_start)
) WITHOUT ROWID;

CREATE TABLE blocked_clients (
    client_hash TEXT PRIMARY KEY,
    until       TEXT NOT NULL,
    blocked_by  TEXT NOT NULL DEFAULT '',
    blocked_at  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL,
    last_login    TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE sessions (
    id         TEXT    PRIMARY KEY, -- hex SHA-256 of the cookie's token
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf       TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);

CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Operators' corrections; kept when the document is trashed.
CREATE TABLE overrides (
    document_id INTEGER NOT NULL,
    field       TEXT    NOT NULL,
    key         TEXT    NOT NULL DEFAULT '',
    value       TEXT    NOT NULL,
    set_by      TEXT    NOT NULL DEFAULT '',
    set_at      TEXT    NOT NULL,
    PRIMARY KEY (document_id, field, key)
) WITHOUT ROWID;
ALTER TABLE targets ADD COLUMN corrected INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outcomes ADD COLUMN corrected INTEGER NOT NULL DEFAULT 0;

-- A trashed document: the whole of it as JSON (baogao.Document with its
-- sources, extraction and overrides), restorable under its id.
CREATE TABLE trash (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    kind       TEXT NOT NULL,
    year       INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    simhash    INTEGER NOT NULL,
    document   TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    deleted_by TEXT NOT NULL DEFAULT ''
);

CREATE TABLE import_runs (
    id         INTEGER PRIMARY KEY,
    command    TEXT    NOT NULL,
    started    TEXT    NOT NULL,
    finished   TEXT    NOT NULL,
    imported   INTEGER NOT NULL,
    duplicates INTEGER NOT NULL,
    failed     INTEGER NOT NULL,
    errors     TEXT    NOT NULL DEFAULT '[]' -- JSON array of {file, reason}
);
