// CSV front end for importers: detects the encoding people's tools actually produce (UTF-8 with
// or without BOM, UTF-16 from "Unicode text" exports, GBK/GB18030 from Excel on Chinese Windows),
// converts to UTF-8, splits records with core/csv.h and normalises every cell (full-width forms to
// half-width, stray spaces trimmed, optionally traditional → simplified). All cells are kText:
// CSV carries no types, so a mangled ID number is caught by LooksLikeNumericIdNumber.
// Thread-safety: pure functions (the ChineseNames converter is itself thread-safe).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "sheets/sheet.h"

namespace zx {
class ChineseNames;
}

namespace zx::sheets {

enum class TextEncoding { kUtf8, kUtf8Bom, kUtf16Le, kUtf16Be, kGb18030 };

struct CsvOptions {
  size_t max_file_bytes = 50u << 20;
  const ChineseNames* to_simplified = nullptr;  // null: Chinese script left as typed
};

// Decodes `bytes` to UTF-8, reporting the encoding found. Text that is neither valid UTF-8 nor
// valid GB18030 is refused rather than guessed.
Result<std::string> DecodeText(std::string_view bytes, TextEncoding* found = nullptr);

Result<Sheet> ReadCsv(std::string_view bytes, const CsvOptions& options = {});

// True for what Excel makes of an 18-digit ID number typed into a General cell: scientific
// notation ("6.10331E+17"), or 16-18 digits whose last ones became zeros past Excel's 15
// significant digits and whose checksum no longer holds. Such values are refused, never repaired.
bool LooksLikeNumericIdNumber(std::string_view text);

}  // namespace zx::sheets
