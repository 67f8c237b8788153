#include "modules/party_orgs/party_rules.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace zx {
namespace {

const char* const kKinds[] = {"branch", "general_branch", "committee"};
const char* const kRatings[] = {"advanced", "ordinary", "backward", "weak"};
const char* const kRatingTitles[] = {"先进", "一般", "后进", "软弱涣散"};
const char* const kSources[] = {"rich_expert", "returned_youth", "veteran", "graduate", "other"};

template <size_t N>
int IndexOf(const char* const (&list)[N], const std::string& s) {
  for (size_t i = 0; i < N; ++i)
    if (s == list[i]) return static_cast<int>(i);
  return -1;
}

bool Digits(const std::string& s, size_t from, size_t n) {
  if (s.size() < from + n) return false;
  return std::all_of(s.begin() + from, s.begin() + from + n, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool IsOrgKind(const std::string& kind) { return IndexOf(kKinds, kind) >= 0; }
bool IsOrgRating(const std::string& rating) { return IndexOf(kRatings, rating) >= 0; }
const char* RatingTitle(const std::string& rating) {
  int i = IndexOf(kRatings, rating);
  return i < 0 ? "" : kRatingTitles[i];
}
bool NeedsRectification(const std::string& rating) { return rating == "backward" || rating == "weak"; }

Status CheckRatingChange(const std::optional<std::string>& from, const std::string& to, bool open_case,
                         const std::string& reason) {
  if (!IsOrgRating(to)) return Status::InvalidArgument("rating must be advanced, ordinary, backward or weak", "rating");
  if (from && *from == to) return Status::InvalidArgument(std::string("评定已是“") + RatingTitle(to) + "”", "rating");
  if (open_case && !NeedsRectification(to))
    return Status::Conflict("该党组织本年度正在整顿，评定只能是后进或软弱涣散；请先登记整顿结果", "rating");
  if (from && reason.empty()) return Status::InvalidArgument("更改评定须说明理由", "reason");
  return Status::Ok();
}

bool IsCaseResult(const std::string& result) { return result == "transformed" || result == "carried_over"; }

Status CheckCaseResult(const std::string& status, const std::string& result) {
  if (!IsCaseResult(result)) return Status::InvalidArgument("result must be transformed or carried_over", "result");
  if (status != "open") return Status::Conflict("该整顿已有结果", "result");
  return Status::Ok();
}

bool IsMonth(const std::string& month) {
  if (month.size() != 7 || month[4] != '-' || !Digits(month, 0, 4) || !Digits(month, 5, 2)) return false;
  int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2));
  return y >= 2000 && y <= 2100 && m >= 1 && m <= 12;
}

bool IsDay(const std::string& day) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-' || !Digits(day, 0, 4) || !Digits(day, 5, 2) || !Digits(day, 8, 2))
    return false;
  int y = std::stoi(day.substr(0, 4)), m = std::stoi(day.substr(5, 2)), d = std::stoi(day.substr(8, 2));
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap);
}

RectificationCounts CountCases(const std::vector<CaseFacts>& cases) {
  RectificationCounts n;
  for (const auto& c : cases) {
    ++n.identified;
    n.weak += c.rating == "weak";
    n.backward += c.rating == "backward";
    n.leaders += c.leader;
    n.first_secretaries += c.first_secretary;
    n.departments += c.department;
    n.work_groups += c.work_group;
    n.transformed += c.status == "transformed";
    n.carried_over += c.status == "carried_over";
    n.open += c.status == "open";
    n.progress_reports += c.progress_reports;
    n.inspections += c.inspections;
  }
  return n;
}

Status CheckTargets(const PartyTargets& t) {
  auto pct = [](double v) { return std::isfinite(v) && v >= 0 && v <= 100; };
  if (!pct(t.first_class_pct)) return Status::InvalidArgument("first_class_pct must be within 0..100", "first_class_pct");
  if (!pct(t.demonstration_score))
    return Status::InvalidArgument("demonstration_score must be within 0..100", "demonstration_score");
  if (!pct(t.standard_score)) return Status::InvalidArgument("standard_score must be within 0..100", "standard_score");
  if (t.standard_score > t.demonstration_score)
    return Status::InvalidArgument("达标分数线不能高于示范分数线", "standard_score");
  return Status::Ok();
}

double StandardScore(int64_t points_met, int64_t points_total) {
  if (points_total <= 0) return 0;
  return std::round(1000.0 * static_cast<double>(points_met) / static_cast<double>(points_total)) / 10.0;
}

std::string StandardStatus(double score, const PartyTargets& t) {
  if (score >= t.demonstration_score) return "demonstration";
  if (score >= t.standard_score) return "standard";
  return "below";
}

double Percent(int64_t part, int64_t whole) {
  if (whole <= 0) return 0;
  return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
}

bool IsReserveSource(const std::string& source) { return IndexOf(kSources, source) >= 0; }


}  // namespace zx
