// Reporting periods: a day, an ISO week, a month, a quarter, a year, or a range of days, written
// the way offices write them ("2026-11-22", "2026-W47", "2026-11", "2026-Q4", "2026",
// "2026-01-01..2026-03-31"). Days are counted from 1970-01-01 so a period is a closed interval of
// day numbers and the rollups can add over it.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace zx {

enum class PeriodKind { kDay, kWeek, kMonth, kQuarter, kYear, kRange };

struct Period {
  PeriodKind kind = PeriodKind::kDay;
  int from = 0;  // first day (days since 1970-01-01), inclusive
  int to = 0;    // last day, inclusive
  std::string label;
};

// Day number of a 'YYYY-MM-DD' date; nullopt if malformed or not a real date.
std::optional<int> ParseDay(std::string_view text);
// 'YYYY-MM-DD' of a day number.
std::string FormatDay(int day);
int DayOf(int year, int month, int mday);  // no validation

// Parses a period label; `field` names the input in the error.
Result<Period> ParsePeriod(std::string_view text, std::string_view field = "period");

// The period of `kind` that contains `day` (kRange is not a calendar kind: treated as kDay).
Period PeriodContaining(PeriodKind kind, int day);
// The period just before: the previous week/month/...; for a range, the range of the same length
// that ends the day before it starts.
Period PreviousPeriod(const Period& p);
// The same period a year earlier (同比): for a week, the ISO week of the same number.
Period SamePeriodLastYear(const Period& p);
// `count` consecutive periods of `kind` ending with the one containing p.to, oldest first.
std::vector<Period> PeriodsEndingAt(PeriodKind kind, int day, int count);

const char* PeriodKindName(PeriodKind kind);  // "day", "week", ...
bool ParsePeriodKind(std::string_view name, PeriodKind* kind);

}  // namespace zx
