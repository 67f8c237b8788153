// Demo data for reporting periods: 竹山县's townships have had the last quarter approved (locked),
// two in three have had last month approved too, and the rest have reported last month and wait
// for the county. Snapshots are the figures of the other demo data. Deterministic for a given
// day; loaded once (after the other demo data).
#pragma once

#include <string>

#include "core/clock.h"
#include "store/database.h"

namespace zx {

struct PeriodDemoReport {
  int64_t locked = 0, submitted = 0;
  bool already_loaded = false;
  std::string Summary() const;
};

Result<PeriodDemoReport> LoadPeriodDemo(Database& db, const Clock& clock);

}  // namespace zx
