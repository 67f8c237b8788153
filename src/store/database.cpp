#include "store/database.h"

#include "store/sqlite/sqlite_database.h"

namespace zx {

Result<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options) {
  const std::string& url = options.url;
  if (url.empty()) return Status::InvalidArgument("no database given", "db");
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
    return Status::Unavailable("the PostgreSQL driver is not built into this version yet");
  std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
  if (path.empty()) return Status::InvalidArgument("empty SQLite path", "db");
  return OpenSqliteDatabase(path, options);
}

}  // namespace zx
