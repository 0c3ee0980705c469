-- Documents counted by kind, region, province and year, kept by triggers: a
-- listing's year and province choices and its total read these few rows
-- instead of every document of the kind (5 ms for /baogao/ at 20,000
-- documents, growing with the archive, before this table).
CREATE TABLE facet_counts (
    kind     TEXT    NOT NULL,
    region   TEXT    NOT NULL,
    province TEXT    NOT NULL,
    year     INTEGER NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (kind, region, province, year)
) WITHOUT ROWID;
INSERT INTO facet_counts (kind, region, province, year, n)
    SELECT kind, region, province, year, count(*) FROM documents GROUP BY kind, region, province, year;

CREATE TRIGGER documents_insert_facets AFTER INSERT ON documents BEGIN
    INSERT INTO facet_counts (kind, region, province, year, n) VALUES (NEW.kind, NEW.region, NEW.province, NEW.year, 1)
        ON CONFLICT (kind, region, province, year) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER documents_delete_facets AFTER DELETE ON documents BEGIN
    UPDATE facet_counts SET n = n - 1
        WHERE kind = OLD.kind AND region = OLD.region AND province = OLD.province AND year = OLD.year;
END;
CREATE TRIGGER documents_update_facets AFTER UPDATE OF kind, region, province, year ON documents BEGIN
    UPDATE facet_counts SET n = n - 1
        WHERE kind = OLD.kind AND region = OLD.region AND province = OLD.province AND year = OLD.year;
    INSERT INTO facet_counts (kind, region, province, year, n) VALUES (NEW.kind, NEW.region, NEW.province, NEW.year, 1)
        ON CONFLICT (kind, region, province, year) DO UPDATE SET n = n + 1;
END;
