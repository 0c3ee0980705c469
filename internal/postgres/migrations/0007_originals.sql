-- What a reader needs to trust a source fetched from the web (the URL it
-- led to after redirects, the HTTP status and content type, its size), and
-- the original bytes of every source, compressed, so that documents can be
-- recognised again from them (reextract --recognise): as SQLite's 0012.
ALTER TABLE sources ADD COLUMN final_url text NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN status integer NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN content_type text NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN size bigint NOT NULL DEFAULT 0;

-- Keyed by the hash of the bytes (sources.sha256), so that a trashed
-- document's originals stay until it is purged. codec: 'zstd'.
CREATE TABLE source_originals (
    sha256 text  PRIMARY KEY,
    codec  text  NOT NULL,
    data   bytea NOT NULL
);

-- A source deleted with its document goes with its original, unless the
-- document went to the trash (trash is written before the delete).
CREATE FUNCTION delete_original() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM trash WHERE id = OLD.document_id) THEN
        DELETE FROM source_originals WHERE sha256 = OLD.sha256;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER sources_delete_original AFTER DELETE ON sources FOR EACH ROW EXECUTE FUNCTION delete_original();

-- A purged document's originals go with it.
CREATE FUNCTION purge_originals() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM source_originals WHERE sha256 IN (
        SELECT s->>'sha256' FROM jsonb_array_elements(coalesce(OLD.document::jsonb->'sources', '[]'::jsonb)) AS s)
      AND sha256 NOT IN (SELECT sha256 FROM sources);
    RETURN NULL;
END $$;
CREATE TRIGGER trash_delete_originals AFTER DELETE ON trash FOR EACH ROW EXECUTE FUNCTION purge_originals();
