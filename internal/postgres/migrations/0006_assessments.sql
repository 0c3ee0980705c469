-- How much of a document its text is (full, excerpt, news) and what is
-- wrong with it (spam, rewritten, no_place, comma-separated): decided by
-- ingest from the text, correctable by an operator (Store.SetAssessment).
-- A table of its own as in SQLite (migration 0011), so both stores copy
-- the same tables.
CREATE TABLE assessments (
    document_id  bigint PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    completeness text   NOT NULL DEFAULT '',
    quality      text   NOT NULL DEFAULT ''
);
CREATE TRIGGER assessments_version AFTER INSERT OR UPDATE OR DELETE ON assessments
    FOR EACH STATEMENT EXECUTE FUNCTION archive_changed();
