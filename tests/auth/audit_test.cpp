#include "auth/audit.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "test_util.h"

namespace zx {
namespace {

void Append(Database& db, int n) {
  for (int i = 0; i < n; ++i)
    ASSERT_TRUE(db.Write([&](Connection& c) {
                    return AppendAudit(c, {1, "admin", "127.0.0.1", "r"},
                                       {"update", "user", std::to_string(i), "610331000000", nlohmann::json{{"v", i}},
                                        nlohmann::json{{"v", i + 1}}},
                                       1000 + i);
                  }).ok());
}

AuditVerifyResult Verify(Database& db) {
  AuditVerifyResult r;
  EXPECT_TRUE(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(r, VerifyAuditChain(c));
                  return Status::Ok();
                }).ok());
  return r;
}

// Tampering goes around the program (and its triggers), as an attacker with the file would.
void Tamper(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  std::string all = "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; " + sql;
  ASSERT_EQ(sqlite3_exec(db, all.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_close(db);
}

TEST(AuditTest, AnIntactChainVerifies) {
  testing::TempDir dir;
  auto db = testing::OpenTestDb(dir.path());
  Append(*db, 10);
  auto r = Verify(*db);
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.rows, 10);
}

TEST(AuditTest, TheProgramRefusesToChangeOrDeleteAuditRows) {
  testing::TempDir dir;
  auto db = testing::OpenTestDb(dir.path());
  Append(*db, 2);
  EXPECT_FALSE(db->Write([](Connection& c) { return c.Exec("UPDATE audit_log SET username = 'x'"); }).ok());
  EXPECT_FALSE(db->Write([](Connection& c) { return c.Exec("DELETE FROM audit_log"); }).ok());
}

TEST(AuditTest, AChangedRowIsFound) {
  testing::TempDir dir;
  {
    auto db = testing::OpenTestDb(dir.path());
    Append(*db, 10);
  }
  Tamper(dir.File("test.db"), "UPDATE audit_log SET after_json = '{\"v\":999}' WHERE id = 4");
  auto db = testing::OpenTestDb(dir.path());
  auto r = Verify(*db);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_broken_id, 4);
}

TEST(AuditTest, ARemovedRowIsFound) {
  testing::TempDir dir;
  {
    auto db = testing::OpenTestDb(dir.path());
    Append(*db, 10);
  }
  Tamper(dir.File("test.db"), "DELETE FROM audit_log WHERE id = 6");
  auto db = testing::OpenTestDb(dir.path());
  auto r = Verify(*db);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_broken_id, 6);
}

TEST(AuditTest, RemovingTheNewestRowsIsFound) {
  testing::TempDir dir;
  {
    auto db = testing::OpenTestDb(dir.path());
    Append(*db, 10);
  }
  Tamper(dir.File("test.db"), "DELETE FROM audit_log WHERE id >= 9");
  auto db = testing::OpenTestDb(dir.path());
  auto r = Verify(*db);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_broken_id, 9);
}

TEST(AuditTest, ARecomputedRowStillBreaksTheNextLink) {
  testing::TempDir dir;
  {
    auto db = testing::OpenTestDb(dir.path());
    Append(*db, 5);
  }
  // Replacing a row's hash to hide an edit breaks the link of the row after it.
  Tamper(dir.File("test.db"), "UPDATE audit_log SET username = 'ghost', hash = 'ffff' WHERE id = 2");
  auto db = testing::OpenTestDb(dir.path());
  auto r = Verify(*db);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_broken_id, 2);
}

}  // namespace
}  // namespace zx
