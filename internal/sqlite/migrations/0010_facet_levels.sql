-- Facet counts by prefecture and level as well: listings and the place
-- index filter and count by province, prefecture, level and year, and
-- every choice shows how many documents it would leave (cross-filtered
-- facets) without reading the documents table. prefecture is the first
-- four digits of a place code below a province ('' for a province or no
-- place).
DROP TRIGGER documents_insert_facets;
DROP TRIGGER documents_delete_facets;
DROP TRIGGER documents_update_facets;
DROP TABLE facet_counts;

CREATE TABLE facet_counts (
    kind       TEXT    NOT NULL,
    region     TEXT    NOT NULL,
    province   TEXT    NOT NULL,
    prefecture TEXT    NOT NULL,
    level      TEXT    NOT NULL,
    year       INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (kind, region, province, prefecture, level, year)
) WITHOUT ROWID;
INSERT INTO facet_counts (kind, region, province, prefecture, level, year, n)
    SELECT kind, region, province,
        CASE WHEN length(place_code) = 6 AND substr(place_code, 3, 4) != '0000' THEN substr(place_code, 1, 4) ELSE '' END,
        level, year, count(*)
    FROM documents GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TRIGGER documents_insert_facets AFTER INSERT ON documents BEGIN
    INSERT INTO facet_counts (kind, region, province, prefecture, level, year, n)
        VALUES (NEW.kind, NEW.region, NEW.province,
            CASE WHEN length(NEW.place_code) = 6 AND substr(NEW.place_code, 3, 4) != '0000' THEN substr(NEW.place_code, 1, 4) ELSE '' END,
            NEW.level, NEW.year, 1)
        ON CONFLICT (kind, region, province, prefecture, level, year) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER documents_delete_facets AFTER DELETE ON documents BEGIN
    UPDATE facet_counts SET n = n - 1
        WHERE kind = OLD.kind AND region = OLD.region AND province = OLD.province AND level = OLD.level AND year = OLD.year
        AND prefecture = CASE WHEN length(OLD.place_code) = 6 AND substr(OLD.place_code, 3, 4) != '0000' THEN substr(OLD.place_code, 1, 4) ELSE '' END;
END;
CREATE TRIGGER documents_update_facets AFTER UPDATE OF kind, region, province, place_code, level, year ON documents BEGIN
    UPDATE facet_counts SET n = n - 1
        WHERE kind = OLD.kind AND region = OLD.region AND province = OLD.province AND level = OLD.level AND year = OLD.year
        AND prefecture = CASE WHEN length(OLD.place_code) = 6 AND substr(OLD.place_code, 3, 4) != '0000' THEN substr(OLD.place_code, 1, 4) ELSE '' END;
    INSERT INTO facet_counts (kind, region, province, prefecture, level, year, n)
        VALUES (NEW.kind, NEW.region, NEW.province,
            CASE WHEN length(NEW.place_code) = 6 AND substr(NEW.place_code, 3, 4) != '0000' THEN substr(NEW.place_code, 1, 4) ELSE '' END,
            NEW.level, NEW.year, 1)
        ON CONFLICT (kind, region, province, prefecture, level, year) DO UPDATE SET n = n + 1;
END;
