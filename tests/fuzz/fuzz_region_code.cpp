// Region codes arrive in URLs, query strings, JSON bodies and imported files.
#include <cstdint>
#include <string>

#include "core/region_code.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto code = zx::ParseRegionCode(input);
  if (!code.ok()) return 0;
  // A parsed code is canonical: 12 digits, and everything derived from it stays consistent.
  if (code->size() != 12) __builtin_trap();
  auto level = zx::LevelOfCode(*code);
  if (!level.ok()) return 0;
  zx::CodeRange range = zx::SubtreeRange(*code, *level);
  if (!(range.low <= *code && *code <= range.high)) __builtin_trap();
  for (const auto& ancestor : zx::SelfAndAncestors(*code, *level)) {
    auto al = zx::LevelOfCode(ancestor);
    if (al.ok() && !zx::IsWithin(*code, ancestor, *al)) __builtin_trap();
  }
  auto again = zx::ParseRegionCode(zx::ShortCode(*code, *level));
  if (again.ok() && *again != *code) __builtin_trap();
  return 0;
}
