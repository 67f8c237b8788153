-- The person registry partitioned by province like the other large tables (0012, 0017), so a
-- province's people can move to a server of its own with its households, visits and check-ins.
--
-- One person per ID number holds nationally, not per province: moving house to another province is
-- normal, and a partitioned table can only carry unique keys that include the province. The key
-- moves to person_id_numbers, one unpartitioned table that stays on the coordinator, kept in step
-- by a trigger on people — so no writer (routes, imports, demo loaders, the generator, db copy) can
-- forget it, and a duplicate fails in the writer's own statement and transaction. The per-partition
-- unique indexes on id_number_hash stay: they serve the lookups by ID number.
CREATE TABLE person_id_numbers (
  id_number_hash  TEXT PRIMARY KEY,
  person_id       BIGINT NOT NULL
);
INSERT INTO person_id_numbers(id_number_hash, person_id)
  SELECT id_number_hash, id FROM people WHERE id_number_hash IS NOT NULL;

-- ON CONFLICT DO NOTHING and a check rather than an EXCEPTION block: a block is a subtransaction per
-- row, which a bulk load of millions of people cannot afford. The error is a unique violation
-- (SQLSTATE 23505), which the driver answers as 409, with the words the people routes use.
CREATE FUNCTION zx_person_id_number() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'UPDATE' AND NOT (OLD.id_number_hash IS DISTINCT FROM NEW.id_number_hash OR OLD.id <> NEW.id) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.id_number_hash IS NOT NULL THEN
    DELETE FROM person_id_numbers WHERE id_number_hash = OLD.id_number_hash AND person_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.id_number_hash IS NOT NULL THEN
    INSERT INTO person_id_numbers(id_number_hash, person_id) VALUES (NEW.id_number_hash, NEW.id)
      ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      RAISE EXCEPTION '该身份证号的人员已在人员库中' USING ERRCODE = 'unique_violation';
    END IF;
  END IF;
  RETURN NULL;
END
$fn$;

-- Every reference to a person goes (fourteen: users, dispatches, awards, party organizations,
-- rectification cases, reserve cadres, village posts, secretary ratings, trainees, reward lines,
-- retired cadres, household members, grid assignments, inspection group members): PostgreSQL can
-- only point a foreign key at a partitioned table through a key that includes the province. Their
-- writers read the person in the same transaction (docs/SCALING.md lists them), and people are
-- never deleted.
SELECT zx_partition_by_province('people', 'region_code', true);

-- After the partitioning: a row trigger on the partitioned table reaches every partition, local
-- or foreign (it fires on the coordinator), and a row that changes province (DELETE and INSERT)
-- leaves and re-enters person_id_numbers in that order.
CREATE TRIGGER people_id_number AFTER INSERT OR UPDATE OR DELETE ON people
  FOR EACH ROW EXECUTE FUNCTION zx_person_id_number();
