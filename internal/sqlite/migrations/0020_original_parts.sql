-- An original of more than original.PartSize bytes (a page with an inline
-- image runs to tens of megabytes) is kept in parts, each a zstd frame of
-- its own (original.Parts): source_originals.data holds the first and
-- source_original_parts the rest, in order. Storing one never binds or
-- builds a row of the whole compressed file in SQLite's memory, which cost
-- three copies of it. An original of one part has no rows here; the ones
-- kept before this migration are all of one part.
CREATE TABLE source_original_parts (
    sha256 TEXT NOT NULL REFERENCES source_originals (sha256) ON DELETE CASCADE,
    seq    INTEGER NOT NULL,
    data   BLOB NOT NULL,
    PRIMARY KEY (sha256, seq)
);
