#include "store/sqlite/wal_checkpointer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <string>
#include <thread>

#include "test_util.h"

namespace zx {
namespace {

sqlite3* OpenWal(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", nullptr, nullptr, nullptr);
  return db;
}

// Commits `transactions` transactions of 20 rows with 1 KiB of text each (about 6 pages each).
void Fill(sqlite3* db, int transactions) {
  sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, v TEXT)", nullptr, nullptr, nullptr);
  for (int i = 0; i < transactions; ++i) {
    ASSERT_EQ(sqlite3_exec(db,
                           "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20) "
                           "INSERT INTO t(v) SELECT hex(randomblob(512)) FROM n; COMMIT;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
  }
}

int64_t Count(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM t", -1, &st, nullptr);
  sqlite3_step(st);
  int64_t n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

int64_t FileSize(const std::string& path) {
  struct stat s {};
  return ::stat(path.c_str(), &s) == 0 ? s.st_size : -1;
}

TEST(WalCheckpointerTest, CheckpointsRunOnTheirOwnThreadOnceTheWalIsLarge) {
  testing::TempDir dir;
  std::string path = dir.File("c.db");
  sqlite3* writer = OpenWal(path);
  sqlite3* own = OpenWal(path);
  {
    WalCheckpointer checkpointer(writer, own, /*wake_pages=*/50, /*inline_pages=*/1000000);
    Fill(writer, 100);
    for (int i = 0; i < 200 && checkpointer.checkpoints() == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_GT(checkpointer.checkpoints(), 0);
  }
  sqlite3_close(writer);
  sqlite3_close(own);
  EXPECT_EQ(Count(path), 2000);
}

TEST(WalCheckpointerTest, TheWriterCheckpointsItselfWhenTheWalOutgrowsTheLimit) {
  testing::TempDir dir;
  std::string path = dir.File("c.db");
  sqlite3* writer = OpenWal(path);
  sqlite3* own = OpenWal(path);
  {
    // The thread is never woken; only the writer's own checkpoints keep the WAL small.
    WalCheckpointer checkpointer(writer, own, /*wake_pages=*/1000000, /*inline_pages=*/100);
    Fill(writer, 300);
    EXPECT_EQ(checkpointer.checkpoints(), 0);
    // 300 transactions of about 6 pages would make a WAL of about 7 MiB without checkpoints.
    EXPECT_LT(FileSize(path + "-wal"), 200 * 4096 + 64 * 1024);
  }
  sqlite3_close(writer);
  sqlite3_close(own);
  EXPECT_EQ(Count(path), 6000);
}

}  // namespace
}  // namespace zx
