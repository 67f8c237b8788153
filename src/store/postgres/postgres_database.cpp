#include "store/postgres/postgres_database.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "store/migrations.h"
#include "store/store_stats.h"
#include "store/write_queue.h"

namespace zx {

std::string RedactDatabaseUrl(const std::string& url) {
  // scheme://user:password@host... -> scheme://user:***@host...
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  size_t start = scheme + 3;
  size_t at = url.find('@', start);
  size_t slash = url.find('/', start);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return url;
  size_t colon = url.find(':', start);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

namespace {

// Keys for pg_advisory_lock: one for migrations, one that serialises writer transactions.
constexpr const char* kMigrationLock = "SELECT pg_advisory_lock(7865317400001)";
constexpr const char* kMigrationUnlock = "SELECT pg_advisory_unlock(7865317400001)";
constexpr const char* kWriterLock = "SELECT pg_advisory_xact_lock(7865317400002)";

std::string TrimMessage(const char* m) {
  std::string s = m ? m : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  // libpq messages may be several lines (ERROR, DETAIL); keep them on one line.
  for (char& ch : s)
    if (ch == '\n') ch = ' ';
  return s;
}

bool ConnectionGone(PGconn* conn) { return conn == nullptr || PQstatus(conn) != CONNECTION_OK; }

// Maps a failed result (or a failed call without one) to a Status.
Status FromPg(PGconn* conn, const PGresult* res, std::string_view what) {
  std::string detail = TrimMessage(res ? PQresultErrorMessage(res) : nullptr);
  if (detail.empty()) detail = TrimMessage(conn ? PQerrorMessage(conn) : "no connection");
  std::string msg = std::string(what) + ": " + detail;
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string code = state ? state : "";
  if (ConnectionGone(conn) || code.rfind("08", 0) == 0 || code.rfind("57P0", 0) == 0)
    return Status::Unavailable("database server unreachable: " + msg);
  if (code == "23505") return Status::Conflict(msg);
  if (code.rfind("23", 0) == 0 || code.rfind("22", 0) == 0 || code == "P0001") return Status::InvalidArgument(msg);
  if (code == "40001" || code == "40P01") return Status::Unavailable("database is busy (please retry): " + msg);
  if (code.rfind("53", 0) == 0) return Status::Unavailable("database server is out of resources: " + msg);
  if (code == "55P03") return Status::Unavailable("database is busy: " + msg);
  return Status::Internal(msg);
}

// `?` -> $1, $2 ... except inside '...' literals, "..." identifiers and comments.
std::string NumberPlaceholders(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    char ch = sql[i];
    if (ch == '\'' || ch == '"') {
      size_t end = sql.find(ch, i + 1);
      if (end == std::string_view::npos) end = sql.size() - 1;
      out.append(sql.substr(i, end - i + 1));
      i = end;  // a doubled quote ('') just closes and reopens: same result
    } else if (ch == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      size_t end = sql.find('\n', i);
      if (end == std::string_view::npos) end = sql.size() - 1;
      out.append(sql.substr(i, end - i + 1));
      i = end;
    } else if (ch == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      end = end == std::string_view::npos ? sql.size() - 1 : end + 1;
      out.append(sql.substr(i, end - i + 1));
      i = end;
    } else if (ch == '?') {
      out += "$" + std::to_string(++n);
    } else {
      out.push_back(ch);
    }
  }
  *count = n;
  return out;
}

class PostgresConnection;

class PostgresStatement final : public Statement {
 public:
  PostgresStatement(PostgresConnection* conn, std::string name, int params)
      : conn_(conn), name_(std::move(name)), values_(params) {}
  ~PostgresStatement() override { Clear(); }

  void BindNull(int i) override { Set(i, std::nullopt); }
  void BindInt(int i, int64_t v) override { Set(i, std::to_string(v)); }
  void BindDouble(int i, double v) override {
    if (std::isnan(v)) return Set(i, std::string("NaN"));
    if (std::isinf(v)) return Set(i, std::string(v > 0 ? "Infinity" : "-Infinity"));
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    Set(i, std::string(buf));
  }
  void BindText(int i, std::string_view v) override { Set(i, std::string(v)); }

  Result<bool> Step() override;

  bool IsNull(int c) const override { return !res_ || PQgetisnull(res_, row_, c); }
  int64_t Int(int c) const override {
    if (IsNull(c)) return 0;
    const char* v = PQgetvalue(res_, row_, c);
    if (v[0] == 't' && v[1] == 0) return 1;  // booleans
    if (v[0] == 'f' && v[1] == 0) return 0;
    if (std::strpbrk(v, ".eE")) return static_cast<int64_t>(std::strtod(v, nullptr));
    return std::strtoll(v, nullptr, 10);
  }
  double Double(int c) const override {
    if (IsNull(c)) return 0;
    return std::strtod(PQgetvalue(res_, row_, c), nullptr);
  }
  std::string Text(int c) const override {
    if (IsNull(c)) return std::string();
    return std::string(PQgetvalue(res_, row_, c), PQgetlength(res_, row_, c));
  }
  void Reset() override {
    Clear();
    for (auto& v : values_) v.reset();
  }

 private:
  void Set(int i, std::optional<std::string> v) {
    if (i < 1 || i > static_cast<int>(values_.size())) return;  // like SQLite: out of range is ignored
    values_[i - 1] = std::move(v);
  }
  void Clear() {
    if (res_) PQclear(res_);
    res_ = nullptr;
    row_ = -1;
    rows_ = 0;
    ran_ = false;
  }

  PostgresConnection* conn_;
  std::string name_;
  std::vector<std::optional<std::string>> values_;
  PGresult* res_ = nullptr;
  int row_ = -1;
  int rows_ = 0;
  bool ran_ = false;
};

class PostgresConnection final : public Connection {
 public:
  PostgresConnection(std::string url, int lock_timeout_ms)
      : url_(std::move(url)), options_("-c lock_timeout=" + std::to_string(std::max(0, lock_timeout_ms))) {}
  ~PostgresConnection() override { Disconnect(); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  // Opens (or re-opens) the connection. Statements prepared before are forgotten.
  Status Connect() {
    Disconnect();
    // Defaults first: the URL's own parameters (expanded from dbname) override them.
    const char* keys[] = {"connect_timeout", "application_name", "client_encoding", "options", "dbname", nullptr};
    const char* values[] = {"5", "zhenxing", "UTF8", options_.c_str(), url_.c_str(), nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      std::string m = TrimMessage(conn_ ? PQerrorMessage(conn_) : "out of memory");
      Disconnect();
      return Status::Unavailable("database server unreachable: " + RedactDatabaseUrl(url_) + ": " + m);
    }
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);  // "already exists, skipping" etc.
    return Status::Ok();
  }
  bool Healthy() const { return !ConnectionGone(conn_); }
  // Re-opens a connection that was lost (or never opened).
  Status EnsureConnected() { return Healthy() ? Status::Ok() : Connect(); }
  // Starts a transaction. A connection that died while idle (server restart, terminated backend) is
  // only noticed now: nothing has run yet, so it is re-opened and the BEGIN tried once more.
  Status Begin(const char* sql) {
    ZX_RETURN_IF_ERROR(EnsureConnected());
    Status s = Exec(sql);
    if (s.ok() || Healthy()) return s;
    ZX_RETURN_IF_ERROR(Connect());
    return Exec(sql);
  }
  void Disconnect() {
    cache_.clear();
    if (conn_) PQfinish(conn_);
    conn_ = nullptr;
  }

  Status Exec(std::string_view sql) override {
    if (!conn_) return Status::Unavailable("database server unreachable: not connected");
    std::string s(sql);
    PGresult* res = PQexec(conn_, s.c_str());
    Status st = Check(res, "statement failed");
    if (st.ok()) changes_ = ParseChanges(res);
    PQclear(res);
    return st;
  }

  Result<Stmt> Prepare(std::string_view sql) override {
    if (!conn_) return Status::Unavailable("database server unreachable: not connected");
    std::string key(sql);
    auto it = cache_.find(key);
    if (it == cache_.end()) {
      int params = 0;
      std::string translated = NumberPlaceholders(sql, &params);
      std::string name = "zx_" + std::to_string(++next_statement_);
      PGresult* res = PQprepare(conn_, name.c_str(), translated.c_str(), 0, nullptr);
      Status st = Check(res, "prepare failed");
      PQclear(res);
      if (!st.ok()) return st;
      it = cache_.emplace(key, std::make_unique<PostgresStatement>(this, name, params)).first;
    }
    return Stmt(it->second.get());
  }

  int64_t Changes() const override { return changes_; }

  Status CopyRows(std::string_view table, const std::vector<std::string>& columns,
                  const std::vector<std::vector<std::optional<std::string>>>& rows) override {
    if (rows.empty()) return Status::Ok();
    std::string sql = "COPY " + std::string(table) + " (";
    for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
    sql += ") FROM STDIN";
    PGresult* res = PQexec(conn_, sql.c_str());
    if (PQresultStatus(res) != PGRES_COPY_IN) {
      Status st = FromPg(conn_, res, "copy failed");
      PQclear(res);
      return st;
    }
    PQclear(res);
    std::string buf;
    bool sent = true;
    for (const auto& row : rows) {
      for (size_t i = 0; i < columns.size(); ++i) {
        if (i) buf.push_back('\t');
        if (i >= row.size() || !row[i]) {
          buf += "\\N";
          continue;
        }
        for (char ch : *row[i]) {
          switch (ch) {
            case '\\': buf += "\\\\"; break;
            case '\t': buf += "\\t"; break;
            case '\n': buf += "\\n"; break;
            case '\r': buf += "\\r"; break;
            default: buf.push_back(ch);
          }
        }
      }
      buf.push_back('\n');
      if (buf.size() > (1 << 20)) {
        sent = PQputCopyData(conn_, buf.data(), static_cast<int>(buf.size())) == 1;
        buf.clear();
        if (!sent) break;
      }
    }
    if (sent && !buf.empty()) sent = PQputCopyData(conn_, buf.data(), static_cast<int>(buf.size())) == 1;
    PQputCopyEnd(conn_, sent ? nullptr : "client stopped");
    Status st;
    int64_t copied = 0;
    while ((res = PQgetResult(conn_)) != nullptr) {
      if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        if (st.ok()) st = FromPg(conn_, res, "copy into " + std::string(table) + " failed");
      } else {
        copied += ParseChanges(res);
      }
      PQclear(res);
    }
    if (st.ok() && !sent) st = FromPg(conn_, nullptr, "copy failed");
    if (st.ok()) changes_ = copied;
    return st;
  }

  // Runs a prepared statement; the result is all of its rows (text format).
  PGresult* Run(const std::string& name, const std::vector<std::optional<std::string>>& values) {
    std::vector<const char*> ptrs(values.size());
    std::vector<int> lengths(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      ptrs[i] = values[i] ? values[i]->c_str() : nullptr;
      lengths[i] = values[i] ? static_cast<int>(values[i]->size()) : 0;
    }
    return PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), ptrs.data(), lengths.data(), nullptr,
                          0);
  }

  // Ok for a successful result; otherwise the mapped error.
  Status Check(const PGresult* res, std::string_view what) {
    ExecStatusType t = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK || t == PGRES_EMPTY_QUERY) return Status::Ok();
    return FromPg(conn_, res, what);
  }

  static int64_t ParseChanges(const PGresult* res) {
    const char* n = PQcmdTuples(const_cast<PGresult*>(res));
    return n && *n ? std::strtoll(n, nullptr, 10) : 0;
  }
  void SetChanges(int64_t n) { changes_ = n; }

  PGconn* raw() { return conn_; }
  // Idle, in a transaction, or in a failed transaction.
  PGTransactionStatusType TransactionStatus() const { return conn_ ? PQtransactionStatus(conn_) : PQTRANS_UNKNOWN; }

 private:
  std::string url_;
  std::string options_;
  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<PostgresStatement>> cache_;
  int64_t next_statement_ = 0;
  int64_t changes_ = 0;
};

Result<bool> PostgresStatement::Step() {
  if (!ran_) {
    ran_ = true;
    res_ = conn_->Run(name_, values_);
    Status st = conn_->Check(res_, "query failed");
    if (!st.ok()) {
      PQclear(res_);
      res_ = nullptr;
      return st;
    }
    if (PQresultStatus(res_) != PGRES_TUPLES_OK) {
      conn_->SetChanges(PostgresConnection::ParseChanges(res_));
      return false;
    }
    rows_ = PQntuples(res_);
    conn_->SetChanges(PostgresConnection::ParseChanges(res_));
  }
  if (!res_ || row_ + 1 >= rows_) {
    row_ = rows_;
    return false;
  }
  ++row_;
  return true;
}

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, std::unique_ptr<PostgresConnection> writer, const DatabaseOptions& options)
      : url_(std::move(url)),
        writer_(std::move(writer)),
        max_readers_(std::max(1, options.reader_connections)),
        lock_timeout_ms_(options.busy_timeout_ms) {
  }
  ~PostgresDatabase() override { Close(); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Status Read(const WorkFn& fn) override {
    ReadTimer timer;
    PostgresConnection* c = nullptr;
    {
      std::unique_lock lock(readers_mu_);
      readers_cv_.wait(lock, [&] { return !idle_readers_.empty() || static_cast<int>(readers_.size()) < max_readers_; });
      if (!idle_readers_.empty()) {
        c = idle_readers_.back();
        idle_readers_.pop_back();
      } else {
        readers_.push_back(std::make_unique<PostgresConnection>(url_, lock_timeout_ms_));
        c = readers_.back().get();
      }
    }
    Status s = c->Begin("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    if (s.ok()) {
      s = RunGuarded(fn, *c);
      Status end = c->Exec(c->TransactionStatus() == PQTRANS_INTRANS ? "COMMIT" : "ROLLBACK");
      if (s.ok() && !end.ok()) s = end;
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
  // A job that returned Ok although one of its statements failed (it ignored the error) leaves
  // the transaction aborted: that is a failure of the job too.
  Status AfterJob(Status s) {
    if (s.ok() && writer_->TransactionStatus() == PQTRANS_INERROR)
      return Status::Internal("a statement of this write failed and its error was ignored");
    return s;
  }

  void RunBatch(std::vector<std::unique_ptr<WriteJob>>& batch) {
    std::vector<Status> results(batch.size());
    Status begin = writer_->Begin("BEGIN");
    if (begin.ok()) {
      begin = writer_->Exec(kWriterLock);
      if (!begin.ok()) writer_->Exec("ROLLBACK");
    }
    if (!begin.ok()) {
      for (auto& j : batch) j->done(begin);
      return;
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      if (batch.size() == 1) {
        results[i] = AfterJob(RunGuarded(batch[i]->fn, *writer_));
        continue;
      }
      Status sp = writer_->Exec("SAVEPOINT zx_write");
      if (!sp.ok()) {
        results[i] = sp;
        continue;
      }
      results[i] = AfterJob(RunGuarded(batch[i]->fn, *writer_));
      if (!results[i].ok()) writer_->Exec("ROLLBACK TO SAVEPOINT zx_write");
      writer_->Exec("RELEASE SAVEPOINT zx_write");
    }
    Status commit;
    if (batch.size() == 1 && !results[0].ok()) {
      writer_->Exec("ROLLBACK");
    } else {
      commit = Commit();
    }
    for (size_t i = 0; i < batch.size(); ++i) batch[i]->done(commit.ok() ? results[i] : commit);
  }

  Status Commit() {
    PGconn* conn = writer_->raw();
    if (!conn) return Status::Unavailable("database server unreachable: not connected");
    PGresult* res = PQexec(conn, "COMMIT");
    Status st = writer_->Check(res, "commit failed");
    // COMMIT of an aborted transaction "succeeds" with the tag ROLLBACK: nothing was written.
    if (st.ok() && std::strcmp(PQcmdStatus(res), "COMMIT") != 0)
      st = Status::Internal("commit failed: the transaction had been aborted");
    PQclear(res);
    if (!st.ok() && writer_->TransactionStatus() != PQTRANS_IDLE) writer_->Exec("ROLLBACK");
    return st;
  }

  std::string url_;
  std::unique_ptr<PostgresConnection> writer_;
  int max_readers_;
  int lock_timeout_ms_;

  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<PostgresConnection>> readers_;
  std::vector<PostgresConnection*> idle_readers_;

  // Last: its writer thread uses the members above, so it starts after and stops before them.
  WriteQueue queue_{[this](std::vector<std::unique_ptr<WriteJob>>& batch) { RunBatch(batch); }};
};

}  // namespace

namespace {
Status RequireVersion15(PGconn* conn) {
  int version = PQserverVersion(conn);
  if (version >= 150000) return Status::Ok();
  const char* shown = PQparameterStatus(conn, "server_version");
  return Status::Unavailable(std::string("PostgreSQL 15 or newer is required, server is ") +
                             (shown ? shown : std::to_string(version)));
}
}  // namespace

Result<std::unique_ptr<Connection>> ConnectPostgres(const std::string& url) {
  auto c = std::make_unique<PostgresConnection>(url, 5000);
  ZX_RETURN_IF_ERROR(c->Connect());
  ZX_RETURN_IF_ERROR(RequireVersion15(c->raw()));
  return std::unique_ptr<Connection>(std::move(c));
}

Result<std::unique_ptr<Database>> OpenPostgresDatabase(const std::string& url, const DatabaseOptions& options) {
  auto writer = std::make_unique<PostgresConnection>(url, options.busy_timeout_ms);
  ZX_RETURN_IF_ERROR(writer->Connect());
  ZX_RETURN_IF_ERROR(RequireVersion15(writer->raw()));
  ZX_RETURN_IF_ERROR(writer->Exec(kMigrationLock));
  Status migrated = ApplyMigrations(*writer, BuiltInMigrations(Dialect::kPostgres));
  Status unlocked = writer->Exec(kMigrationUnlock);
  ZX_RETURN_IF_ERROR(migrated);
  ZX_RETURN_IF_ERROR(unlocked);
  return std::unique_ptr<Database>(new PostgresDatabase(url, std::move(writer), options));
}

}  // namespace zx
