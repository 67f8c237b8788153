// A sparse time series: one value per day that has data, kept sorted by day, for the rollup store.
// Most writes land on the newest day (append); older days are inserted in place, which moves at
// most a few thousand entries because a series never holds more than one entry per calendar day.
//
// Memory is what bounds a national store (hundreds of millions of entries), so a series is 16
// bytes and one allocation, and each entry is as narrow as its contents allow: a day between
// 1970-01-01 and 2149-06-06 takes 2 bytes (4 otherwise), a whole count within ±2^31 takes 4 bytes
// (a double otherwise: money, fractions, the country's yearly income). Most series are counts on
// recent days, 6 bytes an entry against 12 for int32 + double. A series widens itself, once, when
// a value or a day does not fit; answers are exact either way.
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
  DaySeries() = default;
  ~DaySeries();
  DaySeries(const DaySeries& other);
  DaySeries& operator=(const DaySeries& other);
  DaySeries(DaySeries&& other) noexcept;
  DaySeries& operator=(DaySeries&& other) noexcept;

  // Adds `delta` to `day`; an entry that becomes zero is dropped so series do not grow with churn.
  void Add(int day, double delta);
  // Sum of the values of days in [from, to].
  double Sum(int from, int to) const;
  // The (day, value) entries in [from, to], appended to *out.
  void Entries(int from, int to, std::vector<std::pair<int, double>>* out) const;
  // Adds every entry of `other` (a sorted merge).
  void Merge(const DaySeries& other);
  // Replaces the contents with `entries` in any order, equal days added up (building a parent
  // from its children in one allocation); `entries` is used as scratch.
  void AssignSum(std::vector<std::pair<int, double>>* entries);
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  size_t bytes() const { return BytesFor(capacity(), mode()); }
  void ShrinkToFit();

  // The raw form, for saving the store to a file and loading it back (rollup_snapshot.h): the
  // days, then the values, each size() entries wide as the mode says.
  uint8_t mode() const { return static_cast<uint8_t>(cap_mode_ >> kCapacityBits); }
  const void* days_data() const { return data_; }
  size_t days_bytes() const { return size_ * DayWidth(mode()); }
  const void* values_data() const { return data_ + ValuesOffset(capacity(), mode()); }
  size_t values_bytes() const { return size_ * ValueWidth(mode()); }
  // Replaces the contents with `size` entries of `mode` (a valid mode, below 4) copied from
  // `days` and `values`, whose order and uniqueness the caller vouches for.
  void LoadRaw(uint8_t mode, uint32_t size, const void* days, const void* values);
  static size_t DayWidth(uint8_t mode) { return mode & kWideDays ? 4 : 2; }
  static size_t ValueWidth(uint8_t mode) { return mode & kRealValues ? 8 : 4; }

  // Entry layouts: bit 0 set = 4-byte days, bit 1 set = 8-byte double values.
  static constexpr uint8_t kWideDays = 1, kRealValues = 2;

 private:
  static constexpr int kCapacityBits = 30;
  static size_t ValuesOffset(size_t capacity, uint8_t mode) { return (capacity * DayWidth(mode) + 7) & ~size_t{7}; }
  static size_t BytesFor(size_t capacity, uint8_t mode) { return ValuesOffset(capacity, mode) + capacity * ValueWidth(mode); }
  uint32_t capacity() const { return cap_mode_ & ((1u << kCapacityBits) - 1); }
  // Rewrites the entries into `mode` with room for `capacity` of them.
  void Reshape(uint8_t mode, uint32_t capacity);
  // Replaces the contents with sorted (day, value) entries, in the narrowest mode that holds them.
  void Assign(const std::vector<std::pair<int, double>>& entries);
  // Whether `mode` holds this day or this value.
  static bool Fits(uint8_t mode, int day, double value);

  char* data_ = nullptr;   // capacity days, then (8-byte aligned) capacity values
  uint32_t size_ = 0;
  uint32_t cap_mode_ = 0;  // capacity in the low 30 bits, mode in the top 2
};

inline constexpr int kBeginningOfTime = INT_MIN / 2;
inline constexpr int kEndOfTime = INT_MAX / 2;

}  // namespace zx::analytics
