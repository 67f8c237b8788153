#include "store/sqlite/sqlite_database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <thread>
#include <vector>

#include "store/migrations.h"
#include "test_util.h"

namespace zx {

TEST(SqliteDatabaseTest, MigrationsAreAppliedAndRecordedOnce) {
  testing::TempDir dir;
  {
    auto db = testing::OpenTestDb(dir.path());
    ASSERT_TRUE(db);
  }
  auto db = testing::OpenTestDb(dir.path());  // second open: nothing to apply
  int64_t applied = 0, newest = BuiltInMigrations(Dialect::kSqlite).back().version;
  ASSERT_TRUE(db->Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(applied, QueryInt(c, "SELECT COUNT(*) FROM schema_migrations"));
                  ZX_ASSIGN_OR_RETURN(int64_t v, QueryInt(c, "SELECT MAX(version) FROM schema_migrations"));
                  EXPECT_EQ(v, newest);
                  return Status::Ok();
                }).ok());
  EXPECT_EQ(applied, static_cast<int64_t>(BuiltInMigrations(Dialect::kSqlite).size()));
}

TEST(SqliteDatabaseTest, RefusesADatabaseFromANewerVersion) {
  testing::TempDir dir;
  {
    auto db = testing::OpenTestDb(dir.path());
    ASSERT_TRUE(db->Write([](Connection& c) {
                    return c.Execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (9999, 'x', 'y')");
                  }).ok());
  }
  DatabaseOptions o;
  o.url = dir.File("test.db");
  auto again = OpenDatabase(o);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("newer"), std::string::npos);
}

TEST(SqliteDatabaseTest, AFailingWriteRollsBackAloneInsideAGroup) {
  testing::TempDir dir;
  auto db = testing::OpenTestDb(dir.path());
  ASSERT_TRUE(db->Write([](Connection& c) { return c.Exec("CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT)"); }).ok());
  // Many threads write at once so the writer groups them; every odd write fails half-way.
  std::vector<std::thread> threads;
  std::atomic<int> ok_count{0}, failed{0};
  for (int i = 0; i < 200; ++i) {
    threads.emplace_back([&, i] {
      Status s = db->Write([i](Connection& c) -> Status {
        ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO t(k, v) VALUES (?, ?)", i, "first"));
        if (i % 2) return Status::InvalidArgument("rejected on purpose");
        return c.Execute("INSERT INTO t(k, v) VALUES (?, ?)", i + 1000, "second");
      });
      (s.ok() ? ok_count : failed)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok_count, 100);
  EXPECT_EQ(failed, 100);
  int64_t rows = 0, odd = 0;
  ASSERT_TRUE(db->Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(rows, QueryInt(c, "SELECT COUNT(*) FROM t"));
                  ZX_ASSIGN_OR_RETURN(odd, QueryInt(c, "SELECT COUNT(*) FROM t WHERE k < 1000 AND k % 2 = 1"));
                  return Status::Ok();
                }).ok());
  EXPECT_EQ(rows, 200);  // 100 successful writes × 2 rows; nothing of the failed ones
  EXPECT_EQ(odd, 0);
}

TEST(SqliteDatabaseTest, ConstraintErrorsMapToStatusCodes) {
  testing::TempDir dir;
  auto db = testing::OpenTestDb(dir.path());
  ASSERT_TRUE(db->Write([](Connection& c) { return c.Exec("CREATE TABLE u(k TEXT PRIMARY KEY)"); }).ok());
  ASSERT_TRUE(db->Write([](Connection& c) { return c.Execute("INSERT INTO u VALUES (?)", "a"); }).ok());
  Status dup = db->Write([](Connection& c) { return c.Execute("INSERT INTO u VALUES (?)", "a"); });
  EXPECT_EQ(dup.code(), Code::kConflict);
  Status fk = db->Write([](Connection& c) {
    return c.Execute("INSERT INTO regions(code, name, level, parent_code) VALUES ('610000000000', 'x', 1, '990000000000')");
  });
  EXPECT_EQ(fk.code(), Code::kInvalidArgument);
}

TEST(SqliteDatabaseTest, ExceptionsInsideAWriteBecomeErrors) {
  testing::TempDir dir;
  auto db = testing::OpenTestDb(dir.path());
  Status s = db->Write([](Connection&) -> Status { throw std::runtime_error("boom"); });
  EXPECT_EQ(s.code(), Code::kInternal);
  EXPECT_TRUE(db->Write([](Connection& c) { return c.Exec("SELECT 1"); }).ok());  // the writer lives on
}

// Migration 0020: a CHECK's IN list of more than two values made SQLite build a temporary b-tree
// on every insert. The lists are now chains of ORs: the same values pass and fail, and an insert
// builds no temporary table, on the connection that applied the migration as on a new one.
TEST(SqliteDatabaseTest, ChecksOfAllowedValuesHoldWithoutBuildingAListPerRow) {
  testing::TempDir dir;
  auto db = testing::OpenTestDb(dir.path());
  const std::string insert_member =
      "INSERT INTO household_members(household_id, person_id, relation, labour, health, schooling, since) "
      "VALUES (1, 1, ?, 'full', 'healthy', '', '2026-01-01')";
  ASSERT_TRUE(db->Write([&](Connection& c) -> Status {
                  const std::regex list(R"((\w+) IN \(([^()]*)\))");
                  ZX_ASSIGN_OR_RETURN(Stmt tables, c.Prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'"));
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, tables->Step());
                    if (!row) break;
                    std::string sql = tables->Text(1);
                    for (std::sregex_iterator it(sql.begin(), sql.end(), list), end; it != end; ++it) {
                      std::string items = (*it)[2];
                      EXPECT_LT(std::count(items.begin(), items.end(), ','), 2) << tables->Text(0) << ": " << it->str();
                    }
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt plan, c.Prepare("EXPLAIN " + insert_member));
                  plan.Bind("head");
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, plan->Step());
                    if (!row) break;
                    EXPECT_NE(plan->Text(1), "OpenEphemeral") << "at " << plan->Int(0);
                  }
                  return Status::Ok();
                }).ok());
  ASSERT_TRUE(db->Write([&](Connection& c) -> Status {
                  ZX_RETURN_IF_ERROR(c.Exec(
                      "INSERT INTO regions(code, name, level, parent_code) VALUES ('610000000000', '陕西省', 1, NULL);"
                      "INSERT INTO households(village_code, status, status_since, created_at) VALUES ('610000000000', 'ordinary', '2026-01-01', 0);"
                      "INSERT INTO people(name, sex, region_code, created_at) VALUES ('张三', 'M', '610000000000', 0)"));
                  return c.Execute(insert_member, "other");
                }).ok());
  Status refused = db->Write([&](Connection& c) { return c.Execute(insert_member, "cousin"); });
  EXPECT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("relation"), std::string::npos) << refused.message();
  Status status = db->Write([](Connection& c) {
    return c.Exec("INSERT INTO households(village_code, status, status_since, created_at) VALUES ('610000000000', 'rich', '2026-01-01', 0)");
  });
  EXPECT_FALSE(status.ok());
  int64_t members = 0, households = 0;
  std::string integrity;
  ASSERT_TRUE(db->Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(members, QueryInt(c, "SELECT COUNT(*) FROM household_members"));
                  ZX_ASSIGN_OR_RETURN(households, QueryInt(c, "SELECT COUNT(*) FROM households"));
                  ZX_ASSIGN_OR_RETURN(Stmt check, c.Prepare("PRAGMA integrity_check"));
                  ZX_ASSIGN_OR_RETURN(bool row, check->Step());
                  if (row) integrity = check->Text(0);
                  return Status::Ok();
                }).ok());
  EXPECT_EQ(members, 1);
  EXPECT_EQ(households, 1);
  EXPECT_EQ(integrity, "ok");
}

}  // namespace zx
