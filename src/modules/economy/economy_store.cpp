#include "modules/economy/economy_store.h"

#include <vector>

namespace zx {
namespace {

// The nearest rule up the tree is the one with the largest code among the region and its ancestors.
Result<Stmt> Nearest(Connection& c, const std::string& columns, const std::string& table, const std::string& code,
                     const std::string& extra_where = "") {
  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(code));
  std::vector<std::string> codes = SelfAndAncestors(code, level);
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT " + columns + " FROM " + table + " WHERE region_code IN (?, ?, ?, ?, ?, ?)" +
                                         extra_where + " ORDER BY region_code DESC LIMIT 1"));
  st.Bind(codes[0], codes[1], codes[2], codes[3], codes[4], codes[5]);
  return st;
}

}  // namespace

Result<std::map<std::string, VillageIncome>> IncomeOfYear(Connection& c, const CodeRange& range, int64_t year) {
  std::map<std::string, VillageIncome> out;
  ZX_ASSIGN_OR_RETURN(Stmt vs, c.Prepare("SELECT v.code, v.name, t.code, t.name FROM regions v JOIN regions t ON t.code = "
                                         "v.parent_code WHERE v.level = 5 AND v.code BETWEEN ? AND ? ORDER BY v.code"));
  vs.Bind(range.low, range.high);
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, vs->Step());
    if (!row) break;
    VillageIncome& v = out[vs->Text(0)];
    v.name = vs->Text(1);
    v.township_code = vs->Text(2);
    v.township_name = vs->Text(3);
  }
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT village_code, item, amount_yuan FROM collective_income WHERE village_code "
                                         "BETWEEN ? AND ? AND year = ?"));
  st.Bind(range.low, range.high, year);
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    auto it = out.find(st->Text(0));
    if (it == out.end()) continue;
    it->second.reported = true;
    it->second.items[st->Text(1)] += st->Int(2);
    it->second.total += st->Int(2);
  }
  return out;
}

Result<int64_t> IncomeTotal(Connection& c, const std::string& village, int64_t year) {
  return QueryInt(c, "SELECT COALESCE(SUM(amount_yuan), 0) FROM collective_income WHERE village_code = ? AND year = ?",
                  village, year);
}

Result<EconomyRates> RatesFor(Connection& c, const std::string& code) {
  ZX_ASSIGN_OR_RETURN(Stmt st, Nearest(c, "reward_rate_bp, retired_yuan_per_year_month, region_code", "economy_rates", code));
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return EconomyRates{};
  return EconomyRates{st->Int(0), st->Int(1), st->Text(2)};
}

Result<IncomeTargets> IncomeTargetsFor(Connection& c, const std::string& code) {
  ZX_ASSIGN_OR_RETURN(Stmt st, Nearest(c, "pct_50k, pct_100k", "income_targets", code));
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return IncomeTargets{};
  return IncomeTargets{st->Double(0), st->Double(1)};
}

Result<int64_t> MonthlyPayFor(Connection& c, const std::string& village, const std::string& income_class,
                              const std::string& post) {
  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(village));
  std::vector<std::string> codes = SelfAndAncestors(village, level);
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT monthly_yuan FROM pay_scales WHERE region_code IN (?, ?, ?, ?, ?, ?) AND "
                                         "income_class = ? AND post = ? ORDER BY region_code DESC LIMIT 1"));
  st.Bind(codes[0], codes[1], codes[2], codes[3], codes[4], codes[5], income_class, post);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return DefaultMonthlyPay(income_class, post);
  return st->Int(0);
}

}  // namespace zx
