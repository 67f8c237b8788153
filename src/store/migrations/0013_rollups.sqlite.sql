-- Real-time rollups (analytics/): every write to a table the rollups read leaves a row here in the
-- same transaction, naming the region (and the day, where the rollups keep days) it touched. The
-- server reads these rows, recomputes just that region and window from the records, and deletes
-- the rows it has applied, so writes from any process (the server, `zhenxing import`, a second
-- server) reach the rollups, and a crash between a write and its rollup loses nothing.
-- The division import writes one row itself (source 'regions') rather than one per region.
-- Also: user-defined indicators and indicator targets per region and year.

CREATE TABLE rollup_changes (
  id           ID_PK,
  source       TEXT NOT NULL,
  region_code  TEXT NOT NULL,
  day          TEXT
);

CREATE TABLE indicators (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  name_en     TEXT NOT NULL DEFAULT '',
  unit        TEXT NOT NULL DEFAULT '',
  direction   TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
  formula     TEXT NOT NULL,
  definition  TEXT NOT NULL DEFAULT '',
  created_by  TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);

-- A target applies to the region and everything below it, unless a nearer region has its own.
CREATE TABLE indicator_targets (
  indicator    TEXT NOT NULL,
  region_code  TEXT NOT NULL REFERENCES regions(code),
  year         INTEGER NOT NULL,
  target       DOUBLE PRECISION NOT NULL,
  updated_by   TEXT NOT NULL,
  updated_at   BIGINT NOT NULL,
  PRIMARY KEY (indicator, region_code, year)
);

CREATE TRIGGER checkins_rollup_insert AFTER INSERT ON checkins BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('checkins', NEW.village_code, NEW.day);
END;
CREATE TRIGGER checkins_rollup_delete AFTER DELETE ON checkins BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('checkins', OLD.village_code, OLD.day);
END;

CREATE TRIGGER visits_rollup_insert AFTER INSERT ON visits BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('visits', NEW.village_code, NEW.day);
END;
CREATE TRIGGER visits_rollup_delete AFTER DELETE ON visits BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('visits', OLD.village_code, OLD.day);
END;
CREATE TRIGGER visits_rollup_update AFTER UPDATE ON visits BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('visits', OLD.village_code, OLD.day);
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('visits', NEW.village_code, NEW.day);
END;

CREATE TRIGGER households_rollup_insert AFTER INSERT ON households BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('households', NEW.village_code, NULL);
END;
CREATE TRIGGER households_rollup_delete AFTER DELETE ON households BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('households', OLD.village_code, NULL);
END;
CREATE TRIGGER households_rollup_update AFTER UPDATE ON households BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('households', OLD.village_code, NULL);
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('households', NEW.village_code, NULL);
END;

CREATE TRIGGER follow_ups_rollup_insert AFTER INSERT ON follow_ups BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('follow_ups', NEW.village_code, NULL);
END;
CREATE TRIGGER follow_ups_rollup_delete AFTER DELETE ON follow_ups BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('follow_ups', OLD.village_code, NULL);
END;
CREATE TRIGGER follow_ups_rollup_update AFTER UPDATE ON follow_ups BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('follow_ups', OLD.village_code, NULL);
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('follow_ups', NEW.village_code, NULL);
END;

CREATE TRIGGER dispatches_rollup_insert AFTER INSERT ON dispatches BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('dispatches', NEW.village_code, NULL);
END;
CREATE TRIGGER dispatches_rollup_delete AFTER DELETE ON dispatches BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('dispatches', OLD.village_code, NULL);
END;
CREATE TRIGGER dispatches_rollup_update AFTER UPDATE ON dispatches BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('dispatches', OLD.village_code, NULL);
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('dispatches', NEW.village_code, NULL);
END;


CREATE TRIGGER party_orgs_rollup_insert AFTER INSERT ON party_orgs BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('party_orgs', NEW.village_code, NULL);
END;
CREATE TRIGGER party_orgs_rollup_delete AFTER DELETE ON party_orgs BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('party_orgs', OLD.village_code, NULL);
END;
CREATE TRIGGER party_orgs_rollup_update AFTER UPDATE ON party_orgs BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('party_orgs', OLD.village_code, NULL);
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('party_orgs', NEW.village_code, NULL);
END;

CREATE TRIGGER party_org_ratings_rollup_insert AFTER INSERT ON party_org_ratings BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('party_org_ratings', NEW.village_code, NULL);
END;
CREATE TRIGGER party_org_ratings_rollup_delete AFTER DELETE ON party_org_ratings BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('party_org_ratings', OLD.village_code, NULL);
END;
CREATE TRIGGER party_org_ratings_rollup_update AFTER UPDATE ON party_org_ratings BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('party_org_ratings', OLD.village_code, NULL);
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('party_org_ratings', NEW.village_code, NULL);
END;

CREATE TRIGGER rectification_cases_rollup_insert AFTER INSERT ON rectification_cases BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('rectification_cases', NEW.village_code, NULL);
END;
CREATE TRIGGER rectification_cases_rollup_delete AFTER DELETE ON rectification_cases BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('rectification_cases', OLD.village_code, NULL);
END;
CREATE TRIGGER rectification_cases_rollup_update AFTER UPDATE ON rectification_cases BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('rectification_cases', OLD.village_code, NULL);
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('rectification_cases', NEW.village_code, NULL);
END;

CREATE TRIGGER reserve_cadres_rollup_insert AFTER INSERT ON reserve_cadres BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('reserve_cadres', NEW.village_code, NULL);
END;
CREATE TRIGGER reserve_cadres_rollup_delete AFTER DELETE ON reserve_cadres BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('reserve_cadres', OLD.village_code, NULL);
END;
CREATE TRIGGER reserve_cadres_rollup_update AFTER UPDATE ON reserve_cadres BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('reserve_cadres', OLD.village_code, NULL);
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('reserve_cadres', NEW.village_code, NULL);
END;

CREATE TRIGGER village_posts_rollup_insert AFTER INSERT ON village_posts BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('village_posts', NEW.village_code, NULL);
END;
CREATE TRIGGER village_posts_rollup_delete AFTER DELETE ON village_posts BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('village_posts', OLD.village_code, NULL);
END;
CREATE TRIGGER village_posts_rollup_update AFTER UPDATE ON village_posts BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('village_posts', OLD.village_code, NULL);
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('village_posts', NEW.village_code, NULL);
END;

CREATE TRIGGER collective_income_rollup_insert AFTER INSERT ON collective_income BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('collective_income', NEW.village_code, NULL);
END;
CREATE TRIGGER collective_income_rollup_delete AFTER DELETE ON collective_income BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('collective_income', OLD.village_code, NULL);
END;
CREATE TRIGGER collective_income_rollup_update AFTER UPDATE ON collective_income BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('collective_income', OLD.village_code, NULL);
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('collective_income', NEW.village_code, NULL);
END;

CREATE TRIGGER training_classes_rollup_insert AFTER INSERT ON training_classes BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('training_classes', NEW.region_code, NULL);
END;
CREATE TRIGGER training_classes_rollup_delete AFTER DELETE ON training_classes BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('training_classes', OLD.region_code, NULL);
END;
CREATE TRIGGER training_classes_rollup_update AFTER UPDATE ON training_classes BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('training_classes', OLD.region_code, NULL);
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('training_classes', NEW.region_code, NULL);
END;

CREATE TRIGGER task_receivers_rollup_insert AFTER INSERT ON task_receivers BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('task_receivers', NEW.region_code, NULL);
END;
CREATE TRIGGER task_receivers_rollup_delete AFTER DELETE ON task_receivers BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('task_receivers', OLD.region_code, NULL);
END;
CREATE TRIGGER task_receivers_rollup_update AFTER UPDATE ON task_receivers BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('task_receivers', OLD.region_code, NULL);
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('task_receivers', NEW.region_code, NULL);
END;

CREATE TRIGGER findings_rollup_insert AFTER INSERT ON findings BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('findings', NEW.region_code, NULL);
END;
CREATE TRIGGER findings_rollup_delete AFTER DELETE ON findings BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('findings', OLD.region_code, NULL);
END;
CREATE TRIGGER findings_rollup_update AFTER UPDATE ON findings BEGIN
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('findings', OLD.region_code, NULL);
  INSERT INTO rollup_changes(source, region_code, day) VALUES ('findings', NEW.region_code, NULL);
END;

-- A trainee row names its class; the class names the region.
CREATE TRIGGER training_trainees_rollup_insert AFTER INSERT ON training_trainees BEGIN
  INSERT INTO rollup_changes(source, region_code, day)
  SELECT 'training_trainees', region_code, NULL FROM training_classes WHERE id = NEW.class_id;
END;
CREATE TRIGGER training_trainees_rollup_update AFTER UPDATE ON training_trainees BEGIN
  INSERT INTO rollup_changes(source, region_code, day)
  SELECT 'training_trainees', region_code, NULL FROM training_classes WHERE id IN (OLD.class_id, NEW.class_id);
END;
CREATE TRIGGER training_trainees_rollup_delete AFTER DELETE ON training_trainees BEGIN
  INSERT INTO rollup_changes(source, region_code, day)
  SELECT 'training_trainees', region_code, NULL FROM training_classes WHERE id = OLD.class_id;
END;
