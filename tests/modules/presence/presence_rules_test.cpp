#include "modules/presence/presence_rules.h"

#include <gtest/gtest.h>

namespace zx {

TEST(PresenceRulesTest, DistanceIsGreatCircle) {
  EXPECT_NEAR(DistanceMeters(34.0, 107.0, 34.0, 107.0), 0, 1e-6);
  EXPECT_NEAR(DistanceMeters(34.0, 107.0, 35.0, 107.0), 111195, 50);  // one degree of latitude
  EXPECT_NEAR(DistanceMeters(34.0626, 107.3197, 34.0626 + 0.2, 107.3197), 22239, 20);
}

TEST(PresenceRulesTest, DaysAreChinaDays) {
  // 2026-11-01 23:30 UTC is already 2 November in China.
  EXPECT_EQ(ChinaDay(1793575800), "2026-11-02");
  EXPECT_EQ(*ChinaDayStart("2026-11-02", "d"), 1793548800);
  EXPECT_EQ(DaysOfMonth("2026-02", "m")->size(), 28u);
  EXPECT_EQ(DaysOfMonth("2028-02", "m")->size(), 29u);
  EXPECT_EQ(DaysOfMonth("2026-13", "m").status().field(), "m");
  EXPECT_EQ(ChinaDayStart("2026-02-30", "day").status().field(), "day");
  EXPECT_EQ(DayRange("2026-11-29", "2026-12-02").size(), 4u);
}

TEST(PresenceRulesTest, PositionsAndTimes) {
  EXPECT_TRUE(CheckPosition(34.06, 107.32, 15).ok());
  EXPECT_EQ(CheckPosition(91, 107, {}).field(), "latitude");
  EXPECT_EQ(CheckPosition(34, 181, {}).field(), "longitude");
  EXPECT_EQ(CheckPosition(0, 0, {}).field(), "latitude");
  EXPECT_EQ(CheckPosition(34, 107, -1).field(), "accuracy_m");
  int64_t now = 1793548800;
  EXPECT_TRUE(CheckCheckinTime(now - 30 * 86400, now).ok());  // a month late: still accepted
  EXPECT_TRUE(CheckCheckinTime(now + 60, now).ok());          // a phone a minute ahead
  EXPECT_EQ(CheckCheckinTime(now + 3600, now).field(), "device_time");
  EXPECT_EQ(CheckCheckinTime(now - 70 * 86400, now).field(), "device_time");
}

TEST(PresenceRulesTest, LeaveDaysDoNotCountAndTheMonthIsJudged) {
  PresenceRule rule;  // 20 / 16
  std::set<std::string> evidence, leave = {"2026-11-03", "2026-11-04"};
  for (int d = 1; d <= 22; ++d) evidence.insert("2026-11-" + std::string(d < 10 ? "0" : "") + std::to_string(d));
  MonthPresence m = JudgeMonth(evidence, leave, rule);
  EXPECT_EQ(m.days_in_village, 20);
  EXPECT_EQ(m.compliance, Compliance::kCompliant);
  leave.insert("2026-11-05");
  EXPECT_EQ(JudgeMonth(evidence, leave, rule).compliance, Compliance::kWarning);
  EXPECT_EQ(JudgeMonth({"2026-11-01"}, {}, rule).compliance, Compliance::kNonCompliant);
}

TEST(PresenceRulesTest, LeaveDates) {
  EXPECT_TRUE(CheckLeaveDates("2026-11-10", "2026-11-12", "2026-11-01").ok());
  EXPECT_EQ(CheckLeaveDates("2026-10-30", "2026-11-02", "2026-11-01").field(), "start_day");
  EXPECT_EQ(CheckLeaveDates("2026-11-10", "2026-11-09", "2026-11-01").field(), "end_day");
  EXPECT_EQ(CheckLeaveDates("2026-11-10", "2027-02-10", "2026-11-01").field(), "end_day");
}

}  // namespace zx
