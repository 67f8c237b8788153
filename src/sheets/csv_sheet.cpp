#include "sheets/csv_sheet.h"

#include <unicode/ucnv.h>

#include "core/csv.h"
#include "core/personal_ids.h"
#include "core/text.h"
#include "modules/regions/chinese_names.h"

namespace zx::sheets {
namespace {

Result<std::string> Convert(const char* from, std::string_view in) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(from, &status);
  if (U_FAILURE(status)) return Status::Internal(std::string("ICU converter ") + from);
  // Stop on any byte sequence the encoding does not define instead of substituting U+FFFD.
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::u16string u16(in.size() + 1, u'\0');
  int32_t n = ucnv_toUChars(conv, u16.data(), static_cast<int32_t>(u16.size()), in.data(),
                            static_cast<int32_t>(in.size()), &status);
  ucnv_close(conv);
  if (U_FAILURE(status)) return Status::InvalidArgument("文件编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）", "file");
  u16.resize(n);
  UConverter* utf8 = ucnv_open("UTF-8", &status);
  std::string out(static_cast<size_t>(n) * 3 + 1, '\0');
  int32_t m = ucnv_fromUChars(utf8, out.data(), static_cast<int32_t>(out.size()), u16.data(), n, &status);
  ucnv_close(utf8);
  if (U_FAILURE(status)) return Status::Internal("UTF-8 conversion");
  out.resize(m);
  return out;
}

}  // namespace

Result<std::string> DecodeText(std::string_view bytes, TextEncoding* found) {
  auto set = [&](TextEncoding e) {
    if (found != nullptr) *found = e;
  };
  if (bytes.size() > 0x7fffffff / 4) return Status::PayloadTooLarge("文件过大");
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    set(TextEncoding::kUtf8Bom);
    bytes.remove_prefix(3);
    if (!IsValidUtf8(bytes)) return Status::InvalidArgument("文件声明为 UTF-8 但内容不是合法的 UTF-8", "file");
    return std::string(bytes);
  }
  if (bytes.substr(0, 2) == "\xFF\xFE") {
    set(TextEncoding::kUtf16Le);
    return Convert("UTF-16LE", bytes.substr(2));
  }
  if (bytes.substr(0, 2) == "\xFE\xFF") {
    set(TextEncoding::kUtf16Be);
    return Convert("UTF-16BE", bytes.substr(2));
  }
  if (IsValidUtf8(bytes)) {
    set(TextEncoding::kUtf8);
    return std::string(bytes);
  }
  set(TextEncoding::kGb18030);
  return Convert("GB18030", bytes);
}

Result<Sheet> ReadCsv(std::string_view bytes, const CsvOptions& options) {
  if (bytes.size() > options.max_file_bytes) {
    return Status::PayloadTooLarge("文件过大（上限 " + std::to_string(options.max_file_bytes >> 20) + " MiB）");
  }
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    return Status::InvalidArgument("这是 Excel（.xlsx）文件，不是 CSV", "file");
  }
  if (bytes.find('\0') != std::string_view::npos && bytes.substr(0, 2) != "\xFF\xFE" && bytes.substr(0, 2) != "\xFE\xFF") {
    return Status::InvalidArgument("不是文本文件（CSV）", "file");
  }
  ZX_ASSIGN_OR_RETURN(std::string text, DecodeText(bytes));
  Sheet sheet;
  sheet.name = "CSV";
  CsvReader reader(text);
  std::vector<std::string> fields;
  while (true) {
    ZX_ASSIGN_OR_RETURN(bool more, reader.Next(&fields));
    if (!more) break;
    SheetRow row;
    row.number = reader.line();
    bool any = false;
    for (const std::string& f : fields) {
      Cell c;
      c.text = NormalizeInput(f);
      if (options.to_simplified != nullptr && !c.text.empty()) c.text = options.to_simplified->ToSimplified(c.text);
      c.type = c.text.empty() ? Cell::Type::kEmpty : Cell::Type::kText;
      any = any || !c.text.empty();
      row.cells.push_back(std::move(c));
    }
    if (any) sheet.rows.push_back(std::move(row));
  }
  return sheet;
}

bool LooksLikeNumericIdNumber(std::string_view s) {
  // Scientific notation: d[.ddd]E+nn
  size_t e = s.find_first_of("eE");
  if (e != std::string_view::npos) {
    std::string_view mant = s.substr(0, e), exp = s.substr(e + 1);
    if (!exp.empty() && exp[0] == '+') exp.remove_prefix(1);
    if (mant.empty() || exp.empty()) return false;
    bool dot = false;
    for (char c : mant) {
      if (c == '.' && !dot) dot = true;
      else if (c < '0' || c > '9') return false;
    }
    for (char c : exp) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  }
  if (s.size() < 16 || s.size() > 18) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  if (s.size() == 18 && ParseIdNumber(s).ok()) return false;  // a real ID that happens to end in zeros
  return s.substr(15).find_first_not_of('0') == std::string_view::npos;
}

}  // namespace zx::sheets
