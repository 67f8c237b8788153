// /api/v1/regions: one region, its children, and search.
#pragma once

#include "http/router.h"
#include "modules/regions/chinese_names.h"
#include "store/database.h"

namespace zx {

void RegisterRegionRoutes(Router& router, Database& db, const ChineseNames& names);

}  // namespace zx
