#include "analytics/day_series.h"

#include <algorithm>
#include <cmath>

namespace zx::analytics {
namespace {
// Sums of whole numbers are exact in a double; money sums are whole yuan. Anything smaller than
// this is left-over rounding from adding and taking back the same fractional value.
bool IsZero(double v) { return std::fabs(v) < 1e-9; }
}  // namespace

void DaySeries::Add(int day, double delta) {
  if (IsZero(delta)) return;
  if (days_.empty() || days_.back() < day) {
    days_.push_back(day);
    values_.push_back(delta);
    return;
  }
  auto it = std::lower_bound(days_.begin(), days_.end(), day);
  size_t i = static_cast<size_t>(it - days_.begin());
  if (it != days_.end() && *it == day) {
    values_[i] += delta;
    if (IsZero(values_[i])) {
      days_.erase(days_.begin() + static_cast<long>(i));
      values_.erase(values_.begin() + static_cast<long>(i));
    }
    return;
  }
  days_.insert(it, day);
  values_.insert(values_.begin() + static_cast<long>(i), delta);
}

double DaySeries::Sum(int from, int to) const {
  auto it = std::lower_bound(days_.begin(), days_.end(), from);
  double s = 0;
  for (size_t i = static_cast<size_t>(it - days_.begin()); i < days_.size() && days_[i] <= to; ++i) s += values_[i];
  return s;
}

void DaySeries::Entries(int from, int to, std::vector<std::pair<int, double>>* out) const {
  auto it = std::lower_bound(days_.begin(), days_.end(), from);
  for (size_t i = static_cast<size_t>(it - days_.begin()); i < days_.size() && days_[i] <= to; ++i)
    out->emplace_back(days_[i], values_[i]);
}

void DaySeries::Merge(const DaySeries& other) {
  if (other.empty()) return;
  if (empty()) {
    days_ = other.days_;
    values_ = other.values_;
    return;
  }
  std::vector<int32_t> days;
  std::vector<double> values;
  days.reserve(days_.size() + other.days_.size());
  values.reserve(days.capacity());
  size_t i = 0, j = 0;
  while (i < days_.size() || j < other.days_.size()) {
    if (j == other.days_.size() || (i < days_.size() && days_[i] < other.days_[j])) {
      days.push_back(days_[i]);
      values.push_back(values_[i++]);
    } else if (i == days_.size() || other.days_[j] < days_[i]) {
      days.push_back(other.days_[j]);
      values.push_back(other.values_[j++]);
    } else {
      double v = values_[i] + other.values_[j];
      if (!IsZero(v)) {
        days.push_back(days_[i]);
        values.push_back(v);
      }
      ++i;
      ++j;
    }
  }
  days_.swap(days);
  values_.swap(values);
}

}  // namespace zx::analytics
