// Reads one worksheet of an .xlsx file held in memory (libzip + pugixml): shared and inline
// strings, numbers, booleans, dates stored as serial numbers (1900 system with Lotus's phantom
// 29 Feb 1900, or the 1904 system), merged cells filled from their top-left cell, hidden rows
// skipped and reported. Uploaded files are untrusted: the file size, entry count, each entry's and
// the total uncompressed size, and the compression ratio are capped before anything is inflated.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "sheets/sheet.h"

namespace zx::sheets {

struct XlsxLimits {
  size_t max_file_bytes = 50u << 20;
  int max_entries = 2000;
  uint64_t max_entry_bytes = 512ull << 20;
  uint64_t max_total_bytes = 1024ull << 20;
  // Real sheets compress about 10-30×; a bomb compresses thousands of times. Only checked for
  // entries over 1 MiB so that tiny, highly repetitive parts do not trip it.
  double max_ratio = 150.0;
};

struct XlsxOptions {
  std::string sheet_name;         // empty: the first sheet
  bool skip_hidden_rows = true;   // false: hidden rows are returned like the others
  bool fill_merged_cells = true;  // a merged header "户主信息" over three columns repeats in each
  XlsxLimits limits;
};

// Names of the worksheets in workbook order.
Result<std::vector<std::string>> XlsxSheetNames(std::string_view bytes, const XlsxLimits& limits = {});

Result<Sheet> ReadXlsx(std::string_view bytes, const XlsxOptions& options = {});

// True if the bytes start like a zip archive (what an .xlsx is).
bool LooksLikeZip(std::string_view bytes);

// Excel's serial day number to "YYYY-MM-DD" (fraction of a day ignored). 1900 system: serial 60
// is the 29 Feb 1900 that never existed and is refused; serials 1..59 are one day later than the
// simple formula. Fails for serials outside 1..2958465 (9999-12-31).
Result<std::string> SerialToDate(double serial, bool date1904 = false);

}  // namespace zx::sheets
