-- A change of a document's assessment is a change of the document in the
-- change log (0009), as SQLite's 0015.
CREATE TRIGGER assessments_change AFTER INSERT OR UPDATE OR DELETE ON assessments
    FOR EACH ROW EXECUTE FUNCTION belonging_change();
