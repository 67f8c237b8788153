#include "modules/presence/presence_rules.h"

#include <cmath>
#include <ctime>

namespace zx {
namespace {
constexpr int64_t kChinaOffset = 8 * 3600;

std::string FormatDay(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}
}  // namespace

double DistanceMeters(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadius = 6371008.8;
  auto rad = [](double d) { return d * M_PI / 180.0; };
  double dlat = rad(lat2 - lat1), dlon = rad(lon2 - lon1);
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(rad(lat1)) * std::cos(rad(lat2)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(a)));
}

std::string ChinaDay(int64_t unix_seconds) { return FormatDay(unix_seconds + kChinaOffset); }

Result<int64_t> ChinaDayStart(const std::string& day, const std::string& field) {
  int y, m, d;
  char tail;
  if (day.size() != 10 || std::sscanf(day.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 ||
      d < 1 || d > 31 || y < 2000 || y > 2100)
    return Status::InvalidArgument(field + " must be a date like 2026-11-22", field);
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  int64_t t = timegm(&tm);
  if (FormatDay(t) != day) return Status::InvalidArgument(field + " is not a real date: " + day, field);
  return t - kChinaOffset;
}

Result<std::vector<std::string>> DaysOfMonth(const std::string& month, const std::string& field) {
  if (month.size() != 7) return Status::InvalidArgument(field + " must be a month like 2026-11", field);
  ZX_ASSIGN_OR_RETURN(int64_t first, ChinaDayStart(month + "-01", field));
  std::vector<std::string> days;
  for (int64_t t = first; ChinaDay(t).substr(0, 7) == month; t += 86400) days.push_back(ChinaDay(t));
  return days;
}

std::vector<std::string> DayRange(const std::string& start, const std::string& end) {
  std::vector<std::string> out;
  auto a = ChinaDayStart(start, "start"), b = ChinaDayStart(end, "end");
  if (!a.ok() || !b.ok()) return out;
  for (int64_t t = *a; t <= *b; t += 86400) out.push_back(ChinaDay(t));
  return out;
}

Status CheckPosition(double lat, double lon, std::optional<double> accuracy) {
  if (!std::isfinite(lat) || lat < -90 || lat > 90) return Status::InvalidArgument("纬度应在 -90 到 90 之间", "latitude");
  if (!std::isfinite(lon) || lon < -180 || lon > 180)
    return Status::InvalidArgument("经度应在 -180 到 180 之间", "longitude");
  // (0, 0) is what a phone reports when it has no fix; no village lies there.
  if (std::fabs(lat) < 1e-9 && std::fabs(lon) < 1e-9)
    return Status::InvalidArgument("定位无效（0,0），请在定位成功后再签到", "latitude");
  if (accuracy && (!std::isfinite(*accuracy) || *accuracy < 0 || *accuracy > 100000))
    return Status::InvalidArgument("定位精度无效", "accuracy_m");
  return Status::Ok();
}

Status CheckCheckinTime(int64_t device_time, int64_t server_time) {
  if (device_time > server_time + kMaxClockSkewSeconds)
    return Status::InvalidArgument("签到时间晚于当前时间，请检查手机时间", "device_time");
  if (device_time < server_time - kMaxUploadDelaySeconds)
    return Status::InvalidArgument("签到时间早于 62 天前，已超过补传期限", "device_time");
  return Status::Ok();
}

const char* ComplianceName(Compliance c) {
  switch (c) {
    case Compliance::kCompliant: return "compliant";
    case Compliance::kWarning: return "warning";
    case Compliance::kNonCompliant: return "non_compliant";
  }
  return "non_compliant";
}

MonthPresence JudgeMonth(std::set<std::string> evidence, std::set<std::string> leave, const PresenceRule& rule) {
  MonthPresence m;
  for (const auto& d : evidence)
    if (!leave.count(d)) ++m.days_in_village;
  m.compliance = m.days_in_village >= rule.min_days       ? Compliance::kCompliant
                 : m.days_in_village >= rule.warning_days ? Compliance::kWarning
                                                          : Compliance::kNonCompliant;
  m.evidence_days = std::move(evidence);
  m.leave_days = std::move(leave);
  return m;
}

int DailyAllowanceYuan(const std::string& level, const AllowanceRates& rates) {
  if (level == "central" || level == "provincial") return rates.provincial;
  if (level == "city") return rates.city;
  return rates.county;
}

Status CheckLeaveDates(const std::string& start, const std::string& end, const std::string& today) {
  ZX_ASSIGN_OR_RETURN(int64_t a, ChinaDayStart(start, "start_day"));
  ZX_ASSIGN_OR_RETURN(int64_t b, ChinaDayStart(end, "end_day"));
  if (start < today) return Status::InvalidArgument("不能补请已经过去的假（请假开始日期早于今天）", "start_day");
  if (b < a) return Status::InvalidArgument("结束日期早于开始日期", "end_day");
  if ((b - a) / 86400 + 1 > 60) return Status::InvalidArgument("一次请假不能超过 60 天", "end_day");
  return Status::Ok();
}

}  // namespace zx
