-- How much of a document its text is (full, excerpt, news) and what is
-- wrong with it (spam, rewritten, no_place, comma-separated): decided by
-- ingest from the text, correctable by an operator (Store.SetAssessment).
-- A table of its own, not columns of documents: columns added to documents
-- would come after the body, and listings, which show them, would walk
-- every body's overflow pages. Documents stored before this migration
-- have no row until re-extracted.
CREATE TABLE assessments (
    document_id  INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    completeness TEXT    NOT NULL DEFAULT '',
    quality      TEXT    NOT NULL DEFAULT ''
);
CREATE TRIGGER assessments_insert_version AFTER INSERT ON assessments BEGIN
    UPDATE archive_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER assessments_update_version AFTER UPDATE ON assessments BEGIN
    UPDATE archive_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = 1;
END;
