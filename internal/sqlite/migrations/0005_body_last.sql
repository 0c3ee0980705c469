-- The body is most of a document's row. Stored in the middle of the row, it
-- made every read of a later column (sha256, simhash, the dates: every
-- listing) walk the body's overflow pages, ~15 µs a row. The outline and
-- then the body now end the row; the table is rewritten once.
ALTER TABLE documents ADD COLUMN outline_last TEXT NOT NULL DEFAULT '[]';
ALTER TABLE documents ADD COLUMN body_last TEXT NOT NULL DEFAULT '';
UPDATE documents SET outline_last = outline, body_last = body;
ALTER TABLE documents DROP COLUMN outline;
ALTER TABLE documents DROP COLUMN body;
ALTER TABLE documents RENAME COLUMN outline_last TO outline;
ALTER TABLE documents RENAME COLUMN body_last TO body;
