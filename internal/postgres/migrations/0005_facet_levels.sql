-- Facet counts by prefecture and level as well (as SQLite's migration
-- 0010): listings and the place index filter and count by province,
-- prefecture, level and year, every choice showing how many documents it
-- would leave, without reading the documents table. prefecture is the
-- first four digits of a place code below a province ('' for a province
-- or no place).
CREATE FUNCTION prefecture_of(code text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN length(code) = 6 AND substr(code, 3, 4) <> '0000' THEN substr(code, 1, 4) ELSE '' END
$$;

DROP TABLE facet_counts;
CREATE TABLE facet_counts (
    kind       text    NOT NULL,
    region     text    NOT NULL,
    province   text    NOT NULL,
    prefecture text    NOT NULL,
    level      text    NOT NULL,
    year       integer NOT NULL,
    n          bigint  NOT NULL,
    PRIMARY KEY (kind, region, province, prefecture, level, year)
);
INSERT INTO facet_counts (kind, region, province, prefecture, level, year, n)
    SELECT kind, region, province, prefecture_of(place_code), level, year, count(*)
    FROM documents GROUP BY 1, 2, 3, 4, 5, 6;

CREATE OR REPLACE FUNCTION count_documents() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    delta text := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT kind, region, province, place_code, level, year, flagged, 1 AS d FROM new_rows'
        WHEN 'DELETE' THEN 'SELECT kind, region, province, place_code, level, year, flagged, -1 AS d FROM old_rows'
        ELSE 'SELECT kind, region, province, place_code, level, year, flagged, 1 AS d FROM new_rows
              UNION ALL SELECT kind, region, province, place_code, level, year, flagged, -1 FROM old_rows' END;
BEGIN
    EXECUTE 'WITH delta AS (' || delta || '),
        kinds AS (INSERT INTO archive_counts (name, n)
            SELECT ''kind:'' || kind, sum(d) FROM delta GROUP BY kind HAVING sum(d) <> 0
            ON CONFLICT (name) DO UPDATE SET n = archive_counts.n + EXCLUDED.n),
        flagged AS (UPDATE archive_counts SET n = n + (SELECT sum(d) FROM delta WHERE flagged)
            WHERE name = ''flagged'' AND EXISTS (SELECT 1 FROM delta WHERE flagged))
        INSERT INTO facet_counts (kind, region, province, prefecture, level, year, n)
            SELECT kind, region, province, prefecture_of(place_code), level, year, sum(d) FROM delta
            GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0
            ON CONFLICT (kind, region, province, prefecture, level, year) DO UPDATE SET n = facet_counts.n + EXCLUDED.n';
    RETURN NULL;
END $$;
