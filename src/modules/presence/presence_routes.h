// Presence (驻村): check-ins from phones (offline ones uploaded late, never twice), days in the
// village per month from all evidence, compliance lists, presence rules per region, leave with
// its approval chain (请销假), and work logs (工作日志) that feed the record manual.
#pragma once

#include "core/clock.h"
#include "http/router.h"
#include "modules/presence/presence_rules.h"
#include "store/database.h"

namespace zx {

void RegisterPresenceRoutes(Router& router, Database& db, const Clock& clock);
// The attendance book (考勤册) and the monthly allowance sheet, both computed from presence.
void RegisterPresenceReportRoutes(Router& router, Database& db, const Clock& clock);

// The rule in force for a village: the nearest one up the tree, or the defaults.
Result<PresenceRule> RuleFor(Connection& c, const std::string& village_code);

struct DispatchMonth {
  int64_t dispatch_id = 0;
  int64_t person_id = 0;
  std::string person_name, village_code, village_name, township_name, role, unit_level;
  MonthPresence presence;
  PresenceRule rule;
};
// Every dispatch in post during `month` at villages in [low, high], with its month judged.
Result<std::vector<DispatchMonth>> MonthPresenceFor(Connection& c, const CodeRange& range, const std::string& month);

}  // namespace zx
