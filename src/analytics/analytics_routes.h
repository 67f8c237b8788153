// HTTP routes of the analytics: the indicator catalogue (built-in and user-defined), rollup
// values for any region and period, rankings of a region's children, trends, targets, a leader
// dashboard's headline figures, and the rollups' own status.
#pragma once

#include "analytics/rollups.h"
#include "core/clock.h"
#include "http/router.h"
#include "store/database.h"

namespace zx {

void RegisterAnalyticsRoutes(Router& router, Database& db, analytics::Rollups& rollups, const Clock& clock);

// Today's period of `kind` in China Standard Time (the offices' calendar).
Period CurrentPeriod(const Clock& clock, PeriodKind kind);

}  // namespace zx
