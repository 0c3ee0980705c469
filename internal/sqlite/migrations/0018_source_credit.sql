-- The source a text names on its 来源 line ("来源：大众日报"), kept with
-- the source it was read from (Source.Credit).
ALTER TABLE sources ADD COLUMN credit TEXT NOT NULL DEFAULT '';
