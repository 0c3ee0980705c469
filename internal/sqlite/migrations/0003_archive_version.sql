-- A counter that every change to the archive's documents increments, with
-- the time of the change, so that rendered pages can be cached (and
-- answered with 304 Not Modified) until the data they show changes.
CREATE TABLE archive_version (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    version    INTEGER NOT NULL,
    changed_at TEXT    NOT NULL
);
INSERT INTO archive_version (id, version, changed_at) VALUES (1, 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

CREATE TRIGGER documents_insert_version AFTER INSERT ON documents BEGIN
    UPDATE archive_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER documents_update_version AFTER UPDATE ON documents BEGIN
    UPDATE archive_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER documents_delete_version AFTER DELETE ON documents BEGIN
    UPDATE archive_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER sources_insert_version AFTER INSERT ON sources BEGIN
    UPDATE archive_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = 1;
END;
