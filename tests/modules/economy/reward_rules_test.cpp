#include "modules/economy/reward_rules.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "modules/economy/economy_rules.h"

namespace zx {
namespace {

RewardSplitInput Input(int64_t pool, std::vector<double> scores, std::optional<int64_t> floor = std::nullopt,
                       std::optional<int64_t> cap = std::nullopt) {
  RewardSplitInput in;
  in.pool_yuan = pool;
  for (size_t i = 0; i < scores.size(); ++i) in.people.push_back({static_cast<int64_t>(i + 1), scores[i]});
  in.floor_yuan = floor;
  in.cap_yuan = cap;
  return in;
}

std::vector<int64_t> Amounts(const RewardSplit& s) {
  std::vector<int64_t> v;
  for (const auto& l : s.lines) v.push_back(l.amount_yuan);
  return v;
}

// 东青村 (002): six cadres, 6,000 yuan the most and 3,600 the least, from 15% of 190,000 yuan.
TEST(RewardRulesTest, DongqingVillageSheet) {
  auto pool = MaxRewardPool(190000, 1500);
  ASSERT_TRUE(pool.ok());
  EXPECT_EQ(*pool, 28500);
  auto s = SplitReward(Input(*pool, {100, 90, 80, 75, 70, 60}));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(Amounts(*s), (std::vector<int64_t>{6000, 5400, 4800, 4500, 4200, 3600}));
  EXPECT_EQ(s->paid_yuan, 28500);
  EXPECT_EQ(s->unpaid_yuan, 0);
}

TEST(RewardRulesTest, LargestRemainderTiesGoToHigherScoreThenSmallerId) {
  // 100 yuan over three equal scores: 33.33 each; the one yuan left goes to the smallest id.
  auto s = SplitReward(Input(100, {1, 1, 1}));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Amounts(*s), (std::vector<int64_t>{34, 33, 33}));
  // 10 yuan over scores 1 and 2: 3.33 and 6.67; the larger fraction gets the yuan.
  s = SplitReward(Input(10, {1, 2}));
  EXPECT_EQ(Amounts(*s), (std::vector<int64_t>{3, 7}));
  // 2 yuan over scores 1 and 3: 0.5 and 1.5, equal fractions: the higher score gets the yuan.
  s = SplitReward(Input(2, {1, 3}));
  EXPECT_EQ(Amounts(*s), (std::vector<int64_t>{0, 2}));
  // Equal fraction and equal score: the smaller person id.
  RewardSplitInput in;
  in.pool_yuan = 5;
  in.people = {{7, 1}, {3, 1}, {9, 1.5}, {1, 1.5}};
  s = SplitReward(in);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Amounts(*s), (std::vector<int64_t>{1, 1, 1, 2}));
}

TEST(RewardRulesTest, CapHoldsTheTopAndTheRestIsSharedByScore) {
  auto s = SplitReward(Input(20000, {50, 20, 20, 10}, std::nullopt, 8000));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Amounts(*s), (std::vector<int64_t>{8000, 4800, 4800, 2400}));
}

TEST(RewardRulesTest, FloorLiftsTheLowestAndTheTopGivesWay) {
  auto s = SplitReward(Input(10000, {90, 10, 0}, 1000));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Amounts(*s), (std::vector<int64_t>{8000, 1000, 1000}));
  // Floor and cap together: 3 × floor fits, the top is capped, the middle fills.
  s = SplitReward(Input(9000, {100, 40, 1}, 1000, 5000));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Amounts(*s), (std::vector<int64_t>{5000, 3000, 1000}));
  // Exactly the floors.
  s = SplitReward(Input(3000, {5, 1, 1}, 1000));
  EXPECT_EQ(Amounts(*s), (std::vector<int64_t>{1000, 1000, 1000}));
}

TEST(RewardRulesTest, EveryoneAtTheCapLeavesTheRestUnpaid) {
  auto s = SplitReward(Input(10000, {3, 2, 1}, std::nullopt, 3000));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Amounts(*s), (std::vector<int64_t>{3000, 3000, 3000}));
  EXPECT_EQ(s->paid_yuan, 9000);
  EXPECT_EQ(s->unpaid_yuan, 1000);
}

TEST(RewardRulesTest, ContradictoryInputIsRefusedNamingTheField) {
  EXPECT_EQ(SplitReward(Input(5000, {1, 2, 3}, 2000)).status().field(), "floor_yuan");  // 3 × 2,000 > 5,000
  EXPECT_EQ(SplitReward(Input(5000, {1, 2}, 2000, 1000)).status().field(), "cap_yuan");
  EXPECT_EQ(SplitReward(Input(5000, {1, -2})).status().field(), "people[1].score");
  EXPECT_EQ(SplitReward(Input(5000, {0, 0})).status().field(), "people");
  EXPECT_EQ(SplitReward(Input(5000, {})).status().field(), "people");
  EXPECT_EQ(SplitReward(Input(-1, {1})).status().field(), "pool_yuan");
  EXPECT_EQ(SplitReward(Input(5000, {1, std::nan("")})).status().field(), "people[1].score");
  RewardSplitInput dup = Input(100, {1, 1});
  dup.people[1].person_id = 1;
  EXPECT_EQ(SplitReward(dup).status().field(), "people[1].person_id");
  EXPECT_NE(SplitReward(Input(5000, {1, 2, 3}, 2000)).status().message().find("超过奖励总额"), std::string::npos);
}

TEST(RewardRulesTest, PoolIsAtMostTheRateOfIncome) {
  EXPECT_EQ(*MaxRewardPool(190000, 1500), 28500);
  EXPECT_EQ(*MaxRewardPool(99999, 1500), 14999);  // rounded down, never up
  EXPECT_EQ(*MaxRewardPool(0, 1500), 0);
  EXPECT_EQ(MaxRewardPool(100000, 1501).status().field(), "rate_bp");
  EXPECT_EQ(MaxRewardPool(-5, 1000).status().field(), "income_yuan");
}

// Random inputs: never more than the pool, everyone within floor and cap, a higher score never gets
// less, and the whole pool is paid unless everyone is at the cap.
TEST(RewardRulesTest, PropertiesHoldOverRandomInputs) {
  std::mt19937_64 rng(20261122);
  int checked = 0;
  for (int round = 0; round < 3000; ++round) {
    int n = 1 + static_cast<int>(rng() % 30);
    RewardSplitInput in;
    in.pool_yuan = static_cast<int64_t>(rng() % 1'000'000);
    bool any = false;
    for (int i = 0; i < n; ++i) {
      double score = rng() % 5 == 0 ? 0 : static_cast<double>(rng() % 10000) / 100.0;
      if (rng() % 7 == 0 && i > 0) score = in.people[rng() % i].score;  // ties
      any |= score > 0;
      in.people.push_back({static_cast<int64_t>(1 + rng() % 1000000), score});
    }
    if (!any) in.people[0].score = 1;
    std::set<int64_t> ids;
    for (auto& p : in.people)
      while (!ids.insert(p.person_id).second) p.person_id += 1000001;
    if (rng() % 2) in.floor_yuan = static_cast<int64_t>(rng() % (in.pool_yuan / n + 1));
    if (rng() % 2) in.cap_yuan = in.floor_yuan.value_or(0) + static_cast<int64_t>(rng() % (2 * in.pool_yuan / n + 2));
    auto s = SplitReward(in);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    int64_t fl = in.floor_yuan.value_or(0);
    int64_t sum = 0, most = 0;
    for (size_t i = 0; i < s->lines.size(); ++i) {
      const auto& l = s->lines[i];
      EXPECT_EQ(l.person_id, in.people[i].person_id);
      EXPECT_GE(l.amount_yuan, fl);
      if (in.cap_yuan) {
        EXPECT_LE(l.amount_yuan, *in.cap_yuan);
      }
      sum += l.amount_yuan;
      most += in.cap_yuan && l.score > 0 ? *in.cap_yuan : (l.score > 0 ? in.pool_yuan : fl);
      for (const auto& o : s->lines) {
        if (l.score > o.score) {
          EXPECT_GE(l.amount_yuan, o.amount_yuan) << "round " << round;
        }
      }
    }
    EXPECT_LE(sum, in.pool_yuan);
    EXPECT_EQ(sum, std::min(in.pool_yuan, most)) << "round " << round;
    EXPECT_EQ(s->paid_yuan, sum);
    EXPECT_EQ(s->unpaid_yuan, in.pool_yuan - sum);
    ++checked;
  }
  EXPECT_EQ(checked, 3000);
}

TEST(EconomyRulesTest, ClassesByYearlyTotal) {
  EXPECT_EQ(IncomeClassOf(0), "none");
  EXPECT_EQ(IncomeClassOf(49999), "under_50k");
  EXPECT_EQ(IncomeClassOf(50000), "50k_100k");
  EXPECT_EQ(IncomeClassOf(99999), "50k_100k");
  EXPECT_EQ(IncomeClassOf(100000), "100k_plus");
  EXPECT_TRUE(IsIncomeItem("contracting"));
  EXPECT_FALSE(IsIncomeItem("dividend"));
  EXPECT_EQ(CheckTargets({70, 100}).field(), "pct_100k");
  EXPECT_EQ(CheckTargets({120, 70}).field(), "pct_50k");
  EXPECT_TRUE(CheckTargets({100, 70}).ok());
}

TEST(EconomyRulesTest, PayMonthsAndRetiredSubsidy) {
  EXPECT_EQ(MonthsHeldInYear("2021-02-27", "", 2022), 12);
  EXPECT_EQ(MonthsHeldInYear("2021-02-27", "", 2021), 11);
  EXPECT_EQ(MonthsHeldInYear("2018-01-01", "2021-02-26", 2021), 2);
  EXPECT_EQ(MonthsHeldInYear("2023-01-01", "", 2022), 0);
  EXPECT_EQ(RetiredSubsidyYearly(15, 10), 1800);
  EXPECT_EQ(DefaultMonthlyPay("100k_plus", "secretary"), 2000);
  EXPECT_LT(DefaultMonthlyPay("none", "member"), DefaultMonthlyPay("none", "secretary"));
  EXPECT_TRUE(CheckDay("2024-02-29", "day").ok());
  EXPECT_EQ(CheckDay("2023-02-29", "day").field(), "day");
  EXPECT_TRUE(IsSha256Hex(std::string(64, 'a')));
  EXPECT_FALSE(IsSha256Hex(std::string(64, 'A')));
}

}  // namespace
}  // namespace zx
