#include "analytics/day_series.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "analytics/rollup_store.h"

namespace zx::analytics {
namespace {

TEST(DaySeries, AgreesWithAPlainMapUnderRandomAddsAndMerges) {
  std::mt19937 rng(7);
  DaySeries s, other;
  std::map<int, double> truth;
  for (int i = 0; i < 5000; ++i) {
    int day = static_cast<int>(rng() % 400);
    double v = static_cast<double>(static_cast<int>(rng() % 7) - 3);
    (i % 3 ? s : other).Add(day, v);
    truth[day] += v;
  }
  s.Merge(other);
  for (int t = 0; t < 500; ++t) {
    int a = static_cast<int>(rng() % 420) - 10, b = a + static_cast<int>(rng() % 100);
    double want = 0;
    for (auto it = truth.lower_bound(a); it != truth.end() && it->first <= b; ++it) want += it->second;
    EXPECT_DOUBLE_EQ(s.Sum(a, b), want);
  }
  // Days whose values cancelled out are not kept.
  for (const auto& [d, v] : truth)
    if (v == 0) EXPECT_EQ(s.Sum(d, d), 0);
}

TEST(RollupStore, ReplacingAVillageWindowMovesEveryAncestorAndOnlyThatWindow) {
  auto tree = std::make_shared<RollupTree>(std::vector<RollupTree::Row>{
      {"610000000000", 1}, {"610300000000", 2}, {"610331000000", 3},
      {"610331100000", 4}, {"610331100200", 5}, {"610331100201", 5}});
  RollupStore store(tree, 1);
  int a = tree->Find("610331100200"), b = tree->Find("610331100201"), town = tree->Find("610331100000");
  ASSERT_GE(a, 0);
  store.LoadDirect(0, a, 10, 2);
  store.LoadDirect(0, a, 11, 3);
  store.LoadDirect(0, b, 10, 5);
  store.LoadDirect(0, town, 12, 7);  // a record of the township itself
  store.BuildAggregates(0);
  EXPECT_EQ(store.Sum(0, 0, 0, 100), 17);
  EXPECT_EQ(store.Sum(0, town, 10, 10), 7);
  // Village 甲 on day 11 now has 1 (was 3), and day 10 is untouched.
  EXPECT_TRUE(store.ReplaceDirect(0, a, 11, 11, {{11, 1}}));
  EXPECT_EQ(store.Sum(0, 0, 0, 100), 15);
  EXPECT_EQ(store.Sum(0, a, 10, 10), 2);
  // The township's own records are replaced without touching its villages'.
  EXPECT_TRUE(store.ReplaceDirect(0, town, kBeginningOfTime, kEndOfTime, {}));
  EXPECT_EQ(store.Sum(0, town, 0, 100), 8);
  EXPECT_FALSE(store.ReplaceDirect(0, b, 10, 10, {{10, 5}}));  // same value: nothing to do
  EXPECT_EQ(tree->parent(a), town);
  EXPECT_EQ(tree->parent(tree->Find("610000000000")), 0);
  EXPECT_EQ(tree->villages_below(0), 2);
  EXPECT_EQ(tree->villages_below(town), 2);
  EXPECT_EQ(tree->villages_below(a), 1);
}

}  // namespace
}  // namespace zx::analytics
