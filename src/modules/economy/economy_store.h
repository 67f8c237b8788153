// Reading the economy tables: income per village and year, and the rules in force for a region
// (the nearest rule up the tree, or the built-in defaults).
// Thread-safety: free functions over a Connection.
#pragma once

#include <map>
#include <string>

#include "core/region_code.h"
#include "modules/economy/economy_rules.h"
#include "store/database.h"

namespace zx {

struct VillageIncome {
  std::string name, township_code, township_name;
  bool reported = false;
  std::map<std::string, int64_t> items;
  int64_t total = 0;
};

// Every village of the range (reported or not) with its income of the year.
Result<std::map<std::string, VillageIncome>> IncomeOfYear(Connection& c, const CodeRange& range, int64_t year);
Result<int64_t> IncomeTotal(Connection& c, const std::string& village, int64_t year);

struct EconomyRates {
  int64_t reward_rate_bp = 1500;
  int64_t retired_yuan_per_year_month = kDefaultRetiredYuanPerYearMonth;
  std::string from;  // the region whose rule applies, '' for the defaults
};
Result<EconomyRates> RatesFor(Connection& c, const std::string& code);
Result<IncomeTargets> IncomeTargetsFor(Connection& c, const std::string& code);
// Monthly pay for a class and post in a village's county (scale, or the defaults).
Result<int64_t> MonthlyPayFor(Connection& c, const std::string& village, const std::string& income_class, const std::string& post);

}  // namespace zx
