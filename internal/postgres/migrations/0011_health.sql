-- One row that /healthz writes, to know that the archive can be written
-- (a read-only server, a full disk and a schema that is not this build's
-- all fail a write, not a read).
CREATE TABLE health (
    id         integer PRIMARY KEY CHECK (id = 1),
    checked_at timestamptz
);
INSERT INTO health (id) VALUES (1);
