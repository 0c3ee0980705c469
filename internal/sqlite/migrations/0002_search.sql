-- The full-text search index (internal/search): contentless FTS5 tables of
-- tokens made in Go, keyed by each document's sort key (year, date, id), so
-- that hits come out newest first. Documents already stored are indexed when
-- the store opens (see indexMissing).

-- Overlapping bigrams of body and title, with positions, for phrases and
-- counts; and the filter tags (kind, region, level, place prefixes).
CREATE VIRTUAL TABLE search_text USING fts5(body, title, tags,
    content = '', contentless_delete = 1, tokenize = "ascii tokenchars '.%'");

-- Each distinct rune and bigram of a document, in one row per impact level,
-- keyed by (level, sort key), each row with the document's tags: reading a
-- term's rows by descending key reads the best documents first.
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
-- can tell they see the same index), and the median key (where a search
-- splits its work between two connections).
CREATE TABLE search_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    version    INTEGER NOT NULL,
    documents  INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    median     INTEGER NOT NULL
);
INSERT INTO search_state (id, version, documents, generation, median) VALUES (1, 1, 0, 0, 0);

-- Bulk loads write big segments and merge them rarely: a 64 MB in-memory
-- buffer of pending tokens (a batch of documents becomes one segment rather
-- than one per megabyte), and merges of 8 segments at a time.
INSERT INTO search_text (search_text, rank) VALUES ('hashsize', 67108864);
INSERT INTO search_terms (search_terms, rank) VALUES ('hashsize', 67108864);
INSERT INTO search_text (search_text, rank) VALUES ('automerge', 8);
INSERT INTO search_terms (search_terms, rank) VALUES ('automerge', 8);
