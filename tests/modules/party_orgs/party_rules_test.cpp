#include "modules/party_orgs/party_rules.h"

#include <gtest/gtest.h>

namespace zx {
namespace {

TEST(PartyRulesTest, KindsAndRatingCodes) {
  for (const char* k : {"branch", "general_branch", "committee"}) EXPECT_TRUE(IsOrgKind(k)) << k;
  EXPECT_FALSE(IsOrgKind("party"));
  for (const char* r : {"advanced", "ordinary", "backward", "weak"}) EXPECT_TRUE(IsOrgRating(r)) << r;
  EXPECT_FALSE(IsOrgRating("excellent"));
  EXPECT_FALSE(IsOrgRating(""));
  EXPECT_STREQ(RatingTitle("weak"), "软弱涣散");
  EXPECT_STREQ(RatingTitle("backward"), "后进");
  EXPECT_TRUE(NeedsRectification("weak"));
  EXPECT_TRUE(NeedsRectification("backward"));
  EXPECT_FALSE(NeedsRectification("ordinary"));
  EXPECT_FALSE(NeedsRectification("advanced"));
}

TEST(PartyRulesTest, RatingChanges) {
  EXPECT_TRUE(CheckRatingChange(std::nullopt, "advanced", false, "").ok());
  Status bad = CheckRatingChange(std::nullopt, "great", false, "");
  EXPECT_EQ(bad.field(), "rating");
  // A change needs a reason; the same rating again is refused.
  EXPECT_EQ(CheckRatingChange(std::string("ordinary"), "advanced", false, "").field(), "reason");
  EXPECT_TRUE(CheckRatingChange(std::string("ordinary"), "advanced", false, "复核上调").ok());
  EXPECT_EQ(CheckRatingChange(std::string("ordinary"), "ordinary", false, "x").field(), "rating");
  // An open rectification keeps the rating at backward or weak.
  Status open = CheckRatingChange(std::string("weak"), "ordinary", true, "x");
  EXPECT_EQ(open.code(), Code::kConflict);
  EXPECT_TRUE(CheckRatingChange(std::string("weak"), "backward", true, "x").ok());
}

TEST(PartyRulesTest, CaseResultsEndOnce) {
  EXPECT_TRUE(CheckCaseResult("open", "transformed").ok());
  EXPECT_TRUE(CheckCaseResult("open", "carried_over").ok());
  EXPECT_EQ(CheckCaseResult("open", "closed").field(), "result");
  EXPECT_EQ(CheckCaseResult("transformed", "carried_over").code(), Code::kConflict);
  EXPECT_EQ(CheckCaseResult("carried_over", "transformed").code(), Code::kConflict);
}

TEST(PartyRulesTest, Months) {
  EXPECT_TRUE(IsMonth("2026-03"));
  EXPECT_FALSE(IsMonth("2026-13"));
  EXPECT_FALSE(IsMonth("2026-3"));
  EXPECT_FALSE(IsMonth("1999-12"));
  EXPECT_TRUE(IsDay("1978-07-01"));
  EXPECT_TRUE(IsDay("2024-02-29"));
  EXPECT_FALSE(IsDay("2026-02-29"));
  EXPECT_FALSE(IsDay("1978-7-1"));
  EXPECT_FALSE(IsDay("1800-01-01"));
}

TEST(PartyRulesTest, CountsAsTheReportsGiveThem) {
  // 12 backward organizations, a work group for each, 4 transformed (seed 004).
  std::vector<CaseFacts> cases;
  for (int i = 0; i < 12; ++i)
    cases.push_back({"backward", i < 4 ? "transformed" : "open", i < 10, true, i < 11, true, 3, i < 11 ? 2 : 0});
  cases.push_back({"weak", "carried_over", true, false, false, false, 0, 0});
  RectificationCounts n = CountCases(cases);
  EXPECT_EQ(n.identified, 13);
  EXPECT_EQ(n.backward, 12);
  EXPECT_EQ(n.weak, 1);
  EXPECT_EQ(n.work_groups, 12);
  EXPECT_EQ(n.leaders, 11);
  EXPECT_EQ(n.first_secretaries, 12);
  EXPECT_EQ(n.departments, 11);
  EXPECT_EQ(n.transformed, 4);
  EXPECT_EQ(n.carried_over, 1);
  EXPECT_EQ(n.open, 8);
  EXPECT_EQ(n.inspections, 22);
  EXPECT_EQ(n.progress_reports, 36);
  EXPECT_EQ(CountCases({}).identified, 0);
}

TEST(PartyRulesTest, StandardScoreThresholds) {
  PartyTargets t;  // 90 示范, 75 达标, 60% first class
  EXPECT_DOUBLE_EQ(StandardScore(100, 100), 100);
  EXPECT_DOUBLE_EQ(StandardScore(0, 0), 0);
  EXPECT_DOUBLE_EQ(StandardScore(2, 3), 66.7);
  EXPECT_EQ(StandardStatus(90, t), "demonstration");
  EXPECT_EQ(StandardStatus(89.9, t), "standard");
  EXPECT_EQ(StandardStatus(75, t), "standard");
  EXPECT_EQ(StandardStatus(74.9, t), "below");
  t.demonstration_score = 95;
  EXPECT_EQ(StandardStatus(90, t), "standard");
  EXPECT_TRUE(CheckTargets(PartyTargets{}).ok());
  EXPECT_EQ(CheckTargets({60, 70, 80}).field(), "standard_score");
  EXPECT_EQ(CheckTargets({101, 90, 75}).field(), "first_class_pct");
  EXPECT_EQ(CheckTargets({60, -1, 0}).field(), "demonstration_score");
  EXPECT_DOUBLE_EQ(Percent(28, 46), 60.9);
  EXPECT_DOUBLE_EQ(Percent(1, 0), 0);
}

TEST(PartyRulesTest, ReserveSourcesAndAge) {
  for (const char* s : {"rich_expert", "returned_youth", "veteran", "graduate", "other"}) EXPECT_TRUE(IsReserveSource(s));
  EXPECT_FALSE(IsReserveSource("cadre"));
  EXPECT_EQ(AgeOn("1991-11-22", "2026-11-22"), 35);
  EXPECT_EQ(AgeOn("1991-11-23", "2026-11-22"), 34);
  EXPECT_EQ(AgeOn("2000-02-29", "2026-02-28"), 25);
  EXPECT_EQ(AgeOn("", "2026-11-22"), std::nullopt);
  EXPECT_EQ(AgeOn("2027-01-01", "2026-11-22"), std::nullopt);
  EXPECT_EQ(AgeOn("19910101", "2026-11-22"), std::nullopt);
}

}  // namespace
}  // namespace zx
