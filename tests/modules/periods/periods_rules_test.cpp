#include "modules/periods/periods_rules.h"

#include <gtest/gtest.h>

#include <map>

namespace zx {
namespace {

using S = LockState;
using A = LockAction;

TEST(PeriodLabels, MonthQuarterYear) {
  auto m = ParseLockPeriod("2026-11");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->from, "2026-11-01");
  EXPECT_EQ(m->to, "2026-11-30");
  EXPECT_EQ(ParseLockPeriod("2028-02")->to, "2028-02-29");
  EXPECT_EQ(ParseLockPeriod("2026-02")->to, "2026-02-28");
  EXPECT_EQ(ParseLockPeriod("2100-02")->to, "2100-02-28");
  auto q = ParseLockPeriod("2026-Q4");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->from, "2026-10-01");
  EXPECT_EQ(q->to, "2026-12-31");
  EXPECT_EQ(ParseLockPeriod("2026-Q1")->to, "2026-03-31");
  EXPECT_EQ(ParseLockPeriod("2026-Q2")->to, "2026-06-30");
  auto y = ParseLockPeriod("2026");
  ASSERT_TRUE(y.ok());
  EXPECT_EQ(y->from, "2026-01-01");
  EXPECT_EQ(y->to, "2026-12-31");
  for (const char* bad : {"", "2026-13", "2026-00", "2026-Q5", "2026-Q0", "2026-H1", "1999", "2101-01", "26-11", "2026-1",
                          "2026-11-01", "abcd", "2026/11", "2026-W47"}) {
    auto r = ParseLockPeriod(bad, "period");
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().field(), "period") << bad;
    }
  }
}

TEST(PeriodLabels, PeriodsContainingADay) {
  EXPECT_EQ(LockPeriodsContaining("2026-10-15"), (std::vector<std::string>{"2026-10", "2026-Q4", "2026"}));
  EXPECT_EQ(LockPeriodsContaining("2026-03-31"), (std::vector<std::string>{"2026-03", "2026-Q1", "2026"}));
  EXPECT_EQ(LockPeriodsContaining("2026-07-01"), (std::vector<std::string>{"2026-07", "2026-Q3", "2026"}));
  EXPECT_TRUE(LockPeriodsContaining("").empty());
  EXPECT_TRUE(LockPeriodsContaining("2026-13-01").empty());
  // Every day lies inside each period it is said to be in.
  for (const char* day : {"2026-01-01", "2026-06-30", "2026-09-30", "2026-12-31"})
    for (const auto& label : LockPeriodsContaining(day)) {
      auto p = ParseLockPeriod(label);
      ASSERT_TRUE(p.ok()) << label;
      EXPECT_LE(p->from, day);
      EXPECT_GE(p->to, day);
    }
}

TEST(PeriodLabels, Titles) {
  EXPECT_EQ(LockPeriodTitle("2026-10"), "2026年10月");
  EXPECT_EQ(LockPeriodTitle("2026-03"), "2026年3月");
  EXPECT_EQ(LockPeriodTitle("2026-Q4"), "2026年第四季度");
  EXPECT_EQ(LockPeriodTitle("2026"), "2026年度");
  EXPECT_EQ(LockPeriodTitle("nonsense"), "nonsense");
}

TEST(PeriodLockStateMachine, EveryStateAndAction) {
  // The whole table: every pair not listed here is refused with field "state".
  std::map<std::pair<S, A>, S> allowed = {
      {{S::kNone, A::kSubmit}, S::kSubmitted},          {{S::kReturned, A::kSubmit}, S::kSubmitted},
      {{S::kUnlocked, A::kSubmit}, S::kSubmitted},      {{S::kSubmitted, A::kApprove}, S::kLocked},
      {{S::kSubmitted, A::kReturn}, S::kReturned},      {{S::kLocked, A::kRequestUnlock}, S::kUnlockRequested},
      {{S::kUnlockRequested, A::kApproveUnlock}, S::kUnlocked},
      {{S::kUnlockRequested, A::kRejectUnlock}, S::kLocked},
  };
  int checked = 0;
  for (int s = 0; s < kLockStateCount; ++s)
    for (int a = 0; a < kLockActionCount; ++a) {
      auto from = static_cast<S>(s);
      auto action = static_cast<A>(a);
      auto r = NextLockState(from, action);
      auto it = allowed.find({from, action});
      std::string what = std::string(LockStateName(from)) + " × " + LockActionName(action);
      if (it == allowed.end()) {
        EXPECT_FALSE(r.ok()) << what;
        if (!r.ok()) {
          EXPECT_EQ(r.status().field(), "state") << what;
          EXPECT_TRUE(r.status().IsInvalidArgument()) << what;
        }
      } else {
        ASSERT_TRUE(r.ok()) << what << ": " << r.status().ToString();
        EXPECT_EQ(*r, it->second) << what;
      }
      ++checked;
    }
  EXPECT_EQ(checked, kLockStateCount * kLockActionCount);
}

TEST(PeriodLockStateMachine, WhichStatesFreezeRecords) {
  EXPECT_FALSE(LockStateFreezes(S::kNone));
  EXPECT_TRUE(LockStateFreezes(S::kSubmitted));
  EXPECT_TRUE(LockStateFreezes(S::kLocked));
  EXPECT_FALSE(LockStateFreezes(S::kReturned));
  EXPECT_TRUE(LockStateFreezes(S::kUnlockRequested));  // still locked until the unlock is approved
  EXPECT_FALSE(LockStateFreezes(S::kUnlocked));
}

TEST(PeriodLockStateMachine, NamesRoundTrip) {
  for (int s = 0; s < kLockStateCount; ++s) {
    S parsed;
    ASSERT_TRUE(ParseLockState(LockStateName(static_cast<S>(s)), &parsed));
    EXPECT_EQ(parsed, static_cast<S>(s));
  }
  S x;
  EXPECT_FALSE(ParseLockState("approved", &x));
}

constexpr char kCounty[] = "420323000000";
constexpr char kTownship[] = "420323100000";
constexpr char kVillage[] = "420323100200";
constexpr char kOtherCounty[] = "610331000000";

LockActor Actor(const std::string& scope, RegionLevel level, bool submit, bool approve) {
  return {scope, level, submit, approve};
}

TEST(PeriodLockActors, TheRegionItselfSubmits) {
  auto township = Actor(kTownship, RegionLevel::kTownship, true, false);
  EXPECT_TRUE(MayActOnLock(township, A::kSubmit, kTownship).ok());
  EXPECT_TRUE(MayActOnLock(township, A::kRequestUnlock, kTownship).ok());
  EXPECT_TRUE(MayActOnLock(township, A::kSubmit, kVillage).ok());  // inside its scope
  EXPECT_TRUE(MayActOnLock(township, A::kSubmit, kCounty).IsNotFound());
  auto no_right = Actor(kTownship, RegionLevel::kTownship, false, false);
  EXPECT_EQ(MayActOnLock(no_right, A::kSubmit, kTownship).code(), Code::kPermissionDenied);
}

TEST(PeriodLockActors, OnlyAStrictAncestorDecides) {
  auto county = Actor(kCounty, RegionLevel::kCounty, true, true);
  for (A a : {A::kApprove, A::kReturn, A::kApproveUnlock, A::kRejectUnlock}) {
    EXPECT_TRUE(MayActOnLock(county, a, kTownship).ok()) << LockActionName(a);
    EXPECT_TRUE(MayActOnLock(county, a, kVillage).ok()) << LockActionName(a);
    // A county cannot approve itself.
    EXPECT_EQ(MayActOnLock(county, a, kCounty).code(), Code::kPermissionDenied) << LockActionName(a);
    EXPECT_TRUE(MayActOnLock(county, a, kOtherCounty).IsNotFound()) << LockActionName(a);
    // A township with only the right to submit cannot decide on its own lock.
    auto township = Actor(kTownship, RegionLevel::kTownship, true, false);
    EXPECT_EQ(MayActOnLock(township, a, kTownship).code(), Code::kPermissionDenied) << LockActionName(a);
    // Even holding period.approve, the region itself may not decide.
    auto township_approver = Actor(kTownship, RegionLevel::kTownship, true, true);
    EXPECT_EQ(MayActOnLock(township_approver, a, kTownship).code(), Code::kPermissionDenied) << LockActionName(a);
  }
  auto city = Actor("420300000000", RegionLevel::kCity, false, true);
  EXPECT_TRUE(MayActOnLock(city, A::kApprove, kCounty).ok());
  auto country = Actor("000000000000", RegionLevel::kCountry, false, true);
  EXPECT_TRUE(MayActOnLock(country, A::kApprove, kOtherCounty).ok());
}

TEST(PeriodFiguresDiff, BeforeNowAndDelta) {
  Figures before = {{"visits", 10}, {"satisfied_visits", 9}, {"legacy", 4}};
  Figures now = {{"visits", 11}, {"satisfied_visits", 9}, {"checkins", 3}};
  auto diff = DiffFigures(before, now);
  ASSERT_EQ(diff.size(), FigureNames().size() + 1);
  EXPECT_EQ(diff[0].name, "visits");
  EXPECT_EQ(diff[0].before, 10);
  EXPECT_EQ(diff[0].now, 11);
  EXPECT_EQ(diff[0].delta, 1);
  EXPECT_EQ(diff[1].delta, 0);
  auto checkins = std::find_if(diff.begin(), diff.end(), [](const FigureChange& f) { return f.name == "checkins"; });
  ASSERT_NE(checkins, diff.end());
  EXPECT_EQ(checkins->before, 0);
  EXPECT_EQ(checkins->delta, 3);
  EXPECT_EQ(diff.back().name, "legacy");
  EXPECT_EQ(diff.back().delta, -4);
  EXPECT_TRUE(AnyChange(diff));
  EXPECT_FALSE(AnyChange(DiffFigures(now, now)));
}

}  // namespace
}  // namespace zx
