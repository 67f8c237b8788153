// /api/v1/regions: one region, its children, and search.
#pragma once

#include "core/clock.h"
#include "http/router.h"
#include "modules/regions/chinese_names.h"
#include "store/database.h"

namespace zx {

void RegisterRegionRoutes(Router& router, Database& db, const ChineseNames& names, const Clock& clock);

}  // namespace zx
