#include "modules/households/household_rules.h"

#include <gtest/gtest.h>

#include <set>

namespace zx {
namespace {

using S = HouseholdStatus;

StatusChange Change(S from, S to, std::optional<std::string> risk = std::nullopt, bool registered = false) {
  StatusChange c{from, to, std::move(risk), registered};
  c.on_date = "2026-06-01";
  c.since = "2025-01-01";
  c.today = "2026-11-20";
  c.reason = "入户核实";
  c.approver = "镇党委";
  return c;
}

TEST(HouseholdStatusMachine, ExactlyTheTableIsAllowed) {
  // Every pair of states: the allowed list, nothing more.
  std::set<std::pair<int, int>> allowed = {{0, 1}, {0, 3}, {1, 2}, {2, 3}, {3, 4}, {4, 3}};
  for (int f = 0; f < kHouseholdStatusCount; ++f)
    for (int t = 0; t < kHouseholdStatusCount; ++t) {
      auto from = static_cast<S>(f), to = static_cast<S>(t);
      EXPECT_EQ(TransitionAllowed(from, to), allowed.count({f, t}) == 1) << HouseholdStatusName(from) << "→"
                                                                         << HouseholdStatusName(to);
      // With the best possible risk type, CheckStatusChange agrees with the table.
      std::optional<std::string> risk;
      if (to == S::kMonitored) risk = from == S::kOrdinary ? "marginal" : "sudden";
      Status s = CheckStatusChange(Change(from, to, risk, from != S::kOrdinary));
      EXPECT_EQ(s.ok(), allowed.count({f, t}) == 1) << s.ToString();
      if (!s.ok() && !allowed.count({f, t})) {
        EXPECT_EQ(s.field(), "to");
      }
    }
}

TEST(HouseholdStatusMachine, RiskTypeMustFitTheHousehold) {
  EXPECT_EQ(CheckStatusChange(Change(S::kOrdinary, S::kMonitored)).field(), "risk_type");
  EXPECT_EQ(CheckStatusChange(Change(S::kOrdinary, S::kMonitored, "unstable")).field(), "risk_type");
  EXPECT_TRUE(CheckStatusChange(Change(S::kOrdinary, S::kMonitored, "marginal")).ok());
  EXPECT_TRUE(CheckStatusChange(Change(S::kLifted, S::kMonitored, "unstable", true)).ok());
  EXPECT_EQ(CheckStatusChange(Change(S::kLifted, S::kMonitored, "marginal", true)).field(), "risk_type");
  EXPECT_EQ(CheckStatusChange(Change(S::kLifted, S::kMonitored, "other", true)).field(), "risk_type");
  EXPECT_EQ(CheckStatusChange(Change(S::kRegisteredPoor, S::kLifted, "sudden", true)).field(), "risk_type");
}

TEST(HouseholdStatusMachine, DatedWithReasonAndApprover) {
  auto c = Change(S::kRegisteredPoor, S::kLifted);
  c.on_date = "2026-13-01";
  EXPECT_EQ(CheckStatusChange(c).field(), "date");
  c.on_date = "2026-12-01";  // after today
  EXPECT_EQ(CheckStatusChange(c).field(), "date");
  c.on_date = "2024-12-31";  // before the current status began
  EXPECT_EQ(CheckStatusChange(c).field(), "date");
  c.on_date = "2026-01-01";
  c.reason = "";
  EXPECT_EQ(CheckStatusChange(c).field(), "reason");
  c.reason = "x";
  c.approver = "";
  EXPECT_EQ(CheckStatusChange(c).field(), "approver");
}

CheckMember M(int64_t id, std::string rel, std::string sex, std::string birth, std::string school = "") {
  return {id, "成员" + std::to_string(id), rel, sex, birth, school};
}

std::set<std::string> Rules(const CheckHousehold& h, double line = 6900) {
  CheckOptions o;
  o.today = "2026-11-20";
  o.monitoring_line = line;
  std::set<std::string> out;
  for (const auto& f : CheckHouseholdRecord(h, o)) out.insert(f.rule);
  return out;
}

TEST(HouseholdChecks, EachRuleFires) {
  CheckHousehold ok{1, S::kLifted, 12000.0, "2020-06-01", "", {M(1, "head", "M", "1970-01-01"), M(2, "spouse", "F", "1972-01-01"),
                                                              M(3, "child", "F", "2015-03-01", "primary_student")}};
  EXPECT_TRUE(Rules(ok).empty());
  auto h = ok;
  h.members[1].sex = "M";
  EXPECT_EQ(Rules(h), std::set<std::string>{"head_spouse_same_sex"});
  h = ok;
  h.members[2].schooling = "";  // 11 years old, not in school
  EXPECT_EQ(Rules(h), std::set<std::string>{"school_age_not_in_school"});
  h = ok;
  h.members.push_back(M(4, "grandchild", "M", "2025-01-01", "kindergarten"));
  EXPECT_EQ(Rules(h), std::set<std::string>{"infant_in_school"});
  h = ok;
  h.members[0].relation = "other";
  EXPECT_EQ(Rules(h), std::set<std::string>{"no_head"});
  h = ok;
  h.members[1].relation = "head";
  EXPECT_EQ(Rules(h), std::set<std::string>{"duplicate_heads"});
  h = ok;
  h.income_per_head = 5000;
  EXPECT_EQ(Rules(h), std::set<std::string>{"income_below_line_not_monitored"});
  EXPECT_TRUE(Rules(h, 4000).empty());  // the line is configurable
  h.status = S::kMonitored;
  EXPECT_TRUE(Rules(h).empty());
  h = ok;
  h.status = S::kRiskRemoved;
  h.monitored_since = "2026-03-10";
  h.status_since = "2026-09-09";
  EXPECT_EQ(Rules(h), std::set<std::string>{"risk_removed_too_soon"});
  h.status_since = "2026-09-10";
  EXPECT_TRUE(Rules(h).empty());
}

TEST(HouseholdPeriods, ParseAndContain) {
  EXPECT_EQ(ParsePeriod("2026-Q4")->first, "2026-10-01");
  EXPECT_EQ(ParsePeriod("2026-Q4")->last, "2026-12-31");
  EXPECT_EQ(ParsePeriod("2024-02")->last, "2024-02-29");
  EXPECT_EQ(ParsePeriod("2026-H1")->last, "2026-06-30");
  EXPECT_EQ(ParsePeriod("2026")->first, "2026-01-01");
  EXPECT_EQ(ParsePeriod("2026-W47")->first, "2026-11-16");
  EXPECT_EQ(ParsePeriod("2026-W47")->last, "2026-11-22");
  EXPECT_EQ(ParsePeriod("2026-W01")->first, "2025-12-29");
  EXPECT_EQ(ParsePeriod("2026-Q5").status().field(), "period");
  EXPECT_TRUE(ParsePeriod("2026-W53").ok());  // 2026 begins on a Thursday: 53 ISO weeks
  EXPECT_FALSE(ParsePeriod("2025-W53").ok());
  EXPECT_EQ(*PeriodContaining("week", "2026-11-20"), "2026-W47");
  EXPECT_EQ(*PeriodContaining("week", "2027-01-01"), "2026-W53");
  EXPECT_EQ(*PeriodContaining("quarter", "2026-11-20"), "2026-Q4");
  EXPECT_EQ(PeriodContaining("fortnight", "2026-11-20").status().field(), "cycle");
  EXPECT_EQ(AgeOn("2015-03-01", "2026-02-28"), 10);
  EXPECT_EQ(MonthsBetween("2026-03-10", "2026-09-09"), 5);
}

TEST(HouseholdVisitsScale, Satisfaction) {
  EXPECT_TRUE(IsSatisfaction("basic"));
  EXPECT_FALSE(IsSatisfaction("5"));
  EXPECT_TRUE(CountsAsSatisfied("basic"));
  EXPECT_FALSE(CountsAsSatisfied("unsatisfied"));
}

}  // namespace
}  // namespace zx
