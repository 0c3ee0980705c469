-- The full-text search index (internal/search tokens, search_index.go):
-- an inverted index of our own, written in segments. Every transaction that
-- indexes documents writes a new segment (so concurrent writers never touch
-- the same rows); segments of a size are merged into bigger ones, as in any
-- log-structured index.

-- A segment never changes once written: processes keep its table of
-- documents (keys and lengths) in memory, known by id and nonce (the nonce
-- tells a segment apart from one of the same id in a restored backup).
CREATE TABLE search_segments (
    id        bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nonce     bigint  NOT NULL DEFAULT (random() * 9e18)::bigint,
    tier      integer NOT NULL, -- size class: ⌊log₈ documents⌋
    documents integer NOT NULL
);

-- One row per segment, token and block of at most 128 documents by
-- ascending id; what docs and positions hold is in postings.go. Tokens:
-- bigrams and final runes (positional), "\x01" and a rune (the rune's level),
-- "\x02" and a tag, "\x03" (every document: length and sort key).
CREATE TABLE search_postings (
    token     text COLLATE "C" NOT NULL,
    segment   bigint  NOT NULL,
    block     integer NOT NULL,
    docs      bytea   NOT NULL,
    positions bytea,
    PRIMARY KEY (segment, token, block)
);
-- Positions are read only for the blocks a phrase needs; uncompressed, a
-- block's positions are read without decompressing anything else.
ALTER TABLE search_postings ALTER COLUMN positions SET STORAGE EXTERNAL;

-- Each indexed document: its sort key, the segment holding its postings, its
-- body's length in word runes, whether its body has characters that fold to
-- others.
CREATE TABLE search_docs (
    document_id bigint  PRIMARY KEY REFERENCES documents (id), -- unindex before deleting a document
    key         bigint  NOT NULL,
    segment     bigint  NOT NULL,
    length      integer NOT NULL,
    folds       boolean NOT NULL
);
CREATE INDEX search_docs_segment ON search_docs (segment);

-- Postings of documents since unindexed (changed or deleted), until the
-- merge that drops them.
CREATE TABLE search_dead (
    segment     bigint NOT NULL,
    document_id bigint NOT NULL,
    PRIMARY KEY (segment, document_id)
);

-- The version of the tokens and levels (search.IndexVersion), of this
-- index's encoding, and the number of documents indexed.
CREATE TABLE search_state (
    id        integer PRIMARY KEY CHECK (id = 1),
    version   integer NOT NULL,
    format    integer NOT NULL,
    documents bigint  NOT NULL
);
INSERT INTO search_state (id, version, format, documents) VALUES (1, 1, 1, 0);
