#include "ops/db_copy.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "store/migrations.h"

namespace zx {
namespace {

// A catalogue added to a migration must be known to the copy, or every restore into a fresh
// database would be refused as "not empty".
TEST(DbCopyTest, TheSeededCatalogueListMatchesTheMigrations) {
  std::regex insert(R"(INSERT INTO\s+([a-z_]+))", std::regex::icase);
  for (Dialect d : {Dialect::kSqlite, Dialect::kPostgres}) {
    for (const auto& m : BuiltInMigrations(d)) {
      for (std::sregex_iterator it(m.sql.begin(), m.sql.end(), insert), end; it != end; ++it) {
        std::string table = (*it)[1];
        if (table == "regions" || table == "schema_migrations") continue;  // the country row; the runner's own
        if (IsDerivedTable(table)) continue;                               // written by triggers, not seeded
        EXPECT_TRUE(TablesSeededByMigrations().count(table)) << m.name << " fills " << table;
      }
    }
  }
}

}  // namespace
}  // namespace zx
