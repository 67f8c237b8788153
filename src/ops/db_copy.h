// Copies every table of one installation into another (SQLite or PostgreSQL, either way) in one
// read snapshot of the source and one transaction on the target, then compares row counts and a
// SHA-256 per table on both sides; any difference rolls the copy back. Used by `zhenxing db copy`,
// `zhenxing backup` and `zhenxing restore`.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "store/database.h"

namespace zx {

struct Summary {
  int64_t rows = 0;
  std::string sha256;
};

struct CopyReport {
  std::vector<std::string> order;                 // tables, parents first
  std::map<std::string, Summary> source, target;  // per table, as compared
  bool mismatch = false;
};

// Refuses a non-empty target unless `force` (which empties it first). Both sides must be at the
// same schema version.
Status Copy(Database& source, Database& target, bool force, CopyReport* report);

// Tables the migrations themselves fill (catalogues): a target holding only these, and the
// country row of `regions`, counts as empty.
// Tables whose rows are derived from the others: the rollups' change rows (rebuilt by the server)
// and, on PostgreSQL only, person_id_numbers (filled by a trigger on people, migration 0018).
// Neither copied nor compared; emptied in the target, whose triggers refill them.
bool IsDerivedTable(const std::string& name);
const std::set<std::string>& TablesSeededByMigrations();

// Rows and SHA-256 of every table, from one read snapshot (the same figures Copy compares).
Result<std::map<std::string, Summary>> TableSummaries(Database& db);

}  // namespace zx
