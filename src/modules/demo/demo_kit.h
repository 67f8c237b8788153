// What every module's demo loader shares: a deterministic generator, common names, and synthetic
// resident ID numbers with a valid check character. Demo data is the same on every machine, so
// tests and screenshots can rely on it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "core/personal_ids.h"

namespace zx {

// SplitMix64: small, fast and the same everywhere.
class DemoRng {
 public:
  explicit DemoRng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }
  double Unit() { return static_cast<double>(Next() >> 11) / 9007199254740992.0; }

 private:
  uint64_t s_;
};

inline constexpr const char* kDemoSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                               "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
                                               "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于"};

// area6 + birth date + a 3-digit sequence, and the check character.
inline std::string DemoIdNumber(const std::string& area6, int year, int month, int day, int seq) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%.6s%04d%02d%02d%03d", area6.c_str(), year, month, day, seq % 1000);
  std::string first17(buf, 17);
  return first17 + IdCheckCharacter(first17);
}

}  // namespace zx
