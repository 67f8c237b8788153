// The lock a reporting period puts on records: other modules call RefuseIfPeriodLocked inside the
// write transaction of a dated record, so a write into a submitted or locked period is refused
// (409) with a message naming the period and the region that locked it.
// Thread-safety: runs on the caller's connection inside its transaction.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "store/database.h"

namespace zx {

// Refuses (Conflict) a write dated `day` ('YYYY-MM-DD') for a record in `region_code` (canonical)
// when the region or any ancestor has a period lock covering that day (its month, quarter or year)
// in a state that freezes the data (submitted, locked, unlock requested). OK otherwise, also for an
// empty or malformed day (validation of the day belongs to the caller).
Status RefuseIfPeriodLocked(Connection& c, const std::string& region_code, const std::string& day);

// The same for a trainee record of a training class: dated by the class's first day, in the
// region that keeps the class.
Status RefuseIfTrainingClassLocked(Connection& c, int64_t class_id);

}  // namespace zx
