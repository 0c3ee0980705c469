-- Targets and outcomes across documents (Store.EachTarget, EachOutcome) of
-- the places under one place: the documents of the places first (by
-- documents_place), then each document's figures of one indicator and
-- years, without reading its other figures.
CREATE INDEX targets_document_indicator ON targets (document_id, indicator, year);
CREATE INDEX outcomes_document_indicator ON outcomes (document_id, indicator, year);
