// Demo data for village two committees, training and the collective economy in 太白县 and 竹山县:
// 5–7 cadres per village (people in the registry with valid fictitious ID numbers; 太白县 all
// 一肩挑 as in seed 002, 竹山县 about 60%), the 2021 elections, a few replacements, last year's
// secretary ratings, a year of training classes, collective income for 2021 and 2022 (太白县 2021
// about 5.37 million yuan in all, seed 002), former cadres drawing the retirement subsidy (太白县
// 905 current and former cadres together), and 东青村's 2021 contribution reward (6 cadres, 6,000
// yuan the most, 3,600 the least). Deterministic; loaded once.
#pragma once

#include "auth/pii_crypto.h"
#include "core/clock.h"
#include "store/database.h"

namespace zx {

struct VillageDemoReport {
  int64_t people = 0, posts = 0, classes = 0, trainees = 0, income_rows = 0, retired = 0, reward_lines = 0;
  bool already_loaded = false;
};

Result<VillageDemoReport> LoadVillageDemo(Database& db, const PiiCrypto& crypto, const Clock& clock);

}  // namespace zx
