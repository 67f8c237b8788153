// A sparse time series: one value per day that has data, kept sorted by day, for the rollup store.
// Most writes land on the newest day (append); older days are inserted in place, which moves at
// most a few thousand entries because a series never holds more than one entry per calendar day.
// Thread-safety: none; the rollup store guards it.
#pragma once

#include <climits>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace zx::analytics {

class DaySeries {
 public:
  // Adds `delta` to `day`; an entry that becomes zero is dropped so series do not grow with churn.
  void Add(int day, double delta);
  // Sum of the values of days in [from, to].
  double Sum(int from, int to) const;
  // The (day, value) entries in [from, to], appended to *out.
  void Entries(int from, int to, std::vector<std::pair<int, double>>* out) const;
  // Adds every entry of `other` (a sorted merge: building parents from their children).
  void Merge(const DaySeries& other);
  bool empty() const { return days_.empty(); }
  size_t size() const { return days_.size(); }
  size_t bytes() const { return days_.capacity() * sizeof(int32_t) + values_.capacity() * sizeof(double); }
  void ShrinkToFit() {
    days_.shrink_to_fit();
    values_.shrink_to_fit();
  }

 private:
  std::vector<int32_t> days_;
  std::vector<double> values_;
};

inline constexpr int kBeginningOfTime = INT_MIN / 2;
inline constexpr int kEndOfTime = INT_MAX / 2;

}  // namespace zx::analytics
