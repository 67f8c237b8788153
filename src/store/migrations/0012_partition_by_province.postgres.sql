-- PostgreSQL: the large tables are partitioned by province (declarative RANGE partitions over the
-- region code: province 61 holds codes '61…' up to '62'), one partition per province of
-- GB/T 2260 and a default partition for rows without a region. A province's partition can then be
-- moved to a server of its own and attached back as a postgres_fdw foreign partition
-- (`zhenxing db place-province`, docs/SCALING.md), which is why:
--   * the parents carry no unique index (PostgreSQL refuses foreign partitions under one); each
--     partition has its own primary key and unique indexes instead, so uniqueness holds per
--     province, and ids stay unique nationally because one sequence on the parent hands them out;
--   * ordinary indexes live on the parents and reach every local partition.
-- SQLite keeps one table each: a county or city needs no partitions.
CREATE FUNCTION zx_partition_by_province(tbl text, key_column text, drop_referencing boolean DEFAULT false)
  RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  old text := tbl || '_unpartitioned';
  provinces text[] := ARRAY['11','12','13','14','15','21','22','23','31','32','33','34','35','36','37',
                            '41','42','43','44','45','46','50','51','52','53','54','61','62','63','64',
                            '65','71','81','82'];
  p text;
  part text;
  ix record;
  fk record;
  unique_defs text[] := '{}';
  plain_defs text[] := '{}';
  fk_defs text[] := '{}';
  def text;
  identity_column text;
BEGIN
  -- A foreign key can only point at a partitioned table through a unique key that includes the
  -- partition column; callers say when the references may go (their writers check the row).
  FOR fk IN SELECT conrelid::regclass::text AS child, conname FROM pg_constraint WHERE confrelid = tbl::regclass LOOP
    IF NOT drop_referencing THEN
      RAISE EXCEPTION '% is referenced by a foreign key (%.%) and cannot be partitioned', tbl, fk.child, fk.conname;
    END IF;
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.child, fk.conname);
  END LOOP;
  FOR ix IN SELECT i.indisunique AS is_unique, c.relname AS name,
                   substring(pg_get_indexdef(i.indexrelid) FROM ' USING btree \((.*)\)$') AS columns
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = tbl::regclass LOOP
    IF ix.is_unique THEN
      unique_defs := unique_defs || ix.columns;
    ELSE
      plain_defs := plain_defs || format('CREATE INDEX %I ON %I (%s)', ix.name, tbl, ix.columns);
    END IF;
  END LOOP;
  FOR fk IN SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
            WHERE conrelid = tbl::regclass AND contype = 'f' LOOP
    fk_defs := fk_defs || format('ALTER TABLE %I ADD CONSTRAINT %I %s', tbl, fk.conname, fk.def);
  END LOOP;
  SELECT attname INTO identity_column FROM pg_attribute
   WHERE attrelid = tbl::regclass AND attidentity <> '' AND NOT attisdropped;

  EXECUTE format('ALTER TABLE %I RENAME TO %I', tbl, old);
  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (%I)',
                 tbl, old, key_column);
  FOREACH p IN ARRAY provinces LOOP
    part := tbl || '_p' || p;
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, tbl, p,
                   lpad(((p::int) + 1)::text, 2, '0'));
  END LOOP;
  EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', tbl || '_other', tbl);
  EXECUTE format('INSERT INTO %I SELECT * FROM %I', tbl, old);
  EXECUTE format('DROP TABLE %I', old);  -- and the identity sequence with it
  IF identity_column IS NOT NULL THEN
    EXECUTE format('CREATE SEQUENCE %I', tbl || '_id_seq');
    EXECUTE format('SELECT setval(%L, COALESCE((SELECT MAX(%I) FROM %I), 0) + 1, false)', tbl || '_id_seq',
                   identity_column, tbl);
    EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET DEFAULT nextval(%L)', tbl, identity_column, tbl || '_id_seq');
    EXECUTE format('ALTER SEQUENCE %I OWNED BY %I.%I', tbl || '_id_seq', tbl, identity_column);
  END IF;
  FOREACH def IN ARRAY plain_defs LOOP EXECUTE def; END LOOP;
  FOREACH def IN ARRAY fk_defs LOOP EXECUTE def; END LOOP;
  FOREACH p IN ARRAY provinces || ARRAY['other'] LOOP
    part := tbl || CASE WHEN p = 'other' THEN '_other' ELSE '_p' || p END;
    FOREACH def IN ARRAY unique_defs LOOP
      EXECUTE format('CREATE UNIQUE INDEX ON %I (%s)', part, def);
    END LOOP;
  END LOOP;
END;
$fn$;

SELECT zx_partition_by_province('checkins', 'village_code');
SELECT zx_partition_by_province('work_logs', 'village_code');
-- Visits and their follow-ups grow with every household every cycle. The follow-ups' reference to
-- their visit goes: both are written together, in one transaction, by the visit route.
SELECT zx_partition_by_province('visits', 'village_code', true);
SELECT zx_partition_by_province('follow_ups', 'village_code');

-- The audit log: its append-only triggers go with the old table and are made again here.
DROP TRIGGER audit_log_no_update ON audit_log;
DROP TRIGGER audit_log_no_delete ON audit_log;
DROP TRIGGER audit_log_no_truncate ON audit_log;
SELECT zx_partition_by_province('audit_log', 'region_code');
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
