#include "analytics/day_series.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>

namespace zx::analytics {
namespace {

// Sums of whole numbers are exact; money sums in a double are whole yuan or cents. Anything
// smaller than this is left-over rounding from adding and taking back the same fractional value.
bool IsZero(double v) { return std::fabs(v) < 1e-9; }

bool FitsNarrowDay(int day) { return day >= 0 && day <= 0xFFFF; }
bool FitsInt(double v) { return v == std::trunc(v) && v >= INT32_MIN && v <= INT32_MAX; }

// Typed views of a series' buffer, one per mode.
template <class D, class V>
struct Layout {
  using Day = D;
  using Value = V;
  D* days;
  V* values;
};

// Calls `f` with the typed view of `data` (holding `capacity` entries) for `mode`.
template <class F>
decltype(auto) WithLayout(uint8_t mode, char* data, size_t capacity, F&& f) {
  size_t values_at = (capacity * (mode & DaySeries::kWideDays ? 4 : 2) + 7) & ~size_t{7};
  switch (mode) {
    case 0: return f(Layout<uint16_t, int32_t>{reinterpret_cast<uint16_t*>(data), reinterpret_cast<int32_t*>(data + values_at)});
    case 1: return f(Layout<int32_t, int32_t>{reinterpret_cast<int32_t*>(data), reinterpret_cast<int32_t*>(data + values_at)});
    case 2: return f(Layout<uint16_t, double>{reinterpret_cast<uint16_t*>(data), reinterpret_cast<double*>(data + values_at)});
    default: return f(Layout<int32_t, double>{reinterpret_cast<int32_t*>(data), reinterpret_cast<double*>(data + values_at)});
  }
}

// First index whose day is >= `day`, in a sorted array of n days.
template <class D>
size_t LowerBound(const D* days, size_t n, int day) {
  if constexpr (sizeof(D) == 2) {
    if (day <= 0) return 0;
    if (day > 0xFFFF) return n;
  }
  return static_cast<size_t>(std::lower_bound(days, days + n, day, [](D a, int b) { return static_cast<int>(a) < b; }) - days);
}

char* Allocate(size_t bytes) {
  if (bytes == 0) return nullptr;
  void* p = std::malloc(bytes);
  if (!p) throw std::bad_alloc();
  return static_cast<char*>(p);
}

}  // namespace

DaySeries::~DaySeries() { std::free(data_); }

DaySeries::DaySeries(const DaySeries& other) { *this = other; }

DaySeries& DaySeries::operator=(const DaySeries& other) {
  if (this == &other) return *this;
  LoadRaw(other.mode(), other.size_, other.days_data(), other.values_data());
  return *this;
}

DaySeries::DaySeries(DaySeries&& other) noexcept : data_(other.data_), size_(other.size_), cap_mode_(other.cap_mode_) {
  other.data_ = nullptr;
  other.size_ = 0;
  other.cap_mode_ = 0;
}

DaySeries& DaySeries::operator=(DaySeries&& other) noexcept {
  if (this == &other) return *this;
  std::free(data_);
  data_ = other.data_;
  size_ = other.size_;
  cap_mode_ = other.cap_mode_;
  other.data_ = nullptr;
  other.size_ = 0;
  other.cap_mode_ = 0;
  return *this;
}

bool DaySeries::Fits(uint8_t mode, int day, double value) {
  return ((mode & kWideDays) || FitsNarrowDay(day)) && ((mode & kRealValues) || FitsInt(value));
}

void DaySeries::Reshape(uint8_t mode, uint32_t capacity) {
  char* fresh = Allocate(BytesFor(capacity, mode));
  uint8_t old_mode = this->mode();
  WithLayout(old_mode, data_, this->capacity(), [&](auto from) {
    WithLayout(mode, fresh, capacity, [&](auto to) {
      using D = typename decltype(to)::Day;
      using V = typename decltype(to)::Value;
      for (uint32_t i = 0; i < size_; ++i) {
        to.days[i] = static_cast<D>(from.days[i]);
        to.values[i] = static_cast<V>(from.values[i]);
      }
    });
  });
  std::free(data_);
  data_ = fresh;
  cap_mode_ = capacity | (static_cast<uint32_t>(mode) << kCapacityBits);
}

void DaySeries::ShrinkToFit() {
  if (capacity() == size_) return;
  if (size_ == 0) {
    std::free(data_);
    data_ = nullptr;
    cap_mode_ = static_cast<uint32_t>(mode()) << kCapacityBits;
    return;
  }
  Reshape(mode(), size_);
}

void DaySeries::LoadRaw(uint8_t mode, uint32_t size, const void* days, const void* values) {
  char* fresh = Allocate(BytesFor(size, mode));
  if (size > 0) {
    std::memcpy(fresh, days, size * DayWidth(mode));
    std::memcpy(fresh + ValuesOffset(size, mode), values, size * ValueWidth(mode));
  }
  std::free(data_);
  data_ = fresh;
  size_ = size;
  cap_mode_ = size | (static_cast<uint32_t>(mode & 3) << kCapacityBits);
}

void DaySeries::Add(int day, double delta) {
  if (IsZero(delta)) return;
  for (;;) {
    uint8_t m = mode();
    bool done = WithLayout(m, data_, capacity(), [&](auto v) -> bool {
      using D = typename decltype(v)::Day;
      using V = typename decltype(v)::Value;
      size_t i = size_ > 0 && static_cast<int>(v.days[size_ - 1]) < day ? size_ : LowerBound(v.days, size_, day);
      bool exists = i < size_ && static_cast<int>(v.days[i]) == day;
      double value = exists ? static_cast<double>(v.values[i]) + delta : delta;
      if (exists && IsZero(value)) {
        std::memmove(v.days + i, v.days + i + 1, (size_ - i - 1) * sizeof(D));
        std::memmove(v.values + i, v.values + i + 1, (size_ - i - 1) * sizeof(V));
        --size_;
        return true;
      }
      if (!Fits(m, day, value)) return false;
      if (exists) {
        v.values[i] = static_cast<V>(value);
        return true;
      }
      if (size_ == capacity()) return false;
      std::memmove(v.days + i + 1, v.days + i, (size_ - i) * sizeof(D));
      std::memmove(v.values + i + 1, v.values + i, (size_ - i) * sizeof(V));
      v.days[i] = static_cast<D>(day);
      v.values[i] = static_cast<V>(value);
      ++size_;
      return true;
    });
    if (done) return;
    // Widen where the entry does not fit, or grow by half; then try again.
    uint8_t wider = m;
    if (!(m & kWideDays) && !FitsNarrowDay(day)) wider |= kWideDays;
    if (!(m & kRealValues)) {
      double existing = 0;
      std::vector<std::pair<int, double>> one;
      Entries(day, day, &one);
      if (!one.empty()) existing = one.front().second;
      if (!FitsInt(existing + delta)) wider |= kRealValues;
    }
    uint32_t cap = capacity();
    Reshape(wider, size_ == cap ? std::max<uint32_t>(4, cap + cap / 2) : cap);
  }
}

double DaySeries::Sum(int from, int to) const {
  if (from > to) return 0;
  return WithLayout(mode(), data_, capacity(), [&](auto v) -> double {
    using V = typename decltype(v)::Value;
    size_t i = LowerBound(v.days, size_, from);
    if constexpr (std::is_same_v<V, double>) {
      double s = 0;
      for (; i < size_ && static_cast<int>(v.days[i]) <= to; ++i) s += v.values[i];
      return s;
    } else {
      int64_t s = 0;
      for (; i < size_ && static_cast<int>(v.days[i]) <= to; ++i) s += v.values[i];
      return static_cast<double>(s);
    }
  });
}

void DaySeries::Entries(int from, int to, std::vector<std::pair<int, double>>* out) const {
  if (from > to) return;
  WithLayout(mode(), data_, capacity(), [&](auto v) {
    for (size_t i = LowerBound(v.days, size_, from); i < size_ && static_cast<int>(v.days[i]) <= to; ++i)
      out->emplace_back(static_cast<int>(v.days[i]), static_cast<double>(v.values[i]));
  });
}

void DaySeries::Assign(const std::vector<std::pair<int, double>>& entries) {
  uint8_t m = 0;
  for (const auto& [day, value] : entries) {
    if (!FitsNarrowDay(day)) m |= kWideDays;
    if (!FitsInt(value)) m |= kRealValues;
  }
  char* fresh = Allocate(BytesFor(entries.size(), m));
  WithLayout(m, fresh, entries.size(), [&](auto v) {
    using D = typename decltype(v)::Day;
    using V = typename decltype(v)::Value;
    for (size_t i = 0; i < entries.size(); ++i) {
      v.days[i] = static_cast<D>(entries[i].first);
      v.values[i] = static_cast<V>(entries[i].second);
    }
  });
  std::free(data_);
  data_ = fresh;
  size_ = static_cast<uint32_t>(entries.size());
  cap_mode_ = size_ | (static_cast<uint32_t>(m) << kCapacityBits);
}

void DaySeries::AssignSum(std::vector<std::pair<int, double>>* entries) {
  std::sort(entries->begin(), entries->end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  size_t out = 0;
  for (size_t i = 0; i < entries->size();) {
    int day = (*entries)[i].first;
    double sum = 0;
    for (; i < entries->size() && (*entries)[i].first == day; ++i) sum += (*entries)[i].second;
    if (!IsZero(sum)) (*entries)[out++] = {day, sum};
  }
  entries->resize(out);
  Assign(*entries);
}

void DaySeries::Merge(const DaySeries& other) {
  if (other.empty()) return;
  if (empty()) {
    *this = other;
    return;
  }
  // The build merges every node into its parent once, so a scratch list per thread saves an
  // allocation per merge.
  thread_local std::vector<std::pair<int, double>> mine, theirs, merged;
  mine.clear();
  theirs.clear();
  merged.clear();
  Entries(kBeginningOfTime, kEndOfTime, &mine);
  other.Entries(kBeginningOfTime, kEndOfTime, &theirs);
  merged.reserve(mine.size() + theirs.size());
  size_t i = 0, j = 0;
  while (i < mine.size() || j < theirs.size()) {
    if (j == theirs.size() || (i < mine.size() && mine[i].first < theirs[j].first)) {
      merged.push_back(mine[i++]);
    } else if (i == mine.size() || theirs[j].first < mine[i].first) {
      merged.push_back(theirs[j++]);
    } else {
      double v = mine[i].second + theirs[j].second;
      if (!IsZero(v)) merged.emplace_back(mine[i].first, v);
      ++i;
      ++j;
    }
  }
  Assign(merged);
}

}  // namespace zx::analytics
