-- A document's assessment (completeness, quality flags) shows on its page
-- and in lists: a change of it is a change of the document in the change
-- log (0014), so that only the pages showing it are rebuilt.
CREATE TRIGGER assessments_insert_change AFTER INSERT ON assessments BEGIN
    INSERT INTO changes (document_id, kind, region, place_code, year)
        SELECT id, kind, region, place_code, year FROM documents WHERE id = NEW.document_id;
END;
CREATE TRIGGER assessments_update_change AFTER UPDATE ON assessments BEGIN
    INSERT INTO changes (document_id, kind, region, place_code, year)
        SELECT id, kind, region, place_code, year FROM documents WHERE id = NEW.document_id;
END;
