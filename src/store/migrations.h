// Versioned schema migrations, compiled into the binary from src/store/migrations/NNNN_name.sql.
// Each runs once, in order, in its own transaction, and is recorded in schema_migrations.
// Dialect tokens, replaced by the driver before running:
//   ID_PK      an auto-increment 64-bit primary key column type
//   NOW_TEXT   the current UTC time as ISO-8601 text (for defaults)
// Thread-safety: run once at open, before the database is shared.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace zx {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// The compiled-in migrations for a dialect, sorted by version. Files named NNNN_x.sqlite.sql or
// NNNN_x.postgres.sql belong to that dialect only; the others are portable.
std::vector<Migration> BuiltInMigrations(Dialect dialect);

// Replaces the dialect tokens for `dialect`.
std::string TranslateMigration(const std::string& sql, Dialect dialect);

// Applies every migration newer than the database's version. Refuses a database whose version
// is newer than this binary knows (an older binary must not touch a newer schema).
Status ApplyMigrations(Connection& conn, const std::vector<Migration>& migrations);

}  // namespace zx
