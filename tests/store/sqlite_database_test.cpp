#include "store/sqlite/sqlite_database.h"

#include <gtest/gtest.h>

#include <atomic>
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

}  // namespace zx
