// Looking after stationed cadres (DOMAIN.md D2): half-yearly talks with an overdue list,
// evaluations whose evidence is drawn from presence, logs and talks (基本称职 opens an improvement
// plan; 不称职 recalls the cadre and lists the village for replacement), awards, work funds with
// spending and balance, and the record manual (纪实手册) generated from all of it.
#pragma once

#include "core/clock.h"
#include "http/router.h"
#include "store/database.h"

namespace zx {

void RegisterReviewRoutes(Router& router, Database& db, const Clock& clock);

// "2026-H1" → 2026-01 … 2026-06; "2026-H2" → 07 … 12; "2026" → the twelve months.
Result<std::vector<std::string>> MonthsOfPeriod(const std::string& period, const std::string& field);

}  // namespace zx
