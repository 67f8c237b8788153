#include "modules/households/grid_assign.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace zx {
namespace {

// Position along a Hilbert curve of order 16: points close on the curve are close on the ground.
uint64_t HilbertKey(uint32_t x, uint32_t y) {
  const uint32_t n = 1u << 16;
  uint64_t d = 0;
  for (uint32_t s = n / 2; s > 0; s /= 2) {
    uint32_t rx = (x & s) ? 1 : 0, ry = (y & s) ? 1 : 0;
    d += static_cast<uint64_t>(s) * s * ((3 * rx) ^ ry);
    if (ry == 0) {
      if (rx == 1) {
        x = n - 1 - x;
        y = n - 1 - y;
      }
      std::swap(x, y);
    }
  }
  return d;
}

struct Unit {
  size_t begin, end;  // households [begin, end) in walking order
  int size() const { return static_cast<int>(end - begin); }
};

// Cuts a group larger than the upper bound into chunks: equal ones within the bounds if they
// exist, else full chunks and a remainder that joins its neighbours.
void CutLargeGroup(size_t begin, size_t end, GridBounds b, std::vector<Unit>* units) {
  int s = static_cast<int>(end - begin);
  int k = (s + b.hi - 1) / b.hi;
  if (s >= b.lo * k) {
    size_t at = begin;
    for (int i = 0; i < k; ++i) {
      int size = s / k + (i < s % k ? 1 : 0);
      units->push_back({at, at + size});
      at += size;
    }
    return;
  }
  size_t at = begin;
  while (static_cast<int>(end - at) >= b.hi) {
    units->push_back({at, at + b.hi});
    at += b.hi;
  }
  if (at < end) units->push_back({at, end});
}

// Exact search for a packing of units (sizes, largest first) into k bins of lo..hi.
bool Pack(const std::vector<int>& sizes, size_t i, std::vector<int>& loads, std::vector<int>& bin_of, int remaining,
          GridBounds b, long* budget) {
  if (--*budget < 0) return false;
  if (i == sizes.size()) {
    for (int l : loads)
      if (l < b.lo) return false;
    return true;
  }
  int deficit = 0;
  for (int l : loads) deficit += std::max(0, b.lo - l);
  if (deficit > remaining) return false;
  bool tried_empty = false;
  for (size_t j = 0; j < loads.size(); ++j) {
    if (loads[j] + sizes[i] > b.hi) continue;
    if (loads[j] == 0) {
      if (tried_empty) continue;  // empty bins are interchangeable
      tried_empty = true;
    }
    loads[j] += sizes[i];
    bin_of[i] = static_cast<int>(j);
    if (Pack(sizes, i + 1, loads, bin_of, remaining - sizes[i], b, budget)) return true;
    loads[j] -= sizes[i];
  }
  return false;
}

}  // namespace

std::vector<GridHousehold> OrderForGrid(std::vector<GridHousehold> hs) {
  double min_lat = 1e9, max_lat = -1e9, min_lng = 1e9, max_lng = -1e9;
  for (const auto& h : hs)
    if (h.lat && h.lng) {
      min_lat = std::min(min_lat, *h.lat), max_lat = std::max(max_lat, *h.lat);
      min_lng = std::min(min_lng, *h.lng), max_lng = std::max(max_lng, *h.lng);
    }
  auto scale = [](double v, double lo, double hi) {
    double span = hi - lo;
    if (span <= 0) return 0u;
    return static_cast<uint32_t>(std::clamp((v - lo) / span, 0.0, 1.0) * 65535.0);
  };
  struct Keyed {
    GridHousehold h;
    bool positioned;
    uint64_t key;
    size_t input;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(hs.size());
  for (size_t i = 0; i < hs.size(); ++i) {
    bool pos = hs[i].lat && hs[i].lng;
    uint64_t key = pos ? HilbertKey(scale(*hs[i].lng, min_lng, max_lng), scale(*hs[i].lat, min_lat, max_lat)) : 0;
    keyed.push_back({std::move(hs[i]), pos, key, i});
  }
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    if (a.h.group != b.h.group) return a.h.group < b.h.group;
    if (a.positioned != b.positioned) return a.positioned;
    if (a.key != b.key) return a.key < b.key;
    return a.input < b.input;
  });
  std::vector<GridHousehold> out;
  out.reserve(keyed.size());
  for (auto& k : keyed) out.push_back(std::move(k.h));
  return out;
}

GridPlan AssignHouseholds(const std::vector<GridHousehold>& input, int member_count, GridBounds b) {
  GridPlan plan;
  plan.members.assign(std::max(0, member_count), {});
  b.lo = std::max(1, b.lo);
  b.hi = std::max(b.lo, b.hi);
  if (input.empty()) {
    plan.bounds_met = true;
    plan.method = "none";
    return plan;
  }
  if (member_count <= 0) {
    plan.method = "none";
    return plan;
  }
  std::vector<GridHousehold> hs = OrderForGrid(input);
  const int n_households = static_cast<int>(hs.size());
  const int K = member_count;

  std::vector<Unit> units;
  for (size_t i = 0; i < hs.size();) {
    size_t j = i;
    while (j < hs.size() && hs[j].group == hs[i].group) ++j;
    if (static_cast<int>(j - i) <= b.hi) units.push_back({i, j});
    else CutLargeGroup(i, j, b, &units);
    i = j;
  }
  const size_t n = units.size();
  auto emit = [&](const std::vector<int>& slot_of_unit) {
    for (size_t u = 0; u < n; ++u)
      for (size_t h = units[u].begin; h < units[u].end; ++h) plan.members[slot_of_unit[u]].push_back(hs[h].id);
    plan.bounds_met = true;
    for (const auto& m : plan.members)
      if (!m.empty() && (static_cast<int>(m.size()) < b.lo || static_cast<int>(m.size()) > b.hi)) plan.bounds_met = false;
  };

  // 1. Contiguous segments in walking order (neighbours together), as many members as possible.
  //    from[i][k] = 1 + start of the last segment of a division of units [0, i) into k segments.
  const int kmax = std::min<int>(K, n_households / b.lo);
  if (kmax >= 1) {
    std::vector<int32_t> from((n + 1) * (kmax + 1), 0);
    auto at = [&](size_t i, int k) -> int32_t& { return from[i * (kmax + 1) + k]; };
    at(0, 0) = -1;  // the empty division
    for (size_t i = 1; i <= n; ++i) {
      int sum = 0;
      for (size_t j = i; j-- > 0;) {
        sum += units[j].size();
        if (sum > b.hi) break;
        if (sum < b.lo) continue;
        for (int k = 1; k <= kmax; ++k)
          if (at(j, k - 1) != 0 && at(i, k) == 0) at(i, k) = static_cast<int32_t>(j) + 1;
      }
    }
    for (int k = kmax; k >= 1; --k) {
      if (at(n, k) == 0) continue;
      std::vector<int> slot(n);
      size_t i = n;
      for (int s = k; s >= 1; --s) {
        size_t j = static_cast<size_t>(at(i, s) - 1);
        for (size_t u = j; u < i; ++u) slot[u] = s - 1;
        i = j;
      }
      plan.method = "contiguous";
      emit(slot);
      return plan;
    }
  }

  // 2. Packing whole units into bins, neighbour order given up where the bounds need it.
  std::vector<size_t> by_size(n);
  std::iota(by_size.begin(), by_size.end(), 0);
  std::stable_sort(by_size.begin(), by_size.end(), [&](size_t a, size_t c) { return units[a].size() > units[c].size(); });
  std::vector<int> sizes;
  for (size_t u : by_size) sizes.push_back(units[u].size());
  const int kmin = std::max(1, (n_households + b.hi - 1) / b.hi);
  for (int k = kmax; k >= kmin; --k) {
    std::vector<int> loads(k, 0), bin_of(n, -1);
    bool ok;
    if (n <= 12) {
      long budget = 2000000;
      ok = Pack(sizes, 0, loads, bin_of, n_households, b, &budget);
    } else {
      ok = true;  // worst fit decreasing: the emptiest bin that still fits
      for (size_t i = 0; i < n && ok; ++i) {
        int best = -1;
        for (int j = 0; j < k; ++j)
          if (loads[j] + sizes[i] <= b.hi && (best < 0 || loads[j] < loads[best])) best = j;
        if (best < 0) ok = false;
        else loads[best] += sizes[i], bin_of[i] = best;
      }
      for (int l : loads)
        if (l < b.lo) ok = false;
    }
    if (!ok) continue;
    // Bins numbered by their first unit in walking order, so slots still run along the village.
    std::vector<int> slot(n), first(k, static_cast<int>(n));
    for (size_t i = 0; i < n; ++i) first[bin_of[i]] = std::min<int>(first[bin_of[i]], static_cast<int>(by_size[i]));
    std::vector<int> rank(k);
    std::iota(rank.begin(), rank.end(), 0);
    std::sort(rank.begin(), rank.end(), [&](int a, int c) { return first[a] < first[c]; });
    std::vector<int> slot_of_bin(k);
    for (int r = 0; r < k; ++r) slot_of_bin[rank[r]] = r;
    for (size_t i = 0; i < n; ++i) slot[by_size[i]] = slot_of_bin[bin_of[i]];
    plan.method = "packed";
    emit(slot);
    return plan;
  }

  // 3. The bounds cannot be met: contiguous and as even as possible, and the members flagged.
  int k = n_households > b.hi * K ? K
                                  : std::clamp(static_cast<int>(std::lround(n_households / ((b.lo + b.hi) / 2.0))), 1, K);
  std::vector<int> slot(n);
  long before = 0;
  for (size_t u = 0; u < n; ++u) {
    long mid2 = 2 * before + units[u].size();  // twice the unit's midpoint
    slot[u] = std::min<int>(k - 1, static_cast<int>(mid2 * k / (2L * n_households)));
    before += units[u].size();
  }
  plan.method = "balanced";
  emit(slot);
  return plan;
}

}  // namespace zx
