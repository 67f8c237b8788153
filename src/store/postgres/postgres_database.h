// PostgreSQL driver (plain libpq): one writer connection owned by one writer thread (group
// commit, exactly like the SQLite driver), and a pool of up to `reader_connections` reader
// connections, opened on first use.
//
// - Read(fn): a pooled connection in a READ ONLY, REPEATABLE READ transaction (one snapshot).
// - Write(fn): queued; the writer runs a batch in one transaction with a SAVEPOINT around each job
//   (a failing job rolls back alone) and answers the callers after COMMIT. The writer transaction
//   first takes a transaction-scoped advisory lock, so writers of several processes (a server and a
//   CLI command) are serialised like SQLite's BEGIN IMMEDIATE: the audit hash chain (read the last
//   row, insert the next) stays correct. READ COMMITTED: after the lock, each statement sees every
//   write committed before it.
// - Submit(fn, done): like Write, but returns at once; `done` runs on the writer thread after COMMIT.
// - WriteAlone(fn): the same writer, alone in its own transaction.
// - Statements are prepared once per connection (PQprepare, generated names); `?` placeholders are
//   numbered $1..$n (not inside quoted literals, identifiers or comments). Parameters and results
//   travel in text format; Int()/Double() parse the text.
// - Errors: 23505 -> Conflict; 23xxx (foreign key, check, not null), 22xxx (bad text, range) and
//   P0001 (raised by a trigger) -> InvalidArgument; a lost or refused connection, 57P0x, 08xxx,
//   40001/40P01 (serialization, deadlock) -> Unavailable ("database server unreachable: ..." when the
//   server cannot be reached). A transaction cut off by a lost connection is aborted by the server, so
//   nothing half-done remains; the connection is re-opened the next time it is borrowed.
// - At open: the server must be PostgreSQL 15 or newer; migrations (Dialect::kPostgres) are applied
//   under a session advisory lock, so two processes opening a fresh database do not race.
// Thread-safety: see store/database.h. A PostgresConnection is used by one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace zx {

// `url` is a libpq URL: postgresql://user[:password]@host[:port]/dbname[?param=value...].
Result<std::unique_ptr<Database>> OpenPostgresDatabase(const std::string& url, const DatabaseOptions& options);

// One plain connection to a PostgreSQL 15+ server, without migrations: for maintenance commands
// that work on a database which is not (or not only) a zhenxing installation.
Result<std::unique_ptr<Connection>> ConnectPostgres(const std::string& url);

// The URL with any password replaced by "***", for messages and logs.
std::string RedactDatabaseUrl(const std::string& url);

}  // namespace zx
