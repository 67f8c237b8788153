// SQLite driver: one writer connection owned by one writer thread (group commit), a pool of
// reader connections. WAL journal, foreign keys on, busy timeout, synchronous=FULL.
// Why FULL: an acknowledged write must survive a power loss, not only a process crash; group
// commit pays the extra fsync once per batch instead of once per request.
// Thread-safety: see store/database.h.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace zx {

Result<std::unique_ptr<Database>> OpenSqliteDatabase(const std::string& path, const DatabaseOptions& options);

}  // namespace zx
