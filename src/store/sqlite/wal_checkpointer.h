// Keeps SQLite's WAL checkpoints off the writer's critical path. With the default auto-checkpoint
// the commit that crosses 1,000 WAL pages copies them into the database file and fsyncs it before
// the writer may start its next batch: under sustained load that is the slowest commit of every
// second, and every request waiting in that batch sees it. Here the writer only counts pages (a
// WAL hook) and wakes a thread of our own, which runs PASSIVE checkpoints on its own connection
// while the writer goes on. Durability is unchanged: a commit is durable once its WAL frames are
// synced, whoever copies them later.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace zx {

class WalCheckpointer {
 public:
  // `writer` is the connection whose commits fill the WAL; `own` is a connection used only here.
  // Both must be open on the same database file and outlive the checkpointer.
  WalCheckpointer(sqlite3* writer, sqlite3* own, int wake_pages = 1000, int inline_pages = 100000);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Checkpoints run so far (for tests).
  int checkpoints() const;

 private:
  static int OnCommit(void* self, sqlite3* db, const char* name, int wal_pages);
  void Loop();

  sqlite3* own_;
  int wake_pages_;
  int inline_pages_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool wanted_ = false;
  bool stop_ = false;
  int checkpoints_ = 0;
  std::thread thread_;
};

}  // namespace zx
