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

-- One trigger function for every table: its arguments name the source, the region column and the
-- day column (if any); to_jsonb reads a column by name.
CREATE FUNCTION zx_rollup_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r jsonb;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    r := to_jsonb(OLD);
    INSERT INTO rollup_changes(source, region_code, day)
    VALUES (TG_ARGV[0], r->>TG_ARGV[1], CASE WHEN TG_NARGS > 2 THEN r->>TG_ARGV[2] END);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    r := to_jsonb(NEW);
    INSERT INTO rollup_changes(source, region_code, day)
    VALUES (TG_ARGV[0], r->>TG_ARGV[1], CASE WHEN TG_NARGS > 2 THEN r->>TG_ARGV[2] END);
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION zx_rollup_trainee_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO rollup_changes(source, region_code, day)
    SELECT 'training_trainees', region_code, NULL FROM training_classes WHERE id = OLD.class_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO rollup_changes(source, region_code, day)
    SELECT 'training_trainees', region_code, NULL FROM training_classes WHERE id = NEW.class_id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER training_trainees_rollup AFTER INSERT OR UPDATE OR DELETE ON training_trainees
  FOR EACH ROW EXECUTE FUNCTION zx_rollup_trainee_change();
CREATE TRIGGER checkins_rollup AFTER INSERT OR DELETE ON checkins
  FOR EACH ROW EXECUTE FUNCTION zx_rollup_change('checkins', 'village_code', 'day');
CREATE TRIGGER visits_rollup AFTER INSERT OR UPDATE OR DELETE ON visits
  FOR EACH ROW EXECUTE FUNCTION zx_rollup_change('visits', 'village_code', 'day');
CREATE TRIGGER households_rollup AFTER INSERT OR UPDATE OR DELETE ON households
  FOR EACH ROW EXECUTE FUNCTION zx_rollup_change('households', 'village_code');
CREATE TRIGGER follow_ups_rollup AFTER INSERT OR UPDATE OR DELETE ON follow_ups
  FOR EACH ROW EXECUTE FUNCTION zx_rollup_change('follow_ups', 'village_code');
CREATE TRIGGER dispatches_rollup AFTER INSERT OR UPDATE OR DELETE ON dispatches
  FOR EACH ROW EXECUTE FUNCTION zx_rollup_change('dispatches', 'village_code');
CREATE TRIGGER party_orgs_rollup AFTER INSERT OR UPDATE OR DELETE ON party_orgs
  FOR EACH ROW EXECUTE FUNCTION zx_rollup_change('party_orgs', 'village_code');
CREATE TRIGGER party_org_ratings_rollup AFTER INSERT OR UPDATE OR DELETE ON party_org_ratings
  FOR EACH ROW EXECUTE FUNCTION zx_rollup_change('party_org_ratings', 'village_code');
CREATE TRIGGER rectification_cases_rollup AFTER INSERT OR UPDATE OR DELETE ON rectification_cases
  FOR EACH ROW EXECUTE FUNCTION zx_rollup_change('rectification_cases', 'village_code');
CREATE TRIGGER reserve_cadres_rollup AFTER INSERT OR UPDATE OR DELETE ON reserve_cadres
  FOR EACH ROW EXECUTE FUNCTION zx_rollup_change('reserve_cadres', 'village_code');
CREATE TRIGGER village_posts_rollup AFTER INSERT OR UPDATE OR DELETE ON village_posts
  FOR EACH ROW EXECUTE FUNCTION zx_rollup_change('village_posts', 'village_code');
CREATE TRIGGER collective_income_rollup AFTER INSERT OR UPDATE OR DELETE ON collective_income
  FOR EACH ROW EXECUTE FUNCTION zx_rollup_change('collective_income', 'village_code');
CREATE TRIGGER training_classes_rollup AFTER INSERT OR UPDATE OR DELETE ON training_classes
  FOR EACH ROW EXECUTE FUNCTION zx_rollup_change('training_classes', 'region_code');
CREATE TRIGGER task_receivers_rollup AFTER INSERT OR UPDATE OR DELETE ON task_receivers
  FOR EACH ROW EXECUTE FUNCTION zx_rollup_change('task_receivers', 'region_code');
CREATE TRIGGER findings_rollup AFTER INSERT OR UPDATE OR DELETE ON findings
  FOR EACH ROW EXECUTE FUNCTION zx_rollup_change('findings', 'region_code');
