-- Searches by relevance rank the texts flagged to the reader (decoded
-- badly, or with a quality flag) after clean ones, and read their ids
-- first: two partial indexes hold just those.
CREATE INDEX assessments_flagged ON assessments (document_id) WHERE quality <> '';
CREATE INDEX documents_flagged ON documents (id) WHERE flagged;
