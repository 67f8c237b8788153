-- PostgreSQL keeps the check-in trigger of 0013: ids from a sequence are handed out before commit,
-- so a transaction can commit a smaller id after a larger one was read, and reading by id could
-- miss it; the change rows carry no such gap. The column SQLite's delete trigger fills is added
-- here too so both kinds keep one schema (db copy).
ALTER TABLE rollup_changes ADD COLUMN row_id BIGINT;

-- The token of the rollup snapshot file that matches this database (rollup_snapshot.h): at most
-- one row, written after the file is in place, deleted whenever change rows are applied.
CREATE TABLE rollup_snapshot (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  token     TEXT NOT NULL,
  saved_at  BIGINT NOT NULL
);
