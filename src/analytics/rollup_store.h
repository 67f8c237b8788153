// The in-memory rollup structure: for every region of the tree and every data element, a day
// series of the sum over the region's whole subtree, so any region × any period is answered by
// one binary search and a short sum, independent of how many villages lie below.
//
// Records are attached to the region they name (a village for most, a township or county for
// some, e.g. inspection findings). A region's *direct* series holds only the records attached to
// it; for a region without children that is its subtree series, so villages keep one copy.
// Writes replace a region's direct values over a window of days with what the database now says
// (idempotent), and the difference is added to the region and every ancestor.
//
// Thread-safety: none; Rollups (rollups.h) guards a store with a shared mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analytics/day_series.h"

namespace zx::analytics {

// The region tree in depth-first (code) order; a node's parent always comes before it.
class RollupTree {
 public:
  struct Row {
    std::string code;
    int level = 0;
  };
  // `rows` in any order; parents are found by code. Rows whose parent is missing hang from the
  // nearest ancestor that is present (the country if none).
  explicit RollupTree(std::vector<Row> rows);

  int size() const { return static_cast<int>(codes_.size()); }
  // The node of a canonical 12-digit code, or -1.
  int Find(std::string_view code) const;
  int parent(int node) const { return parent_[static_cast<size_t>(node)]; }
  int level(int node) const { return level_[static_cast<size_t>(node)]; }
  std::string code(int node) const;
  // Villages in the subtree (a village counts itself): the denominator of per-village figures,
  // kept with the tree rather than as a series.
  int villages_below(int node) const { return villages_below_[static_cast<size_t>(node)]; }
  bool is_leaf(int node) const { return child_begin_[static_cast<size_t>(node) + 1] == child_begin_[static_cast<size_t>(node)]; }
  // Children of a node, in code order.
  std::pair<const int32_t*, const int32_t*> children(int node) const {
    return {children_.data() + child_begin_[static_cast<size_t>(node)],
            children_.data() + child_begin_[static_cast<size_t>(node) + 1]};
  }

 private:
  std::vector<uint64_t> codes_;
  std::vector<int32_t> parent_;
  std::vector<uint8_t> level_;
  std::vector<int32_t> villages_below_;
  std::vector<int32_t> child_begin_;  // size()+1 offsets into children_
  std::vector<int32_t> children_;
};

class RollupStore {
 public:
  RollupStore(std::shared_ptr<const RollupTree> tree, int elements);

  const RollupTree& tree() const { return *tree_; }
  int elements() const { return elements_; }

  // Bulk load: adds a direct value; call BuildAggregates(element) once all are in.
  void LoadDirect(int element, int node, int day, double value);
  // The same for many values of one element and node (any order; `values` is scratch): a
  // village's series is then written in one allocation.
  void LoadDirectRun(int element, int node, std::vector<std::pair<int, double>>* values);
  // Builds every subtree series of `element` from the direct values, children before parents.
  void BuildAggregates(int element);
  // Gives back the slack the build left in the per-node lists.
  void ShrinkToFit();

  // Sets the direct values of `node` in [from, to] to `values` (any order; repeated days add up)
  // and carries the difference to the node's ancestors. Returns true if anything changed.
  bool ReplaceDirect(int element, int node, int from, int to, const std::vector<std::pair<int, double>>& values);

  // Sum over the subtree of `node` of the element's values on days [from, to].
  double Sum(int element, int node, int from, int to) const;

  // Memory held by the series (for the status page and the benchmarks).
  size_t bytes() const;
  size_t entries() const;

  // Every series, for saving the store (rollup_snapshot.h): `f(element, node, is_direct_of_inner,
  // series)`, in node order.
  template <class F>
  void ForEachSeries(F&& f) const {
    for (size_t node = 0; node < agg_.size(); ++node)
      for (const Slot& slot : agg_[node]) f(static_cast<int>(slot.element), static_cast<int>(node), false, slot.series);
    for (size_t e = 0; e < direct_inner_.size(); ++e)
      for (const auto& [node, series] : direct_inner_[e]) f(static_cast<int>(e), node, true, series);
  }
  // Loading a saved store: the series of one element × node (subtree, or an inner node's direct
  // values), created empty if absent. Saved series are complete: no BuildAggregates after.
  DaySeries* SeriesForLoading(int element, int node, bool direct_of_inner) {
    return direct_of_inner ? &direct_inner_[static_cast<size_t>(element)][node] : Subtree(element, node, true);
  }

 private:
  DaySeries* Subtree(int element, int node, bool create);
  DaySeries* Direct(int element, int node, bool create);

  std::shared_ptr<const RollupTree> tree_;
  // Per node, the series of the elements it has values for, by element: a county's installation
  // keeps the whole country's tree but allocates only where its records are, and a village with
  // visits and check-ins only holds those few series.
  struct Slot {
    DaySeries series;
    uint8_t element = 0;
  };
  int elements_ = 0;
  std::vector<std::vector<Slot>> agg_;                              // [node], sorted by element
  std::vector<std::unordered_map<int, DaySeries>> direct_inner_;  // [element]: direct values of inner nodes
};

}  // namespace zx::analytics
