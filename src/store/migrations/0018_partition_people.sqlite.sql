-- PostgreSQL partitions people by province (0018_partition_people.postgres.sql) and keeps one
-- person per ID number in person_id_numbers; SQLite keeps one table with its UNIQUE column.
SELECT 1;
