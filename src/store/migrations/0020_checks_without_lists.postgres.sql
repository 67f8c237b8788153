-- PostgreSQL: nothing to change. Its CHECK (column IN (...)) is a plain array comparison with no
-- per-row set-up (SQLite's counterpart, 0020_checks_without_lists.sqlite.sql, rewrote its checks
-- for that reason). The version exists on both databases so that `db copy` and backups, which
-- require equal schema versions, keep working between them.
SELECT 1;
