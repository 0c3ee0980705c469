-- The change log, as SQLite's 0014: every change that pages may show, with
-- the document's kind, region, place and year, written by triggers in the
-- changing transaction; the latest 10,000 are kept. (A LISTEN/NOTIFY on
-- it can wake servers; they read it either way.)
CREATE TABLE changes (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id bigint  NOT NULL,
    kind        text    NOT NULL DEFAULT '',
    region      text    NOT NULL DEFAULT '',
    place_code  text    NOT NULL DEFAULT '',
    year        integer NOT NULL DEFAULT 0,
    at          timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION document_change() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO changes (document_id, kind, region, place_code, year) VALUES (OLD.id, OLD.kind, OLD.region, OLD.place_code, OLD.year);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW.kind, NEW.region, NEW.place_code, NEW.year) IS DISTINCT FROM (OLD.kind, OLD.region, OLD.place_code, OLD.year)) THEN
        INSERT INTO changes (document_id, kind, region, place_code, year) VALUES (NEW.id, NEW.kind, NEW.region, NEW.place_code, NEW.year);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER documents_change AFTER INSERT OR UPDATE OR DELETE ON documents FOR EACH ROW EXECUTE FUNCTION document_change();

-- What belongs to a document: its sources and published comments.
CREATE FUNCTION belonging_change() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    doc bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN
        doc := OLD.document_id;
    ELSE
        doc := NEW.document_id;
    END IF;
    IF TG_TABLE_NAME = 'comments' THEN
        IF NOT ((TG_OP <> 'INSERT' AND OLD.status = 'published') OR (TG_OP <> 'DELETE' AND NEW.status = 'published')) THEN
            RETURN NULL;
        END IF;
    END IF;
    INSERT INTO changes (document_id, kind, region, place_code, year)
        SELECT id, kind, region, place_code, year FROM documents WHERE id = doc;
    RETURN NULL;
END $$;
CREATE TRIGGER sources_change AFTER INSERT OR DELETE ON sources FOR EACH ROW EXECUTE FUNCTION belonging_change();
CREATE TRIGGER comments_change AFTER INSERT OR UPDATE OF status, text, name OR DELETE ON comments FOR EACH ROW EXECUTE FUNCTION belonging_change();

CREATE FUNCTION prune_changes() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - 10000;
    RETURN NULL;
END $$;
CREATE TRIGGER changes_prune AFTER INSERT ON changes FOR EACH STATEMENT EXECUTE FUNCTION prune_changes();
