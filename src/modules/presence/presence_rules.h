// The rules of being in the village (DOMAIN.md D2): where a check-in may come from, when, how days
// in the village are counted from all evidence, and how a month is judged. No I/O.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"

namespace zx {

struct PresenceRule {
  int min_days = 20;      // at least 20 days a month in the village (seed 004)
  int warning_days = 16;  // from here up to min_days - 1: warning; below: non-compliant
  int radius_m = 2000;    // a check-in this close to the village's position counts as in the village
};

inline constexpr int64_t kMaxClockSkewSeconds = 5 * 60;       // a phone may run this far ahead
inline constexpr int64_t kMaxUploadDelaySeconds = 62 * 86400;  // offline check-ins are accepted this late
inline constexpr int64_t kLateAfterSeconds = 3600;            // uploaded later than this: marked late
inline constexpr int kLeaveDaysNeedingCounty = 3;             // longer leave also needs the county

// Great-circle distance in metres.
double DistanceMeters(double lat1, double lon1, double lat2, double lon2);

// The calendar day in China (UTC+8) of a Unix time: "2026-11-22".
std::string ChinaDay(int64_t unix_seconds);
// Unix time of 00:00 China time on a "YYYY-MM-DD" day; InvalidArgument naming `field` otherwise.
Result<int64_t> ChinaDayStart(const std::string& day, const std::string& field);
// "2026-11" → its days "2026-11-01" ... "2026-11-30"; InvalidArgument naming `field` otherwise.
Result<std::vector<std::string>> DaysOfMonth(const std::string& month, const std::string& field);
// Days from start to end inclusive, both "YYYY-MM-DD".
std::vector<std::string> DayRange(const std::string& start, const std::string& end);

Status CheckPosition(double latitude, double longitude, std::optional<double> accuracy_m);
Status CheckCheckinTime(int64_t device_time, int64_t server_time);

enum class Compliance { kCompliant, kWarning, kNonCompliant };
const char* ComplianceName(Compliance c);  // "compliant", "warning", "non_compliant"

struct MonthPresence {
  std::set<std::string> evidence_days;  // days with any in-village evidence
  std::set<std::string> leave_days;     // approved leave
  int days_in_village = 0;              // evidence days not on leave
  Compliance compliance = Compliance::kNonCompliant;
};

// Counts the days and judges the month: evidence on a day of approved leave does not count.
MonthPresence JudgeMonth(std::set<std::string> evidence_days, std::set<std::string> leave_days,
                         const PresenceRule& rule);

// Daily living allowance grades in yuan by the sending unit's level (分级分档, seed 002: 40 to 60
// yuan a day): central and provincial units, city units, county units and enterprises.
struct AllowanceRates {
  int provincial = 60, city = 50, county = 40;
};
int DailyAllowanceYuan(const std::string& unit_level, const AllowanceRates& rates);

// A leave request: not retroactive (starts today or later), end not before start, at most 60 days.
Status CheckLeaveDates(const std::string& start, const std::string& end, const std::string& today);

}  // namespace zx
