-- Households (about 200 million nationally) partitioned by province like the other large tables
-- (0012), so a province's registry can move to a server of its own with its visits.
-- The references to a household from members, status history, split/merge links, grid
-- assignments and follow-ups go: PostgreSQL can only point a foreign key at a partitioned table
-- through a unique key that includes the province column. Their writers check the household in the
-- same transaction (the household routes write members with their household; visits, follow-ups
-- and grid assignments read the household to find its village first).
-- Dropped on the tables themselves first: on a partitioned table (visits, follow-ups) the
-- constraint is the parent's and goes from its partitions with it.
DO $$
DECLARE fk record;
BEGIN
  FOR fk IN SELECT conrelid::regclass::text AS child, conname FROM pg_constraint
            WHERE confrelid = 'households'::regclass AND contype = 'f' AND conparentid = 0 LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.child, fk.conname);
  END LOOP;
END
$$;
SELECT zx_partition_by_province('households', 'village_code', true);

-- The rollups' trigger went with the old table (0013); made again on the partitioned one.
CREATE TRIGGER households_rollup AFTER INSERT OR UPDATE OR DELETE ON households
  FOR EACH ROW EXECUTE FUNCTION zx_rollup_change('households', 'village_code');
