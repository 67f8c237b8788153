// Automatic grid assignment (DOMAIN.md D5, seed 003: 每名党员分包联系10到15户): which party member of
// a village links which households. Villager groups stay together (a group goes to one member
// unless it alone exceeds the upper bound), neighbours stay together where positions are known
// (households are ordered by group, then along a Hilbert curve over the village), and every
// member's share stays within the bounds whenever some division can do it.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zx {

struct GridHousehold {
  int64_t id = 0;
  std::string group;                 // 村民小组; households of one group are kept together
  std::optional<double> lat, lng;    // position, if known
};

struct GridBounds {
  int lo = 10, hi = 15;  // households per party member
};

struct GridPlan {
  // One list of household ids per member slot (members.size() == member_count); slots beyond
  // what the village needs stay empty.
  std::vector<std::vector<int64_t>> members;
  bool bounds_met = false;    // every member with households has lo..hi of them
  std::string method;         // "contiguous" (neighbour order kept), "packed", "balanced" (bounds not reachable), "none"
};

// Households in the order the assignment walks them: by group, then along the Hilbert curve;
// households without a position keep their input order after the positioned ones of their group.
std::vector<GridHousehold> OrderForGrid(std::vector<GridHousehold> households);

GridPlan AssignHouseholds(const std::vector<GridHousehold>& households, int member_count, GridBounds bounds);

}  // namespace zx
