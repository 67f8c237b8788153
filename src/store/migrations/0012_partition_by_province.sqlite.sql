-- SQLite keeps one table each (see 0012_partition_by_province.postgres.sql); the version number
-- stays in step so that databases of both kinds can be compared and copied.
SELECT 1;
