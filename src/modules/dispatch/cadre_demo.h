// Demo data for stationed cadres, at the scale of the source reports: 太白县 145 cadres in 44
// villages and 1 community (seed 002); 竹山县 239 first secretaries and 426 team members in 239
// villages (seed 001). People with valid (fictitious) ID numbers, sending units, one batch,
// pairings, and presence from the first day of last month to today: check-ins (some outside the
// radius), work logs, approved leave, and a few cadres often absent. Deterministic; loaded once.
#pragma once

#include "auth/pii_crypto.h"
#include "core/clock.h"
#include "store/database.h"

namespace zx {

struct CadreDemoReport {
  int64_t people = 0, dispatches = 0, checkins = 0, work_logs = 0, leaves = 0;
  bool already_loaded = false;
};

Result<CadreDemoReport> LoadCadreDemo(Database& db, const PiiCrypto& crypto, const Clock& clock);

}  // namespace zx
