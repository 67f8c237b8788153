// Resident ID numbers and mobile numbers come from forms and imported ledgers.
#include <cstdint>
#include <string>

#include "core/personal_ids.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto id = zx::ParseIdNumber(input);
  if (id.ok()) {
    std::string masked = zx::MaskIdNumber(input);
    if (masked.size() > input.size() + 16) __builtin_trap();
  }
  auto phone = zx::ParseMobile(input);
  if (phone.ok()) (void)zx::MaskPhone(*phone);
  return 0;
}
