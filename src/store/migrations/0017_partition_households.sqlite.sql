-- PostgreSQL partitions households by province (0017_partition_households.postgres.sql); SQLite
-- keeps one table: a county or a city needs no partitions.
SELECT 1;
