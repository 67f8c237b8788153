#include "modules/economy/economy_rules.h"

#include <algorithm>
#include <map>

namespace zx {

const std::vector<std::string>& IncomeItems() {
  static const std::vector<std::string> items = {"operating", "contracting", "investment", "subsidy", "other"};
  return items;
}

bool IsIncomeItem(const std::string& item) {
  const auto& v = IncomeItems();
  return std::find(v.begin(), v.end(), item) != v.end();
}

const char* IncomeItemTitle(const std::string& item) {
  if (item == "operating") return "经营性收入";
  if (item == "contracting") return "发包收入";
  if (item == "investment") return "投资收益";
  if (item == "subsidy") return "补助收入";
  if (item == "other") return "其他收入";
  return "";
}

const std::vector<std::string>& IncomeClasses() {
  static const std::vector<std::string> classes = {"none", "under_50k", "50k_100k", "100k_plus"};
  return classes;
}

std::string IncomeClassOf(int64_t total_yuan) {
  if (total_yuan <= 0) return "none";
  if (total_yuan < 50000) return "under_50k";
  if (total_yuan < 100000) return "50k_100k";
  return "100k_plus";
}

const char* IncomeClassTitle(const std::string& cls) {
  if (cls == "none") return "无收入（空壳村）";
  if (cls == "under_50k") return "5万元以下";
  if (cls == "50k_100k") return "5万至10万元";
  if (cls == "100k_plus") return "10万元及以上";
  return "";
}

Status CheckTargets(const IncomeTargets& t) {
  if (!(t.pct_50k >= 0 && t.pct_50k <= 100)) return Status::InvalidArgument("目标比例须在 0 到 100 之间", "pct_50k");
  if (!(t.pct_100k >= 0 && t.pct_100k <= 100)) return Status::InvalidArgument("目标比例须在 0 到 100 之间", "pct_100k");
  // Every village at 100,000+ is also at 50,000+, so the second target cannot exceed the first.
  if (t.pct_100k > t.pct_50k) return Status::InvalidArgument("10万元以上目标不能高于5万元以上目标", "pct_100k");
  return Status::Ok();
}

int64_t DefaultMonthlyPay(const std::string& income_class, const std::string& post) {
  static const std::map<std::string, int64_t> by_class = {
      {"100k_plus", 2000}, {"50k_100k", 1800}, {"under_50k", 1600}, {"none", 1500}};
  auto it = by_class.find(income_class);
  int64_t secretary = it == by_class.end() ? 1500 : it->second;
  if (post == "secretary" || post == "director") return secretary;
  if (post == "deputy_secretary" || post == "supervisor") return secretary * 8 / 10;
  return secretary * 6 / 10;
}

int MonthsHeldInYear(const std::string& start, const std::string& end, int year) {
  if (start.size() < 7) return 0;
  char first[8], last[8];
  std::snprintf(first, sizeof first, "%04d-01", year);
  std::snprintf(last, sizeof last, "%04d-12", year);
  std::string from = std::max(start.substr(0, 7), std::string(first));
  std::string to = end.empty() ? std::string(last) : std::min(end.substr(0, 7), std::string(last));
  if (from > to) return 0;
  int fm = std::stoi(from.substr(5, 2)), tm = std::stoi(to.substr(5, 2));
  return tm - fm + 1;
}

int64_t RetiredSubsidyYearly(int64_t years_served, int64_t yuan_per_year_month) {
  return std::max<int64_t>(0, years_served) * std::max<int64_t>(0, yuan_per_year_month) * 12;
}

Status CheckDay(const std::string& day, const std::string& field) {
  static const int days_in[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool shape = day.size() == 10 && day[4] == '-' && day[7] == '-';
  for (size_t i = 0; shape && i < 10; ++i)
    if (i != 4 && i != 7 && (day[i] < '0' || day[i] > '9')) shape = false;
  if (shape) {
    int y = std::stoi(day.substr(0, 4)), m = std::stoi(day.substr(5, 2)), d = std::stoi(day.substr(8, 2));
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= days_in[m - 1] && !(m == 2 && d == 29 && !leap))
      return Status::Ok();
  }
  return Status::InvalidArgument(field + " 须为有效日期（YYYY-MM-DD）", field);
}

bool IsSha256Hex(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace zx
