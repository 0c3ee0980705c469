-- Every change of the archive's version is announced to the processes
-- serving it (LISTEN baogao_version; the payload is the schema and the new
-- version), so that they keep the version in memory instead of reading it
-- for every page, and drop their cached pages when it changes.
CREATE FUNCTION announce_version() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM pg_notify('baogao_version', current_schema() || ' ' || NEW.version);
    RETURN NULL;
END $$;
CREATE TRIGGER archive_version_announce AFTER UPDATE ON archive_version
    FOR EACH ROW EXECUTE FUNCTION announce_version();
