-- SQLite: the rollup refresher reads new check-ins straight from `checkins` by id (a single writer
-- commits ids in order, so "id above the last one read" misses nothing), which spares every
-- check-in — the busiest write — a change row and the refresher a delete of thousands of them.
-- Deleting a check-in (never done by the application) still leaves a change row, now with the id:
-- SQLite hands the newest id out again once its row is gone, so the refresher reads again from
-- below it.
DROP TRIGGER checkins_rollup_insert;
ALTER TABLE rollup_changes ADD COLUMN row_id BIGINT;
DROP TRIGGER checkins_rollup_delete;
CREATE TRIGGER checkins_rollup_delete AFTER DELETE ON checkins BEGIN
  INSERT INTO rollup_changes(source, region_code, day, row_id) VALUES ('checkins', OLD.village_code, OLD.day, OLD.id);
END;

-- The token of the rollup snapshot file that matches this database (rollup_snapshot.h): at most
-- one row, written after the file is in place, deleted whenever change rows are applied.
CREATE TABLE rollup_snapshot (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  token     TEXT NOT NULL,
  saved_at  BIGINT NOT NULL
);
