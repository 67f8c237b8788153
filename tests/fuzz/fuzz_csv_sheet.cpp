// CSV uploads in any encoding Excel or WPS writes (UTF-8 with or without BOM, UTF-16, GB18030):
// decoded or refused, never guessed, never a crash.
#include <cstdint>
#include <string>

#include "sheets/csv_sheet.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  zx::sheets::TextEncoding found;
  auto text = zx::sheets::DecodeText(bytes, &found);
  auto sheet = zx::sheets::ReadCsv(bytes);
  if (sheet.ok() && !text.ok()) __builtin_trap();  // a sheet is only read from decodable text
  (void)zx::sheets::LooksLikeNumericIdNumber(bytes);
  return 0;
}
