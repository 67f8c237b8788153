// Demo data for tasks and supervision in 竹山县 (420323), at the scale of the source reports:
// 7 inspection groups of 42 cadres (seed 000), a year of monthly tasks from the county to its 17
// townships with realistic completion (most on time, a few late, the current month under way),
// a few open and unannounced inspections with findings (one repeat, one signed off and closed), the
// command structure of seed 001 (county command, office, 19 thematic groups, a post in every township
// and village, 43 county leaders each guiding a township) and responsibility lists of the county,
// township and village secretaries for this year (signed) and last year (rated).
// Deterministic; loaded once (a second run finds the groups and does nothing).
#pragma once

#include "core/clock.h"
#include "store/database.h"

namespace zx {

struct TaskDemoReport {
  int64_t tasks = 0, receivers = 0, groups = 0, inspectors = 0, findings = 0;
  bool already_loaded = false;
};

Result<TaskDemoReport> LoadTaskDemo(Database& db, const Clock& clock);

}  // namespace zx
