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

// Counts on recent days take the narrow layout; a series widens itself for money, big sums and
// days outside 1970..2149, and answers stay exact throughout.
TEST(DaySeries, WidensForFractionsBigValuesAndOldDaysAndStaysExact) {
  DaySeries s;
  std::map<int, double> truth;
  auto add = [&](int day, double v) {
    s.Add(day, v);
    truth[day] += v;
    if (truth[day] == 0) truth.erase(day);
  };
  for (int d = 20000; d < 20100; ++d) add(d, d % 5);
  EXPECT_EQ(s.mode(), 0);
  EXPECT_EQ(s.days_bytes(), 2 * s.size());
  EXPECT_EQ(s.values_bytes(), 4 * s.size());
  add(20050, 2147483000.0);  // past int32 once added to what is there
  add(20050, 1000.0);
  EXPECT_EQ(s.mode(), DaySeries::kRealValues);
  add(-400, 3);  // 1968
  EXPECT_EQ(s.mode(), DaySeries::kRealValues | DaySeries::kWideDays);
  add(20001, 0.25);
  add(20001, -0.25);
  for (const auto& [d, v] : truth) EXPECT_EQ(s.Sum(d, d), v) << d;
  double all = 0;
  for (const auto& [d, v] : truth) all += v;
  EXPECT_EQ(s.Sum(kBeginningOfTime, kEndOfTime), all);
  EXPECT_EQ(s.size(), truth.size());

  // The raw form loads back into an equal series.
  DaySeries copy;
  copy.LoadRaw(s.mode(), static_cast<uint32_t>(s.size()), s.days_data(), s.values_data());
  std::vector<std::pair<int, double>> a, b;
  s.Entries(kBeginningOfTime, kEndOfTime, &a);
  copy.Entries(kBeginningOfTime, kEndOfTime, &b);
  EXPECT_EQ(a, b);

  // A merge of narrow series whose sums overflow int32 comes out wide, and exact.
  DaySeries x, y;
  x.Add(20000, 2000000000);
  y.Add(20000, 2000000000);
  y.Add(70000, 1);  // 2161: a wide day
  x.Merge(y);
  EXPECT_EQ(x.Sum(20000, 20000), 4000000000.0);
  EXPECT_EQ(x.Sum(kBeginningOfTime, kEndOfTime), 4000000001.0);
  EXPECT_EQ(x.mode(), DaySeries::kRealValues | DaySeries::kWideDays);
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
