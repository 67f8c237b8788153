// The narrow database interface every module uses. Drivers: sqlite/ (now), postgres/ (next).
//
// Thread-safety: a Database is shared by all threads. Read() borrows a reader connection for the
// duration of the callback; Write() hands the callback to the single writer thread, which runs
// queued writes together in one transaction (group commit) with a savepoint around each, so one
// failing write rolls back alone and the others still commit. A Connection and the Statements it
// prepared are used by one thread at a time and never outlive the callback.
//
// SQL is portable: `?` placeholders (the PostgreSQL driver numbers them), no dialect-only syntax
// in module code; migrations may use the tokens listed in migrations.h.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace zx {

enum class Dialect { kSqlite, kPostgres };

class Statement {
 public:
  virtual ~Statement() = default;
  // Parameters are numbered from 1.
  virtual void BindNull(int index) = 0;
  virtual void BindInt(int index, int64_t value) = 0;
  virtual void BindDouble(int index, double value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  // Advances to the next row: true if there is one, false when done.
  virtual Result<bool> Step() = 0;
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual double Double(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  // Makes the statement ready to bind and run again.
  virtual void Reset() = 0;
};

// A prepared statement borrowed from the connection's cache; resets itself when released.
class Stmt {
 public:
  explicit Stmt(Statement* s) : s_(s) {}
  Stmt(Stmt&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  Stmt(const Stmt&) = delete;
  ~Stmt() {
    if (s_) s_->Reset();
  }
  Statement* operator->() const { return s_; }
  Statement& operator*() const { return *s_; }

  // Binds arguments in order from parameter 1: Bind(a, b, c).
  template <typename... Args>
  Stmt& Bind(Args&&... args) {
    int i = 0;
    (BindOne(++i, std::forward<Args>(args)), ...);
    return *this;
  }

  // Runs a statement that returns no rows, then makes it ready for the next Bind.
  Status Run() {
    auto r = s_->Step();
    s_->Reset();
    return r.status();
  }

 private:
  void BindOne(int i, std::nullptr_t) { s_->BindNull(i); }
  void BindOne(int i, int v) { s_->BindInt(i, v); }
  void BindOne(int i, int64_t v) { s_->BindInt(i, v); }
  void BindOne(int i, bool v) { s_->BindInt(i, v ? 1 : 0); }
  void BindOne(int i, double v) { s_->BindDouble(i, v); }
  void BindOne(int i, std::string_view v) { s_->BindText(i, v); }
  void BindOne(int i, const std::string& v) { s_->BindText(i, v); }
  void BindOne(int i, const char* v) { s_->BindText(i, v); }
  template <typename T>
  void BindOne(int i, const std::optional<T>& v) {
    if (v) BindOne(i, *v); else s_->BindNull(i);
  }
  Statement* s_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs one or more statements without parameters (DDL, PRAGMA).
  virtual Status Exec(std::string_view sql) = 0;
  // Prepares (or takes from the cache) a statement.
  virtual Result<Stmt> Prepare(std::string_view sql) = 0;
  // Convenience: prepare, bind, run, for statements without rows.
  template <typename... Args>
  Status Execute(std::string_view sql, Args&&... args) {
    auto st = Prepare(sql);
    if (!st.ok()) return st.status();
    st->Bind(std::forward<Args>(args)...);
    return st->Run();
  }
  // Number of rows changed by the last statement.
  virtual int64_t Changes() const = 0;
  // Runs an INSERT of one row into a table whose key is `id` and gives the new row's id: the
  // connection's last inserted rowid on SQLite (where a RETURNING clause builds a temporary table
  // on every execution), `RETURNING id` on PostgreSQL.
  template <typename... Args>
  Result<int64_t> InsertGivingId(std::string_view insert_sql, Args&&... args) {
    if (dialect() == Dialect::kSqlite) {
      Status s = Execute(insert_sql, std::forward<Args>(args)...);
      if (!s.ok()) return s;
      return LastInsertRowId();
    }
    auto st = Prepare(std::string(insert_sql) + " RETURNING id");
    if (!st.ok()) return st.status();
    st->Bind(std::forward<Args>(args)...);
    auto row = (*st)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Internal("an insert gave no id");
    return (*st)->Int(0);
  }
  // Bulk load: inserts `rows` (text values; nullopt is NULL) into `columns` of `table`. PostgreSQL
  // streams them with COPY FROM STDIN; the default is a prepared INSERT per row (SQLite converts the
  // text by column affinity). Runs inside the caller's transaction.
  // SQLite: the rowid of the last row this connection inserted; 0 elsewhere.
  virtual int64_t LastInsertRowId() const { return 0; }
  virtual Status CopyRows(std::string_view table, const std::vector<std::string>& columns,
                          const std::vector<std::vector<std::optional<std::string>>>& rows);
};

using WorkFn = std::function<Status(Connection&)>;

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Runs `fn` on a reader connection (a consistent snapshot for its duration).
  virtual Status Read(const WorkFn& fn) = 0;
  // Runs `fn` inside a write transaction and returns once the transaction is durable
  // (or rolled back: then no effect of `fn` remains).
  virtual Status Write(WorkFn fn) = 0;
  // Like Write, but returns at once: `done` runs on the writer's thread once the transaction is
  // durable (or rolled back). For hot paths that must not hold a thread while the write waits its
  // turn. `done` must be quick and must not call back into the database. The default blocks.
  virtual void Submit(WorkFn fn, std::function<void(Status)> done) { done(Write(std::move(fn))); }
  // Runs `fn` alone in its own transaction, outside group commit: for bulk loads that should
  // not hold other writers' answers hostage to their size.
  virtual Status WriteAlone(WorkFn fn) = 0;
  // Stops the writer after draining its queue.
  virtual void Close() = 0;
};

struct DatabaseOptions {
  std::string url;          // a file path, "sqlite:PATH", or later "postgresql://..."
  int reader_connections = 4;
  int busy_timeout_ms = 5000;
  bool create = true;       // create the file if missing
};

// Opens the database named by options.url and applies pending migrations.
Result<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options);

// Reads one integer from a query with one row and one column (e.g. COUNT(*)).
template <typename... Args>
Result<int64_t> QueryInt(Connection& c, std::string_view sql, Args&&... args) {
  auto st = c.Prepare(sql);
  if (!st.ok()) return st.status();
  st->Bind(std::forward<Args>(args)...);
  auto row = (*st)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no row");
  return (*st)->Int(0);
}

}  // namespace zx
