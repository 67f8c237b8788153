// Every text field a user types passes through these normalisations.
#include <cstdint>
#include <string>

#include "core/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  bool valid = zx::IsValidUtf8(input);
  std::string half = zx::FullWidthToHalfWidth(input);
  std::string normal = zx::NormalizeInput(input);
  if (valid && !zx::IsValidUtf8(half)) __builtin_trap();  // valid text stays valid
  (void)zx::Trim(input);
  (void)zx::AsciiLower(input);
  (void)normal;
  return 0;
}
