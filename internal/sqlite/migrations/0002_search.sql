-- The full-text search index (internal/search): contentless FTS5 tables of
-- tokens made in Go (docs/search.md). Documents already stored are indexed
-- when the store opens (see indexMissing).

-- Overlapping bigrams of body and title, with positions, for phrases and
-- counts, and the tags (kind, region, level, year, place prefixes, length
-- level: see search.LengthTag); keyed by each document's sort key (year,
-- date, id), so that hits come out newest first.
CREATE VIRTUAL TABLE search_text USING fts5(body, title, tags,
    content = '', contentless_delete = 1, tokenize = "ascii tokenchars '.%'");

-- The runes of a document and the bigrams it has more than once, in one row
-- per impact level keyed by (level, sort key), each row with the document's
-- tags: reading a term's rows by descending key reads the best documents
-- first.
CREATE VIRTUAL TABLE search_terms USING fts5(terms,
    content = '', contentless_delete = 1, detail = none, tokenize = "ascii tokenchars '.%'");

-- Each indexed document's sort key, the levels of its rows of terms (a bit
-- mask: bit l-1 for level l), its body's length in word runes, and whether
-- its body has characters that fold to others (traditional forms).
CREATE TABLE search_docs (
    document_id INTEGER PRIMARY KEY REFERENCES documents (id), -- unindex before deleting a document
    key         INTEGER NOT NULL UNIQUE,
    levels      INTEGER NOT NULL,
    length      INTEGER NOT NULL,
    folds       INTEGER NOT NULL
);

-- The index's format version (search.IndexVersion), document count, a
-- number that every change of the index increments (so that connections
-- can tell they see the same index), the median key (where a search splits
-- its work between two connections), and the length levels documents have
-- (see search.LengthTag; a bit mask: bit l-1 for level l; bits are set, not
-- cleared, when documents go).
CREATE TABLE search_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    version       INTEGER NOT NULL,
    documents     INTEGER NOT NULL,
    generation    INTEGER NOT NULL,
    median        INTEGER NOT NULL,
    length_levels INTEGER NOT NULL
);
INSERT INTO search_state (id, version, documents, generation, median, length_levels) VALUES (1, 1, 0, 0, 0, 0);

-- Bulk loads write big segments and merge them rarely: up to 256 MB of
-- pending tokens are kept in memory before they are written as a segment
-- (FTS5's default is 1 MB: a segment for every few documents, merged again
-- and again; only a transaction of thousands of documents comes near the
-- buffer's size), and segments merge 16 at a time rather than 4. Measured
-- on 50,000 generated documents loaded 4,096 at a time: merging 8 at a time
-- costs 14% more time to build, and searches are no faster (docs/search.md).
-- Reindex merges everything into one segment.
INSERT INTO search_text (search_text, rank) VALUES ('hashsize', 268435456);
INSERT INTO search_terms (search_terms, rank) VALUES ('hashsize', 268435456);
INSERT INTO search_text (search_text, rank) VALUES ('automerge', 16);
INSERT INTO search_terms (search_terms, rank) VALUES ('automerge', 16);
