// The guard, the figures and the demo over a real (SQLite) database with a small 竹山县 tree.
#include "modules/periods/period_guard.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "modules/periods/period_demo.h"
#include "modules/periods/period_figures.h"
#include "test_util.h"

namespace zx {
namespace {

constexpr char kCounty[] = "420323000000";
constexpr char kTownship[] = "420323100000";
constexpr char kOtherTownship[] = "420323101000";
constexpr char kVillage[] = "420323100200";
constexpr char kOtherVillage[] = "420323101200";

class PeriodGuardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing::OpenTestDb(dir_.path());
    ASSERT_TRUE(db_);
    ASSERT_TRUE(db_->Write([](Connection& c) -> Status {
                  const char* rows[][4] = {{"420000000000", "湖北省", "1", "000000000000"},
                                           {"420300000000", "十堰市", "2", "420000000000"},
                                           {kCounty, "竹山县", "3", "420300000000"},
                                           {kTownship, "城关镇", "4", kCounty},
                                           {kOtherTownship, "宝丰镇", "4", kCounty},
                                           {kVillage, "城关村", "5", kTownship},
                                           {kOtherVillage, "宝丰村", "5", kOtherTownship}};
                  for (auto& r : rows)
                    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO regions(code, name, level, parent_code) VALUES (?, ?, ?, ?)",
                                                 r[0], r[1], static_cast<int64_t>(std::stoll(r[2])), r[3]));
                  return Status::Ok();
                }).ok());
  }

  void Lock(const std::string& region, const std::string& period, const std::string& state) {
    auto p = ParseLockPeriod(period);
    ASSERT_TRUE(p.ok());
    ASSERT_TRUE(db_->Write([&](Connection& c) -> Status {
                  return c.Execute("INSERT INTO period_locks(region_code, period, period_from, period_to, state, submitted_by, "
                                   "submitted_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0, 0)",
                                   region, period, p->from, p->to, state);
                }).ok());
  }
  void SetState(const std::string& region, const std::string& period, const std::string& state) {
    ASSERT_TRUE(db_->Write([&](Connection& c) -> Status {
                  return c.Execute("UPDATE period_locks SET state = ? WHERE region_code = ? AND period = ?", state, region, period);
                }).ok());
  }
  Status Guard(const std::string& region, const std::string& day) {
    Status out;
    EXPECT_TRUE(db_->Read([&](Connection& c) -> Status {
                  out = RefuseIfPeriodLocked(c, region, day);
                  return Status::Ok();
                }).ok());
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(PeriodGuardTest, RefusesDaysInsideALockOfTheRegionOrAnAncestor) {
  EXPECT_TRUE(Guard(kVillage, "2026-10-15").ok());
  Lock(kTownship, "2026-10", "locked");
  Status s = Guard(kVillage, "2026-10-15");
  EXPECT_EQ(s.code(), Code::kConflict);
  EXPECT_EQ(s.message(), "2026年10月 已由 城关镇 锁定，修改需申请解锁");
  EXPECT_EQ(Guard(kTownship, "2026-10-01").code(), Code::kConflict);  // the region itself
  EXPECT_TRUE(Guard(kVillage, "2026-11-01").ok());
  EXPECT_TRUE(Guard(kVillage, "2026-09-30").ok());
  EXPECT_TRUE(Guard(kOtherVillage, "2026-10-15").ok());  // a sibling township is not under it
  EXPECT_TRUE(Guard(kCounty, "2026-10-15").ok());        // nor is the level above
  // A quarter and a year of the county cover every village below it.
  Lock(kCounty, "2026-Q3", "locked");
  EXPECT_EQ(Guard(kOtherVillage, "2026-08-15").message(), "2026年第三季度 已由 竹山县 锁定，修改需申请解锁");
  Lock(kOtherTownship, "2025", "submitted");
  EXPECT_EQ(Guard(kOtherVillage, "2025-12-31").message(), "2025年度 已由 宝丰镇 上报待审核，修改需先由上级退回");
  EXPECT_TRUE(Guard(kOtherVillage, "2024-12-31").ok());
  // Malformed or empty days are the caller's to validate.
  EXPECT_TRUE(Guard(kVillage, "").ok());
  EXPECT_TRUE(Guard(kVillage, "2026-13-01").ok());
}

TEST_F(PeriodGuardTest, NamesTheNearestLockAndFollowsTheState) {
  Lock(kCounty, "2026-Q4", "locked");
  Lock(kTownship, "2026-10", "locked");
  EXPECT_EQ(Guard(kVillage, "2026-10-15").message(), "2026年10月 已由 城关镇 锁定，修改需申请解锁");
  SetState(kCounty, "2026-Q4", "returned");
  for (const char* state : {"submitted", "locked", "unlock_requested"}) {
    SetState(kTownship, "2026-10", state);
    EXPECT_EQ(Guard(kVillage, "2026-10-15").code(), Code::kConflict) << state;
  }
  for (const char* state : {"returned", "unlocked"}) {
    SetState(kTownship, "2026-10", state);
    EXPECT_TRUE(Guard(kVillage, "2026-10-15").ok()) << state;
  }
}

TEST_F(PeriodGuardTest, FiguresCountTheSubtreeAndThePeriod) {
  ASSERT_TRUE(db_->Write([](Connection& c) -> Status {
                for (const char* v : {kVillage, kOtherVillage})
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO households(village_code, status, status_since, created_at) VALUES "
                                               "(?, 'ordinary', '2026-01-01', 0)", v));
                // Household 1 in the township twice in October (one unsatisfied) and once in November;
                // household 2 elsewhere.
                const char* visits[][4] = {{"1", kVillage, "2026-10-02", "satisfied"},
                                           {"1", kVillage, "2026-10-20", "unsatisfied"},
                                           {"1", kVillage, "2026-11-02", "basic"},
                                           {"2", kOtherVillage, "2026-10-05", "satisfied"}};
                for (auto& v : visits)
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO visits(household_id, village_code, day, kind, satisfaction, "
                                               "visitor_name, created_at) VALUES (?, ?, ?, 'routine', ?, 'x', 0)",
                                               static_cast<int64_t>(std::stoll(v[0])), v[1], v[2], v[3]));
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO follow_ups(visit_id, household_id, village_code, problem, owner, "
                                             "deadline, closed_on, created_at) VALUES (2, 1, ?, 'p', 'o', '2026-12-01', "
                                             "'2026-11-03', 0)", kVillage));
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO collective_income(village_code, year, item, amount_yuan, updated_at) "
                                             "VALUES (?, 2026, 'operating', 52000, 0)", kVillage));
                return Status::Ok();
              }).ok());
  Figures oct, q4;
  ASSERT_TRUE(db_->Read([&](Connection& c) -> Status {
                ZX_ASSIGN_OR_RETURN(oct, PeriodFigures(c, kTownship, *ParseLockPeriod("2026-10")));
                ZX_ASSIGN_OR_RETURN(q4, PeriodFigures(c, kCounty, *ParseLockPeriod("2026-Q4")));
                return Status::Ok();
              }).ok());
  EXPECT_EQ(oct["visits"], 2);
  EXPECT_EQ(oct["satisfied_visits"], 1);
  EXPECT_EQ(oct["households_visited"], 1);
  EXPECT_EQ(oct["follow_ups_opened"], 1);  // by the day of its visit
  EXPECT_EQ(oct["follow_ups_closed"], 0);  // closed in November
  EXPECT_EQ(oct["collective_income_yuan"], 0);  // a year's income is dated at its end
  EXPECT_EQ(q4["visits"], 4);
  EXPECT_EQ(q4["satisfied_visits"], 3);
  EXPECT_EQ(q4["households_visited"], 2);
  EXPECT_EQ(q4["follow_ups_closed"], 1);
  EXPECT_EQ(q4["collective_income_yuan"], 52000);
  EXPECT_EQ(FiguresFromJson(FiguresJson(q4)), q4);
}

TEST_F(PeriodGuardTest, DemoLocksTownshipMonthsOnce) {
  ManualClock clock(1795140000);  // 2026-11-20 10:00 China time
  auto first = LoadPeriodDemo(*db_, clock);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE(first->already_loaded);
  EXPECT_EQ(first->locked, 3);     // the third quarter of both townships, October of the second
  EXPECT_EQ(first->submitted, 1);  // October of the first township
  auto again = LoadPeriodDemo(*db_, clock);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_loaded);
  EXPECT_EQ(Guard(kOtherVillage, "2026-09-30").message(), "2026年第三季度 已由 宝丰镇 锁定，修改需申请解锁");
  EXPECT_EQ(Guard(kVillage, "2026-10-31").message(), "2026年10月 已由 城关镇 上报待审核，修改需先由上级退回");
  EXPECT_EQ(Guard(kOtherVillage, "2026-10-31").message(), "2026年10月 已由 宝丰镇 锁定，修改需申请解锁");
  EXPECT_TRUE(Guard(kOtherVillage, "2026-11-01").ok());
}

}  // namespace
}  // namespace zx
