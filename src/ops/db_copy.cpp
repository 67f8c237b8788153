// Copying an installation between databases (`zhenxing db copy`, backup and restore) moves an installation between databases (SQLite
// and PostgreSQL, either way). Every table the migrations made is copied (schema_migrations
// excepted: the target has its own), parents before children, in one transaction on the target;
// then row counts and a checksum per table are compared on both sides, and any difference rolls
// the copy back.
//
// The checksum is SHA-256 over the table's rows rendered as text (integers in decimal, floating
// point numbers as %.17g of the double, NULL as \N, text with \, tab and newline escaped; columns
// joined by tabs), sorted bytewise so that neither side's collation matters.
//
// Catalogue queries and trigger handling are dialect-specific here, on purpose: this command is
// the one place that knows both databases' system tables.
#include "ops/db_copy.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

namespace zx {
namespace {

enum class Kind { kInt, kReal, kText };

struct Column {
  std::string name;
  Kind kind;
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::set<std::string> parents;      // tables its foreign keys point to
  std::vector<std::string> identity;  // PostgreSQL identity columns (or sequence defaults of partitioned tables)
};


Kind KindOf(std::string type) {
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char ch) { return std::tolower(ch); });
  if (type.find("int") != std::string::npos) return Kind::kInt;
  if (type.find("real") != std::string::npos || type.find("floa") != std::string::npos ||
      type.find("doub") != std::string::npos || type.find("numeric") != std::string::npos)
    return Kind::kReal;
  return Kind::kText;
}

std::string Quote(const std::string& ident) { return "\"" + ident + "\""; }

Result<std::vector<std::string>> Strings(Connection& c, const std::string& sql, const std::string& arg = {}) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(sql));
  if (!arg.empty()) st.Bind(arg);
  std::vector<std::string> out;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(st->Text(0));
  }
  return out;
}

// The tables of the database, with their columns and foreign-key parents.
Result<std::map<std::string, Table>> ListTables(Connection& c) {
  std::map<std::string, Table> out;
  bool pg = c.dialect() == Dialect::kPostgres;
  ZX_ASSIGN_OR_RETURN(std::vector<std::string> names,
                      Strings(c, pg ? "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                      "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT "
                                      "c.relispartition ORDER BY c.relname"  // partitions are their parent
                                    : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                      "'sqlite_%' ORDER BY name"));
  for (const std::string& name : names) {
    if (name == "schema_migrations") continue;
    Table t;
    t.name = name;
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(pg ? "SELECT column_name, data_type, CASE WHEN is_identity = 'YES' OR column_default LIKE "
                                                "'nextval(%' THEN 'YES' ELSE 'NO' END FROM "
                                                "information_schema.columns WHERE table_schema = current_schema() "
                                                "AND table_name = ? ORDER BY ordinal_position"
                                              : "SELECT name, type, 'NO' FROM pragma_table_info(?) ORDER BY cid"));
    st.Bind(name);
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      t.columns.push_back({st->Text(0), KindOf(st->Text(1))});
      if (st->Text(2) == "YES") t.identity.push_back(st->Text(0));
    }
    ZX_ASSIGN_OR_RETURN(std::vector<std::string> parents,
                        Strings(c, pg ? "SELECT DISTINCT cl.relname FROM pg_constraint k JOIN pg_class cl ON "
                                        "cl.oid = k.confrelid WHERE k.contype = 'f' AND k.conrelid = "
                                        "(SELECT oid FROM pg_class WHERE relname = ? AND relnamespace = "
                                        "current_schema()::regnamespace)"
                                      : "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)",
                                name));
    for (auto& p : parents)
      if (p != name) t.parents.insert(p);
    out.emplace(name, std::move(t));
  }
  return out;
}

// Parents before children (tables without relations in name order).
Result<std::vector<std::string>> CopyOrder(const std::map<std::string, Table>& tables) {
  std::vector<std::string> order;
  std::set<std::string> done;
  while (order.size() < tables.size()) {
    bool progress = false;
    for (const auto& [name, t] : tables) {
      if (done.count(name)) continue;
      bool ready = std::all_of(t.parents.begin(), t.parents.end(),
                               [&](const std::string& p) { return done.count(p) || !tables.count(p); });
      if (!ready) continue;
      order.push_back(name);
      done.insert(name);
      progress = true;
    }
    if (!progress) return Status::Internal("the tables' foreign keys form a cycle; cannot order the copy");
  }
  return order;
}

void Escape(const std::string& in, std::string* out) {
  for (char ch : in) {
    switch (ch) {
      case '\\': *out += "\\\\"; break;
      case '\t': *out += "\\t"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      default: out->push_back(ch);
    }
  }
}

std::string RenderDouble(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// One value as text, as the copy sends it (nullopt = NULL).
std::optional<std::string> Value(Statement& st, int i, Kind kind) {
  if (st.IsNull(i)) return std::nullopt;
  switch (kind) {
    case Kind::kInt: return std::to_string(st.Int(i));
    case Kind::kReal: return RenderDouble(st.Double(i));
    case Kind::kText: return st.Text(i);
  }
  return std::nullopt;
}

std::string SelectAll(const Table& t, const std::vector<Column>& columns) {
  std::string sql = "SELECT ";
  for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + Quote(columns[i].name);
  // Regions: parents before children (a parent's code sorts before its children's).
  return sql + " FROM " + Quote(t.name) + " ORDER BY 1";
}

// Row count and checksum of a table, reading `columns` with their kinds.
Result<Summary> Checksum(Connection& c, const Table& t, const std::vector<Column>& columns) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(SelectAll(t, columns)));
  std::vector<std::string> rows;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    std::string line;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i) line.push_back('\t');
      auto v = Value(*st, static_cast<int>(i), columns[i].kind);
      if (!v) line += "\\N";
      else Escape(*v, &line);
    }
    rows.push_back(std::move(line));
  }
  std::sort(rows.begin(), rows.end());
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  for (const auto& r : rows) {
    EVP_DigestUpdate(ctx, r.data(), r.size());
    EVP_DigestUpdate(ctx, "\n", 1);
  }
  unsigned char md[32];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx, md, &len);
  EVP_MD_CTX_free(ctx);
  std::ostringstream hex;
  for (unsigned i = 0; i < len; ++i) hex << std::hex << std::setw(2) << std::setfill('0') << static_cast<int>(md[i]);
  return Summary{static_cast<int64_t>(rows.size()), hex.str()};
}

// Rows that count as content: everything but meta and the country row the migrations insert.
Result<std::string> FirstContent(Connection& c, const std::map<std::string, Table>& tables) {
  for (const auto& [name, t] : tables) {
    if (TablesSeededByMigrations().count(name)) continue;
    std::string sql = "SELECT COUNT(*) FROM " + Quote(name);
    if (name == "regions") sql += " WHERE code <> '000000000000'";
    ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, sql));
    if (n > 0) return "table " + name + " has " + std::to_string(n) + " rows";
  }
  return std::string();
}

// Empties every table (children first). The audit log's append-only triggers are set aside for this
// and restored at once, in the same transaction.
Status EmptyTables(Connection& c, const std::map<std::string, Table>& tables, const std::vector<std::string>& order) {
  bool pg = c.dialect() == Dialect::kPostgres;
  std::vector<std::pair<std::string, std::string>> triggers;
  if (pg) {
    for (const auto& name : order) ZX_RETURN_IF_ERROR(c.Exec("ALTER TABLE " + Quote(name) + " DISABLE TRIGGER USER"));
  } else {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"));
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      triggers.emplace_back(st->Text(0), st->Text(1));
    }
    for (const auto& [name, sql] : triggers) ZX_RETURN_IF_ERROR(c.Exec("DROP TRIGGER " + Quote(name)));
  }
  if (pg) {
    // One TRUNCATE of every table: no per-row foreign-key checks (a DELETE of 300,000 people checks
    // each referencing table per row, over the dead rows the deletes before it left: hours), and
    // still transactional, so a failed copy restores the old contents.
    std::string all;
    for (const auto& name : order) all += (all.empty() ? "" : ", ") + Quote(name);
    if (!all.empty()) ZX_RETURN_IF_ERROR(c.Exec("TRUNCATE " + all));
  } else {
    for (auto it = order.rbegin(); it != order.rend(); ++it)
      ZX_RETURN_IF_ERROR(c.Exec("DELETE FROM " + Quote(*it)));
  }
  if (pg) {
    for (const auto& name : order) ZX_RETURN_IF_ERROR(c.Exec("ALTER TABLE " + Quote(name) + " ENABLE TRIGGER USER"));
  } else {
    for (const auto& [name, sql] : triggers) ZX_RETURN_IF_ERROR(c.Exec(sql));
  }
  return Status::Ok();
}


Status CopyTable(Connection& from, Connection& to, const Table& t) {
  constexpr size_t kChunk = 50000;
  std::vector<std::string> names;
  for (const auto& col : t.columns) names.push_back(Quote(col.name));
  ZX_ASSIGN_OR_RETURN(Stmt st, from.Prepare(SelectAll(t, t.columns)));
  std::vector<std::vector<std::optional<std::string>>> rows;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) {
      std::vector<std::optional<std::string>> values;
      values.reserve(t.columns.size());
      for (size_t i = 0; i < t.columns.size(); ++i) values.push_back(Value(*st, static_cast<int>(i), t.columns[i].kind));
      rows.push_back(std::move(values));
    }
    if (rows.size() >= kChunk || (!row && !rows.empty())) {
      ZX_RETURN_IF_ERROR(to.CopyRows(Quote(t.name), names, rows).WithPrefix("table " + t.name + ": "));
      rows.clear();
    }
    if (!row) break;
  }
  // PostgreSQL identity columns continue after the copied ids.
  if (to.dialect() == Dialect::kPostgres)
    for (const auto& col : t.identity)
      ZX_RETURN_IF_ERROR(to.Execute("SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX(" + Quote(col) +
                                        ") FROM " + Quote(t.name) + "), 0) + 1, false)",
                                    Quote(t.name), col));
  return Status::Ok();
}

}  // namespace

Status Copy(Database& source, Database& target, bool force, CopyReport* report) {
  ZX_ASSIGN_OR_RETURN(int64_t vs, [&]() -> Result<int64_t> {
    int64_t v = 0;
    ZX_RETURN_IF_ERROR(source.Read([&](Connection& c) -> Status {
      ZX_ASSIGN_OR_RETURN(v, QueryInt(c, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
      return Status::Ok();
    }));
    return v;
  }());
  return source.Read([&](Connection& from) -> Status {
    ZX_ASSIGN_OR_RETURN(auto tables, ListTables(from));
    std::erase_if(tables, [](const auto& kv) { return IsDerivedTable(kv.first); });
    return target.WriteAlone([&](Connection& to) -> Status {
      ZX_ASSIGN_OR_RETURN(int64_t vt, QueryInt(to, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
      if (vs != vt)
        return Status::InvalidArgument("schema versions differ (source " + std::to_string(vs) + ", target " +
                                       std::to_string(vt) + "); open both with the same zhenxing first");
      ZX_ASSIGN_OR_RETURN(auto target_tables, ListTables(to));
      std::vector<std::string> derived;
      for (const auto& [name, t] : target_tables)
        if (IsDerivedTable(name)) derived.push_back(name);
      std::erase_if(target_tables, [](const auto& kv) { return IsDerivedTable(kv.first); });
      for (const auto& [name, t] : tables) {
        auto it = target_tables.find(name);
        if (it == target_tables.end()) return Status::InvalidArgument("table " + name + " is missing in the target");
        std::set<std::string> a, b;
        for (const auto& col : t.columns) a.insert(col.name);
        for (const auto& col : it->second.columns) b.insert(col.name);
        if (a != b) return Status::InvalidArgument("table " + name + " has different columns in the target");
        tables[name].identity = it->second.identity;
        // Order by the references of both sides: PostgreSQL drops some that SQLite keeps (a
        // foreign key cannot point into a partitioned table), and the target enforces its own.
        tables[name].parents.insert(it->second.parents.begin(), it->second.parents.end());
      }
      for (const auto& [name, t] : target_tables)
        if (!tables.count(name)) return Status::InvalidArgument("table " + name + " is missing in the source");
      ZX_ASSIGN_OR_RETURN(report->order, CopyOrder(tables));
      ZX_ASSIGN_OR_RETURN(std::string content, FirstContent(to, tables));
      if (!content.empty() && !force)
        return Status::Conflict("the target database is not empty (" + content +
                                "); use --force to replace its contents");
      ZX_RETURN_IF_ERROR(EmptyTables(to, tables, report->order));
      // The target's triggers fill its derived tables again from the copied rows (PostgreSQL's
      // person_id_numbers from people), so what they held before goes too.
      for (const auto& name : derived) ZX_RETURN_IF_ERROR(to.Exec("DELETE FROM " + Quote(name)));
      for (const auto& name : report->order) ZX_RETURN_IF_ERROR(CopyTable(from, to, tables[name]));
      // The copy's own inserts left change rows; the target's server rebuilds its rollups at start.
      ZX_RETURN_IF_ERROR(to.Exec("DELETE FROM rollup_changes"));
      ZX_RETURN_IF_ERROR(to.Exec("DELETE FROM rollup_snapshot"));  // no snapshot file describes the copy
      for (const auto& name : report->order) {
        ZX_ASSIGN_OR_RETURN(report->source[name], Checksum(from, tables[name], tables[name].columns));
        ZX_ASSIGN_OR_RETURN(report->target[name], Checksum(to, tables[name], tables[name].columns));
        const Summary &s = report->source[name], &t = report->target[name];
        if (s.rows != t.rows || s.sha256 != t.sha256) report->mismatch = true;
      }
      if (report->mismatch) return Status::Internal("the copy differs from the source; nothing was written");
      return Status::Ok();
    });
  });
}

bool IsDerivedTable(const std::string& name) {
  return name == "rollup_changes" || name == "rollup_snapshot" || name == "person_id_numbers";
}

const std::set<std::string>& TablesSeededByMigrations() {
  // Catalogues the migrations fill (a test checks this list against the migration files); their
  // rows are replaced by the source's like every other table's.
  static const std::set<std::string> tables = {"meta", "party_standard_areas", "party_standards",
                                               "rectification_categories"};
  return tables;
}

Result<std::map<std::string, Summary>> TableSummaries(Database& db) {
  std::map<std::string, Summary> out;
  ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(auto tables, ListTables(c));
    for (const auto& [name, t] : tables) {
      if (IsDerivedTable(name)) continue;
      ZX_ASSIGN_OR_RETURN(Summary sum, Checksum(c, t, t.columns));
      out[name] = sum;
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace zx
