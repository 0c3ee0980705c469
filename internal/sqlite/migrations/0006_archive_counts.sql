-- The counts the home page, the feed and /metrics show, kept by triggers so
-- that reading them does not scan the archive (at 100,000 documents the
-- scans made every uncached home page cost tens of milliseconds).
CREATE TABLE archive_counts (
    name TEXT    PRIMARY KEY, -- 'kind:<kind>', 'sources' or 'flagged'
    n    INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO archive_counts (name, n) SELECT 'kind:' || kind, count(*) FROM documents GROUP BY kind;
INSERT INTO archive_counts (name, n) SELECT 'sources', count(*) FROM sources;
INSERT INTO archive_counts (name, n) SELECT 'flagged', count(*) FROM documents WHERE flagged;

CREATE TRIGGER documents_insert_counts AFTER INSERT ON documents BEGIN
    INSERT INTO archive_counts (name, n) VALUES ('kind:' || NEW.kind, 1)
        ON CONFLICT (name) DO UPDATE SET n = n + 1;
    UPDATE archive_counts SET n = n + 1 WHERE name = 'flagged' AND NEW.flagged;
END;
CREATE TRIGGER documents_delete_counts AFTER DELETE ON documents BEGIN
    UPDATE archive_counts SET n = n - 1 WHERE name = 'kind:' || OLD.kind;
    UPDATE archive_counts SET n = n - 1 WHERE name = 'flagged' AND OLD.flagged;
END;
CREATE TRIGGER documents_update_counts AFTER UPDATE OF kind, flagged ON documents BEGIN
    UPDATE archive_counts SET n = n - 1 WHERE name = 'kind:' || OLD.kind;
    INSERT INTO archive_counts (name, n) VALUES ('kind:' || NEW.kind, 1)
        ON CONFLICT (name) DO UPDATE SET n = n + 1;
    UPDATE archive_counts SET n = n - (OLD.flagged != 0) + (NEW.flagged != 0) WHERE name = 'flagged';
END;
CREATE TRIGGER sources_insert_counts AFTER INSERT ON sources BEGIN
    UPDATE archive_counts SET n = n + 1 WHERE name = 'sources';
END;
CREATE TRIGGER sources_delete_counts AFTER DELETE ON sources BEGIN
    UPDATE archive_counts SET n = n - 1 WHERE name = 'sources';
END;
