#include "core/periods.h"

#include <cstdio>

namespace zx {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
int DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void CivilFromDays(int z, int* y, int* m, int* d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe) + era * 400 + (*m <= 2);
}

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

bool ReadNumber(std::string_view s, size_t from, size_t n, int* out) {
  if (from + n > s.size()) return false;
  int v = 0;
  for (size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// Weekday with Monday = 0 (1970-01-01 was a Thursday).
int Weekday(int day) { return ((day % 7) + 7 + 3) % 7; }

// Monday of ISO week 1 of `year`: the week with the year's first Thursday.
int IsoWeekOneMonday(int year) {
  int jan4 = DaysFromCivil(year, 1, 4);
  return jan4 - Weekday(jan4);
}

void IsoWeekOf(int day, int* year, int* week) {
  int y, m, d;
  CivilFromDays(day, &y, &m, &d);
  int monday = day - Weekday(day);
  int thursday = monday + 3;
  int ty, tm, td;
  CivilFromDays(thursday, &ty, &tm, &td);
  *year = ty;
  *week = (monday - IsoWeekOneMonday(ty)) / 7 + 1;
}

constexpr int kMinYear = 1949;
constexpr int kMaxYear = 2100;

Period Make(PeriodKind kind, int from, int to) {
  Period p;
  p.kind = kind;
  p.from = from;
  p.to = to;
  char buf[48];
  int y, m, d;
  CivilFromDays(from, &y, &m, &d);
  switch (kind) {
    case PeriodKind::kDay: p.label = FormatDay(from); break;
    case PeriodKind::kWeek: {
      int wy, w;
      IsoWeekOf(from, &wy, &w);
      std::snprintf(buf, sizeof buf, "%04d-W%02d", wy, w);
      p.label = buf;
      break;
    }
    case PeriodKind::kMonth: std::snprintf(buf, sizeof buf, "%04d-%02d", y, m); p.label = buf; break;
    case PeriodKind::kQuarter: std::snprintf(buf, sizeof buf, "%04d-Q%d", y, (m - 1) / 3 + 1); p.label = buf; break;
    case PeriodKind::kYear: std::snprintf(buf, sizeof buf, "%04d", y); p.label = buf; break;
    case PeriodKind::kRange: p.label = FormatDay(from) + ".." + FormatDay(to); break;
  }
  return p;
}

}  // namespace

int DayOf(int year, int month, int mday) { return DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(mday)); }

std::optional<int> ParseDay(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!ReadNumber(s, 0, 4, &y) || !ReadNumber(s, 5, 2, &m) || !ReadNumber(s, 8, 2, &d)) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::string FormatDay(int day) {
  int y, m, d;
  CivilFromDays(day, &y, &m, &d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

Result<Period> ParsePeriod(std::string_view s, std::string_view field) {
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("期间 '" + std::string(s.substr(0, 40)) + "' 无效: " + why +
                                       "（格式: 2026-11-22, 2026-W47, 2026-11, 2026-Q4, 2026, 2026-01-01..2026-03-31）",
                                   std::string(field));
  };
  auto year_ok = [](int y) { return y >= kMinYear && y <= kMaxYear; };
  if (auto dots = s.find(".."); dots != std::string_view::npos) {
    auto a = ParseDay(s.substr(0, dots));
    auto b = ParseDay(s.substr(dots + 2));
    if (!a || !b) return bad("起止日期不是有效日期");
    if (*a > *b) return bad("开始日期晚于结束日期");
    if (*b - *a > 366 * 20) return bad("跨度超过二十年");
    return Make(PeriodKind::kRange, *a, *b);
  }
  int y = 0, n = 0;
  if (s.size() == 4) {
    if (!ReadNumber(s, 0, 4, &y) || !year_ok(y)) return bad("年份不在 1949–2100");
    return Make(PeriodKind::kYear, DaysFromCivil(y, 1, 1), DaysFromCivil(y, 12, 31));
  }
  if (s.size() < 5 || !ReadNumber(s, 0, 4, &y) || s[4] != '-') return bad("无法识别");
  if (!year_ok(y)) return bad("年份不在 1949–2100");
  if (s.size() == 7 && (s[5] == 'Q' || s[5] == 'q')) {
    if (!ReadNumber(s, 6, 1, &n) || n < 1 || n > 4) return bad("季度应为 Q1–Q4");
    int m = (n - 1) * 3 + 1;
    return Make(PeriodKind::kQuarter, DaysFromCivil(y, m, 1), DaysFromCivil(y, m + 2, DaysInMonth(y, m + 2)));
  }
  if (s.size() == 8 && (s[5] == 'W' || s[5] == 'w')) {
    if (!ReadNumber(s, 6, 2, &n) || n < 1) return bad("周次应为 W01–W53");
    int monday = IsoWeekOneMonday(y) + (n - 1) * 7;
    int wy, w;
    IsoWeekOf(monday, &wy, &w);
    if (wy != y || w != n) return bad(std::to_string(y) + " 年没有第 " + std::to_string(n) + " 周");
    return Make(PeriodKind::kWeek, monday, monday + 6);
  }
  if (s.size() == 7) {
    if (!ReadNumber(s, 5, 2, &n) || n < 1 || n > 12) return bad("月份应为 01–12");
    return Make(PeriodKind::kMonth, DaysFromCivil(y, n, 1), DaysFromCivil(y, n, DaysInMonth(y, n)));
  }
  if (s.size() == 10) {
    auto d = ParseDay(s);
    if (!d) return bad("不是有效日期");
    return Make(PeriodKind::kDay, *d, *d);
  }
  return bad("无法识别");
}

Period PeriodContaining(PeriodKind kind, int day) {
  int y, m, d;
  CivilFromDays(day, &y, &m, &d);
  switch (kind) {
    case PeriodKind::kWeek: {
      int monday = day - Weekday(day);
      return Make(kind, monday, monday + 6);
    }
    case PeriodKind::kMonth: return Make(kind, DaysFromCivil(y, m, 1), DaysFromCivil(y, m, DaysInMonth(y, m)));
    case PeriodKind::kQuarter: {
      int qm = (m - 1) / 3 * 3 + 1;
      return Make(kind, DaysFromCivil(y, qm, 1), DaysFromCivil(y, qm + 2, DaysInMonth(y, qm + 2)));
    }
    case PeriodKind::kYear: return Make(kind, DaysFromCivil(y, 1, 1), DaysFromCivil(y, 12, 31));
    case PeriodKind::kDay:
    case PeriodKind::kRange: break;
  }
  return Make(PeriodKind::kDay, day, day);
}

Period PreviousPeriod(const Period& p) {
  if (p.kind == PeriodKind::kRange) {
    int len = p.to - p.from + 1;
    return Make(PeriodKind::kRange, p.from - len, p.from - 1);
  }
  return PeriodContaining(p.kind, p.from - 1);
}

Period SamePeriodLastYear(const Period& p) {
  int y, m, d;
  CivilFromDays(p.from, &y, &m, &d);
  if (p.kind == PeriodKind::kWeek) {
    int wy, w;
    IsoWeekOf(p.from, &wy, &w);
    int monday = IsoWeekOneMonday(wy - 1) + (w - 1) * 7;
    return Make(PeriodKind::kWeek, monday, monday + 6);
  }
  auto shift = [](int day) {
    int yy, mm, dd;
    CivilFromDays(day, &yy, &mm, &dd);
    if (mm == 2 && dd == 29) dd = 28;
    return DaysFromCivil(yy - 1, mm, dd);
  };
  if (p.kind == PeriodKind::kRange || p.kind == PeriodKind::kDay) return Make(p.kind, shift(p.from), shift(p.to));
  return PeriodContaining(p.kind, shift(p.from));
}

std::vector<Period> PeriodsEndingAt(PeriodKind kind, int day, int count) {
  std::vector<Period> out;
  if (count <= 0) return out;
  Period p = PeriodContaining(kind, day);
  out.push_back(p);
  while (static_cast<int>(out.size()) < count) out.push_back(p = PreviousPeriod(p));
  return {out.rbegin(), out.rend()};
}

const char* PeriodKindName(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kDay: return "day";
    case PeriodKind::kWeek: return "week";
    case PeriodKind::kMonth: return "month";
    case PeriodKind::kQuarter: return "quarter";
    case PeriodKind::kYear: return "year";
    case PeriodKind::kRange: return "range";
  }
  return "day";
}

bool ParsePeriodKind(std::string_view name, PeriodKind* kind) {
  for (PeriodKind k : {PeriodKind::kDay, PeriodKind::kWeek, PeriodKind::kMonth, PeriodKind::kQuarter,
                       PeriodKind::kYear, PeriodKind::kRange}) {
    if (name == PeriodKindName(k)) {
      *kind = k;
      return true;
    }
  }
  return false;
}

}  // namespace zx
