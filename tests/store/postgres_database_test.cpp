// The PostgreSQL driver: the same behaviours as the SQLite driver's tests, plus what only a server
// can do (be unreachable, lose a connection). Needs a server: ZX_TEST_PG_URL names one
// (tests/run_with_pg.sh starts a throwaway cluster and sets it). Without it the tests FAIL.
#include "store/postgres/postgres_database.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <future>
#include <random>
#include <thread>
#include <vector>

#include "store/migrations.h"

namespace zx {
namespace {

std::string BaseUrl() {
  const char* u = std::getenv("ZX_TEST_PG_URL");
  return u ? u : "";
}

// The URL with another database name.
std::string WithDatabase(const std::string& url, const std::string& name) {
  size_t q = url.find('?');
  std::string tail = q == std::string::npos ? "" : url.substr(q);
  std::string head = url.substr(0, q);
  size_t slash = head.find('/', head.find("://") + 3);
  return (slash == std::string::npos ? head : head.substr(0, slash)) + "/" + name + tail;
}

// Runs one statement on its own connection (CREATE DATABASE cannot run in a transaction).
std::string Admin(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  std::string err;
  if (PQstatus(c) != CONNECTION_OK) {
    err = PQerrorMessage(c);
  } else {
    PGresult* r = PQexec(c, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) err = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(c);
  return err;
}

class PostgresDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(BaseUrl().empty())
        << "ZX_TEST_PG_URL is not set: these tests need a PostgreSQL server. Run them through "
           "tests/run_with_pg.sh (ctest does), or start one with scripts/pg.sh start and export the URL.";
    std::random_device rd;
    name_ = "zx_unit_" + std::to_string(rd()) + std::to_string(rd() % 1000);
    ASSERT_EQ(Admin(BaseUrl(), "CREATE DATABASE " + name_), "");
    url_ = WithDatabase(BaseUrl(), name_);
  }
  void TearDown() override {
    if (!name_.empty()) Admin(BaseUrl(), "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  std::unique_ptr<Database> Open(int readers = 4) {
    DatabaseOptions o;
    o.url = url_;
    o.reader_connections = readers;
    auto db = OpenDatabase(o);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(*db) : nullptr;
  }
  std::string name_, url_;
};

TEST_F(PostgresDatabaseTest, MigrationsAreAppliedAndRecordedOnce) {
  { ASSERT_TRUE(Open()); }
  auto db = Open();  // second open: nothing to apply
  ASSERT_TRUE(db);
  EXPECT_EQ(db->dialect(), Dialect::kPostgres);
  auto migrations = BuiltInMigrations(Dialect::kPostgres);
  int64_t applied = 0, newest = 0, postgres_only = 0;
  ASSERT_TRUE(db->Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(applied, QueryInt(c, "SELECT COUNT(*) FROM schema_migrations"));
                  ZX_ASSIGN_OR_RETURN(newest, QueryInt(c, "SELECT MAX(version) FROM schema_migrations"));
                  ZX_ASSIGN_OR_RETURN(postgres_only,
                                      QueryInt(c, "SELECT COUNT(*) FROM schema_migrations WHERE name LIKE ?",
                                               "%.postgres.sql"));
                  return Status::Ok();
                }).ok());
  EXPECT_EQ(applied, static_cast<int64_t>(migrations.size()));
  EXPECT_EQ(newest, migrations.back().version);
  EXPECT_GE(postgres_only, 1);
  for (const auto& m : migrations) EXPECT_EQ(m.name.find(".sqlite."), std::string::npos) << m.name;
}

TEST_F(PostgresDatabaseTest, RefusesADatabaseFromANewerVersion) {
  {
    auto db = Open();
    ASSERT_TRUE(db->Write([](Connection& c) {
                    return c.Execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (9999, 'x', 'y')");
                  }).ok());
  }
  DatabaseOptions o;
  o.url = url_;
  auto again = OpenDatabase(o);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("newer"), std::string::npos) << again.status().ToString();
}

TEST_F(PostgresDatabaseTest, AFailingWriteRollsBackAloneInsideAGroup) {
  auto db = Open();
  ASSERT_TRUE(db->Write([](Connection& c) { return c.Exec("CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT)"); }).ok());
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
  EXPECT_EQ(rows, 200);
  EXPECT_EQ(odd, 0);
}

TEST_F(PostgresDatabaseTest, AStatementErrorInsideAGroupRollsBackThatWriteOnly) {
  // The database's own error (not the callback's) aborts the transaction: the savepoint must undo it.
  auto db = Open();
  ASSERT_TRUE(db->Write([](Connection& c) { return c.Exec("CREATE TABLE u(k TEXT PRIMARY KEY)"); }).ok());
  std::vector<std::thread> threads;
  std::atomic<int> conflicts{0};
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&, i] {
      Status s = db->Write([i](Connection& c) -> Status {
        ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO u VALUES (?)", "row" + std::to_string(i)));
        return c.Execute("INSERT INTO u VALUES (?)", i % 5 == 0 ? "row" + std::to_string(i) : "x" + std::to_string(i));
      });
      if (s.code() == Code::kConflict) conflicts++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(conflicts, 10);
  int64_t rows = 0;
  ASSERT_TRUE(db->Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(rows, QueryInt(c, "SELECT COUNT(*) FROM u"));
                  return Status::Ok();
                }).ok());
  EXPECT_EQ(rows, 80);  // 40 good writes x 2 rows
  // A write that swallows a statement's error does not commit a half-done transaction.
  Status ignored = db->Write([](Connection& c) -> Status {
    (void)c.Execute("INSERT INTO u VALUES ('row1')");  // duplicate: the transaction is now aborted
    return Status::Ok();
  });
  EXPECT_FALSE(ignored.ok());
  EXPECT_TRUE(db->Write([](Connection& c) { return c.Execute("INSERT INTO u VALUES ('after')"); }).ok());
}

TEST_F(PostgresDatabaseTest, ConstraintErrorsMapToStatusCodes) {
  auto db = Open();
  ASSERT_TRUE(db->Write([](Connection& c) { return c.Exec("CREATE TABLE u(k TEXT PRIMARY KEY, n INTEGER)"); }).ok());
  ASSERT_TRUE(db->Write([](Connection& c) { return c.Execute("INSERT INTO u VALUES (?, 1)", "a"); }).ok());
  Status dup = db->Write([](Connection& c) { return c.Execute("INSERT INTO u VALUES (?, 2)", "a"); });
  EXPECT_EQ(dup.code(), Code::kConflict) << dup.ToString();
  Status fk = db->Write([](Connection& c) {
    return c.Execute("INSERT INTO regions(code, name, level, parent_code) VALUES ('610000000000', 'x', 1, '990000000000')");
  });
  EXPECT_EQ(fk.code(), Code::kInvalidArgument) << fk.ToString();
  Status check = db->Write([](Connection& c) {
    return c.Execute("INSERT INTO regions(code, name, level, parent_code) VALUES ('610000000000', 'x', 9, NULL)");
  });
  EXPECT_EQ(check.code(), Code::kInvalidArgument) << check.ToString();
  Status not_null = db->Write([](Connection& c) { return c.Execute("INSERT INTO meta(key, value) VALUES ('k', ?)", nullptr); });
  EXPECT_EQ(not_null.code(), Code::kInvalidArgument) << not_null.ToString();
  Status bad_text = db->Write([](Connection& c) { return c.Execute("INSERT INTO u VALUES ('b', ?)", "not a number"); });
  EXPECT_EQ(bad_text.code(), Code::kInvalidArgument) << bad_text.ToString();
  Status audit = db->Write([](Connection& c) {
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO audit_log(id, at, username, action, entity, record_id, prev_hash, hash) "
                                 "VALUES (1, 0, 'a', 'x', 'y', 'z', 'p', 'h')"));
    return c.Execute("UPDATE audit_log SET username = 'b'");
  });
  EXPECT_EQ(audit.code(), Code::kInvalidArgument) << audit.ToString();
  EXPECT_NE(audit.message().find("append-only"), std::string::npos);
  Status truncate = db->Write([](Connection& c) { return c.Exec("TRUNCATE audit_log"); });
  EXPECT_FALSE(truncate.ok());
}

TEST_F(PostgresDatabaseTest, ExceptionsInsideAWriteBecomeErrors) {
  auto db = Open();
  Status s = db->Write([](Connection&) -> Status { throw std::runtime_error("boom"); });
  EXPECT_EQ(s.code(), Code::kInternal);
  EXPECT_TRUE(db->Write([](Connection& c) { return c.Exec("SELECT 1"); }).ok());  // the writer lives on
}

TEST_F(PostgresDatabaseTest, ValuesPlaceholdersAndChangesRoundTrip) {
  auto db = Open();
  ASSERT_TRUE(db->Write([](Connection& c) -> Status {
                  ZX_RETURN_IF_ERROR(c.Exec("CREATE TABLE v(d DOUBLE PRECISION, i BIGINT, s TEXT)"));
                  for (double d : {0.1, 1e-300, 123.45678901234567, -2.5})
                    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO v(d, i, s) VALUES (?, ?, ?)", d,
                                                 int64_t{9007199254740993}, "it's a '?'\ttab\nline \\ 振兴"));
                  ZX_RETURN_IF_ERROR(c.Execute("UPDATE v SET i = i + 1 WHERE d > ?", 0.0));
                  EXPECT_EQ(c.Changes(), 3);
                  return Status::Ok();
                }).ok());
  ASSERT_TRUE(db->Read([](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT d, i, s, '?' || ? AS lit, NULL FROM v -- a '?' here\n"
                                                         "WHERE s = ? ORDER BY d"));
                  st.Bind("x", "it's a '?'\ttab\nline \\ 振兴");
                  std::vector<double> ds;
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    ds.push_back(st->Double(0));
                    EXPECT_EQ(st->Text(3), "?x");
                    EXPECT_TRUE(st->IsNull(4));
                    EXPECT_FALSE(st->IsNull(0));
                  }
                  EXPECT_EQ(ds, (std::vector<double>{-2.5, 1e-300, 0.1, 123.45678901234567}));
                  ZX_ASSIGN_OR_RETURN(int64_t big, QueryInt(c, "SELECT MAX(i) FROM v"));
                  EXPECT_EQ(big, 9007199254740994);
                  return Status::Ok();
                }).ok());
}

TEST_F(PostgresDatabaseTest, ReadsAreReadOnlySnapshots) {
  auto db = Open();
  Status s = db->Read([](Connection& c) { return c.Execute("INSERT INTO meta(key, value) VALUES ('a', 'b')"); });
  EXPECT_FALSE(s.ok());
  // A write that commits while a read runs is not seen by that read.
  int64_t before = -1, during = -1;
  ASSERT_TRUE(db->Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(before, QueryInt(c, "SELECT COUNT(*) FROM meta"));
                  EXPECT_TRUE(db->Write([](Connection& w) {
                                  return w.Execute("INSERT INTO meta(key, value) VALUES ('x', 'y')");
                                }).ok());
                  ZX_ASSIGN_OR_RETURN(during, QueryInt(c, "SELECT COUNT(*) FROM meta"));
                  return Status::Ok();
                }).ok());
  EXPECT_EQ(before, during);
}

TEST_F(PostgresDatabaseTest, CopyRowsLoadsTextValuesWithNulls) {
  auto db = Open();
  ASSERT_TRUE(db->Write([](Connection& c) -> Status {
                  ZX_RETURN_IF_ERROR(c.Exec("CREATE TABLE b(k BIGINT PRIMARY KEY, s TEXT, d DOUBLE PRECISION)"));
                  std::vector<std::vector<std::optional<std::string>>> rows;
                  for (int i = 0; i < 5000; ++i)
                    rows.push_back({std::to_string(i), i % 7 ? std::optional<std::string>("a\tb\\c\nd" + std::to_string(i)) : std::nullopt,
                                    "0.1"});
                  ZX_RETURN_IF_ERROR(c.CopyRows("b", {"k", "s", "d"}, rows));
                  EXPECT_EQ(c.Changes(), 5000);
                  return Status::Ok();
                }).ok());
  ASSERT_TRUE(db->Read([](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t nulls, QueryInt(c, "SELECT COUNT(*) FROM b WHERE s IS NULL"));
                  EXPECT_EQ(nulls, 715);
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT s, d FROM b WHERE k = 12"));
                  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                  EXPECT_TRUE(row);
                  EXPECT_EQ(st->Text(0), "a\tb\\c\nd12");
                  EXPECT_EQ(st->Double(1), 0.1);
                  return Status::Ok();
                }).ok());
  // A bad row fails the whole copy, with the database's code.
  Status bad = db->Write([](Connection& c) { return c.CopyRows("b", {"k", "s", "d"}, {{"1", "dup", "0"}}); });
  EXPECT_EQ(bad.code(), Code::kConflict) << bad.ToString();
}

TEST_F(PostgresDatabaseTest, AWrongServerAddressIsUnavailableQuickly) {
  // Port 1 on loopback: nothing listens there.
  auto started = std::chrono::steady_clock::now();
  DatabaseOptions o;
  o.url = "postgresql://zx:secret-password@127.0.0.1:1/nothing";
  auto db = OpenDatabase(o);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), Code::kUnavailable);
  EXPECT_NE(db.status().message().find("database server unreachable"), std::string::npos) << db.status().message();
  EXPECT_NE(db.status().message().find("127.0.0.1"), std::string::npos) << db.status().message();
  EXPECT_EQ(db.status().message().find("secret-password"), std::string::npos) << "the password must not be shown";
  EXPECT_LT(seconds, 3.0);
}

TEST_F(PostgresDatabaseTest, AConnectionKilledMidTransactionIsUnavailableAndNothingIsApplied) {
  auto db = Open();
  ASSERT_TRUE(db->Write([](Connection& c) { return c.Exec("CREATE TABLE k(v TEXT)"); }).ok());
  Status killed = db->Write([&](Connection& c) -> Status {
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO k VALUES ('lost')"));
    ZX_ASSIGN_OR_RETURN(int64_t pid, QueryInt(c, "SELECT pg_backend_pid()"));
    std::string err = Admin(url_, "SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
    EXPECT_EQ(err, "");
    return c.Execute("INSERT INTO k VALUES ('also lost')");
  });
  EXPECT_EQ(killed.code(), Code::kUnavailable) << killed.ToString();
  EXPECT_NE(killed.message().find("database server unreachable"), std::string::npos) << killed.message();
  // The next write reconnects and works; nothing of the killed one is there.
  EXPECT_TRUE(db->Write([](Connection& c) { return c.Execute("INSERT INTO k VALUES ('next')"); }).ok());
  // Readers that died while idle come back too.
  ASSERT_TRUE(db->Read([](Connection& c) { return QueryInt(c, "SELECT 1").status(); }).ok());
  EXPECT_EQ(Admin(url_, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND pid <> pg_backend_pid()"),
            "");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::vector<std::string> rows;
  ASSERT_TRUE(db->Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT v FROM k ORDER BY v"));
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    rows.push_back(st->Text(0));
                  }
                  return Status::Ok();
                }).ok());
  EXPECT_EQ(rows, std::vector<std::string>{"next"});
  EXPECT_TRUE(db->Write([](Connection& c) { return c.Execute("INSERT INTO k VALUES ('again')"); }).ok());
}

TEST_F(PostgresDatabaseTest, SubmitAnswersAfterCommitWithoutBlocking) {
  auto db = Open();
  ASSERT_TRUE(db->Write([](Connection& c) { return c.Exec("CREATE TABLE s(v INTEGER PRIMARY KEY)"); }).ok());
  std::vector<std::promise<Status>> done(20);
  for (int i = 0; i < 20; ++i)
    db->Submit([i](Connection& c) { return c.Execute("INSERT INTO s VALUES (?)", i % 10); },
               [&done, i](Status s) { done[i].set_value(std::move(s)); });
  int ok = 0, conflicts = 0;
  for (auto& d : done) {
    Status s = d.get_future().get();
    ok += s.ok();
    conflicts += s.code() == Code::kConflict;
  }
  EXPECT_EQ(ok, 10);
  EXPECT_EQ(conflicts, 10);
  int64_t rows = 0;
  ASSERT_TRUE(db->Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(rows, QueryInt(c, "SELECT COUNT(*) FROM s"));
                  return Status::Ok();
                }).ok());
  EXPECT_EQ(rows, 10);
}

TEST_F(PostgresDatabaseTest, ReaderPoolIsBoundedAndShared) {
  auto db = Open(2);
  std::atomic<int> inside{0}, most{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      EXPECT_TRUE(db->Read([&](Connection& c) -> Status {
                      int now = ++inside;
                      int m = most.load();
                      while (now > m && !most.compare_exchange_weak(m, now)) {}
                      std::this_thread::sleep_for(std::chrono::milliseconds(30));
                      --inside;
                      return QueryInt(c, "SELECT 1").status();
                    }).ok());
    });
  for (auto& t : threads) t.join();
  EXPECT_LE(most.load(), 2);
}

}  // namespace
}  // namespace zx
