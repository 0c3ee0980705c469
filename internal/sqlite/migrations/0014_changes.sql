-- The change log: every change that pages may show, with the document's
-- kind, region, place and year, so that each server process drops from its
-- page cache only the pages the change touches (the document's own page,
-- the listings, place pages and related lists it appears in) — whichever
-- process made the change. Triggers write it in the changing transaction,
-- beside archive_version; the latest 10,000 changes are kept.
CREATE TABLE changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER NOT NULL,            -- 0: anything may have changed
    kind        TEXT    NOT NULL DEFAULT '',
    region      TEXT    NOT NULL DEFAULT '',
    place_code  TEXT    NOT NULL DEFAULT '',
    year        INTEGER NOT NULL DEFAULT 0,
    at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TRIGGER changes_prune AFTER INSERT ON changes BEGIN
    DELETE FROM changes WHERE seq <= NEW.seq - 10000;
END;

CREATE TRIGGER documents_insert_change AFTER INSERT ON documents BEGIN
    INSERT INTO changes (document_id, kind, region, place_code, year) VALUES (NEW.id, NEW.kind, NEW.region, NEW.place_code, NEW.year);
END;
CREATE TRIGGER documents_delete_change AFTER DELETE ON documents BEGIN
    INSERT INTO changes (document_id, kind, region, place_code, year) VALUES (OLD.id, OLD.kind, OLD.region, OLD.place_code, OLD.year);
END;
CREATE TRIGGER documents_update_change AFTER UPDATE ON documents BEGIN
    INSERT INTO changes (document_id, kind, region, place_code, year) VALUES (OLD.id, OLD.kind, OLD.region, OLD.place_code, OLD.year);
    INSERT INTO changes (document_id, kind, region, place_code, year)
        SELECT NEW.id, NEW.kind, NEW.region, NEW.place_code, NEW.year
        WHERE NEW.kind <> OLD.kind OR NEW.region <> OLD.region OR NEW.place_code <> OLD.place_code OR NEW.year <> OLD.year;
END;

-- What belongs to a document: its sources and published comments.
CREATE TRIGGER sources_insert_change AFTER INSERT ON sources BEGIN
    INSERT INTO changes (document_id, kind, region, place_code, year)
        SELECT id, kind, region, place_code, year FROM documents WHERE id = NEW.document_id;
END;
CREATE TRIGGER sources_delete_change AFTER DELETE ON sources BEGIN
    INSERT INTO changes (document_id, kind, region, place_code, year)
        SELECT id, kind, region, place_code, year FROM documents WHERE id = OLD.document_id;
END;
CREATE TRIGGER comments_insert_change AFTER INSERT ON comments WHEN NEW.status = 'published' BEGIN
    INSERT INTO changes (document_id, kind, region, place_code, year)
        SELECT id, kind, region, place_code, year FROM documents WHERE id = NEW.document_id;
END;
CREATE TRIGGER comments_update_change AFTER UPDATE OF status, text, name ON comments
    WHEN OLD.status = 'published' OR NEW.status = 'published' BEGIN
    INSERT INTO changes (document_id, kind, region, place_code, year)
        SELECT id, kind, region, place_code, year FROM documents WHERE id = NEW.document_id;
END;
CREATE TRIGGER comments_delete_change AFTER DELETE ON comments WHEN OLD.status = 'published' BEGIN
    INSERT INTO changes (document_id, kind, region, place_code, year)
        SELECT id, kind, region, place_code, year FROM documents WHERE id = OLD.document_id;
END;
