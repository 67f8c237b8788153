// HTTP routes of the generated reports: the kinds, and one report for a region and period as JSON
// (the printable page), XLSX or DOCX.
#pragma once

#include "analytics/rollups.h"
#include "core/clock.h"
#include "http/router.h"
#include "store/database.h"

namespace zx {

void RegisterReportRoutes(Router& router, Database& db, analytics::Rollups& rollups, const Clock& clock);

}  // namespace zx
