#include "modules/households/household_rules.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace zx {
namespace {

const char* const kStatusNames[] = {"ordinary", "registered_poor", "lifted", "monitored", "risk_removed"};
const char* const kRelations[] = {"head", "spouse", "child", "child_in_law", "grandchild", "parent", "grandparent",
                                  "sibling", "other"};
const char* const kLabour[] = {"", "full", "weak", "none", "no_need"};
const char* const kHealth[] = {"", "healthy", "chronic", "serious", "disabled"};
// Students first (kindergarten and schools), then the highest schooling of those who left.
const char* const kStudents[] = {"kindergarten", "primary_student", "junior_student", "senior_student",
                                 "college_student"};
const char* const kLeavers[] = {"", "preschool", "dropout", "illiterate", "primary", "junior", "senior", "college"};
const char* const kMeasures[] = {"industry", "employment", "education", "health", "housing", "relocation", "social",
                                 "ecology", "finance", "other"};

template <size_t N>
bool In(const std::string& v, const char* const (&list)[N]) {
  for (const char* x : list)
    if (v == x) return true;
  return false;
}

using S = HouseholdStatus;
// The allowed changes, row = from, column = to.
constexpr bool kAllowed[kHouseholdStatusCount][kHouseholdStatusCount] = {
    // to: ordinary registered_poor lifted monitored risk_removed
    {false, true, false, true, false},   // ordinary: registered (before 2021) or identified for monitoring
    {false, false, true, false, false},  // registered_poor: lifted out of poverty
    {false, false, false, true, false},  // lifted: unstable or sudden hardship → monitored
    {false, false, false, false, true},  // monitored: risk removed
    {false, false, false, true, false},  // risk_removed: risk returns → monitored again
};

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int64_t>(era) * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yy + (*m <= 2));
}

std::string Civil(int64_t days) {
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

bool SplitDate(const std::string& s, int* y, int* m, int* d) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  *y = std::stoi(s.substr(0, 4));
  *m = std::stoi(s.substr(5, 2));
  *d = std::stoi(s.substr(8, 2));
  if (*m < 1 || *m > 12 || *d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
  return *d <= kDays[*m - 1] + (*m == 2 && leap ? 1 : 0);
}

std::string LastOfMonth(int y, int m) {
  return Civil(DaysFromCivil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1);
}

std::string FirstOf(int y, int m) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-01", y, m);
  return buf;
}

// Monday of ISO week 1 of a year.
int64_t IsoWeekOneMonday(int y) {
  int64_t jan4 = DaysFromCivil(y, 1, 4);
  int64_t weekday = ((jan4 + 3) % 7 + 7) % 7;  // 0 = Monday (1970-01-01 was a Thursday)
  return jan4 - weekday;
}

}  // namespace

const char* HouseholdStatusName(HouseholdStatus s) { return kStatusNames[static_cast<int>(s)]; }

bool ParseHouseholdStatus(const std::string& name, HouseholdStatus* s) {
  for (int i = 0; i < kHouseholdStatusCount; ++i)
    if (name == kStatusNames[i]) {
      *s = static_cast<HouseholdStatus>(i);
      return true;
    }
  return false;
}

bool IsRiskType(const std::string& name) { return name == "unstable" || name == "marginal" || name == "sudden"; }

bool TransitionAllowed(HouseholdStatus from, HouseholdStatus to) {
  return kAllowed[static_cast<int>(from)][static_cast<int>(to)];
}

Status CheckStatusChange(const StatusChange& c) {
  if (!TransitionAllowed(c.from, c.to))
    return Status::InvalidArgument(std::string("不允许从“") + HouseholdStatusName(c.from) + "”直接变为“" +
                                       HouseholdStatusName(c.to) + "”",
                                   "to");
  if (c.to == S::kMonitored) {
    if (!c.risk_type || !IsRiskType(*c.risk_type))
      return Status::InvalidArgument("纳入监测须选择风险类型：unstable、marginal 或 sudden", "risk_type");
    bool registered = c.ever_registered || c.from == S::kLifted;
    if (*c.risk_type == "unstable" && !registered)
      return Status::InvalidArgument("脱贫不稳定户须为已脱贫户", "risk_type");
    if (*c.risk_type == "marginal" && registered)
      return Status::InvalidArgument("边缘易致贫户须为非建档立卡户", "risk_type");
  } else if (c.risk_type) {
    return Status::InvalidArgument("只有纳入监测时才填写风险类型", "risk_type");
  }
  if (!IsDate(c.on_date)) return Status::InvalidArgument("日期格式应为 YYYY-MM-DD", "date");
  if (!c.today.empty() && c.on_date > c.today) return Status::InvalidArgument("日期不能晚于今天", "date");
  if (!c.since.empty() && c.on_date < c.since) return Status::InvalidArgument("日期不能早于当前状态的开始日期 " + c.since, "date");
  if (c.reason.empty()) return Status::InvalidArgument("须填写变更原因", "reason");
  if (c.approver.empty()) return Status::InvalidArgument("须填写审批人", "approver");
  return Status::Ok();
}

bool IsRelation(const std::string& v) { return In(v, kRelations); }
bool IsLabour(const std::string& v) { return In(v, kLabour); }
bool IsHealth(const std::string& v) { return In(v, kHealth); }
bool IsSchooling(const std::string& v) { return In(v, kStudents) || In(v, kLeavers); }
bool IsMeasure(const std::string& v) { return In(v, kMeasures); }
bool IsInSchool(const std::string& schooling) { return In(schooling, kStudents); }

bool IsDate(const std::string& s) {
  int y, m, d;
  return SplitDate(s, &y, &m, &d);
}


int MonthsBetween(const std::string& a, const std::string& b) {
  int ay, am, ad, by, bm, bd;
  if (!SplitDate(a, &ay, &am, &ad) || !SplitDate(b, &by, &bm, &bd)) return 0;
  return (by - ay) * 12 + (bm - am) - (bd < ad ? 1 : 0);
}

const std::vector<std::string>& CheckRuleNames() {
  static const std::vector<std::string> names = {"no_head",          "duplicate_heads",
                                                 "head_spouse_same_sex", "school_age_not_in_school",
                                                 "infant_in_school", "income_below_line_not_monitored",
                                                 "risk_removed_too_soon"};
  return names;
}

std::vector<Finding> CheckHouseholdRecord(const CheckHousehold& h, const CheckOptions& o) {
  std::vector<Finding> out;
  const CheckMember* head = nullptr;
  int heads = 0;
  for (const auto& m : h.members)
    if (m.relation == "head") {
      ++heads;
      if (!head) head = &m;
    }
  if (heads == 0) out.push_back({"no_head", "户内没有户主", 0});
  if (heads > 1) out.push_back({"duplicate_heads", "户内有 " + std::to_string(heads) + " 名户主", 0});
  for (const auto& m : h.members) {
    if (head && m.relation == "spouse" && !m.sex.empty() && m.sex == head->sex)
      out.push_back({"head_spouse_same_sex", "户主与配偶（" + m.name + "）性别相同", m.member_id});
    int age = AgeOn(m.birth_date, o.today).value_or(-1);
    if (age < 0) continue;
    bool student = IsInSchool(m.schooling);
    if (age >= 6 && age <= 15 && !student)
      out.push_back({"school_age_not_in_school", m.name + "（" + std::to_string(age) + " 岁）处于义务教育阶段但未在校",
                     m.member_id});
    if (age < 3 && student)
      out.push_back({"infant_in_school", m.name + "（" + std::to_string(age) + " 岁）不满 3 岁却登记为在校", m.member_id});
  }
  bool monitored_now = h.status == S::kMonitored || h.status == S::kRegisteredPoor;
  if (h.income_per_head && *h.income_per_head < o.monitoring_line && !monitored_now) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "人均纯收入 %.0f 元低于监测线 %.0f 元，但未纳入监测", *h.income_per_head,
                  o.monitoring_line);
    out.push_back({"income_below_line_not_monitored", buf, 0});
  }
  if (h.status == S::kRiskRemoved && !h.monitored_since.empty() && !h.status_since.empty() &&
      MonthsBetween(h.monitored_since, h.status_since) < o.min_monitoring_months)
    out.push_back({"risk_removed_too_soon",
                   "识别为监测对象（" + h.monitored_since + "）后不满 " + std::to_string(o.min_monitoring_months) +
                       " 个月即标注风险消除（" + h.status_since + "）",
                   0});
  return out;
}

bool IsSatisfaction(const std::string& v) { return v == "satisfied" || v == "basic" || v == "unsatisfied"; }
bool CountsAsSatisfied(const std::string& v) { return v == "satisfied" || v == "basic"; }
bool IsVisitKind(const std::string& v) { return v == "routine" || v == "leader" || v == "festival"; }

Result<DayRange2> ParsePeriod(const std::string& p, const std::string& field) {
  auto bad = [&] {
    return Status::InvalidArgument("期间格式应为 2026、2026-H2、2026-Q4、2026-11 或 2026-W47", field);
  };
  if (p.size() < 4) return bad();
  for (int i = 0; i < 4; ++i)
    if (p[i] < '0' || p[i] > '9') return bad();
  int y = std::stoi(p.substr(0, 4));
  if (y < 2000 || y > 2100) return bad();
  if (p.size() == 4) return DayRange2{FirstOf(y, 1), LastOfMonth(y, 12)};
  if (p[4] != '-') return bad();
  std::string rest = p.substr(5);
  auto number = [&](const std::string& s, int lo, int hi) -> int {
    if (s.empty() || s.size() > 2) return -1;
    for (char ch : s)
      if (ch < '0' || ch > '9') return -1;
    int v = std::stoi(s);
    return v >= lo && v <= hi ? v : -1;
  };
  if (rest.size() == 2 && rest[0] == 'H') {
    int h = number(rest.substr(1), 1, 2);
    if (h < 0) return bad();
    return DayRange2{FirstOf(y, h == 1 ? 1 : 7), LastOfMonth(y, h == 1 ? 6 : 12)};
  }
  if (rest.size() == 2 && rest[0] == 'Q') {
    int q = number(rest.substr(1), 1, 4);
    if (q < 0) return bad();
    return DayRange2{FirstOf(y, 3 * q - 2), LastOfMonth(y, 3 * q)};
  }
  if (!rest.empty() && rest[0] == 'W') {
    int w = number(rest.substr(1), 1, 53);
    if (w < 0 || rest.size() != 3) return bad();
    int64_t monday = IsoWeekOneMonday(y) + 7 * (w - 1);
    if (w == 53 && IsoWeekOneMonday(y + 1) <= monday) return bad();
    return DayRange2{Civil(monday), Civil(monday + 6)};
  }
  if (rest.size() != 2) return bad();
  int m = number(rest, 1, 12);
  if (m < 0) return bad();
  return DayRange2{FirstOf(y, m), LastOfMonth(y, m)};
}

Result<std::string> PeriodContaining(const std::string& cycle, const std::string& day, const std::string& field) {
  int y, m, d;
  if (!SplitDate(day, &y, &m, &d)) return Status::InvalidArgument("bad day " + day, "day");
  char buf[48];
  if (cycle == "year") {
    std::snprintf(buf, sizeof buf, "%04d", y);
  } else if (cycle == "half") {
    std::snprintf(buf, sizeof buf, "%04d-H%d", y, m <= 6 ? 1 : 2);
  } else if (cycle == "quarter") {
    std::snprintf(buf, sizeof buf, "%04d-Q%d", y, (m + 2) / 3);
  } else if (cycle == "month") {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else if (cycle == "week") {
    int64_t n = DaysFromCivil(y, m, d);
    int wy = y;
    if (n < IsoWeekOneMonday(y)) wy = y - 1;
    else if (n >= IsoWeekOneMonday(y + 1)) wy = y + 1;
    std::snprintf(buf, sizeof buf, "%04d-W%02d", wy, static_cast<int>((n - IsoWeekOneMonday(wy)) / 7 + 1));
  } else {
    return Status::InvalidArgument("周期应为 year、half、quarter、month 或 week", field);
  }
  return std::string(buf);
}

}  // namespace zx
