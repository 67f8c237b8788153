#include "store/postgres/province_placement.h"

#include <libpq-fe.h>

#include <map>

namespace zx {
namespace {

struct Partition {
  std::string parent, name, bound, columns;
  std::vector<std::string> index_defs;
  std::vector<std::string> checks;  // "CONSTRAINT name CHECK (...)": a partition must carry its parent's
};

Result<std::vector<std::string>> Column(Connection& c, std::string_view sql, const std::string& arg) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(sql));
  st.Bind(arg);
  std::vector<std::string> out;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(st->Text(0));
  }
  return out;
}

std::string Literal(const std::string& s) {
  std::string out = "'";
  for (char ch : s) {
    if (ch == '\'') out += '\'';
    out += ch;
  }
  return out + "'";
}

// The foreign server's options from a libpq URL.
Result<std::map<std::string, std::string>> ConnectionOptions(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (!options) {
    std::string m = error ? error : "cannot parse";
    PQfreemem(error);
    return Status::InvalidArgument("province server URL: " + m, "server");
  }
  std::map<std::string, std::string> out;
  for (PQconninfoOption* o = options; o->keyword; ++o)
    if (o->val && *o->val) out[o->keyword] = o->val;
  PQconninfoFree(options);
  return out;
}

Result<std::vector<Partition>> LocalPartitions(Connection& c, const std::string& province) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT parent.relname, part.relname, pg_get_expr(part.relpartbound, part.oid), "
      "(SELECT string_agg(format('%I %s%s', a.attname, format_type(a.atttypid, a.atttypmod), "
      "CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END), ', ' ORDER BY a.attnum) FROM pg_attribute a "
      "WHERE a.attrelid = part.oid AND a.attnum > 0 AND NOT a.attisdropped) "
      "FROM pg_inherits i JOIN pg_class parent ON parent.oid = i.inhparent JOIN pg_class part ON part.oid = "
      "i.inhrelid WHERE part.relname = parent.relname || '_p' || ? AND part.relkind = 'r' AND "
      "parent.relnamespace = current_schema()::regnamespace ORDER BY parent.relname"));
  st.Bind(province);
  std::vector<Partition> out;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->Text(0), st->Text(1), st->Text(2), st->Text(3), {}});
  }
  for (auto& p : out) {
    ZX_ASSIGN_OR_RETURN(p.checks, Column(c, "SELECT format('CONSTRAINT %I %s', conname, pg_get_constraintdef(oid)) FROM "
                                            "pg_constraint WHERE conrelid = ?::regclass AND contype = 'c' ORDER BY conname",
                                            p.name));
    ZX_ASSIGN_OR_RETURN(p.index_defs, Column(c, "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = "
                                                "?::regclass ORDER BY indexrelid", p.name));
  }
  return out;
}

std::string ColumnsAndChecks(const Partition& p) {
  std::string out = p.columns;
  for (const auto& check : p.checks) out += ", " + check;
  return out;
}

// Makes the partition's table and indexes on the province server, or checks that one made by an
// earlier, interrupted run is there and empty.
Status PrepareOnProvinceServer(Connection& server, const Partition& p) {
  ZX_ASSIGN_OR_RETURN(int64_t exists, QueryInt(server, "SELECT COUNT(*) FROM pg_class WHERE relname = ? AND "
                                                       "relnamespace = current_schema()::regnamespace", p.name));
  if (exists) {
    ZX_ASSIGN_OR_RETURN(int64_t rows, QueryInt(server, "SELECT COUNT(*) FROM \"" + p.name + "\""));
    if (rows) return Status::Conflict("the province server already holds rows in " + p.name + "; refusing to mix", "server");
    return Status::Ok();
  }
  ZX_RETURN_IF_ERROR(server.Exec("BEGIN"));
  Status s = server.Exec("CREATE TABLE \"" + p.name + "\" (" + ColumnsAndChecks(p) + ")");
  for (const auto& def : p.index_defs)
    if (s.ok()) s = server.Exec(def);
  if (!s.ok()) {
    server.Exec("ROLLBACK");
    return s;
  }
  return server.Exec("COMMIT");
}

Status Place(Connection& c, const std::vector<Partition>& parts, const std::map<std::string, std::string>& target,
             const std::string& province, ProvincePlacement* out) {
  std::string server = "zx_province_" + province;
  ZX_RETURN_IF_ERROR(c.Exec("CREATE EXTENSION IF NOT EXISTS postgres_fdw"));
  std::string options;
  for (const char* key : {"host", "hostaddr", "port", "dbname"}) {
    auto it = target.find(key);
    if (it != target.end()) options += (options.empty() ? "" : ", ") + std::string(key) + " " + Literal(it->second);
  }
  ZX_RETURN_IF_ERROR(c.Exec("CREATE SERVER IF NOT EXISTS " + server + " FOREIGN DATA WRAPPER postgres_fdw OPTIONS (" +
                            options + ")"));
  std::string mapping;
  for (const char* key : {"user", "password"}) {
    auto it = target.find(key);
    if (it != target.end()) mapping += (mapping.empty() ? "" : ", ") + std::string(key) + " " + Literal(it->second);
  }
  ZX_RETURN_IF_ERROR(c.Exec("CREATE USER MAPPING IF NOT EXISTS FOR CURRENT_USER SERVER " + server +
                            (mapping.empty() ? "" : " OPTIONS (" + mapping + ")")));
  for (const auto& p : parts) {
    std::string remote = p.name + "_remote";
    ZX_RETURN_IF_ERROR(c.Exec("CREATE FOREIGN TABLE \"" + remote + "\" (" + ColumnsAndChecks(p) + ") SERVER " + server +
                              " OPTIONS (table_name " + Literal(p.name) + ")"));
    ZX_RETURN_IF_ERROR(c.Exec("INSERT INTO \"" + remote + "\" SELECT * FROM \"" + p.name + "\""));
    ZX_ASSIGN_OR_RETURN(int64_t here, QueryInt(c, "SELECT COUNT(*) FROM \"" + p.name + "\""));
    ZX_ASSIGN_OR_RETURN(int64_t there, QueryInt(c, "SELECT COUNT(*) FROM \"" + remote + "\""));
    if (here != there)
      return Status::Internal(p.name + ": " + std::to_string(here) + " rows here but " + std::to_string(there) +
                              " on the province server after the copy");
    out->rows_moved += here;
    ZX_ASSIGN_OR_RETURN(std::vector<std::string> fks,
                        Column(c, "SELECT conname FROM pg_constraint WHERE conrelid = ?::regclass AND contype = 'f' "
                                  "ORDER BY conname", p.parent));
    for (const auto& fk : fks) {
      ZX_RETURN_IF_ERROR(c.Exec("ALTER TABLE \"" + p.parent + "\" DROP CONSTRAINT \"" + fk + "\""));
      out->dropped_foreign_keys.push_back(p.parent + "." + fk);
    }
    ZX_RETURN_IF_ERROR(c.Exec("ALTER TABLE \"" + p.parent + "\" DETACH PARTITION \"" + p.name + "\""));
    ZX_RETURN_IF_ERROR(c.Exec("DROP TABLE \"" + p.name + "\""));
    ZX_RETURN_IF_ERROR(c.Exec("ALTER FOREIGN TABLE \"" + remote + "\" RENAME TO \"" + p.name + "\""));
    ZX_RETURN_IF_ERROR(c.Exec("ALTER TABLE \"" + p.parent + "\" ATTACH PARTITION \"" + p.name + "\" " + p.bound));
    out->tables.push_back(p.name);
  }
  return Status::Ok();
}

}  // namespace

Result<ProvincePlacement> PlaceProvince(Connection& installation, Connection& province_server,
                                        const std::string& province_server_url, const std::string& province) {
  if (installation.dialect() != Dialect::kPostgres)
    return Status::InvalidArgument("placing a province needs a PostgreSQL installation", "db");
  if (province.size() != 2 || province.find_first_not_of("0123456789") != std::string::npos)
    return Status::InvalidArgument("province must be the two-digit province code, e.g. 42", "province");
  ZX_ASSIGN_OR_RETURN(auto target, ConnectionOptions(province_server_url));
  ZX_ASSIGN_OR_RETURN(std::vector<Partition> parts, LocalPartitions(installation, province));
  if (parts.empty())
    return Status::InvalidArgument("no local partition of province " + province +
                                       " (already placed elsewhere, or not a partitioned installation)",
                                   "province");
  for (const auto& p : parts) ZX_RETURN_IF_ERROR(PrepareOnProvinceServer(province_server, p));
  ProvincePlacement out;
  ZX_RETURN_IF_ERROR(installation.Exec("BEGIN"));
  Status s = Place(installation, parts, target, province, &out);
  if (!s.ok()) {
    installation.Exec("ROLLBACK");
    return s;
  }
  ZX_RETURN_IF_ERROR(installation.Exec("COMMIT"));
  return out;
}

}  // namespace zx
