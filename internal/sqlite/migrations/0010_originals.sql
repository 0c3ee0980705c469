-- What a reader needs to trust a source fetched from the web (the URL it
-- led to after redirects, the HTTP status and content type, its size), and
-- the original bytes of every source, compressed, so that documents can be
-- recognised again from them (reextract --recognise) without fetching.
ALTER TABLE sources ADD COLUMN final_url TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN status INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN content_type TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN size INTEGER NOT NULL DEFAULT 0;

-- A table of its own, so that reading a document's sources never touches
-- the bytes. codec is how data is compressed ('zstd').
CREATE TABLE source_originals (
    source_id INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
    codec     TEXT    NOT NULL,
    data      BLOB    NOT NULL
);
