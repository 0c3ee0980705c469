-- What a reader needs to trust a source fetched from the web (the URL it
-- led to after redirects, the HTTP status and content type, its size), and
-- the original bytes of every source, compressed, so that documents can be
-- recognised again from them (reextract --recognise) without fetching.
ALTER TABLE sources ADD COLUMN final_url TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN status INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN content_type TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN size INTEGER NOT NULL DEFAULT 0;

-- A table of its own, so that reading a document's sources never touches
-- the bytes, keyed by the hash of the bytes (sources.sha256) rather than
-- by the source row, so that a trashed document's originals stay until it
-- is purged. codec is how data is compressed ('zstd').
CREATE TABLE source_originals (
    sha256 TEXT PRIMARY KEY,
    codec  TEXT NOT NULL,
    data   BLOB NOT NULL
);

-- A source deleted with its document goes with its original, unless the
-- document went to the trash (trash is written before the delete).
CREATE TRIGGER sources_delete_original AFTER DELETE ON sources
WHEN NOT EXISTS (SELECT 1 FROM trash WHERE id = OLD.document_id)
BEGIN
    DELETE FROM source_originals WHERE sha256 = OLD.sha256;
END;

-- A purged document's originals go with it.
CREATE TRIGGER trash_delete_originals AFTER DELETE ON trash BEGIN
    DELETE FROM source_originals WHERE sha256 IN (
        SELECT json_extract(value, '$.sha256') FROM json_each(OLD.document, '$.sources'))
      AND sha256 NOT IN (SELECT sha256 FROM sources);
END;
