#include "store/sqlite/wal_checkpointer.h"

#include <sqlite3.h>

namespace zx {

WalCheckpointer::WalCheckpointer(sqlite3* writer, sqlite3* own, int wake_pages, int inline_pages)
    : own_(own), wake_pages_(wake_pages), inline_pages_(inline_pages) {
  sqlite3_exec(writer, "PRAGMA wal_autocheckpoint=0", nullptr, nullptr, nullptr);
  sqlite3_wal_hook(writer, &WalCheckpointer::OnCommit, this);
  thread_ = std::thread([this] { Loop(); });
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

int WalCheckpointer::checkpoints() const {
  std::lock_guard lock(mu_);
  return checkpoints_;
}

// Runs on the writer's thread right after each commit, with the WAL's size in pages.
int WalCheckpointer::OnCommit(void* self, sqlite3* db, const char* name, int wal_pages) {
  auto* me = static_cast<WalCheckpointer*>(self);
  if (wal_pages >= me->inline_pages_) {
    // The background checkpoints cannot keep up (or a long read pins old pages): the writer helps,
    // so that the WAL cannot grow without bound.
    sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
  }
  if (wal_pages >= me->wake_pages_) {
    {
      std::lock_guard lock(me->mu_);
      me->wanted_ = true;
    }
    me->cv_.notify_one();
  }
  return SQLITE_OK;
}

void WalCheckpointer::Loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return stop_ || wanted_; });
    if (stop_) return;
    wanted_ = false;
    lock.unlock();
    sqlite3_wal_checkpoint_v2(own_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
    ++checkpoints_;
  }
}

}  // namespace zx
