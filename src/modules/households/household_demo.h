// Demo households at the scale of the source reports: 竹山县 (420323) about 100,000 households, of
// them 48,000 registered poor (now mostly lifted, some under monitoring), every household visited
// this quarter but 1%, 98% satisfied (seed 001); 太白县 (610331) about 6,000. Members 2–4 per
// household with valid fictitious ID numbers (encrypted like every ID number), party members among
// them, grids assigned automatically. Deterministic; loaded once.
#pragma once

#include "auth/pii_crypto.h"
#include "core/clock.h"
#include "store/database.h"

namespace zx {

struct HouseholdDemoReport {
  int64_t households = 0, people = 0, registered = 0, monitored = 0, visits = 0, party_members = 0;
  double seconds = 0, crypto_seconds = 0, grid_seconds = 0;
  bool already_loaded = false;
};

Result<HouseholdDemoReport> LoadHouseholdDemo(Database& db, const PiiCrypto& crypto, const Clock& clock);

}  // namespace zx
