// Demo data for village party organizations in 太白县 (610331) and 竹山县 (420323): one
// organization per village with ratings for last year and this year, rectification cases at the
// reports' scale (竹山县: 12 backward organizations this year, a work group and full pairing each,
// monthly reports, 22 inspections, 4 transformed; 太白县: 3 weak ones last year, all transformed),
// this year's standardization scores (太白县: 9 demonstration, all up to standard, seed 002) and
// reserve cadres (太白县 94, seed 002; 2–3 per village). Deterministic; loaded once.
#pragma once

#include "core/clock.h"
#include "store/database.h"

namespace zx {

struct PartyDemoReport {
  int64_t orgs = 0, ratings = 0, cases = 0, scores = 0, reserves = 0;
  bool already_loaded = false;
};

Result<PartyDemoReport> LoadPartyDemo(Database& db, const Clock& clock);

}  // namespace zx
