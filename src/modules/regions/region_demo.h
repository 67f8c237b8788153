// Demo data for the regions module: makes sure the two demonstration counties (太白县 610331,
// 竹山县 420323) are loaded and gives their townships and villages believable, deterministic
// positions (later modules check presence against them).
#pragma once

#include <string>

#include "modules/regions/chinese_names.h"
#include "store/database.h"

namespace zx {

inline constexpr const char* kDemoCounties[] = {"610331", "420323"};

struct RegionDemoReport {
  int64_t counties_imported = 0;
  int64_t positions_set = 0;
};

Result<RegionDemoReport> LoadRegionDemo(Database& db, const ChineseNames& names, const std::string& division_source);

}  // namespace zx
