// Reading the administrative tree: one region with its counts, its ancestor chain, its children,
// and name search. All lookups are bounded by a scope (a region code range).
// Thread-safety: free functions over a Connection (use inside Database::Read).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/region_code.h"
#include "modules/regions/chinese_names.h"
#include "store/database.h"

namespace zx {

struct Region {
  std::string code;
  std::string name;
  RegionLevel level = RegionLevel::kCountry;
  std::string parent_code;
  std::array<int64_t, 5> counts{};  // descendants: province, city, county, township, village
  int64_t child_count = 0;
  std::optional<double> latitude, longitude;
};

Result<std::optional<Region>> FindRegion(Connection& c, const std::string& code);
// Ancestors root first, the region itself excluded.
Result<std::vector<Region>> RegionChain(Connection& c, const Region& region);
Result<std::vector<Region>> RegionChildren(Connection& c, const std::string& code, int64_t offset, int64_t limit);

struct RegionSearchHit {
  Region region;
  std::string path;  // "陕西省 / 宝鸡市 / 太白县"
};

// Finds regions by pinyin initials ("tbx"), code prefix ("610331"), or name in simplified or
// traditional characters (prefix matches first, then names containing the text), within the
// subtree of `scope`. Shallower levels come first.
Result<std::vector<RegionSearchHit>> SearchRegions(Connection& c, const ChineseNames& names, const std::string& query,
                                                   const std::string& scope, RegionLevel scope_level, int limit);

}  // namespace zx
