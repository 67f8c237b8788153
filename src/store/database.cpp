#include "store/database.h"

#include "store/postgres/postgres_database.h"
#include "store/sqlite/sqlite_database.h"

namespace zx {

Status Connection::CopyRows(std::string_view table, const std::vector<std::string>& columns,
                            const std::vector<std::vector<std::optional<std::string>>>& rows) {
  if (rows.empty()) return Status::Ok();
  std::string sql = "INSERT INTO " + std::string(table) + "(";
  for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
  sql += ") VALUES (";
  for (size_t i = 0; i < columns.size(); ++i) sql += i ? ", ?" : "?";
  sql += ")";
  ZX_ASSIGN_OR_RETURN(Stmt st, Prepare(sql));
  for (const auto& row : rows) {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i < row.size() && row[i]) st->BindText(static_cast<int>(i + 1), *row[i]);
      else st->BindNull(static_cast<int>(i + 1));
    }
    ZX_RETURN_IF_ERROR(st.Run());
  }
  return Status::Ok();
}

Result<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options) {
  const std::string& url = options.url;
  if (url.empty()) return Status::InvalidArgument("no database given", "db");
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
    return OpenPostgresDatabase(url, options);
  std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
  if (path.empty()) return Status::InvalidArgument("empty SQLite path", "db");
  return OpenSqliteDatabase(path, options);
}

}  // namespace zx
