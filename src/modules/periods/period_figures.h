// The figures a region reports for a period, computed by plain SQL over the records dated inside
// the period in the region's subtree (definitions in docs/REPORTING_PERIODS.md). Stored as the
// snapshot at submission and compared with the figures now.
#pragma once

#include <nlohmann/json.hpp>

#include "modules/periods/periods_rules.h"
#include "store/database.h"

namespace zx {

Result<Figures> PeriodFigures(Connection& c, const std::string& region_code, const LockPeriod& period);

nlohmann::json FiguresJson(const Figures& f);
Figures FiguresFromJson(const nlohmann::json& j);
nlohmann::json DiffJson(const std::vector<FigureChange>& diff);

}  // namespace zx
