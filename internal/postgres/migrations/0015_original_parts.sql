-- An original of more than original.PartSize bytes (a page with an inline
-- image runs to tens of megabytes) is kept in parts, each a zstd frame of
-- its own (original.Parts): source_originals.data holds the first and
-- source_original_parts the rest, in order, as in the SQLite store, so
-- that no statement carries the whole compressed file and an archive
-- copies between the stores row for row. The originals kept before this
-- migration are all of one part.
CREATE TABLE source_original_parts (
    sha256 text    NOT NULL REFERENCES source_originals (sha256) ON DELETE CASCADE,
    seq    integer NOT NULL,
    data   bytea   NOT NULL,
    PRIMARY KEY (sha256, seq)
);
