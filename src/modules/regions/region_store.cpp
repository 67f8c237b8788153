#include "modules/regions/region_store.h"

#include <algorithm>
#include <set>

#include "core/text.h"

namespace zx {
namespace {
constexpr char kColumns[] =
    "SELECT code, name, level, parent_code, n_province, n_city, n_county, n_township, n_village, n_children, "
    "latitude, longitude FROM regions ";

Region ReadRegion(const Statement& st) {
  Region r;
  r.code = st.Text(0);
  r.name = st.Text(1);
  r.level = static_cast<RegionLevel>(st.Int(2));
  r.parent_code = st.IsNull(3) ? std::string() : st.Text(3);
  for (int i = 0; i < 5; ++i) r.counts[i] = st.Int(4 + i);
  r.child_count = st.Int(9);
  if (!st.IsNull(10)) r.latitude = st.Double(10);
  if (!st.IsNull(11)) r.longitude = st.Double(11);
  return r;
}

Status CollectRegions(Stmt& st, std::vector<Region>* out) {
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return Status::Ok();
    out->push_back(ReadRegion(*st));
  }
}

bool AllAsciiLetters(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}
bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

Result<std::optional<Region>> FindRegion(Connection& c, const std::string& code) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kColumns) + "WHERE code = ?"));
  st.Bind(code);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<Region>();
  return std::optional<Region>(ReadRegion(*st));
}

Result<std::vector<Region>> RegionChain(Connection& c, const Region& region) {
  std::vector<Region> chain;
  std::string parent = region.parent_code;
  while (!parent.empty()) {
    ZX_ASSIGN_OR_RETURN(std::optional<Region> p, FindRegion(c, parent));
    if (!p) break;
    parent = p->parent_code;
    chain.push_back(std::move(*p));
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

Result<std::vector<Region>> RegionChildren(Connection& c, const std::string& code, int64_t offset, int64_t limit) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kColumns) + "WHERE parent_code = ? ORDER BY code LIMIT ? OFFSET ?"));
  st.Bind(code, limit, offset);
  std::vector<Region> out;
  ZX_RETURN_IF_ERROR(CollectRegions(st, &out));
  return out;
}

Result<std::vector<RegionSearchHit>> SearchRegions(Connection& c, const ChineseNames& names, const std::string& query,
                                                   const std::string& scope, RegionLevel scope_level, int limit) {
  std::string q = AsciiLower(NormalizeInput(query));
  std::vector<Region> found;
  if (q.empty()) return std::vector<RegionSearchHit>();
  CodeRange range = SubtreeRange(scope, scope_level);
  std::set<std::string> seen;
  // Runs one candidate query (its own parameters first, then the scope range and the limit).
  auto run = [&](const std::string& where, const std::vector<std::string>& params) -> Status {
    if (static_cast<int>(found.size()) >= limit) return Status::Ok();
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kColumns) + "WHERE " + where +
                                           " AND code BETWEEN ? AND ? AND level > 0 ORDER BY level, code LIMIT ?"));
    int i = 0;
    for (const auto& p : params) st->BindText(++i, p);
    st->BindText(++i, range.low);
    st->BindText(++i, range.high);
    st->BindInt(++i, limit);
    std::vector<Region> batch;
    ZX_RETURN_IF_ERROR(CollectRegions(st, &batch));
    for (auto& r : batch)
      if (static_cast<int>(found.size()) < limit && seen.insert(r.code).second) found.push_back(std::move(r));
    return Status::Ok();
  };
  if (AllAsciiLetters(q)) {
    ZX_RETURN_IF_ERROR(run("initials >= ? AND initials < ?", {q, q + "{"}));  // '{' follows 'z'
  } else if (AllDigits(q)) {
    std::string low = q.size() < 12 ? q + std::string(12 - q.size(), '0') : q.substr(0, 12);
    std::string high = q.size() < 12 ? q + std::string(12 - q.size(), '9') : q.substr(0, 12);
    ZX_RETURN_IF_ERROR(run("code >= ? AND code <= ?", {low, high}));
  } else {
    std::string simplified = names.ToSimplified(q);
    // Prefix matches use the name index; then names containing the text.
    ZX_RETURN_IF_ERROR(run("name >= ? AND name < ?", {simplified, simplified + "\xF4\x8F\xBF\xBF"}));
    std::string pattern = "%";
    for (char ch : simplified) {
      if (ch == '%' || ch == '_' || ch == '\\') pattern.push_back('\\');
      pattern.push_back(ch);
    }
    pattern += "%";
    ZX_RETURN_IF_ERROR(run("name LIKE ? ESCAPE '\\'", {pattern}));
  }
  std::vector<RegionSearchHit> hits;
  for (auto& r : found) {
    ZX_ASSIGN_OR_RETURN(std::vector<Region> chain, RegionChain(c, r));
    std::string path;
    for (const auto& a : chain) {
      if (a.level == RegionLevel::kCountry) continue;
      path += a.name + " / ";
    }
    path += r.name;
    hits.push_back({std::move(r), std::move(path)});
  }
  return hits;
}

}  // namespace zx
