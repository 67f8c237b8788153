#include "store/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "store/migrations.h"
#include "store/sqlite/wal_checkpointer.h"
#include "store/store_stats.h"
#include "store/write_queue.h"

namespace zx {
namespace {

Status FromSqlite(int rc, sqlite3* db, std::string_view what) {
  std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xFF) {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) return Status::Conflict(msg);
      return Status::InvalidArgument(msg);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Unavailable("database is busy: " + msg);
    case SQLITE_FULL:
      return Status::Unavailable("disk is full: " + msg);
    case SQLITE_READONLY:
      return Status::Unavailable("database is read-only: " + msg);
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return Status::Unavailable("database I/O error: " + msg);
    default:
      return Status::Internal(msg);
  }
}

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  ~SqliteStatement() override { sqlite3_finalize(s_); }
  void BindNull(int i) override { sqlite3_bind_null(s_, i); }
  void BindInt(int i, int64_t v) override { sqlite3_bind_int64(s_, i, v); }
  void BindDouble(int i, double v) override { sqlite3_bind_double(s_, i, v); }
  void BindText(int i, std::string_view v) override {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  Result<bool> Step() override {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return FromSqlite(sqlite3_extended_errcode(db_), db_, "query failed");
  }
  bool IsNull(int c) const override { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
  int64_t Int(int c) const override { return sqlite3_column_int64(s_, c); }
  double Double(int c) const override { return sqlite3_column_double(s_, c); }
  std::string Text(int c) const override {
    const unsigned char* t = sqlite3_column_text(s_, c);
    return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(s_, c)) : std::string();
  }
  void Reset() override {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    cache_.clear();
    sqlite3_close_v2(db_);
  }
  Dialect dialect() const override { return Dialect::kSqlite; }
  Status Exec(std::string_view sql) override {
    char* err = nullptr;
    std::string s(sql);
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (err) sqlite3_free(err);
    if (rc != SQLITE_OK) return FromSqlite(sqlite3_extended_errcode(db_), db_, "statement failed");
    return Status::Ok();
  }
  Result<Stmt> Prepare(std::string_view sql) override {
    std::string key(sql);
    auto it = cache_.find(key);
    if (it == cache_.end()) {
      sqlite3_stmt* st = nullptr;
      int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &st,
                                  nullptr);
      if (rc != SQLITE_OK) return FromSqlite(rc, db_, "prepare failed");
      it = cache_.emplace(key, std::make_unique<SqliteStatement>(db_, st)).first;
    }
    return Stmt(it->second.get());
  }
  int64_t Changes() const override { return sqlite3_changes64(db_); }
  int64_t LastInsertRowId() const override { return sqlite3_last_insert_rowid(db_); }
  sqlite3* raw() { return db_; }

 private:
  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> cache_;
};

Result<std::unique_ptr<SqliteConnection>> OpenConnection(const std::string& path, const DatabaseOptions& o,
                                                         bool writer) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (writer && o.create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = Status::Unavailable("cannot open database " + path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close_v2(db);
    return s;
  }
  auto conn = std::make_unique<SqliteConnection>(db);
  sqlite3_busy_timeout(db, o.busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY;";
  // The writer gets a large page cache (grown only as used): bulk loads touch indexes in random
  // order, and a small cache turns that into disk reads.
  // Readers sort and group in temporary files instead of memory: the rollups' build groups every
  // visit of the country (a temporary b-tree of gigabytes), which in memory sat on top of the
  // store being built. Small sorts stay in the page cache either way.
  if (writer) pragmas = "PRAGMA journal_mode=WAL; PRAGMA cache_size=-262144; " + pragmas;
  else pragmas += " PRAGMA cache_size=-32768; PRAGMA temp_store=FILE;";
  ZX_RETURN_IF_ERROR(conn->Exec(pragmas));
  return conn;
}

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::unique_ptr<SqliteConnection> writer, std::vector<std::unique_ptr<SqliteConnection>> readers,
                 std::unique_ptr<SqliteConnection> checkpoint_connection)
      : writer_(std::move(writer)),
        checkpoint_connection_(std::move(checkpoint_connection)),
        checkpointer_(writer_->raw(), checkpoint_connection_->raw()) {
    for (auto& r : readers) idle_readers_.push_back(r.get());
    readers_ = std::move(readers);
  }
  ~SqliteDatabase() override { Close(); }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Status Read(const WorkFn& fn) override {
    ReadTimer timer;
    SqliteConnection* c;
    {
      std::unique_lock lock(readers_mu_);
      readers_cv_.wait(lock, [&] { return !idle_readers_.empty(); });
      c = idle_readers_.back();
      idle_readers_.pop_back();
    }
    Status s = c->Exec("BEGIN");
    if (s.ok()) {
      s = RunGuarded(fn, *c);
      c->Exec("COMMIT");
    }
    {
      std::lock_guard lock(readers_mu_);
      idle_readers_.push_back(c);
    }
    readers_cv_.notify_one();
    return s;
  }

  Status Write(WorkFn fn) override { return queue_.Wait(std::move(fn), false); }
  Status WriteAlone(WorkFn fn) override { return queue_.Wait(std::move(fn), true); }
  void Submit(WorkFn fn, std::function<void(Status)> done) override {
    queue_.Enqueue(std::move(fn), false, std::move(done));
  }

  void Close() override { queue_.Close(); }

 private:
  // Transaction control through cached statements: parsing them again for every job in a batch
  // of a thousand is measurable.
  Status Control(const char* sql) {
    auto st = writer_->Prepare(sql);
    if (!st.ok()) return st.status();
    return st->Run();
  }

  void RunBatch(std::vector<std::unique_ptr<WriteJob>>& batch) {
    std::vector<Status> results(batch.size());
    Status begin = Control("BEGIN IMMEDIATE");
    if (!begin.ok()) {
      for (auto& j : batch) j->done(begin);
      return;
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      if (batch.size() == 1) {
        results[i] = RunGuarded(batch[i]->fn, *writer_);
        continue;
      }
      Status sp = Control("SAVEPOINT zx_write");
      if (!sp.ok()) {
        results[i] = sp;
        continue;
      }
      results[i] = RunGuarded(batch[i]->fn, *writer_);
      if (!results[i].ok()) Control("ROLLBACK TO zx_write");
      Control("RELEASE zx_write");
    }
    Status commit;
    if (batch.size() == 1 && !results[0].ok()) {
      Control("ROLLBACK");
    } else {
      commit = Control("COMMIT");
      if (!commit.ok()) Control("ROLLBACK");
    }
    for (size_t i = 0; i < batch.size(); ++i) batch[i]->done(commit.ok() ? results[i] : commit);
  }

  std::unique_ptr<SqliteConnection> writer_;
  std::unique_ptr<SqliteConnection> checkpoint_connection_;
  WalCheckpointer checkpointer_;
  std::vector<std::unique_ptr<SqliteConnection>> readers_;

  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<SqliteConnection*> idle_readers_;

  // Last: its writer thread uses the members above, so it starts after and stops before them.
  WriteQueue queue_{[this](std::vector<std::unique_ptr<WriteJob>>& batch) { RunBatch(batch); }};
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqliteDatabase(const std::string& path, const DatabaseOptions& options) {
  // SQLite's memory statistics take a process-wide mutex on every allocation; nothing reads them,
  // and the writer thread spent a few per cent of its time in that mutex. Must precede the first
  // connection (later calls are refused harmlessly).
  static const int memstatus_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)memstatus_off;
  auto writer = OpenConnection(path, options, true);
  if (!writer.ok()) return writer.status();
  ZX_RETURN_IF_ERROR(ApplyMigrations(**writer, BuiltInMigrations(Dialect::kSqlite)));
  std::vector<std::unique_ptr<SqliteConnection>> readers;
  for (int i = 0; i < std::max(1, options.reader_connections); ++i) {
    auto r = OpenConnection(path, options, false);
    if (!r.ok()) return r.status();
    readers.push_back(std::move(*r));
  }
  auto checkpoint_connection = OpenConnection(path, options, false);
  if (!checkpoint_connection.ok()) return checkpoint_connection.status();
  return std::unique_ptr<Database>(
      new SqliteDatabase(std::move(*writer), std::move(readers), std::move(*checkpoint_connection)));
}

}  // namespace zx
