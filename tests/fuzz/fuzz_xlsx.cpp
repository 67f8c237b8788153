// XLSX files come from Excel and WPS users, and from anyone who can reach an import form: the
// reader must refuse what is not a workbook (or is a zip bomb) with a Status, never crash or hang.
#include <cstdint>
#include <string>

#include "sheets/xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  zx::sheets::XlsxOptions options;
  // Small limits keep each run fast; the limit checks themselves are part of what is fuzzed.
  options.limits.max_file_bytes = 1u << 20;
  options.limits.max_entries = 64;
  options.limits.max_entry_bytes = 4u << 20;
  options.limits.max_total_bytes = 8u << 20;
  (void)zx::sheets::XlsxSheetNames(bytes, options.limits);
  auto sheet = zx::sheets::ReadXlsx(bytes, options);
  (void)sheet;
  return 0;
}
