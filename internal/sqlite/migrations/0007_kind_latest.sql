-- A kind's listing without a region (/baogao/) is ordered by year and id:
-- without this index SQLite read and sorted every document of the kind to
-- show twenty.
CREATE INDEX documents_kind_latest ON documents (kind, year DESC, id DESC);
