// Reporting periods and locks (填报期间与锁定): a region submits a period's figures, the level
// above approves (locking the period's records) or returns them; a locked period is corrected
// through an unlock request that shows the difference between the snapshot and the figures now.
#pragma once

#include "core/clock.h"
#include "http/router.h"
#include "store/database.h"

namespace zx {

void RegisterPeriodRoutes(Router& router, Database& db, const Clock& clock);

}  // namespace zx
