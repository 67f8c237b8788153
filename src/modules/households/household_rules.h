// The rules of the household registry (DOMAIN.md D5): the status machine of poverty registration
// and monitoring against falling back (建档立卡 → 脱贫 → 监测 → 风险消除), the vocabularies of
// member fields, the checks modelled on the national monitoring rules, visit satisfaction and the
// periods coverage is counted over. No I/O.
// Thread-safety: pure functions and immutable tables.
#pragma once

#include "core/dates.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace zx {

// ordinary 一般户, registered_poor 建档立卡贫困户, lifted 已脱贫, monitored 监测对象,
// risk_removed 风险已消除.
enum class HouseholdStatus { kOrdinary, kRegisteredPoor, kLifted, kMonitored, kRiskRemoved };
inline constexpr int kHouseholdStatusCount = 5;
const char* HouseholdStatusName(HouseholdStatus s);
bool ParseHouseholdStatus(const std::string& name, HouseholdStatus* s);
// Monitoring risk types: unstable 脱贫不稳定, marginal 边缘易致贫, sudden 突发严重困难.
bool IsRiskType(const std::string& name);

// The one table of allowed status changes. A change into `monitored` needs a risk type that fits
// where the household comes from (a household never registered poor cannot be 脱贫不稳定, one that
// was cannot be 边缘易致贫); every other target takes none.
bool TransitionAllowed(HouseholdStatus from, HouseholdStatus to);
struct StatusChange {
  HouseholdStatus from, to;
  std::optional<std::string> risk_type;
  bool ever_registered = false;   // the household has a 建档立卡 year
  std::string on_date;            // "YYYY-MM-DD"
  std::string since;              // date of the current status
  std::string today;
  std::string reason, approver;
};
// OK or InvalidArgument naming the field at fault ("to", "risk_type", "date", "reason", "approver").
Status CheckStatusChange(const StatusChange& change);

// Member vocabularies (empty = unknown for labour/health/schooling).
bool IsRelation(const std::string& v);   // head spouse child child_in_law grandchild parent grandparent sibling other
bool IsLabour(const std::string& v);     // full 普通劳动力, weak 弱劳动力, none 丧失劳动力, no_need 无劳动力(老幼)
bool IsHealth(const std::string& v);     // healthy, chronic, serious, disabled
bool IsSchooling(const std::string& v);  // see kSchooling in the .cpp
bool IsMeasure(const std::string& v);    // industry, employment, education, health, housing, relocation, social, ecology, finance, other
// A student now (in kindergarten or a school).
bool IsInSchool(const std::string& schooling);

bool IsDate(const std::string& s);
// Whole months from a to b (b later), counting a month only once its day is reached.
int MonthsBetween(const std::string& a, const std::string& b);

// ---- Checks over the registry ----
struct CheckMember {
  int64_t member_id = 0;
  std::string name, relation, sex, birth_date, schooling;
};
struct CheckHousehold {
  int64_t id = 0;
  HouseholdStatus status = HouseholdStatus::kOrdinary;
  std::optional<double> income_per_head;
  std::string status_since, monitored_since;
  std::vector<CheckMember> members;
};
struct CheckOptions {
  double monitoring_line = 6900;  // yuan per head per year (the 2022 national reference)
  int min_monitoring_months = 6;  // risk removed sooner than this after identification is suspect
  std::string today;
};
struct Finding {
  std::string rule;     // no_head, duplicate_heads, head_spouse_same_sex, school_age_not_in_school,
                        // infant_in_school, income_below_line_not_monitored, risk_removed_too_soon
  std::string message;  // Chinese, names the member where there is one
  int64_t member_id = 0;
};
const std::vector<std::string>& CheckRuleNames();
std::vector<Finding> CheckHouseholdRecord(const CheckHousehold& h, const CheckOptions& o);

// ---- Visits ----
// The satisfaction scale: satisfied 满意, basic 基本满意, unsatisfied 不满意. As in the national
// acceptance surveys, 满意 and 基本满意 both count as satisfied.
bool IsSatisfaction(const std::string& v);
bool CountsAsSatisfied(const std::string& v);
bool IsVisitKind(const std::string& v);  // routine, leader, festival (节日慰问)

// A period as an inclusive day range: "2026" year, "2026-H2" half, "2026-Q4" quarter,
// "2026-11" month, "2026-W47" ISO week. InvalidArgument naming `field` otherwise.
struct DayRange2 {
  std::string first, last;
};
Result<DayRange2> ParsePeriod(const std::string& period, const std::string& field = "period");
// The period of the cycle ("year", "half", "quarter", "month", "week") containing `day`.
Result<std::string> PeriodContaining(const std::string& cycle, const std::string& day, const std::string& field = "cycle");

}  // namespace zx
