#include "core/periods.h"

#include <gtest/gtest.h>

namespace zx {
namespace {

TEST(Periods, ParsesEveryKindOfLabel) {
  auto day = ParsePeriod("2026-11-22");
  ASSERT_TRUE(day.ok());
  EXPECT_EQ(day->kind, PeriodKind::kDay);
  EXPECT_EQ(day->from, day->to);
  EXPECT_EQ(FormatDay(day->from), "2026-11-22");

  auto month = ParsePeriod("2026-02");
  ASSERT_TRUE(month.ok());
  EXPECT_EQ(FormatDay(month->from), "2026-02-01");
  EXPECT_EQ(FormatDay(month->to), "2026-02-28");
  EXPECT_EQ(FormatDay(ParsePeriod("2024-02")->to), "2024-02-29");

  auto q = ParsePeriod("2026-Q4");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(FormatDay(q->from), "2026-10-01");
  EXPECT_EQ(FormatDay(q->to), "2026-12-31");

  auto y = ParsePeriod("2026");
  ASSERT_TRUE(y.ok());
  EXPECT_EQ(y->to - y->from, 364);

  auto range = ParsePeriod("2026-01-01..2026-03-31");
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->kind, PeriodKind::kRange);
  EXPECT_EQ(range->to - range->from, 89);
}

TEST(Periods, IsoWeeksStartOnMondayAndBelongToTheYearOfTheirThursday) {
  auto w = ParsePeriod("2026-W47");
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(FormatDay(w->from), "2026-11-16");
  EXPECT_EQ(FormatDay(w->to), "2026-11-22");
  // 2021-01-01 was a Friday: it belongs to 2020-W53.
  EXPECT_EQ(PeriodContaining(PeriodKind::kWeek, *ParseDay("2021-01-01")).label, "2020-W53");
  EXPECT_TRUE(ParsePeriod("2020-W53").ok());
  EXPECT_TRUE(ParsePeriod("2026-W53").ok());   // 2026 begins on a Thursday: 53 ISO weeks
  EXPECT_FALSE(ParsePeriod("2025-W53").ok());  // 2025 has 52
}

TEST(Periods, RefusesWhatIsNotAPeriodAndNamesTheField) {
  for (const char* bad : {"", "2026-13", "2026-00", "2026-Q5", "2026-02-30", "26-11", "2026-11-22..2026-11-01",
                          "abcd", "2026-W00", "1800", "2026-1", "2026-11-22x", "..", "2026-01-01..2060-01-01"}) {
    auto p = ParsePeriod(bad, "period");
    EXPECT_FALSE(p.ok()) << bad;
    if (!p.ok()) EXPECT_EQ(p.status().field(), "period") << bad;
  }
}

TEST(Periods, PreviousAndSamePeriodLastYear) {
  EXPECT_EQ(PreviousPeriod(*ParsePeriod("2026-01")).label, "2025-12");
  EXPECT_EQ(PreviousPeriod(*ParsePeriod("2026-Q1")).label, "2025-Q4");
  EXPECT_EQ(PreviousPeriod(*ParsePeriod("2026-W01")).label, "2025-W52");
  EXPECT_EQ(PreviousPeriod(*ParsePeriod("2026")).label, "2025");
  EXPECT_EQ(PreviousPeriod(*ParsePeriod("2026-03-01")).label, "2026-02-28");
  EXPECT_EQ(PreviousPeriod(*ParsePeriod("2026-01-11..2026-01-20")).label, "2026-01-01..2026-01-10");
  EXPECT_EQ(SamePeriodLastYear(*ParsePeriod("2026-11")).label, "2025-11");
  EXPECT_EQ(SamePeriodLastYear(*ParsePeriod("2024-02-29")).label, "2023-02-28");
  auto trend = PeriodsEndingAt(PeriodKind::kMonth, *ParseDay("2026-02-10"), 3);
  ASSERT_EQ(trend.size(), 3u);
  EXPECT_EQ(trend[0].label, "2025-12");
  EXPECT_EQ(trend[2].label, "2026-02");
}

TEST(Periods, DayNumbersRoundTripOverCenturies) {
  for (int d = DayOf(1949, 10, 1); d < DayOf(2101, 1, 1); d += 17) {
    auto back = ParseDay(FormatDay(d));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, d);
  }
  EXPECT_EQ(*ParseDay("1970-01-01"), 0);
}

}  // namespace
}  // namespace zx
