// Collective economy rules (DOMAIN.md D4): income items, the classes of villages by yearly total,
// progress against targets, and village cadre pay by village class. No I/O.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace zx {

// 经营性收入, 发包收入, 投资收益, 补助收入, 其他.
const std::vector<std::string>& IncomeItems();
bool IsIncomeItem(const std::string& item);
const char* IncomeItemTitle(const std::string& item);

// Classes by yearly total: none (0, 空壳村), under_50k, 50k_100k (50,000 ≤ x < 100,000), 100k_plus.
const std::vector<std::string>& IncomeClasses();
std::string IncomeClassOf(int64_t total_yuan);
const char* IncomeClassTitle(const std::string& cls);

// Targets per region: the share of villages (in percent) at 50,000+ and at 100,000+. Without a rule
// up the tree, the 十四五 targets of 003: 100% and 70%.
struct IncomeTargets {
  double pct_50k = 100;
  double pct_100k = 70;
};
Status CheckTargets(const IncomeTargets& t);

// Village cadre pay. Posts on the pay scale are the village posts; the scale gives a monthly amount
// per village class and post. Without a scale for the county, DefaultMonthlyPay applies (class
// 100k_plus up to 2,000 yuan a month for a secretary, as in 004).
int64_t DefaultMonthlyPay(const std::string& income_class, const std::string& post);
// Months of a year (1..12) during which a post held from `start` to `end` ('' = still held).
int MonthsHeldInYear(const std::string& start, const std::string& end, int year);
// 离任村干部补贴: years served × yuan per year served per month × 12.
int64_t RetiredSubsidyYearly(int64_t years_served, int64_t yuan_per_year_month);
inline constexpr int64_t kDefaultRetiredYuanPerYearMonth = 10;

// "YYYY-MM-DD" with a real month and day.
Status CheckDay(const std::string& day, const std::string& field);
// A lowercase hex SHA-256 (64 characters).
bool IsSha256Hex(const std::string& s);

}  // namespace zx
