-- A counter that every change to the archive's documents increments, so
-- that rendered pages can be cached until the data they show changes.
CREATE TABLE archive_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO archive_version (id, version) VALUES (1, 1);

CREATE TRIGGER documents_insert_version AFTER INSERT ON documents BEGIN
    UPDATE archive_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER documents_update_version AFTER UPDATE ON documents BEGIN
    UPDATE archive_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER documents_delete_version AFTER DELETE ON documents BEGIN
    UPDATE archive_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER sources_insert_version AFTER INSERT ON sources BEGIN
    UPDATE archive_version SET version = version + 1 WHERE id = 1;
END;
