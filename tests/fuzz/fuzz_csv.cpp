// CSV files are imported from Excel/WPS users' ledgers.
#include <cstdint>
#include <string>
#include <vector>

#include "core/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  zx::CsvReader reader(input);
  std::vector<std::string> fields;
  int last_line = 0;
  size_t bytes = 0;
  for (;;) {
    auto more = reader.Next(&fields);
    if (!more.ok() || !*more) break;
    if (reader.line() < last_line) __builtin_trap();  // records never go backwards
    last_line = reader.line();
    for (const auto& f : fields) bytes += f.size();
    if (bytes > size) __builtin_trap();  // a field never holds more than the input
  }
  return 0;
}
