-- One row that /healthz writes, to know that the archive can be written
-- (a read-only file, a full disk and a schema that is not this build's all
-- fail a write, not a read).
CREATE TABLE health (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at TEXT    NOT NULL
);
INSERT INTO health (id, checked_at) VALUES (1, '');
