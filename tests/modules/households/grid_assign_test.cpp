// Property tests of the automatic grid assignment over random villages.
#include "modules/households/grid_assign.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

namespace zx {
namespace {

struct Village {
  std::vector<GridHousehold> households;
  std::map<std::string, int> group_size;
};

Village RandomVillage(std::mt19937& rng, int groups, int max_group, bool positions) {
  Village v;
  int64_t id = 1;
  for (int g = 0; g < groups; ++g) {
    int size = 1 + static_cast<int>(rng() % max_group);
    std::string name = "组" + std::to_string(g);
    v.group_size[name] = size;
    double cx = (rng() % 1000) / 1e4, cy = (rng() % 1000) / 1e4;
    for (int i = 0; i < size; ++i) {
      GridHousehold h{id++, name, std::nullopt, std::nullopt};
      if (positions && rng() % 5) {
        h.lat = 33.9 + cy + (rng() % 100) / 1e5;
        h.lng = 107.3 + cx + (rng() % 100) / 1e5;
      }
      v.households.push_back(h);
    }
  }
  std::shuffle(v.households.begin(), v.households.end(), rng);
  return v;
}

// Exhaustive: can whole groups be put into at most `members` bins of lo..hi households each?
bool Feasible(const std::vector<int>& sizes, size_t i, std::vector<int>& loads, int members, GridBounds b) {
  if (i == sizes.size()) {
    for (int l : loads)
      if (l < b.lo) return false;
    return true;
  }
  for (size_t j = 0; j < loads.size(); ++j)
    if (loads[j] + sizes[i] <= b.hi) {
      loads[j] += sizes[i];
      if (Feasible(sizes, i + 1, loads, members, b)) return true;
      loads[j] -= sizes[i];
    }
  if (static_cast<int>(loads.size()) < members && sizes[i] <= b.hi) {
    loads.push_back(sizes[i]);
    if (Feasible(sizes, i + 1, loads, members, b)) return true;
    loads.pop_back();
  }
  return false;
}

void CheckInvariants(const Village& v, int members, GridBounds b, const GridPlan& plan) {
  ASSERT_EQ(static_cast<int>(plan.members.size()), members);
  std::map<int64_t, int> slot_of;
  for (size_t s = 0; s < plan.members.size(); ++s)
    for (int64_t id : plan.members[s]) {
      EXPECT_FALSE(slot_of.count(id)) << "household " << id << " assigned twice";
      slot_of[id] = static_cast<int>(s);
    }
  if (members > 0) {
    EXPECT_EQ(slot_of.size(), v.households.size()) << "every household assigned";
  }
  // A group within the upper bound goes to one member.
  std::map<std::string, std::set<int>> slots_of_group;
  for (const auto& h : v.households)
    if (slot_of.count(h.id)) slots_of_group[h.group].insert(slot_of[h.id]);
  for (const auto& [g, slots] : slots_of_group)
    if (v.group_size.at(g) <= b.hi) {
      EXPECT_EQ(slots.size(), 1u) << g << " (" << v.group_size.at(g) << ") split";
    }
  if (plan.bounds_met) {
    for (const auto& m : plan.members) {
      if (!m.empty()) {
        EXPECT_GE(static_cast<int>(m.size()), b.lo);
        EXPECT_LE(static_cast<int>(m.size()), b.hi);
      }
    }
  }
}

TEST(GridAssignProperty, SmallVillagesMeetTheBoundsWheneverAnyDivisionCan) {
  std::mt19937 rng(20261122);
  int feasible_cases = 0;
  for (int round = 0; round < 3000; ++round) {
    GridBounds b{static_cast<int>(3 + rng() % 10), 0};
    b.hi = b.lo + static_cast<int>(rng() % 8);
    Village v = RandomVillage(rng, 1 + rng() % 7, b.hi, rng() % 2);  // every group within the upper bound
    int members = static_cast<int>(rng() % 8);
    GridPlan plan = AssignHouseholds(v.households, members, b);
    SCOPED_TRACE("round " + std::to_string(round));
    CheckInvariants(v, members, b, plan);
    std::vector<int> sizes;
    for (const auto& [g, s] : v.group_size) sizes.push_back(s);
    std::vector<int> loads;
    bool feasible = members > 0 && Feasible(sizes, 0, loads, members, b);
    if (feasible) {
      ++feasible_cases;
      EXPECT_TRUE(plan.bounds_met) << "a division within " << b.lo << ".." << b.hi << " exists; method " << plan.method;
    }
  }
  EXPECT_GT(feasible_cases, 300);
}

TEST(GridAssignProperty, LargeVillagesKeepGroupsAndAssignEveryHouseholdOnce) {
  std::mt19937 rng(7);
  int met = 0;
  for (int round = 0; round < 400; ++round) {
    GridBounds b{10, 15};
    Village v = RandomVillage(rng, 5 + rng() % 30, 40, true);
    int households = static_cast<int>(v.households.size());
    int members = households / 12 + static_cast<int>(rng() % 5) - 2;
    members = std::max(members, 0);
    GridPlan plan = AssignHouseholds(v.households, members, b);
    SCOPED_TRACE("round " + std::to_string(round));
    CheckInvariants(v, members, b, plan);
    met += plan.bounds_met;
  }
  EXPECT_GT(met, 200);
}

TEST(GridAssign, NeighboursInOneGroupStayTogether) {
  // One group of 30 along a line: two members, each a contiguous stretch of the line.
  std::vector<GridHousehold> hs;
  for (int i = 0; i < 30; ++i) hs.push_back({i + 1, "一组", 33.0, 107.0 + i * 0.001});
  std::reverse(hs.begin(), hs.end());
  GridPlan plan = AssignHouseholds(hs, 2, {10, 15});
  ASSERT_TRUE(plan.bounds_met);
  for (const auto& m : plan.members) {
    ASSERT_EQ(m.size(), 15u);
    std::set<int64_t> ids(m.begin(), m.end());
    EXPECT_EQ(*ids.rbegin() - *ids.begin(), 14) << "a contiguous stretch";
  }
}

TEST(GridAssign, NoMembersOrNoHouseholds) {
  EXPECT_TRUE(AssignHouseholds({}, 3, {10, 15}).bounds_met);
  GridPlan none = AssignHouseholds({{1, "a"}}, 0, {10, 15});
  EXPECT_FALSE(none.bounds_met);
  EXPECT_TRUE(none.members.empty());
}

}  // namespace
}  // namespace zx
